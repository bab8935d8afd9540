/* align_cache.c -- word costs of a sentence against spans of the other
 * side, computed on first use (see align_cache.h). */
#include "align_cache.h"

#include <math.h>
#include <stdlib.h>
#include <string.h>

depeche_status
align_cache_init(align_cache *c, const align_side *side, const size_t *first,
                 const size_t *last)
{
    memset(c, 0, sizeof *c);
    c->side = side;
    size_t n = side->count;
    c->first = malloc((n + 1) * sizeof *c->first);
    c->row = malloc((n + 1) * sizeof *c->row);
    if (!c->first || !c->row)
        return DEPECHE_ERR_NOMEM;
    size_t total = 0;
    for (size_t i = 0; i < n; i++) {
        c->first[i] = first[i];
        c->row[i] = total;
        if (first[i] <= last[i])
            total += (last[i] - first[i] + 1) * ALIGN_MAX_SPAN;
    }
    c->row[n] = total;
    c->cost = malloc((total ? total : 1) * sizeof *c->cost);
    if (!c->cost)
        return DEPECHE_ERR_NOMEM;
    for (size_t k = 0; k < total; k++)
        c->cost[k] = NAN;
    return DEPECHE_OK;
}

void
align_sentence_words(const align_side *s, size_t i, size_t start, double *cost,
                     size_t *linked, size_t *matched)
{
    for (int l = 0; l < ALIGN_MAX_SPAN; l++) {
        cost[l] = 0;
        if (matched)
            matched[l] = 0;
    }
    for (uint32_t k = s->tok_start[i]; k < s->tok_start[i + 1]; k++) {
        uint32_t t = s->tok_type[k];
        const uint32_t *lo = s->occ + s->occ_start[t];
        const uint32_t *hi = s->occ + s->occ_start[t + 1];
        if (lo == hi)
            continue;
        if (linked)
            (*linked)++;
        const uint32_t *p = align_lower_bound(lo, hi, (uint32_t)start);
        size_t d = p < hi ? *p - start : (size_t)ALIGN_MAX_SPAN;
        for (size_t l = 0; l < ALIGN_MAX_SPAN; l++) {
            cost[l] += d <= l ? s->gain[t * ALIGN_MAX_SPAN + l] : s->miss;
            if (matched && d <= l)
                matched[l]++;
        }
    }
}

double
align_cache_cost(align_cache *c, size_t i, size_t start, size_t span)
{
    double *cell = c->cost + c->row[i] + (start - c->first[i]) * ALIGN_MAX_SPAN;
    if (isnan(cell[0]))
        align_sentence_words(c->side, i, start, cell, NULL, NULL);
    return cell[span - 1];
}

void
align_cache_free(align_cache *c)
{
    free(c->first);
    free(c->row);
    free(c->cost);
    memset(c, 0, sizeof *c);
}
