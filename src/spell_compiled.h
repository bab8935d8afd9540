/* spell_compiled.h -- the hunspell dictionary compiled ahead of time: every
 * word its affix rules make, in a hash table kept in a cache file and
 * mapped into memory (spell_compiled.c). */
#pragma once

#include <stddef.h>
#include <stdint.h>

#include "depeche.h"

typedef struct spell_compiled spell_compiled;

/* A word list added to the dictionary (the news supplement, a personal
 * list): lines of `word` or `word model`, as spell_list_entry reads them. */
typedef struct spell_word_list {
    const char *data;
    size_t len;
} spell_word_list;

/* The compiled form of the dictionary aff_path + dic_path with the words
 * of lists, from the cache ($XDG_CACHE_HOME/depeche/, else
 * ~/.cache/depeche/; the file is named by a hash of all their content) or
 * compiled now and written there (kept in memory when it cannot be written).
 * *out is NULL, with DEPECHE_OK, when the .aff uses what the compiler does not
 * know (AF flag aliases, a FLAG type other than long, num, UTF-8 or the
 * default): hunspell then answers alone.  Errors: DEPECHE_ERR_NOMEM,
 * DEPECHE_ERR_DICT (unreadable files). */
depeche_status spell_compiled_open(const char *aff_path, const char *dic_path,
                                   const spell_word_list *lists, size_t nlists,
                                   spell_compiled **out, depeche_error *err);
void spell_compiled_close(spell_compiled *c);

/* Whether n bytes of w are, exactly as written, a word the rules make.
 * 1 is hunspell's answer too (the agreement test checks every word);
 * 0 only says the compiled form does not hold it: capitals of a lowercase
 * word, elisions (l', qu'), hyphenated pairs, abbreviations with a dot and
 * words of the news list are hunspell's to answer. */
int spell_compiled_has(const spell_compiled *c, const char *w, size_t n);

/* What hunspell would say of n bytes of w: 1 a word, 0 not one, -1 ask
 * hunspell.  0 only for a word of lowercase letters (a-z, the French
 * accents, œ, æ), or one of them with a capital first (Paris, Maisonn),
 * when the dictionary compiled whole (affix_expand's complete): hunspell
 * reads such a word as written and as a whole, a capitalized one in
 * lowercase too. */
int spell_compiled_check(const spell_compiled *c, const char *w, size_t n);

/* Every word of the compiled form, in table order: fn gets each one
 * (NUL-terminated); a non-zero return stops.  For the agreement test. */
size_t spell_compiled_each(const spell_compiled *c,
                           int (*fn)(void *user, const char *w, size_t n),
                           void *user);
/* The table's slots, and the word in one (not NUL-terminated; *n bytes),
 * NULL for an empty slot: an index over the words names them by slot. */
uint32_t spell_compiled_slots(const spell_compiled *c);
const char *spell_compiled_word(const spell_compiled *c, uint32_t slot,
                                size_t *n);
/* Where the cache file is (NULL: kept in memory). */
const char *spell_compiled_path(const spell_compiled *c);
