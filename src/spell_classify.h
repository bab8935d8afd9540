/* spell_classify.h -- the analysis of a word type (spell_classify.c). */
#pragma once

#include "spell_hunspell.h"
#include "spell_types.h"

/* What a type is, whatever its context: sets e's verdict, its accent
 * advice (fix), where the finding starts (hit_off), its shape, and for a
 * long unknown capitalized type how near a common word it is (near_cost).
 * Touches only e and s: helper threads analyse types side by side. */
void spell_analyze(spell_worker *s, entry *e);
