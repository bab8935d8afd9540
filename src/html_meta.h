/* html_meta.h -- metadata of an HTML page (<meta> tags, JSON-LD), and the
 * class/id words that hint at chrome or content (dicts/html/names.txt). */
#pragma once

#include <stddef.h>
#include <stdint.h>

#include "depeche.h"

typedef struct depeche_html_meta {
    char *title;     /* <title> */
    char *og_title;  /* og:title, twitter:title */
    char *site_name; /* og:site_name, application-name */
    char *author;    /* meta author, article:author, JSON-LD author */
    char *published; /* article:published_time, JSON-LD datePublished */
    char *lang;      /* <html lang>, og:locale, content-language */
    char *headline;  /* JSON-LD headline */
    char *description;
    int is_article; /* og:type article, JSON-LD NewsArticle... */
    /* Made by depeche_html_meta_finish: the headline without " | Site". */
    char *clean_title;
} depeche_html_meta;

/* Keeps `value` (malloc'd, now owned by meta) when `key` names a field
 * that is still empty ("og:title", "author", "lang"...); frees it
 * otherwise. */
void depeche_html_meta_take(depeche_html_meta *m, const char *key, char *value);
/* Reads headline, datePublished, author and @type from JSON-LD text. */
void depeche_html_meta_jsonld(depeche_html_meta *m, const char *s, size_t n);
/* Makes clean_title.  Fails only when out of memory. */
depeche_status depeche_html_meta_finish(depeche_html_meta *m);
void depeche_html_meta_free(depeche_html_meta *m);

/* The words of dicts/html/names.txt. */
typedef struct depeche_html_names depeche_html_names;
depeche_status depeche_html_names_new(depeche_html_names **out);
void depeche_html_names_free(depeche_html_names *n);
/* The sum of the weights of the words of a class or id value. */
int32_t depeche_html_names_hint(const depeche_html_names *n, const char *value,
                                size_t len);
