/* align_cache.h -- the word cost of one sentence against a span of the
 * other side, computed once.
 *
 * The search asks for the same sentence against the same span many times
 * (a source sentence in a 1-1, 2-1, 3-1 ... bead ending at nearby cells),
 * and each answer costs a binary search a word.  One search a word gives
 * the answer for every span length from the same start, so the cache
 * keeps, for each sentence i and each start o of the other side that the
 * band can pair it with, the costs for spans of 1..ALIGN_MAX_SPAN
 * sentences.  Memory grows with the band's cells, never with the product
 * of the sides. */
#pragma once

#include <stddef.h>

#include "align_features.h"
#include "depeche.h"

typedef struct align_cache {
    const align_side *side;
    size_t *first; /* sentences + 1: first other-side start cached */
    size_t *row;   /* sentences + 1: offset of a sentence's starts */
    double *cost;  /* ALIGN_MAX_SPAN a start; NAN until computed */
} align_cache;

/* Room for each sentence i of `side` against the other-side starts
 * [first[i], last[i]] (first[i] > last[i]: none). */
depeche_status align_cache_init(align_cache *c, const align_side *side,
                                const size_t *first, const size_t *last);
/* The word cost of sentence i against `span` sentences of the other side
 * from `start`, which must lie in the range given at init. */
double align_cache_cost(align_cache *c, size_t i, size_t start, size_t span);
void align_cache_free(align_cache *c);

/* Sentence i of side s against the other side's spans of 1..MAX_SPAN
 * sentences from start: the word cost of each into cost[0..MAX_SPAN), a
 * linked word being matched in a span of L when its first occurrence at
 * or after start lies within L sentences; with linked and matched
 * non-NULL, the linked words are added to *linked and the matched ones of
 * each span to matched[0..MAX_SPAN). */
void align_sentence_words(const align_side *s, size_t i, size_t start,
                          double *cost, size_t *linked, size_t *matched);
