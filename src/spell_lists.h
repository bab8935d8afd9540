/* spell_lists.h -- the speller's word lists (dicts/fr/), ready to look up.
 * Read-only once loaded: shared by the speller's threads. */
#pragma once

#include <stddef.h>

#include "depeche.h"

typedef enum spell_list_id {
    LIST_ELISIONS,  /* l', qu', jusqu': the letters before the apostrophe */
    LIST_TITLES,    /* words after which a capitalized word is a name */
    LIST_PARTICLES, /* al-Kazimi, ben Salmane, von Braun */
    LIST_PREFIXES,  /* prefixes of hyphenated compounds: anti-, franco- */
    LIST_ENGLISH,   /* English words that mark a foreign run */
    LIST_FREQUENT,  /* frequent French words: likelier among near words */
    LIST_COUNT
} spell_list_id;

typedef struct spell_list {
    const char **words; /* sorted by strcmp */
    size_t n;
    char *text; /* the words' bytes */
} spell_list;

typedef struct spell_lists {
    spell_list list[LIST_COUNT];
} spell_lists;

/* Reads the lists compiled in from dicts/fr/.  DEPECHE_ERR_NOMEM. */
depeche_status spell_lists_load(spell_lists *l);
void spell_lists_free(spell_lists *l);

/* Whether w (lowercase, NUL-terminated) is in the list. */
int spell_lists_has(const spell_lists *l, spell_list_id id, const char *w);
