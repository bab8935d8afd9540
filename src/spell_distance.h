/* spell_distance.h -- the weighted edit distance that ranks suggestions
 * (spell_distance.c). */
#pragma once

#include <stddef.h>
#include <stdint.h>

enum { MAX_CP = 64 }; /* code points compared by the edit distance */

/* Whether two lowercase ASCII letters are neighbouring AZERTY keys. */
int spell_key_adjacent(int32_t a, int32_t b);
/* Optimal string alignment distance between two UTF-8 words, with costs
 * for French typing errors (an accent 0.25, a doubled letter 0.4, ...). */
float spell_wdist(const char *a, size_t alen, const char *b, size_t blen);
