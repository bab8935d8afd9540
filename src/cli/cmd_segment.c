/* cmd_segment.c -- `depeche segment`: one sentence a line, or JSONL.
 *
 * Files are read in 64 KiB chunks through the streaming segmenter, so memory
 * does not grow with the input (only with its longest line). */
#include <errno.h>
#include <getopt.h>
#include <stdint.h>
#include <stdio.h>
#include <string.h>
#include <sys/stat.h>

#include "cli.h"

static const char usage[] =
    "usage: depeche segment [--lossy] [--lang TAG] [--abbrev FILE]\n"
    "                       [--to text|jsonl] [-o FILE] [FILE...]\n"
    "\n"
    "Splits French text (English with --lang en) into sentences.  Every\n"
    "line break (LF, CR, CRLF, U+2028, U+2029) ends a sentence; a blank\n"
    "line or U+2029 starts a paragraph.  No FILE, or -, reads stdin.\n"
    "\n"
    "  --lossy        replace invalid UTF-8 with U+FFFD and drop NUL bytes\n"
    "                 (each repair is reported on stderr) instead of failing\n"
    "  --lang TAG     the text's language, BCP-47 (default fr-FR); en and\n"
    "                 en-* read English abbreviations (dicts/en/abbrev.txt)\n"
    "  --abbrev FILE  more abbreviations, one a line (see "
    "dicts/fr/abbrev.txt)\n"
    "  --to text      one sentence a line, a blank line between paragraphs\n"
    "                 and between files (the default)\n"
    "  --to jsonl     one JSON object a sentence: file, para, start, end\n"
    "                 (byte offsets in the file), text\n"
    "  -o FILE        write to FILE instead of stdout\n"
    "  -h, --help     show this help\n"
    "\n"
    "Exit status: 0 ok, 2 usage, 3 bad input, 4 I/O error.\n";

/* Sentences are short: they are gathered into big writes. */
#define OUT_CAP 65536

typedef struct seg_ctx {
    FILE *out;
    char buf[OUT_CAP];
    size_t len;
    int failed; /* a write failed: stop (cli_close_output reports it) */
    int jsonl;
    const char *file; /* the input being read, as named; cli_warn reads it */
    int any;          /* a sentence was written (text: blank-line logic) */
    size_t paragraph; /* of the last sentence written in this file */
    int file_has_text;
} seg_ctx;

static void
flush_out(seg_ctx *c)
{
    if (c->len && !c->failed && fwrite(c->buf, 1, c->len, c->out) != c->len)
        c->failed = 1;
    c->len = 0;
}

static void
put(seg_ctx *c, const char *s, size_t n)
{
    if (n > OUT_CAP - c->len) {
        flush_out(c);
        if (n > OUT_CAP) {
            if (!c->failed && fwrite(s, 1, n, c->out) != n)
                c->failed = 1;
            return;
        }
    }
    memcpy(c->buf + c->len, s, n);
    c->len += n;
}

static int
put_sink(void *user, const char *bytes, size_t len)
{
    put(user, bytes, len);
    return 0;
}

/* The library's JSON escaping: one definition for every command. */
static void
put_json_string(seg_ctx *c, const char *s, size_t n)
{
    depeche_json_string(s, n, put_sink, c);
}

static int
on_sentence(void *user, const depeche_sentence *s)
{
    seg_ctx *c = user;
    if (c->jsonl) {
        char num[96];
        put(c, "{\"file\":", 8);
        put_json_string(c, c->file, strlen(c->file));
        int k = snprintf(
            num, sizeof num,
            ",\"para\":%zu,\"start\":%llu,\"end\":%llu,\"text\":", s->paragraph,
            (unsigned long long)s->start, (unsigned long long)s->end);
        put(c, num, (size_t)k);
        put_json_string(c, s->text, s->len);
        put(c, "}\n", 2);
    } else {
        /* A blank line between paragraphs, and between files. */
        if (c->any && (!c->file_has_text || s->paragraph != c->paragraph))
            put(c, "\n", 1);
        put(c, s->text, s->len);
        put(c, "\n", 1);
    }
    c->any = 1;
    c->file_has_text = 1;
    c->paragraph = s->paragraph;
    /* Stop early when the output is gone (a full disk, a closed pipe). */
    return c->failed;
}

/* Segments one file; returns an exit code. */
static int
segment_file(depeche_segmenter *s, seg_ctx *c, const char *path)
{
    int is_stdin = strcmp(path, "-") == 0;
    FILE *in = stdin;
    if (!is_stdin) {
        struct stat sb;
        if (stat(path, &sb) == 0 && S_ISDIR(sb.st_mode)) {
            fprintf(stderr, "depeche: %s: is a directory, not a file\n", path);
            return EXIT_IO;
        }
        in = fopen(path, "rb");
        if (!in) {
            fprintf(stderr, "depeche: %s: %s\n", path, strerror(errno));
            return EXIT_IO;
        }
    }
    c->file = path;
    c->file_has_text = 0;
    depeche_segmenter_reset(s);
    static char buf[65536];
    depeche_error err;
    depeche_status st = DEPECHE_OK;
    size_t n;
    while (!st && (n = fread(buf, 1, sizeof buf, in)) > 0)
        st = depeche_segmenter_feed(s, buf, n, &err);
    int code = EXIT_OK;
    if (!st && ferror(in)) {
        fprintf(stderr, "depeche: %s: %s\n", path, strerror(errno));
        code = EXIT_IO;
    } else if (!st) {
        st = depeche_segmenter_finish(s, &err);
    }
    if (st == DEPECHE_ERR_ABORTED)
        code = EXIT_IO; /* only a failed write stops us: cli_close_output
                           reports it */
    else if (st)
        code = cli_report(path, &err);
    if (!is_stdin)
        fclose(in);
    return code;
}

int
cmd_segment(int argc, char **argv)
{
    enum { OPT_SEG_LOSSY = 256, OPT_SEG_ABBREV, OPT_SEG_TO, OPT_SEG_LANG };
    static const struct option longopts[] = {
        {"lossy", no_argument, NULL, OPT_SEG_LOSSY},
        {"abbrev", required_argument, NULL, OPT_SEG_ABBREV},
        {"lang", required_argument, NULL, OPT_SEG_LANG},
        {"to", required_argument, NULL, OPT_SEG_TO},
        {"output", required_argument, NULL, 'o'},
        {"help", no_argument, NULL, 'h'},
        {NULL, 0, NULL, 0}};
    depeche_options opts;
    depeche_options_init(&opts);
    const char *output = NULL;
    int jsonl = 0, opt;
    optind = 1;
    while ((opt = getopt_long(argc, argv, "o:h", longopts, NULL)) != -1) {
        switch (opt) {
        case OPT_SEG_LOSSY:
            opts.flags |= DEPECHE_LOSSY;
            break;
        case OPT_SEG_ABBREV:
            opts.abbrev_file = optarg;
            break;
        case OPT_SEG_LANG:
            opts.lang = optarg;
            break;
        case OPT_SEG_TO:
            if (strcmp(optarg, "text") == 0)
                jsonl = 0;
            else if (strcmp(optarg, "jsonl") == 0)
                jsonl = 1;
            else
                return cli_usage_error("segment", "unknown format '%s'",
                                       optarg);
            break;
        case 'o':
            output = optarg;
            break;
        case 'h':
            fputs(usage, stdout);
            return fflush(stdout) ? EXIT_IO : EXIT_OK;
        default:
            return cli_usage_error("segment", "bad option");
        }
    }
    char *stdin_only[] = {"-"};
    char **files = optind < argc ? argv + optind : stdin_only;
    int nfiles = optind < argc ? argc - optind : 1;

    seg_ctx c;
    memset(&c, 0, sizeof c);
    c.jsonl = jsonl;
    opts.warn_fn = cli_warn;
    opts.warn_user = &c.file;
    opts.flags |= DEPECHE_NO_SPELL; /* no dictionary to look for */
    depeche_segmenter *s = NULL;
    depeche_context *ctx = NULL;
    depeche_error err;
    depeche_status st = depeche_context_new(&opts, &ctx, &err);
    if (!st)
        st = depeche_segmenter_new_from_context(ctx, on_sentence, &c, &s, &err);
    depeche_context_free(ctx); /* the segmenter keeps no pointer into it */
    if (st)
        return cli_report(NULL, &err); /* err names --lang or the list */
    cli_output dest;
    int opened = cli_open_output(output, files, nfiles, &dest);
    c.out = dest.f;
    if (opened) {
        depeche_segmenter_free(s);
        return opened;
    }
    /* Like the other commands, stop at the first file that fails. */
    int code = EXIT_OK;
    for (int i = 0; i < nfiles && !code && !c.failed; i++)
        code = segment_file(s, &c, files[i]);
    flush_out(&c);
    depeche_segmenter_free(s);
    int rc = cli_close_output(&dest, code);
    return code ? code : rc;
}
