/* spell_phonetic.h -- a French sound-alike key for a word, and an index of
 * the compiled dictionary's words by that key (spell_phonetic.c). */
#pragma once

#include <stddef.h>
#include <stdint.h>

#include "spell_compiled.h"

/* The key of n bytes of w: how French reads it, roughly (accents, h and
 * doubled letters gone; ph, qu, c, g, x, ch, oi, ou, eau, ai, the nasal
 * vowels and the silent endings each read one way), so that exelent and
 * excellent, troixieme and troisième share one.  Writes it NUL-terminated
 * into out (max bytes); returns its length (0: none). */
size_t spell_phonetic_key(const char *w, size_t n, char *out, size_t max);

/* The words of a compiled dictionary by key: built once, when first
 * asked, by the one thread that owns it. */
typedef struct spell_phonetic spell_phonetic;

/* NULL when out of memory. */
spell_phonetic *spell_phonetic_build(const spell_compiled *c);
void spell_phonetic_free(spell_phonetic *p);

/* Calls fn with each word whose key is key (NUL-terminated words, at most
 * max of them, in table order); returns how many. */
size_t spell_phonetic_each(const spell_phonetic *p, const char *key,
                           void (*fn)(void *user, const char *w, size_t n),
                           void *user, size_t max);
