/* spell_types.h -- a word type as the speller knows it: the type cache's
 * entry, shared by the modules that fill it (spell_classify.c,
 * spell_suggest.c) and read it (spell_tokenize.c, spell.c). */
#pragma once

#include <stddef.h>
#include <stdint.h>

/* What a word type is, whatever its context. */
enum verdict {
    V_OK,     /* a word */
    V_SKIP,   /* not a word: number, acronym, URL, ... */
    V_ACCENT, /* missing accent on a capital, oe for œ */
    V_MISS,   /* not a word */
    V_CAP,    /* unknown capitalized: a name or a misspelling by context */
    V_ENG,    /* an English function word: foreign run or misspelling */
    V_FOREIGN /* letters French does not use: naučný, ドードー */
};

typedef struct entry {
    uint32_t hash;
    unsigned char verdict;
    unsigned char lnear_done, sugg_done;
    unsigned char eng;   /* in the English word list */
    unsigned char title; /* M., Mme, président: a name follows */
    unsigned char shape;
    size_t hit_off;   /* the finding starts here in the token */
    float near_cost;  /* near_common_ahead: a long unknown capital (99 else) */
    float lnear_cost; /* the same in lowercase, exact above 0.55 */
    char *fix;        /* accent advice */
    char **sugg;
    size_t nsugg;
    size_t stamp, count; /* occurrences in the document being checked */
    size_t len;
    char key[]; /* the token as written */
} entry;
