/* test_align.c -- the aligner's library API: beads tile both sides, empty
 * sides, bad arguments, and a 10,000-sentence document aligned in a band
 * whose cells grow linearly (checked on the aligner's own cell count, not
 * on time). */
#include <stdio.h>
#include <stdlib.h>

#include "../harness.h"
#include "align.h"
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
    CHECK(depeche_align(a, NULL, 1, &one, 1, &b, &n, &err) ==
          DEPECHE_ERR_INVALID_ARG);
    depeche_aligner_free(a);

    depeche_align_options o;
    depeche_align_options_init(&o);
    o.target_lang = "not a tag!";
    CHECK(depeche_aligner_new(&o, &a, &err) == DEPECHE_ERR_INVALID_ARG);
    depeche_align_options_init(&o);
    o.dict_bi = "/nonexistent/dict.txt";
    CHECK(depeche_aligner_new(&o, &a, &err) == DEPECHE_ERR_DICT);
    depeche_aligner_free(NULL);
}

int
main(void)
{
    test_edges();
    test_big_document();
    return harness_done();
}
