/* cmd_normalize.c -- `depeche normalize`: the normalized text only.
 *
 * Input is read a chunk at a time (cli_reader) and each chunk, cut after
 * its last LF, is normalized at once.  Large chunks are cut at line starts
 * and normalized in parallel (one
 * pipeline-free depeche_normalize() call a piece: the library keeps no
 * shared state); the pieces, and the repairs each reports, are written in
 * input order. */
#define _GNU_SOURCE /* memrchr */
#include <getopt.h>
#include <pthread.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include "cli.h"

static const char help[] =
    "usage: depeche normalize [--profile minimal|typo|mt] [--lossy]\n"
    "                         [--jobs N] [-o FILE] [FILE...]\n\n"
    "Writes each FILE normalized: NFC, line ends to LF, invisible and\n"
    "control characters removed, spaces folded and trimmed; with\n"
    "--profile typo French typography (« », ’, no-break spaces U+00A0);\n"
    "with --profile mt the same mapped to ASCII punctuation for MT.\n\n"
    "  --profile P   minimal (default), typo or mt\n"
    "  --lossy       replace invalid UTF-8 with U+FFFD, drop NUL bytes\n"
    "                (each repair is reported on stderr)\n"
    "  --jobs N      threads for large files (default: the processors,\n"
    "                at most 8; 1 = none); the output is the same\n"
    "  -o FILE       write to FILE instead of standard output\n";

enum { PIECE_MIN = 1 << 20 }; /* smaller inputs are not worth a thread */
/* Bytes read at a time ($DEPECHE_CHUNK_BYTES in tests): a piece for each
 * of up to 8 threads. */
enum { CHUNK_BYTES = 8 << 20 };

typedef struct piece {
    const char *file;
    const char *in;
    size_t len;
    depeche_options opts;
    char *out;
    size_t out_len;
    depeche_status st;
    depeche_error err;
    char *warnings; /* what cli_warn would have printed, in order */
    size_t warnings_len;
    FILE *warn_stream;
} piece;

/* Repairs of a piece are kept and printed after it, in input order. */
static void
piece_warn(void *user, const char *code, uint64_t offset, const char *message)
{
    piece *p = user;
    if (p->warn_stream)
        fprintf(p->warn_stream, "depeche: %s: byte %llu: [%s] %s\n", p->file,
                (unsigned long long)offset, code, message);
}

static void *
run_piece(void *arg)
{
    piece *p = arg;
    p->warn_stream = open_memstream(&p->warnings, &p->warnings_len);
    p->opts.warn_fn = piece_warn;
    p->opts.warn_user = p;
    p->st = depeche_normalize(&p->opts, p->in, p->len, &p->out, &p->out_len,
                              &p->err);
    if (p->warn_stream)
        fclose(p->warn_stream);
    return NULL;
}

/* Cuts data into at most `jobs` pieces at line starts (after an LF, so a
 * CRLF is never split). */
static size_t
cut_pieces(const char *data, size_t len, uint64_t base, int jobs,
           const char *file, const depeche_options *opts, piece *pieces)
{
    size_t count = 0, start = 0;
    for (int k = 1; k <= jobs && start < len; k++) {
        size_t end = k == jobs ? len : len / (size_t)jobs * (size_t)k;
        if (end <= start)
            continue;
        const char *nl = end < len ? memchr(data + end, '\n', len - end) : NULL;
        end = nl ? (size_t)(nl - data) + 1 : len;
        pieces[count] = (piece){.file = file,
                                .in = data + start,
                                .len = end - start,
                                .opts = *opts};
        pieces[count].opts.input_offset = base + start;
        count++;
        start = end;
    }
    return count;
}

static int
normalize_piece(const char *file, const char *data, size_t len, uint64_t base,
                const depeche_options *opts, int jobs, cli_output *out)
{
    piece pieces[8];
    if (len < PIECE_MIN || jobs < 2)
        jobs = 1;
    size_t n = cut_pieces(data, len, base, jobs, file, opts, pieces);
    if (n == 0) { /* an empty file */
        n = 1, pieces[0] = (piece){.file = file, .in = data, .opts = *opts};
        pieces[0].opts.input_offset = base;
    }
    pthread_t threads[8];
    int started[8] = {0};
    for (size_t i = 1; i < n; i++)
        started[i] =
            pthread_create(&threads[i], NULL, run_piece, &pieces[i]) == 0;
    run_piece(&pieces[0]);
    for (size_t i = 1; i < n; i++) {
        if (started[i])
            pthread_join(threads[i], NULL);
        else
            run_piece(&pieces[i]); /* no thread: do it here */
    }
    /* The first failure in input order wins, and then nothing of the
     * file is written: as with one piece. */
    size_t failed = n;
    for (size_t i = 0; i < n && failed == n; i++)
        if (pieces[i].st)
            failed = i;
    int rc = EXIT_OK;
    for (size_t i = 0; i < n; i++) {
        piece *p = &pieces[i];
        if (i <= failed && p->warnings)
            fwrite(p->warnings, 1, p->warnings_len, stderr);
        if (i == failed)
            rc = cli_report(file, &p->err);
        if (failed == n)
            cli_file_sink(out, p->out, p->out_len); /* checked at the end */
        free(p->warnings);
        depeche_free(p->out);
    }
    return rc;
}

/* Reads the file a chunk at a time and normalizes it in pieces that end
 * after an LF (normalization never looks across a line break), so that
 * memory follows the chunk size, not the file.  A piece is at least one
 * whole line: a line longer than a chunk makes its chunk grow. */
static int
normalize_file(const char *file, const depeche_options *opts, int jobs,
               cli_output *out)
{
    size_t chunk = cli_chunk_bytes(CHUNK_BYTES), want = chunk;
    cli_reader r;
    int rc = cli_reader_open(&r, file);
    int first = 1;
    while (!rc) {
        rc = cli_reader_fill(&r, want);
        if (rc)
            break;
        const char *lf = r.len ? memrchr(r.buf, '\n', r.len) : NULL;
        size_t cut = r.eof ? r.len : lf ? (size_t)(lf - r.buf) + 1 : 0;
        if (cut == 0 && !r.eof) { /* no line end yet: read more */
            want = r.len * 2;
            continue;
        }
        if (cut || first)
            rc = normalize_piece(file, r.buf, cut, r.base, opts, jobs, out);
        first = 0;
        cli_reader_consume(&r, cut);
        want = chunk > r.len ? chunk : r.len * 2;
        if (r.eof && r.len == 0)
            break;
    }
    cli_reader_close(&r);
    return rc;
}

int
cmd_normalize(int argc, char **argv)
{
    static const struct option longopts[] = {
        {"profile", required_argument, NULL, 'p'},
        {"lossy", no_argument, NULL, 'L'},
        {"jobs", required_argument, NULL, 'j'},
        {"output", required_argument, NULL, 'o'},
        {"help", no_argument, NULL, 'h'},
        {NULL, 0, NULL, 0}};
    depeche_options opts;
    depeche_options_init(&opts);
    const char *output = NULL;
    int c, jobs = cli_default_jobs();
    optind = 1;
    while ((c = getopt_long(argc, argv, "o:j:h", longopts, NULL)) != -1) {
        switch (c) {
        case 'p':
            if (depeche_profile_parse(optarg, &opts.profile))
                return cli_usage_error("normalize", "unknown profile '%s'",
                                       optarg);
            break;
        case 'L':
            opts.flags |= DEPECHE_LOSSY;
            break;
        case 'j': {
            int rc = cli_parse_jobs("normalize", optarg, &jobs);
            if (rc)
                return rc;
            break;
        }
        case 'o':
            output = optarg;
            break;
        case 'h':
            fputs(help, stdout);
            return EXIT_OK;
        default:
            return cli_usage_error("normalize", "bad option");
        }
    }
    char *stdin_name[] = {"-"};
    char **files = optind < argc ? argv + optind : stdin_name;
    int nfiles = optind < argc ? argc - optind : 1;
    cli_output out;
    int rc = cli_open_output(output, files, nfiles, &out);
    if (rc)
        return rc;
    for (int i = 0; i < nfiles && rc == EXIT_OK; i++) {
        rc = normalize_file(files[i], &opts, jobs, &out);
    }
    return cli_close_output(&out, rc);
}
