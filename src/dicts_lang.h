/* dicts_lang.h -- language bundles: the lists of dicts/fr/ and dicts/en/
 * (compiled in), chosen by language tag, and lookups in a list's text. */
#pragma once

#include <stddef.h>

/* The lists a language may have.  A bundle lacking one has it empty. */
typedef enum depeche_list_id {
    DEPECHE_LIST_ABBREV,       /* segment: abbreviations, sentence openers */
    DEPECHE_LIST_MONTHS,       /* clean: one month a line, its spellings */
    DEPECHE_LIST_DAYS,         /* clean: day names */
    DEPECHE_LIST_PLACE_WORDS,  /* clean: lower-case words inside place names */
    DEPECHE_LIST_UNITS,        /* normalize: units written with letters */
    DEPECHE_LIST_BOILERPLATE,  /* clean: site boilerplate phrases */
    DEPECHE_LIST_BYLINE_WORDS, /* clean: words of bylines besides names */
    DEPECHE_LIST_CLAUSE_WORDS, /* clean: words that make a line prose */
    DEPECHE_LIST_STAMPS,       /* clean: "publié le" + a date or time */
    DEPECHE_LIST_STAMPS_WHOLE, /* clean: "publié hier" */
    DEPECHE_LIST_COUNT
} depeche_list_id;

/* One compiled-in list: its text, and its path under dicts/ for messages. */
typedef struct depeche_dict_text {
    const char *data;
    size_t len;
    const char *name;
} depeche_dict_text;

/* The bundle a language tag reads, "en" or "fr": English for en and en-*
 * (any case, '_' too), French for anything else and for NULL (the default
 * language). */
const char *depeche_bundle_lang(const char *lang);

/* A list of the language's bundle (an absent list is empty, never NULL). */
depeche_dict_text depeche_bundle_list(const char *lang, depeche_list_id id);

/* Whether w[0, n) is an entry of the list (exact bytes). */
int depeche_dict_has(const depeche_dict_text *t, const char *w, size_t n);

/* The 1-based number of the entry line holding w[0, n) among its words
 * (separated by spaces), or 0: the month of a spelling in months.txt. */
int depeche_dict_line_of(const depeche_dict_text *t, const char *w, size_t n);
