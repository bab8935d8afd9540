/* test_align.c -- the aligner's library API: beads tile both sides, empty
 * sides, bad arguments, and a 10,000-sentence document aligned in a band
 * whose cells grow linearly (checked on the aligner's own cell count, not
 * on time). */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "../harness.h"
#include "align.h"
#include "align_cache.h"
#include "align_features.h"
#include "align_learn.h"
#include "depeche.h"

enum { BIG = 10000 };

static depeche_aligner *
new_aligner(void)
{
    depeche_align_options o;
    depeche_align_options_init(&o);
    o.flags = DEPECHE_ALIGN_NO_DICT; /* the same on every machine */
    depeche_aligner *a = NULL;
    CHECK(depeche_aligner_new(&o, &a, NULL) == DEPECHE_OK);
    return a;
}

/* Beads in order, covering each sentence of both sides exactly once. */
static int
tiles(const depeche_bead *b, size_t n, size_t nsrc, size_t ntgt)
{
    size_t i = 0, j = 0;
    for (size_t k = 0; k < n; k++) {
        if (b[k].src_first != i || b[k].tgt_first != j)
            return 0;
        if (!b[k].src_count && !b[k].tgt_count)
            return 0;
        i += b[k].src_count;
        j += b[k].tgt_count;
    }
    return i == nsrc && j == ntgt;
}

static void
test_big_document(void)
{
    /* Distinct sentences anchored by their numbers; every 97th target
     * sentence has no source (an omission). */
    char(*st)[80] = malloc(BIG * sizeof *st);
    char(*tt)[80] = malloc(BIG * sizeof *tt);
    depeche_align_sentence *src = calloc(BIG, sizeof *src);
    depeche_align_sentence *tgt = calloc(BIG + BIG / 97 + 1, sizeof *tgt);
    size_t m = 0;
    for (int i = 0; i < BIG; i++) {
        int n = snprintf(st[i], sizeof st[i],
                         "Le rapport %d cite %d témoins et %d dates.", i,
                         i * 7 % 1000, i % 31);
        src[i] = (depeche_align_sentence){st[i], (size_t)n, 0};
        if (i % 97 == 50) {
            static const char extra[] = "An extra sentence with no source.";
            tgt[m++] = (depeche_align_sentence){extra, sizeof extra - 1, 0};
        }
        n = snprintf(tt[i], sizeof tt[i],
                     "Report %d cites %d witnesses and %d dates.", i,
                     i * 7 % 1000, i % 31);
        tgt[m++] = (depeche_align_sentence){tt[i], (size_t)n, 0};
    }
    depeche_aligner *a = new_aligner();
    const depeche_bead *b = NULL;
    size_t n = 0;
    CHECK(depeche_align(a, src, BIG, tgt, m, &b, &n, NULL) == DEPECHE_OK);
    CHECK(tiles(b, n, BIG, m));
    size_t one_one = 0, omitted = 0;
    for (size_t k = 0; k < n; k++) {
        one_one += b[k].src_count == 1 && b[k].tgt_count == 1;
        omitted += b[k].src_count == 0;
    }
    CHECK_INT(one_one, BIG);
    CHECK_INT(omitted, m - BIG);
    /* Linear: a band of a few dozen cells a row, not BIG * m cells. */
    CHECK(align_last_cells(a) <= (size_t)BIG * 200);
    CHECK(align_last_cells(a) > 0);
    depeche_aligner_free(a);
    free(st);
    free(tt);
    free(src);
    free(tgt);
}

/* Bad UTF-8 is refused at its first bad byte, in the first sentence that
 * has one (the source side first), named in the message: the input of
 * fuzz/repro/align/bad-utf8-offset. */
static void
test_bad_utf8_offset(depeche_aligner *a)
{
    depeche_align_sentence src[2] = {{"Bonjour.", 8, 0},
                                     {"Comment vas-tu ?", 16, 0}};
    depeche_align_sentence tgt[2] = {{"Hello.", 6, 0},
                                     {"How are \xc3\x28you?", 14, 0}};
    const depeche_bead *b = NULL;
    size_t n = 0;
    depeche_error err;
    CHECK(depeche_align(a, src, 2, tgt, 2, &b, &n, &err) ==
          DEPECHE_ERR_BAD_INPUT);
    CHECK_INT(err.byte_offset, 8);
    CHECK_INT(err.source, DEPECHE_SOURCE_INPUT);
    CHECK(strstr(err.message, "target sentence 2") != NULL);
    /* A source sentence cut inside a character comes first. */
    src[0] = (depeche_align_sentence){"Caf\xc3\xa9", 4, 0};
    CHECK(depeche_aligner_study(a, src, 2, tgt, 2, &err) ==
          DEPECHE_ERR_BAD_INPUT);
    CHECK_INT(err.byte_offset, 3);
    CHECK(strstr(err.message, "source sentence 1") != NULL);
}

/* A NUL byte is a character like any other: the words after it count. */
static void
test_nul_inside(void)
{
    depeche_align_sentence src[1] = {{"alpha\0bravo", 11, 0}};
    depeche_align_sentence tgt[1] = {{"alpha bravo", 11, 0}};
    align_features f;
    CHECK(align_features_build(&f, NULL, NULL, src, 1, tgt, 1, 0.5, NULL) ==
          DEPECHE_OK);
    CHECK_INT(f.src.tok_start[1] - f.src.tok_start[0], 2);
    CHECK_INT(f.tgt.tok_start[1] - f.tgt.tok_start[0], 2);
    align_features_free(&f);
}

static void
test_edges(void)
{
    depeche_aligner *a = new_aligner();
    const depeche_bead *b = NULL;
    size_t n = 99;
    CHECK(depeche_align(a, NULL, 0, NULL, 0, &b, &n, NULL) == DEPECHE_OK);
    CHECK_INT(n, 0);
    depeche_align_sentence one = {"Bonjour.", 8, 0};
    CHECK(depeche_align(a, &one, 1, NULL, 0, &b, &n, NULL) == DEPECHE_OK);
    CHECK_INT(n, 1);
    CHECK(n == 1 && b[0].src_count == 1 && b[0].tgt_count == 0);
    depeche_align_sentence bad = {"\xff\xfe", 2, 0};
    depeche_error err;
    CHECK(depeche_align(a, &bad, 1, &one, 1, &b, &n, &err) ==
          DEPECHE_ERR_BAD_INPUT);
    CHECK_INT(err.byte_offset, 0);
    test_bad_utf8_offset(a);
    CHECK(depeche_align(a, NULL, 1, &one, 1, &b, &n, &err) ==
          DEPECHE_ERR_INVALID_ARG);
    depeche_aligner_free(a);

    depeche_align_options o;
    depeche_align_options_init(&o);
    o.target_lang = "not a tag!";
    CHECK(depeche_aligner_new(&o, &a, &err) == DEPECHE_ERR_INVALID_ARG);
    /* The shape lang.c checks, not only letters before a dash. */
    o.target_lang = "en-../../x";
    CHECK(depeche_aligner_new(&o, &a, &err) == DEPECHE_ERR_INVALID_ARG);
    o.target_lang = "en_GB";
    CHECK(depeche_aligner_new(&o, &a, &err) == DEPECHE_OK);
    depeche_aligner_free(a);
    depeche_align_options_init(&o);
    o.dict_bi = "/nonexistent/dict.txt";
    CHECK(depeche_aligner_new(&o, &a, &err) == DEPECHE_ERR_DICT);
    depeche_aligner_free(NULL);
}

/* Thirty 1-1 pairs: "zorblax" and "quimtor" stand for each other in five
 * of them, "plimbo" and "frask" meet once only, "et"/"and" are in all. */
enum { LEARN_N = 30 };

static void
learn_doc(char (*st)[64], char (*tt)[64], depeche_align_sentence *src,
          depeche_align_sentence *tgt)
{
    static const char *const fill_s[] = {"alpha", "bravo", "carlo", "delta"};
    static const char *const fill_t[] = {"xenon", "yodel", "zebra", "wagon"};
    for (int i = 0; i < LEARN_N; i++) {
        int z = i % 6 == 0, p = i == 1;
        int n = snprintf(st[i], 64, "%s %d et %s %s", fill_s[i % 4], i,
                         z ? "zorblax" : "", p ? "plimbo" : "");
        src[i] = (depeche_align_sentence){st[i], (size_t)n, 0};
        n = snprintf(tt[i], 64, "%s %d and %s %s", fill_t[i % 4], i,
                     z ? "quimtor" : "", p ? "frask" : "");
        tgt[i] = (depeche_align_sentence){tt[i], (size_t)n, 0};
    }
}

static void
test_learn(void)
{
    char st[LEARN_N][64], tt[LEARN_N][64];
    depeche_align_sentence src[LEARN_N], tgt[LEARN_N];
    learn_doc(st, tt, src, tgt);
    align_lexicon *known = NULL, *learned = NULL;
    CHECK(align_lexicon_new(&known) == DEPECHE_OK);
    CHECK(align_lexicon_new(&learned) == DEPECHE_OK);
    align_features f;
    CHECK(align_features_build(&f, known, NULL, src, LEARN_N, tgt, LEARN_N, 0.5,
                               NULL) == DEPECHE_OK);
    depeche_bead beads[LEARN_N];
    for (size_t i = 0; i < LEARN_N; i++)
        beads[i] = (depeche_bead){i, 1, i, 1, 0.9};
    align_cooc *c = NULL;
    size_t added = 0;
    CHECK(align_cooc_new(&c) == DEPECHE_OK);
    CHECK(align_cooc_add(c, &f, beads, LEARN_N) == DEPECHE_OK);
    CHECK_INT(align_cooc_beads(c), LEARN_N);
    CHECK(align_cooc_learn(c, known, learned, &added) == DEPECHE_OK);
    CHECK(align_lexicon_has(learned, "zorbl", "quimt"));
    CHECK(!align_lexicon_has(learned, "plimb", "frask")); /* once */
    CHECK(!align_lexicon_has(learned, "et", "and"));      /* everywhere */
    CHECK_INT(added, align_lexicon_size(learned));
    align_cooc_free(c);

    /* Weak beads teach nothing. */
    for (size_t i = 0; i < LEARN_N; i++)
        beads[i].score = 0.1;
    align_lexicon_free(learned);
    CHECK(align_lexicon_new(&learned) == DEPECHE_OK);
    CHECK(align_cooc_new(&c) == DEPECHE_OK);
    CHECK(align_cooc_add(c, &f, beads, LEARN_N) == DEPECHE_OK);
    CHECK(align_cooc_learn(c, known, learned, &added) == DEPECHE_OK);
    CHECK_INT(added, 0);
    align_cooc_free(c);

    /* The learnt pair links the words: each now has occurrences. */
    align_features g;
    CHECK(align_features_build(&g, known, learned, src, LEARN_N, tgt, LEARN_N,
                               0.5, NULL) == DEPECHE_OK);
    CHECK(g.src.occ_start[g.src.types] >= f.src.occ_start[f.src.types]);
    align_features_free(&g);
    align_features_free(&f);
    align_lexicon_free(known);
    align_lexicon_free(learned);
}

/* The corpus API: studied documents teach pairs once, then the counts
 * start again. */
static void
test_corpus(void)
{
    char st[LEARN_N][64], tt[LEARN_N][64];
    depeche_align_sentence src[LEARN_N], tgt[LEARN_N];
    learn_doc(st, tt, src, tgt);
    depeche_aligner *a = new_aligner();
    size_t pairs = 99;
    CHECK(depeche_aligner_learn(a, &pairs, NULL) == DEPECHE_OK);
    CHECK_INT(pairs, 0);
    CHECK(depeche_aligner_study(a, src, LEARN_N, tgt, LEARN_N, NULL) ==
          DEPECHE_OK);
    CHECK(depeche_aligner_learn(a, &pairs, NULL) == DEPECHE_OK);
    CHECK(pairs >= 1); /* zorblax = quimtor */
    CHECK(depeche_aligner_study(a, src, LEARN_N, tgt, LEARN_N, NULL) ==
          DEPECHE_OK);
    CHECK(depeche_aligner_learn(a, &pairs, NULL) == DEPECHE_OK);
    CHECK_INT(pairs, 0); /* known now */
    const depeche_bead *b = NULL;
    size_t n = 0;
    CHECK(depeche_align(a, src, LEARN_N, tgt, LEARN_N, &b, &n, NULL) ==
          DEPECHE_OK);
    CHECK(tiles(b, n, LEARN_N, LEARN_N));
    depeche_error err;
    CHECK(depeche_aligner_study(a, NULL, 1, tgt, 1, &err) ==
          DEPECHE_ERR_INVALID_ARG);
    CHECK(depeche_aligner_learn(NULL, &pairs, &err) == DEPECHE_ERR_INVALID_ARG);
    depeche_aligner_free(a);
}

/* The cache answers what a word-by-word count answers. */
static void
test_cache(void)
{
    char st[LEARN_N][64], tt[LEARN_N][64];
    depeche_align_sentence src[LEARN_N], tgt[LEARN_N];
    learn_doc(st, tt, src, tgt);
    align_features f;
    CHECK(align_features_build(&f, NULL, NULL, src, LEARN_N, tgt, LEARN_N, 0.5,
                               NULL) == DEPECHE_OK);
    size_t first[LEARN_N], last[LEARN_N];
    for (size_t i = 0; i < LEARN_N; i++) {
        first[i] = i > 2 ? i - 2 : 0;
        last[i] = LEARN_N - ALIGN_MAX_SPAN;
    }
    align_cache c;
    CHECK(align_cache_init(&c, &f.src, first, last) == DEPECHE_OK);
    for (size_t i = 0; i < LEARN_N; i++)
        for (size_t o = first[i]; o <= last[i]; o++)
            for (size_t span = 1; span <= ALIGN_MAX_SPAN; span++) {
                double want = 0;
                const align_side *s = &f.src;
                for (uint32_t k = s->tok_start[i]; k < s->tok_start[i + 1];
                     k++) {
                    uint32_t t = s->tok_type[k];
                    int linked = 0, hit = 0;
                    for (uint32_t q = s->occ_start[t]; q < s->occ_start[t + 1];
                         q++) {
                        linked = 1;
                        hit |= s->occ[q] >= o && s->occ[q] < o + span;
                    }
                    if (linked)
                        want += hit ? s->gain[t * ALIGN_MAX_SPAN + span - 1]
                                    : s->miss;
                }
                double got = align_cache_cost(&c, i, o, span);
                CHECK(got - want < 1e-9 && want - got < 1e-9);
            }
    align_cache_free(&c);
    align_features_free(&f);
}

int
main(void)
{
    test_learn();
    test_cache();
    test_corpus();
    test_edges();
    test_nul_inside();
    test_big_document();
    return harness_done();
}
