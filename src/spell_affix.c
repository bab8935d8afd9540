/* spell_affix.c -- expands a hunspell dictionary into its words, following
 * hunspell(5): FLAG long, num, UTF-8 or single characters; PFX and SFX
 * rules with their strip, affix, continuation flags and condition; the
 * cross product; NEEDAFFIX, FORBIDDENWORD, ONLYINCOMPOUND and FULLSTRIP.
 * One level of each affix, which is what the French dictionaries use (a
 * suffix whose continuation names another suffix is not followed: the
 * compiled form then lacks those words and hunspell answers for them). */
#include "spell_affix.h"

#include <stdint.h>
#include <stdlib.h>
#include <string.h>

#include "spell_chars.h"

enum { FLAG_CHAR, FLAG_LONG, FLAG_NUM, FLAG_UTF8 };
enum { MAX_FLAGS = 64, MAX_COND = 16, MAX_STEM = 200 };

typedef struct cond_item {
    int any, negate;
    int32_t set[24];
    size_t n;
} cond_item;

typedef struct rule {
    uint32_t flag;
    int prefix, cross;
    char strip[32], add[64];
    size_t strip_len, add_len;
    uint32_t cont[32];
    size_t ncont;
    cond_item cond[MAX_COND];
    size_t ncond;
} rule;

typedef struct affix_data {
    int flag_type, fullstrip;
    int incomplete; /* something left out: see affix_expand */
    uint32_t needaffix, forbidden, onlyincompound, circumfix, keepcase;
    rule *rules;
    size_t n, cap;
} affix_data;

/* Flags of s[0..n) into out; returns their count (at most max). */
static size_t
parse_flags(int type, const char *s, size_t n, uint32_t *out, size_t max)
{
    size_t k = 0;
    for (size_t i = 0; i < n && k < max;) {
        if (type == FLAG_LONG) {
            if (i + 1 >= n)
                break;
            out[k++] =
                (uint32_t)(unsigned char)s[i] << 8 | (unsigned char)s[i + 1];
            i += 2;
        } else if (type == FLAG_NUM) {
            uint32_t v = 0;
            while (i < n && s[i] >= '0' && s[i] <= '9')
                v = v * 10 + (uint32_t)(s[i++] - '0');
            out[k++] = v;
            while (i < n && (s[i] < '0' || s[i] > '9'))
                i++;
        } else if (type == FLAG_UTF8) {
            int32_t cp;
            i += spell_next_cp(s, n, i, &cp);
            out[k++] = (uint32_t)cp;
        } else {
            out[k++] = (unsigned char)s[i++];
        }
    }
    return k;
}

static int
has_flag(const uint32_t *f, size_t n, uint32_t flag)
{
    for (size_t i = 0; i < n; i++)
        if (f[i] == flag)
            return 1;
    return 0;
}

/* A condition: ".", letters, [abc] and [^abc], one item a code point. */
static int
parse_cond(rule *r, const char *s, size_t n)
{
    r->ncond = 0;
    if (n == 1 && s[0] == '.')
        return 0;
    for (size_t i = 0; i < n;) {
        if (r->ncond == MAX_COND)
            return 1;
        cond_item *c = &r->cond[r->ncond++];
        memset(c, 0, sizeof *c);
        int32_t cp;
        if (s[i] == '.') {
            c->any = 1;
            i++;
        } else if (s[i] == '[') {
            i++;
            if (i < n && s[i] == '^') {
                c->negate = 1;
                i++;
            }
            while (i < n && s[i] != ']') {
                i += spell_next_cp(s, n, i, &cp);
                if (c->n == sizeof c->set / sizeof *c->set)
                    return 1;
                c->set[c->n++] = cp;
            }
            i++;
        } else {
            i += spell_next_cp(s, n, i, &cp);
            c->set[c->n++] = cp;
        }
    }
    return 0;
}

static int
item_matches(const cond_item *c, int32_t cp)
{
    if (c->any)
        return 1;
    int in = 0;
    for (size_t i = 0; i < c->n && !in; i++)
        in = c->set[i] == cp;
    return in != c->negate;
}

/* The condition against the stem's first (prefix) or last code points. */
static int
cond_matches(const rule *r, const int32_t *cp, size_t n)
{
    if (r->ncond > n)
        return 0;
    for (size_t i = 0; i < r->ncond; i++) {
        int32_t c = r->prefix ? cp[i] : cp[n - r->ncond + i];
        if (!item_matches(&r->cond[i], c))
            return 0;
    }
    return 1;
}

/* Splits a line into at most max fields at spaces and tabs. */
static size_t
fields(const char *p, size_t n, const char **f, size_t *fl, size_t max)
{
    size_t k = 0;
    for (size_t i = 0; i < n && k < max;) {
        while (i < n && (p[i] == ' ' || p[i] == '\t' || p[i] == '\r'))
            i++;
        if (i == n)
            break;
        size_t j = i;
        while (j < n && p[j] != ' ' && p[j] != '\t' && p[j] != '\r')
            j++;
        f[k] = p + i;
        fl[k++] = j - i;
        i = j;
    }
    return k;
}

static int
field_is(const char *f, size_t n, const char *s)
{
    return strlen(s) == n && !memcmp(f, s, n);
}

static int
copy_affix(char *dst, size_t cap, const char *s, size_t n, size_t *len)
{
    if (n == 1 && s[0] == '0')
        n = 0;
    if (n >= cap)
        return 1;
    memcpy(dst, s, n);
    dst[n] = '\0';
    *len = n;
    return 0;
}

/* One rule line: PFX|SFX flag strip add[/cont] [cond]. */
static int
add_rule(affix_data *a, const char **f, const size_t *fl, size_t nf, int cross)
{
    if (a->n == a->cap) {
        size_t nc = a->cap ? a->cap * 2 : 1024;
        rule *nr = realloc(a->rules, nc * sizeof *nr);
        if (!nr)
            return AFFIX_NOMEM;
        a->rules = nr;
        a->cap = nc;
    }
    rule *r = &a->rules[a->n];
    memset(r, 0, sizeof *r);
    r->prefix = f[0][0] == 'P';
    r->cross = cross;
    uint32_t fv[2];
    if (parse_flags(a->flag_type, f[1], fl[1], fv, 1) != 1)
        return AFFIX_OK;
    r->flag = fv[0];
    const char *slash = memchr(f[3], '/', fl[3]);
    size_t add_n = slash ? (size_t)(slash - f[3]) : fl[3];
    if (copy_affix(r->strip, sizeof r->strip, f[2], fl[2], &r->strip_len) ||
        copy_affix(r->add, sizeof r->add, f[3], add_n, &r->add_len)) {
        a->incomplete = 1;
        return AFFIX_OK; /* too long for us: its words go to hunspell */
    }
    if (slash)
        r->ncont = parse_flags(a->flag_type, slash + 1, fl[3] - add_n - 1,
                               r->cont, 32);
    /* hunspell strips the whole affix, so an add in a rule is all its own */
    if (parse_cond(r, nf > 4 ? f[4] : ".", nf > 4 ? fl[4] : 1) ||
        r->ncont == 32) {
        a->incomplete = 1;
        return AFFIX_OK;
    }
    /* elisions are the tokenizer's: l'homme is l' + homme */
    if (r->prefix && memchr(r->add, '\'', r->add_len))
        return AFFIX_OK;
    a->n++;
    return AFFIX_OK;
}

static int
parse_aff(affix_data *a, const char *aff, size_t len)
{
    uint32_t *dflag[5] = {&a->needaffix, &a->forbidden, &a->onlyincompound,
                          &a->circumfix, &a->keepcase};
    const char *dname[5] = {"NEEDAFFIX", "FORBIDDENWORD", "ONLYINCOMPOUND",
                            "CIRCUMFIX", "KEEPCASE"};
    const char *dval[5] = {NULL, NULL, NULL, NULL, NULL};
    size_t dlen[5] = {0, 0, 0, 0, 0};
    /* a rule header says how many lines follow and whether they cross */
    size_t left = 0;
    int cross = 0;
    for (size_t i = 0; i < len;) {
        const char *e = memchr(aff + i, '\n', len - i);
        size_t n = e ? (size_t)(e - (aff + i)) : len - i;
        const char *f[6];
        size_t fl[6];
        size_t nf = fields(aff + i, n, f, fl, 6);
        i += n + 1;
        if (nf == 0 || f[0][0] == '#')
            continue;
        if (nf >= 4 &&
            (field_is(f[0], fl[0], "PFX") || field_is(f[0], fl[0], "SFX"))) {
            if (left == 0) {
                cross = fl[2] == 1 && f[2][0] == 'Y';
                left = (size_t)strtoul(f[3], NULL, 10);
                continue;
            }
            left--;
            int rc = add_rule(a, f, fl, nf, cross);
            if (rc)
                return rc;
            continue;
        }
        if (field_is(f[0], fl[0], "AF") ||
            field_is(f[0], fl[0], "COMPLEXPREFIXES"))
            return AFFIX_UNSUPPORTED;
        if (nf >= 2 && field_is(f[0], fl[0], "FLAG")) {
            if (field_is(f[1], fl[1], "long"))
                a->flag_type = FLAG_LONG;
            else if (field_is(f[1], fl[1], "num"))
                a->flag_type = FLAG_NUM;
            else if (field_is(f[1], fl[1], "UTF-8"))
                a->flag_type = FLAG_UTF8;
            else
                return AFFIX_UNSUPPORTED;
        }
        if ((fl[0] > 8 && !memcmp(f[0], "COMPOUND", 8)) ||
            field_is(f[0], fl[0], "IGNORE") ||
            field_is(f[0], fl[0], "CHECKSHARPS") ||
            field_is(f[0], fl[0], "FORCEUCASE"))
            a->incomplete = 1;
        if (field_is(f[0], fl[0], "FULLSTRIP"))
            a->fullstrip = 1;
        for (size_t k = 0; k < 5 && nf >= 2; k++)
            if (field_is(f[0], fl[0], dname[k])) {
                dval[k] = f[1];
                dlen[k] = fl[1];
            }
    }
    /* the flag type may come after the flags that use it */
    for (size_t k = 0; k < 5; k++) {
        *dflag[k] = UINT32_MAX;
        if (dval[k])
            parse_flags(a->flag_type, dval[k], dlen[k], dflag[k], 1);
    }
    return AFFIX_OK;
}

typedef struct stem {
    const char *w;
    size_t n;
    int32_t cp[MAX_STEM];
    size_t ncp;
    uint32_t flags[MAX_FLAGS];
    size_t nflags;
} stem;

/* Whether rule r applies to the stem (strip, condition, FULLSTRIP). */
static int
applies(const affix_data *a, const rule *r, const stem *s)
{
    if (r->strip_len > s->n || (!a->fullstrip && r->strip_len == s->n))
        return 0;
    const char *at = r->prefix ? s->w : s->w + s->n - r->strip_len;
    return !memcmp(at, r->strip, r->strip_len) &&
           cond_matches(r, s->cp, s->ncp);
}

/* The stem with a prefix p (or none) and a suffix x (or none). */
static int
emit(const stem *s, const rule *p, const rule *x, affix_word_fn fn, void *user)
{
    char buf[MAX_STEM * 4 + 160];
    size_t from = p ? p->strip_len : 0;
    size_t to = s->n - (x ? x->strip_len : 0);
    if (from > to)
        return AFFIX_OK; /* both strips overlap: no such word */
    size_t o = 0;
    if (p) {
        memcpy(buf, p->add, p->add_len);
        o = p->add_len;
    }
    memcpy(buf + o, s->w + from, to - from);
    o += to - from;
    if (x) {
        memcpy(buf + o, x->add, x->add_len);
        o += x->add_len;
    }
    if (o == 0)
        return AFFIX_OK;
    buf[o] = '\0';
    return fn(user, buf, o) ? AFFIX_STOPPED : AFFIX_OK;
}

static int
cmp_rule(const void *x, const void *y)
{
    uint32_t a = ((const rule *)x)->flag, b = ((const rule *)y)->flag;
    return a < b ? -1 : a > b;
}

/* The rules of one flag: [*lo, *hi) of the rules sorted by flag. */
static void
flag_rules(const affix_data *a, uint32_t flag, size_t *lo, size_t *hi)
{
    size_t l = 0, h = a->n;
    while (l < h) {
        size_t m = l + (h - l) / 2;
        if (a->rules[m].flag < flag)
            l = m + 1;
        else
            h = m;
    }
    *lo = l;
    while (l < a->n && a->rules[l].flag == flag)
        l++;
    *hi = l;
}

/* Prefix p (cross product) with each suffix of the stem's flags or of p's
 * continuation. */
static int
expand_cross(const affix_data *a, const stem *s, const rule *p,
             affix_word_fn fn, void *user)
{
    int p_needs = has_flag(p->cont, p->ncont, a->needaffix);
    int rc = AFFIX_OK;
    for (size_t k = 0; k < s->nflags + p->ncont && !rc; k++) {
        uint32_t f = k < s->nflags ? s->flags[k] : p->cont[k - s->nflags];
        if (k >= s->nflags && has_flag(s->flags, s->nflags, f))
            continue; /* tried already */
        size_t lo, hi;
        flag_rules(a, f, &lo, &hi);
        for (size_t j = lo; j < hi && !rc; j++) {
            const rule *x = &a->rules[j];
            if (x->prefix || !x->cross || !applies(a, x, s) ||
                (p_needs && has_flag(x->cont, x->ncont, a->needaffix)))
                continue;
            rc = emit(s, p, x, fn, user);
        }
    }
    return rc;
}

/* The words of a KEEPCASE stem go out twice: as written, and behind the
 * AFFIX_KEEPCASE byte (see affix_expand). */
typedef struct keepcase_out {
    affix_word_fn fn;
    void *user;
} keepcase_out;

static int
keepcase_word(void *user, const char *w, size_t n)
{
    keepcase_out *k = user;
    char buf[MAX_STEM * 4 + 168];
    if (n + 1 >= sizeof buf)
        return 0;
    buf[0] = AFFIX_KEEPCASE;
    memcpy(buf + 1, w, n + 1);
    return k->fn(k->user, w, n) || k->fn(k->user, buf, n + 1);
}

static int expand_words(const affix_data *a, const stem *s, affix_word_fn fn,
                        void *user);

static int
expand_stem(const affix_data *a, const stem *s, affix_word_fn fn, void *user)
{
    if (has_flag(s->flags, s->nflags, a->keepcase)) {
        keepcase_out k = {fn, user};
        return expand_words(a, s, keepcase_word, &k);
    }
    return expand_words(a, s, fn, user);
}

static int
expand_words(const affix_data *a, const stem *s, affix_word_fn fn, void *user)
{
    const uint32_t *fl = s->flags;
    size_t nfl = s->nflags;
    if (has_flag(fl, nfl, a->forbidden) || has_flag(fl, nfl, a->onlyincompound))
        return AFFIX_OK;
    int rc = AFFIX_OK;
    if (!has_flag(fl, nfl, a->needaffix))
        rc = emit(s, NULL, NULL, fn, user);
    for (size_t k = 0; k < nfl && !rc; k++) {
        if (has_flag(fl, k, fl[k]))
            continue; /* a flag written twice */
        size_t lo, hi;
        flag_rules(a, fl[k], &lo, &hi);
        for (size_t i = lo; i < hi && !rc; i++) {
            const rule *r = &a->rules[i];
            if (!applies(a, r, s))
                continue;
            if (!has_flag(r->cont, r->ncont, a->needaffix))
                rc = emit(s, r->prefix ? r : NULL, r->prefix ? NULL : r, fn,
                          user);
            if (!rc && r->prefix && r->cross)
                rc = expand_cross(a, s, r, fn, user);
        }
    }
    return rc;
}

static int
set_stem(stem *s, const char *w, size_t n)
{
    s->w = w;
    s->n = n;
    s->ncp = 0;
    for (size_t i = 0; i < n;) {
        if (s->ncp == MAX_STEM)
            return 1;
        i += spell_next_cp(w, n, i, &s->cp[s->ncp++]);
    }
    return 0;
}

/* The word of a .dic line ends at a tab, or at a space before a
 * morphological field (" po:nom"); its flags follow a slash. */
static int
parse_dic_line(const affix_data *a, const char *p, size_t n, stem *s)
{
    size_t end = n;
    for (size_t i = 0; i < n; i++) {
        if (p[i] == '\t' ||
            (p[i] == ' ' && i + 3 < n && p[i + 3] == ':' && p[i + 1] != ' ')) {
            end = i;
            break;
        }
    }
    while (end > 0 && (p[end - 1] == ' ' || p[end - 1] == '\r'))
        end--;
    const char *slash = NULL;
    for (size_t i = 1; i < end; i++)
        if (p[i] == '/' && p[i - 1] != '\\') {
            slash = p + i;
            break;
        }
    s->w = p;
    s->n = slash ? (size_t)(slash - p) : end;
    if (s->n == 0 || memchr(p, '\\', s->n))
        return 1; /* escaped slashes: hunspell's to answer */
    s->nflags = slash ? parse_flags(a->flag_type, slash + 1, end - s->n - 1,
                                    s->flags, MAX_FLAGS)
                      : 0;
    /* more flags or letters than we keep: affix_expand says incomplete */
    return s->nflags == MAX_FLAGS || set_stem(s, p, s->n);
}

/* The flags of the models the extra words name, from their first stems. */
typedef struct model_flags {
    const char *name;
    int found;
    uint32_t flags[MAX_FLAGS];
    size_t nflags;
} model_flags;

static void
note_model(model_flags *m, size_t nm, const stem *s)
{
    for (size_t k = 0; k < nm; k++)
        if (!m[k].found && strlen(m[k].name) == s->n &&
            !memcmp(m[k].name, s->w, s->n)) {
            m[k].found = 1;
            memcpy(m[k].flags, s->flags, s->nflags * sizeof *s->flags);
            m[k].nflags = s->nflags;
        }
}

/* The extra words, once the models are known. */
static int
expand_extra(const affix_data *a, const affix_extra *extra, size_t nextra,
             const model_flags *m, stem *s, affix_word_fn fn, void *user)
{
    int rc = AFFIX_OK;
    for (size_t k = 0; k < nextra && !rc; k++) {
        if (set_stem(s, extra[k].word, strlen(extra[k].word)) || s->n == 0)
            continue;
        s->nflags = 0;
        if (*extra[k].model) {
            if (!m[k].found || m[k].nflags == 0)
                continue; /* hunspell adds nothing */
            memcpy(s->flags, m[k].flags, m[k].nflags * sizeof *s->flags);
            s->nflags = m[k].nflags;
        }
        rc = expand_stem(a, s, fn, user);
    }
    return rc;
}

int
affix_expand(const char *aff, size_t aff_len, const char *dic, size_t dic_len,
             const affix_extra *extra, size_t nextra, affix_word_fn fn,
             void *user, int *complete)
{
    affix_data a = {0};
    *complete = 0;
    int rc = parse_aff(&a, aff, aff_len);
    stem *s = malloc(sizeof *s);
    model_flags *m = calloc(nextra ? nextra : 1, sizeof *m);
    if ((!s || !m) && !rc)
        rc = AFFIX_NOMEM;
    for (size_t k = 0; k < nextra && m; k++)
        m[k].name = extra[k].model;
    /* a circumfix wants a prefix and a suffix both marked: not followed,
     * its words are hunspell's */
    size_t kept = 0;
    for (size_t k = 0; k < a.n; k++)
        if (!has_flag(a.rules[k].cont, a.rules[k].ncont, a.circumfix))
            a.rules[kept++] = a.rules[k];
    if (kept < a.n)
        a.incomplete = 1;
    a.n = kept;
    if (a.n)
        qsort(a.rules, a.n, sizeof *a.rules, cmp_rule);
    /* a suffix whose continuation names a suffix: a second suffix */
    for (size_t k = 0; k < a.n && !rc; k++)
        for (size_t j = 0; j < a.rules[k].ncont && !a.rules[k].prefix; j++) {
            size_t lo, hi;
            flag_rules(&a, a.rules[k].cont[j], &lo, &hi);
            for (size_t i = lo; i < hi; i++)
                if (!a.rules[i].prefix)
                    a.incomplete = 1;
        }
    /* the first line counts the stems */
    size_t i = 0;
    while (i < dic_len && dic[i] != '\n')
        i++;
    for (i++; i < dic_len && !rc;) {
        const char *e = memchr(dic + i, '\n', dic_len - i);
        size_t n = e ? (size_t)(e - (dic + i)) : dic_len - i;
        if (n > 0 && !parse_dic_line(&a, dic + i, n, s)) {
            note_model(m, nextra, s);
            if (has_flag(s->flags, s->nflags, a.forbidden))
                rc = AFFIX_UNSUPPORTED; /* a forbidden form hides others */
            else
                rc = expand_stem(&a, s, fn, user);
        } else if (n > 0 && dic[i] != '\r') {
            a.incomplete = 1;
        }
        i += n + 1;
    }
    if (!rc)
        rc = expand_extra(&a, extra, nextra, m, s, fn, user);
    *complete = !a.incomplete;
    free(m);
    free(s);
    free(a.rules);
    return rc;
}
