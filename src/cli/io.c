/* io.c -- reading inputs, writing outputs, reporting errors. */
#include <errno.h>
#include <getopt.h>
#include <stdarg.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <unistd.h>

#include "cli.h"

int
cli_read_input(const char *path, char **data, size_t *len)
{
    int is_stdin = !path || strcmp(path, "-") == 0;
    const char *name = is_stdin ? "-" : path;
    FILE *f = stdin;
    if (!is_stdin) {
        struct stat sb;
        if (stat(path, &sb) == 0 && S_ISDIR(sb.st_mode)) {
            fprintf(stderr, "depeche: %s: is a directory, not a file\n", name);
            return EXIT_IO;
        }
        f = fopen(path, "rb");
        if (!f) {
            fprintf(stderr, "depeche: %s: %s\n", name, strerror(errno));
            return EXIT_IO;
        }
    }
    char *buf = NULL;
    size_t n = 0, cap = 0;
    /* A regular file's size is known: one allocation, no copying. */
    struct stat fs;
    int regular = fstat(fileno(f), &fs) == 0 && S_ISREG(fs.st_mode);
    if (regular && fs.st_size > 0)
        cap = (size_t)fs.st_size + 1;
    if (cap && !(buf = malloc(cap)))
        cap = 0;
    for (;;) {
        if (cap == n || (!regular && cap - n < 65536)) {
            size_t ncap = cap ? cap * 2 : 65536;
            char *p = realloc(buf, ncap);
            if (!p) {
                fprintf(stderr, "depeche: %s: out of memory\n", name);
                free(buf);
                if (!is_stdin)
                    fclose(f);
                return EXIT_IO;
            }
            buf = p;
            cap = ncap;
        }
        size_t got = fread(buf + n, 1, cap - n, f);
        n += got;
        if (got == 0)
            break;
    }
    int failed = ferror(f);
    int saved = errno;
    if (!is_stdin)
        fclose(f);
    if (failed) {
        fprintf(stderr, "depeche: %s: %s\n", name, strerror(saved));
        free(buf);
        return EXIT_IO;
    }
    *data = buf;
    *len = n;
    return EXIT_OK;
}

int
cli_open_output(const char *path, char **inputs, int ninputs, FILE **out)
{
    if (!path || strcmp(path, "-") == 0) {
        *out = stdout;
        return EXIT_OK;
    }
    /* Opening for writing empties the file: never when it is an input. */
    struct stat o;
    if (stat(path, &o) == 0)
        for (int i = 0; i < ninputs; i++) {
            struct stat in;
            if (strcmp(inputs[i], "-") && stat(inputs[i], &in) == 0 &&
                in.st_dev == o.st_dev && in.st_ino == o.st_ino) {
                fprintf(stderr,
                        "depeche: %s: is also an input; not overwriting it\n",
                        path);
                return EXIT_USAGE;
            }
        }
    *out = fopen(path, "wb");
    if (!*out) {
        fprintf(stderr, "depeche: %s: %s\n", path, strerror(errno));
        return EXIT_IO;
    }
    return EXIT_OK;
}

int
cli_close_output(FILE *f, const char *path)
{
    const char *name = path ? path : "-";
    int failed = fflush(f) != 0 || ferror(f);
    if (f != stdout)
        failed |= fclose(f) != 0;
    if (failed) {
        fprintf(stderr, "depeche: %s: write error: %s\n", name,
                strerror(errno));
        return EXIT_IO;
    }
    return EXIT_OK;
}

int
cli_file_sink(void *user, const char *bytes, size_t len)
{
    return fwrite(bytes, 1, len, (FILE *)user) == len ? 0 : -1;
}

int
cli_exit_code(depeche_status st)
{
    switch (st) {
    case DEPECHE_OK:
        return EXIT_OK;
    case DEPECHE_ERR_BAD_INPUT:
    case DEPECHE_ERR_LIMIT:
        return EXIT_BAD_INPUT;
    case DEPECHE_ERR_INVALID_ARG:
        return EXIT_USAGE;
    default:
        return EXIT_IO;
    }
}

int
cli_report(const char *file, const depeche_error *err)
{
    const char *name = file ? file : "-";
    if (err->byte_offset != DEPECHE_NO_OFFSET)
        fprintf(stderr, "depeche: %s: byte %llu: %s\n", name,
                (unsigned long long)err->byte_offset, err->message);
    else
        fprintf(stderr, "depeche: %s: %s\n", name,
                err->message[0] ? err->message : depeche_strerror(err->status));
    return cli_exit_code(err->status);
}

void
cli_warn(void *user, const char *code, uint64_t offset, const char *message)
{
    const char *const *file = user;
    const char *name = file && *file ? *file : "-";
    if (offset != DEPECHE_NO_OFFSET)
        fprintf(stderr, "depeche: %s: byte %llu: [%s] %s\n", name,
                (unsigned long long)offset, code, message);
    else
        fprintf(stderr, "depeche: %s: [%s] %s\n", name, code, message);
}

int
cli_usage_error(const char *cmd, const char *fmt, ...)
{
    va_list ap;
    fprintf(stderr, "depeche %s: ", cmd);
    va_start(ap, fmt);
    vfprintf(stderr, fmt, ap);
    va_end(ap);
    fprintf(stderr, "\nTry 'depeche %s --help'.\n", cmd);
    return EXIT_USAGE;
}

int
cli_default_jobs(void)
{
    long cpus = sysconf(_SC_NPROCESSORS_ONLN);
    return cpus < 1 ? 1 : cpus > 8 ? 8 : (int)cpus;
}

int
cli_parse_jobs(const char *cmd, const char *arg, int *jobs)
{
    char *end;
    long v = strtol(arg, &end, 10);
    if (*end || end == arg || v < 1 || v > 8)
        return cli_usage_error(cmd, "--jobs takes 1 to 8");
    *jobs = (int)v;
    return 0;
}

/* A common option: 0 when handled, -1 when not one, an exit code on a
 * bad value. */
static int
common_option(const char *cmd, int opt, const char *arg, cli_args *a)
{
    depeche_options *o = &a->opts;
    switch (opt) {
    case OPT_PROFILE:
        if (depeche_profile_parse(arg, &o->profile))
            return cli_usage_error(cmd, "unknown profile '%s'", arg);
        a->profile_set = 1;
        return 0;
    case 'o':
        a->output = arg;
        return 0;
    case OPT_LANG:
        o->lang = arg;
        return 0;
    case OPT_DICT:
        o->dict_path = arg;
        return 0;
    case OPT_PERSONAL:
        o->personal_dict = arg;
        return 0;
    case OPT_ABBREV:
        o->abbrev_file = arg;
        return 0;
    case OPT_LOSSY:
        o->flags |= DEPECHE_LOSSY;
        return 0;
    case OPT_NO_CLEAN:
        o->flags |= DEPECHE_NO_CLEAN;
        return 0;
    case OPT_SUGGEST:
        if (depeche_suggest_parse(arg, &o->suggest))
            return cli_usage_error(cmd, "unknown suggestion mode '%s'", arg);
        return 0;
    case OPT_JOBS: {
        int jobs = 1, rc = cli_parse_jobs(cmd, arg, &jobs);
        o->threads = (unsigned)jobs;
        a->jobs_set = 1;
        return rc;
    }
    default:
        return -1;
    }
}

/* Whether the input is a megabyte or more, or of a size unknown (a pipe):
 * only then are the speller's helper threads worth their ~40 ms each. */
static int
large_input(char **files, int nfiles)
{
    off_t total = 0;
    for (int i = 0; i < (nfiles ? nfiles : 1); i++) {
        struct stat st;
        int rc = nfiles && strcmp(files[i], "-") ? stat(files[i], &st)
                                                 : fstat(0, &st);
        if (rc || !S_ISREG(st.st_mode))
            return 1;
        total += st.st_size;
    }
    return total >= (1 << 20);
}

int
cli_parse(const char *cmd, int argc, char **argv, const struct option *longopts,
          const char *help, cli_option_fn own, cli_args *a)
{
    int c;
    optind = 1;
    while ((c = getopt_long(argc, argv, "o:h", longopts, NULL)) != -1) {
        if (c == 'h') {
            fputs(help, stdout);
            return EXIT_OK;
        }
        int rc = common_option(cmd, c, optarg, a);
        if (rc < 0 && own)
            rc = own(cmd, c, optarg, a);
        if (rc < 0)
            return cli_usage_error(cmd, "bad option");
        if (rc)
            return rc;
    }
    a->first_file = optind;
    if (!a->jobs_set)
        a->opts.threads = large_input(argv + optind, argc - optind)
                              ? (unsigned)cli_default_jobs()
                              : 1;
    return -1;
}

static void
count(const depeche_doc *d, cli_summary *sum)
{
    sum->docs++;
    sum->segments += depeche_doc_segment_count(d);
    for (size_t i = 0; i < depeche_doc_block_count(d); i++)
        sum->dropped += depeche_doc_block(d, i)->reason != DEPECHE_REASON_NONE;
    sum->findings += depeche_doc_finding_count(d);
    for (size_t i = 0; i < depeche_doc_finding_count(d); i++)
        sum->misspellings +=
            depeche_doc_finding(d, i)->kind == DEPECHE_FINDING_MISSPELLING;
}

/* Several files are a corpus: a first pass lets the clean stage find lines
 * that recur across them (standard input cannot be read twice). */
static int
observe_corpus(depeche_pipeline *p, char **files, int nfiles)
{
    depeche_error err = {0};
    for (int i = 0; nfiles > 1 && i < nfiles; i++) {
        char *data;
        size_t len;
        if (!strcmp(files[i], "-"))
            continue;
        int rc = cli_read_input(files[i], &data, &len);
        if (rc)
            return rc;
        if (depeche_pipeline_observe(p, data, len, &err))
            rc = cli_report(files[i], &err);
        free(data);
        if (rc)
            return rc;
    }
    return EXIT_OK;
}

/* One output: a file (or standard output) and the writer filling it. */
typedef struct dest {
    const char *path;
    FILE *f;
    depeche_writer *w;
} dest;

static int
dest_open(dest *d, const char *path, char **inputs, int ninputs,
          const depeche_writer_options *wo)
{
    depeche_error err = {0};
    d->path = path;
    d->w = NULL;
    int rc = cli_open_output(path, inputs, ninputs, &d->f);
    if (rc)
        return rc;
    if (depeche_writer_new(wo, cli_file_sink, d->f, &d->w, &err)) {
        cli_close_output(d->f, path);
        return cli_report(path ? path : "-", &err);
    }
    return EXIT_OK;
}

/* Finishes the writer and closes the file; rc is the run's code so far. */
static int
dest_close(dest *d, int rc)
{
    depeche_error err = {0};
    const char *name = d->path ? d->path : "-";
    if (rc == EXIT_OK && depeche_writer_finish(d->w, &err))
        rc = cli_report(name, &err);
    if (rc == EXIT_OK && depeche_writer_replaced(d->w))
        fprintf(stderr,
                "depeche: %s: %llu characters could not be written as they "
                "were and were replaced (line breaks or tabs inside a "
                "segment, characters XML forbids)\n",
                name, (unsigned long long)depeche_writer_replaced(d->w));
    depeche_writer_free(d->w);
    int rc2 = cli_close_output(d->f, d->path);
    return rc ? rc : rc2;
}

/* DIR/NAME.EXT for --split: the input's base name without its extension,
 * the format's extension (the language subtag for Moses). */
static int
split_path(char *buf, size_t n, const char *dir, const char *file,
           const char *ext)
{
    const char *base = strrchr(file, '/');
    base = base ? base + 1 : file;
    const char *dot = strrchr(base, '.');
    int stem = dot && dot > base ? (int)(dot - base) : (int)strlen(base);
    int k = snprintf(buf, n, "%s/%.*s.%s", dir, stem, base, ext);
    return k < 0 || (size_t)k >= n ? -1 : 0;
}

static int
process_file(depeche_pipeline *p, const char *file, depeche_writer *w,
             cli_summary *sum)
{
    char *data;
    size_t len;
    depeche_error err = {0};
    int rc = cli_read_input(file, &data, &len);
    if (rc)
        return rc;
    depeche_doc *d = NULL;
    depeche_status st = depeche_process(p, file, data, len, &d, &err);
    free(data);
    if (!st)
        st = depeche_writer_add(w, d, &err);
    if (st)
        rc = cli_report(file, &err);
    else
        count(d, sum);
    depeche_doc_free(d);
    return rc;
}

static int
run_files(depeche_options *o, const depeche_writer_options *wo, char **files,
          int nfiles, const char *output, const char *split_ext,
          cli_summary *sum)
{
    depeche_error err = {0};
    depeche_pipeline *p = NULL;
    const char *current = files[0];
    o->warn_fn = cli_warn;
    o->warn_user = (void *)&current; /* so that repairs name their file */
    if (depeche_pipeline_new(o, &p, &err))
        return cli_report(files[0], &err);
    int rc = observe_corpus(p, files, nfiles);
    dest shared = {0};
    if (!rc && !split_ext)
        rc = dest_open(&shared, output, files, nfiles, wo);
    for (int i = 0; i < nfiles && rc == EXIT_OK; i++) {
        current = files[i];
        if (!split_ext) {
            rc = process_file(p, files[i], shared.w, sum);
            continue;
        }
        char path[4096];
        dest own;
        if (split_path(path, sizeof path, output, files[i], split_ext)) {
            fprintf(stderr, "depeche: %s: output name too long\n", files[i]);
            rc = EXIT_USAGE;
            break;
        }
        rc = dest_open(&own, path, files, nfiles, wo);
        if (rc)
            break;
        rc = dest_close(&own, process_file(p, files[i], own.w, sum));
        if (rc)
            unlink(path); /* no half-written file left behind */
        else
            sum->outputs++;
    }
    if (!split_ext && shared.w)
        rc = dest_close(&shared, rc);
    else if (!split_ext && shared.f)
        rc = rc ? rc : cli_close_output(shared.f, output);
    depeche_pipeline_free(p);
    o->warn_user = NULL;
    return rc;
}

int
cli_run_files(depeche_options *o, const depeche_writer_options *wo,
              char **files, int nfiles, const char *output,
              const char *split_ext, cli_summary *sum)
{
    static char *stdin_name[] = {"-"};
    if (nfiles <= 0) {
        files = stdin_name;
        nfiles = 1;
    }
    return run_files(o, wo, files, nfiles, output, split_ext, sum);
}
