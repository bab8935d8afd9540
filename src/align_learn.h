/* align_learn.h -- word pairs learnt from the aligner's own confident
 * links (lexicon re-estimation).
 *
 * A first pass aligns with the dictionary; its confident 1-1 beads are
 * taken as translations.  Over them, a source stem and a target stem that
 * occur together far more often than chance (Dunning's log-likelihood
 * ratio, G2) are paired, each stem with at most its best partner
 * (competitive linking: the strongest pairs first, a stem taken once).
 * Pairs the dictionary or the spelling already give only take their
 * stems.  A second pass aligns with the learnt pairs added.
 *
 * Counts add up over documents, so the same table serves one document or
 * a whole corpus. */
#pragma once

#include <stddef.h>

#include "align_features.h"
#include "depeche.h"

typedef struct align_cooc align_cooc;

depeche_status align_cooc_new(align_cooc **out);
/* Counts the stems of the confident 1-1 beads of a document aligned with
 * features f. */
depeche_status align_cooc_add(align_cooc *c, const align_features *f,
                              const depeche_bead *beads, size_t n);
/* Beads counted so far. */
size_t align_cooc_beads(const align_cooc *c);
/* Adds the significant pairs that `known` lacks to `learned`; their number
 * into *added. */
depeche_status align_cooc_learn(const align_cooc *c, const align_lexicon *known,
                                align_lexicon *learned, size_t *added);
void align_cooc_free(align_cooc *c);
