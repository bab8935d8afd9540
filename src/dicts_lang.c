/* dicts_lang.c -- language bundles over the compiled-in lists.  The table
 * below is the one place that says which file of dicts/ a language reads;
 * the stages ask for a list by its role, not by its file. */
#include "dicts_lang.h"

#include <string.h>

#include "dicts.h"

/* A list as the table holds it: its length is another object's value,
 * which a static initializer can only point to. */
typedef struct list_ref {
    const char *data;
    const size_t *len;
    const char *name;
} list_ref;

struct bundle_entry {
    const char *lang;
    list_ref lists[DEPECHE_LIST_COUNT];
};

#define LIST(sym, file)                                                        \
    {                                                                          \
        sym, &sym##_len, file                                                  \
    }

static const struct bundle_entry french = {
    "fr",
    {
        [DEPECHE_LIST_ABBREV] = LIST(depeche_dict_abbrev_fr, "fr/abbrev.txt"),
        [DEPECHE_LIST_MONTHS] = LIST(depeche_dict_months_fr, "fr/months.txt"),
        [DEPECHE_LIST_DAYS] = LIST(depeche_dict_days_fr, "fr/days.txt"),
        [DEPECHE_LIST_PLACE_WORDS] =
            LIST(depeche_dict_place_particles_fr, "fr/place-particles.txt"),
        [DEPECHE_LIST_UNITS] = LIST(depeche_dict_units_fr, "fr/units.txt"),
        [DEPECHE_LIST_BOILERPLATE] =
            LIST(depeche_dict_boilerplate_fr, "fr/boilerplate.txt"),
        [DEPECHE_LIST_BYLINE_WORDS] =
            LIST(depeche_dict_byline_words_fr, "fr/byline-words.txt"),
        [DEPECHE_LIST_CLAUSE_WORDS] =
            LIST(depeche_dict_clause_words_fr, "fr/clause-words.txt"),
        [DEPECHE_LIST_STAMPS] = LIST(depeche_dict_stamps_fr, "fr/stamps.txt"),
        [DEPECHE_LIST_STAMPS_WHOLE] =
            LIST(depeche_dict_stamps_whole_fr, "fr/stamps-whole.txt"),
    },
};

static const struct bundle_entry english = {
    "en",
    {
        [DEPECHE_LIST_ABBREV] = LIST(depeche_dict_abbrev_en, "en/abbrev.txt"),
        [DEPECHE_LIST_MONTHS] = LIST(depeche_dict_months_en, "en/months.txt"),
        [DEPECHE_LIST_DAYS] = LIST(depeche_dict_days_en, "en/days.txt"),
    },
};

static int
is_english(const char *lang)
{
    return lang && (lang[0] == 'e' || lang[0] == 'E') &&
           (lang[1] == 'n' || lang[1] == 'N') &&
           (lang[2] == '\0' || lang[2] == '-' || lang[2] == '_');
}

const char *
depeche_bundle_lang(const char *lang)
{
    return is_english(lang) ? english.lang : french.lang;
}

depeche_dict_text
depeche_bundle_list(const char *lang, depeche_list_id id)
{
    const list_ref *r = &(is_english(lang) ? &english : &french)->lists[id];
    if (!r->data)
        return (depeche_dict_text){"", 0, "(none)"};
    return (depeche_dict_text){r->data, *r->len, r->name};
}

/* The entry lines of a list: trimmed, comments and blank lines skipped
 * (the rules of depeche_dict_each_line), one after another. */
typedef struct entry_iter {
    const char *p, *end;
} entry_iter;

static int
is_blank(char c)
{
    return c == ' ' || c == '\t' || c == '\r';
}

static int
next_entry(entry_iter *it, const char **s, size_t *n)
{
    while (it->p < it->end) {
        const char *nl = memchr(it->p, '\n', (size_t)(it->end - it->p));
        const char *e = nl ? nl : it->end, *b = it->p;
        it->p = nl ? nl + 1 : it->end;
        while (b < e && is_blank(*b))
            b++;
        while (e > b && is_blank(e[-1]))
            e--;
        if (e > b && *b != '#') {
            *s = b;
            *n = (size_t)(e - b);
            return 1;
        }
    }
    return 0;
}

/* Whether the entry line[0, k) is w[0, n). */
static int
line_is(const char *line, size_t k, const char *w, size_t n)
{
    return k == n && memcmp(line, w, n) == 0;
}

/* Whether w[0, n) is one of the space-separated words of line[0, k). */
static int
line_holds(const char *line, size_t k, const char *w, size_t n)
{
    const char *p = line, *end = line + k;
    while (p < end) {
        const char *sp = memchr(p, ' ', (size_t)(end - p));
        const char *e = sp ? sp : end;
        if (line_is(p, (size_t)(e - p), w, n))
            return 1;
        p = e + 1;
    }
    return 0;
}

/* The 1-based number of the first entry line that matches w[0, n), or 0. */
static int
find_entry(const depeche_dict_text *t, const char *w, size_t n,
           int (*matches)(const char *, size_t, const char *, size_t))
{
    entry_iter it = {t->data, t->data + t->len};
    const char *s;
    size_t k;
    for (int line = 1; n && next_entry(&it, &s, &k); line++)
        if (matches(s, k, w, n))
            return line;
    return 0;
}

int
depeche_dict_has(const depeche_dict_text *t, const char *w, size_t n)
{
    return find_entry(t, w, n, line_is) != 0;
}

int
depeche_dict_line_of(const depeche_dict_text *t, const char *w, size_t n)
{
    return find_entry(t, w, n, line_holds);
}
