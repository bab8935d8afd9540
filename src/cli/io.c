/* io.c -- reading inputs, writing outputs, reporting errors. */
#define _DEFAULT_SOURCE /* madvise, MADV_DONTNEED */
#include <errno.h>
#include <getopt.h>
#include <limits.h>
#include <poll.h>
#include <stdarg.h>
#include <stdlib.h>
#include <string.h>
#include <stdint.h>
#include <sys/mman.h>
#include <sys/stat.h>
#include <unistd.h>

#include "cli.h"
#include "input.h"
#include "run_corpus.h"

/* Opens FILE ("-" = stdin) for reading; prints why it cannot. */
static FILE *
open_input(const char *path, const char *name, int is_stdin)
{
    if (is_stdin)
        return stdin;
    struct stat sb;
    if (stat(path, &sb) == 0 && S_ISDIR(sb.st_mode)) {
        fprintf(stderr, "depeche: %s: is a directory, not a file\n", name);
        return NULL;
    }
    FILE *f = fopen(path, "rb");
    if (!f)
        fprintf(stderr, "depeche: %s: %s\n", name, strerror(errno));
    return f;
}

int
cli_read_input(const char *path, char **data, size_t *len)
{
    int is_stdin = !path || strcmp(path, "-") == 0;
    const char *name = is_stdin ? "-" : path;
    FILE *f = open_input(path, name, is_stdin);
    if (!f)
        return EXIT_IO;
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

/* Maps a regular, non-empty file whole; any failure leaves r reading. */
static void
map_regular_file(cli_reader *r)
{
    struct stat sb;
    if (fstat(fileno(r->f), &sb) || !S_ISREG(sb.st_mode) || sb.st_size <= 0 ||
        (uint64_t)sb.st_size > SIZE_MAX)
        return;
    void *p =
        mmap(NULL, (size_t)sb.st_size, PROT_READ, MAP_PRIVATE, fileno(r->f), 0);
    if (p == MAP_FAILED)
        return;
    (void)madvise(p, (size_t)sb.st_size, MADV_SEQUENTIAL);
    r->map = p;
    r->map_len = (size_t)sb.st_size;
    r->buf = r->map;
}

int
cli_reader_open(cli_reader *r, const char *path)
{
    memset(r, 0, sizeof *r);
    r->is_stdin = !path || strcmp(path, "-") == 0;
    r->name = r->is_stdin ? "-" : path;
    r->f = open_input(path, r->name, r->is_stdin);
    if (!r->f)
        return EXIT_IO;
    if (!r->is_stdin)
        map_regular_file(r);
    return EXIT_OK;
}

int
cli_reader_fill(cli_reader *r, size_t want)
{
    if (r->map) {
        size_t left = r->map_len - (size_t)r->base;
        r->len = want < left ? want : left;
        r->eof = r->len == left;
        return EXIT_OK;
    }
    if (want > r->cap) {
        char *p = realloc(r->owned, want);
        if (!p) {
            fprintf(stderr, "depeche: %s: out of memory\n", r->name);
            return EXIT_IO;
        }
        r->owned = p;
        r->buf = p;
        r->cap = want;
        depeche_advise_large_buffer(p, want);
    }
    while (!r->eof && r->len < want) {
        size_t got = fread(r->owned + r->len, 1, want - r->len, r->f);
        r->len += got;
        if (got == 0 && ferror(r->f)) {
            fprintf(stderr, "depeche: %s: %s\n", r->name, strerror(errno));
            return EXIT_IO;
        }
        r->eof = got == 0;
    }
    return EXIT_OK;
}

void
cli_reader_consume(cli_reader *r, size_t n)
{
    r->len -= n;
    r->base += n;
    if (!r->map) {
        memmove(r->owned, r->owned + n, r->len);
        return;
    }
    r->buf = r->map + r->base;
    /* Pages read are dropped from memory (they stay in the page cache). */
    long page = sysconf(_SC_PAGESIZE);
    size_t done = page > 0 ? (size_t)r->base & ~((size_t)page - 1) : 0;
    if (done > r->released) {
        (void)madvise(r->map + r->released, done - r->released, MADV_DONTNEED);
        r->released = done;
    }
}

void
cli_reader_close(cli_reader *r)
{
    if (r->f && !r->is_stdin)
        fclose(r->f);
    if (r->map)
        munmap(r->map, r->map_len);
    free(r->owned);
    memset(r, 0, sizeof *r);
}

size_t
cli_chunk_bytes(size_t fallback)
{
    const char *env = getenv("DEPECHE_CHUNK_BYTES");
    char *end;
    unsigned long long v = env ? strtoull(env, &end, 10) : 0;
    return env && *env && !*end && v > 0 && v < ((size_t)1 << 40) ? (size_t)v
                                                                  : fallback;
}

/* The file a path finally names, symlinks followed (the last one may be
 * dangling: the file it names is then created).  malloc'd; NULL with errno
 * set when a link cannot be read or links loop. */
static char *
follow_links(const char *path)
{
    char *cur = strdup(path);
    for (int hops = 0; cur && hops < 40; hops++) {
        struct stat st;
        if (lstat(cur, &st) || !S_ISLNK(st.st_mode))
            return cur;
        char link[PATH_MAX];
        ssize_t n = readlink(cur, link, sizeof link - 1);
        if (n < 0) {
            free(cur);
            return NULL;
        }
        link[n] = '\0';
        /* A relative link is read from the link's own folder. */
        const char *slash = strrchr(cur, '/');
        int dir = link[0] == '/' || !slash ? 0 : (int)(slash - cur + 1);
        char *next = malloc((size_t)dir + (size_t)n + 1);
        if (next) {
            memcpy(next, cur, (size_t)dir);
            memcpy(next + dir, link, (size_t)n + 1);
        }
        free(cur);
        cur = next;
    }
    if (cur) {
        free(cur);
        errno = ELOOP;
    }
    return NULL;
}

/* Whether `out` (a regular file) is one of the inputs, standard input
 * included: replacing it would lose what is being read. */
static int
is_an_input(const struct stat *out, char **inputs, int ninputs)
{
    for (int i = 0; i < ninputs; i++) {
        struct stat in;
        int rc = strcmp(inputs[i], "-") ? stat(inputs[i], &in) : fstat(0, &in);
        if (rc == 0 && in.st_dev == out->st_dev && in.st_ino == out->st_ino)
            return 1;
    }
    return 0;
}

/* The permissions new files get: reading the umask means setting it, and
 * no other thread creates files meanwhile. */
static mode_t
new_file_mode(void)
{
    mode_t mask = umask(022);
    umask(mask);
    return 0666 & ~mask;
}

/* Creates the temporary next to out->target (a rename stays in one file
 * system), with the target's permissions or those of a new file. */
static int
open_temporary(cli_output *out, const struct stat *old)
{
    static const char suffix[] = ".depeche-XXXXXX";
    const char *slash = strrchr(out->target, '/');
    size_t dir = slash ? (size_t)(slash - out->target + 1) : 0;
    out->tmp = malloc(dir + sizeof suffix);
    if (!out->tmp)
        return -1;
    memcpy(out->tmp, out->target, dir);
    memcpy(out->tmp + dir, suffix, sizeof suffix);
    int fd = mkstemp(out->tmp);
    if (fd < 0) {
        free(out->tmp);
        out->tmp = NULL;
        return -1;
    }
    mode_t mode = old ? old->st_mode & 07777 : new_file_mode();
    if (fchmod(fd, mode) || !(out->f = fdopen(fd, "wb"))) {
        int saved = errno;
        close(fd);
        unlink(out->tmp);
        errno = saved;
        return -1;
    }
    return 0;
}

static int
open_failed(cli_output *out, const char *what)
{
    fprintf(stderr, "depeche: %s: %s%s\n", out->name, what, strerror(errno));
    free(out->target);
    free(out->tmp);
    *out = (cli_output){.name = out->name};
    return EXIT_IO;
}

int
cli_open_output(const char *path, char **inputs, int ninputs, cli_output *out)
{
    *out = (cli_output){.f = stdout, .name = path ? path : "-"};
    if (!path || strcmp(path, "-") == 0)
        return EXIT_OK;
    struct stat st;
    int exists = stat(path, &st) == 0;
    if (exists && !S_ISREG(st.st_mode)) {
        /* A device, a FIFO: nothing to replace, written as it goes (a
         * directory fails here). */
        if (!(out->f = fopen(path, "wb")))
            return open_failed(out, "");
        return EXIT_OK;
    }
    if (exists && is_an_input(&st, inputs, ninputs)) {
        fprintf(stderr, "depeche: %s: is also an input; not overwriting it\n",
                path);
        out->f = NULL;
        return EXIT_USAGE;
    }
    if (!(out->target = follow_links(path)))
        return open_failed(out, "");
    if (open_temporary(out, exists ? &st : NULL))
        return open_failed(out, "cannot create a temporary file there: ");
    return EXIT_OK;
}

/* Whether the reader of a pipe (or socket) went away: the write end then
 * polls as an error, whatever errno a failed write left. */
static int
reader_gone(FILE *f)
{
    struct pollfd p = {.fd = fileno(f), .events = POLLOUT};
    return poll(&p, 1, 0) == 1 && (p.revents & (POLLERR | POLLHUP));
}

int
cli_end_output(cli_output *out)
{
    if (!out->f)
        return EXIT_OK;
    /* A write that failed earlier, outside cli_file_sink, left only the
     * stream's error flag: its errno is most likely still the last one. */
    int seen = errno;
    errno = 0;
    if ((fflush(out->f) || ferror(out->f)) && !out->write_errno)
        out->write_errno = errno ? errno : seen ? seen : EIO;
    /* The reader went away (`depeche prep | head`): it had what it wanted.
     * Quiet, with the status a shell shows for cat or grep killed by
     * SIGPIPE; a direct output has no temporary and is the only one open. */
    if (out->write_errno && !out->tmp && reader_gone(out->f))
        _exit(EXIT_PIPE);
    errno = 0;
    if (out->f != stdout && fclose(out->f) && !out->write_errno)
        out->write_errno = errno ? errno : EIO;
    out->f = NULL;
    if (out->write_errno) {
        fprintf(stderr, "depeche: %s: write error: %s\n",
                strcmp(out->name, "-") ? out->name : "standard output",
                strerror(out->write_errno));
        return EXIT_IO;
    }
    return EXIT_OK;
}

int
cli_commit_output(cli_output *out, int rc)
{
    if (out->tmp && rc == EXIT_OK && rename(out->tmp, out->target)) {
        fprintf(stderr, "depeche: %s: %s\n", out->name, strerror(errno));
        rc = EXIT_IO;
    }
    if (out->tmp && rc != EXIT_OK)
        unlink(out->tmp);
    free(out->tmp);
    free(out->target);
    out->tmp = out->target = NULL;
    return rc;
}

int
cli_close_output(cli_output *out, int rc)
{
    int ended = cli_end_output(out);
    return cli_commit_output(out, rc ? rc : ended);
}

int
cli_file_sink(void *user, const char *bytes, size_t len)
{
    cli_output *out = user;
    if (fwrite(bytes, 1, len, out->f) == len)
        return 0;
    if (!out->write_errno)
        out->write_errno = errno;
    return -1;
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
    /* The library says what the error is about when it is not the input
     * the caller names. */
    if (err->source == DEPECHE_SOURCE_LANG)
        name = "--lang";
    else if (err->source != DEPECHE_SOURCE_INPUT && err->file[0])
        name = err->file;
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

int
cli_parse_size(const char *cmd, const char *opt, const char *arg, int zero_ok,
               size_t *out)
{
    char *end;
    errno = 0;
    unsigned long long n = strtoull(arg, &end, 10);
    unsigned shift = 20;
    if (*end && !end[1])
        shift = *end == 'K' || *end == 'k'   ? 10
                : *end == 'M' || *end == 'm' ? 20
                : *end == 'G' || *end == 'g' ? 30
                                             : 64;
    if (errno || end == arg || shift == 64 || (*end && end[1]) ||
        arg[0] == '-' || (n == 0 && !zero_ok) || n > (SIZE_MAX >> shift))
        return cli_usage_error(cmd, "bad %s '%s' (N megabytes, or NK, NM, NG)",
                               opt, arg);
    *out = (size_t)n << shift;
    return EXIT_OK;
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
    case OPT_PART_SIZE: {
        int rc = cli_parse_size(cmd, "--part-size", arg, 1, &a->part_bytes);
        if (!rc && !a->part_bytes)
            a->part_bytes = SIZE_MAX;
        return rc;
    }
    case OPT_LEARN_BOILERPLATE:
        a->learn_model = arg;
        return 0;
    case OPT_BOILERPLATE:
        a->model = arg;
        return 0;
    case OPT_IN:
        if (!strcmp(cmd, "prep") && !strcmp(arg, "jsonl")) {
            a->jsonl = 1;
            return 0;
        }
        if (strcmp(arg, "html") && strcmp(arg, "text"))
            return cli_usage_error(cmd, "--in takes html or text, not '%s'",
                                   arg);
        o->flags |=
            strcmp(arg, "html") ? DEPECHE_INPUT_TEXT : DEPECHE_INPUT_HTML;
        return 0;
    case OPT_KEEP_DUPLICATES:
        o->flags |= DEPECHE_KEEP_DUPLICATES;
        return 0;
    case OPT_SUGGEST:
        if (depeche_suggest_parse(arg, &o->suggest))
            return cli_usage_error(cmd, "unknown suggestion mode '%s'", arg);
        return 0;
    case 'j':
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
          const char *const *help, cli_option_fn own, cli_args *a)
{
    int c;
    optind = 1;
    while ((c = getopt_long(argc, argv, "o:hj:", longopts, NULL)) != -1) {
        if (c == 'h') {
            for (; *help; help++)
                fputs(*help, stdout);
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
    if (a->learn_model && (a->output || a->model))
        return cli_usage_error(cmd, "--learn-boilerplate writes a model "
                                    "only: no -o or --boilerplate");
    if (!a->jobs_set)
        a->opts.threads = large_input(argv + optind, argc - optind)
                              ? (unsigned)cli_default_jobs()
                              : 1;
    return -1;
}

void
cli_count_doc(const depeche_doc *d, cli_summary *sum)
{
    sum->docs++;
    sum->segments += depeche_doc_segment_count(d);
    for (size_t i = 0; i < depeche_doc_block_count(d); i++) {
        depeche_reason why = depeche_doc_block(d, i)->reason;
        sum->blanks += why == DEPECHE_REASON_BLANK;
        sum->dropped +=
            why != DEPECHE_REASON_NONE && why != DEPECHE_REASON_BLANK;
    }
    sum->findings += depeche_doc_finding_count(d);
    for (size_t i = 0; i < depeche_doc_finding_count(d); i++)
        sum->misspellings +=
            depeche_doc_finding(d, i)->kind == DEPECHE_FINDING_MISSPELLING;
}

/* Reports a writer's failure: a failed write is told once, by
 * cli_end_output, with its reason; anything else names the output. */
int
cli_writer_failed(const cli_dest *d, const depeche_error *err)
{
    if (err->status == DEPECHE_ERR_IO && d->out.write_errno)
        return EXIT_IO;
    return cli_report(d->out.name, err);
}

int
cli_dest_open(cli_dest *d, const char *path, char **inputs, int ninputs,
              const depeche_writer_options *wo)
{
    depeche_error err = {0};
    d->w = NULL;
    int rc = cli_open_output(path, inputs, ninputs, &d->out);
    if (rc)
        return rc;
    if (depeche_writer_new(wo, cli_file_sink, &d->out, &d->w, &err))
        return cli_close_output(&d->out, cli_report(d->out.name, &err));
    return EXIT_OK;
}

/* Finishes the writer and closes the stream, leaving the temporary to
 * cli_commit_output; rc is the run's code so far. */
int
cli_dest_end(cli_dest *d, int rc)
{
    depeche_error err = {0};
    if (rc == EXIT_OK && depeche_writer_finish(d->w, &err))
        rc = cli_writer_failed(d, &err);
    if (rc == EXIT_OK && depeche_writer_replaced(d->w))
        fprintf(stderr,
                "depeche: %s: %llu characters could not be written as they "
                "were and were replaced (line breaks or tabs inside a "
                "segment, characters XML forbids)\n",
                d->out.name, (unsigned long long)depeche_writer_replaced(d->w));
    depeche_writer_free(d->w);
    d->w = NULL;
    int ended = cli_end_output(&d->out);
    return rc ? rc : ended;
}

/* DIR/NAME.EXT for --split: the input's base name without its extension,
 * the format's extension (the language subtag for Moses).  malloc'd. */
static char *
split_path(const char *dir, const char *file, const char *ext)
{
    const char *base = strrchr(file, '/');
    base = base ? base + 1 : file;
    const char *dot = strrchr(base, '.');
    int stem = dot && dot > base ? (int)(dot - base) : (int)strlen(base);
    size_t n = strlen(dir) + (size_t)stem + strlen(ext) + 3;
    char *path = malloc(n);
    if (path)
        snprintf(path, n, "%s/%.*s.%s", dir, stem, base, ext);
    return path;
}

typedef struct named {
    const char *path;
    int input;
} named;

static int
by_path_then_input(const void *a, const void *b)
{
    const named *x = a, *y = b;
    int c = strcmp(x->path, y->path);
    return c ? c : x->input - y->input;
}

/* Two inputs of one base name would write one file, the first lost:
 * refused before anything is written. */
static int
refuse_collisions(char **paths, char **files, int nfiles)
{
    named *v = malloc((size_t)nfiles * sizeof *v);
    if (!v) {
        fprintf(stderr, "depeche: out of memory\n");
        return EXIT_IO;
    }
    for (int i = 0; i < nfiles; i++)
        v[i] = (named){paths[i], i};
    qsort(v, (size_t)nfiles, sizeof *v, by_path_then_input);
    int rc = EXIT_OK;
    for (int i = 1; i < nfiles && !rc; i++)
        if (!strcmp(v[i - 1].path, v[i].path))
            rc = cli_usage_error("prep",
                                 "--split: %s and %s would both be written "
                                 "to %s; give them different names",
                                 files[v[i - 1].input], files[v[i].input],
                                 v[i].path);
    free(v);
    return rc;
}

static void
free_paths(char **paths, int n)
{
    for (int i = 0; paths && i < n; i++)
        free(paths[i]);
    free(paths);
}

/* The outputs of --split, all checked before anything is written, and
 * the folder they go to. */
static int
plan_split(const char *dir, char **files, int nfiles, const char *ext,
           char ***out)
{
    char **paths = calloc((size_t)nfiles, sizeof *paths);
    for (int i = 0; paths && i < nfiles; i++)
        if (!(paths[i] = split_path(dir, files[i], ext))) {
            free_paths(paths, nfiles);
            paths = NULL;
        }
    if (!paths) {
        fprintf(stderr, "depeche: out of memory\n");
        return EXIT_IO;
    }
    int rc = refuse_collisions(paths, files, nfiles);
    if (!rc && mkdir(dir, 0777) && errno != EEXIST) {
        fprintf(stderr, "depeche: %s: %s\n", dir, strerror(errno));
        rc = EXIT_IO;
    }
    if (rc)
        free_paths(paths, nfiles);
    else
        *out = paths;
    return rc;
}

static int
process_file(depeche_pipeline *p, const char *file, cli_dest *out,
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
    if (st)
        rc = cli_report(file, &err);
    else if (depeche_writer_add(out->w, d, &err))
        rc = cli_writer_failed(out, &err);
    else
        cli_count_doc(d, sum);
    depeche_doc_free(d);
    return rc;
}

/* One output a document; none replaces its file unless all succeeded. */
static int
run_split(depeche_pipeline *p, const depeche_writer_options *wo, char **files,
          int nfiles, char **paths, const char **current, cli_summary *sum)
{
    cli_dest *d = calloc((size_t)nfiles, sizeof *d);
    if (!d) {
        fprintf(stderr, "depeche: out of memory\n");
        return EXIT_IO;
    }
    int rc = EXIT_OK, opened = 0;
    for (int i = 0; i < nfiles && rc == EXIT_OK; i++) {
        *current = files[i];
        rc = cli_dest_open(&d[i], paths[i], files, nfiles, wo);
        if (rc)
            break;
        opened++;
        rc = cli_dest_end(&d[i], process_file(p, files[i], &d[i], sum));
    }
    for (int i = 0; i < opened; i++) {
        rc = cli_commit_output(&d[i].out, rc);
        sum->outputs += rc == EXIT_OK;
    }
    free(d);
    return rc;
}

/* --split: each file read whole and written to its own output. */
static int
run_split_files(depeche_options *o, const depeche_writer_options *wo,
                char **files, int nfiles, const char *output,
                const char *split_ext, const char *model, cli_summary *sum)
{
    depeche_error err = {0};
    char **paths = NULL;
    int rc = plan_split(output, files, nfiles, split_ext, &paths);
    if (rc)
        return rc;
    depeche_context *ctx = NULL;
    depeche_pipeline *p = NULL;
    const char *current = files[0];
    o->warn_fn = cli_warn;
    o->warn_user = (void *)&current; /* so that repairs name their file */
    if (depeche_context_new(o, &ctx, &err))
        rc = cli_report(files[0], &err);
    if (!rc && model)
        rc = cli_load_boilerplate(model, ctx, NULL);
    if (!rc && depeche_pipeline_new_from_context(ctx, &p, &err))
        rc = cli_report(files[0], &err);
    if (!rc)
        rc = run_split(p, wo, files, nfiles, paths, &current, sum);
    free_paths(paths, nfiles);
    depeche_pipeline_free(p);
    depeche_context_free(ctx);
    o->warn_user = NULL;
    return rc;
}

int
cli_load_boilerplate(const char *model, depeche_context *ctx, depeche_corpus *c)
{
    char *data;
    size_t len;
    int rc = cli_stream_slurp(model, &data, &len);
    if (rc)
        return rc;
    depeche_error err = {0};
    if (ctx ? depeche_context_load_boilerplate(ctx, data, len, &err)
            : depeche_corpus_load_boilerplate(c, data, len, &err))
        rc = cli_report(model, &err);
    free(data);
    return rc;
}

int
cli_run_files(const cli_args *a, depeche_options *o,
              const depeche_writer_options *wo, char **files, int nfiles,
              const char *output, const char *split_ext, cli_summary *sum)
{
    static char *stdin_name[] = {"-"};
    if (nfiles <= 0) {
        files = stdin_name;
        nfiles = 1;
    }
    if (split_ext)
        return run_split_files(o, wo, files, nfiles, output, split_ext,
                               a->model, sum);
    /* Several documents: one a thread; one: the threads within it. */
    cli_corpus_args ca = {.opts = o,
                          .wo = wo,
                          .inputs = files,
                          .ninputs = (size_t)nfiles,
                          .workers = 1,
                          .part_bytes = a->part_bytes,
                          .learn_model = a->learn_model,
                          .model = a->model};
    if (nfiles > 1 && o->threads > 1) {
        ca.workers = o->threads;
        o->threads = 1;
    }
    return cli_run_corpus(&ca, output, sum);
}
