/* test_context.c -- workers of one shared context give, on any number of
 * threads, the bytes one pipeline gives alone; the pool runs every index
 * once with several callers at once; errors name their source. */
#include <pthread.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include "buf.h"
#include "depeche.h"
#include "harness.h"
#include "pool.h"

enum { THREADS = 4, ROUNDS = 3, DOCS = 3 };

static char *docs[DOCS];
static size_t doc_len[DOCS];

static int
mem_sink(void *user, const char *bytes, size_t len)
{
    return depeche_buf_put(user, bytes, len) ? 1 : 0;
}

/* Every document through p, as JSONL and as the clean report. */
static char *
run_all(depeche_pipeline *p, size_t first)
{
    depeche_buf out = {0};
    for (int f = 0; f < 2; f++) {
        depeche_writer_options wo;
        depeche_writer_options_init(&wo);
        wo.format = f ? DEPECHE_FORMAT_CLEAN_JSONL : DEPECHE_FORMAT_JSONL;
        depeche_writer *w = NULL;
        if (depeche_writer_new(&wo, mem_sink, &out, &w, NULL))
            return NULL;
        for (size_t k = 0; k < DOCS; k++) {
            size_t i = (first + k) % DOCS; /* a different order a thread */
            depeche_doc *d = NULL;
            char id[16];
            snprintf(id, sizeof id, "doc%zu", i);
            if (depeche_process(p, id, docs[i], doc_len[i], &d, NULL) ||
                depeche_writer_add(w, d, NULL))
                return NULL;
            depeche_doc_free(d);
        }
        depeche_writer_finish(w, NULL);
        depeche_writer_free(w);
    }
    return depeche_buf_detach(&out);
}

typedef struct worker {
    depeche_context *ctx;
    size_t index;
    char *got[ROUNDS];
} worker;

static void *
worker_main(void *arg)
{
    worker *w = arg;
    for (int r = 0; r < ROUNDS; r++) {
        depeche_pipeline *p = NULL;
        if (depeche_pipeline_new_from_context(w->ctx, &p, NULL))
            return NULL;
        w->got[r] = run_all(p, w->index + (size_t)r);
        depeche_pipeline_free(p);
    }
    return NULL;
}

static void
test_threads_share_a_context(unsigned pool_threads, unsigned flags)
{
    depeche_options o;
    depeche_options_init(&o);
    o.flags = flags | DEPECHE_LOSSY;
    o.suggest = DEPECHE_SUGGEST_FAST;
    depeche_pipeline *alone = NULL;
    CHECK(depeche_pipeline_new(&o, &alone, NULL) == DEPECHE_OK);
    char *want[DOCS];
    for (size_t k = 0; k < DOCS; k++)
        want[k] = alone ? run_all(alone, k) : NULL;
    depeche_pipeline_free(alone);

    o.threads = pool_threads;
    depeche_context *ctx = NULL;
    CHECK(depeche_context_new(&o, &ctx, NULL) == DEPECHE_OK);
    worker w[THREADS];
    pthread_t t[THREADS];
    for (size_t i = 0; i < THREADS; i++) {
        w[i] = (worker){.ctx = ctx, .index = i};
        CHECK(pthread_create(&t[i], NULL, worker_main, &w[i]) == 0);
    }
    for (size_t i = 0; i < THREADS; i++) {
        pthread_join(t[i], NULL);
        for (int r = 0; r < ROUNDS; r++) {
            const char *g = w[i].got[r];
            const char *x = want[(i + (size_t)r) % DOCS];
            CHECK(g && x && strcmp(g, x) == 0);
            free(w[i].got[r]);
        }
    }
    /* A worker holds its own reference: the caller may drop its. */
    depeche_pipeline *p = NULL;
    CHECK(depeche_pipeline_new_from_context(ctx, &p, NULL) == DEPECHE_OK);
    depeche_context_free(ctx);
    char *late = p ? run_all(p, 0) : NULL;
    CHECK(late && want[0] && strcmp(late, want[0]) == 0);
    free(late);
    depeche_pipeline_free(p);
    for (size_t k = 0; k < DOCS; k++)
        free(want[k]);
}

static void
test_observe_freezes(void)
{
    depeche_options o;
    depeche_options_init(&o);
    o.flags = DEPECHE_NO_SPELL;
    depeche_context *ctx = NULL;
    depeche_error err;
    CHECK(depeche_context_new(&o, &ctx, &err) == DEPECHE_OK);
    CHECK(depeche_context_observe(ctx, docs[0], doc_len[0], &err) ==
          DEPECHE_OK);
    depeche_pipeline *p = NULL;
    CHECK(depeche_pipeline_new_from_context(ctx, &p, &err) == DEPECHE_OK);
    CHECK(depeche_context_observe(ctx, docs[0], doc_len[0], &err) ==
          DEPECHE_ERR_STATE);
    CHECK(depeche_pipeline_observe(p, docs[0], doc_len[0], &err) ==
          DEPECHE_ERR_STATE);
    depeche_pipeline_free(p);
    depeche_context_free(ctx);
    /* A pipeline with a context of its own observes as before. */
    CHECK(depeche_pipeline_new(&o, &p, &err) == DEPECHE_OK);
    CHECK(depeche_pipeline_observe(p, docs[0], doc_len[0], &err) == DEPECHE_OK);
    depeche_pipeline_free(p);
}

/* A boilerplate model: what one context observed, saved and loaded into
 * another, gives the other the same results (the clean report says which
 * lines recur); loading adds counts; a model is no model once a worker
 * reads the context; a bad line is refused at its byte. */
static void
test_boilerplate_model(void)
{
    depeche_options o;
    depeche_options_init(&o);
    o.flags = DEPECHE_NO_SPELL;
    char pages[4][200];
    for (int i = 0; i < 4; i++)
        snprintf(pages[i], sizeof pages[i],
                 "www.exemple.fr\nTitre %d\n\nLe texte %d est unique.\n\n"
                 "Suivez l'actualit\xC3\xA9 avec nous.\n",
                 i, i);
    depeche_context *a = NULL, *b = NULL;
    depeche_error err;
    CHECK(depeche_context_new(&o, &a, &err) == DEPECHE_OK);
    CHECK(depeche_context_new(&o, &b, &err) == DEPECHE_OK);
    for (int i = 0; i < 4; i++)
        CHECK(!depeche_context_observe(a, pages[i], strlen(pages[i]), &err));
    depeche_buf model = {0};
    CHECK(!depeche_context_save_boilerplate(a, mem_sink, &model, &err));
    CHECK(model.len > 0 &&
          !memcmp(model.data, "depeche boilerplate model 1\n", 28));
    CHECK(!depeche_context_load_boilerplate(b, model.data, model.len, &err));
    depeche_buf again = {0};
    CHECK(!depeche_context_save_boilerplate(b, mem_sink, &again, &err));
    CHECK(again.len == model.len && !memcmp(again.data, model.data, model.len));
    depeche_pipeline *pa = NULL, *pb = NULL;
    CHECK(!depeche_pipeline_new_from_context(a, &pa, &err));
    CHECK(!depeche_pipeline_new_from_context(b, &pb, &err));
    CHECK(depeche_context_load_boilerplate(b, model.data, model.len, &err) ==
          DEPECHE_ERR_STATE);
    depeche_doc *da = NULL, *db = NULL;
    CHECK(!depeche_process(pa, "p", pages[0], strlen(pages[0]), &da, &err));
    CHECK(!depeche_process(pb, "p", pages[0], strlen(pages[0]), &db, &err));
    size_t dropped = 0;
    for (size_t i = 0; da && db && i < depeche_doc_block_count(da); i++) {
        CHECK(depeche_doc_block(da, i)->reason ==
              depeche_doc_block(db, i)->reason);
        dropped +=
            depeche_doc_block(db, i)->reason == DEPECHE_REASON_BOILERPLATE;
    }
    CHECK(dropped == 1); /* the line every page of the source carries */
    depeche_doc_free(da);
    depeche_doc_free(db);
    depeche_pipeline_free(pa);
    depeche_pipeline_free(pb);
    /* Counts add up: twice the model is every count doubled. */
    depeche_context *c = NULL;
    CHECK(!depeche_context_new(&o, &c, &err));
    CHECK(!depeche_context_load_boilerplate(c, model.data, model.len, &err));
    CHECK(!depeche_context_load_boilerplate(c, model.data, model.len, &err));
    depeche_buf twice = {0};
    CHECK(!depeche_context_save_boilerplate(c, mem_sink, &twice, &err));
    CHECK(twice.data && strstr(twice.data, " 8\n") != NULL);
    const char bad[] = "depeche boilerplate model 1\nl 00000000000000zz 3\n";
    CHECK(depeche_context_load_boilerplate(c, bad, sizeof bad - 1, &err) ==
          DEPECHE_ERR_BAD_INPUT);
    CHECK(err.byte_offset == 28);
    depeche_context_free(c);
    depeche_buf_free(&model);
    depeche_buf_free(&again);
    depeche_buf_free(&twice);
    depeche_context_free(a);
    depeche_context_free(b);
}

static void
test_error_sources(void)
{
    depeche_options o;
    depeche_options_init(&o);
    depeche_context *ctx = NULL;
    depeche_error err;
    o.lang = "../x";
    CHECK(depeche_context_new(&o, &ctx, &err) == DEPECHE_ERR_INVALID_ARG);
    CHECK_INT(err.source, DEPECHE_SOURCE_LANG);
    o.lang = "fr-FR";
    o.abbrev_file = "/nonexistent/abbrev.txt";
    CHECK(depeche_context_new(&o, &ctx, &err) != DEPECHE_OK);
    CHECK_INT(err.source, DEPECHE_SOURCE_ABBREV_LIST);
    CHECK_STR(err.file, "/nonexistent/abbrev.txt");
    o.abbrev_file = NULL;
    o.personal_dict = "/nonexistent/personal.txt";
    CHECK(depeche_context_new(&o, &ctx, &err) != DEPECHE_OK);
    CHECK_INT(err.source, DEPECHE_SOURCE_PERSONAL_LIST);
    CHECK_STR(err.file, "/nonexistent/personal.txt");
    o.personal_dict = NULL;
    o.dict_path = "/nonexistent/fr_XX";
    CHECK(depeche_context_new(&o, &ctx, &err) == DEPECHE_ERR_DICT);
    CHECK_INT(err.source, DEPECHE_SOURCE_DICTIONARY);
    CHECK_STR(err.file, "/nonexistent/fr_XX");
    o.dict_path = NULL;
    o.flags = DEPECHE_NO_SPELL;
    depeche_pipeline *p = NULL;
    CHECK(depeche_pipeline_new(&o, &p, &err) == DEPECHE_OK);
    depeche_doc *d = NULL;
    CHECK(depeche_process(p, "x", "ab\xFF", 3, &d, &err) ==
          DEPECHE_ERR_BAD_INPUT);
    CHECK_INT(err.source, DEPECHE_SOURCE_INPUT);
    CHECK_STR(depeche_source_name(err.source), "input");
    depeche_pipeline_free(p);
}

/* ---- the pool ----------------------------------------------------------- */

enum { POOL_N = 5000 };

typedef struct pool_case {
    depeche_pool *pool;
    int hits[POOL_N];
} pool_case;

static void
hit(void *user, size_t i)
{
    ((pool_case *)user)->hits[i]++;
}

static void *
pool_caller(void *arg)
{
    pool_case *c = arg;
    depeche_pool_for(c->pool, POOL_N, hit, c);
    return NULL;
}

static void
test_pool(void)
{
    depeche_pool *pool = NULL;
    CHECK(depeche_pool_new(2, &pool) == DEPECHE_OK);
    CHECK_INT(depeche_pool_width(pool), 3);
    static pool_case cases[3];
    pthread_t t[3];
    for (int k = 0; k < 3; k++) {
        cases[k].pool = pool;
        CHECK(pthread_create(&t[k], NULL, pool_caller, &cases[k]) == 0);
    }
    int once = 1;
    for (int k = 0; k < 3; k++) {
        pthread_join(t[k], NULL);
        for (int i = 0; i < POOL_N; i++)
            once &= cases[k].hits[i] == 1;
    }
    CHECK(once);
    depeche_pool_free(pool);
    static pool_case alone; /* a NULL pool runs on the caller */
    depeche_pool_for(NULL, POOL_N, hit, &alone);
    CHECK(alone.hits[POOL_N - 1] == 1);
}

static int
count_sentence(void *user, const depeche_sentence *s)
{
    (void)s;
    ++*(int *)user;
    return 0;
}

/* Segmenters made from a context share its abbreviation table: the user's
 * list is not read again (it may be gone), and a segmenter outlives the
 * context it came from. */
static void
test_segmenters_share_abbrevs(void)
{
    char path[] = "/tmp/depeche-abbrevXXXXXX";
    int fd = mkstemp(path);
    CHECK(fd >= 0);
    FILE *f = fd >= 0 ? fdopen(fd, "w") : NULL;
    if (!f)
        return;
    fputs("[title]\nZorg.\n", f);
    fclose(f);
    depeche_options o;
    depeche_options_init(&o);
    o.flags = DEPECHE_NO_SPELL;
    o.abbrev_file = path;
    depeche_context *ctx = NULL;
    depeche_error err;
    CHECK_INT(depeche_context_new(&o, &ctx, &err), DEPECHE_OK);
    int n1 = 0, n2 = 0;
    depeche_segmenter *s1 = NULL, *s2 = NULL;
    CHECK_INT(
        depeche_segmenter_new_from_context(ctx, count_sentence, &n1, &s1, &err),
        DEPECHE_OK);
    remove(path);
    CHECK_INT(
        depeche_segmenter_new_from_context(ctx, count_sentence, &n2, &s2, &err),
        DEPECHE_OK);
    depeche_context_free(ctx); /* the segmenters hold it */
    static const char in[] = "Le Zorg. Dupont arrive. Fin.";
    depeche_segmenter *s[2] = {s1, s2};
    for (int k = 0; k < 2; k++) {
        CHECK_INT(depeche_segmenter_feed(s[k], in, sizeof in - 1, &err),
                  DEPECHE_OK);
        CHECK_INT(depeche_segmenter_finish(s[k], &err), DEPECHE_OK);
        depeche_segmenter_free(s[k]);
    }
    CHECK_INT(n1, 2); /* "Zorg." is a title: no end before Dupont */
    CHECK_INT(n2, 2);
}

static char *
read_all(const char *path, size_t *len)
{
    FILE *f = fopen(path, "rb");
    if (!f)
        return NULL;
    depeche_buf b = {0};
    char tmp[4096];
    size_t n;
    while ((n = fread(tmp, 1, sizeof tmp, f)) > 0)
        depeche_buf_put(&b, tmp, n);
    fclose(f);
    *len = b.len;
    return depeche_buf_detach(&b);
}

int
main(void)
{
    const char *dir = getenv("TESTS_DIR");
    const char *names[DOCS] = {"xinhua-2021-02-24-biden-kazimi.txt",
                               "hostile.txt", "second.txt"};
    for (size_t k = 0; k < DOCS; k++) {
        char path[1024];
        snprintf(path, sizeof path, "%s/data/%s", dir ? dir : "tests",
                 names[k]);
        docs[k] = read_all(path, &doc_len[k]);
        CHECK(docs[k] != NULL);
        if (!docs[k])
            return harness_done();
    }
    test_pool();
    test_threads_share_a_context(1, DEPECHE_NO_SPELL);
    test_threads_share_a_context(3, DEPECHE_NO_SPELL);
    test_threads_share_a_context(2, 0);
    test_observe_freezes();
    test_boilerplate_model();
    test_segmenters_share_abbrevs();
    test_error_sources();
    for (size_t k = 0; k < DOCS; k++)
        free(docs[k]);
    return harness_done();
}
