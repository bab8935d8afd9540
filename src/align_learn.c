/* align_learn.c -- co-occurrence counts over confident beads and the
 * pairs they make significant (see align_learn.h). */
#include "align_learn.h"

#include <math.h>
#include <stdlib.h>
#include <string.h>

#include "align_strmap.h"
#include "buf.h"

/* A 1-1 bead is taken as a translation from this score on (half word
 * cover, half length agreement: see align.c). */
#define LEARN_MIN_SCORE 0.5
/* G2 of a pair to be learnt: 10.83 is chance once in a thousand (one
 * degree of freedom); a document compares thousands of pairs, hence
 * higher. */
#define LEARN_MIN_G2 15.0
/* Beads the pair must share: once proves nothing. */
#define LEARN_MIN_JOINT 2
/* A stem in more than this share of the beads is a function word: its
 * pairs would link nearly every bead to every other. */
#define LEARN_MAX_SHARE 0.2

/* (source stem, target stem) -> beads they share. */
typedef struct pair_slot {
    uint64_t key; /* source id << 32 | target id, + 1; 0 empty */
    uint32_t count;
} pair_slot;

struct align_cooc {
    strmap src, tgt;       /* stems of each side, corpus-wide ids */
    u32vec src_n, tgt_n;   /* beads each stem occurs in */
    pair_slot *pairs;      /* open addressing */
    size_t npairs, nslots; /* used, power of two */
    size_t beads;
};

depeche_status
align_cooc_new(align_cooc **out)
{
    *out = calloc(1, sizeof **out);
    return *out ? DEPECHE_OK : DEPECHE_ERR_NOMEM;
}

void
align_cooc_free(align_cooc *c)
{
    if (!c)
        return;
    strmap_free(&c->src);
    strmap_free(&c->tgt);
    free(c->src_n.v);
    free(c->tgt_n.v);
    free(c->pairs);
    free(c);
}

size_t
align_cooc_beads(const align_cooc *c)
{
    return c->beads;
}

static size_t
slot_of(uint64_t key, size_t nslots)
{
    key ^= key >> 29;
    key *= 0xbf58476d1ce4e5b9u;
    key ^= key >> 32;
    return (size_t)key & (nslots - 1);
}

static int
pairs_grow(align_cooc *c)
{
    size_t n = c->nslots ? c->nslots * 2 : 4096;
    pair_slot *p = calloc(n, sizeof *p);
    if (!p)
        return -1;
    for (size_t i = 0; i < c->nslots; i++) {
        if (!c->pairs[i].key)
            continue;
        size_t k = slot_of(c->pairs[i].key, n);
        while (p[k].key)
            k = (k + 1) & (n - 1);
        p[k] = c->pairs[i];
    }
    free(c->pairs);
    c->pairs = p;
    c->nslots = n;
    return 0;
}

static int
pair_bump(align_cooc *c, uint32_t s, uint32_t t)
{
    if ((c->npairs + 1) * 2 > c->nslots && pairs_grow(c))
        return -1;
    uint64_t key = ((uint64_t)s << 32 | t) + 1;
    size_t k = slot_of(key, c->nslots);
    while (c->pairs[k].key && c->pairs[k].key != key)
        k = (k + 1) & (c->nslots - 1);
    if (!c->pairs[k].key) {
        c->pairs[k].key = key;
        c->npairs++;
    }
    c->pairs[k].count++;
    return 0;
}

/* Stems worth learning start with a letter: numbers and marks link as
 * themselves already. */
static int
learnable(const char *stem)
{
    unsigned char ch = (unsigned char)stem[0];
    return ch >= 0x80 || (ch >= 'a' && ch <= 'z');
}

/* The corpus ids of the learnable stems of sentence i, distinct, into
 * out; -1 when out of memory.  local maps the document's stem ids to
 * corpus ids (UINT32_MAX: not looked up yet; UINT32_MAX - 1: not
 * learnable). */
static int
sentence_stems(const align_side *s, size_t i, strmap *ids, u32vec *counts,
               uint32_t *local, u32vec *out)
{
    out->n = 0;
    for (uint32_t k = s->tok_start[i]; k < s->tok_start[i + 1]; k++) {
        uint32_t st = s->type_stem[s->tok_type[k]];
        if (local[st] == UINT32_MAX) {
            const char *str = s->stem_str[st];
            long id = learnable(str) ? strmap_intern(ids, str, strlen(str))
                                     : (long)UINT32_MAX - 1;
            if (id < 0)
                return -1;
            local[st] = (uint32_t)id;
            while (counts->n < ids->count)
                if (u32_push(counts, 0))
                    return -1;
        }
        uint32_t id = local[st];
        if (id == UINT32_MAX - 1)
            continue;
        int seen = 0;
        for (size_t q = 0; q < out->n && !seen; q++)
            seen = out->v[q] == id;
        if (!seen && u32_push(out, id))
            return -1;
    }
    return 0;
}

static uint32_t *
unset_ids(size_t n)
{
    uint32_t *v = malloc((n ? n : 1) * sizeof *v);
    if (v)
        memset(v, 0xFF, (n ? n : 1) * sizeof *v);
    return v;
}

depeche_status
align_cooc_add(align_cooc *c, const align_features *f,
               const depeche_bead *beads, size_t n)
{
    uint32_t *sl = unset_ids(f->src.stems), *tl = unset_ids(f->tgt.stems);
    u32vec ss = {0}, ts = {0};
    int fail = !sl || !tl;
    for (size_t b = 0; !fail && b < n; b++) {
        const depeche_bead *bd = &beads[b];
        if (bd->src_count != 1 || bd->tgt_count != 1 ||
            bd->score < LEARN_MIN_SCORE)
            continue;
        fail =
            sentence_stems(&f->src, bd->src_first, &c->src, &c->src_n, sl,
                           &ss) ||
            sentence_stems(&f->tgt, bd->tgt_first, &c->tgt, &c->tgt_n, tl, &ts);
        for (size_t i = 0; !fail && i < ss.n; i++) {
            c->src_n.v[ss.v[i]]++;
            for (size_t j = 0; !fail && j < ts.n; j++)
                fail = pair_bump(c, ss.v[i], ts.v[j]);
        }
        for (size_t j = 0; !fail && j < ts.n; j++)
            c->tgt_n.v[ts.v[j]]++;
        c->beads++;
    }
    free(sl);
    free(tl);
    free(ss.v);
    free(ts.v);
    return fail ? DEPECHE_ERR_NOMEM : DEPECHE_OK;
}

/* k * log(k * n / (row * col)), 0 for an empty cell. */
static double
g2_term(double k, double row, double col, double n)
{
    return k > 0 ? k * log(k * n / (row * col)) : 0;
}

/* Dunning's G2 of a 2x2 table: joint, source only, target only, neither. */
static double
g2(double joint, double src, double tgt, double n)
{
    double a = joint, b = src - joint, c = tgt - joint,
           d = n - src - tgt + joint;
    return 2 * (g2_term(a, src, tgt, n) + g2_term(b, src, n - tgt, n) +
                g2_term(c, n - src, tgt, n) + g2_term(d, n - src, n - tgt, n));
}

typedef struct candidate {
    double g2;
    uint32_t s, t;
} candidate;

static int
by_g2_desc(const void *x, const void *y)
{
    const candidate *a = x, *b = y;
    if (a->g2 != b->g2)
        return a->g2 < b->g2 ? 1 : -1;
    /* Ties in a fixed order, so that runs agree. */
    if (a->s != b->s)
        return a->s < b->s ? -1 : 1;
    return (a->t > b->t) - (a->t < b->t);
}

/* The pairs that pass the thresholds, strongest first. */
static candidate *
candidates(const align_cooc *c, size_t *count)
{
    candidate *v = malloc((c->npairs ? c->npairs : 1) * sizeof *v);
    size_t n = 0;
    double beads = (double)c->beads, max = LEARN_MAX_SHARE * beads;
    for (size_t i = 0; v && i < c->nslots; i++) {
        const pair_slot *p = &c->pairs[i];
        if (!p->key || p->count < LEARN_MIN_JOINT)
            continue;
        uint32_t s = (uint32_t)((p->key - 1) >> 32);
        uint32_t t = (uint32_t)(p->key - 1);
        double ns = c->src_n.v[s], nt = c->tgt_n.v[t], k = p->count;
        if (ns > max || nt > max || k * beads <= ns * nt)
            continue;
        double score = g2(k, ns, nt, beads);
        if (score >= LEARN_MIN_G2)
            v[n++] = (candidate){score, s, t};
    }
    if (v)
        qsort(v, n, sizeof *v, by_g2_desc);
    *count = n;
    return v;
}

depeche_status
align_cooc_learn(const align_cooc *c, const align_lexicon *known,
                 align_lexicon *learned, size_t *added)
{
    *added = 0;
    size_t n;
    candidate *v = candidates(c, &n);
    unsigned char *src_used = calloc(c->src.count + 1, 1);
    unsigned char *tgt_used = calloc(c->tgt.count + 1, 1);
    depeche_status st =
        v && src_used && tgt_used ? DEPECHE_OK : DEPECHE_ERR_NOMEM;
    for (size_t i = 0; !st && i < n; i++) {
        uint32_t s = v[i].s, t = v[i].t;
        if (src_used[s] || tgt_used[t])
            continue;
        src_used[s] = tgt_used[t] = 1;
        const char *ss = c->src.strs[s], *ts = c->tgt.strs[t];
        if (!strcmp(ss, ts) || align_lexicon_has(known, ss, ts))
            continue;
        st = align_lexicon_add(learned, ss, ts);
        if (!st)
            (*added)++;
    }
    free(v);
    free(src_used);
    free(tgt_used);
    return st;
}
