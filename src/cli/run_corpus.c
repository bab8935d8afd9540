/* run_corpus.c -- the documents of `prep`, `clean` and `spell` (files or
 * JSONL records, plain or compressed) through the library's corpus driver
 * (depeche_corpus_*), read as they go, written in input order to one
 * output. */
#include <errno.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <time.h>
#include <unistd.h>

#include "cli.h"
#include "input.h"
#include "run_corpus.h"

/* A JSONL document's tag: its input's index and its line. */
enum { LINE_BITS = 40 };
#define TAG(file, line) (((uint64_t)(file) << LINE_BITS) | (uint64_t)(line))
#define TAG_FILE(tag) ((size_t)((tag) >> LINE_BITS))
#define TAG_LINE(tag) ((tag) & ((UINT64_C(1) << LINE_BITS) - 1))

typedef struct progress {
    int on;
    struct timespec start, last;
    uint64_t total;     /* bytes of the inputs, 0 when unknown */
    uint64_t done_in;   /* of those, read so far */
    uint64_t done_base; /* of the inputs before the one being read */
    uint64_t bytes;     /* document bytes handed back */
    size_t docs;
} progress;

typedef struct run {
    const cli_corpus_args *a;
    cli_dest dest;
    depeche_filter *filter; /* NULL: none asked */
    cli_summary *sum;
    int rc; /* why the run stopped */
    progress prog;
} run;

/* ---- progress ---------------------------------------------------------- */

static double
seconds_since(const struct timespec *t)
{
    struct timespec now;
    clock_gettime(CLOCK_MONOTONIC, &now);
    return (double)(now.tv_sec - t->tv_sec) +
           (double)(now.tv_nsec - t->tv_nsec) / 1e9;
}

static void
progress_start(progress *p, char **inputs, size_t n)
{
    memset(p, 0, sizeof *p);
    p->on = isatty(2);
    clock_gettime(CLOCK_MONOTONIC, &p->start);
    p->last = p->start;
    for (size_t i = 0; i < n; i++) {
        struct stat st;
        if (!strcmp(inputs[i], "-") || stat(inputs[i], &st) ||
            !S_ISREG(st.st_mode)) {
            p->total = 0;
            return;
        }
        p->total += (uint64_t)st.st_size;
    }
}

/* One line, rewritten in place, at most twice a second. */
static void
progress_show(progress *p, int final)
{
    if (!p->on || (!final && seconds_since(&p->last) < 0.5))
        return;
    clock_gettime(CLOCK_MONOTONIC, &p->last);
    double t = seconds_since(&p->start), mb = (double)p->bytes / 1e6;
    double rate = t > 0 ? mb / t : 0;
    fprintf(stderr, "\rdepeche: %zu documents, %.1f MB, %.1f MB/s", p->docs, mb,
            rate);
    if (p->total && p->done_in && !final) {
        double left = t * (double)(p->total - p->done_in) / (double)p->done_in;
        fprintf(stderr, ", ETA %d:%02d", (int)left / 60, (int)left % 60);
    }
    fputs(final ? "\n" : "   ", stderr);
}

/* ---- results ----------------------------------------------------------- */

/* How a document is named in messages: its file, and its line in a
 * JSONL input. */
static void
doc_name(const run *r, uint64_t tag, char *buf, size_t n)
{
    if (r->a->jsonl)
        snprintf(buf, n, "%s: line %llu", r->a->inputs[TAG_FILE(tag)],
                 (unsigned long long)TAG_LINE(tag));
    else
        snprintf(buf, n, "%s", r->a->inputs[tag]);
}

static void
print_warnings(const char *name, const depeche_corpus_result *res)
{
    for (size_t i = 0; i < res->warning_count; i++) {
        const depeche_corpus_warning *w = &res->warnings[i];
        const char *where = name;
        cli_warn(&where, w->code, w->offset, w->message);
    }
}

static int
on_result(void *user, const depeche_corpus_result *res)
{
    run *r = user;
    char name[4200];
    doc_name(r, res->tag, name, sizeof name);
    print_warnings(name, res);
    r->prog.docs += res->last_part != 0;
    r->prog.bytes += res->doc ? depeche_doc_input_size(res->doc) : 0;
    progress_show(&r->prog, 0);
    if (res->status) {
        int rc = cli_report(name, res->error);
        /* A part is no document to skip: the rest is written already. */
        if (r->a->skip_bad && res->status == DEPECHE_ERR_BAD_INPUT &&
            res->part == 0 && res->last_part) {
            fprintf(stderr, "depeche: %s: skipped (--skip-bad)\n", name);
            r->sum->skipped++;
            return 0;
        }
        r->rc = rc;
        return 1;
    }
    depeche_error err = {0};
    depeche_status st =
        r->filter
            ? depeche_filter_write(r->filter, r->dest.w, res->doc, NULL, &err)
            : depeche_writer_add(r->dest.w, res->doc, &err);
    if (st) {
        r->rc = cli_writer_failed(&r->dest, &err);
        return 1;
    }
    cli_count_doc(res->doc, r->sum);
    r->sum->docs -= !res->last_part; /* a document is counted once */
    return 0;
}

/* The code to stop with after a driver call failed. */
static int
driver_failed(run *r, const char *name, const depeche_error *err)
{
    if (err->status == DEPECHE_ERR_ABORTED && r->rc)
        return r->rc;
    return cli_report(name, err);
}

/* ---- inputs ------------------------------------------------------------ */

/* --learn-boilerplate: each file is one document, read whole, counted
 * (standard input too). */
static int
learn_files(run *r, depeche_corpus *c)
{
    const cli_corpus_args *a = r->a;
    depeche_error err = {0};
    for (size_t i = 0; i < a->ninputs; i++) {
        char *data;
        size_t len;
        int rc = cli_stream_slurp(a->inputs[i], &data, &len);
        if (rc)
            return rc;
        if (depeche_corpus_observe(c, data, len, &err))
            rc = cli_report(a->inputs[i], &err);
        free(data);
        if (rc)
            return rc;
        r->sum->docs++;
    }
    return EXIT_OK;
}

enum { FEED_BYTES = 1 << 20 };

/* One file, decompressed as it is read, fed to the driver a piece at a
 * time: a long document is processed in parts while it is read. */
static int
feed_file(run *r, depeche_corpus *c, size_t i, char *buf)
{
    const char *name = r->a->inputs[i];
    cli_stream s;
    int rc = cli_stream_open(&s, name);
    if (rc)
        return rc;
    depeche_error err = {0};
    if (depeche_corpus_begin(c, name, i, &err))
        rc = driver_failed(r, name, &err);
    size_t got = 1;
    while (!rc && got) {
        rc = cli_stream_read(&s, buf, FEED_BYTES, &got);
        if (!rc && got && depeche_corpus_feed(c, buf, got, &err))
            rc = driver_failed(r, name, &err);
    }
    /* Ended even after a failure: the driver takes no other document
     * while one is open. */
    depeche_error end_err = {0};
    if (depeche_corpus_end(c, &end_err) && !rc)
        rc = driver_failed(r, name, &end_err);
    cli_stream_close(&s);
    return rc;
}

static int
add_files(run *r, depeche_corpus *c)
{
    const cli_corpus_args *a = r->a;
    char *buf = malloc(FEED_BYTES);
    if (!buf) {
        fprintf(stderr, "depeche: out of memory\n");
        return EXIT_IO;
    }
    for (size_t i = 0; i < a->ninputs; i++) {
        int rc = feed_file(r, c, i, buf);
        struct stat st;
        if (!stat(a->inputs[i], &st))
            r->prog.done_in += (uint64_t)st.st_size;
        if (rc) {
            free(buf);
            return rc;
        }
    }
    free(buf);
    return EXIT_OK;
}

/* A record that is not one: reported with where it is; skipped under
 * --skip-bad, else the end of the run. */
static int
bad_record(run *r, const cli_lines *l, const depeche_error *err)
{
    fprintf(stderr, "depeche: %s: line %llu: byte %llu: %s%s\n", l->s.name,
            (unsigned long long)l->line_no,
            (unsigned long long)(l->offset + err->byte_offset), err->message,
            r->a->skip_bad ? "; skipped (--skip-bad)" : "");
    if (!r->a->skip_bad)
        return EXIT_BAD_INPUT;
    r->sum->skipped++;
    return EXIT_OK;
}

static int
add_records(run *r, depeche_corpus *c, depeche_jsonl *j, size_t file)
{
    cli_lines l;
    int rc = cli_lines_open(&l, r->a->inputs[file]);
    const char *line;
    size_t len;
    char id[64];
    while (!rc && !(rc = cli_lines_next(&l, &line, &len)) && line) {
        depeche_jsonl_record rec;
        depeche_error err = {0};
        if (depeche_jsonl_parse(j, line, len, &rec, &err)) {
            rc = bad_record(r, &l, &err);
            continue;
        }
        if (!rec.text)
            continue; /* a blank line */
        if (!rec.id)
            snprintf(id, sizeof id, "%llu", (unsigned long long)l.line_no);
        if (r->a->learn_model) {
            if (depeche_corpus_observe(c, rec.text, rec.text_len, &err))
                rc = driver_failed(r, l.s.name, &err);
            r->sum->docs++;
        } else if (depeche_corpus_add(c, rec.id ? rec.id : id,
                                      TAG(file, l.line_no), rec.text,
                                      rec.text_len, &err)) {
            rc = driver_failed(r, l.s.name, &err);
        }
        r->prog.done_in = r->prog.done_base + l.s.raw_total;
    }
    r->prog.done_base += l.s.raw_total;
    cli_lines_close(&l);
    return rc;
}

static int
add_jsonl(run *r, depeche_corpus *c)
{
    depeche_jsonl *j;
    depeche_error err = {0};
    if (depeche_jsonl_new(r->a->id_field, r->a->text_field, &j, &err))
        return cli_report(NULL, &err);
    int rc = EXIT_OK;
    for (size_t i = 0; i < r->a->ninputs && !rc; i++)
        rc = add_records(r, c, j, i);
    depeche_jsonl_free(j);
    return rc;
}

/* --learn-boilerplate: every document counted, the model written. */
static int
learn_boilerplate(run *r, depeche_corpus *c)
{
    const cli_corpus_args *a = r->a;
    int rc = a->jsonl ? add_jsonl(r, c) : learn_files(r, c);
    if (rc)
        return rc;
    cli_output out;
    rc = cli_open_output(a->learn_model, a->inputs, (int)a->ninputs, &out);
    if (rc)
        return rc;
    depeche_error err = {0};
    if (depeche_corpus_save_boilerplate(c, cli_file_sink, &out, &err))
        rc = out.write_errno ? EXIT_IO : cli_report(a->learn_model, &err);
    rc = cli_close_output(&out, rc);
    if (!rc)
        fprintf(stderr,
                "depeche: learned boilerplate from %zu document%s: wrote "
                "%s\n",
                r->sum->docs, r->sum->docs == 1 ? "" : "s", a->learn_model);
    r->sum->learned = 1;
    return rc;
}

int
cli_run_corpus(const cli_corpus_args *a, const char *output, cli_summary *sum)
{
    run r = {.a = a, .sum = sum};
    depeche_corpus_options co;
    depeche_corpus_options_init(&co);
    co.workers = a->workers;
    co.part_bytes = a->part_bytes;
    depeche_corpus *c = NULL;
    depeche_error err = {0};
    if (depeche_corpus_new(a->opts, &co, on_result, &r, &c, &err))
        return cli_report(a->inputs[0], &err);
    /* A document's output depends on the model given, never on the other
     * documents of the run: no statistics without one. */
    int rc = a->model ? cli_load_boilerplate(a->model, NULL, c) : EXIT_OK;
    if (!rc && a->learn_model) {
        rc = learn_boilerplate(&r, c);
        depeche_corpus_free(c);
        return rc;
    }
    if (!rc && a->filter && depeche_filter_new(a->filter, &r.filter, &err))
        rc = cli_report(NULL, &err);
    if (!rc)
        rc = cli_dest_open(&r.dest, output, a->inputs, (int)a->ninputs, a->wo);
    if (rc) {
        depeche_corpus_free(c);
        depeche_filter_free(r.filter);
        return rc;
    }
    progress_start(&r.prog, a->inputs, a->ninputs);
    rc = a->jsonl ? add_jsonl(&r, c) : add_files(&r, c);
    if (!rc && depeche_corpus_finish(c, &err))
        rc = driver_failed(&r, output ? output : "-", &err);
    if (!rc)
        progress_show(&r.prog, 1);
    else if (r.prog.on)
        fputc('\n', stderr);
    depeche_corpus_free(c);
    for (int why = 0; why < DEPECHE_DROP_COUNT; why++)
        sum->filtered[why] = depeche_filter_dropped(r.filter, why);
    depeche_filter_free(r.filter);
    return cli_commit_output(&r.dest.out, cli_dest_end(&r.dest, rc));
}

/* ---- --files-from ------------------------------------------------------ */

int
prep_read_file_list(const char *list, char ***names, size_t *n)
{
    cli_lines l;
    int rc = cli_lines_open(&l, list);
    const char *line;
    size_t len, cap = 0;
    while (!rc && !(rc = cli_lines_next(&l, &line, &len)) && line) {
        if (len && line[len - 1] == '\r')
            len--;
        if (!len)
            continue;
        if (*n == cap) {
            cap = cap ? cap * 2 : 64;
            char **p = realloc(*names, cap * sizeof *p);
            if (!p) {
                rc = EXIT_IO;
                break;
            }
            *names = p;
        }
        if (!((*names)[*n] = strndup(line, len))) {
            rc = EXIT_IO;
            break;
        }
        (*n)++;
    }
    if (rc == EXIT_IO && errno == ENOMEM)
        fprintf(stderr, "depeche: %s: out of memory\n", list);
    cli_lines_close(&l);
    return rc;
}
