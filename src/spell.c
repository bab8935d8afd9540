/* spell.c -- French spell audit over libhunspell.
 *
 * Raw hunspell flags ~40 words per 1000 of clean French news, mostly names,
 * acronyms, numbers and foreign titles.  This module tokenizes French text
 * itself, skips what is not a word, tells names from misspellings by how a
 * capitalized word behaves in its document, gives accent advice apart, and
 * ranks suggestions by a weighted edit distance that knows accents, doubled
 * letters, the AZERTY keyboard and word frequency.
 *
 * Everything hunspell says about a word type is cached: news has about one
 * type per 90 tokens, and Hunspell_suggest costs tens of milliseconds. */
#include "spell.h"

#include <hunspell.h>
#include <pthread.h>
#include <stdatomic.h>
#include <stdint.h>
#include <stdlib.h>
#include <string.h>
#include <utf8proc.h>

#include "buf.h"
#include "dicts.h"
#include "spell_chars.h"
#include "spell_distance.h"
#include "spell_hunspell.h"
#include "spell_lists.h"
#include "spell_tokenize.h"
#include "spell_types.h"

enum {
    MAX_SUGG = 8,
    MAX_SUGGEST = 40,    /* bytes; longer words get no suggestions */
    MAX_CACHE = 1 << 18, /* types (~40 MB); the cache is emptied past this */
    BIG_DOC = 1 << 20    /* bytes; larger documents are tokenized twice */
};

enum { MAX_HELPERS = 7 };

struct depeche_speller {
    spell_worker self;
    spell_lists own_lists;
    spell_memo own_memo;
    entry **slots;
    size_t cap, n;
    size_t stamp;
    spell_toks toks;
    /* Types met by tokenize and not analysed yet: analysed together, by
     * several threads when there are many (analyze_pending). */
    entry **pending;
    size_t npending, pendcap;
    /* With helpers, a loader thread makes the handles in the background,
     * one after the other (see handle_create): the speller's own first (h,
     * then main_ready), while the caller reads and splits a document; then
     * one for each helper, which analyses along with the calling thread
     * (NULL if it failed). */
    size_t helpers;
    Hunhandle *helper_h[MAX_HELPERS];
    spell_memo helper_memo[MAX_HELPERS];
    pthread_t loader;
    int loading;          /* the loader runs or has not been joined */
    pthread_mutex_t lock; /* guards loaded, and helper_h until counted */
    pthread_cond_t loaded_more;
    size_t loaded;           /* helper handles the loader is done with */
    int main_ready;          /* h is made (or failed: NULL); under lock */
    atomic_int stop_loading; /* the speller is being freed */
    spell_dict dict;         /* what a helper's handle is made of */
};

/* ------------------------------------------------------------------------ */
/* Cache                                                                    */
/* ------------------------------------------------------------------------ */

static void
entry_free(entry *e)
{
    if (!e)
        return;
    for (size_t i = 0; i < e->nsugg; i++)
        free(e->sugg[i]);
    free(e->sugg);
    free(e->fix);
    free(e);
}

static void
cache_clear(depeche_speller *s)
{
    for (size_t i = 0; i < s->cap; i++) {
        entry_free(s->slots[i]);
        s->slots[i] = NULL;
    }
    s->n = 0;
}

static depeche_status
cache_grow(depeche_speller *s)
{
    size_t ncap = s->cap ? s->cap * 2 : 4096;
    entry **slots = calloc(ncap, sizeof *slots);
    if (!slots)
        return DEPECHE_ERR_NOMEM;
    for (size_t i = 0; i < s->cap; i++) {
        entry *e = s->slots[i];
        if (!e)
            continue;
        size_t j = e->hash & (ncap - 1);
        while (slots[j])
            j = (j + 1) & (ncap - 1);
        slots[j] = e;
    }
    free(s->slots);
    s->slots = slots;
    s->cap = ncap;
    return DEPECHE_OK;
}

static entry **
cache_slot(depeche_speller *s, const char *w, size_t n, uint32_t h)
{
    size_t j = h & (s->cap - 1);
    while (s->slots[j]) {
        entry *e = s->slots[j];
        if (e->hash == h && e->len == n && memcmp(e->key, w, n) == 0)
            break;
        j = (j + 1) & (s->cap - 1);
    }
    return &s->slots[j];
}

static void analyze(spell_worker *s, entry *e);

/* The entry of a type, made on first sight (*fresh set then) with what
 * needs no dictionary: the English and title lists.  NULL when out of
 * memory. */
static entry *
intern(depeche_speller *s, const char *w, size_t n, int *fresh)
{
    uint32_t h = (uint32_t)spell_hash_bytes(w, n);
    entry **slot = cache_slot(s, w, n, h);
    *fresh = 0;
    if (*slot)
        return *slot;
    if ((s->n + 1) * 2 > s->cap) {
        if (cache_grow(s))
            return NULL;
        slot = cache_slot(s, w, n, h);
    }
    entry *e = calloc(1, sizeof *e + n + 1);
    if (!e)
        return NULL;
    e->hash = h;
    e->len = n;
    memcpy(e->key, w, n);
    if (n <= MAX_WORD) {
        char low[MAX_WORD * 2 + 8];
        spell_lower_copy(w, n, low, sizeof low);
        e->eng = spell_lists_has(s->self.lists, LIST_ENGLISH, low);
        e->title = spell_lists_has(s->self.lists, LIST_TITLES, low);
    }
    *slot = e;
    s->n++;
    *fresh = 1;
    return e;
}

/* The entry of a type, analysed on first sight.  NULL when out of memory. */
static entry *
lookup(depeche_speller *s, const char *w, size_t n)
{
    int fresh;
    entry *e = intern(s, w, n, &fresh);
    if (e && fresh)
        analyze(&s->self, e);
    return e;
}

static depeche_status
push_pending(depeche_speller *s, entry *e)
{
    if (depeche_grow((void **)&s->pending, &s->pendcap, s->npending + 1,
                     sizeof *s->pending))
        return DEPECHE_ERR_NOMEM;
    s->pending[s->npending++] = e;
    return DEPECHE_OK;
}

/* spell_tokenize's spell_type_fn: the entry of a type, which waits in
 * s->pending for analyze_pending when met for the first time. */
static entry *
type_of_word(void *ctx, const char *w, size_t n)
{
    depeche_speller *s = ctx;
    int fresh;
    entry *e = intern(s, w, n, &fresh);
    if (e && fresh && push_pending(s, e)) {
        analyze(&s->self, e); /* no entry stays unanalysed */
        return NULL;
    }
    return e;
}

/* ------------------------------------------------------------------------ */
/* Candidates                                                               */
/* ------------------------------------------------------------------------ */

typedef struct cand {
    char *w;
    float score;
} cand;

typedef struct cands {
    cand *v;
    size_t n, cap;
    int failed;
    int raw;          /* collect the edits unchecked */
    const char *orig; /* scores are distances from this word when set */
    size_t orig_len;
    /* near_cost's question, "is any word nearer than enough?": once one is
     * (its score, with near_cost's frequency rule, at most enough), done
     * is set and no more candidates are checked. */
    int stop_early, lower;
    float enough;
    int done;
} cands;

static void
cands_free(cands *c)
{
    for (size_t i = 0; i < c->n; i++)
        free(c->v[i].w);
    free(c->v);
    c->v = NULL;
    c->n = c->cap = 0;
}

static void
cands_add(cands *c, const char *w, size_t n, float score)
{
    for (size_t i = 0; i < c->n; i++)
        if (strlen(c->v[i].w) == n && memcmp(c->v[i].w, w, n) == 0) {
            if (score < c->v[i].score)
                c->v[i].score = score;
            return;
        }
    if (depeche_grow((void **)&c->v, &c->cap, c->n + 1, sizeof *c->v)) {
        c->failed = 1;
        return;
    }
    char *d = malloc(n + 1);
    if (!d) {
        c->failed = 1;
        return;
    }
    memcpy(d, w, n);
    d[n] = '\0';
    c->v[c->n].w = d;
    c->v[c->n].score = score;
    c->n++;
}

/* How many edits generate() tries: GEN_CHEAP only the likely ones
 * (accents, doubled letters, swaps, deletions, neighbouring keys), about a
 * tenth of GEN_FULL's calls; GEN_MEDIUM adds inserted vowels (baucoup);
 * GEN_TINY only accents and doubled letters. */
enum { GEN_TINY, GEN_CHEAP, GEN_MEDIUM, GEN_FULL };

/* Letters tried for substitutions and insertions. */
static const char alphabet[] = "abcdefghijklmnopqrstuvwxyz"
                               "àâäéèêëîïôöùûüÿçœ";

static float
freq_bonus(const spell_lists *l, const char *w, size_t n)
{
    char low[MAX_WORD * 2 + 8];
    spell_lower_copy(w, n, low, sizeof low);
    for (char *p = low; *p; p++)
        if ((unsigned char)*p == 0xE2 && (unsigned char)p[1] == 0x80 &&
            (unsigned char)p[2] == 0x99) { /* ’ -> ' */
            *p = '\'';
            memmove(p + 1, p + 3, strlen(p + 3) + 1);
        }
    return spell_lists_has(l, LIST_FREQUENT, low) ? 0.35f : 0;
}

/* a-t'il, sera-t’on: an apostrophe where the euphonic t wants a hyphen. */
static int
euphonic_apostrophe(const char *w, size_t n)
{
    static const char *const pron[] = {"elle", "elles", "il", "ils", "on"};
    for (size_t p = 0; p < sizeof pron / sizeof *pron; p++) {
        size_t pl = strlen(pron[p]);
        if (n < pl + 4 || memcmp(w + n - pl, pron[p], pl))
            continue;
        const char *q = w + n - pl;
        if (q[-1] == '\'' && q[-2] == 't' && q[-3] == '-')
            return 1;
        if (n >= pl + 6 && !memcmp(q - 3, "\xE2\x80\x99", 3) && q[-4] == 't' &&
            q[-5] == '-')
            return 1;
    }
    return 0;
}

static void
try_cand(spell_worker *s, cands *c, const char *word, size_t wn, const char *w,
         size_t n)
{
    if (n == 0 || c->done || (n == wn && memcmp(w, word, n) == 0))
        return;
    if (c->raw) {
        cands_add(c, w, n, 0);
        return;
    }
    if (c->orig && n == c->orig_len && memcmp(w, c->orig, n) == 0)
        return;
    if (euphonic_apostrophe(w, n))
        return; /* hunspell takes a-t'il for a + t'il */
    if (!spell_word(s, w, n))
        return;
    float bonus = freq_bonus(s->lists, w, n);
    float dist = c->orig ? spell_wdist(c->orig, c->orig_len, w, n)
                         : spell_wdist(word, wn, w, n);
    cands_add(c, w, n, dist - bonus);
    if (c->stop_early && (c->lower ? dist - bonus : dist) <= c->enough)
        c->done = 1;
}

/* Replaces n bytes at `at` of w[0..wn) with rep into out; returns the new
 * length, or 0 when it does not fit. */
static size_t
splice(const char *w, size_t wn, size_t at, size_t n, const char *rep,
       char *out, size_t max)
{
    size_t rl = strlen(rep);
    if (wn - n + rl + 1 > max)
        return 0;
    memcpy(out, w, at);
    memcpy(out + at, rep, rl);
    memcpy(out + at + rl, w + at + n, wn - at - n);
    return wn - n + rl;
}

/* sera-t'on, serat-elle, a-t'il: the euphonic t between hyphens. */
static void
euphonic(spell_worker *s, cands *c, const char *word, size_t wn)
{
    static const char *const pron[] = {"elle", "elles", "il", "ils", "on"};
    for (size_t p = 0; p < sizeof pron / sizeof *pron; p++) {
        size_t pl = strlen(pron[p]);
        if (wn < pl + 3 || memcmp(word + wn - pl, pron[p], pl))
            continue;
        /* only where a hyphen or apostrophe shows the inversion */
        const char *tail = word + wn - pl - 3;
        if (!memchr(tail, '-', 3) && !memchr(tail, '\'', 3) &&
            !memchr(tail, 0x99 - 256, 3))
            continue;
        /* the verb: what precedes the pronoun, less t, - and ' */
        size_t v = wn - pl;
        while (v > 0 &&
               (word[v - 1] == '-' || word[v - 1] == '\'' ||
                word[v - 1] == 't' || (unsigned char)word[v - 1] == 0x99))
            v -= (unsigned char)word[v - 1] == 0x99 && v >= 3 ? 3 : 1;
        if (v == 0 || v + 8 + pl > MAX_WORD)
            continue;
        char buf[MAX_WORD + 16];
        for (int with_t = 0; with_t < 2; with_t++) {
            for (size_t keep_t = 0; keep_t < 2; keep_t++) {
                size_t vn = v;
                memcpy(buf, word, v);
                if (keep_t) {
                    if (word[v] != 't')
                        continue;
                    buf[vn++] = 't'; /* vient-il */
                }
                memcpy(buf + vn, with_t ? "-t-" : "-", with_t ? 3 : 1);
                vn += with_t ? 3 : 1;
                memcpy(buf + vn, pron[p], pl);
                try_cand(s, c, word, wn, buf, vn + pl);
            }
        }
    }
}

/* Two likely edits at once (vérouiller -> verrouiller, exelent ->
 * excellent): the accent and doubling edits of the accent and doubling
 * edits.  Tried when one edit finds nothing near. */
static void generate(spell_worker *s, cands *c, const char *word, size_t wn,
                     int level);

static void
generate2(spell_worker *s, cands *c, const char *word, size_t wn)
{
    cands mid = {0};
    mid.raw = 1;
    generate(s, &mid, word, wn, GEN_TINY);
    c->orig = word;
    c->orig_len = wn;
    for (size_t i = 0; i < mid.n; i++)
        generate(s, c, mid.v[i].w, strlen(mid.v[i].w), GEN_TINY);
    c->orig = NULL;
    if (mid.failed)
        c->failed = 1;
    cands_free(&mid);
}

/* Spellings of one French sound (francofone -> francophone, rhytme ->
 * rythme, paranoyaque -> paranoïaque): each replacement counts as one
 * likely edit, whatever the letters. */
static void
sounds(spell_worker *s, cands *c, const char *word, size_t wn)
{
    static const char *const reps[][2] = {
        {"f", "ph"},       {"ph", "f"},       {"y", "i"},      {"i", "y"},
        {"y", "ï"},        {"ï", "y"},        {"k", "qu"},     {"qu", "k"},
        {"c", "qu"},       {"qu", "c"},       {"ss", "ç"},     {"ç", "ss"},
        {"o", "au"},       {"au", "o"},       {"o", "eau"},    {"è", "ai"},
        {"ai", "è"},       {"ai", "é"},       {"é", "ai"},     {"an", "en"},
        {"en", "an"},      {"am", "em"},      {"em", "am"},    {"in", "ein"},
        {"ein", "in"},     {"in", "ain"},     {"ain", "in"},   {"t", "th"},
        {"th", "t"},       {"r", "rh"},       {"c", "ch"},     {"ch", "c"},
        {"x", "cc"},       {"cc", "x"},       {"x", "ct"},     {"ct", "x"},
        {"tion", "ssion"}, {"ssion", "tion"}, {"cion", "tion"}};
    char buf[MAX_WORD * 2 + 16];
    for (size_t r = 0; r < sizeof reps / sizeof *reps; r++) {
        size_t fl = strlen(reps[r][0]);
        for (const char *p = word;
             (p = memchr(p, reps[r][0][0], wn - (size_t)(p - word))); p++) {
            if ((size_t)(p - word) + fl > wn || memcmp(p, reps[r][0], fl) != 0)
                continue;
            size_t m = splice(word, wn, (size_t)(p - word), fl, reps[r][1], buf,
                              sizeof buf);
            if (!m || !spell_word(s, buf, m))
                continue;
            float d = spell_wdist(word, wn, buf, m);
            cands_add(c, buf, m,
                      (d < 0.5f ? d : 0.5f) - freq_bonus(s->lists, buf, m));
        }
    }
}

/* Two accents wrong at once: deja -> déjà, representé -> représenté. */
static void
accents2(spell_worker *s, cands *c, const char *word, size_t wn,
         const int32_t *cp, const size_t *off, size_t n)
{
    static const char *const vars[][5] = {
        {"e", "é", "è", "ê", NULL},   {"é", "e", "è", "ê", NULL},
        {"è", "é", "e", NULL, NULL},  {"a", "à", "â", NULL, NULL},
        {"à", "a", NULL, NULL, NULL}, {"i", "î", "ï", NULL, NULL},
        {"o", "ô", NULL, NULL, NULL}, {"u", "û", "ù", NULL, NULL},
        {"c", "ç", NULL, NULL, NULL}};
    size_t pos[8], row[8], np = 0;
    for (size_t i = 0; i < n && np < 8; i++) {
        char enc[4];
        size_t el =
            (size_t)utf8proc_encode_char(cp[i], (utf8proc_uint8_t *)enc);
        for (size_t r = 0; r < sizeof vars / sizeof *vars; r++)
            if (strlen(vars[r][0]) == el && !memcmp(vars[r][0], enc, el)) {
                pos[np] = i;
                row[np++] = r;
                break;
            }
    }
    char b1[MAX_WORD * 2 + 16], b2[MAX_WORD * 2 + 16];
    for (size_t x = 0; x < np; x++)
        for (size_t y = x + 1; y < np; y++)
            for (size_t a = 1; a < 5 && vars[row[x]][a]; a++)
                for (size_t b = 1; b < 5 && vars[row[y]][b]; b++) {
                    /* y is after x: splice y first, offsets of x hold */
                    size_t m = splice(word, wn, off[pos[y]],
                                      off[pos[y] + 1] - off[pos[y]],
                                      vars[row[y]][b], b1, sizeof b1);
                    if (!m)
                        continue;
                    m = splice(b1, m, off[pos[x]],
                               off[pos[x] + 1] - off[pos[x]], vars[row[x]][a],
                               b2, sizeof b2);
                    if (m)
                        try_cand(s, c, word, wn, b2, m);
                }
}

/* Words one edit away that hunspell accepts, at the given level. */
static void
generate(spell_worker *s, cands *c, const char *word, size_t wn, int level)
{
    int32_t cp[MAX_CP];
    size_t off[MAX_CP + 1];
    size_t n = 0;
    for (size_t i = 0; i < wn && n < MAX_CP;) {
        off[n] = i;
        i += spell_next_cp(word, wn, i, &cp[n]);
        n++;
    }
    off[n] = wn;
    if (n >= MAX_CP || n == 0)
        return;
    int32_t alpha[64];
    size_t na = 0;
    for (size_t i = 0; alphabet[i];)
        i += spell_next_cp(alphabet, sizeof alphabet - 1, i, &alpha[na++]);
    char buf[MAX_WORD * 2 + 16];
    if (wn + 8 > sizeof buf)
        return;
    for (size_t i = 0; i < n; i++) {
        /* delete */
        size_t k = off[i];
        int twin =
            (i > 0 && cp[i - 1] == cp[i]) || (i + 1 < n && cp[i + 1] == cp[i]);
        memcpy(buf, word, k);
        memcpy(buf + k, word + off[i + 1], wn - off[i + 1]);
        if (level > GEN_TINY || twin)
            try_cand(s, c, word, wn, buf, wn - (off[i + 1] - off[i]));
        /* swap with the next */
        if (level > GEN_TINY && i + 1 < n && cp[i] != cp[i + 1]) {
            size_t l1 = off[i + 1] - off[i], l2 = off[i + 2] - off[i + 1];
            memcpy(buf, word, wn);
            memcpy(buf + off[i], word + off[i + 1], l2);
            memcpy(buf + off[i] + l2, word + off[i], l1);
            try_cand(s, c, word, wn, buf, wn);
        }
        int32_t lo = utf8proc_tolower(cp[i]);
        for (size_t a = 0; a < na; a++) {
            int32_t ch = alpha[a];
            int cheap =
                spell_base_letter(ch) == spell_base_letter(lo) ||
                spell_key_adjacent(ch, lo) || (ch == '-' && lo == '\'') ||
                (ch == '\'' && lo == '-') || (lo == 'o' && ch == 0x0153);
            /* an accented letter replaces its own base letter only */
            if ((level != GEN_FULL && !cheap) ||
                (level == GEN_TINY &&
                 spell_base_letter(ch) != spell_base_letter(lo)) ||
                (ch >= 0x80 && spell_base_letter(ch) != spell_base_letter(lo)))
                continue;
            if (ch == lo)
                continue;
            if (spell_is_upper(cp[i]) && ch >= 0x80)
                ch = utf8proc_toupper(ch);
            char enc[4];
            size_t el =
                (size_t)utf8proc_encode_char(ch, (utf8proc_uint8_t *)enc);
            /* substitute */
            memcpy(buf, word, off[i]);
            memcpy(buf + off[i], enc, el);
            memcpy(buf + off[i] + el, word + off[i + 1], wn - off[i + 1]);
            try_cand(s, c, word, wn, buf, off[i] + el + (wn - off[i + 1]));
        }
        /* œ for oe */
        if (lo == 'o' && i + 1 < n && utf8proc_tolower(cp[i + 1]) == 'e') {
            const char *oe = spell_is_upper(cp[i]) ? "Œ" : "œ";
            memcpy(buf, word, off[i]);
            memcpy(buf + off[i], oe, 2);
            memcpy(buf + off[i] + 2, word + off[i + 2], wn - off[i + 2]);
            try_cand(s, c, word, wn, buf, off[i] + 2 + (wn - off[i + 2]));
        }
    }
    /* insert */
    for (size_t i = 0; i <= n; i++) {
        for (size_t a = 0; a < na; a++) {
            int32_t ch = alpha[a];
            int doubled = (i > 0 && utf8proc_tolower(cp[i - 1]) == ch) ||
                          (i < n && utf8proc_tolower(cp[i]) == ch);
            int vowel = ch < 0x80 && strchr("aeiou", (int)ch);
            if ((level <= GEN_CHEAP && !doubled) ||
                (level == GEN_MEDIUM && !doubled && !vowel) ||
                (ch >= 0x80 && ch != 0xE9)) /* é alone is often missing */
                continue;
            char enc[4];
            size_t el =
                (size_t)utf8proc_encode_char(ch, (utf8proc_uint8_t *)enc);
            memcpy(buf, word, off[i]);
            memcpy(buf + off[i], enc, el);
            memcpy(buf + off[i] + el, word + off[i], wn - off[i]);
            try_cand(s, c, word, wn, buf, wn + el);
        }
    }
    if (level != GEN_FULL)
        return;
    /* the apostrophe of an elision: jusquau, aujourdhui */
    for (size_t i = 1; i + 1 < n && i < 8; i++) {
        char low[32];
        spell_lower_copy(word, off[i], low, sizeof low);
        if (!spell_lists_has(s->lists, LIST_ELISIONS, low) &&
            strcmp(low, "aujourd") && strcmp(low, "quelqu") &&
            strcmp(low, "presqu"))
            continue;
        memcpy(buf, word, off[i]);
        buf[off[i]] = '\'';
        memcpy(buf + off[i] + 1, word + off[i], wn - off[i]);
        try_cand(s, c, word, wn, buf, wn + 1);
    }
    euphonic(s, c, word, wn);
    accents2(s, c, word, wn, cp, off, n);
    sounds(s, c, word, wn);
}

static int
cmp_cand(const void *a, const void *b)
{
    const cand *x = a, *y = b;
    if (x->score < y->score)
        return -1;
    if (x->score > y->score)
        return 1;
    return strcmp(x->w, y->w);
}

/* Rewrites apostrophes in w to the one the text uses. */
static char *
match_apostrophe(const char *w, int curly)
{
    size_t n = strlen(w);
    char *out = malloc(n * 3 + 1);
    if (!out)
        return NULL;
    size_t o = 0;
    for (size_t i = 0; i < n;) {
        if (!curly && (unsigned char)w[i] == 0xE2 &&
            (unsigned char)w[i + 1] == 0x80 &&
            (unsigned char)w[i + 2] == 0x99) {
            out[o++] = '\'';
            i += 3;
        } else if (curly && w[i] == '\'') {
            memcpy(out + o, "\xE2\x80\x99", 3);
            o += 3;
            i++;
        } else {
            out[o++] = w[i++];
        }
    }
    out[o] = '\0';
    return out;
}

static int
has_curly(const char *w, size_t n)
{
    for (size_t i = 0; i + 2 < n; i++)
        if ((unsigned char)w[i] == 0xE2 && (unsigned char)w[i + 1] == 0x80 &&
            (unsigned char)w[i + 2] == 0x99)
            return 1;
    return 0;
}

/* Makes the first letter uppercase (Baucoup -> Beaucoup). */
static char *
capitalize(const char *w)
{
    size_t n = strlen(w);
    int32_t cp;
    size_t k = spell_next_cp(w, n, 0, &cp);
    char enc[4];
    size_t el = (size_t)utf8proc_encode_char(utf8proc_toupper(cp),
                                             (utf8proc_uint8_t *)enc);
    char *out = malloc(n - k + el + 1);
    if (!out)
        return NULL;
    memcpy(out, enc, el);
    memcpy(out + el, w + k, n - k + 1);
    return out;
}

/* Two words run together (stéréotypique -> stéréo-typique, stéréo typique):
 * tried when no likely edit makes a word.  Split words are rarely what was
 * meant, hence the added cost. */
static void
split_in_two(spell_worker *s, cands *c, const char *w, size_t wn)
{
    char buf[MAX_WORD * 2 + 8];
    if (wn + 2 > sizeof buf)
        return;
    int32_t cp;
    for (size_t i = spell_next_cp(w, wn, 0, &cp); i < wn;
         i += spell_next_cp(w, wn, i, &cp)) {
        if (w[i] == '-' || w[i - 1] == '-' || !spell_word(s, w, i) ||
            !spell_word(s, w + i, wn - i))
            continue;
        for (size_t j = 0; j < 2; j++) {
            memcpy(buf, w, i);
            buf[i] = j ? '-' : ' ';
            memcpy(buf + i + 1, w + i, wn - i);
            if (j && !spell_word(s, buf, wn + 1))
                continue;
            cands_add(c, buf, wn + 1, spell_wdist(w, wn, buf, wn + 1) + 1.0f);
        }
    }
}

/* Suggestions for the finding's range of e, best first. */
static depeche_status
suggest(spell_worker *s, entry *e)
{
    if (e->sugg_done)
        return DEPECHE_OK;
    e->sugg_done = 1;
    if (s->suggest_mode == DEPECHE_SUGGEST_NONE)
        return DEPECHE_OK;
    const char *w = e->key + e->hit_off;
    size_t wn = e->len - e->hit_off;
    /* Long tokens are rarely typos and cost most (edits grow with the
     * square of the length): bounded work for hostile input. */
    if (wn > MAX_SUGGEST)
        return DEPECHE_OK;
    /* A capitalized first word is judged in lowercase: Baucoup. */
    char low[MAX_WORD * 2 + 8];
    int recap = 0;
    int32_t first;
    spell_next_cp(w, wn, 0, &first);
    if (spell_is_upper(first) && spell_shape_of(w, wn) == S_CAP &&
        !strchr(w, '-')) {
        spell_lower_copy(w, wn, low, sizeof low);
        w = low;
        wn = strlen(low);
        recap = 1;
    }
    cands c = {0};
    generate(s, &c, w, wn, GEN_FULL);
    if (recap) /* and as written, for names: Marseile */
        generate(s, &c, e->key + e->hit_off, e->len - e->hit_off, GEN_CHEAP);
    float best = 99;
    for (size_t i = 0; i < c.n; i++)
        best = c.v[i].score < best ? c.v[i].score : best;
    if (best > 0.5f && wn <= MAX_SUGGEST / 2)
        generate2(s, &c, w, wn);
    if (c.n == 0)
        split_in_two(s, &c, w, wn);
    /* hunspell's own search stops after a quarter of a second of the
     * process's CPU time (clock()): what it finds depends on the machine,
     * its load and every other thread of the process.  Only the mode that
     * asks for it uses it; the default gives the same answer everywhere. */
    if (s->suggest_mode == DEPECHE_SUGGEST_FULL) {
        char word[MAX_WORD * 2 + 8];
        memcpy(word, w, wn);
        word[wn] = '\0';
        char **list = NULL;
        int k = Hunspell_suggest(s->h, &list, word);
        for (int i = 0; i < k; i++) {
            size_t ln = strlen(list[i]);
            float sc = spell_wdist(w, wn, list[i], ln) -
                       freq_bonus(s->lists, list[i], ln) + 0.03f * (float)i;
            /* split words are rarely meant: vé-rouiller, ré ouvrir */
            if (strchr(list[i], ' ') ||
                (strchr(list[i], '-') && !memchr(w, '-', wn)))
                sc += 0.6f;
            cands_add(&c, list[i], ln, sc);
        }
        if (list)
            Hunspell_free_list(s->h, &list, k);
    }
    if (c.failed) {
        cands_free(&c);
        return DEPECHE_ERR_NOMEM;
    }
    if (c.n)
        qsort(c.v, c.n, sizeof *c.v, cmp_cand);
    size_t keep = c.n < MAX_SUGG ? c.n : MAX_SUGG;
    int curly = has_curly(e->key, e->len);
    e->sugg = calloc(keep ? keep : 1, sizeof *e->sugg);
    if (!e->sugg) {
        cands_free(&c);
        return DEPECHE_ERR_NOMEM;
    }
    for (size_t i = 0; i < c.n && e->nsugg < keep; i++) {
        char *m = match_apostrophe(c.v[i].w, curly);
        if (m && recap) {
            char *cap = capitalize(m);
            free(m);
            m = cap;
        }
        if (!m)
            break;
        /* jusqu’à and jusqu'à are one suggestion */
        int dup = 0;
        for (size_t j = 0; j < e->nsugg && !dup; j++)
            dup = !strcmp(e->sugg[j], m);
        if (dup)
            free(m);
        else
            e->sugg[e->nsugg++] = m;
    }
    cands_free(&c);
    return DEPECHE_OK;
}

/* The cheapest near word of a capitalized type: tells a misspelt word from
 * a name.  In lowercase when lower is set (a first word: Baucoup), then
 * all edits are tried and frequent words count as nearer.  Callers only
 * compare the cost with `enough`: once a word that near is found the
 * search stops, and a cost at most `enough` is all the answer says. */
static float
near_cost(spell_worker *s, const char *w, size_t wn, int lower, int level,
          float enough)
{
    char low[MAX_WORD * 2 + 8];
    if (wn > MAX_WORD)
        return 99;
    if (lower) {
        spell_lower_copy(w, wn, low, sizeof low);
        w = low;
        wn = strlen(low);
    }
    cands c = {.stop_early = 1, .lower = lower, .enough = enough};
    generate(s, &c, w, wn, level);
    float best = 99;
    for (size_t i = 0; i < c.n; i++) {
        float sc = c.v[i].score;
        if (!lower)
            sc += freq_bonus(s->lists, c.v[i].w, strlen(c.v[i].w));
        if (sc < best)
            best = sc;
    }
    cands_free(&c);
    if (lower) {
        /* a frequent word is near at any single edit (Baucoup); the list
         * is short, so compare with each rather than generate edits */
        const spell_list *frequent = &s->lists->list[LIST_FREQUENT];
        for (size_t i = 0; i < frequent->n; i++) {
            size_t fl = strlen(frequent->words[i]);
            if (fl + 2 < wn || wn + 2 < fl)
                continue;
            float sc = spell_wdist(w, wn, frequent->words[i], fl) - 0.35f;
            if (sc < best)
                best = sc;
        }
    }
    return best;
}

/* ------------------------------------------------------------------------ */
/* Analysis of a type                                                       */
/* ------------------------------------------------------------------------ */

static int
is_roman_ordinal(const char *w, size_t n)
{
    size_t i = 0;
    while (i < n && strchr("IVXLCDM", w[i]))
        i++;
    if (i == 0)
        return 0;
    const char *rest = w + i;
    size_t rn = n - i;
    return (rn == 1 && rest[0] == 'e') || (rn == 2 && !memcmp(rest, "er", 2)) ||
           (rn == 2 && !memcmp(rest, "es", 2)) ||
           (rn == 4 && !memcmp(rest, "ème", 4)) ||
           (rn == 4 && !memcmp(rest, "ère", 4));
}

/* oe -> œ throughout; returns the new length (same bytes: œ is 2). */
static int
ligatures(char *w, size_t n)
{
    int changed = 0;
    for (size_t i = 0; i + 1 < n; i++)
        if ((w[i] == 'o' || w[i] == 'O') && w[i + 1] == 'e') {
            const char *oe = w[i] == 'O' ? "\xC5\x92" : "\xC5\x93";
            w[i] = oe[0];
            w[i + 1] = oe[1];
            changed = 1;
        }
    return changed;
}

/* Keeps the accent advice for an entry: n bytes of w.  Returns 1, or 0 when
 * out of memory (no advice then). */
static int
set_fix(entry *e, const char *w, size_t n)
{
    e->fix = malloc(n + 1);
    if (!e->fix)
        return 0;
    memcpy(e->fix, w, n);
    e->fix[n] = '\0';
    return 1;
}

/* Whether French spelling allows `accented` for the ASCII letter w[i] of a
 * word starting at `from`: ç only before a, o, u; ë and ï (a tréma parts
 * two vowels) only after a vowel; no word starts with û, and à only as a
 * word of its own (à-côté).  The dictionary has no word against these (84k
 * stems checked), so the variants they skip could never be words; each
 * costs a hunspell call. */
static int
accent_fits(const char *w, size_t n, size_t from, size_t i,
            const char *accented)
{
    unsigned char next = i + 1 < n ? (unsigned char)w[i + 1] : 0;
    unsigned char prev = i > from ? (unsigned char)w[i - 1] : 0;
    if (!strcmp(accented, "ç") || !strcmp(accented, "Ç"))
        return next >= 0x80 || (next && strchr("aouAOU", next));
    if (!strcmp(accented, "ë") || !strcmp(accented, "ï"))
        return prev >= 0x80 || (prev && strchr("aeiouyAEIOUY", prev));
    if (!strcmp(accented, "Û"))
        return 0;
    if (!strcmp(accented, "À"))
        return next == '-';
    return 1;
}

/* Accent advice: the type with an accent on a capital starting one of its
 * parts (Etats-Unis, d'Etat), or with œ for oe (coeur), is a word.  Keeps
 * the fixed form of w[from..) in e->fix. */
static int
accent_fix(spell_worker *s, entry *e, size_t from)
{
    static const char *const variants[][4] = {
        {"E", "É", "È", "Ê"},   {"A", "À", "Â", NULL},  {"I", "Î", NULL, NULL},
        {"O", "Ô", NULL, NULL}, {"U", "Û", NULL, NULL}, {"C", "Ç", NULL, NULL}};
    const char *w = e->key;
    size_t n = e->len;
    char lig[MAX_WORD + 8], buf[MAX_WORD * 2 + 8];
    if (n > MAX_WORD)
        return 0;
    memcpy(lig, w, n);
    int has_lig = ligatures(lig, n);
    size_t bn = 0;
    for (int use_lig = has_lig; use_lig >= 0 && !bn; use_lig--) {
        const char *src = use_lig ? lig : w;
        int part_start = 1;
        for (size_t i = from; i < n && !bn;) {
            int32_t cp;
            size_t k = spell_next_cp(src, n, i, &cp);
            for (size_t r = 0; part_start && r < 6 && !bn; r++) {
                if (variants[r][0][0] != cp)
                    continue;
                for (size_t a = 1; a < 4 && variants[r][a] && !bn; a++) {
                    if (!accent_fits(src, n, from, i, variants[r][a]))
                        continue;
                    size_t m =
                        splice(src, n, i, 1, variants[r][a], buf, sizeof buf);
                    if (m && spell_word(s, buf, m))
                        bn = m;
                }
            }
            part_start = cp == '-' || spell_is_apos(cp);
            i += k;
        }
        if (!bn && use_lig && spell_word(s, lig, n)) {
            memcpy(buf, lig, n);
            bn = n;
        }
    }
    if (!bn)
        return 0;
    return set_fix(e, buf + from, bn - from);
}

/* Every part of a hyphenated word is a word, a particle or a prefix. */
static int
parts_known(spell_worker *s, const char *w, size_t n, int *cap_unknown)
{
    int all = 1;
    *cap_unknown = 0;
    for (size_t i = 0; i <= n;) {
        size_t j = i;
        while (j < n && w[j] != '-')
            j++;
        if (j > i && !spell_word(s, w + i, j - i)) {
            char low[MAX_WORD * 2 + 8];
            spell_lower_copy(w + i, j - i, low, sizeof low);
            if (!spell_lists_has(s->lists, LIST_PARTICLES, low) &&
                !spell_lists_has(s->lists, LIST_PREFIXES, low)) {
                all = 0;
                int32_t cp;
                spell_next_cp(w, n, i, &cp);
                if (spell_is_upper(cp))
                    *cap_unknown = 1;
            }
        }
        i = j + 1;
    }
    return all;
}

/* xiv, iii: lowercase roman numerals (chapter numbers, lists). */
static int
is_lower_roman(const char *low)
{
    size_t n = strlen(low);
    return n >= 2 && n <= 6 && strspn(low, "ivxlc") == n;
}

/* Only letters that French writes: a word in another alphabet or with
 * foreign diacritics (naučný, sông, judeţ) is not a French misspelling. */
static int
french_letters(const char *w, size_t n)
{
    static const char ok[] = "àâäçéèêëîïôöùûüÿœæ";
    for (size_t i = 0; i < n;) {
        int32_t cp;
        i += spell_next_cp(w, n, i, &cp);
        int32_t lo = utf8proc_tolower(cp);
        if (lo < 0x80 || lo == 0x2019 || lo == 0x02BC || lo == 0x2011)
            continue;
        int found = 0;
        for (size_t j = 0; ok[j] && !found;) {
            int32_t c;
            j += spell_next_cp(ok, sizeof ok - 1, j, &c);
            found = c == lo;
        }
        if (!found)
            return 0;
    }
    return 1;
}

/* The 1990 spelling reform drops the circumflex on i and u (connaitre,
 * flute, entrainement): advice towards the classical form, not an error. */
static int
reform_fix(spell_worker *s, entry *e, size_t from)
{
    const char *w = e->key;
    size_t n = e->len;
    char buf[MAX_WORD * 2 + 8];
    for (size_t i = from; i < n; i++) {
        if (w[i] != 'i' && w[i] != 'u')
            continue;
        size_t m = splice(w, n, i, 1, w[i] == 'i' ? "î" : "û", buf, sizeof buf);
        if (m && spell_word(s, buf, m)) {
            return set_fix(e, buf + from, m - from);
        }
    }
    return 0;
}

/* socioéconomique, précompilée: a known prefix glued to a word. */
static int
prefixed(spell_worker *s, const char *w, size_t n)
{
    static const char *const glued[] = {
        "anti",  "auto",   "bio",  "co",    "contre", "extra", "hyper",
        "inter", "micro",  "mini", "multi", "néo",    "post",  "pré",
        "pro",   "pseudo", "semi", "socio", "super",  "télé",  "ultra"};
    for (size_t i = 0; i < sizeof glued / sizeof *glued; i++) {
        size_t pl = strlen(glued[i]);
        if (pl < 3 || n < pl + 4 || memcmp(w, glued[i], pl))
            continue;
        if (spell_word(s, w + pl, n - pl))
            return 1;
    }
    return 0;
}

static int
ends_with_pronoun(const char *w, size_t n)
{
    static const char *const pron[] = {"-ce",  "-elle", "-elles", "-il",
                                       "-ils", "-je",   "-nous",  "-on",
                                       "-tu",  "-vous"};
    for (size_t p = 0; p < sizeof pron / sizeof *pron; p++) {
        size_t pl = strlen(pron[p]);
        if (n > pl && !memcmp(w + n - pl, pron[p], pl))
            return 1;
    }
    return 0;
}

/* Whether an unknown part of a hyphenated word is within `enough` of a
 * word. */
static int
near_part(spell_worker *s, const char *w, size_t n, float enough)
{
    for (size_t i = 0; i <= n;) {
        size_t j = i;
        while (j < n && w[j] != '-')
            j++;
        if (j > i && !spell_word(s, w + i, j - i) &&
            near_cost(s, w + i, j - i, 0, GEN_CHEAP, enough) <= enough)
            return 1;
        i = j + 1;
    }
    return 0;
}

/* Spellings French words do not have: w, sh, oo, ee, ea, ck, a final y
 * after a consonant. */
static int
english_look(const char *w, size_t n)
{
    static const char *const marks[] = {"w", "sh", "oo", "ee", "ck"};
    char buf[MAX_WORD + 1];
    if (n > MAX_WORD)
        return 0;
    memcpy(buf, w, n);
    buf[n] = '\0';
    for (size_t i = 0; i < sizeof marks / sizeof *marks; i++)
        if (strstr(buf, marks[i]))
            return 1;
    const char *ea = strstr(buf, "ea");
    if (ea && (ea == buf || ea[-1] != 'g')) /* obligeance is French */
        return 1;
    return n >= 3 && buf[n - 1] == 'y' && !strchr("aeiouy", buf[n - 2]);
}

/* One letter given or stripped of its accent makes a word: Noel -> Noël.
 * Keeps the fixed form of w[from..) in e->fix. */
static int
accent_any(spell_worker *s, entry *e, size_t from)
{
    /* the accents names and nouns lose: Noël, Français, Israël, Hélène */
    static const char *const vars[][5] = {{"e", "é", "è", "ë", NULL},
                                          {"c", "ç", NULL, NULL, NULL},
                                          {"i", "ï", NULL, NULL, NULL}};
    const char *w = e->key;
    size_t n = e->len;
    char buf[MAX_WORD * 2 + 8];
    if (n - from > 10)
        return 0; /* long names are seldom accent slips; calls add up */
    for (size_t i = from; i < n; i++) {
        for (size_t r = 0; r < sizeof vars / sizeof *vars; r++) {
            if (w[i] != vars[r][0][0])
                continue;
            for (size_t a = 1; a < 5 && vars[r][a]; a++) {
                if (!accent_fits(w, n, from, i, vars[r][a]))
                    continue;
                size_t m = splice(w, n, i, 1, vars[r][a], buf, sizeof buf);
                if (m && spell_word(s, buf, m)) {
                    return set_fix(e, buf + from, m - from);
                }
            }
        }
    }
    return 0;
}

/* Is w, capitalized, also a word in lowercase (Méditerranée, Commission)
 * rather than a name (Gabrielle, Marseille)? */
static int
common_word(spell_worker *s, const char *w, size_t n)
{
    char low[MAX_WORD * 2 + 8];
    if (n > MAX_WORD)
        return 0;
    spell_lower_copy(w, n, low, sizeof low);
    return spell_word(s, low, strlen(low));
}

/* A doubled letter moved (Méditerannée -> Méditerranée): one undoubled,
 * another doubled.  About twice the word's length in calls. */
static int
moved_double(spell_worker *s, const char *w, size_t n)
{
    char a[MAX_WORD + 8], b[MAX_WORD + 8];
    if (n > MAX_WORD)
        return 0;
    for (size_t i = 0; i + 1 < n; i++) {
        if (w[i] != w[i + 1] || (unsigned char)w[i] >= 0x80)
            continue;
        memcpy(a, w, i);
        memcpy(a + i, w + i + 1, n - i - 1);
        size_t an = n - 1;
        for (size_t j = 0; j < an; j++) {
            unsigned char c = (unsigned char)a[j];
            if (j == i || c >= 0x80 || !strchr("bcdfglmnprst", c) ||
                (j + 1 < an && a[j + 1] == a[j]) || (j > 0 && a[j - 1] == a[j]))
                continue;
            memcpy(b, a, j + 1);
            memcpy(b + j + 1, a + j, an - j);
            if (spell_word(s, b, an + 1) && common_word(s, b, an + 1))
                return 1;
        }
    }
    return 0;
}

/* How near a capitalized word mid-sentence is to a common word written
 * with a capital: a doubled letter (Commision) or a moved one
 * (Méditerannée).  Accents alone do not count (Andréas is Andreas), nor
 * names (Gabriele is not Gabrielle). */
static float
near_common(spell_worker *s, const char *w, size_t wn)
{
    char b[MAX_WORD + 8];
    if (wn > MAX_WORD)
        return 99;
    for (size_t i = 0; i < wn; i++) {
        unsigned char c = (unsigned char)w[i];
        if (c >= 0x80 || !strchr("bcdfglmnprst", c))
            continue;
        if (i + 1 < wn && w[i + 1] == w[i]) {
            /* undouble */
            memcpy(b, w, i);
            memcpy(b + i, w + i + 1, wn - i - 1);
            if (spell_word(s, b, wn - 1) && common_word(s, b, wn - 1))
                return 0.4f;
        } else if (!(i > 0 && w[i - 1] == w[i])) {
            /* double */
            memcpy(b, w, i + 1);
            memcpy(b + i + 1, w + i, wn - i);
            if (spell_word(s, b, wn + 1) && common_word(s, b, wn + 1))
                return 0.4f;
        }
    }
    if (wn >= 10 && moved_double(s, w, wn))
        return 0.8f;
    return 99;
}

/* A part of a hyphenated word is an English word French lacks. */
static int
english_part(spell_worker *s, const char *w, size_t n)
{
    for (size_t i = 0; i <= n;) {
        size_t j = i;
        while (j < n && w[j] != '-')
            j++;
        char low[16];
        if (j - i < 8) {
            spell_lower_copy(w + i, j - i, low, sizeof low);
            if (spell_lists_has(s->lists, LIST_ENGLISH, low) &&
                !spell_word(s, w + i, j - i))
                return 1;
        }
        i = j + 1;
    }
    return 0;
}

static void
classify(spell_worker *s, entry *e)
{
    const char *w = e->key;
    size_t n = e->len;
    e->near_cost = 99;
    char low[MAX_WORD * 2 + 8];
    if (n > MAX_WORD) {
        /* No word is this long (a run of letters pasted without spaces,
         * or hostile input): said, without suggestions (issue 18). */
        e->verdict = V_MISS;
        return;
    }
    spell_lower_copy(w, n, low, sizeof low);
    for (size_t i = 0; i < n;) {
        int32_t cp;
        i += spell_next_cp(w, n, i, &cp);
        if (spell_is_digit(cp) || cp == '.' || cp == '@' || cp == '_' ||
            cp < 0) {
            e->verdict = V_SKIP;
            return;
        }
    }
    if (is_roman_ordinal(w, n) || is_lower_roman(low)) {
        e->verdict = V_SKIP;
        return;
    }
    /* hunspell takes a-t'il for a + t'il */
    if (euphonic_apostrophe(w, n)) {
        e->verdict = V_MISS;
        return;
    }
    if (spell_word(s, w, n)) {
        e->verdict = V_OK;
        return;
    }
    size_t el = spell_elision_len(s->lists, w, n);
    const char *core = w + el;
    size_t cn = n - el;
    e->shape = (unsigned char)spell_shape_of(core, cn);
    int32_t first;
    size_t fk = spell_next_cp(core, cn, 0, &first);
    if (e->shape == S_UPPER || (fk == cn && !el)) {
        e->verdict = V_SKIP; /* acronym, single letter */
        return;
    }
    if (!french_letters(core, cn)) {
        /* Gdańsk is a name; naučný a foreign word */
        e->verdict = e->shape == S_LOWER ? V_FOREIGN : V_CAP;
        return;
    }
    e->hit_off = el;
    if (accent_fix(s, e, el) || (e->shape == S_LOWER && reform_fix(s, e, el))) {
        e->verdict = V_ACCENT;
        return;
    }
    if (el && spell_word(s, core, cn)) {
        /* jusqu'a: the word is fine, the elision is not */
        e->hit_off = 0;
        e->verdict = spell_is_upper(first) ? V_OK : V_MISS;
        return;
    }
    if (e->eng && !el) {
        e->verdict = V_ENG;
        return;
    }
    if (memchr(core, '-', cn)) {
        int cap_unknown;
        if (parts_known(s, core, cn, &cap_unknown)) {
            e->verdict = V_OK;
            return;
        }
        if (cap_unknown) {
            e->verdict = V_CAP;
            return;
        }
        if (english_part(s, core, cn)) {
            e->verdict = V_FOREIGN; /* web-of-trust */
            return;
        }
        /* Compounds are coined freely (pop-music, bathy-benthique): one
         * is reported when a part is a typo of a word, or when it ends
         * with a subject pronoun (serat-elle). */
        e->verdict = ends_with_pronoun(core, cn) || near_part(s, core, cn, 0.6f)
                         ? V_MISS
                         : V_OK;
        return;
    }
    if (e->shape != S_LOWER) {
        /* Noel, Francais, Israel: advice, whatever the word's role */
        e->verdict = accent_any(s, e, el) ? V_ACCENT : V_CAP;
        return;
    }
    if (prefixed(s, core, cn)) {
        e->verdict = V_OK;
        return;
    }
    /* English spelling (rookie, heavy, shoes) with no French word near */
    if (!el && english_look(core, cn) &&
        near_cost(s, core, cn, 0, GEN_CHEAP, 0.6f) > 0.6f) {
        e->verdict = V_FOREIGN;
        return;
    }
    e->verdict = V_MISS;
}

/* Near a common word (Méditerannée)?  What acts_as_name asks first of a
 * long unknown capitalized word, asked here so that it is done during the
 * analysis, by as many threads as there are. */
static void
near_common_ahead(spell_worker *s, entry *e)
{
    size_t wn = e->len - e->hit_off;
    const char *w = e->key + e->hit_off;
    if (e->verdict != V_CAP || wn < 8 || memchr(w, '-', wn))
        return;
    e->near_cost = near_common(s, w, wn);
}

/* What a type is, whatever its context. */
static void
analyze(spell_worker *s, entry *e)
{
    classify(s, e);
    near_common_ahead(s, e);
}

/* ------------------------------------------------------------------------ */
/* Handles                                                                  */
/* ------------------------------------------------------------------------ */

static void *
load_in_background(void *arg)
{
    depeche_speller *s = arg;
    Hunhandle *own;
    spell_make_handle(&s->dict, &own,
                      NULL); /* its errors were looked for before */
    pthread_mutex_lock(&s->lock);
    s->self.h = own;
    s->main_ready = 1;
    pthread_cond_broadcast(&s->loaded_more);
    pthread_mutex_unlock(&s->lock);
    for (size_t k = 0; k < s->helpers && !atomic_load(&s->stop_loading); k++) {
        Hunhandle *h;
        /* Without a handle a helper stays idle; the others do its work. */
        spell_make_handle(&s->dict, &h, NULL);
        pthread_mutex_lock(&s->lock);
        s->helper_h[k] = h;
        s->loaded++;
        pthread_cond_broadcast(&s->loaded_more);
        pthread_mutex_unlock(&s->lock);
    }
    return NULL;
}

/* With helpers, starts the loader; without (or when no thread can be
 * started), makes the speller's handle here. */
static depeche_status
load_handles(depeche_speller *s, unsigned threads, depeche_error *err)
{
    size_t helpers = threads > 1 ? threads - 1 : 0;
    s->helpers = helpers > MAX_HELPERS ? MAX_HELPERS : helpers;
    if (s->helpers && !pthread_mutex_init(&s->lock, NULL)) {
        if (!pthread_cond_init(&s->loaded_more, NULL)) {
            s->loading =
                pthread_create(&s->loader, NULL, load_in_background, s) == 0;
            if (!s->loading)
                pthread_cond_destroy(&s->loaded_more);
        }
        if (!s->loading)
            pthread_mutex_destroy(&s->lock);
    }
    if (s->loading)
        return DEPECHE_OK;
    s->helpers = 0;
    s->main_ready = 1;
    return spell_make_handle(&s->dict, &s->self.h, err);
}

/* The speller's handle, once made; NULL when it could not be. */
static Hunhandle *
own_handle(depeche_speller *s)
{
    if (!s->loading)
        return s->self.h; /* made by depeche_speller_new */
    pthread_mutex_lock(&s->lock);
    while (!s->main_ready)
        pthread_cond_wait(&s->loaded_more, &s->lock);
    Hunhandle *h = s->self.h;
    pthread_mutex_unlock(&s->lock);
    return h;
}

/* Joins the loader (at the end: helpers wait for their own handle). */
static void
join_loader(depeche_speller *s)
{
    if (!s->loading)
        return;
    atomic_store(&s->stop_loading, 1); /* the handle it makes, and no more */
    pthread_join(s->loader, NULL);
    pthread_cond_destroy(&s->loaded_more);
    pthread_mutex_destroy(&s->lock);
    s->loading = 0;
}

/* Waits until the loader has made every helper's handle: hunspell's own
 * search is bounded by the process's CPU time, which a loader running
 * beside it would spend. */
static void
wait_for_loader(depeche_speller *s)
{
    if (!s->loading)
        return;
    pthread_mutex_lock(&s->lock);
    while (s->loaded < s->helpers)
        pthread_cond_wait(&s->loaded_more, &s->lock);
    pthread_mutex_unlock(&s->lock);
}

static char *
copy_string(const char *p)
{
    size_t n = strlen(p) + 1;
    char *c = malloc(n);
    return c ? memcpy(c, p, n) : NULL;
}

depeche_status
depeche_speller_new(const depeche_options *opts, depeche_speller **out,
                    depeche_error *err)
{
    if (!out)
        return depeche_fail(err, DEPECHE_ERR_INVALID_ARG, DEPECHE_NO_OFFSET,
                            "out is NULL");
    *out = NULL;
    depeche_buf aff = {0}, dic = {0};
    depeche_status st = spell_find_dict(opts, &aff, &dic, err);
    if (st)
        goto out;
    depeche_speller *s = calloc(1, sizeof *s);
    if (!s) {
        st = depeche_fail(err, DEPECHE_ERR_NOMEM, DEPECHE_NO_OFFSET,
                          "out of memory");
        goto out;
    }
    s->self.suggest_mode = DEPECHE_SUGGEST_FAST;
    s->self.memo = &s->own_memo;
    s->self.lists = &s->own_lists;
    if (spell_lists_load(&s->own_lists))
        st = depeche_fail(err, DEPECHE_ERR_NOMEM, DEPECHE_NO_OFFSET,
                          "out of memory");
    atomic_init(&s->stop_loading, 0);
    s->dict.aff_path = copy_string(aff.data);
    s->dict.dic_path = copy_string(dic.data);
    if (!s->dict.aff_path || !s->dict.dic_path)
        st = depeche_fail(err, DEPECHE_ERR_NOMEM, DEPECHE_NO_OFFSET,
                          "out of memory");
    unsigned threads = opts ? opts->threads : 1;
    if (!st && opts && opts->personal_dict) {
        int rc = depeche_read_file(opts->personal_dict, &s->dict.personal,
                                   &s->dict.personal_len);
        if (rc)
            st = depeche_fail(err, DEPECHE_ERR_IO, DEPECHE_NO_OFFSET,
                              "cannot read the personal dictionary: %s",
                              strerror(rc));
    }
    /* A handle made in the background cannot report: what it would
     * refuse is looked for here. */
    if (!st && s->dict.personal)
        st = spell_check_list(s->dict.personal, s->dict.personal_len, err);
    if (!st && threads > 1)
        st = spell_check_aff_encoding(s->dict.aff_path, err);
    if (!st)
        st = load_handles(s, threads, err);
    if (!st && cache_grow(s))
        st = depeche_fail(err, DEPECHE_ERR_NOMEM, DEPECHE_NO_OFFSET,
                          "out of memory");
    if (st) {
        depeche_speller_free(s);
        goto out;
    }
    *out = s;
out:
    depeche_buf_free(&aff);
    depeche_buf_free(&dic);
    return st;
}

void
depeche_speller_free(depeche_speller *s)
{
    if (!s)
        return;
    join_loader(s);
    cache_clear(s);
    free(s->slots);
    free(s->toks.at);
    free(s->pending);
    if (s->self.h)
        spell_handle_destroy(s->self.h);
    spell_memo_free(&s->own_memo);
    for (size_t k = 0; k < MAX_HELPERS; k++) {
        if (s->helper_h[k])
            spell_handle_destroy(s->helper_h[k]);
        spell_memo_free(&s->helper_memo[k]);
    }
    spell_lists_free(&s->own_lists);
    free(s->dict.aff_path);
    free(s->dict.dic_path);
    free(s->dict.personal);
    free(s);
}

void
depeche_speller_set_suggest(depeche_speller *s, depeche_suggest mode)
{
    if (s)
        s->self.suggest_mode = mode;
}

/* ------------------------------------------------------------------------ */
/* Analysis of new types, shared among threads                              */
/* ------------------------------------------------------------------------ */

/* Fewer new types than this are analysed on the calling thread alone: a
 * type takes ~10 us, starting a thread ~50 us. */
enum { PARALLEL_MIN = 256 };

typedef struct analysis {
    depeche_speller *s;
    atomic_size_t next; /* the next pending type nobody has taken */
} analysis;

typedef struct helper {
    analysis *a;
    size_t index;
} helper;

/* Takes pending types one at a time until none is left.  Each entry is
 * written by the one thread that took it. */
static void
analyze_share(analysis *a, spell_worker *with)
{
    for (;;) {
        size_t i = atomic_fetch_add_explicit(&a->next, 1, memory_order_relaxed);
        if (i >= a->s->npending)
            return;
        analyze(with, a->s->pending[i]);
    }
}

/* The helper's handle, once the loader is done with it (NULL when it
 * failed); NULL as well when the work runs out first. */
static Hunhandle *
helper_handle(depeche_speller *s, analysis *a, size_t k)
{
    Hunhandle *h = NULL;
    pthread_mutex_lock(&s->lock);
    while (s->loaded <= k &&
           atomic_load_explicit(&a->next, memory_order_relaxed) < s->npending)
        pthread_cond_wait(&s->loaded_more, &s->lock);
    if (s->loaded > k)
        h = s->helper_h[k];
    pthread_mutex_unlock(&s->lock);
    return h;
}

static void *
helper_run(void *arg)
{
    helper *hp = arg;
    depeche_speller *s = hp->a->s;
    /* The calling thread starts at once; a helper joins in when its
     * handle is loaded, with a worker of its own: the handle, its memo and
     * the shared lists are all analyze() touches; the cache of types stays
     * the caller's. */
    spell_worker own = {.h = helper_handle(s, hp->a, hp->index),
                        .memo = &s->helper_memo[hp->index],
                        .lists = s->self.lists,
                        .suggest_mode = s->self.suggest_mode};
    if (own.h)
        analyze_share(hp->a, &own);
    return NULL;
}

static void
analyze_pending(depeche_speller *s)
{
    analysis a = {.s = s};
    atomic_init(&a.next, 0);
    size_t helpers = s->npending >= PARALLEL_MIN ? s->helpers : 0;
    pthread_t threads[MAX_HELPERS];
    helper hp[MAX_HELPERS];
    int started[MAX_HELPERS] = {0};
    for (size_t k = 0; k < helpers; k++) {
        hp[k] = (helper){&a, k};
        started[k] = pthread_create(&threads[k], NULL, helper_run, &hp[k]) == 0;
    }
    analyze_share(&a, &s->self);
    if (helpers) {
        /* A helper still waiting for its handle has nothing left to do. */
        pthread_mutex_lock(&s->lock);
        pthread_cond_broadcast(&s->loaded_more);
        pthread_mutex_unlock(&s->lock);
    }
    for (size_t k = 0; k < helpers; k++)
        if (started[k])
            pthread_join(threads[k], NULL);
    s->npending = 0;
}

/* Tokens from `first` on, once their types are analysed: an unknown
 * capitalized word is counted by the name it carries (al-Kazimi is
 * Kazimi), when `count` is set, across the document. */
static depeche_status
count_names(depeche_speller *s, size_t first, const depeche_spell_text *segs,
            int count)
{
    for (size_t i = first; i < s->toks.n; i++) {
        tok *tk = &s->toks.at[i];
        if (!tk->e || tk->e->verdict != V_CAP)
            continue;
        const char *c = segs[tk->seg].text + tk->start + tk->e->hit_off;
        size_t cn = tk->end - tk->start - tk->e->hit_off;
        const char *h = memchr(c, '-', cn);
        if (h) {
            char low[64];
            size_t pl = (size_t)(h - c);
            if (pl < 32) {
                spell_lower_copy(c, pl, low, sizeof low);
                if (spell_lists_has(s->self.lists, LIST_PARTICLES, low)) {
                    cn -= pl + 1;
                    c = h + 1;
                }
            }
        }
        tk->ce = lookup(s, c, cn);
        if (!tk->ce)
            return DEPECHE_ERR_NOMEM;
        if (count && tk->ce->stamp != s->stamp) {
            tk->ce->stamp = s->stamp;
            tk->ce->count = 0;
        }
        tk->ce->count += count != 0;
    }
    return DEPECHE_OK;
}

/* ------------------------------------------------------------------------ */
/* Check                                                                    */
/* ------------------------------------------------------------------------ */

/* Only spaces (or a hyphen) between two words: they may form one name. */
static int
gap_is_space(const char *g, size_t n)
{
    for (size_t i = 0; i < n;) {
        int32_t cp;
        i += spell_next_cp(g, n, i, &cp);
        if (!spell_is_space(cp) && cp != '-')
            return 0;
    }
    return 1;
}

/* May this word belong to a foreign run?  English words, unknown words
 * and capitalized words (titles: Cathedral Church of the Redeemer). */
static int
foreignish(const tok *t)
{
    const entry *e = t->e;
    if (!e)
        return 0;
    if (e->eng || e->verdict == V_FOREIGN || (t->flags & T_CAPITAL))
        return 1;
    return (e->verdict == V_MISS || e->verdict == V_CAP) && e->hit_off == 0;
}

/* Does the word show the run is foreign? */
static int
foreign_marker(const tok *t)
{
    return t->e && (t->e->verdict == V_ENG || t->e->verdict == V_FOREIGN);
}

static int
emit(depeche_hit_fn fn, void *user, depeche_finding_kind kind, size_t seg,
     size_t start, size_t end, const entry *e)
{
    depeche_spell_hit hit = {kind, seg, start, end, NULL, 0};
    if (e) {
        hit.suggestions = (const char *const *)e->sugg;
        hit.suggestion_count = e->nsugg;
    }
    return fn(user, &hit);
}

/* Is the capitalized unknown word t a name here? */
static int
acts_as_name(depeche_speller *s, const depeche_spell_text *segs, size_t k)
{
    const tok *t = &s->toks.at[k];
    entry *e = t->e;
    size_t wn = e->len - e->hit_off;
    const char *w = e->key + e->hit_off;
    /* Long near-misses of a word are typos even mid-sentence
     * (Méditerannée): near_common_ahead measured them. */
    if (e->near_cost <= 0.8f)
        return 0;
    if (!(t->flags & T_INITIAL) || (t->flags & T_AFTER_TITLE) ||
        segs[t->seg].kind == DEPECHE_KIND_TITLE)
        return 1;
    if (t->ce && t->ce->count >= 2)
        return 1;
    if (memchr(w, '-', wn))
        return 1;
    if (k + 1 < s->toks.n) {
        const tok *n = &s->toks.at[k + 1];
        if (n->seg == t->seg && (n->flags & T_CAPITAL) &&
            gap_is_space(segs[t->seg].text + t->end, n->start - t->end))
            return 1;
    }
    /* A first word: a name unless its lowercase form is near a word. */
    if (!e->lnear_done) {
        e->lnear_cost = near_cost(&s->self, w, wn, 1, GEN_TINY, 0.55f);
        e->lnear_done = 1;
    }
    return e->lnear_cost > 0.55f;
}

/* von Braun, bin Laden, del Bosque: a particle before a name. */
static int
particle_of_name(const depeche_speller *s, const depeche_spell_text *segs,
                 size_t k)
{
    const tok *t = &s->toks.at[k];
    if (k + 1 >= s->toks.n || t->e->len > 8 || t->e->shape != S_LOWER)
        return 0;
    const tok *n = &s->toks.at[k + 1];
    if (n->seg != t->seg || !(n->flags & T_CAPITAL) ||
        !gap_is_space(segs[t->seg].text + t->end, n->start - t->end))
        return 0;
    char low[16];
    spell_lower_copy(t->e->key, t->e->len, low, sizeof low);
    return spell_lists_has(s->self.lists, LIST_PARTICLES, low);
}

/* The findings of the tokens of one segment, in order. */
static depeche_status
check_tokens(depeche_speller *s, const depeche_spell_text *segs,
             depeche_hit_fn fn, void *user)
{
    for (size_t k = 0; k < s->toks.n; k++) {
        tok *t = &s->toks.at[k];
        entry *e = t->e;
        if (!e || e->verdict == V_OK || e->verdict == V_SKIP)
            continue;
        if (particle_of_name(s, segs, k))
            continue;
        /* a run of English words, reported once */
        if (foreignish(t) && e->verdict != V_ACCENT) {
            size_t first = k, last = k, marks = foreign_marker(t);
            /* a capitalized word just before joins: Hall of Fame */
            if (k > 0 && s->toks.at[k - 1].seg == t->seg &&
                (s->toks.at[k - 1].flags & T_CAPITAL) && s->toks.at[k - 1].e &&
                s->toks.at[k - 1].e->verdict == V_OK &&
                gap_is_space(segs[t->seg].text + s->toks.at[k - 1].end,
                             t->start - s->toks.at[k - 1].end))
                first = k - 1;
            while (last + 1 < s->toks.n) {
                const tok *nx = &s->toks.at[last + 1];
                if (nx->seg != t->seg || !foreignish(nx) ||
                    !gap_is_space(segs[t->seg].text + s->toks.at[last].end,
                                  nx->start - s->toks.at[last].end))
                    break;
                last++;
                marks += foreign_marker(nx);
            }
            /* trailing capitalized French words are not part of it */
            while (last > k && !foreign_marker(&s->toks.at[last]) &&
                   s->toks.at[last].e->verdict == V_OK &&
                   !(s->toks.at[last].flags & T_CAPITAL))
                last--;
            if ((last > first && marks) || e->verdict == V_FOREIGN) {
                if (emit(fn, user, DEPECHE_FINDING_FOREIGN, t->seg,
                         s->toks.at[first].start, s->toks.at[last].end, NULL))
                    return DEPECHE_ERR_ABORTED;
                k = last;
                continue;
            }
        }
        depeche_finding_kind kind = DEPECHE_FINDING_MISSPELLING;
        const entry *se = NULL;
        const char *fix = NULL;
        if (e->verdict == V_ACCENT) {
            kind = DEPECHE_FINDING_ACCENT;
            fix = e->fix;
        } else if (e->verdict == V_CAP && acts_as_name(s, segs, k)) {
            kind = DEPECHE_FINDING_NAME;
        } else {
            if (suggest(&s->self, e))
                return DEPECHE_ERR_NOMEM;
            se = e;
        }
        int rc;
        if (fix) {
            const char *one[1] = {fix};
            depeche_spell_hit hit = {kind,   t->seg, t->start + e->hit_off,
                                     t->end, one,    1};
            rc = fn(user, &hit);
        } else {
            rc =
                emit(fn, user, kind, t->seg, t->start + e->hit_off, t->end, se);
        }
        if (rc)
            return DEPECHE_ERR_ABORTED;
    }
    return DEPECHE_OK;
}

depeche_status
depeche_speller_check(depeche_speller *s, const depeche_spell_text *segs,
                      size_t n, depeche_hit_fn fn, void *user,
                      depeche_error *err)
{
    if (!s || (!segs && n) || !fn)
        return depeche_fail(err, DEPECHE_ERR_INVALID_ARG, DEPECHE_NO_OFFSET,
                            "NULL speller, segments or callback");
    if (!own_handle(s))
        return depeche_fail(err, DEPECHE_ERR_DICT, DEPECHE_NO_OFFSET,
                            "hunspell could not load %s", s->dict.dic_path);
    if (s->self.suggest_mode == DEPECHE_SUGGEST_FULL)
        wait_for_loader(s);
    if (s->n > MAX_CACHE)
        cache_clear(s);
    s->stamp++;
    size_t total = 0;
    for (size_t i = 0; i < n; i++)
        total += segs[i].len;
    depeche_status st = DEPECHE_OK;
    s->toks.n = 0;
    if (total <= BIG_DOC) {
        for (size_t i = 0; i < n && !st; i++)
            st = spell_tokenize(&s->toks, segs[i].text, segs[i].len, i,
                                type_of_word, s);
        if (!st)
            analyze_pending(s);
        if (!st)
            st = count_names(s, 0, segs, 1);
        if (!st)
            st = check_tokens(s, segs, fn, user);
    } else {
        /* Names are counted over the whole document first, BIG_DOC bytes
         * of segments at a time; tokens are then made again segment by
         * segment, so that memory follows the longest segment, not the
         * document. */
        for (size_t i = 0; i < n && !st;) {
            s->toks.n = 0;
            for (size_t bytes = 0; i < n && bytes < BIG_DOC && !st; i++) {
                st = spell_tokenize(&s->toks, segs[i].text, segs[i].len, i,
                                    type_of_word, s);
                bytes += segs[i].len;
            }
            if (!st)
                analyze_pending(s);
            if (!st)
                st = count_names(s, 0, segs, 1);
        }
        for (size_t i = 0; i < n && !st; i++) {
            s->toks.n = 0;
            st = spell_tokenize(&s->toks, segs[i].text, segs[i].len, i,
                                type_of_word, s);
            if (!st)
                analyze_pending(s); /* none: the first pass met them all */
            if (!st)
                st = count_names(s, 0, segs, 0);
            if (!st)
                st = check_tokens(s, segs, fn, user);
        }
    }
    if (s->npending)
        analyze_pending(s); /* stopped early: the cache holds them */
    if (st == DEPECHE_ERR_NOMEM)
        return depeche_fail(err, st, DEPECHE_NO_OFFSET, "out of memory");
    if (st == DEPECHE_ERR_ABORTED)
        return depeche_fail(err, st, DEPECHE_NO_OFFSET, "stopped");
    return st;
}
