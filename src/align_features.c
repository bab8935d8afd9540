/* align_features.c -- folding, tokens, links and gains (see
 * align_features.h). */
#include "align_features.h"

#include <math.h>
#include <stdlib.h>
#include <string.h>
#include <utf8proc.h>

#include "align_strmap.h"
#include "buf.h"
#include "utf8.h"

const uint32_t *
align_lower_bound(const uint32_t *lo, const uint32_t *hi, uint32_t x)
{
    while (lo < hi) {
        const uint32_t *mid = lo + (hi - lo) / 2;
        if (*mid < x)
            lo = mid + 1;
        else
            hi = mid;
    }
    return lo;
}

/* ---- Folding and stems ------------------------------------------------ */

/* Case- and accent-folded copy (free() it), its length into *out_len (a
 * NUL in the text stays one); NULL when the text is not UTF-8 or memory
 * ran out. */
static char *
fold(const char *s, size_t len, size_t *out_len)
{
    utf8proc_uint8_t *out = NULL;
    utf8proc_ssize_t n =
        utf8proc_map((const utf8proc_uint8_t *)s, (utf8proc_ssize_t)len, &out,
                     UTF8PROC_STABLE | UTF8PROC_COMPOSE | UTF8PROC_CASEFOLD |
                         UTF8PROC_STRIPMARK);
    *out_len = n < 0 ? 0 : (size_t)n;
    return n < 0 ? NULL : (char *)out;
}

/* Bytes of the first `cps` code points of s (all of it when shorter). */
static size_t
prefix_bytes(const char *s, size_t len, size_t cps)
{
    size_t i = 0, n = 0;
    while (i < len) {
        if (((unsigned char)s[i] & 0xC0) != 0x80) {
            if (n == cps)
                break;
            n++;
        }
        i++;
    }
    return i;
}

static int
is_word_char(utf8proc_int32_t c)
{
    utf8proc_category_t k = utf8proc_category(c);
    return (k >= UTF8PROC_CATEGORY_LU && k <= UTF8PROC_CATEGORY_LO) ||
           (k >= UTF8PROC_CATEGORY_ND && k <= UTF8PROC_CATEGORY_NO) ||
           (k >= UTF8PROC_CATEGORY_MN && k <= UTF8PROC_CATEGORY_ME);
}

/* Punctuation that survives translation: a question stays a question. */
static int
is_anchor_punct(utf8proc_int32_t c)
{
    return c == '?' || c == '!' || c == '%';
}

typedef int (*token_fn)(void *user, const char *tok, size_t len);

/* Calls fn on each token of folded text s[0..len): runs of letters and
 * digits, and anchor punctuation marks alone. */
static int
each_token(const char *s, size_t len, token_fn fn, void *user)
{
    size_t i = 0, start = 0;
    int in_word = 0;
    while (i < len) {
        utf8proc_int32_t c;
        utf8proc_ssize_t k = utf8proc_iterate((const utf8proc_uint8_t *)s + i,
                                              (utf8proc_ssize_t)(len - i), &c);
        if (k <= 0) {
            k = 1;
            c = 0xFFFD;
        }
        int w = is_word_char(c);
        if (w && !in_word)
            start = i;
        if (!w && in_word && fn(user, s + start, i - start))
            return -1;
        if (is_anchor_punct(c) && fn(user, s + i, (size_t)k))
            return -1;
        in_word = w;
        i += (size_t)k;
    }
    if (in_word && fn(user, s + start, len - start))
        return -1;
    return 0;
}

/* ---- The lexicon -------------------------------------------------------- */

struct align_lexicon {
    strmap stems;       /* source and target stems, one id space */
    u32vec *targets;    /* per source stem id: target stem ids */
    size_t cap_targets; /* entries of targets */
    size_t pairs;
};

depeche_status
align_lexicon_new(align_lexicon **out)
{
    *out = calloc(1, sizeof **out);
    return *out ? DEPECHE_OK : DEPECHE_ERR_NOMEM;
}

size_t
align_lexicon_size(const align_lexicon *lx)
{
    return lx->pairs;
}

void
align_lexicon_free(align_lexicon *lx)
{
    if (!lx)
        return;
    for (size_t i = 0; i < lx->cap_targets; i++)
        free(lx->targets[i].v);
    free(lx->targets);
    strmap_free(&lx->stems);
    free(lx);
}

depeche_status
align_lexicon_add(align_lexicon *lx, const char *src_stem, const char *tgt_stem)
{
    long s = strmap_intern(&lx->stems, src_stem, strlen(src_stem));
    long t = strmap_intern(&lx->stems, tgt_stem, strlen(tgt_stem));
    if (s < 0 || t < 0)
        return DEPECHE_ERR_NOMEM;
    if ((size_t)s >= lx->cap_targets) {
        size_t old = lx->cap_targets;
        if (depeche_grow((void **)&lx->targets, &lx->cap_targets, (size_t)s + 1,
                         sizeof *lx->targets))
            return DEPECHE_ERR_NOMEM;
        memset(lx->targets + old, 0,
               (lx->cap_targets - old) * sizeof *lx->targets);
    }
    u32vec *v = &lx->targets[s];
    for (size_t i = 0; i < v->n; i++)
        if (v->v[i] == (uint32_t)t)
            return DEPECHE_OK;
    if (u32_push(v, (uint32_t)t))
        return DEPECHE_ERR_NOMEM;
    lx->pairs++;
    return DEPECHE_OK;
}

int
align_lexicon_has(const align_lexicon *lx, const char *src_stem,
                  const char *tgt_stem)
{
    long s = strmap_find(&lx->stems, src_stem, strlen(src_stem));
    long t = strmap_find(&lx->stems, tgt_stem, strlen(tgt_stem));
    if (s < 0 || t < 0 || (size_t)s >= lx->cap_targets)
        return 0;
    const u32vec *v = &lx->targets[s];
    for (size_t i = 0; i < v->n; i++)
        if (v->v[i] == (uint32_t)t)
            return 1;
    return 0;
}

/* The folded stem of a word into buf (NUL-terminated); 0 when the word
 * does not fold or is longer than the buffer. */
static int
stem_of(const char *word, size_t len, char *buf, size_t cap)
{
    /* Most dictionary words are ASCII: folded by hand, without a copy. */
    size_t ascii = 0;
    while (ascii < len && (unsigned char)word[ascii] < 0x80)
        ascii++;
    if (ascii == len) {
        size_t n = len < ALIGN_STEM ? len : ALIGN_STEM;
        if (n == 0 || n >= cap)
            return 0;
        for (size_t i = 0; i < n; i++)
            buf[i] = word[i] >= 'A' && word[i] <= 'Z' ? (char)(word[i] | 32)
                                                      : word[i];
        buf[n] = '\0';
        return 1;
    }
    size_t folded;
    char *f = fold(word, len, &folded);
    if (!f)
        return 0;
    size_t n = prefix_bytes(f, folded, ALIGN_STEM);
    int ok = n > 0 && n < cap;
    if (ok) {
        memcpy(buf, f, n);
        buf[n] = '\0';
    }
    free(f);
    return ok;
}

depeche_status
align_lexicon_add_bidict(align_lexicon *lx, const bidict *d)
{
    for (size_t i = 0; i < bidict_count(d); i++) {
        const char *s, *t;
        char ss[64], ts[64];
        bidict_pair(d, i, &s, &t);
        if (!stem_of(s, strlen(s), ss, sizeof ss) ||
            !stem_of(t, strlen(t), ts, sizeof ts))
            continue;
        if (align_lexicon_add(lx, ss, ts))
            return DEPECHE_ERR_NOMEM;
    }
    return DEPECHE_OK;
}

/* ---- Reading one side -----------------------------------------------------
 */

typedef struct side_builder {
    strmap types; /* folded word -> type id */
    u32vec tok_start, tok_type, chars;
    size_t sentence_first; /* first token of the sentence being read */
    int failed;
} side_builder;

static int
add_token(void *user, const char *tok, size_t len)
{
    side_builder *b = user;
    long id = strmap_intern(&b->types, tok, len);
    if (id < 0)
        return b->failed = -1;
    /* A type counts once a sentence. */
    for (size_t i = b->sentence_first; i < b->tok_type.n; i++)
        if (b->tok_type.v[i] == (uint32_t)id)
            return 0;
    return u32_push(&b->tok_type, (uint32_t)id) ? (b->failed = -1) : 0;
}

/* Reads the sentences of one side (`name`: "source" or "target"); a
 * sentence that is not UTF-8 fails at its first bad byte, an offset in
 * that sentence, which the message names. */
static depeche_status
read_side(side_builder *b, const depeche_align_sentence *s, size_t n,
          const char *name, depeche_error *err)
{
    for (size_t i = 0; i < n; i++) {
        size_t bad = depeche_utf8_check(s[i].text, s[i].len);
        if (bad < s[i].len)
            return depeche_fail(err, DEPECHE_ERR_BAD_INPUT, bad,
                                "%s sentence %zu is not valid UTF-8 "
                                "(byte %zu of the sentence)",
                                name, i + 1, bad);
        if (u32_push(&b->tok_start, (uint32_t)b->tok_type.n) ||
            u32_push(&b->chars,
                     (uint32_t)depeche_utf8_count(s[i].text, s[i].len)))
            return DEPECHE_ERR_NOMEM;
        b->sentence_first = b->tok_type.n;
        size_t folded;
        char *f = fold(s[i].text, s[i].len, &folded);
        if (!f)
            return DEPECHE_ERR_NOMEM; /* the text is valid UTF-8 */
        each_token(f, folded, add_token, b);
        free(f);
        if (b->failed)
            return DEPECHE_ERR_NOMEM;
    }
    return u32_push(&b->tok_start, (uint32_t)b->tok_type.n) ? DEPECHE_ERR_NOMEM
                                                            : DEPECHE_OK;
}

/* ---- Keys: what links a source type to a target type ------------------ */

/* Calls add(key) for each key of a folded word: itself, its cognate
 * prefix, and (dict != NULL: a source word) the lexicon's translations of
 * its stem, else (a target word) its own stem. */
typedef int (*key_fn)(void *user, const char *key, size_t len);

/* Adds ':' keys of the lexicon's translations of a source stem. */
static int
lexicon_keys(const align_lexicon *lx, const char *w, size_t stem, char *key,
             size_t cap, key_fn add, void *user)
{
    long id = strmap_find(&lx->stems, w, stem);
    if (id < 0 || (size_t)id >= lx->cap_targets)
        return 0;
    const u32vec *t = &lx->targets[id];
    for (size_t i = 0; i < t->n; i++) {
        const char *ts = lx->stems.strs[t->v[i]];
        size_t tl = strlen(ts);
        if (tl + 2 > cap)
            continue;
        memcpy(key + 1, ts, tl);
        if (add(user, key, 1 + tl))
            return -1;
    }
    return 0;
}

static int
word_keys(const char *w, const align_lexicon *const lx[2], int is_source,
          key_fn add, void *user)
{
    char key[256];
    size_t len = strlen(w);
    if (len + 2 > sizeof key)
        return 0;
    key[0] = '=';
    memcpy(key + 1, w, len);
    if (add(user, key, len + 1))
        return -1;
    if (depeche_utf8_count(w, len) >= ALIGN_COGNATE_MIN) {
        key[0] = '~';
        if (add(user, key, 1 + prefix_bytes(w, len, ALIGN_COGNATE)))
            return -1;
    }
    if (!lx[0] && !lx[1])
        return 0;
    size_t stem = prefix_bytes(w, len, ALIGN_STEM);
    key[0] = ':';
    if (!is_source)
        return add(user, key, 1 + stem);
    for (int i = 0; i < 2; i++)
        if (lx[i] && lexicon_keys(lx[i], w, stem, key, sizeof key, add, user))
            return -1;
    return 0;
}

typedef struct key_ctx {
    strmap *keys;
    int create;  /* target side: make keys; source: only find them */
    u32vec *out; /* key ids found */
} key_ctx;

static int
collect_key(void *user, const char *key, size_t len)
{
    key_ctx *c = user;
    long id = c->create ? strmap_intern(c->keys, key, len)
                        : strmap_find(c->keys, key, len);
    if (id == -1 && c->create)
        return -1;
    if (id < 0)
        return 0;
    for (size_t i = 0; i < c->out->n; i++)
        if (c->out->v[i] == (uint32_t)id)
            return 0;
    return u32_push(c->out, (uint32_t)id);
}

/* Each type's key ids, flattened: keys of type t are
 * ids[start[t] .. start[t+1]). */
static depeche_status
type_keys(const strmap *types, const align_lexicon *const lx[2], int is_source,
          strmap *keys, u32vec *start, u32vec *ids)
{
    u32vec one = {0};
    key_ctx c = {keys, !is_source, &one};
    for (size_t t = 0; t < types->count; t++) {
        one.n = 0;
        if (u32_push(start, (uint32_t)ids->n) ||
            word_keys(types->strs[t], lx, is_source, collect_key, &c))
            goto nomem;
        for (size_t i = 0; i < one.n; i++)
            if (u32_push(ids, one.v[i]))
                goto nomem;
    }
    free(one.v);
    return u32_push(start, (uint32_t)ids->n) ? DEPECHE_ERR_NOMEM : DEPECHE_OK;
nomem:
    free(one.v);
    return DEPECHE_ERR_NOMEM;
}

/* For each key, the sorted sentences of a side whose words have it. */
static depeche_status
key_sentences(const side_builder *b, const u32vec *kstart, const u32vec *kids,
              size_t nkeys, u32vec **out)
{
    u32vec *lists = calloc(nkeys ? nkeys : 1, sizeof *lists);
    if (!lists)
        return DEPECHE_ERR_NOMEM;
    size_t n = b->tok_start.n - 1;
    for (size_t s = 0; s < n; s++)
        for (uint32_t k = b->tok_start.v[s]; k < b->tok_start.v[s + 1]; k++) {
            uint32_t t = b->tok_type.v[k];
            for (uint32_t q = kstart->v[t]; q < kstart->v[t + 1]; q++) {
                u32vec *l = &lists[kids->v[q]];
                if ((!l->n || l->v[l->n - 1] != s) && u32_push(l, (uint32_t)s))
                    goto nomem;
            }
        }
    *out = lists;
    return DEPECHE_OK;
nomem:
    for (size_t i = 0; i < nkeys; i++)
        free(lists[i].v);
    free(lists);
    return DEPECHE_ERR_NOMEM;
}

/* Each type's sorted, distinct other-side sentences: the union of its
 * keys' lists there. */
static depeche_status
type_occurrences(align_side *side, size_t types, const u32vec *kstart,
                 const u32vec *kids, const u32vec *other_lists)
{
    u32vec occ = {0}, start = {0};
    for (size_t t = 0; t < types; t++) {
        size_t first = occ.n;
        if (u32_push(&start, (uint32_t)first))
            goto nomem;
        for (uint32_t q = kstart->v[t]; q < kstart->v[t + 1]; q++) {
            const u32vec *l = &other_lists[kids->v[q]];
            for (size_t i = 0; i < l->n; i++)
                if (u32_push(&occ, l->v[i]))
                    goto nomem;
        }
        size_t n = occ.n - first;
        if (n > 1) {
            qsort(occ.v + first, n, sizeof *occ.v, cmp_u32);
            size_t w = first + 1;
            for (size_t i = first + 1; i < occ.n; i++)
                if (occ.v[i] != occ.v[w - 1])
                    occ.v[w++] = occ.v[i];
            occ.n = w;
        }
    }
    if (u32_push(&start, (uint32_t)occ.n))
        goto nomem;
    side->occ = occ.v ? occ.v : calloc(1, sizeof *occ.v);
    side->occ_start = start.v;
    return side->occ ? DEPECHE_OK : DEPECHE_ERR_NOMEM;
nomem:
    free(occ.v);
    free(start.v);
    return DEPECHE_ERR_NOMEM;
}

static depeche_status
finish_side(align_side *side, side_builder *b)
{
    side->count = b->tok_start.n - 1;
    side->chars = b->chars.v;
    side->tok_start = b->tok_start.v;
    side->tok_type = b->tok_type.v ? b->tok_type.v : calloc(1, 4);
    b->chars.v = b->tok_start.v = b->tok_type.v = NULL;
    side->types = b->types.count;
    side->type_stem = calloc(side->types + 1, sizeof *side->type_stem);
    side->gain = calloc((side->types + 1) * ALIGN_MAX_SPAN, sizeof *side->gain);
    if (!side->tok_type || !side->type_stem || !side->gain)
        return DEPECHE_ERR_NOMEM;
    /* Stems get dense ids of their own, so that learning counts them
     * without strings. */
    strmap stems = {0};
    for (size_t t = 0; t < side->types; t++) {
        const char *w = b->types.strs[t];
        long id =
            strmap_intern(&stems, w, prefix_bytes(w, strlen(w), ALIGN_STEM));
        if (id < 0) {
            strmap_free(&stems);
            return DEPECHE_ERR_NOMEM;
        }
        side->type_stem[t] = (uint32_t)id;
    }
    side->stems = stems.count;
    side->stem_str = calloc(stems.count + 1, sizeof *side->stem_str);
    for (size_t i = 0; side->stem_str && i < stems.count; i++)
        side->stem_str[i] = strdup(stems.strs[i]);
    int ok = side->stem_str != NULL;
    for (size_t i = 0; ok && i < stems.count; i++)
        ok = side->stem_str[i] != NULL;
    strmap_free(&stems);
    return ok ? DEPECHE_OK : DEPECHE_ERR_NOMEM;
}

/* Gains for one side: a type found in a fraction f of the other side's
 * sentences is matched at random in a bead of b of them with probability
 * r = 1 - (1-f)^b; in a true bead it is matched with probability
 * 1 - (1-p)(1-r).  The log ratio of the two is the cost of a match
 * (negative: a gain); an unmatched linkable type costs -log(1-p). */
static void
side_gains(align_side *s, size_t other_count, double p)
{
    s->miss = (float)-log(1 - p);
    for (size_t t = 0; t < s->types; t++) {
        size_t occ = s->occ_start[t + 1] - s->occ_start[t];
        double f = other_count ? (double)occ / (double)other_count : 0;
        for (int b = 1; b <= ALIGN_MAX_SPAN; b++) {
            double r = 1 - pow(1 - f, b);
            double pa = 1 - (1 - p) * (1 - r);
            s->gain[t * ALIGN_MAX_SPAN + (size_t)(b - 1)] =
                occ ? (float)-log(pa / r) : 0.0f;
        }
    }
}

void
align_features_set_p(align_features *f, double p)
{
    side_gains(&f->src, f->tgt.count, p);
    side_gains(&f->tgt, f->src.count, p);
}

static double
total_chars(const align_side *s)
{
    double n = 0;
    for (size_t i = 0; i < s->count; i++)
        n += s->chars[i];
    return n;
}

static void
builder_free(side_builder *b)
{
    strmap_free(&b->types);
    free(b->tok_start.v);
    free(b->tok_type.v);
    free(b->chars.v);
}

static void
free_lists(u32vec *l, size_t n)
{
    if (!l)
        return;
    for (size_t i = 0; i < n; i++)
        free(l[i].v);
    free(l);
}

depeche_status
align_features_build(align_features *f, const align_lexicon *lx,
                     const align_lexicon *learned,
                     const depeche_align_sentence *src, size_t nsrc,
                     const depeche_align_sentence *tgt, size_t ntgt, double p,
                     depeche_error *err)
{
    memset(f, 0, sizeof *f);
    side_builder sb = {0}, tb = {0};
    strmap keys = {0};
    u32vec sks = {0}, skid = {0}, tks = {0}, tkid = {0};
    u32vec *src_lists = NULL, *tgt_lists = NULL;
    depeche_status st = read_side(&sb, src, nsrc, "source", err);
    if (!st)
        st = read_side(&tb, tgt, ntgt, "target", err);
    if (st)
        goto done;
    /* Target keys first: a source key no target word has links nothing. */
    const align_lexicon *const lxs[2] = {lx, learned};
    st = type_keys(&tb.types, lxs, 0, &keys, &tks, &tkid);
    if (!st)
        st = type_keys(&sb.types, lxs, 1, &keys, &sks, &skid);
    if (!st)
        st = key_sentences(&tb, &tks, &tkid, keys.count, &tgt_lists);
    if (!st)
        st = key_sentences(&sb, &sks, &skid, keys.count, &src_lists);
    if (!st)
        st = type_occurrences(&f->src, sb.types.count, &sks, &skid, tgt_lists);
    if (!st)
        st = type_occurrences(&f->tgt, tb.types.count, &tks, &tkid, src_lists);
    if (!st)
        st = finish_side(&f->src, &sb);
    if (!st)
        st = finish_side(&f->tgt, &tb);
    if (st)
        goto done;
    double sc = total_chars(&f->src), tc = total_chars(&f->tgt);
    f->char_ratio = sc > 0 && tc > 0 ? tc / sc : 1.0;
    align_features_set_p(f, p);
done:
    free_lists(src_lists, keys.count);
    free_lists(tgt_lists, keys.count);
    free(sks.v);
    free(skid.v);
    free(tks.v);
    free(tkid.v);
    strmap_free(&keys);
    builder_free(&sb);
    builder_free(&tb);
    if (st == DEPECHE_ERR_NOMEM)
        st = depeche_fail(err, st, DEPECHE_NO_OFFSET, "out of memory");
    if (st)
        align_features_free(f);
    return st;
}

static void
side_free(align_side *s)
{
    free(s->chars);
    free(s->tok_start);
    free(s->tok_type);
    free(s->type_stem);
    if (s->stem_str)
        for (size_t i = 0; i < s->stems; i++)
            free(s->stem_str[i]);
    free(s->stem_str);
    free(s->occ_start);
    free(s->occ);
    free(s->gain);
}

void
align_features_free(align_features *f)
{
    side_free(&f->src);
    side_free(&f->tgt);
    memset(f, 0, sizeof *f);
}
