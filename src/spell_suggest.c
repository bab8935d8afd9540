/* spell_suggest.c -- suggestions for a misspelt type: edits one and two
 * away that hunspell accepts (accents, doubled letters, sounds, split
 * words), ranked by the weighted edit distance and word frequency; and
 * how near a capitalized type is to a word, which tells a misspelling from
 * a name. */
#include "spell_suggest.h"

#include <stdlib.h>
#include <string.h>
#include <utf8proc.h>

#include "spell_chars.h"
#include "spell_distance.h"
#include "spell_phonetic.h"

/* How far (spell_wdist) a sound-alike may be spelt from the word. */
static const float SOUND_ALIKE_MAX = 1.6f;

enum {
    MAX_SUGG = 8,
    MAX_SUGGEST = 40 /* bytes; longer words get no suggestions */
};

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
    if (spell_euphonic_apostrophe(w, n))
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
            size_t m = spell_splice(word, wn, (size_t)(p - word), fl,
                                    reps[r][1], buf, sizeof buf);
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
                    size_t m = spell_splice(word, wn, off[pos[y]],
                                            off[pos[y] + 1] - off[pos[y]],
                                            vars[row[y]][b], b1, sizeof b1);
                    if (!m)
                        continue;
                    m = spell_splice(b1, m, off[pos[x]],
                                     off[pos[x] + 1] - off[pos[x]],
                                     vars[row[x]][a], b2, sizeof b2);
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
typedef struct sound_ctx {
    spell_worker *s;
    cands *c;
    const char *word;
    size_t wn;
} sound_ctx;

static void
add_sound_alike(void *user, const char *w, size_t n)
{
    sound_ctx *x = user;
    float dist = spell_wdist(x->word, x->wn, w, n);
    if (dist <= SOUND_ALIKE_MAX)
        cands_add(x->c, w, n, dist - freq_bonus(x->s->lists, w, n));
}

/* The dictionary's words that sound like word (spell_phonetic.c): the
 * index is built the first time. */
static void
sound_alikes(spell_worker *s, cands *c, const char *word, size_t wn)
{
    char key[64];
    /* a key of one or two sounds fits too many words (aût, haut) */
    if (!s->compiled || spell_phonetic_key(word, wn, key, sizeof key) < 3)
        return;
    if (!s->phonetic)
        s->phonetic = spell_phonetic_build(s->compiled);
    sound_ctx x = {s, c, word, wn};
    spell_phonetic_each(s->phonetic, key, add_sound_alike, &x, 64);
}

/* The suggestion when there is only one (1O.365 -> 10.365). */
static depeche_status
one_suggestion(entry *e, const char *w)
{
    size_t n = strlen(w) + 1;
    e->sugg = malloc(sizeof *e->sugg);
    char *copy = malloc(n);
    if (!e->sugg || !copy) {
        free(copy);
        return DEPECHE_ERR_NOMEM;
    }
    e->sugg[0] = memcpy(copy, w, n);
    e->nsugg = 1;
    return DEPECHE_OK;
}

depeche_status
spell_suggest(spell_worker *s, entry *e)
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
    char number[MAX_SUGGEST + 8];
    if (spell_mistyped_number(w, wn, number, sizeof number))
        return one_suggestion(e, number);
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
    if (best > 0.5f)
        sound_alikes(s, &c, w, wn);
    if (c.n == 0)
        split_in_two(s, &c, w, wn);
    /* hunspell's own search stops after a quarter of a second of the
     * process's CPU time (clock()): what it finds depends on the machine,
     * its load and every other thread of the process.  Only the mode that
     * asks for it uses it; the default gives the same answer everywhere. */
    Hunhandle *h =
        s->suggest_mode == DEPECHE_SUGGEST_FULL ? spell_worker_handle(s) : NULL;
    if (h) {
        char word[MAX_WORD * 2 + 8];
        memcpy(word, w, wn);
        word[wn] = '\0';
        char **list = NULL;
        int k = Hunspell_suggest(h, &list, word);
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
            Hunspell_free_list(h, &list, k);
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
float
spell_near_cost(spell_worker *s, const char *w, size_t wn, int lower, int level,
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
