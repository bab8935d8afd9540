/* align.c -- sentence alignment by banded dynamic programming over beads.
 *
 * The cost of a bead adds three terms, each a negative log-probability:
 *   - its prior (how often such beads occur: 1-1 most, 1-3 rarely);
 *   - its lengths (Gale & Church 1993): the target's length in code points
 *     is about c times the source's, c the document's own ratio, with a
 *     variance growing with the length;
 *   - its words (align_features.h): a gain for each word linked across the
 *     bead, weighed by how rarely the link happens at random, a cost for
 *     each linkable word left unmatched.  Omissions (1-0, 0-1) cost their
 *     prior only: they are what remains when no pairing is worth it.
 * The search keeps a band of cells around the diagonal, so time and memory
 * grow linearly with the document; when the best path comes near the
 * band's edge the band is doubled and the search run again. */
#include "align.h"

#include <math.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "align_features.h"
#include "bidict.h"
#include "buf.h"
#include "options.h"

struct depeche_aligner {
    align_lexicon *lexicon;
    size_t dict_entries;
    depeche_bead *beads;
    size_t bead_cap;
    size_t last_cells;
};

typedef struct bead_type {
    int a, b;     /* source, target sentences */
    double prior; /* -log P(type) */
} bead_type;

/* Priors from Gale & Church's counts, with 1-3 and 3-1 rare. */
static const bead_type bead_types[] = {
    {1, 1, 0.12}, {1, 0, 4.6}, {0, 1, 4.6}, {2, 1, 2.4},
    {1, 2, 2.4},  {2, 2, 4.5}, {3, 1, 4.6}, {1, 3, 4.6},
    {2, 3, 6.0},  {3, 2, 6.0}, {1, 4, 6.5}, {4, 1, 6.5},
};
enum { NTYPES = sizeof bead_types / sizeof *bead_types };

/* Weights of the terms, and the variance of Gale & Church. */
#define LEN_WEIGHT 1.0
#define LEX_WEIGHT 0.5
#define GC_VARIANCE 6.8
#define P_MATCH 0.5
#define BAND_MIN 12

void
depeche_align_options_init(depeche_align_options *o)
{
    memset(o, 0, sizeof *o);
    o->size = sizeof *o;
    o->source_lang = "fr-FR";
    o->target_lang = "en-US";
}

size_t
align_last_cells(const depeche_aligner *a)
{
    return a->last_cells;
}

size_t
depeche_aligner_dict_entries(const depeche_aligner *a)
{
    return a ? a->dict_entries : 0;
}

/* ISO 639-3 code of a tag's language (FreeDict names files with them). */
static const char *
iso639_3(const char *tag)
{
    static const char *const map[][2] = {
        {"fr", "fra"}, {"en", "eng"}, {"de", "deu"}, {"it", "ita"},
        {"es", "spa"}, {"pt", "por"}, {"nl", "nld"}, {"sv", "swe"},
        {"pl", "pol"}, {"ru", "rus"}, {"cs", "ces"}, {"da", "dan"},
        {"fi", "fin"}, {"hu", "hun"}, {"tr", "tur"}, {"el", "ell"}};
    for (size_t i = 0; i < sizeof map / sizeof *map; i++)
        if (!strncmp(tag, map[i][0], 2) &&
            (tag[2] == '\0' || tag[2] == '-' || tag[2] == '_'))
            return map[i][1];
    return NULL;
}

static int
is_lang_tag(const char *t)
{
    size_t n = 0;
    while ((t[n] >= 'a' && t[n] <= 'z') || (t[n] >= 'A' && t[n] <= 'Z'))
        n++;
    return n >= 2 && n <= 8 && (t[n] == '\0' || t[n] == '-' || t[n] == '_');
}

/* Adds the FreeDict dictionaries of the pair found in dir, both
 * directions. */
static depeche_status
load_freedict(bidict *d, const char *dir, const char *src, const char *tgt,
              depeche_error *err)
{
    const char *s = iso639_3(src), *t = iso639_3(tgt);
    if (!s || !t)
        return DEPECHE_OK;
    for (int reverse = 0; reverse < 2; reverse++) {
        char base[4096], index[4200];
        snprintf(base, sizeof base, "%s/freedict-%s-%s", dir, reverse ? t : s,
                 reverse ? s : t);
        snprintf(index, sizeof index, "%s.index", base);
        FILE *f = fopen(index, "rb");
        if (!f)
            continue;
        fclose(f);
        depeche_status st = bidict_add_dictd(d, base, reverse, err);
        if (st)
            return st;
    }
    return DEPECHE_OK;
}

depeche_status
depeche_aligner_new(const depeche_align_options *given, depeche_aligner **out,
                    depeche_error *err)
{
    *out = NULL;
    depeche_align_options whole;
    if (depeche_align_options_take(given, &whole, err))
        return DEPECHE_ERR_INVALID_ARG;
    const depeche_align_options *o = &whole;
    const char *src = o->source_lang ? o->source_lang : "fr-FR";
    const char *tgt = o->target_lang ? o->target_lang : "en-US";
    if (!is_lang_tag(src) || !is_lang_tag(tgt))
        return depeche_fail(err, DEPECHE_ERR_INVALID_ARG, DEPECHE_NO_OFFSET,
                            "not a language tag: %s",
                            is_lang_tag(src) ? tgt : src);
    depeche_aligner *a = calloc(1, sizeof *a);
    bidict *d = NULL;
    depeche_status st = a ? align_lexicon_new(&a->lexicon) : DEPECHE_ERR_NOMEM;
    if (st)
        st = depeche_fail(err, st, DEPECHE_NO_OFFSET, "out of memory");
    if (!st && !(o->flags & DEPECHE_ALIGN_NO_DICT)) {
        st = bidict_new(&d, err);
        if (!st && o->dict_bi)
            st = bidict_add_hunalign(d, o->dict_bi, err);
        else if (!st)
            st = load_freedict(d,
                               o->dictd_dir ? o->dictd_dir : "/usr/share/dictd",
                               src, tgt, err);
        if (!st && align_lexicon_add_bidict(a->lexicon, d))
            st = depeche_fail(err, DEPECHE_ERR_NOMEM, DEPECHE_NO_OFFSET,
                              "out of memory");
        a->dict_entries = bidict_count(d);
        bidict_free(d);
    }
    if (st) {
        depeche_aligner_free(a);
        return st;
    }
    *out = a;
    return DEPECHE_OK;
}

void
depeche_aligner_free(depeche_aligner *a)
{
    if (!a)
        return;
    align_lexicon_free(a->lexicon);
    free(a->beads);
    free(a);
}

/* ---- Costs ------------------------------------------------------------ */

/* -log of the two-sided tail of the normal law beyond |delta|. */
static double
length_cost(double ls, double lt, double ratio)
{
    double mean = (ls + lt / ratio) / 2;
    double delta =
        (lt - ls * ratio) / sqrt(GC_VARIANCE * (mean > 1 ? mean : 1));
    double p = erfc(fabs(delta) / sqrt(2.0));
    return -log(p > 1e-300 ? p : 1e-300);
}

/* Words of sentences [first, first+n) of one side matched or not in the
 * sentences [ofirst, ofirst+on) of the other: the summed costs. */
static double
side_word_cost(const align_side *s, size_t first, size_t n, size_t ofirst,
               size_t on, size_t *linked, size_t *matched)
{
    double cost = 0;
    for (size_t i = first; i < first + n; i++)
        for (uint32_t k = s->tok_start[i]; k < s->tok_start[i + 1]; k++) {
            uint32_t t = s->tok_type[k];
            const uint32_t *lo = s->occ + s->occ_start[t];
            const uint32_t *hi = s->occ + s->occ_start[t + 1];
            if (lo == hi)
                continue;
            (*linked)++;
            const uint32_t *p = align_lower_bound(lo, hi, (uint32_t)ofirst);
            if (p < hi && *p < ofirst + on) {
                (*matched)++;
                cost += s->gain[t * ALIGN_MAX_SPAN + on - 1];
            } else {
                cost += s->miss;
            }
        }
    return cost;
}

static size_t
span_chars(const align_side *s, size_t first, size_t n)
{
    size_t c = 0;
    for (size_t i = first; i < first + n; i++)
        c += s->chars[i];
    return c;
}

/* Paragraphs: a bead joins sentences of one paragraph only. */
static int
one_paragraph(const depeche_align_sentence *s, size_t first, size_t n)
{
    return n < 2 || s[first].paragraph == s[first + n - 1].paragraph;
}

typedef struct doc_ctx {
    const align_features *f;
    const depeche_align_sentence *src, *tgt;
} doc_ctx;

/* The cost of the bead of type ty ending before source i and target j;
 * its score in [0, 1] into *score when non-NULL. */
static double
bead_cost(const doc_ctx *d, const bead_type *ty, size_t i, size_t j,
          double *score)
{
    size_t si = i - (size_t)ty->a, tj = j - (size_t)ty->b;
    if (score)
        *score = 0;
    if (!ty->a || !ty->b)
        return ty->prior;
    if (!one_paragraph(d->src, si, (size_t)ty->a) ||
        !one_paragraph(d->tgt, tj, (size_t)ty->b))
        return HUGE_VAL;
    const align_features *f = d->f;
    double ls = (double)span_chars(&f->src, si, (size_t)ty->a);
    double lt = (double)span_chars(&f->tgt, tj, (size_t)ty->b);
    double len = length_cost(ls, lt, f->char_ratio);
    size_t linked = 0, matched = 0;
    double lex = side_word_cost(&f->src, si, (size_t)ty->a, tj, (size_t)ty->b,
                                &linked, &matched) +
                 side_word_cost(&f->tgt, tj, (size_t)ty->b, si, (size_t)ty->a,
                                &linked, &matched);
    if (score) {
        double cover = linked ? (double)matched / (double)linked : 0;
        *score = 0.5 * cover + 0.5 * exp(-len / 2);
    }
    return ty->prior + LEN_WEIGHT * len + LEX_WEIGHT * lex;
}

/* ---- The banded search -------------------------------------------------- */

typedef struct band {
    size_t n, m, width;
    size_t *lo, *hi; /* row i holds cells j in [lo[i], hi[i]] */
    size_t *row;     /* offset of row i's first cell */
    double *cost;
    unsigned char *back; /* bead type + 1; 0 at the origin */
    size_t cells;
} band;

static void
band_free(band *b)
{
    free(b->lo);
    free(b->hi);
    free(b->row);
    free(b->cost);
    free(b->back);
}

static depeche_status
band_alloc(band *b, size_t n, size_t m, size_t width)
{
    memset(b, 0, sizeof *b);
    b->n = n;
    b->m = m;
    b->width = width;
    b->lo = malloc((n + 1) * sizeof *b->lo);
    b->hi = malloc((n + 1) * sizeof *b->hi);
    b->row = malloc((n + 2) * sizeof *b->row);
    if (!b->lo || !b->hi || !b->row)
        return DEPECHE_ERR_NOMEM;
    size_t total = 0;
    for (size_t i = 0; i <= n; i++) {
        size_t c = n ? (size_t)((double)i * (double)m / (double)n + 0.5) : 0;
        b->lo[i] = c > width ? c - width : 0;
        b->hi[i] = c + width < m ? c + width : m;
        if (i == 0)
            b->lo[i] = 0;
        if (i == n)
            b->hi[i] = m;
        b->row[i] = total;
        total += b->hi[i] - b->lo[i] + 1;
    }
    b->row[n + 1] = total;
    b->cells = total;
    b->cost = malloc(total * sizeof *b->cost);
    b->back = calloc(total, 1);
    return b->cost && b->back ? DEPECHE_OK : DEPECHE_ERR_NOMEM;
}

static int
in_band(const band *b, size_t i, size_t j)
{
    return j >= b->lo[i] && j <= b->hi[i];
}

static void
band_search(band *b, const doc_ctx *d)
{
    for (size_t i = 0; i <= b->n; i++)
        for (size_t j = b->lo[i]; j <= b->hi[i]; j++) {
            size_t cell = b->row[i] + j - b->lo[i];
            double best = i == 0 && j == 0 ? 0 : HUGE_VAL;
            unsigned char back = 0;
            for (int t = 0; t < NTYPES; t++) {
                const bead_type *ty = &bead_types[t];
                if ((size_t)ty->a > i || (size_t)ty->b > j)
                    continue;
                size_t pi = i - (size_t)ty->a, pj = j - (size_t)ty->b;
                if (!in_band(b, pi, pj))
                    continue;
                double prev = b->cost[b->row[pi] + pj - b->lo[pi]];
                if (prev == HUGE_VAL)
                    continue;
                double c = prev + bead_cost(d, ty, i, j, NULL);
                if (c < best) {
                    best = c;
                    back = (unsigned char)(t + 1);
                }
            }
            b->cost[cell] = best;
            b->back[cell] = back;
        }
}

/* Walks the best path back; returns 1 when it came within 2 cells of an
 * edge of the band that is not an edge of the matrix. */
static int
trace(const band *b, depeche_bead *beads, size_t *count, const doc_ctx *d)
{
    size_t i = b->n, j = b->m, n = 0;
    int near_edge = 0;
    while (i > 0 || j > 0) {
        size_t cell = b->row[i] + j - b->lo[i];
        const bead_type *ty = &bead_types[b->back[cell] - 1];
        if ((b->lo[i] > 0 && j < b->lo[i] + 2) ||
            (b->hi[i] < b->m && j + 2 > b->hi[i]))
            near_edge = 1;
        depeche_bead *bd = &beads[n++];
        bd->src_first = i - (size_t)ty->a;
        bd->src_count = (size_t)ty->a;
        bd->tgt_first = j - (size_t)ty->b;
        bd->tgt_count = (size_t)ty->b;
        bead_cost(d, ty, i, j, &bd->score);
        i -= (size_t)ty->a;
        j -= (size_t)ty->b;
    }
    for (size_t k = 0; k < n / 2; k++) {
        depeche_bead t = beads[k];
        beads[k] = beads[n - 1 - k];
        beads[n - 1 - k] = t;
    }
    *count = n;
    return near_edge;
}

depeche_status
depeche_align(depeche_aligner *a, const depeche_align_sentence *src,
              size_t nsrc, const depeche_align_sentence *tgt, size_t ntgt,
              const depeche_bead **beads, size_t *count, depeche_error *err)
{
    if (!a || !beads || !count || (nsrc && !src) || (ntgt && !tgt))
        return depeche_fail(err, DEPECHE_ERR_INVALID_ARG, DEPECHE_NO_OFFSET,
                            "NULL argument");
    *beads = NULL;
    *count = 0;
    align_features f;
    depeche_status st = align_features_build(&f, a->lexicon, src, nsrc, tgt,
                                             ntgt, P_MATCH, err);
    if (st)
        return st;
    if (depeche_grow((void **)&a->beads, &a->bead_cap, nsrc + ntgt + 1,
                     sizeof *a->beads)) {
        align_features_free(&f);
        return depeche_fail(err, DEPECHE_ERR_NOMEM, DEPECHE_NO_OFFSET,
                            "out of memory");
    }
    doc_ctx d = {&f, src, tgt};
    /* The band follows the line from (0, 0) to (nsrc, ntgt); it must be
     * wider than that line's slope for its rows to meet. */
    size_t lo_n = nsrc < ntgt ? nsrc : ntgt, hi_n = nsrc < ntgt ? ntgt : nsrc;
    size_t width = BAND_MIN + (lo_n ? 2 * hi_n / lo_n : hi_n);
    a->last_cells = 0;
    for (;;) {
        band b;
        if (band_alloc(&b, nsrc, ntgt, width)) {
            band_free(&b);
            align_features_free(&f);
            return depeche_fail(err, DEPECHE_ERR_NOMEM, DEPECHE_NO_OFFSET,
                                "out of memory");
        }
        band_search(&b, &d);
        a->last_cells = b.cells;
        int near = trace(&b, a->beads, count, &d);
        band_free(&b);
        int whole = width >= nsrc && width >= ntgt;
        if (!near || whole)
            break;
        width *= 2;
    }
    align_features_free(&f);
    *beads = a->beads;
    return DEPECHE_OK;
}
