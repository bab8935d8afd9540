/* spell_chars.h -- characters and word shapes as the speller reads them
 * (spell_chars.c).  Pure functions of their arguments. */
#pragma once

#include <stddef.h>
#include <stdint.h>

#include "spell_lists.h"

enum { MAX_WORD = 120 }; /* bytes; longer tokens are not words */

/* Decodes the code point at s[i] into *cp (-1 for a bad byte); returns its
 * length in bytes (1 for a bad byte). */
size_t spell_next_cp(const char *s, size_t len, size_t i, int32_t *cp);
int spell_is_letter(int32_t cp);
int spell_is_digit(int32_t cp);
int spell_is_apos(int32_t cp); /* ' ’ ʼ */
/* A space between words: tab, no-break, thin and figure spaces. */
int spell_is_space(int32_t cp);
int spell_is_upper(int32_t cp);
/* The letter without its accent: é -> e, Ç -> C.  Others unchanged. */
int32_t spell_base_letter(int32_t cp);

enum shape { S_LOWER, S_CAP, S_UPPER, S_MIXED };
enum shape spell_shape_of(const char *w, size_t n);
/* Lowercases w into out (NUL-terminated); returns its length. */
size_t spell_lower_copy(const char *w, size_t n, char *out, size_t max);
/* Byte length of the elision prefix (l', qu', jusqu'...), 0 if none. */
size_t spell_elision_len(const spell_lists *l, const char *w, size_t n);
/* a-t'il, sera-t’on: an apostrophe where the euphonic t wants a hyphen
 * (hunspell takes a-t'il for a + t'il). */
int spell_euphonic_apostrophe(const char *w, size_t n);
/* A number typed with a letter in it that plain hunspell would flag: a
 * letter O for a zero (1O.365) or a time with a capital H (11H00).
 * Returns n for such a token, 0 for any other; with fix (max bytes), also
 * writes it as it should be (10.365, 11h00), NUL-terminated, when it
 * fits. */
size_t spell_mistyped_number(const char *w, size_t n, char *fix, size_t max);
/* Replaces n bytes at `at` of w[0..wn) with rep into out; returns the new
 * length, or 0 when it and a NUL would not fit in max bytes. */
size_t spell_splice(const char *w, size_t wn, size_t at, size_t n,
                    const char *rep, char *out, size_t max);
