/* spell_lists.c -- the speller's word lists, from dicts/fr/ (compiled in by
 * tools/embed.py), sorted once for bsearch. */
#include "spell_lists.h"

#include <stdlib.h>
#include <string.h>

#include "dicts.h"

/* Generated from dicts/fr/ by tools/embed.py (meson.build's dict_files). */
extern const char depeche_dict_elisions_fr[], depeche_dict_titles_fr[],
    depeche_dict_particles_fr[], depeche_dict_prefixes_fr[],
    depeche_dict_english_fr[], depeche_dict_frequent_fr[];
extern const size_t depeche_dict_elisions_fr_len, depeche_dict_titles_fr_len,
    depeche_dict_particles_fr_len, depeche_dict_prefixes_fr_len,
    depeche_dict_english_fr_len, depeche_dict_frequent_fr_len;

typedef struct list_source {
    const char *data;
    const size_t *len;
} list_source;

static const list_source sources[LIST_COUNT] = {
    [LIST_ELISIONS] = {depeche_dict_elisions_fr, &depeche_dict_elisions_fr_len},
    [LIST_TITLES] = {depeche_dict_titles_fr, &depeche_dict_titles_fr_len},
    [LIST_PARTICLES] = {depeche_dict_particles_fr,
                        &depeche_dict_particles_fr_len},
    [LIST_PREFIXES] = {depeche_dict_prefixes_fr, &depeche_dict_prefixes_fr_len},
    [LIST_ENGLISH] = {depeche_dict_english_fr, &depeche_dict_english_fr_len},
    [LIST_FREQUENT] = {depeche_dict_frequent_fr, &depeche_dict_frequent_fr_len},
};

typedef struct fill_ctx {
    const char *data;
    spell_list *list;
    size_t cap;
} fill_ctx;

/* Each entry becomes a string inside list->text, at its own offset: the
 * byte after an entry (a newline, a space or the end) turns into its NUL. */
static int
add_word(void *user, const char *s, size_t n, size_t lineno)
{
    (void)lineno;
    fill_ctx *f = user;
    size_t at = (size_t)(s - f->data);
    if (f->list->n == f->cap) {
        size_t ncap = f->cap ? f->cap * 2 : 64;
        const char **w = realloc(f->list->words, ncap * sizeof *w);
        if (!w)
            return 1;
        f->list->words = w;
        f->cap = ncap;
    }
    f->list->text[at + n] = '\0';
    f->list->words[f->list->n++] = f->list->text + at;
    return 0;
}

static int
cmp_str(const void *a, const void *b)
{
    return strcmp(*(const char *const *)a, *(const char *const *)b);
}

depeche_status
spell_lists_load(spell_lists *l)
{
    memset(l, 0, sizeof *l);
    for (size_t i = 0; i < LIST_COUNT; i++) {
        spell_list *list = &l->list[i];
        size_t len = *sources[i].len;
        list->text = malloc(len + 1);
        if (!list->text)
            goto nomem;
        memcpy(list->text, sources[i].data, len + 1);
        fill_ctx f = {sources[i].data, list, 0};
        if (depeche_dict_each_line(sources[i].data, len, add_word, &f))
            goto nomem;
        if (list->n)
            qsort(list->words, list->n, sizeof *list->words, cmp_str);
    }
    return DEPECHE_OK;
nomem:
    spell_lists_free(l);
    return DEPECHE_ERR_NOMEM;
}

void
spell_lists_free(spell_lists *l)
{
    for (size_t i = 0; i < LIST_COUNT; i++) {
        free(l->list[i].words);
        free(l->list[i].text);
    }
    memset(l, 0, sizeof *l);
}

int
spell_lists_has(const spell_lists *l, spell_list_id id, const char *w)
{
    const spell_list *list = &l->list[id];
    return list->n && bsearch(&w, list->words, list->n, sizeof *list->words,
                              cmp_str) != NULL;
}
