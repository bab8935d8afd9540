/* spell_affix.h -- a hunspell .aff and .dic read and expanded into the
 * words they make (spell_affix.c), for the compiled dictionary. */
#pragma once

#include <stddef.h>

/* Receives each word made (maybe more than once); non-zero stops.  A word
 * of a KEEPCASE stem comes a second time behind this byte: hunspell takes
 * it only as written, never capitalized. */
enum { AFFIX_KEEPCASE = 1 };
typedef int (*affix_word_fn)(void *user, const char *w, size_t n);

enum {
    AFFIX_OK = 0,
    AFFIX_NOMEM = 1,
    AFFIX_UNSUPPORTED = 2, /* flag aliases or an unknown FLAG type */
    AFFIX_STOPPED = 3
};

/* A word added beside the dictionary (Hunspell_add_with_affix): it takes
 * the affixes of model's first stem, or none when model is "" (a model
 * the dictionary lacks or that has no flag adds nothing, as in hunspell). */
typedef struct affix_extra {
    const char *word, *model;
} affix_extra;

/* Expands every stem of dic (its own form unless NEEDAFFIX, each suffix,
 * each prefix, and prefix with suffix where both allow the cross product
 * or the prefix's continuation names the suffix).  Prefixes that end in an
 * apostrophe (l', qu') are left out: elision is the tokenizer's job.
 * Stems marked FORBIDDENWORD or ONLYINCOMPOUND make no word.  *complete
 * is set when the words made are all hunspell accepts without a capital,
 * an apostrophe, a hyphen or a dot: no compounding, no second suffix, no
 * circumfix, no KEEPCASE, FORCEUCASE or ICONV, no rule or stem left out. */
int affix_expand(const char *aff, size_t aff_len, const char *dic,
                 size_t dic_len, const affix_extra *extra, size_t nextra,
                 affix_word_fn fn, void *user, int *complete);
