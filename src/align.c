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
 * band's edge the band is doubled and the search run again.
 * A second pass aligns again with the word pairs learnt from the first
 * pass's confident links (align_learn.h), when it learnt any; over a
 * corpus, depeche_aligner_study() and _learn() do the same with the
 * links of all its documents. */
#include "align.h"

#include <math.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "align_cache.h"
#include "align_features.h"
#include "align_learn.h"
#include "bidict.h"
#include "buf.h"
#include "lang.h"
#include "options.h"

struct depeche_aligner {
    align_lexicon *lexicon; /* the dictionary's pairs and the corpus's */
    align_cooc *corpus;     /* counts of the documents studied */
    int learn;              /* a second pass with each document's pairs */
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
    if (depeche_lang_check(src, err) || depeche_lang_check(tgt, err))
        return DEPECHE_ERR_INVALID_ARG;
    depeche_aligner *a = calloc(1, sizeof *a);
    if (a)
        a->learn = !(o->flags & DEPECHE_ALIGN_NO_LEARN);
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
    align_cooc_free(a->corpus);
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
    for (size_t i = first; i < first + n; i++) {
        double c[ALIGN_MAX_SPAN];
        size_t m[ALIGN_MAX_SPAN];
        align_sentence_words(s, i, ofirst, c, linked, m);
        cost += c[on - 1];
        *matched += m[on - 1];
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
    align_cache *src_words, *tgt_words; /* the search's; NULL in trace */
} doc_ctx;

/* Word costs of the bead [si, si+a) x [tj, tj+b) from the caches. */
static double
cached_word_cost(const doc_ctx *d, size_t si, size_t a, size_t tj, size_t b)
{
    double c = 0;
    for (size_t k = 0; k < a; k++)
        c += align_cache_cost(d->src_words, si + k, tj, b);
    for (size_t k = 0; k < b; k++)
        c += align_cache_cost(d->tgt_words, tj + k, si, a);
    return c;
}

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
    double lex;
    if (!score)
        lex = cached_word_cost(d, si, (size_t)ty->a, tj, (size_t)ty->b);
    else
        lex = side_word_cost(&f->src, si, (size_t)ty->a, tj, (size_t)ty->b,
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

/* For each sentence of both sides, the other-side starts the band's
 * beads pair it with: a cell (i, j) ends beads over sources [i-MAX, i)
 * and targets [j-MAX, j). */
static depeche_status
band_caches(const band *b, const align_features *f, align_cache *src_words,
            align_cache *tgt_words)
{
    size_t n = b->n, m = b->m;
    size_t *sf = malloc((n + 1) * sizeof *sf), *sl = calloc(n + 1, sizeof *sl);
    size_t *tf = malloc((m + 1) * sizeof *tf), *tl = calloc(m + 1, sizeof *tl);
    depeche_status st = DEPECHE_ERR_NOMEM;
    if (!sf || !sl || !tf || !tl)
        goto done;
    for (size_t i = 0; i <= n; i++)
        sf[i] = SIZE_MAX;
    for (size_t j = 0; j <= m; j++)
        tf[j] = SIZE_MAX;
    for (size_t i = 1; i <= n; i++) {
        size_t j0 = b->lo[i] > ALIGN_MAX_SPAN ? b->lo[i] - ALIGN_MAX_SPAN : 0;
        size_t i0 = i > ALIGN_MAX_SPAN ? i - ALIGN_MAX_SPAN : 0;
        for (size_t k = i0; k < i; k++) {
            sf[k] = sf[k] < j0 ? sf[k] : j0;
            sl[k] = b->hi[i] > sl[k] ? b->hi[i] : sl[k];
        }
        for (size_t k = j0; k < b->hi[i] && k < m; k++) {
            tf[k] = tf[k] < i0 ? tf[k] : i0;
            tl[k] = i > tl[k] ? i : tl[k];
        }
    }
    /* Starts run to hi - 1 (a bead needs a sentence); sl, tl hold hi. */
    for (size_t i = 0; i < n; i++)
        sl[i] = sl[i] ? sl[i] - 1 : 0;
    for (size_t j = 0; j < m; j++)
        tl[j] = tl[j] ? tl[j] - 1 : 0;
    st = align_cache_init(src_words, &f->src, sf, sl);
    if (!st)
        st = align_cache_init(tgt_words, &f->tgt, tf, tl);
done:
    free(sf);
    free(sl);
    free(tf);
    free(tl);
    return st;
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

/* The best path over features f into a->beads (room for nsrc + ntgt). */
static depeche_status
search(depeche_aligner *a, const doc_ctx *d, size_t nsrc, size_t ntgt,
       size_t *count)
{
    /* The band follows the line from (0, 0) to (nsrc, ntgt); it must be
     * wider than that line's slope for its rows to meet. */
    size_t lo_n = nsrc < ntgt ? nsrc : ntgt, hi_n = nsrc < ntgt ? ntgt : nsrc;
    size_t width = BAND_MIN + (lo_n ? 2 * hi_n / lo_n : hi_n);
    a->last_cells = 0;
    for (;;) {
        band b;
        align_cache sw, tw;
        memset(&sw, 0, sizeof sw);
        memset(&tw, 0, sizeof tw);
        if (band_alloc(&b, nsrc, ntgt, width) ||
            band_caches(&b, d->f, &sw, &tw)) {
            band_free(&b);
            align_cache_free(&sw);
            align_cache_free(&tw);
            return DEPECHE_ERR_NOMEM;
        }
        doc_ctx dc = *d;
        dc.src_words = &sw;
        dc.tgt_words = &tw;
        band_search(&b, &dc);
        align_cache_free(&sw);
        align_cache_free(&tw);
        if (b.cells > a->last_cells)
            a->last_cells = b.cells;
        int near = trace(&b, a->beads, count, d);
        band_free(&b);
        int whole = width >= nsrc && width >= ntgt;
        if (!near || whole)
            return DEPECHE_OK;
        width *= 2;
    }
}

/* Pairs learnt from the confident beads of the first pass into *learned
 * (NULL when none). */
static depeche_status
learn(const depeche_aligner *a, const align_features *f, size_t count,
      align_lexicon **learned)
{
    *learned = NULL;
    if (!a->learn)
        return DEPECHE_OK;
    align_cooc *c = NULL;
    size_t added = 0;
    depeche_status st = align_cooc_new(&c);
    if (!st)
        st = align_cooc_add(c, f, a->beads, count);
    if (!st)
        st = align_lexicon_new(learned);
    if (!st)
        st = align_cooc_learn(c, a->lexicon, *learned, &added);
    align_cooc_free(c);
    if (st || !added) {
        align_lexicon_free(*learned);
        *learned = NULL;
    }
    return st;
}

/* Builds the features of a document pair into f (with the lexicon and
 * `learned`) and searches its best path into a->beads. */
static depeche_status
align_pass(depeche_aligner *a, const align_lexicon *learned,
           const depeche_align_sentence *src, size_t nsrc,
           const depeche_align_sentence *tgt, size_t ntgt, align_features *f,
           size_t *count, depeche_error *err)
{
    depeche_status st = align_features_build(f, a->lexicon, learned, src, nsrc,
                                             tgt, ntgt, P_MATCH, err);
    if (st)
        return st;
    if (depeche_grow((void **)&a->beads, &a->bead_cap, nsrc + ntgt + 1,
                     sizeof *a->beads))
        st = DEPECHE_ERR_NOMEM;
    doc_ctx d = {f, src, tgt, NULL, NULL};
    if (!st)
        st = search(a, &d, nsrc, ntgt, count);
    if (st) {
        align_features_free(f);
        return depeche_fail(err, st, DEPECHE_NO_OFFSET, "out of memory");
    }
    return DEPECHE_OK;
}

static int
bad_args(const depeche_aligner *a, const depeche_align_sentence *src,
         size_t nsrc, const depeche_align_sentence *tgt, size_t ntgt)
{
    return !a || (nsrc && !src) || (ntgt && !tgt);
}

depeche_status
depeche_align(depeche_aligner *a, const depeche_align_sentence *src,
              size_t nsrc, const depeche_align_sentence *tgt, size_t ntgt,
              const depeche_bead **beads, size_t *count, depeche_error *err)
{
    if (bad_args(a, src, nsrc, tgt, ntgt) || !beads || !count)
        return depeche_fail(err, DEPECHE_ERR_INVALID_ARG, DEPECHE_NO_OFFSET,
                            "NULL argument");
    *beads = NULL;
    *count = 0;
    align_features f;
    depeche_status st =
        align_pass(a, NULL, src, nsrc, tgt, ntgt, &f, count, err);
    if (st)
        return st;
    align_lexicon *learned = NULL;
    st = learn(a, &f, *count, &learned);
    align_features_free(&f);
    if (!st && learned) {
        /* Second pass: the same document with the learnt pairs. */
        st = align_pass(a, learned, src, nsrc, tgt, ntgt, &f, count, err);
        if (!st)
            align_features_free(&f);
        align_lexicon_free(learned);
        if (st)
            return st;
    } else if (st) {
        return depeche_fail(err, st, DEPECHE_NO_OFFSET, "out of memory");
    }
    *beads = a->beads;
    return DEPECHE_OK;
}

depeche_status
depeche_aligner_study(depeche_aligner *a, const depeche_align_sentence *src,
                      size_t nsrc, const depeche_align_sentence *tgt,
                      size_t ntgt, depeche_error *err)
{
    if (bad_args(a, src, nsrc, tgt, ntgt))
        return depeche_fail(err, DEPECHE_ERR_INVALID_ARG, DEPECHE_NO_OFFSET,
                            "NULL argument");
    size_t count = 0;
    align_features f;
    depeche_status st =
        align_pass(a, NULL, src, nsrc, tgt, ntgt, &f, &count, err);
    if (st)
        return st;
    if (!a->corpus)
        st = align_cooc_new(&a->corpus);
    if (!st)
        st = align_cooc_add(a->corpus, &f, a->beads, count);
    align_features_free(&f);
    return st ? depeche_fail(err, st, DEPECHE_NO_OFFSET, "out of memory")
              : DEPECHE_OK;
}

depeche_status
depeche_aligner_learn(depeche_aligner *a, size_t *pairs, depeche_error *err)
{
    size_t added = 0;
    if (!a)
        return depeche_fail(err, DEPECHE_ERR_INVALID_ARG, DEPECHE_NO_OFFSET,
                            "NULL argument");
    /* The pairs join the lexicon itself: every later alignment uses them,
     * and a document's own learning only adds what they lack. */
    depeche_status st =
        a->corpus ? align_cooc_learn(a->corpus, a->lexicon, a->lexicon, &added)
                  : DEPECHE_OK;
    align_cooc_free(a->corpus);
    a->corpus = NULL;
    if (pairs)
        *pairs = added;
    return st ? depeche_fail(err, st, DEPECHE_NO_OFFSET, "out of memory")
              : DEPECHE_OK;
}
