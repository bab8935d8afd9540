/* spell_suggest.h -- suggestions for a type, and how near a word it is
 * (spell_suggest.c). */
#pragma once

#include <stddef.h>

#include "depeche.h"
#include "spell_hunspell.h"
#include "spell_types.h"

/* How many edits generate() tries: GEN_CHEAP only the likely ones
 * (accents, doubled letters, swaps, deletions, neighbouring keys), about a
 * tenth of GEN_FULL's calls; GEN_MEDIUM adds inserted vowels (baucoup);
 * GEN_TINY only accents and doubled letters. */
enum { GEN_TINY, GEN_CHEAP, GEN_MEDIUM, GEN_FULL };

/* Fills e->sugg for the finding's range of e, best first (once: sets
 * e->sugg_done), as much as s->suggest_mode asks.  DEPECHE_ERR_NOMEM. */
depeche_status spell_suggest(spell_worker *s, entry *e);
/* The cheapest near word of a capitalized type, in lowercase when lower
 * is set, with the edits of `level`; the search stops at a cost at most
 * `enough` (99: none near). */
float spell_near_cost(spell_worker *s, const char *w, size_t wn, int lower,
                      int level, float enough);
