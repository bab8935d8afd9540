/* clean_web.c -- CL-W: the article of a web page saved as text.
 *
 * A scrape has lost its markup but not its shape: the menus are runs of
 * one- to three-word lines, the teasers and footers short lines and
 * chrome phrases, the article a run of long lines of prose.  Each line
 * gets a value (extract.c: prose for its length, chrome and labels against
 * it), and the article is the run of lines with the largest sum; a second
 * run is taken too when it weighs at least half as much (a story split by
 * a photo gallery or an inline teaser box).  Ordinary copy (few short
 * lines) is left alone: its title, dateline and short paragraphs are not
 * menus. */
#include "clean_web.h"

#include <stdlib.h>

enum {
    SCRAPE_MIN_MENU_LINES = 10, /* fewer labels: not a scrape */
    SCRAPE_MENU_SHARE = 4       /* labels are at least 1/4 of the lines */
};

typedef struct run {
    size_t first, last; /* lines, inclusive */
    double sum;
} run;

/* The run of lines in [from, to) with the largest sum (Kadane); sum 0 when
 * no line weighs anything. */
static run
best_run(const double *value, size_t from, size_t to)
{
    run best = {0, 0, 0}, cur = {from, from, 0};
    for (size_t i = from; i < to; i++) {
        if (cur.sum <= 0)
            cur = (run){i, i, 0};
        cur.sum += value[i];
        cur.last = i;
        if (cur.sum > best.sum)
            best = cur;
    }
    return best;
}

static void
mark_run(uint8_t *in, run r)
{
    if (r.sum > 0)
        for (size_t i = r.first; i <= r.last; i++)
            in[i] = 1;
}

/* A label (of any length short of prose) next to another label, settled
 * lines between them skipped: a list of links, tags or teasers inside the
 * article's run, where a label alone is a subheading. */
static int
in_label_run(const depeche_web_line *lines, const uint8_t *item, size_t n,
             size_t i)
{
    if (!item[i])
        return 0;
    size_t j = i;
    while (j-- > 0 && lines[j].settled)
        ;
    if (j < n && item[j])
        return 1;
    for (j = i + 1; j < n && lines[j].settled; j++)
        ;
    return j < n && item[j];
}

depeche_status
depeche_web_outside_lines(const depeche_extractor *x, const char *input,
                          const depeche_web_line *lines, size_t n,
                          uint8_t *outside)
{
    double *value = calloc(n + 1, sizeof *value);
    uint8_t *in = calloc(n + 1, 1), *item = calloc(n + 1, 1);
    if (!value || !in || !item) {
        free(value);
        free(in);
        free(item);
        return DEPECHE_ERR_NOMEM;
    }
    size_t content = 0, menu = 0;
    for (size_t i = 0; i < n; i++) {
        outside[i] = 0;
        if (lines[i].settled)
            continue;
        int label = 0;
        value[i] = depeche_extractor_line_value(
            x, input + lines[i].start, lines[i].end - lines[i].start, &label);
        item[i] = (uint8_t)label;
        content++;
        menu += label == 1;
    }
    if (menu >= SCRAPE_MIN_MENU_LINES && menu * SCRAPE_MENU_SHARE >= content) {
        run best = best_run(value, 0, n);
        mark_run(in, best);
        if (best.sum > 0) {
            run before = best_run(value, 0, best.first);
            run after = best_run(value, best.last + 1, n);
            if (before.sum * 2 >= best.sum)
                mark_run(in, before);
            if (after.sum * 2 >= best.sum)
                mark_run(in, after);
        }
        for (size_t i = 0; i < n; i++)
            outside[i] = !lines[i].settled && best.sum > 0 &&
                         (!in[i] || in_label_run(lines, item, n, i));
    }
    free(value);
    free(in);
    free(item);
    return DEPECHE_OK;
}
