/* dicts.h -- the data files of dicts/, compiled in by tools/embed.py. */
#pragma once

#include <stddef.h>

extern const char depeche_dict_abbrev_fr[];
extern const size_t depeche_dict_abbrev_fr_len;
extern const char depeche_dict_abbrev_en[];
extern const size_t depeche_dict_abbrev_en_len;
extern const char depeche_dict_boilerplate_fr[];
extern const size_t depeche_dict_boilerplate_fr_len;
extern const char depeche_dict_news_fr[];
extern const size_t depeche_dict_news_fr_len;
extern const char depeche_dict_agencies_fr[];
extern const size_t depeche_dict_agencies_fr_len;
extern const char depeche_dict_html_names[];
extern const size_t depeche_dict_html_names_len;
extern const char depeche_dict_html_boilerplate[];
extern const size_t depeche_dict_html_boilerplate_len;
extern const char depeche_dict_html_function_words[];
extern const size_t depeche_dict_html_function_words_len;

/* Calls fn for each entry of a word list: one entry a line, '#' starts a
 * comment line, surrounding spaces trimmed, blank lines skipped.  Returns
 * fn's first non-zero value, or 0. */
int depeche_dict_each_line(const char *data, size_t len,
                           int (*fn)(void *user, const char *s, size_t n,
                                     size_t lineno),
                           void *user);

/* Reads a whole file (a user's list) into *out (free() it). */
int depeche_read_file(const char *path, char **out, size_t *len);

/* The language bundles' other lists (src/dicts_lang.c chooses among them). */
extern const char depeche_dict_months_fr[], depeche_dict_days_fr[],
    depeche_dict_place_particles_fr[], depeche_dict_units_fr[],
    depeche_dict_months_en[], depeche_dict_days_en[],
    depeche_dict_byline_words_fr[], depeche_dict_clause_words_fr[],
    depeche_dict_stamps_fr[], depeche_dict_stamps_whole_fr[];
extern const size_t depeche_dict_months_fr_len, depeche_dict_days_fr_len,
    depeche_dict_place_particles_fr_len, depeche_dict_units_fr_len,
    depeche_dict_months_en_len, depeche_dict_days_en_len,
    depeche_dict_byline_words_fr_len, depeche_dict_clause_words_fr_len,
    depeche_dict_stamps_fr_len, depeche_dict_stamps_whole_fr_len;
