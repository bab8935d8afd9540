/* clean_web.h -- CL-W for text scrapes: the article among the lines of a
 * web page saved as text (menus, teasers and footers around it). */
#pragma once

#include <stddef.h>
#include <stdint.h>

#include "depeche.h"
#include "extract.h"

/* A line of the document: its text input[start, end), and whether an
 * earlier rule already settled it (blank, dropped, a byline...). */
typedef struct depeche_web_line {
    size_t start, end;
    int settled;
} depeche_web_line;

/* Sets outside[i] to 1 for each unsettled line that lies outside the
 * article of a text scrape, 0 for the others.  A document is taken for a
 * scrape only when it has many lines of one to three words (menus); for
 * other copy nothing is marked.  Fails only when out of memory. */
depeche_status depeche_web_outside_lines(const depeche_extractor *x,
                                         const char *input,
                                         const depeche_web_line *lines,
                                         size_t n, uint8_t *outside);
