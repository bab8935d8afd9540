/* clean.c -- scraped-page cleanup.
 *
 * A block is a line of the input.  Each is classified (CL-* rule ids), then
 * the first lines give the title and the dateline, repeats are found by
 * hashing, and dropped neighbours with one reason are merged into one
 * block.  Blocks tile the input: nothing is lost, everything is accounted
 * for with a reason. */
#define _GNU_SOURCE /* memmem */
#include "clean.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <utf8proc.h>

#include "dicts.h"
#include "dicts_lang.h"
#include "extract.h"
#include "hash.h"
#include "normalize.h"
#include "clean_web.h"
#include "utf8.h"

enum {
    KEYED_LINE_MAX = 2000, /* longer lines are never boilerplate or bylines */
    DUP_MIN_KEY = 12       /* a run of shorter repeats only is kept */
};

typedef struct phrase {
    char *key;
    size_t len;
    int words;
} phrase;

/* CL-X: lines that recur across the documents of one source.  Counted by
 * 64-bit hashes of (source, line key): a collision, about 2^-64 a pair, is
 * the price of memory that does not grow with the text. */
enum {
    RECUR_MIN_DOCS = 3,   /* a line in fewer documents is never boilerplate */
    RECUR_LINE_MAX = 300, /* longer lines are article text */
};

typedef struct counter {
    uint64_t *keys; /* 0 = empty slot */
    uint32_t *counts;
    size_t cap, count;
} counter;

struct depeche_cleaner {
    unsigned flags;
    depeche_warn_fn warn_fn; /* told of the repeats kept */
    void *warn_user;
    phrase *phrases;
    size_t phrase_count, phrase_cap;
    counter line_docs;   /* (source, line) -> documents holding the line */
    counter source_docs; /* source -> documents observed */
    depeche_extractor *chrome; /* CL-W: the chrome phrases of web pages */
};

typedef struct line {
    size_t start, end;           /* the block, line break included */
    size_t text_start, text_end; /* without surrounding spaces */
    depeche_kind kind;
    depeche_reason reason;
    size_t body_start;       /* dateline lines: where the body begins */
    size_t key_off, key_len; /* its key in the keys buffer, once computed */
    int keyed;
} line;

/* The line's comparison key (depeche_normalize_key), computed once and kept
 * in `keys` for every rule that compares lines.  Offsets, not pointers:
 * the buffer moves as it grows. */
static depeche_status
line_key(const char *input, line *l, depeche_buf *keys, const char **k,
         size_t *kn)
{
    if (!l->keyed) {
        size_t off = keys->len;
        depeche_status st = depeche_normalize_key(
            input + l->text_start, l->text_end - l->text_start, keys);
        if (st)
            return st;
        l->key_off = off;
        l->key_len = keys->len - off;
        l->keyed = 1;
    }
    *k = keys->data ? keys->data + l->key_off : "";
    *kn = l->key_len;
    return DEPECHE_OK;
}

/* ---- loading ----------------------------------------------------------- */

static int
add_phrase(void *user, const char *s, size_t n, size_t lineno)
{
    depeche_cleaner *c = user;
    depeche_buf key = {0};
    if (depeche_normalize_key(s, n, &key) ||
        depeche_grow((void **)&c->phrases, &c->phrase_cap, c->phrase_count + 1,
                     sizeof *c->phrases)) {
        depeche_buf_free(&key);
        return 1;
    }
    if (key.len == 0) {
        depeche_buf_free(&key);
        return 0;
    }
    int words = 1;
    for (size_t i = 0; i < key.len; i++)
        words += key.data[i] == ' ';
    size_t len = key.len;
    c->phrases[c->phrase_count++] =
        (phrase){depeche_buf_detach(&key), len, words};
    return 0;
}

depeche_status
depeche_cleaner_new(const depeche_options *opts, depeche_cleaner **out,
                    depeche_error *err)
{
    depeche_cleaner *c = calloc(1, sizeof *c);
    if (!c)
        return depeche_fail(err, DEPECHE_ERR_NOMEM, DEPECHE_NO_OFFSET,
                            "out of memory");
    c->flags = opts->flags;
    c->warn_fn = opts->warn_fn;
    c->warn_user = opts->warn_user;
    if (depeche_dict_each_line(depeche_dict_boilerplate_fr,
                               depeche_dict_boilerplate_fr_len, add_phrase,
                               c) ||
        depeche_extractor_new(&c->chrome)) {
        depeche_cleaner_free(c);
        return depeche_fail(err, DEPECHE_ERR_NOMEM, DEPECHE_NO_OFFSET,
                            "out of memory");
    }
    *out = c;
    return DEPECHE_OK;
}

void
depeche_cleaner_free(depeche_cleaner *c)
{
    if (!c)
        return;
    free(c->line_docs.keys);
    free(c->line_docs.counts);
    free(c->source_docs.keys);
    free(c->source_docs.counts);
    for (size_t i = 0; i < c->phrase_count; i++)
        free(c->phrases[i].key);
    free(c->phrases);
    depeche_extractor_free(c->chrome);
    free(c);
}

/* ---- characters -------------------------------------------------------- */

static int32_t
cp_at(const char *s, size_t end, size_t i, size_t *len)
{
    int32_t cp;
    *len = depeche_utf8_decode((const unsigned char *)s + i, end - i, &cp);
    return cp;
}

/* Spaces and the invisible characters scrapes leave on "empty" lines. */
static int
is_blank_cp(int32_t c)
{
    return depeche_is_blank_cp(c); /* the one definition, in utf8.h */
}

static int
is_letter(int32_t c)
{
    if (c < 0)
        return 0;
    utf8proc_category_t k = utf8proc_category(c);
    return k >= UTF8PROC_CATEGORY_LU && k <= UTF8PROC_CATEGORY_LO;
}

static int
is_upper(int32_t c)
{
    return c >= 0 && utf8proc_category(c) == UTF8PROC_CATEGORY_LU;
}

static int
is_digit(int32_t c)
{
    return c >= '0' && c <= '9';
}

/* ---- lines ------------------------------------------------------------- */

static void
trim(const char *s, line *l, size_t content_end)
{
    size_t a = l->start, b = content_end, n;
    while (a < b && is_blank_cp(cp_at(s, b, a, &n)))
        a += n;
    /* Trailing spaces: step back over whole code points. */
    while (b > a) {
        size_t p = b - 1;
        while (p > a && ((unsigned char)s[p] & 0xC0) == 0x80)
            p--;
        if (!is_blank_cp(cp_at(s, b, p, &n)))
            break;
        b = p;
    }
    l->text_start = a;
    l->text_end = b;
}

static depeche_status
split_lines(const depeche_doc *d, line **out, size_t *count)
{
    size_t cap = 0, n = 0;
    line *v = NULL;
    const char *s = d->input;
    size_t len = d->input_len, start = 0;
    depeche_break_scan scan = {0};
    while (start < len) {
        size_t br, i = depeche_next_line_break(s, len, start, &scan, &br);
        if (depeche_grow((void **)&v, &cap, n + 1, sizeof *v)) {
            free(v);
            return DEPECHE_ERR_NOMEM;
        }
        line l = {.start = start, .end = i + br, .kind = DEPECHE_KIND_BODY};
        trim(s, &l, i);
        v[n++] = l;
        start = i + br;
    }
    *out = v;
    *count = n;
    return DEPECHE_OK;
}

/* ---- classification ---------------------------------------------------- */

static int
starts_with(const char *s, size_t n, const char *prefix)
{
    size_t k = strlen(prefix);
    return n >= k && memcmp(s, prefix, k) == 0;
}

/* Finds a whole-word occurrence of p in key: where it starts, or NULL. */
static const char *
find_words(const char *key, size_t n, const char *p, size_t pn)
{
    for (const char *at = key; at + pn <= key + n;) {
        const char *f = memmem(at, (size_t)(key + n - at), p, pn);
        if (!f)
            return NULL;
        int left = f == key || f[-1] == ' ';
        int right = f + pn == key + n || f[pn] == ' ';
        if (left && right)
            return f;
        at = f + 1;
    }
    return NULL;
}

static int
has_words(const char *key, size_t n, const char *p, size_t pn)
{
    return find_words(key, n, p, pn) != NULL;
}

static int
count_words(const char *key, size_t n)
{
    int w = n > 0;
    for (size_t i = 0; i < n; i++)
        w += key[i] == ' ';
    return w;
}

static int
is_phrase(const depeche_cleaner *c, const char *key, size_t n)
{
    for (size_t i = 0; i < c->phrase_count; i++)
        if (c->phrases[i].len == n && !memcmp(c->phrases[i].key, key, n))
            return 1;
    return 0;
}

/* CL-B: boilerplate phrases (dicts/fr/boilerplate.txt), a phrase used as a
 * label ("Lire aussi : ..."), and copyright lines (©, (c), Copyright). */
static int
is_boilerplate(const depeche_cleaner *c, const char *text, size_t tn,
               const char *key, size_t n)
{
    int words = count_words(key, n);
    if ((starts_with(text, tn, "\xC2\xA9") || starts_with(text, tn, "(c)") ||
         starts_with(text, tn, "(C)") || starts_with(key, n, "copyright")) &&
        words <= 15)
        return 1;
    const char *colon = memchr(text, ':', tn < 48 ? tn : 48);
    if (colon) {
        depeche_buf label = {0};
        int found =
            !depeche_normalize_key(text, (size_t)(colon - text), &label) &&
            label.len && is_phrase(c, label.data, label.len);
        depeche_buf_free(&label);
        if (found)
            return 1;
    }
    size_t covered = 0;
    for (size_t i = 0; i < c->phrase_count; i++) {
        const phrase *p = &c->phrases[i];
        if (!has_words(key, n, p->key, p->len))
            continue;
        if (p->words >= 3 && words <= 30 && starts_with(key, n, p->key))
            return 1;
        covered += p->len;
    }
    return covered * 2 >= n;
}

/* CL-Y: bylines and publication stamps.  A byline is short and names
 * people, an agency or a date: a line with quotes, a question, or a word
 * that makes a clause (a subject pronoun, a finite "être"/"avoir"...) is a
 * sentence, whatever stamp or "Par" it holds ("Son journal a publié à deux
 * reprises un appel", "Par Internet, on peut tout acheter"). */
enum {
    STAMP_MAX_WORDS = 24, /* "Par X | Publié le ... à ..., mis à jour le ..." */
    PAR_MAX_WORDS = 10
};

/* A key searched for whole words, one list entry at a time. */
typedef struct word_query {
    const char *key;
    size_t n;
} word_query;

static int
holds_word(void *user, const char *w, size_t wn, size_t lineno)
{
    (void)lineno;
    const word_query *q = user;
    return has_words(q->key, q->n, w, wn);
}

static int
has_byline_shape(const char *text, size_t tn, const char *key, size_t n,
                 int max_words)
{
    static const char *const sentence_marks[] = {
        "\xC2\xAB", "\xC2\xBB", "\"", "\xE2\x80\x9C", "\xE2\x80\x9D", "!",
        "?",        ";",        NULL};
    if (count_words(key, n) > max_words)
        return 0;
    for (const char *const *m = sentence_marks; *m; m++)
        if (memmem(text, tn, *m, strlen(*m)))
            return 0;
    depeche_dict_text clause =
        depeche_bundle_list("fr", DEPECHE_LIST_CLAUSE_WORDS);
    word_query q = {key, n};
    return !depeche_dict_each_line(clause.data, clause.len, holds_word, &q);
}

/* Whether a date or a time follows a stamp phrase ending at key[at]: a
 * digit, after a day name maybe ("mis à jour le lundi 3 mai"). */
static int
dated_after(const char *key, size_t n, size_t at)
{
    if (at >= n)
        return 0;
    const char *next = key + at + 1, *end = key + n;
    const char *sp = memchr(next, ' ', (size_t)(end - next));
    size_t word = (size_t)((sp ? sp : end) - next);
    depeche_dict_text days = depeche_bundle_list("fr", DEPECHE_LIST_DAYS);
    if (depeche_dict_has(&days, next, word))
        next += word + (next + word < end);
    return next < end && *next >= '0' && *next <= '9';
}

static int
dated_stamp(void *user, const char *stamp, size_t pn, size_t lineno)
{
    (void)lineno;
    const word_query *q = user;
    const char *at = find_words(q->key, q->n, stamp, pn);
    return at && dated_after(q->key, q->n, (size_t)(at - q->key) + pn);
}

/* "Publié le 24 février 2021 à 19h18", "Mis à jour le lundi 3 mai", "...
 * | Publié aujourd'hui à 10:05": a stamp of dicts/fr/stamps.txt, then a
 * date or a time ("publié à deux reprises", "publié le sondage" are
 * prose), or one of stamps-whole.txt. */
static int
is_stamp(const char *key, size_t n)
{
    word_query q = {key, n};
    depeche_dict_text whole =
        depeche_bundle_list("fr", DEPECHE_LIST_STAMPS_WHOLE);
    depeche_dict_text stamps = depeche_bundle_list("fr", DEPECHE_LIST_STAMPS);
    return depeche_dict_each_line(whole.data, whole.len, holds_word, &q) ||
           depeche_dict_each_line(stamps.data, stamps.len, dated_stamp, &q);
}

/* Words a byline may hold besides names: "Par notre envoyée spéciale à
 * Kiev", "Par Jean de La Tour et Anne Roy avec AFP". */
static int
is_byline_word(const char *w, size_t n)
{
    depeche_dict_text words =
        depeche_bundle_list("fr", DEPECHE_LIST_BYLINE_WORDS);
    return depeche_dict_has(&words, w, n);
}

static int is_site(const char *s, size_t n);

static int
has_letter(const char *s, size_t n)
{
    size_t k;
    for (size_t i = 0; i < n; i += k)
        if (is_letter(cp_at(s, n, i, &k)))
            return 1;
    return 0;
}

/* The names of a byline: how many words start with a capital ("Jean",
 * "(AFP)", "d'Arc") or are a domain, or -1 when a word is neither a name
 * nor one of is_byline_word's.  Separators ("|", "-") are skipped. */
static int
count_names(const char *s, size_t n)
{
    int names = 0;
    size_t i = 0, k;
    while (i < n) {
        while (i < n && (s[i] == ' ' || s[i] == '(' || s[i] == ')'))
            i++;
        size_t w = i;
        while (i < n && s[i] != ' ' && s[i] != '(' && s[i] != ')')
            i++;
        if (i == w)
            break;
        size_t a = w; /* after an elision: "d'Arc", "d’Estaing" */
        if (starts_with(s + w, i - w, "d'") || starts_with(s + w, i - w, "l'"))
            a += 2;
        else if (starts_with(s + w, i - w, "d\xE2\x80\x99"))
            a += 4;
        if (!has_letter(s + w, i - w))
            continue;
        if ((a < i && is_upper(cp_at(s, i, a, &k))) || is_site(s + w, i - w))
            names++;
        else if (!is_byline_word(s + w, i - w))
            return -1;
    }
    return names;
}

/* Whether w[0, wn) stands at text[i], ASCII letters in any case. */
static int
word_at_nocase(const char *text, size_t tn, size_t i, const char *w, size_t wn)
{
    if (tn - i < wn)
        return 0;
    for (size_t k = 0; k < wn; k++) {
        unsigned char a = (unsigned char)text[i + k], b = (unsigned char)w[k];
        if (a != b && !(a >= 'A' && a <= 'Z' && a + 32 == b))
            return 0;
    }
    return 1;
}

/* A stamp's first word as the text may write it: whole and followed by a
 * space ("mis ", "mise "), or up to its first accented letter, which case
 * changes ("publi" for Publié, PUBLIÉE). */
typedef struct stamp_scan {
    const char *text;
    size_t tn, first;
} stamp_scan;

static int
earliest_stamp(void *user, const char *stamp, size_t pn, size_t lineno)
{
    (void)lineno;
    stamp_scan *sc = user;
    size_t wn = 0;
    while (wn < pn && stamp[wn] != ' ' && (unsigned char)stamp[wn] < 0x80)
        wn++;
    int whole = wn < pn && stamp[wn] == ' ';
    for (size_t i = 0; i < sc->first; i++)
        if ((i == 0 || sc->text[i - 1] == ' ') &&
            word_at_nocase(sc->text, sc->tn, i, stamp, wn + whole)) {
            sc->first = i;
            break;
        }
    return 0;
}

/* Where the stamp starts in the text ("Le Monde | Publié le ..."), or tn. */
static size_t
stamp_start(const char *text, size_t tn)
{
    stamp_scan sc = {text, tn, tn};
    depeche_dict_text stamps = depeche_bundle_list("fr", DEPECHE_LIST_STAMPS);
    depeche_dict_each_line(stamps.data, stamps.len, earliest_stamp, &sc);
    return sc.first;
}

/* "Par Jean Dupont", "Par notre envoyé spécial"; not "Par ailleurs, rien
 * n'a changé" nor "Par Internet on achète tout": names follow, or the
 * paper's own staff. */
static int
is_par_byline(const char *text, size_t tn, const char *key, size_t n)
{
    if (!starts_with(key, n, "par ") || tn <= 4 || text[tn - 1] == '.' ||
        memchr(text, ',', tn) ||
        !has_byline_shape(text, tn, key, n, PAR_MAX_WORDS))
        return 0;
    int names = count_names(text + 4, tn - 4);
    return names > 0 ||
           (names == 0 && (starts_with(key + 4, n - 4, "notre ") ||
                           starts_with(key + 4, n - 4, "nos ") ||
                           starts_with(key + 4, n - 4, "la rédaction")));
}

static int
is_byline(const char *text, size_t tn, const char *key, size_t n)
{
    /* Only names may come before the stamp: "Le livre publié le 3 mars
     * 2021 se vend bien" is prose. */
    if (is_stamp(key, n))
        return has_byline_shape(text, tn, key, n, STAMP_MAX_WORDS) &&
               count_names(text, stamp_start(text, tn)) >= 0;
    return is_par_byline(text, tn, key, n);
}

/* CL-S: a line that is only a site's domain name. */
static int
is_site(const char *s, size_t n)
{
    if (starts_with(s, n, "http://") || starts_with(s, n, "https://"))
        return 0; /* a URL with a scheme is a link: junk (CL-J) */
    while (n && s[n - 1] == '/')
        n--;
    int dots = 0;
    size_t label = 0, alpha_label = 0;
    for (size_t i = 0; i < n; i++) {
        char ch = s[i];
        if (ch == '.') {
            if (label == 0)
                return 0;
            dots++;
            label = alpha_label = 0;
        } else if ((ch | 0x20) >= 'a' && (ch | 0x20) <= 'z') {
            label++;
            alpha_label++;
        } else if ((ch >= '0' && ch <= '9') || ch == '-') {
            label++;
        } else {
            return 0;
        }
    }
    return dots >= 1 && label >= 2 && alpha_label == label;
}

/* CL-J: no letters at all, a long run of digits, a lone link. */
static int
is_junk(const char *s, size_t n)
{
    size_t letters = 0, digits = 0, run = 0, max_run = 0, spaces = 0, k;
    for (size_t i = 0; i < n; i += k) {
        int32_t c = cp_at(s, n, i, &k);
        if (is_letter(c))
            letters++;
        if (is_digit(c)) {
            digits++;
            if (++run > max_run)
                max_run = run;
        } else {
            run = 0;
        }
        spaces += c == ' ';
    }
    if (letters == 0)
        return 1;
    if (max_run >= 12 && digits > letters)
        return 1;
    return spaces == 0 &&
           (starts_with(s, n, "http://") || starts_with(s, n, "https://") ||
            starts_with(s, n, "www."));
}

/* CL-S: "Le Monde.fr", "Ouest-France.fr": a few words, the last a domain. */
static int
is_site_name(const char *s, size_t n)
{
    if (n > 48)
        return 0;
    const char *last = s;
    int words = 1;
    for (size_t i = 0; i < n; i++)
        if (s[i] == ' ') {
            words++;
            last = s + i + 1;
        }
    return words <= 4 && is_site(last, (size_t)(s + n - last));
}

static void
classify(const depeche_cleaner *c, const char *s, line *l, depeche_buf *keys)
{
    const char *t = s + l->text_start;
    size_t tn = l->text_end - l->text_start;
    if (tn == 0) {
        l->kind = DEPECHE_KIND_BLANK;
        l->reason = DEPECHE_REASON_BLANK;
        return;
    }
    if (c->flags & DEPECHE_NO_CLEAN)
        return;
    if (is_site(t, tn) || is_site_name(t, tn)) {
        l->kind = DEPECHE_KIND_SITE;
        l->reason = DEPECHE_REASON_SITE;
        return;
    }
    if (is_junk(t, tn)) {
        l->kind = DEPECHE_KIND_JUNK;
        l->reason = DEPECHE_REASON_JUNK;
        return;
    }
    if (tn > KEYED_LINE_MAX)
        return;
    const char *key;
    size_t kn;
    if (line_key(s, l, keys, &key, &kn))
        return; /* out of memory: keep the line, lose nothing */
    if (is_byline(t, tn, key, kn)) {
        l->kind = DEPECHE_KIND_BYLINE;
        l->reason = DEPECHE_REASON_BYLINE;
    } else if (is_boilerplate(c, t, tn, key, kn) ||
               depeche_extractor_is_chrome_line(c->chrome, t, tn)) {
        /* CL-W: a web page's chrome left in a text scrape (cookie and
         * newsletter banners, "Read more", copyright lines), by the phrases
         * of dicts/html/boilerplate.txt, as for HTML input (extract.c). */
        l->kind = DEPECHE_KIND_BOILERPLATE;
        l->reason = DEPECHE_REASON_BOILERPLATE;
    }
}

/* ---- dates ------------------------------------------------------------- */

/* The month (1-12) a word names, or 0.  The word is matched lower-case. */
static int
month_of(const char *w, size_t n)
{
    char low[16];
    if (n >= sizeof low)
        return 0;
    for (size_t i = 0; i < n; i++)
        low[i] = (char)((w[i] >= 'A' && w[i] <= 'Z') ? w[i] | 0x20 : w[i]);
    depeche_dict_text months = depeche_bundle_list("fr", DEPECHE_LIST_MONTHS);
    return depeche_dict_line_of(&months, low, n);
}

static int
read_int(const char *s, size_t n, size_t *i, int max_digits)
{
    int v = 0, k = 0;
    while (*i < n && is_digit(s[*i]) && k < max_digits) {
        v = v * 10 + (s[*i] - '0');
        ++*i;
        k++;
    }
    return k ? v : -1;
}

typedef struct date {
    int year, month, day, hour, minute; /* -1 when absent */
} date;

/* Reads "2021-02-24", "24/02/2021", "24 février 2021", "24 février" at
 * s[*i], then an optional time "à 19:18" / "19h18". */
static int
read_date(const char *s, size_t n, size_t *ip, date *d)
{
    size_t i = *ip;
    *d = (date){-1, -1, -1, -1, -1};
    size_t a = i;
    int first = read_int(s, n, &i, 4);
    if (first < 0)
        return 0;
    if (i - a == 4 && i < n && s[i] == '-') {
        d->year = first;
        i++;
        d->month = read_int(s, n, &i, 2);
        if (i < n && s[i] == '-')
            i++;
        d->day = read_int(s, n, &i, 2);
    } else if (i < n && (s[i] == '/' || s[i] == '.') && i - a <= 2) {
        d->day = first;
        i++;
        d->month = read_int(s, n, &i, 2);
        if (i < n && (s[i] == '/' || s[i] == '.'))
            i++;
        d->year = read_int(s, n, &i, 4);
    } else if (i - a <= 2) {
        d->day = first;
        while (i < n && s[i] == ' ')
            i++;
        size_t w = i;
        while (i < n && s[i] != ' ' && s[i] != ',' && s[i] != '.' &&
               s[i] != '(' && s[i] != ')')
            i++;
        d->month = month_of(s + w, i - w);
        if (i < n && s[i] == '.')
            i++;
        size_t save = i;
        while (i < n && s[i] == ' ')
            i++;
        size_t y0 = i;
        int y = read_int(s, n, &i, 4);
        if (y >= 1000 && i - y0 == 4)
            d->year = y;
        else
            i = save;
    }
    if (d->month < 1 || d->month > 12 || d->day < 1 || d->day > 31)
        return 0;
    /* An optional time: " à 19:18", " 19h18". */
    size_t t = i;
    while (t < n && s[t] == ' ')
        t++;
    if (starts_with(s + t, n - t, "à "))
        t += strlen("à ");
    size_t h0 = t;
    int h = read_int(s, n, &t, 2);
    if (h >= 0 && t > h0 && t < n && (s[t] == ':' || s[t] == 'h')) {
        t++;
        int m = read_int(s, n, &t, 2);
        if (h < 24 && m >= 0 && m < 60) {
            d->hour = h;
            d->minute = m;
            i = t;
        }
    }
    *ip = i;
    return 1;
}

/* Finds the first date in s[0..n). */
static int
find_date(const char *s, size_t n, date *d)
{
    for (size_t i = 0; i < n; i++) {
        if (!is_digit(s[i]) || (i && is_digit(s[i - 1])))
            continue;
        size_t j = i;
        if (read_date(s, n, &j, d))
            return 1;
    }
    return 0;
}

/* ---- metadata ---------------------------------------------------------- */

static const char *
arena_printf_date(depeche_doc *doc, const date *d)
{
    char buf[32];
    if (d->hour >= 0)
        snprintf(buf, sizeof buf, "%04d-%02d-%02dT%02d:%02d", d->year, d->month,
                 d->day, d->hour, d->minute);
    else
        snprintf(buf, sizeof buf, "%04d-%02d-%02d", d->year, d->month, d->day);
    return depeche_arena_strndup(&doc->arena, buf, strlen(buf));
}

static const char *
meta_text(depeche_doc *doc, size_t start, size_t end)
{
    /* Metadata is shown to people and written into XML: normalized. */
    depeche_norm_config cfg = {.profile = DEPECHE_PROFILE_MINIMAL,
                               .flags = DEPECHE_LOSSY};
    depeche_buf b = {0};
    const char *r = NULL;
    if (!depeche_normalize_append(&cfg, doc->input + start, end - start, 0, &b,
                                  NULL, NULL))
        r = depeche_arena_strndup(&doc->arena, b.data ? b.data : "", b.len);
    depeche_buf_free(&b);
    return r;
}

static void
set_source(depeche_doc *doc, const char *s, size_t n)
{
    char buf[256];
    if (n >= sizeof buf)
        return;
    /* A domain is written lower-case; a site's name ("Le Monde.fr") as it
     * stands. */
    int domain = !memchr(s, ' ', n);
    for (size_t i = 0; i < n; i++)
        buf[i] =
            (char)(domain && s[i] >= 'A' && s[i] <= 'Z' ? s[i] | 0x20 : s[i]);
    while (n && buf[n - 1] == '/')
        n--;
    doc->meta.source = depeche_arena_strndup(&doc->arena, buf, n);
}

/* The byline's date gives `published`; a domain before '|' the source. */
static void
read_byline(depeche_doc *doc, const line *l)
{
    const char *t = doc->input + l->text_start;
    size_t n = l->text_end - l->text_start;
    date d;
    if (!doc->meta.published && find_date(t, n, &d) && d.year > 0)
        doc->meta.published = arena_printf_date(doc, &d);
    const char *bar = memchr(t, '|', n);
    if (!doc->meta.source && bar) {
        size_t k = (size_t)(bar - t);
        while (k && t[k - 1] == ' ')
            k--;
        if (is_site(t, k))
            set_source(doc, t, k);
    }
}

/* ---- CL-D: datelines ------------------------------------------------- */

typedef struct dateline {
    size_t place_end, date_start, date_end, agency_start, agency_end;
    size_t end;        /* after the separator */
    size_t body_start; /* after the spaces that follow */
} dateline;

static size_t
skip_spaces(const char *s, size_t n, size_t i)
{
    size_t k;
    while (i < n && is_blank_cp(cp_at(s, n, i, &k)))
        i += k;
    return i;
}

/* A separator: "--", "-", "—", "–" then a space.  Returns its length. */
static size_t
separator_at(const char *s, size_t n, size_t i, int *strong)
{
    *strong = 1;
    if (starts_with(s + i, n - i, "--"))
        return 2;
    if (starts_with(s + i, n - i, "\xE2\x80\x94") ||
        starts_with(s + i, n - i, "\xE2\x80\x93"))
        return 3;
    *strong = 0;
    if (s[i] == '-')
        return 1;
    return 0;
}

/* A lower-case word a place name may hold between capitalized ones
 * ("Saint-Denis de la Réunion", "Boulogne-sur-Mer", "Villeneuve-d'Ascq"). */
static int
is_place_particle(const char *s, size_t n)
{
    depeche_dict_text words =
        depeche_bundle_list("fr", DEPECHE_LIST_PLACE_WORDS);
    return depeche_dict_has(&words, s, n);
}

static int
is_place_joiner(int32_t c)
{
    return c == ' ' || c == '-' || c == '\'' || c == 0x2019 || c == '.';
}

/* The place: words in capitals ("PARIS", "GENÈVE"), or capitalized words
 * with particles ("Paris", "Saint-Denis de la Réunion").  Sets *end to
 * where it stops and *mixed when it has lower-case letters; 0 if it is not
 * a place's shape. */
static int
scan_place(const char *s, size_t start, size_t n, size_t *end, int *mixed)
{
    size_t i = start, k, upper = 0;
    int32_t prev = ' ';
    *mixed = 0;
    while (i < n && i - start < 48) {
        int32_t c = cp_at(s, n, i, &k);
        if (is_upper(c)) {
            upper++;
        } else if (is_letter(c)) {
            *mixed = 1;
            if (i == start)
                return 0;
            if (is_place_joiner(prev)) { /* a word that starts lower-case */
                size_t w = i, kw;
                while (w < n && is_letter(cp_at(s, n, w, &kw)) &&
                       !is_upper(cp_at(s, n, w, &kw)))
                    w += kw;
                if (!is_place_particle(s + i, w - i))
                    return 0; /* ordinary prose */
            }
        } else if (!is_place_joiner(c)) {
            break;
        }
        if (c == '-' && i + 1 < n && (s[i + 1] == '-' || s[i + 1] == ' '))
            break;
        prev = c;
        i += k;
    }
    *end = i;
    return *mixed ? upper >= 1 : upper >= 2;
}

typedef struct agency_probe {
    const char *name;
    size_t len;
} agency_probe;

static int
agency_matches(void *user, const char *s, size_t n, size_t lineno)
{
    const agency_probe *p = user;
    (void)lineno;
    return n == p->len && memcmp(s, p->name, n) == 0;
}

/* An agency as a mixed-case place needs it: each '/'-separated part of
 * what stands in the parentheses ("AFP", "ATS", "AFP/Reuters") a name of
 * dicts/fr/agencies.txt.  A name in mixed case followed by a party, a
 * person's initials or a post in parentheses and a dash is prose
 * ("Emmanuel Macron (LREM) – a dit"), which only the list tells apart. */
static int
is_agency(const char *s, size_t a, size_t b)
{
    if (b <= a)
        return 0;
    while (a < b) {
        const char *slash = memchr(s + a, '/', b - a);
        size_t e = slash ? (size_t)(slash - s) : b;
        agency_probe p = {s + a, e - a};
        if (!p.len || !depeche_dict_each_line(depeche_dict_agencies_fr,
                                              depeche_dict_agencies_fr_len,
                                              agency_matches, &p))
            return 0;
        a = slash ? e + 1 : b;
    }
    return 1;
}

/* "BAGDAD, 24 février (Xinhua) --", "PARIS (AFP) -", "GENÈVE —", and in
 * mixed case, where an agency must follow: "Paris (AFP) –",
 * "Genève, 3 mars (ATS) –". */
static int
parse_dateline(const char *s, size_t start, size_t n, dateline *dl)
{
    size_t i;
    int mixed;
    *dl = (dateline){0};
    if (!scan_place(s, start, n, &i, &mixed))
        return 0;
    size_t p = i;
    while (p > start && s[p - 1] == ' ')
        p--;
    dl->place_end = p;
    if (i < n && s[i] == ',') {
        dl->date_start = skip_spaces(s, n, i + 1);
        i = dl->date_start;
        while (i < n && s[i] != '(' && s[i] != '-' && i - start < 96 &&
               !starts_with(s + i, n - i, "\xE2\x80"))
            i++;
        dl->date_end = i;
        while (dl->date_end > dl->date_start && s[dl->date_end - 1] == ' ')
            dl->date_end--;
        date d;
        size_t j = dl->date_start;
        int has_date = 0;
        while (j < dl->date_end && !has_date) {
            size_t q = j;
            has_date = is_digit(s[j]) && read_date(s, dl->date_end, &q, &d);
            j++;
        }
        if (!has_date)
            return 0;
    }
    i = skip_spaces(s, n, i);
    if (i < n && s[i] == '(') {
        const char *close = memchr(s + i, ')', n - i);
        if (!close || close - (s + i) > 40)
            return 0;
        dl->agency_start = i + 1;
        dl->agency_end = (size_t)(close - s);
        i = dl->agency_end + 1;
    }
    if (mixed && !is_agency(s, dl->agency_start, dl->agency_end))
        return 0;
    i = skip_spaces(s, n, i);
    int strong;
    size_t sep = i < n ? separator_at(s, n, i, &strong) : 0;
    if (!sep || i + sep >= n || s[i + sep] != ' ')
        return 0;
    /* A plain hyphen only follows a date or an agency: "PARIS - " alone
     * could be the start of a title in capitals. */
    if (!strong && !dl->date_end && !dl->agency_end)
        return 0;
    dl->end = i + sep;
    dl->body_start = skip_spaces(s, n, dl->end);
    return dl->body_start < n;
}

/* The dateline's date with the year taken from `published`. */
static const char *
resolve_dateline_date(depeche_doc *doc, const char *s, size_t a, size_t b)
{
    date d;
    size_t i = a;
    while (i < b && !is_digit(s[i]))
        i++;
    if (i < b && read_date(s, b, &i, &d)) {
        int py = -1, pm = -1;
        const char *pub = doc->meta.published;
        if (pub && strlen(pub) >= 7) {
            py = atoi(pub);
            pm = atoi(pub + 5);
        }
        if (d.year < 0 && py > 0)
            /* A December dateline published in January is last year's. */
            d.year = d.month == 12 && pm == 1 ? py - 1 : py;
        if (d.year > 0) {
            d.hour = -1;
            return arena_printf_date(doc, &d);
        }
    }
    return meta_text(doc, a, b);
}

static void
read_dateline(depeche_doc *doc, line *l)
{
    dateline dl;
    if (!parse_dateline(doc->input, l->text_start, l->text_end, &dl))
        return;
    l->kind = DEPECHE_KIND_DATELINE;
    l->body_start = dl.body_start;
    doc->meta.dateline_place = meta_text(doc, l->text_start, dl.place_end);
    if (dl.date_end > dl.date_start)
        doc->meta.dateline_date =
            resolve_dateline_date(doc, doc->input, dl.date_start, dl.date_end);
    if (dl.agency_end > dl.agency_start)
        doc->meta.dateline_agency =
            meta_text(doc, dl.agency_start, dl.agency_end);
}

/* ---- CL-T: the title -------------------------------------------------- */

static int
looks_like_title(const char *s, size_t a, size_t b)
{
    if (b <= a)
        return 0;
    char last = s[b - 1];
    if (last == '.' || last == ':' || last == ';' || last == ',')
        return 0;
    int words = 1;
    for (size_t i = a; i < b; i++)
        words += s[i] == ' ';
    return words <= 30;
}

/* ---- CL-R: repeats --------------------------------------------------- */

typedef struct key_set {
    uint64_t *hashes; /* 0 = empty slot */
    size_t *offs;     /* where the key is stored in `store` */
    size_t *lens;
    size_t *ids; /* 0, 1, 2...: the order keys were first added in */
    size_t cap, count;
    depeche_buf store;
} key_set;

static uint64_t
hash_key(const char *s, size_t n)
{
    uint64_t h = depeche_hash(s, n);
    return h ? h : 1;
}

static depeche_status
key_set_grow(key_set *k)
{
    size_t cap = k->cap ? k->cap * 2 : 256;
    uint64_t *h = calloc(cap, sizeof *h);
    size_t *o = calloc(cap, sizeof *o), *l = calloc(cap, sizeof *l),
           *id = calloc(cap, sizeof *id);
    if (!h || !o || !l || !id) {
        free(h);
        free(o);
        free(l);
        free(id);
        return DEPECHE_ERR_NOMEM;
    }
    for (size_t i = 0; i < k->cap; i++) {
        if (!k->hashes[i])
            continue;
        size_t j = k->hashes[i] & (cap - 1);
        while (h[j])
            j = (j + 1) & (cap - 1);
        h[j] = k->hashes[i];
        o[j] = k->offs[i];
        l[j] = k->lens[i];
        id[j] = k->ids[i];
    }
    free(k->hashes);
    free(k->offs);
    free(k->lens);
    free(k->ids);
    k->hashes = h;
    k->offs = o;
    k->lens = l;
    k->ids = id;
    k->cap = cap;
    return DEPECHE_OK;
}

/* Inserts the key; *seen tells whether it was there already, *id (may be
 * NULL) is the key's number: how many distinct keys came before it. */
static depeche_status
key_set_add(key_set *k, const char *s, size_t n, int *seen, size_t *id)
{
    if ((k->count + 1) * 2 > k->cap && key_set_grow(k))
        return DEPECHE_ERR_NOMEM;
    uint64_t h = hash_key(s, n);
    size_t j = h & (k->cap - 1);
    for (; k->hashes[j]; j = (j + 1) & (k->cap - 1)) {
        if (k->hashes[j] == h && k->lens[j] == n &&
            memcmp(k->store.data + k->offs[j], s, n) == 0) {
            *seen = 1;
            if (id)
                *id = k->ids[j];
            return DEPECHE_OK;
        }
    }
    *seen = 0;
    k->hashes[j] = h;
    k->offs[j] = k->store.len;
    k->lens[j] = n;
    k->ids[j] = k->count;
    if (id)
        *id = k->count;
    k->count++;
    return depeche_buf_put(&k->store, s, n);
}

static void
key_set_free(key_set *k)
{
    free(k->hashes);
    free(k->offs);
    free(k->lens);
    free(k->ids);
    depeche_buf_free(&k->store);
}

static int
can_repeat(const line *l)
{
    return l->reason == DEPECHE_REASON_NONE ||
           l->reason == DEPECHE_REASON_SITE ||
           l->reason == DEPECHE_REASON_BYLINE;
}

/* A line that may repeat another, with its key's number and whether the
 * key came earlier in the document. */
typedef struct repeat_line {
    line *l;
    size_t id;
    int seen;      /* the key came earlier */
    int pair_seen; /* the pair came earlier, ending before the previous */
} repeat_line;

/* Numbers the keys of the lines that may repeat, in document order, and
 * finds which pairs of neighbours (blank lines and lines dropped for
 * another reason skipped) repeat an earlier pair in the same order. */
static depeche_status
number_repeats(const depeche_doc *doc, line *lines, size_t n, depeche_buf *keys,
               repeat_line **out, size_t *count)
{
    key_set ids = {0}, pairs = {0};
    repeat_line *v = NULL;
    size_t cap = 0, m = 0;
    size_t *pair_end = NULL, pair_cap = 0;
    depeche_status st = DEPECHE_OK;
    for (size_t i = 0; i < n && !st; i++) {
        line *l = &lines[i];
        const char *key;
        size_t kn;
        if (l->reason == DEPECHE_REASON_BLANK || !can_repeat(l))
            continue;
        st = line_key(doc->input, l, keys, &key, &kn);
        if (st || !kn)
            continue;
        if (depeche_grow((void **)&v, &cap, m + 1, sizeof *v)) {
            st = DEPECHE_ERR_NOMEM;
            break;
        }
        repeat_line *r = &v[m];
        *r = (repeat_line){.l = l};
        st = key_set_add(&ids, key, kn, &r->seen, &r->id);
        if (!st && m > 0) {
            size_t pair[2] = {v[m - 1].id, r->id}, pid;
            int seen;
            st = key_set_add(&pairs, (const char *)pair, sizeof pair, &seen,
                             &pid);
            if (!st && !seen &&
                depeche_grow((void **)&pair_end, &pair_cap, pid + 1,
                             sizeof *pair_end))
                st = DEPECHE_ERR_NOMEM;
            if (!st && !seen)
                pair_end[pid] = m;
            /* "A A A" is not a repeat of "A A": the pairs overlap. */
            r->pair_seen = !st && seen && pair_end[pid] + 1 < m;
        }
        m++;
    }
    key_set_free(&ids);
    key_set_free(&pairs);
    free(pair_end);
    if (st) {
        free(v);
        return st;
    }
    *out = v;
    *count = m;
    return DEPECHE_OK;
}

/* Whether line i and a neighbour repeat an earlier pair of lines. */
static int
in_repeated_pair(const repeat_line *v, size_t m, size_t i)
{
    return v[i].pair_seen || (i + 1 < m && v[i + 1].pair_seen);
}

static void
report_kept_repeat(const depeche_cleaner *c, const line *l)
{
    if (c->warn_fn)
        c->warn_fn(c->warn_user, "DEPECHE-007", l->text_start,
                   "paragraph repeats an earlier one: kept (only a run of "
                   "repeated paragraphs is dropped)");
}

/* CL-R: a run of at least two lines repeating, in the same order, lines
 * said earlier in the document (an article pasted twice) is dropped, unless
 * every line of it is short ("Merci." / "Au revoir." said twice).  A line
 * repeated alone (a title two briefs share, a lede said again) is content:
 * kept, and reported when it is long enough to be noticed. */
static depeche_status
mark_repeats(const depeche_cleaner *c, depeche_doc *doc, line *lines, size_t n,
             depeche_buf *keys)
{
    repeat_line *v = NULL;
    size_t m = 0;
    depeche_status st = number_repeats(doc, lines, n, keys, &v, &m);
    if (st)
        return st;
    for (size_t i = 0; i < m;) {
        if (!in_repeated_pair(v, m, i)) {
            if (v[i].seen && v[i].l->reason == DEPECHE_REASON_NONE &&
                v[i].l->key_len >= DUP_MIN_KEY)
                report_kept_repeat(c, v[i].l);
            i++;
            continue;
        }
        size_t end = i, longest = 0;
        for (; end < m && in_repeated_pair(v, m, end); end++)
            if (v[end].l->key_len > longest)
                longest = v[end].l->key_len;
        for (size_t j = i; j < end && longest >= DUP_MIN_KEY; j++)
            v[j].l->reason = DEPECHE_REASON_DUPLICATE;
        i = end;
    }
    free(v);
    return DEPECHE_OK;
}

/* ---- CL-X: recurrence across documents ------------------------------ */

static uint32_t *
counter_slot(counter *c, uint64_t key, int insert)
{
    if (insert && (c->count + 1) * 2 > c->cap) {
        size_t cap = c->cap ? c->cap * 2 : 1024;
        uint64_t *k = calloc(cap, sizeof *k);
        uint32_t *v = calloc(cap, sizeof *v);
        if (!k || !v) {
            free(k);
            free(v);
            return NULL;
        }
        for (size_t i = 0; i < c->cap; i++) {
            if (!c->keys[i])
                continue;
            size_t j = c->keys[i] & (cap - 1);
            while (k[j])
                j = (j + 1) & (cap - 1);
            k[j] = c->keys[i];
            v[j] = c->counts[i];
        }
        free(c->keys);
        free(c->counts);
        c->keys = k;
        c->counts = v;
        c->cap = cap;
    }
    if (!c->cap)
        return NULL;
    size_t j = key & (c->cap - 1);
    for (; c->keys[j]; j = (j + 1) & (c->cap - 1))
        if (c->keys[j] == key)
            return &c->counts[j];
    if (!insert)
        return NULL;
    c->keys[j] = key;
    c->count++;
    return &c->counts[j];
}

static uint64_t
source_hash(const depeche_doc *doc)
{
    const char *s = doc->meta.source ? doc->meta.source : "";
    return hash_key(s, strlen(s));
}

static uint64_t
line_hash(uint64_t source, const char *key, size_t n)
{
    uint64_t h = (hash_key(key, n) ^ source) * 0x9E3779B97F4A7C15u;
    return h ? h : 1;
}

static int
recur_candidate(const line *l)
{
    return l->reason == DEPECHE_REASON_NONE &&
           l->text_end - l->text_start <= RECUR_LINE_MAX;
}

typedef struct key_count {
    uint64_t key;
    uint32_t count;
} key_count;

static int
by_key(const void *a, const void *b)
{
    uint64_t x = ((const key_count *)a)->key, y = ((const key_count *)b)->key;
    return (x > y) - (x < y);
}

/* One counter's entries to fn, in key order (the same statistics give the
 * same bytes, whatever order the documents came in). */
static depeche_status
each_count(const counter *c, depeche_count_kind kind, depeche_count_fn fn,
           void *user)
{
    key_count *v = malloc((c->count ? c->count : 1) * sizeof *v);
    if (!v)
        return DEPECHE_ERR_NOMEM;
    size_t n = 0;
    for (size_t i = 0; i < c->cap; i++)
        if (c->keys[i])
            v[n++] = (key_count){c->keys[i], c->counts[i]};
    qsort(v, n, sizeof *v, by_key);
    depeche_status st = DEPECHE_OK;
    for (size_t i = 0; i < n && !st; i++)
        st = fn(user, kind, v[i].key, v[i].count);
    free(v);
    return st;
}

depeche_status
depeche_cleaner_each_count(const depeche_cleaner *c, depeche_count_fn fn,
                           void *user)
{
    depeche_status st =
        each_count(&c->source_docs, DEPECHE_COUNT_SOURCE, fn, user);
    return st ? st : each_count(&c->line_docs, DEPECHE_COUNT_LINE, fn, user);
}

depeche_status
depeche_cleaner_add_count(depeche_cleaner *c, depeche_count_kind kind,
                          uint64_t key, uint32_t count)
{
    if (!key)
        return DEPECHE_ERR_INVALID_ARG; /* 0 marks an empty slot */
    counter *t = kind == DEPECHE_COUNT_SOURCE ? &c->source_docs : &c->line_docs;
    uint32_t *k = counter_slot(t, key, 1);
    if (!k)
        return DEPECHE_ERR_NOMEM;
    *k = count > UINT32_MAX - *k ? UINT32_MAX : *k + count;
    return DEPECHE_OK;
}

/* CL-X: a line held by at least RECUR_MIN_DOCS documents of the source and
 * by at least half of them is that source's boilerplate. */
static void
mark_recurring(const depeche_cleaner *c, depeche_doc *doc, line *lines,
               size_t n, depeche_buf *keys)
{
    counter *sources = (counter *)&c->source_docs;
    uint64_t src = source_hash(doc);
    uint32_t *docs = counter_slot(sources, src, 0);
    if (!docs || *docs < RECUR_MIN_DOCS)
        return;
    for (size_t i = 0; i < n; i++) {
        line *l = &lines[i];
        if (!recur_candidate(l))
            continue;
        const char *key;
        size_t kn;
        if (line_key(doc->input, l, keys, &key, &kn) || !kn)
            continue;
        uint32_t *k =
            counter_slot((counter *)&c->line_docs, line_hash(src, key, kn), 0);
        if (k && *k >= RECUR_MIN_DOCS && (uint64_t)*k * 2 >= *docs) {
            l->kind = DEPECHE_KIND_BOILERPLATE;
            l->reason = DEPECHE_REASON_BOILERPLATE;
        }
    }
}

static void
read_source(depeche_doc *doc, const line *lines, size_t n)
{
    for (size_t i = 0; i < n; i++) {
        const line *l = &lines[i];
        if (l->kind == DEPECHE_KIND_SITE && !doc->meta.source)
            set_source(doc, doc->input + l->text_start,
                       l->text_end - l->text_start);
        if (l->kind == DEPECHE_KIND_BYLINE)
            read_byline(doc, l);
    }
}

depeche_status
depeche_cleaner_observe(depeche_cleaner *c, depeche_doc *doc)
{
    line *lines = NULL;
    size_t n = 0;
    depeche_buf keys = {0};
    key_set seen = {0};
    depeche_status st = split_lines(doc, &lines, &n);
    for (size_t i = 0; !st && i < n; i++)
        classify(c, doc->input, &lines[i], &keys);
    if (!st)
        read_source(doc, lines, n);
    uint64_t src = source_hash(doc);
    uint32_t *docs = st ? NULL : counter_slot(&c->source_docs, src, 1);
    if (!st && !docs)
        st = DEPECHE_ERR_NOMEM;
    if (!st)
        ++*docs;
    for (size_t i = 0; !st && i < n; i++) {
        if (!recur_candidate(&lines[i]))
            continue;
        const char *key;
        size_t kn;
        st = line_key(doc->input, &lines[i], &keys, &key, &kn);
        int dup = 0;
        if (!st && kn)
            st = key_set_add(&seen, key, kn, &dup, NULL);
        if (st || dup || !kn)
            continue; /* a line counts once a document */
        uint32_t *k = counter_slot(&c->line_docs, line_hash(src, key, kn), 1);
        if (!k)
            st = DEPECHE_ERR_NOMEM;
        else
            ++*k;
    }
    key_set_free(&seen);
    free(lines);
    depeche_buf_free(&keys);
    return st;
}

/* ---- output ------------------------------------------------------------ */

/* Adds a block, merging it into the previous one when both are dropped for
 * the same reason.  Blank lines inside a run of repeats join the run. */
static depeche_status
emit_block(depeche_doc *doc, depeche_block b)
{
    if (doc->block_count && b.reason != DEPECHE_REASON_NONE) {
        depeche_block *p = &doc->blocks[doc->block_count - 1];
        if (p->reason == b.reason) {
            p->end = b.end;
            return DEPECHE_OK;
        }
        if (b.reason == DEPECHE_REASON_DUPLICATE &&
            p->reason == DEPECHE_REASON_BLANK && doc->block_count >= 2 &&
            p[-1].reason == DEPECHE_REASON_DUPLICATE) {
            doc->block_count--;
            doc->blocks[doc->block_count - 1].end = b.end;
            return DEPECHE_OK;
        }
    }
    return depeche_doc_add_block(doc, b);
}

static depeche_status
emit_blocks(depeche_doc *doc, const line *lines, size_t n)
{
    depeche_status st = DEPECHE_OK;
    for (size_t i = 0; i < n && !st; i++) {
        const line *l = &lines[i];
        if (l->kind == DEPECHE_KIND_DATELINE &&
            l->reason == DEPECHE_REASON_NONE) {
            st = emit_block(doc, (depeche_block){DEPECHE_KIND_DATELINE,
                                                 DEPECHE_REASON_NONE, l->start,
                                                 l->body_start});
            if (!st)
                st = emit_block(doc, (depeche_block){DEPECHE_KIND_BODY,
                                                     DEPECHE_REASON_NONE,
                                                     l->body_start, l->end});
            continue;
        }
        st = emit_block(doc,
                        (depeche_block){l->kind, l->reason, l->start, l->end});
    }
    return st;
}

/* The first content line is the title when it reads like one and more
 * content follows; the next is searched for a dateline. */
static void
find_title_and_dateline(depeche_doc *doc, line *lines, size_t n)
{
    line *first = NULL, *second = NULL;
    for (size_t i = 0; i < n && !second; i++) {
        if (lines[i].reason != DEPECHE_REASON_NONE)
            continue;
        if (!first)
            first = &lines[i];
        else
            second = &lines[i];
    }
    if (!first)
        return;
    line *body = first;
    if (second &&
        looks_like_title(doc->input, first->text_start, first->text_end)) {
        first->kind = DEPECHE_KIND_TITLE;
        doc->meta.title = meta_text(doc, first->text_start, first->text_end);
        body = second;
    }
    read_dateline(doc, body);
}

/* CL-W: the lines of a text scrape around its article (clean_web.c). */
static depeche_status
mark_outside_article(const depeche_cleaner *c, const depeche_doc *doc,
                     line *lines, size_t n)
{
    depeche_web_line *web = calloc(n + 1, sizeof *web);
    uint8_t *outside = calloc(n + 1, 1);
    depeche_status st = web && outside ? DEPECHE_OK : DEPECHE_ERR_NOMEM;
    for (size_t i = 0; !st && i < n; i++)
        web[i] = (depeche_web_line){lines[i].text_start, lines[i].text_end,
                                    lines[i].reason != DEPECHE_REASON_NONE ||
                                        lines[i].kind != DEPECHE_KIND_BODY};
    if (!st)
        st = depeche_web_outside_lines(c->chrome, doc->input, web, n, outside);
    for (size_t i = 0; !st && i < n; i++)
        if (outside[i]) {
            lines[i].kind = DEPECHE_KIND_BOILERPLATE;
            lines[i].reason = DEPECHE_REASON_OUTSIDE;
        }
    free(web);
    free(outside);
    return st;
}

depeche_status
depeche_clean_doc(const depeche_cleaner *c, depeche_doc *doc,
                  depeche_error *err)
{
    line *lines = NULL;
    size_t n = 0;
    depeche_buf keys = {0}; /* every line's key, computed once */
    depeche_status st = split_lines(doc, &lines, &n);
    for (size_t i = 0; !st && i < n; i++)
        classify(c, doc->input, &lines[i], &keys);
    if (!st && !(c->flags & DEPECHE_NO_CLEAN)) {
        read_source(doc, lines, n);
        mark_recurring(c, doc, lines, n, &keys);
        if (!(c->flags & DEPECHE_KEEP_DUPLICATES))
            st = mark_repeats(c, doc, lines, n, &keys);
        /* A part of a long document (corpus.c) is no page around an
         * article, and only the first holds the title and dateline. */
        if (!st && !depeche_doc_is_part(doc))
            st = mark_outside_article(c, doc, lines, n);
        if (!st && doc->part == 0)
            find_title_and_dateline(doc, lines, n);
    }
    if (!st)
        st = emit_blocks(doc, lines, n);
    free(lines);
    depeche_buf_free(&keys);
    if (st)
        return depeche_fail(err, st, DEPECHE_NO_OFFSET, "%s",
                            depeche_strerror(st));
    return DEPECHE_OK;
}
