/* cmd_dedup.c -- `depeche dedup`: the lines not said before, from the
 * merged outputs of prep shards (the library's depeche_deduper). */
#include <errno.h>
#include <getopt.h>
#include <stdlib.h>
#include <string.h>

#include "cli.h"
#include "input.h"

static const char help[] =
    "usage: depeche dedup [--key exact|normalized] [--in lines|jsonl]\n"
    "                     [--mem SIZE] [-o FILE] [FILE...]\n\n"
    "Writes each line of the FILEs (read as one stream, in order) whose key\n"
    "no earlier line had, in input order, and tells on standard error how\n"
    "many lines were dropped.  Made for the outputs of prep run on shards of\n"
    "a corpus and put together (GNU parallel): one segment a line, as\n"
    "--to moses, text or jsonl write them.  A line with no visible\n"
    "character is always kept.  Every line written ends with a LF.  Inputs\n"
    "compressed with gzip or zstd are read decompressed.\n\n"
    "  --key MODE        exact (default): the same bytes; normalized: the\n"
    "                    same letters once case, accents, punctuation,\n"
    "                    digits and spaces are folded (prep --dedup's keys)\n"
    "  --in FORMAT       lines (default): the key is the whole line; jsonl:\n"
    "                    each line is a JSON record (prep --to jsonl) and\n"
    "                    the key is its text field only\n"
    "  --text-field NAME the field holding the text (default text)\n"
    "  --mem SIZE        memory for the table of hashes (64 bits a line):\n"
    "                    N megabytes, or NK, NM, NG (default 256M); past\n"
    "                    it, the hashes and the lines after them go to\n"
    "                    temporary files in $TMPDIR (default /tmp), deleted\n"
    "                    as soon as made; the output is the same bytes\n"
    "  --skip-bad        report a bad line (invalid UTF-8, a NUL byte, a\n"
    "                    malformed record) and leave it out, instead of\n"
    "                    stopping (exit 3)\n"
    "  -o FILE           write to FILE instead of standard output\n";

enum { OPT_KEY = 300, OPT_DEDUP_IN, OPT_TEXT_FIELD, OPT_MEM, OPT_SKIP_BAD };

typedef struct dedup_args {
    depeche_dedup_options o;
    const char *output;
    int skip_bad;
} dedup_args;

static int
parse_args(int argc, char **argv, dedup_args *a)
{
    static const struct option longopts[] = {
        {"key", required_argument, NULL, OPT_KEY},
        {"in", required_argument, NULL, OPT_DEDUP_IN},
        {"text-field", required_argument, NULL, OPT_TEXT_FIELD},
        {"mem", required_argument, NULL, OPT_MEM},
        {"skip-bad", no_argument, NULL, OPT_SKIP_BAD},
        {"output", required_argument, NULL, 'o'},
        {"help", no_argument, NULL, 'h'},
        {NULL, 0, NULL, 0}};
    int c;
    optind = 1;
    while ((c = getopt_long(argc, argv, "o:h", longopts, NULL)) != -1) {
        int rc = EXIT_OK;
        if (c == OPT_KEY) {
            if (depeche_dedup_parse(optarg, &a->o.key) ||
                a->o.key == DEPECHE_DEDUP_NONE)
                rc = cli_usage_error("dedup", "unknown key '%s'", optarg);
        } else if (c == OPT_DEDUP_IN) {
            a->o.jsonl = !strcmp(optarg, "jsonl");
            if (!a->o.jsonl && strcmp(optarg, "lines"))
                rc = cli_usage_error("dedup", "unknown input format '%s'",
                                     optarg);
        } else if (c == OPT_TEXT_FIELD)
            a->o.text_field = optarg;
        else if (c == OPT_MEM)
            rc = cli_parse_size("dedup", "--mem", optarg, 0, &a->o.max_memory);
        else if (c == OPT_SKIP_BAD)
            a->skip_bad = 1;
        else if (c == 'o')
            a->output = optarg;
        else if (c == 'h') {
            fputs(help, stdout);
            return EXIT_OK;
        } else
            rc = cli_usage_error("dedup", "bad option");
        if (rc)
            return rc;
    }
    if (a->o.text_field && !a->o.jsonl)
        return cli_usage_error("dedup", "--text-field needs --in jsonl");
    return -1;
}

/* One run: the output the deduper writes to, and the bad lines left out. */
typedef struct run {
    cli_output out;
    depeche_deduper *d;
    int skip_bad;
    uint64_t skipped;
} run;

/* A failure of the deduper that is not the input's: a failed write to the
 * output is told by cli_close_output. */
static int
failed(const run *r, const depeche_error *err)
{
    if (err->status == DEPECHE_ERR_IO && r->out.write_errno)
        return EXIT_IO;
    fprintf(stderr, "depeche: dedup: %s\n",
            err->message[0] ? err->message : depeche_strerror(err->status));
    return cli_exit_code(err->status);
}

/* A line the deduper refused: named by file, line and byte; left out
 * under --skip-bad, else the end of the run. */
static int
bad_line(run *r, const cli_lines *l, const depeche_error *err)
{
    fprintf(stderr, "depeche: %s: line %llu: byte %llu: %s%s\n", l->s.name,
            (unsigned long long)l->line_no,
            (unsigned long long)(l->offset + err->byte_offset), err->message,
            r->skip_bad ? "; skipped (--skip-bad)" : "");
    if (!r->skip_bad)
        return EXIT_BAD_INPUT;
    r->skipped++;
    return EXIT_OK;
}

static int
add_file(run *r, const char *path)
{
    cli_lines l;
    int rc = cli_lines_open(&l, path);
    const char *line;
    size_t len;
    while (!rc && !(rc = cli_lines_next(&l, &line, &len)) && line) {
        depeche_error err = {0};
        depeche_status st = depeche_deduper_add(r->d, line, len, &err);
        if (st == DEPECHE_ERR_BAD_INPUT)
            rc = bad_line(r, &l, &err);
        else if (st)
            rc = failed(r, &err);
    }
    cli_lines_close(&l);
    return rc;
}

static void
print_summary(const run *r, const dedup_args *a)
{
    uint64_t lines = depeche_deduper_lines(r->d);
    uint64_t dropped = depeche_deduper_dropped(r->d);
    fprintf(stderr,
            "depeche: dedup: %llu line%s, %llu dropped as repeats (%s), "
            "%llu written",
            (unsigned long long)lines, lines == 1 ? "" : "s",
            (unsigned long long)dropped,
            a->o.key == DEPECHE_DEDUP_NORMALIZED ? "normalized" : "exact",
            (unsigned long long)(lines - dropped));
    if (r->skipped)
        fprintf(stderr, ", %llu bad line%s skipped",
                (unsigned long long)r->skipped, r->skipped == 1 ? "" : "s");
    if (depeche_deduper_spilled(r->d))
        fprintf(stderr, "; past --mem, on disk in %s", a->o.tmp_dir);
    fputc('\n', stderr);
}

int
cmd_dedup(int argc, char **argv)
{
    dedup_args a = {0};
    depeche_dedup_options_init(&a.o);
    int rc = parse_args(argc, argv, &a);
    if (rc >= 0)
        return rc;
    const char *tmp = getenv("TMPDIR");
    a.o.tmp_dir = tmp && *tmp ? tmp : "/tmp";
    char *stdin_name[] = {"-"};
    char **files = optind < argc ? argv + optind : stdin_name;
    int nfiles = optind < argc ? argc - optind : 1;
    run r = {.skip_bad = a.skip_bad};
    if ((rc = cli_open_output(a.output, files, nfiles, &r.out)))
        return rc;
    depeche_error err = {0};
    if (depeche_deduper_new(&a.o, cli_file_sink, &r.out, &r.d, &err))
        rc = failed(&r, &err);
    for (int i = 0; i < nfiles && !rc; i++)
        rc = add_file(&r, files[i]);
    if (!rc && depeche_deduper_finish(r.d, &err))
        rc = failed(&r, &err);
    rc = cli_close_output(&r.out, rc);
    if (!rc)
        print_summary(&r, &a);
    depeche_deduper_free(r.d);
    return rc;
}
