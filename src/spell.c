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
 * type per 90 tokens, and Hunspell_suggest costs tens of milliseconds.
 *
 * This file holds the speller itself: its cache of types, the threads that
 * analyse new types, and the check of a document (names, foreign runs,
 * findings).  The rest is found by name:
 *   spell_tokenize.c  a segment cut into tokens
 *   spell_classify.c  what a word type is (its verdict, accent advice)
 *   spell_suggest.c   suggestions, and how near a word a type is
 *   spell_distance.c  the weighted edit distance
 *   spell_hunspell.c  hunspell handles, the dictionary's files, the memo
 *   spell_compiled.c  the dictionary's words, compiled and cached on disk
 *   spell_affix.c     the .aff and .dic expanded into those words
 *   spell_chars.c     characters and word shapes
 *   spell_lists.c     the word lists of dicts/fr/
 * spell_types.h holds the entry of a type, which they share. */
#include "spell.h"

#include <hunspell.h>
#include <pthread.h>
#include <stdatomic.h>
#include <stdint.h>
#include <stdlib.h>
#include <string.h>

#include "buf.h"
#include "dicts.h"
#include "spell_chars.h"
#include "spell_classify.h"
#include "spell_compiled.h"
#include "spell_hunspell.h"
#include "spell_lists.h"
#include "spell_phonetic.h"
#include "spell_suggest.h"
#include "spell_tokenize.h"
#include "spell_types.h"

enum {
    MAX_CACHE = 1 << 18, /* types (~40 MB); the cache is emptied past this */
    BIG_DOC = 1 << 20    /* bytes; larger documents are tokenized twice */
};

enum { MAX_HELPERS = 7 };

/* A slot of the type cache: the hash and length beside the entry, so that
 * probing past other types reads the table alone (an entry is a cache
 * miss away; tokens are looked up a million times a 5 MB text). */
typedef struct cache_slot {
    uint32_t hash, len;
    entry *e;
} cache_slot;

struct depeche_speller {
    spell_worker self;
    spell_lists own_lists;
    spell_memo own_memo;
    cache_slot *slots;
    size_t cap, n;
    size_t stamp;
    spell_toks toks;
    /* Types met by tokenize and not analysed yet: analysed together, by
     * several threads when there are many (analyze_pending). */
    entry **pending;
    size_t npending, pendcap;
    /* Helpers analyse new types along with the calling thread, from the
     * compiled form alone: a type that needs hunspell is left to the
     * calling thread, whose handle is made when first needed
     * (spell_worker_handle).  A handle costs ~0.1 s to make and as much
     * to free; most types need none. */
    size_t helpers;
    spell_dict dict;          /* what a handle is made of */
    spell_compiled *compiled; /* the dictionary's words (NULL: none) */
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
        entry_free(s->slots[i].e);
        s->slots[i] = (cache_slot){0};
    }
    s->n = 0;
}

static depeche_status
cache_grow(depeche_speller *s)
{
    size_t ncap = s->cap ? s->cap * 2 : 4096;
    cache_slot *slots = calloc(ncap, sizeof *slots);
    if (!slots)
        return DEPECHE_ERR_NOMEM;
    for (size_t i = 0; i < s->cap; i++) {
        if (!s->slots[i].e)
            continue;
        size_t j = s->slots[i].hash & (ncap - 1);
        while (slots[j].e)
            j = (j + 1) & (ncap - 1);
        slots[j] = s->slots[i];
    }
    free(s->slots);
    s->slots = slots;
    s->cap = ncap;
    return DEPECHE_OK;
}

static cache_slot *
cache_find(depeche_speller *s, const char *w, size_t n, uint32_t h)
{
    size_t j = h & (s->cap - 1);
    for (cache_slot *c = &s->slots[j]; c->e; c = &s->slots[j]) {
        if (c->hash == h && c->len == n && memcmp(c->e->key, w, n) == 0)
            break;
        j = (j + 1) & (s->cap - 1);
    }
    return &s->slots[j];
}

/* The entry of a type, made on first sight (*fresh set then) with what
 * needs no dictionary: the English and title lists.  NULL when out of
 * memory. */
static entry *
intern(depeche_speller *s, const char *w, size_t n, int *fresh)
{
    uint32_t h = (uint32_t)spell_hash_bytes(w, n);
    cache_slot *slot = cache_find(s, w, n, h);
    *fresh = 0;
    if (slot->e)
        return slot->e;
    if ((s->n + 1) * 2 > s->cap) {
        if (cache_grow(s))
            return NULL;
        slot = cache_find(s, w, n, h);
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
    *slot = (cache_slot){h, (uint32_t)n, e};
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
        spell_analyze(&s->self, e);
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
        spell_analyze(&s->self, e); /* no entry stays unanalysed */
        return NULL;
    }
    return e;
}

/* ------------------------------------------------------------------------ */
/* Handles                                                                  */
/* ------------------------------------------------------------------------ */

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
    /* A handle made when first needed, in the middle of a check, cannot
     * report: what it would refuse is looked for here. */
    if (!st && s->dict.personal)
        st = spell_check_list(s->dict.personal, s->dict.personal_len, err);
    if (!st)
        st = spell_check_aff_encoding(s->dict.aff_path, err);
    if (!st) {
        spell_word_list lists[2] = {
            {depeche_dict_news_fr, depeche_dict_news_fr_len},
            {s->dict.personal, s->dict.personal_len}};
        st = spell_compiled_open(s->dict.aff_path, s->dict.dic_path, lists,
                                 s->dict.personal ? 2 : 1, &s->compiled, err);
    }
    s->self.compiled = s->compiled;
    s->self.dict = &s->dict;
    size_t helpers = threads > 1 ? threads - 1 : 0;
    s->helpers = helpers > MAX_HELPERS ? MAX_HELPERS : helpers;
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
    cache_clear(s);
    free(s->slots);
    free(s->toks.at);
    free(s->pending);
    if (s->self.h)
        spell_handle_destroy(s->self.h);
    spell_memo_free(&s->own_memo);
    spell_phonetic_free(s->self.phonetic);
    spell_lists_free(&s->own_lists);
    spell_compiled_close(s->compiled);
    free(s->dict.aff_path);
    free(s->dict.dic_path);
    free(s->dict.personal);
    free(s);
}

size_t
spell_speller_handles(const depeche_speller *s)
{
    return s->self.h != NULL;
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
    atomic_size_t next;  /* the next pending type nobody has taken */
    unsigned char *redo; /* pending types a helper left to the caller */
} analysis;

/* What a helper's analysis wrote, undone: the calling thread does it
 * again with hunspell. */
static void
entry_reset(entry *e)
{
    free(e->fix);
    e->fix = NULL;
    e->verdict = V_OK;
    e->shape = 0;
    e->hit_off = 0;
    e->near_cost = 0;
}

/* Takes pending types one at a time until none is left.  Each entry is
 * written by the one thread that took it; a helper (no handle) marks in
 * redo the types it could not answer. */
static void
analyze_share(analysis *a, spell_worker *with)
{
    for (;;) {
        size_t i = atomic_fetch_add_explicit(&a->next, 1, memory_order_relaxed);
        if (i >= a->s->npending)
            return;
        with->wanted_handle = 0;
        spell_analyze(with, a->s->pending[i]);
        if (with->wanted_handle && with != &a->s->self) {
            entry_reset(a->s->pending[i]);
            a->redo[i] = 1;
        }
    }
}

static void *
helper_run(void *arg)
{
    analysis *a = arg;
    /* A worker of its own, without hunspell: the shared lists and compiled
     * form are all spell_analyze() touches then; the cache of types stays
     * the caller's. */
    spell_worker own = {.lists = a->s->self.lists,
                        .compiled = a->s->self.compiled,
                        .suggest_mode = a->s->self.suggest_mode};
    analyze_share(a, &own);
    return NULL;
}

static void
analyze_pending(depeche_speller *s)
{
    analysis a = {.s = s};
    atomic_init(&a.next, 0);
    size_t helpers = s->npending >= PARALLEL_MIN ? s->helpers : 0;
    if (helpers)
        a.redo = calloc(s->npending, 1);
    if (!a.redo)
        helpers = 0; /* out of memory: the calling thread alone */
    pthread_t threads[MAX_HELPERS];
    int started[MAX_HELPERS] = {0};
    for (size_t k = 0; k < helpers; k++)
        started[k] = pthread_create(&threads[k], NULL, helper_run, &a) == 0;
    analyze_share(&a, &s->self);
    for (size_t k = 0; k < helpers; k++)
        if (started[k])
            pthread_join(threads[k], NULL);
    for (size_t i = 0; a.redo && i < s->npending; i++)
        if (a.redo[i])
            spell_analyze(&s->self, s->pending[i]);
    free(a.redo);
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
        e->lnear_cost = spell_near_cost(&s->self, w, wn, 1, GEN_TINY, 0.55f);
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

/* Where the spaces from g[i] end; *count says how many there are. */
static size_t
spaces_from(const char *g, size_t n, size_t i, size_t *count)
{
    *count = 0;
    while (i < n) {
        int32_t cp;
        size_t k = spell_next_cp(g, n, i, &cp);
        if (!spell_is_space(cp))
            break;
        i += k;
        (*count)++;
    }
    return i;
}

/* A hyphen with spaces on one side only: "- " or " -" (on both sides it
 * is a dash). */
static int
one_sided_hyphen(const char *g, size_t n)
{
    size_t lead, trail;
    size_t i = spaces_from(g, n, 0, &lead);
    if (i >= n || g[i] != '-')
        return 0;
    i = spaces_from(g, n, i + 1, &trail);
    return i == n && (lead == 0) != (trail == 0);
}

static int
ends_with(const char *w, size_t n, const char *end)
{
    size_t k = strlen(end);
    return n >= k && !memcmp(w + n - k, end, k);
}

/* Whether a verb inverted with pronoun p could end so: auraient-ils,
 * vient-il, pense-t-on, savez-vous, puis-je (le maire- nous, la note- il,
 * embrassés- je are a dash glued to a word). */
static int
verb_fits(const char *w, size_t n, const char *p)
{
    static const struct {
        const char *pronoun, *endings[5];
    } rules[] = {{"il", {"t", "d", "c", NULL}},
                 {"elle", {"t", "d", "c", NULL}},
                 {"on", {"t", "d", "c", NULL}},
                 {"ce", {"t", NULL}},
                 {"ils", {"ent", "ont", NULL}},
                 {"elles", {"ent", "ont", NULL}},
                 {"nous", {"ons", NULL}},
                 {"vous", {"ez", NULL}},
                 {"je", {"e", "ai", "is", "x", NULL}},
                 {"tu", {"s", "x", NULL}},
                 {"t-il", {"a", "e", NULL}},
                 {"t-elle", {"a", "e", NULL}},
                 {"t-on", {"a", "e", NULL}}};
    for (size_t r = 0; r < sizeof rules / sizeof *rules; r++) {
        if (strcmp(rules[r].pronoun, p))
            continue;
        for (size_t e = 0; e < 5 && rules[r].endings[e]; e++)
            if (ends_with(w, n, rules[r].endings[e]))
                return 1;
    }
    return 0;
}

/* A negation after the pronoun starts a clause: "écoutez- vous ne
 * pouvez pas" is a dash, not an inversion. */
static int
negation_follows(const depeche_speller *s, size_t k)
{
    if (k + 2 >= s->toks.n)
        return 0;
    const tok *n = &s->toks.at[k + 2];
    const entry *e = n->e;
    return n->seg == s->toks.at[k + 1].seg && e &&
           ((e->len == 2 && !memcmp(e->key, "ne", 2)) ||
            (e->len > 2 && e->key[0] == 'n' &&
             spell_elision_len(s->self.lists, e->key, e->len) > 0));
}

/* qu'auraient- ils, pense -t-on: a verb and the subject pronoun of its
 * inversion parted by a space.  Writes the pair as it should be into fix
 * and where the finding starts (after an elision) into *from. */
static int
broken_inversion(const depeche_speller *s, const depeche_spell_text *segs,
                 size_t k, char *fix, size_t max, size_t *from)
{
    const tok *t = &s->toks.at[k], *p = &s->toks.at[k + 1];
    if (p->seg != t->seg || !t->e || !p->e || t->e->verdict != V_OK ||
        p->e->len > 8)
        return 0;
    const char *text = segs[t->seg].text;
    if (!one_sided_hyphen(text + t->end, p->start - t->end))
        return 0;
    char pronoun[9];
    memcpy(pronoun, p->e->key, p->e->len);
    pronoun[p->e->len] = '\0';
    size_t el = spell_elision_len(s->self.lists, t->e->key, t->e->len);
    const char *w = t->e->key + el;
    size_t wn = t->e->len - el;
    if (!verb_fits(w, wn, pronoun) || negation_follows(s, k) ||
        wn + p->e->len + 2 > max)
        return 0;
    memcpy(fix, w, wn);
    fix[wn] = '-';
    memcpy(fix + wn + 1, pronoun, p->e->len + 1);
    *from = t->start + el;
    return 1;
}

/* The findings of the tokens of one segment, in order. */
static depeche_status
check_tokens(depeche_speller *s, const depeche_spell_text *segs,
             depeche_hit_fn fn, void *user)
{
    for (size_t k = 0; k < s->toks.n; k++) {
        tok *t = &s->toks.at[k];
        entry *e = t->e;
        char pair[MAX_WORD + 16];
        size_t from;
        if (k + 1 < s->toks.n &&
            broken_inversion(s, segs, k, pair, sizeof pair, &from)) {
            const char *one[1] = {pair};
            int none = s->self.suggest_mode == DEPECHE_SUGGEST_NONE;
            depeche_spell_hit hit = {DEPECHE_FINDING_MISSPELLING,
                                     t->seg,
                                     from,
                                     s->toks.at[k + 1].end,
                                     none ? NULL : one,
                                     none ? 0 : 1};
            if (fn(user, &hit))
                return DEPECHE_ERR_ABORTED;
            k++;
            continue;
        }
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
            if (spell_suggest(&s->self, e))
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
    if (s->self.handle_failed) {
        /* the types it failed on would be wrong next time */
        cache_clear(s);
        return depeche_fail(err, DEPECHE_ERR_DICT, DEPECHE_NO_OFFSET,
                            "hunspell could not load %s", s->dict.dic_path);
    }
    if (st == DEPECHE_ERR_NOMEM)
        return depeche_fail(err, st, DEPECHE_NO_OFFSET, "out of memory");
    if (st == DEPECHE_ERR_ABORTED)
        return depeche_fail(err, st, DEPECHE_NO_OFFSET, "stopped");
    return st;
}
