/* test_corpus.c -- the corpus driver: results in input order, the same
 * bytes at any number of workers and queue size, warnings with their
 * document, failures handed back, a stop asked by the callback; and
 * depeche_options_fit_writer. */
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "buf.h"
#include "depeche.h"
#include "harness.h"

enum { DOCS = 40 };

static char *docs[DOCS];
static size_t doc_len[DOCS];

static int
mem_sink(void *user, const char *bytes, size_t len)
{
    return depeche_buf_put(user, bytes, len) ? 1 : 0;
}

typedef struct collect {
    depeche_writer *w;
    depeche_buf out; /* JSONL, then a line a warning or failure */
    size_t next_index, stop_at;
} collect;

static int
on_result(void *user, const depeche_corpus_result *r)
{
    collect *c = user;
    CHECK_INT(r->index, c->next_index);
    CHECK_INT(r->tag, 1000 + r->index);
    c->next_index++;
    for (size_t i = 0; i < r->warning_count; i++)
        depeche_buf_printf(&c->out, "%s warn %s %llu\n", r->id,
                           r->warnings[i].code,
                           (unsigned long long)r->warnings[i].offset);
    if (r->doc)
        CHECK_INT(depeche_writer_add(c->w, r->doc, NULL), 0);
    else
        depeche_buf_printf(&c->out, "%s failed %d at %llu\n", r->id,
                           (int)r->status,
                           (unsigned long long)r->error->byte_offset);
    return c->stop_at && r->index + 1 == c->stop_at;
}

/* Every document through a corpus of `workers`; the bytes out. */
static char *
run(unsigned workers, size_t queued, size_t bytes, unsigned flags,
    size_t stop_at, depeche_status *end)
{
    depeche_options o;
    depeche_options_init(&o);
    o.flags |= flags;
    depeche_corpus_options co;
    depeche_corpus_options_init(&co);
    co.workers = workers;
    co.max_queued = queued;
    co.max_queued_bytes = bytes;
    depeche_writer_options wo;
    depeche_writer_options_init(&wo);
    wo.format = DEPECHE_FORMAT_JSONL;
    collect c = {.stop_at = stop_at};
    depeche_corpus *corpus = NULL;
    CHECK_INT(depeche_writer_new(&wo, mem_sink, &c.out, &c.w, NULL), 0);
    CHECK_INT(depeche_corpus_new(&o, &co, on_result, &c, &corpus, NULL), 0);
    depeche_status st = DEPECHE_OK;
    for (size_t i = 0; i < DOCS && !st; i++) {
        char id[16];
        snprintf(id, sizeof id, "d%zu", i);
        st =
            depeche_corpus_add(corpus, id, 1000 + i, docs[i], doc_len[i], NULL);
    }
    if (!st)
        st = depeche_corpus_finish(corpus, NULL);
    *end = st;
    depeche_corpus_free(corpus);
    depeche_writer_free(c.w);
    if (!stop_at)
        CHECK_INT(c.next_index, DOCS);
    else
        CHECK_INT(c.next_index, stop_at);
    return depeche_buf_detach(&c.out);
}

/* Documents of every size, each different: a bad byte in some (a repair
 * under DEPECHE_LOSSY, a failure without), a repeated paragraph in
 * others (a warning). */
static void
make_docs(void)
{
    for (size_t i = 0; i < DOCS; i++) {
        depeche_buf b = {0};
        depeche_buf_printf(&b, "Titre numéro %zu\n\n", i);
        for (size_t k = 0; k < (i * 7) % 23 + 1; k++)
            depeche_buf_printf(&b,
                               "Le ministre a dit %zu fois que l'été %zu "
                               "serait chaud. M. Dupont n'est pas d'accord."
                               "\n\n",
                               k, i);
        if (i % 5 == 2)
            depeche_buf_puts(&b, "Un octet \xff mauvais.\n");
        if (i % 7 == 3)
            depeche_buf_puts(&b, "Répété.\n\nRépété.\n");
        doc_len[i] = b.len;
        docs[i] = depeche_buf_detach(&b);
    }
}

static void
test_same_bytes(void)
{
    depeche_status st;
    char *one = run(1, 0, 0, DEPECHE_LOSSY | DEPECHE_NO_SPELL, 0, &st);
    CHECK_INT(st, 0);
    CHECK(one && strstr(one, "d2 warn DEPECHE-001"));
    const unsigned workers[] = {2, 4, 7};
    const size_t queued[] = {1, 3, 0};
    const size_t bytes[] = {1, 2000, 0};
    for (size_t i = 0; i < 3; i++) {
        char *many = run(workers[i], queued[i], bytes[i],
                         DEPECHE_LOSSY | DEPECHE_NO_SPELL, 0, &st);
        CHECK_INT(st, 0);
        CHECK(one && many && !strcmp(one, many));
        free(many);
    }
    free(one);
}

static void
test_spell_and_failures(void)
{
    depeche_status st;
    /* Without DEPECHE_LOSSY the documents with a bad byte fail, each in
     * its place, and the others go on; with the spell stage. */
    char *one = run(1, 0, 0, 0, 0, &st);
    char *many = run(3, 2, 0, 0, 0, &st);
    CHECK_INT(st, 0);
    CHECK(one && strstr(one, "d2 failed -3 at"));
    CHECK(one && strstr(one, "\"findings\""));
    CHECK(one && many && !strcmp(one, many));
    free(one);
    free(many);
}

static void
test_stop(void)
{
    depeche_status st;
    char *out = run(4, 2, 0, DEPECHE_NO_SPELL, 5, &st);
    CHECK_INT(st, DEPECHE_ERR_ABORTED);
    CHECK(out && !strstr(out, "\"d5\""));
    free(out);
}

/* ---- one long document in parts ---------------------------------------- */

typedef struct parts_seen {
    depeche_writer *w;
    depeche_buf out;
    size_t results, next_part, lasts;
    uint64_t next_start; /* no segment starts before the last one's end */
} parts_seen;

static int
on_part(void *user, const depeche_corpus_result *r)
{
    parts_seen *p = user;
    p->results++;
    CHECK_INT(r->part, p->next_part);
    p->next_part = r->last_part ? 0 : r->part + 1;
    p->lasts += r->last_part != 0;
    for (size_t i = 0; i < r->warning_count; i++)
        depeche_buf_printf(&p->out, "warn %s %llu\n", r->warnings[i].code,
                           (unsigned long long)r->warnings[i].offset);
    CHECK(r->doc != NULL);
    if (!r->doc)
        return 1;
    for (size_t i = 0; i < depeche_doc_segment_count(r->doc); i++) {
        const depeche_segment *s = depeche_doc_segment(r->doc, i);
        CHECK(s->start >= p->next_start && s->end >= s->start);
        p->next_start = s->end;
    }
    CHECK_INT(depeche_writer_add(p->w, r->doc, NULL), 0);
    return 0;
}

/* The long document through a corpus cutting parts of part_bytes, fed in
 * pieces of 1 to `piece` bytes (0: added at once); the bytes out. */
static char *
run_parts(const char *doc, size_t len, size_t part_bytes, unsigned workers,
          size_t piece, size_t *results)
{
    depeche_options o;
    depeche_options_init(&o);
    o.flags |= DEPECHE_LOSSY | DEPECHE_NO_SPELL;
    depeche_corpus_options co;
    depeche_corpus_options_init(&co);
    co.workers = workers;
    co.part_bytes = part_bytes;
    depeche_writer_options wo;
    depeche_writer_options_init(&wo);
    wo.format = DEPECHE_FORMAT_JSONL;
    parts_seen p = {0};
    depeche_corpus *c = NULL;
    CHECK_INT(depeche_writer_new(&wo, mem_sink, &p.out, &p.w, NULL), 0);
    CHECK_INT(depeche_corpus_new(&o, &co, on_part, &p, &c, NULL), 0);
    if (!piece) {
        CHECK_INT(depeche_corpus_add(c, "long", 0, doc, len, NULL), 0);
    } else {
        CHECK_INT(depeche_corpus_begin(c, "long", 0, NULL), 0);
        /* A second document cannot start while this one is fed. */
        CHECK_INT(depeche_corpus_add(c, "other", 0, "x", 1, NULL),
                  DEPECHE_ERR_STATE);
        unsigned seed = 7;
        for (size_t at = 0; at < len;) {
            seed = seed * 1103515245u + 12345u;
            size_t n = 1 + (seed >> 16) % piece;
            if (n > len - at)
                n = len - at;
            CHECK_INT(depeche_corpus_feed(c, doc + at, n, NULL), 0);
            at += n;
        }
        CHECK_INT(depeche_corpus_finish(c, NULL), DEPECHE_ERR_STATE);
        CHECK_INT(depeche_corpus_end(c, NULL), 0);
    }
    CHECK_INT(depeche_corpus_finish(c, NULL), 0);
    CHECK_INT(depeche_writer_finish(p.w, NULL), 0);
    CHECK_INT(p.lasts, 1);
    depeche_corpus_free(c);
    depeche_writer_free(p.w);
    *results = p.results;
    return depeche_buf_detach(&p.out);
}

/* The documents end to end are one long document: cut into parts (one at
 * least every 2000 bytes), the same bytes out whether it is added at
 * once or fed in pieces that cut characters and line breaks anywhere,
 * and at any number of workers. */
static void
test_parts(void)
{
    depeche_buf b = {0};
    for (size_t i = 0; i < DOCS; i++) {
        depeche_buf_put(&b, docs[i], doc_len[i]);
        depeche_buf_puts(&b, i % 3 ? "\r\n\r\n" : "\n\n");
    }
    size_t results = 0, fed_results = 0;
    char *added = run_parts(b.data, b.len, 2000, 1, 0, &results);
    CHECK(results >= b.len / 2000);
    CHECK(added && strstr(added, "\"seg\":0,\"kind\":\"title\""));
    /* One title: the later parts' first lines are body. */
    CHECK(added && !strstr(strstr(added, "title") + 1, "\"kind\":\"title\""));
    const size_t pieces[] = {1, 7, 3000};
    const unsigned workers[] = {1, 3, 2};
    for (size_t i = 0; i < 3; i++) {
        char *fed =
            run_parts(b.data, b.len, 2000, workers[i], pieces[i], &fed_results);
        CHECK_INT(fed_results, results);
        CHECK(added && fed && !strcmp(added, fed));
        free(fed);
    }
    /* Never cut: one result. */
    char *whole = run_parts(b.data, b.len, SIZE_MAX, 2, 100, &results);
    CHECK_INT(results, 1);
    free(whole);
    free(added);
    depeche_buf_free(&b);
}

static void
test_fit(void)
{
    depeche_options o;
    depeche_writer_options wo;
    depeche_writer_options_init(&wo);
    const struct {
        depeche_format format;
        unsigned flags;
        depeche_suggest want;
    } cases[] = {
        {DEPECHE_FORMAT_MOSES, DEPECHE_WRITE_NOTES, DEPECHE_SUGGEST_NONE},
        {DEPECHE_FORMAT_TSV, 0, DEPECHE_SUGGEST_NONE},
        {DEPECHE_FORMAT_TEXT, 0, DEPECHE_SUGGEST_NONE},
        {DEPECHE_FORMAT_TMX, 0, DEPECHE_SUGGEST_NONE},
        {DEPECHE_FORMAT_TMX, DEPECHE_WRITE_NOTES, DEPECHE_SUGGEST_FULL},
        {DEPECHE_FORMAT_XLIFF2, DEPECHE_WRITE_NAME_NOTES, DEPECHE_SUGGEST_FULL},
        {DEPECHE_FORMAT_JSONL, 0, DEPECHE_SUGGEST_FULL},
        {DEPECHE_FORMAT_SPELL_TEXT, 0, DEPECHE_SUGGEST_FULL},
    };
    for (size_t i = 0; i < sizeof cases / sizeof cases[0]; i++) {
        depeche_options_init(&o);
        o.suggest = DEPECHE_SUGGEST_FULL;
        wo.format = cases[i].format;
        wo.flags = cases[i].flags;
        depeche_options_fit_writer(&o, &wo);
        CHECK_INT(o.suggest, cases[i].want);
    }
}

int
main(void)
{
    make_docs();
    test_same_bytes();
    test_spell_and_failures();
    test_stop();
    test_parts();
    test_fit();
    for (size_t i = 0; i < DOCS; i++)
        free(docs[i]);
    return harness_done();
}
