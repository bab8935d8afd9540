/* extract.h -- which blocks of an HTML page are the article.
 *
 * The extractor holds the word lists of dicts/html/ (class/id words,
 * function words, chrome phrases), loaded once and read-only after: one
 * extractor serves any number of pages and threads. */
#pragma once

#include <stdint.h>

#include "html.h"

/* What became of a block, and why. */
typedef enum depeche_verdict {
    VERDICT_BODY = 0,   /* kept: article text */
    VERDICT_TITLE,      /* kept: the headline */
    VERDICT_HIDDEN,     /* hidden element (hidden, aria-hidden, display:none) */
    VERDICT_NAVIGATION, /* nav, menus, lists of links */
    VERDICT_FORM,       /* forms, buttons, dialogs */
    VERDICT_BOILERPLATE, /* a chrome phrase: cookies, newsletter, "Lire aussi"
                          */
    VERDICT_OUTSIDE,     /* outside the article */
    VERDICT_CAPTION,     /* a caption or photo credit */
    VERDICT_CODE,        /* svg, math, embedded objects */
} depeche_verdict;

typedef struct depeche_extractor depeche_extractor;

depeche_status depeche_extractor_new(depeche_extractor **out);
void depeche_extractor_free(depeche_extractor *x);
/* The class/id words, for depeche_html_read(). */
const depeche_html_names *depeche_extractor_names(const depeche_extractor *x);

/* Fills verdict[i] for each of the page's blocks (h->block_count of
 * them).  Some block is kept whenever a visible block outside forms and
 * <head> has a letter or a digit.
 * Fails only when out of memory. */
depeche_status depeche_extract(const depeche_extractor *x,
                               const depeche_html *h, uint8_t *verdict);

/* What a line of a text scrape weighs as article text: its length when it
 * reads as prose, less for a sentence too short for it, minus its length
 * (and a bit) for chrome, dates, credits and labels.  *menu_item is 1 for
 * a label of at most three words (a menu entry, a button), 2 for a longer
 * one (a teaser's headline), else 0. */
double depeche_extractor_line_value(const depeche_extractor *x, const char *s,
                                    size_t n, int *menu_item);

/* True when the text (UTF-8) is a chrome line by the phrase list:
 * "Lire aussi : ...", "Nous utilisons des cookies...", "© 2024 ...". */
int depeche_extractor_is_chrome_line(const depeche_extractor *x, const char *s,
                                     size_t n);
