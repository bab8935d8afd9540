/* segment.c -- French sentence splitting.
 *
 * A line is split after terminal punctuation (. ! ? … and ; before a
 * capital) when what follows looks like the start of a sentence.  Each
 * decision is a rule with an ID, and each ID has golden tests in
 * tests/golden/segment/fr-sbN-*.in:
 *
 *   FR-SB1  line breaks are hard boundaries; a blank line or U+2029 starts a
 *           paragraph (the one definition is in utf8.h)
 *   FR-SB2  a break needs whitespace after the punctuation (3.5, O.N.U,
 *           www.a.fr, x@y.fr never split)
 *   FR-SB3  closing quotes and brackets after the punctuation stay with the
 *           sentence; a » after a space (NBSP, NNBSP) too when the line
 *           opened its « (even sentences back), it ends in ? ! or …, or a
 *           lower-case word follows it (`demain. », a-t-il dit`); an incise
 *           after a quote goes on with it (`fin. » – a constaté`)
 *   FR-SB4  a title (M. Mme Dr ...) or an abbreviation that only stands
 *           inside a sentence (cf. p. ex. c.-à-d.) never ends one
 *   FR-SB5  a common abbreviation (janv. hab. ...) ends one only before a
 *           word that typically opens a French sentence (Le, Il, Cette ...)
 *   FR-SB6  a numeric abbreviation (art. p. vol. ...) never ends one before
 *           a digit, and is common otherwise (art. L. 123)
 *   FR-SB7  a sentence-final abbreviation (etc. av. J.-C. Inc.) ends one
 *           before an upper-case word
 *   FR-SB8  initials and dotted acronyms (J.-P. O.N.U. C.) end one only
 *           before a sentence opener, not before a name's particle (J.-M. Le
 *           Pen)
 *   FR-SB9  a list number (1. II. A.) opening a sentence is not its end
 *   FR-SB10 nothing ends before a lower-case word but FR-SB13
 *   FR-SB11 an ellipsis in brackets ([...] (…)) is an elision, not an end
 *   FR-SB12 otherwise . ! ? … followed by whitespace and an upper-case
 *           letter, a digit or an opening quote or dash end a sentence
 *   FR-SB13 a single period after a whole word (not an abbreviation: a long
 *           word, or one ending in a vowel) ends one even before lower case
 *   FR-SB14 a semicolon ends one before a capitalized sentence opener
 *   FR-SB15 an ellipsis (... or …) before a number does not end one
 *   FR-SB16 a span with no letter or digit (`.`, `..`, `»`, `* * *`) is no
 *           sentence: it ends the sentence before it in its line (a stray
 *           period or quote belongs there); first in its line, it is
 *           handed back as dropped, for the caller to report (DEPECHE-009)
 */
#include "segment.h"

#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include <utf8proc.h>

#if defined(__SSE2__)
#include <emmintrin.h> /* 16 bytes at a time in the hot loops */
#endif

#include "buf.h"
#include "options.h"
#include "dicts.h"
#include "dicts_lang.h"
#include "hash.h"
#include "lang.h"
#include "utf8.h"

/* ------------------------------------------------------------------------ */
/* The abbreviation table                                                   */
/* ------------------------------------------------------------------------ */

/* Entry classes, one per section of dicts/fr/abbrev.txt (dicts/en/abbrev.txt
 * for English).  A key may be in
 * several sections, hence bits. */
enum {
    AB_COMMON = 1u << 0,  /* [common]: FR-SB5 */
    AB_TITLE = 1u << 1,   /* [title], [inner]: FR-SB4 */
    AB_NUMBER = 1u << 2,  /* [number]: FR-SB6 */
    AB_FINAL = 1u << 3,   /* [final]: FR-SB7 */
    AB_STARTER = 1u << 4, /* [starters]: words that open sentences */
    AB_PARTICLE = 1u << 5 /* [particles]: also open names (Le Pen) */
};

/* Keys are at most this long; longer list entries are refused. */
#define KEY_MAX 64

typedef struct entry {
    uint32_t off; /* key offset in keys; 0 marks an empty slot */
    uint16_t len;
    uint16_t flags;
} entry;

struct depeche_abbrevs {
    entry *slots;
    size_t cap, count; /* cap is a power of two */
    depeche_buf keys;  /* every key, NUL-separated; byte 0 unused */
    /* Most words before a period are no key: their length or first byte
     * says so without hashing. */
    uint32_t filter[16][8]; /* bit [n % 16][c]: a key of n bytes starts
                               with byte c */
};

static const entry *
find_slot(const depeche_abbrevs *a, const char *s, size_t n)
{
    size_t mask = a->cap - 1;
    for (size_t i = depeche_hash(s, n) & mask;; i = (i + 1) & mask) {
        const entry *e = &a->slots[i];
        if (!e->off ||
            (e->len == n && memcmp(a->keys.data + e->off, s, n) == 0))
            return e;
    }
}

static unsigned
lookup(const depeche_abbrevs *a, const char *s, size_t n)
{
    unsigned char c = (unsigned char)(n ? s[0] : 0);
    if (n == 0 || n > KEY_MAX || !(a->filter[n & 15][c >> 5] >> (c & 31) & 1))
        return 0;
    const entry *e = find_slot(a, s, n);
    return e->off ? e->flags : 0;
}

static depeche_status
grow_table(depeche_abbrevs *a)
{
    size_t ncap = a->cap ? a->cap * 2 : 256;
    entry *slots = calloc(ncap, sizeof *slots);
    if (!slots)
        return DEPECHE_ERR_NOMEM;
    entry *old = a->slots;
    size_t ocap = a->cap;
    a->slots = slots;
    a->cap = ncap;
    for (size_t i = 0; i < ocap; i++) {
        if (!old[i].off)
            continue;
        entry *e = (entry *)find_slot(a, a->keys.data + old[i].off, old[i].len);
        *e = old[i];
    }
    free(old);
    return DEPECHE_OK;
}

static depeche_status
add_key(depeche_abbrevs *a, const char *s, size_t n, unsigned flags)
{
    if ((a->count + 1) * 2 > a->cap) {
        depeche_status st = grow_table(a);
        if (st)
            return st;
    }
    entry *e = (entry *)find_slot(a, s, n);
    if (e->off) {
        e->flags |= (uint16_t)flags;
        return DEPECHE_OK;
    }
    if (a->keys.len + n + 1 > UINT32_MAX)
        return DEPECHE_ERR_LIMIT;
    uint32_t off = (uint32_t)a->keys.len;
    if (depeche_buf_put(&a->keys, s, n) || depeche_buf_putc(&a->keys, '\0'))
        return DEPECHE_ERR_NOMEM;
    e->off = off;
    e->len = (uint16_t)n;
    a->filter[n & 15][(unsigned char)s[0] >> 5] |=
        1u << ((unsigned char)s[0] & 31);
    e->flags = (uint16_t)flags;
    a->count++;
    return DEPECHE_OK;
}

typedef struct loader {
    depeche_abbrevs *a;
    unsigned section;
    const char *name; /* message prefix: the built-in list's name */
    depeche_error *err;
    depeche_status st;
} loader;

static const struct {
    const char *name;
    unsigned flags;
} sections[] = {
    {"[common]", AB_COMMON},
    {"[title]", AB_TITLE},
    {"[inner]", AB_TITLE},
    {"[number]", AB_NUMBER},
    {"[final]", AB_FINAL},
    {"[starters]", AB_STARTER},
    {"[particles]", AB_STARTER | AB_PARTICLE},
};

/* One list line: a section header, or an entry as written ("M.", "p. ex.").
 * The key drops the final period (the splitter looks the word up without
 * it) and folds inner whitespace to one space. */
static int
load_line(void *user, const char *s, size_t n, size_t lineno)
{
    loader *ld = user;
    if (s[0] == '[') {
        for (size_t i = 0; i < sizeof sections / sizeof sections[0]; i++) {
            if (strlen(sections[i].name) == n &&
                memcmp(sections[i].name, s, n) == 0) {
                ld->section = sections[i].flags;
                return 0;
            }
        }
        ld->st = depeche_fail(ld->err, DEPECHE_ERR_DICT, DEPECHE_NO_OFFSET,
                              "%sline %zu: unknown section %.*s", ld->name,
                              lineno, (int)(n > 40 ? 40 : n), s);
        return 1;
    }
    char key[KEY_MAX + 1];
    size_t k = 0;
    for (size_t i = 0; i < n; i++) {
        int sp = s[i] == ' ' || s[i] == '\t';
        if (sp && k && key[k - 1] == ' ')
            continue;
        if (k == KEY_MAX) {
            ld->st = depeche_fail(ld->err, DEPECHE_ERR_DICT, DEPECHE_NO_OFFSET,
                                  "%sline %zu: entry longer than %d bytes",
                                  ld->name, lineno, KEY_MAX);
            return 1;
        }
        key[k++] = sp ? ' ' : s[i];
    }
    if (k > 1 && key[k - 1] == '.')
        k--;
    /* A typographic apostrophe is looked up as the ASCII one. */
    if (k >= 3 && memcmp(key + k - 3, "\xE2\x80\x99", 3) == 0) {
        k -= 2;
        key[k - 1] = '\'';
    }
    ld->st = add_key(ld->a, key, k, ld->section);
    if (ld->st)
        depeche_fail(ld->err, ld->st, DEPECHE_NO_OFFSET, "%s",
                     depeche_strerror(ld->st));
    return ld->st != DEPECHE_OK;
}

static depeche_status
load_list(depeche_abbrevs *a, const char *data, size_t len, const char *name,
          depeche_error *err)
{
    loader ld = {a, AB_COMMON, name, err, DEPECHE_OK};
    depeche_dict_each_line(data, len, load_line, &ld);
    return ld.st;
}

depeche_status
depeche_abbrevs_new(const char *lang, const char *extra_file,
                    depeche_abbrevs **out, depeche_error *err)
{
    if (!out)
        return depeche_fail(err, DEPECHE_ERR_INVALID_ARG, DEPECHE_NO_OFFSET,
                            "no place for the result");
    *out = NULL;
    depeche_abbrevs *a = calloc(1, sizeof *a);
    if (!a || depeche_buf_putc(&a->keys, '\0') || grow_table(a)) {
        depeche_abbrevs_free(a);
        return depeche_fail(err, DEPECHE_ERR_NOMEM, DEPECHE_NO_OFFSET,
                            "out of memory");
    }
    depeche_dict_text builtin = depeche_bundle_list(lang, DEPECHE_LIST_ABBREV);
    char prefix[64]; /* messages name the built-in list: "fr/abbrev.txt: " */
    snprintf(prefix, sizeof prefix, "%s: ", builtin.name);
    depeche_status st = load_list(a, builtin.data, builtin.len, prefix, err);
    if (!st && extra_file) {
        char *data = NULL;
        size_t len = 0;
        int rc = depeche_read_file(extra_file, &data, &len);
        if (rc)
            st =
                depeche_fail(err, DEPECHE_ERR_DICT, DEPECHE_NO_OFFSET,
                             "cannot read the abbreviations: %s", strerror(rc));
        else if (depeche_utf8_check(data, len) != len)
            st = depeche_fail(err, DEPECHE_ERR_DICT,
                              depeche_utf8_check(data, len),
                              "abbreviations: invalid UTF-8");
        else
            st = load_list(a, data, len, "", err);
        free(data);
    }
    if (st) {
        depeche_abbrevs_free(a);
        return st;
    }
    *out = a;
    return DEPECHE_OK;
}

void
depeche_abbrevs_free(depeche_abbrevs *a)
{
    if (!a)
        return;
    free(a->slots);
    depeche_buf_free(&a->keys);
    free(a);
}

/* ------------------------------------------------------------------------ */
/* Characters                                                               */
/* ------------------------------------------------------------------------ */

enum { CC_OTHER, CC_UPPER, CC_LOWER, CC_DIGIT, CC_LETTER, CC_END };

static int32_t
decode_at(const unsigned char *t, size_t len, size_t i, size_t *n)
{
    if (t[i] < 0x80) {
        *n = 1;
        return t[i];
    }
    int32_t cp;
    *n = depeche_utf8_decode(t + i, len - i, &cp);
    return cp;
}

static int
char_class(int32_t cp)
{
    if (cp < 0x80) {
        if (cp >= 'A' && cp <= 'Z')
            return CC_UPPER;
        if (cp >= 'a' && cp <= 'z')
            return CC_LOWER;
        if (cp >= '0' && cp <= '9')
            return CC_DIGIT;
        return CC_OTHER;
    }
    if (cp < 0)
        return CC_OTHER;
    switch (utf8proc_category(cp)) {
    case UTF8PROC_CATEGORY_LU:
    case UTF8PROC_CATEGORY_LT:
        return CC_UPPER;
    case UTF8PROC_CATEGORY_LL:
        return CC_LOWER;
    case UTF8PROC_CATEGORY_ND:
        return CC_DIGIT;
    case UTF8PROC_CATEGORY_LM:
    case UTF8PROC_CATEGORY_LO:
        return CC_LETTER;
    default:
        return CC_OTHER;
    }
}

static int
is_letter(int cc)
{
    return cc == CC_UPPER || cc == CC_LOWER || cc == CC_LETTER;
}

/* Bytes of the whitespace character at t[i], or 0.  Spaces are White_Space
 * characters other than line breaks (utf8.h: U+2028 and U+2029 end the
 * line before it gets here), plus the invisible U+200B and U+FEFF, which
 * scraped copy carries at sentence edges. */
static size_t
space_at(const unsigned char *t, size_t len, size_t i)
{
    unsigned char c = t[i];
    if (c == ' ' || c == '\t' || c == '\v' || c == '\f')
        return 1;
    if (c < 0xC2)
        return 0;
    if (c == 0xC2)
        return i + 1 < len && (t[i + 1] == 0xA0 || t[i + 1] == 0x85) ? 2 : 0;
    if (i + 2 >= len)
        return 0;
    unsigned char c1 = t[i + 1], c2 = t[i + 2];
    if (c == 0xE2 && c1 == 0x80)
        return (c2 <= 0x8B || c2 == 0xAF) ? 3 : 0;
    if (c == 0xE2 && c1 == 0x81)
        return c2 == 0x9F ? 3 : 0;
    if (c == 0xE1)
        return c1 == 0x9A && c2 == 0x80 ? 3 : 0;
    if (c == 0xE3)
        return c1 == 0x80 && c2 == 0x80 ? 3 : 0;
    if (c == 0xEF)
        return c1 == 0xBB && c2 == 0xBF ? 3 : 0;
    return 0;
}

/* Bytes of the whitespace character ending at t[i - 1], or 0. */
static size_t
space_before(const unsigned char *t, size_t floor, size_t i)
{
    if (i == floor)
        return 0;
    unsigned char c = t[i - 1];
    if (c < 0x80)
        return c == ' ' || c == '\t' || c == '\v' || c == '\f';
    /* Only these bytes end a multi-byte space (see space_at). */
    if (!(c <= 0x8B || c == 0xA0 || c == 0xAF || c == 0x9F || c == 0xBF))
        return 0;
    for (size_t k = 2; k <= 3 && i - floor >= k; k++)
        if (space_at(t, i, i - k) == k)
            return k;
    return 0;
}

static int
is_terminator(int32_t cp)
{
    return cp == '.' || cp == '!' || cp == '?' || cp == 0x2026 ||
           cp == 0x203C || cp == 0x2047 || cp == 0x2048 || cp == 0x2049;
}

/* Closing quotes and brackets that stay with the sentence before them. */
static int
is_closer(int32_t cp)
{
    switch (cp) {
    case ')':
    case ']':
    case '}':
    case '\'':
    case 0x00BB:
    case 0x201D:
    case 0x2019:
    case 0x203A:
        return 1;
    default:
        return 0;
    }
}

/* Closers that French sets off with a (no-break) space: « … ? ». */
static int
is_spaced_closer(int32_t cp)
{
    return cp == 0x00BB || cp == 0x201D || cp == 0x203A;
}

/* What may stand before a sentence's first letter. */
static int
is_opener(int32_t cp)
{
    switch (cp) {
    case '"':
    case '\'':
    case '(':
    case '[':
    case '{':
    case '-':
    case '*':
    case 0x00AB:
    case 0x201C:
    case 0x2018:
    case 0x201E:
    case 0x2039:
    case 0x2013:
    case 0x2014:
    case 0x2022:
    case 0x00BF:
    case 0x00A1:
        return 1;
    default:
        return 0;
    }
}

/* ------------------------------------------------------------------------ */
/* Splitting one line                                                       */
/* ------------------------------------------------------------------------ */

/* Bytes scanned back from a period for the word before it: abbreviations,
 * initials and list numbers are all shorter. */
#define WORD_BACK 96

/* The bytes that wake the splitter: . ! ? ; and the last byte of U+2026 …
 * and U+203C ‼ (E2 80 A6, E2 80 BC).  Waking on their lead byte E2 would
 * stop at every ’ of typographic French. */
static const unsigned char hot[256] = {
    ['.'] = 1, ['!'] = 1, ['?'] = 1, [';'] = 1, [0xA6] = 1, [0xBC] = 1,
};

/* Offset of the first hot byte in t[i, len), or len.  Terminators are a
 * byte in a hundred: skip 16 bytes at a time where SSE2 allows. */
static size_t
next_hot(const unsigned char *t, size_t i, size_t len)
{
#if defined(__SSE2__)
    const __m128i dot = _mm_set1_epi8('.'), bang = _mm_set1_epi8('!'),
                  ques = _mm_set1_epi8('?'), semi = _mm_set1_epi8(';'),
                  a6 = _mm_set1_epi8((char)0xA6),
                  bc = _mm_set1_epi8((char)0xBC);
    for (; len - i >= 32; i += 32) {
        __m128i v = _mm_loadu_si128((const __m128i *)(const void *)(t + i));
        __m128i w =
            _mm_loadu_si128((const __m128i *)(const void *)(t + i + 16));
        __m128i m = _mm_or_si128(
            _mm_or_si128(_mm_cmpeq_epi8(v, dot), _mm_cmpeq_epi8(v, bang)),
            _mm_or_si128(
                _mm_or_si128(_mm_cmpeq_epi8(v, ques), _mm_cmpeq_epi8(v, semi)),
                _mm_or_si128(_mm_cmpeq_epi8(v, a6), _mm_cmpeq_epi8(v, bc))));
        __m128i x = _mm_or_si128(
            _mm_or_si128(_mm_cmpeq_epi8(w, dot), _mm_cmpeq_epi8(w, bang)),
            _mm_or_si128(
                _mm_or_si128(_mm_cmpeq_epi8(w, ques), _mm_cmpeq_epi8(w, semi)),
                _mm_or_si128(_mm_cmpeq_epi8(w, a6), _mm_cmpeq_epi8(w, bc))));
        unsigned bits = (unsigned)_mm_movemask_epi8(m) |
                        (unsigned)_mm_movemask_epi8(x) << 16;
        if (bits)
            return i + (size_t)__builtin_ctz(bits);
    }
#endif
    while (i < len && !hot[t[i]])
        i++;
    return i;
}

typedef struct line {
    const depeche_abbrevs *a;
    const unsigned char *t;
    size_t len;
    size_t start; /* where the current sentence starts */
    /* « and “ opened in the sentence and not closed, counted lazily up to
     * qpos: only a » after a sentence end needs to know. */
    int quotes;
    size_t qpos;
    /* Straight double quotes in the line before spos, counted lazily too:
     * a spaced " after a sentence end opens when they are even. */
    size_t straight, spos;
} line;

/* Kinds of word before a period. */
enum {
    W_NONE,    /* nothing: " . " or a closer "). " */
    W_WORD,    /* an ordinary word */
    W_NUMBER,  /* digits */
    W_ROMAN,   /* II, XIV */
    W_INITIAL, /* C, J.-P, O.N.U */
};

static int
is_roman(const unsigned char *s, size_t n)
{
    if (n == 0 || n > 7)
        return 0;
    for (size_t i = 0; i < n; i++) {
        switch (s[i]) {
        case 'I':
        case 'V':
        case 'X':
        case 'L':
        case 'C':
        case 'D':
        case 'M':
            break;
        default:
            return 0;
        }
    }
    return 1;
}

/* Letters separated by periods, with an optional hyphen after a period:
 * J, J.-P, O.N.U, LL.AA.II.RR (doubled letters for plurals).  A lone
 * letter must be a capital: a. b. number a list. */
static int
is_initials(const unsigned char *t, size_t len, size_t s, size_t e)
{
    size_t i = s, parts = 0, run = 0;
    int upper = 0;
    while (i < e) {
        run = 0;
        while (i < e && t[i] != '.' && t[i] != '-') {
            size_t n;
            int cc = char_class(decode_at(t, len, i, &n));
            if (!is_letter(cc) || ++run > 2)
                return 0;
            upper |= cc == CC_UPPER;
            i += n;
        }
        if (run == 0)
            return 0;
        parts++;
        if (i < e && t[i] == '.')
            i++;
        else if (i < e)
            return 0; /* a hyphen without a period: Jean-P */
        if (i < e && t[i] == '-')
            i++;
    }
    if (parts == 1)
        return run == 1 && upper;
    return parts > 1;
}

static int
is_vowel(int32_t cp)
{
    static const int32_t v[] = {
        'a',  'e',  'i',  'o',  'u',  'y',  0xE0, 0xE2, 0xE6, 0xE8,  0xE9,
        0xEA, 0xEB, 0xEE, 0xEF, 0xF4, 0xF9, 0xFB, 0xFC, 0xFF, 0x153,
    };
    if (cp >= 'A' && cp <= 'Z')
        cp += 'a' - 'A';
    else if (cp >= 0xC0 && cp <= 0xDE)
        cp += 0x20;
    else if (cp == 0x152)
        cp = 0x153;
    for (size_t i = 0; i < sizeof v / sizeof v[0]; i++)
        if (v[i] == cp)
            return 1;
    return 0;
}

/* FR-SB13: does t[s, e) look like a whole word rather than a cut one?
 * French cuts words before a vowel (janv., boul., env.), so a word ending
 * in a vowel, a long word or an acronym is whole. */
static int
full_word(const line *l, size_t s, size_t e)
{
    size_t letters = 0, upper = 0, n;
    int32_t last = 0;
    for (size_t i = s; i < e; i += n) {
        int32_t cp = decode_at(l->t, l->len, i, &n);
        int cc = char_class(cp);
        if (is_letter(cc)) {
            letters++;
            upper += cc == CC_UPPER;
        } else if (!(i > s && (cp == '-' || cp == '\'' || cp == 0x2019))) {
            return 0;
        }
        last = cp;
    }
    if (letters < 2)
        return 0;
    return is_vowel(last) || letters >= 5 || upper == letters;
}

/* Classifies the word t[s, e) that ends at a period. */
static int
word_kind(const line *l, size_t s, size_t e)
{
    const unsigned char *t = l->t;
    if (s == e)
        return W_NONE;
    size_t digits = 0;
    while (s + digits < e && t[s + digits] >= '0' && t[s + digits] <= '9')
        digits++;
    if (digits == e - s)
        return W_NUMBER;
    if (is_roman(t + s, e - s))
        return e - s == 1 ? W_INITIAL : W_ROMAN;
    if ((e - s <= 2 || memchr(t + s, '.', e - s)) &&
        is_initials(t, l->len, s, e))
        return W_INITIAL;
    return W_WORD;
}

/* The abbreviation classes of t[s, e), trying the two-word form first
 * ("p. ex"), then the word, then the word without its capital ("Cf"). */
static unsigned
abbrev_flags(const line *l, size_t s, size_t e)
{
    const unsigned char *t = l->t;
    size_t n = e - s;
    if (n == 0 || n > KEY_MAX)
        return 0;
    char key[2 * KEY_MAX + 2];
    /* The word before, when it ends in a period: "p." of "p. ex.". */
    size_t sp = space_before(t, l->start, s);
    if (sp && s - sp > l->start && t[s - sp - 1] == '.') {
        size_t pe = s - sp - 1, ps = pe;
        while (ps > l->start && pe - ps < KEY_MAX &&
               !space_before(t, l->start, ps))
            ps--;
        while (ps < pe && (t[ps] == '(' || t[ps] == '[' || t[ps] == '"'))
            ps++;
        if (pe > ps && pe - ps < KEY_MAX) {
            /* Offsets into key are computed apart from the line's: key +
             * pe would point far past key on a long line. */
            size_t first = pe - ps + 1; /* "p." */
            memcpy(key, t + ps, first);
            key[first] = ' ';
            memcpy(key + first + 1, t + s, n);
            unsigned f = lookup(l->a, key, first + 1 + n);
            if (f & ~(unsigned)(AB_STARTER | AB_PARTICLE))
                return f;
        }
    }
    unsigned f = lookup(l->a, (const char *)t + s, n);
    if (f & ~(unsigned)(AB_STARTER | AB_PARTICLE))
        return f;
    if (n >= 2 && n <= 6 && t[s] >= 'A' && t[s] <= 'Z') {
        memcpy(key, t + s, n);
        key[0] = (char)(key[0] - 'A' + 'a');
        f = lookup(l->a, key, n);
        if (f & ~(unsigned)(AB_STARTER | AB_PARTICLE))
            return f;
    }
    return 0;
}

/* The first word at t[i] (letters, with a final apostrophe as in L'),
 * looked up in the starter lists.  Returns its flags and sets *after. */
static unsigned
starter_flags(const line *l, size_t i, size_t *after)
{
    const unsigned char *t = l->t;
    char key[KEY_MAX + 1];
    size_t k = 0;
    *after = i;
    while (i < l->len) {
        size_t n;
        int32_t cp = decode_at(t, l->len, i, &n);
        if (is_letter(char_class(cp))) {
            if (k + n > KEY_MAX)
                return 0;
            memcpy(key + k, t + i, n);
            k += n;
            i += n;
            continue;
        }
        if (cp == '\'' || cp == 0x2019) {
            if (k + 1 > KEY_MAX)
                return 0;
            key[k++] = '\'';
            i += n;
        }
        break;
    }
    *after = i;
    return lookup(l->a, key, k);
}

/* FR-SB5, FR-SB8: is the word at t[i] one that opens French sentences (Le,
 * Il, Cette, En...)?  With `names`, not when it is the particle of a name
 * (J.-M. Le Pen, C. De Gaulle). */
static int
starts_sentence(const line *l, size_t i, int names)
{
    size_t after;
    unsigned f = starter_flags(l, i, &after);
    if (!(f & AB_STARTER))
        return 0;
    if (names && (f & AB_PARTICLE)) {
        size_t j = after, n;
        while (j < l->len && (n = space_at(l->t, l->len, j)) > 0)
            j += n;
        if (j > after && j < l->len &&
            char_class(decode_at(l->t, l->len, j, &n)) == CC_UPPER)
            return 0;
    }
    return 1;
}

int
depeche_has_word_char(const char *text, size_t len)
{
    const unsigned char *t = (const unsigned char *)text;
    size_t n;
    for (size_t i = 0; i < len; i += n) {
        int cc = char_class(decode_at(t, len, i, &n));
        if (is_letter(cc) || cc == CC_DIGIT)
            return 1;
    }
    return 0;
}

void
depeche_dropped_message(char *msg, const char *text, size_t len)
{
    static const char prefix[] = "no letter or digit, not a segment: dropped ";
    /* Cut on a character boundary, leaving room for the ellipsis. */
    size_t room = DEPECHE_DROPPED_MESSAGE_MAX - sizeof prefix - 3;
    size_t n = len;
    if (n > room) {
        n = room;
        while (n > 0 && ((unsigned char)text[n] & 0xC0) == 0x80)
            n--;
    }
    memcpy(msg, prefix, sizeof prefix - 1);
    memcpy(msg + sizeof prefix - 1, text, n);
    size_t at = sizeof prefix - 1 + n;
    if (n < len) {
        memcpy(msg + at, "\xE2\x80\xA6", 3);
        at += 3;
    }
    msg[at] = '\0';
}

/* FR-SB16: the spans of a line on their way out.  One is held back until
 * the next shows whether it extends it: a bare span (no letter or digit)
 * joins the one held, and a bare span held when a sentence comes, or the
 * line ends, goes to `dropped`. */
typedef struct spans {
    depeche_span_fn sentence, dropped;
    void *user;
    size_t start, end;
    int held, bare;
} spans;

static int
release(spans *o)
{
    if (!o->held)
        return 0;
    o->held = 0;
    if (!o->bare)
        return o->sentence(o->user, o->start, o->end);
    return o->dropped ? o->dropped(o->user, o->start, o->end) : 0;
}

static int
hold(spans *o, const unsigned char *t, size_t s, size_t e)
{
    int bare = !depeche_has_word_char((const char *)t + s, e - s);
    if (bare && o->held) {
        o->end = e; /* the spaces between are the line's own */
        return 0;
    }
    if (release(o))
        return 1;
    *o = (spans){o->sentence, o->dropped, o->user, s, e, 1, bare};
    return 0;
}

/* Emits t[s, e) trimmed. */
static int
emit(line *l, size_t s, size_t e, spans *o)
{
    size_t n;
    while (s < e && (n = space_at(l->t, e, s)) > 0)
        s += n;
    while (e > s && (n = space_before(l->t, s, e)) > 0)
        e -= n;
    if (e > s)
        return hold(o, l->t, s, e);
    return 0;
}

/* The « and “ still open in the sentence before t[upto]. */
static int
open_quotes(line *l, size_t upto)
{
    const unsigned char *t = l->t;
    for (size_t i = l->qpos; i + 1 < upto; i++) {
        if (t[i] == 0xC2 && t[i + 1] == 0xAB)
            l->quotes++;
        else if (t[i] == 0xC2 && t[i + 1] == 0xBB && l->quotes)
            l->quotes--;
        else if (t[i] == 0xE2 && i + 2 < upto && t[i + 1] == 0x80 &&
                 t[i + 2] == 0x9C)
            l->quotes++;
        else if (t[i] == 0xE2 && i + 2 < upto && t[i + 1] == 0x80 &&
                 t[i + 2] == 0x9D && l->quotes)
            l->quotes--;
    }
    if (upto > l->qpos)
        l->qpos = upto;
    return l->quotes;
}

/* FR-SB3: does the sentence go on after the closing quote ending at
 * t[i]: a lower-case word, maybe after a comma or a dash (`explication. »
 * – a constaté`, `demain. », a-t-il dit`)?  The quote then closes a
 * quotation of the lines before and cannot start a sentence. */
static int
sentence_goes_on(const unsigned char *t, size_t len, size_t i)
{
    size_t n;
    for (int mark = 0; mark < 2; mark++) {
        while (i < len && (n = space_at(t, len, i)) > 0)
            i += n;
        if (i >= len)
            return 0;
        int32_t cp = decode_at(t, len, i, &n);
        if (char_class(cp) == CC_LOWER)
            return 1;
        if (cp != ',' && cp != '-' && cp != 0x2013 && cp != 0x2014)
            return 0;
        i += n;
    }
    return 0;
}

/* FR-SB3: does a spaced straight quote at `at`, after a sentence end,
 * open?  When the quotes before it in the line are paired and the next one
 * after it can close it.  Text whose opening quote is elsewhere (sentences
 * taken apart, as in the GSD dev text) keeps its unpaired " as a closer. */
static int
straight_quote_opens(line *l, size_t at)
{
    if (at < l->spos)
        l->straight = l->spos = 0;
    for (; l->spos < at; l->spos++)
        l->straight += l->t[l->spos] == '"';
    if (l->straight % 2)
        return 0;
    const unsigned char *q = memchr(l->t + at + 1, '"', l->len - at - 1);
    if (!q)
        return 0;
    /* The next quote must be able to close it: not one that opens, after a
     * space and glued to its word ("le show \"Mamma"). */
    size_t i = (size_t)(q - l->t);
    int opens = l->t[i - 1] == ' ' && i + 1 < l->len && l->t[i + 1] != ' ';
    return !opens;
}

/* FR-SB14: a semicolon before a capitalized word that opens sentences ends
 * one (`...ce point ; Les premières...`): in running French a lower-case
 * word follows it. */
static int
semicolon_ends(line *l, size_t i, size_t *next)
{
    const unsigned char *t = l->t;
    size_t m = i + 1, n;
    while (m < l->len && (n = space_at(t, l->len, m)) > 0)
        m += n;
    if (m == i + 1 || m >= l->len ||
        char_class(decode_at(t, l->len, m, &n)) != CC_UPPER ||
        !starts_sentence(l, m, 1))
        return 0;
    *next = m;
    return 1;
}

/* Where the word ending at t[i] starts: after the last space, at most
 * WORD_BACK bytes back.  *apos is set just after its leftmost apostrophe
 * (l'art), or 0. */
static size_t
word_start(const line *l, size_t i, size_t *apos)
{
    const unsigned char *t = l->t;
    *apos = 0;
#if defined(__SSE2__)
    /* Words are short: one look at the 16 bytes before the period, unless
     * they hold a byte that may belong to a multi-byte space or a
     * typographic apostrophe (lead bytes C2 E1 E2 E3 EF) or a control. */
    if (i >= 16 && i - 16 >= l->start) {
        __m128i v =
            _mm_loadu_si128((const __m128i *)(const void *)(t + i - 16));
        unsigned sp = (unsigned)_mm_movemask_epi8(
            _mm_or_si128(_mm_cmpeq_epi8(v, _mm_set1_epi8(' ')),
                         _mm_cmpeq_epi8(v, _mm_set1_epi8('\t'))));
        __m128i ctl = _mm_and_si128(_mm_cmpgt_epi8(_mm_set1_epi8(' '), v),
                                    _mm_cmpgt_epi8(v, _mm_set1_epi8(-1)));
        __m128i lead = _mm_or_si128(
            _mm_or_si128(_mm_cmpeq_epi8(v, _mm_set1_epi8((char)0xC2)),
                         _mm_cmpeq_epi8(v, _mm_set1_epi8((char)0xE1))),
            _mm_or_si128(
                _mm_or_si128(_mm_cmpeq_epi8(v, _mm_set1_epi8((char)0xE2)),
                             _mm_cmpeq_epi8(v, _mm_set1_epi8((char)0xE3))),
                _mm_cmpeq_epi8(v, _mm_set1_epi8((char)0xEF))));
        unsigned odd = (unsigned)_mm_movemask_epi8(_mm_or_si128(ctl, lead));
        if (sp) {
            int h = 31 - __builtin_clz(sp);
            unsigned above = ~((2u << h) - 1) & 0xFFFFu;
            if (!(odd & above)) {
                unsigned ap = (unsigned)_mm_movemask_epi8(
                                  _mm_cmpeq_epi8(v, _mm_set1_epi8('\''))) &
                              above;
                if (ap)
                    *apos = i - 16 + (size_t)__builtin_ctz(ap) + 1;
                return i - 16 + (size_t)h + 1;
            }
        }
    }
#endif
    size_t ws = i;
    while (ws > l->start && i - ws < WORD_BACK) {
        unsigned char c = t[ws - 1];
        if (c < 0x80 ? c == ' ' || c == '\t' || c == '\v' || c == '\f'
                     : space_before(t, l->start, ws) > 0)
            break;
        if (c == '\'' ||
            (c == 0x99 && ws >= 3 && t[ws - 2] == 0x80 && t[ws - 3] == 0xE2))
            *apos = ws; /* just after the leftmost apostrophe */
        ws--;
    }
    return ws;
}

static int period_ends(line *l, size_t i, size_t f, int nc);

/* Decides whether the terminator at t[i] ends the sentence.  *end is set
 * past the punctuation and its closers, *next to the following sentence's
 * start. */
static int
decide(line *l, size_t i, size_t *end, size_t *next)
{
    const unsigned char *t = l->t;
    size_t len = l->len, n;
    int32_t cp;
    /* Most periods are followed by one space and a letter or digit. */
    if (t[i] == '.' && len - i > 2 && t[i + 1] == ' ' && t[i + 2] < 0x80 &&
        char_class(t[i + 2]) != CC_OTHER) {
        *end = i + 1;
        *next = i + 2;
        return period_ends(l, i, i + 2, char_class(t[i + 2]));
    }
    int has_stop = 0, periods = 0, ellipsis = 0;
    size_t k = i;
    int after_bracket = 0; /* a terminator after a closer: (...). */
    int quoted = 0;        /* a closing quote after the terminator */
    /* Terminators and closers may alternate: `?».`, `!")`; `région".` is
     * handled as its own period. */
    for (;;) {
        while (k < len && is_terminator(cp = decode_at(t, len, k, &n))) {
            if (cp == '.')
                periods++;
            else if (cp == 0x2026)
                ellipsis = 1;
            else
                has_stop = 1;
            k += n;
        }
        /* FR-SB3: closers, and ? ! set off by a space as French wants. */
        int more = 0;
        size_t c = k;
        while (c < len) {
            cp = decode_at(t, len, c, &n);
            if (c > k && (cp == '?' || cp == '!')) {
                k = c;
                more = 1;
                break;
            }
            if (cp == '"') {
                /* Touching the punctuation a straight quote closes; after a
                 * space it closes unless it is glued to the next word. */
                if (c > k && c + 1 < len && !space_at(t, len, c + 1))
                    break;
                /* Spaced on both sides (". \" Je pars \"") it opens the
                 * next sentence when the quotes before it are paired. */
                if (c > k && straight_quote_opens(l, c))
                    break;
                quoted = 1;
            } else if (is_spaced_closer(cp)) {
                /* A » with a space before it closes a quotation opened in
                 * the line, even sentences back, or a question,
                 * exclamation or ellipsis. */
                int open = open_quotes(l, c);
                if (c > k && !open && !has_stop && !ellipsis && periods < 2 &&
                    !sentence_goes_on(t, len, c + n))
                    break;
                if (open)
                    l->quotes--;
                l->qpos = c + n;
                quoted = 1;
            } else if (!is_closer(cp) || c > k) {
                size_t sp = space_at(t, len, c);
                if (!sp)
                    break;
                c += sp;
                continue;
            }
            c += n;
            k = c;
            if (k < len && is_terminator(decode_at(t, len, k, &n))) {
                more = 1;
                after_bracket = 1;
                break;
            }
        }
        if (!more)
            break;
    }
    *end = k;
    if (k >= len)
        return 0; /* the line's end is the boundary */
    /* FR-SB2: whitespace must follow. */
    size_t m = k;
    while (m < len && (n = space_at(t, len, m)) > 0)
        m += n;
    if (m == k || m >= len)
        return 0;
    *next = m;
    /* The first letter or digit of what follows, past opening quotes. */
    size_t f = m;
    int nc = CC_END, guard = 0;
    while (f < len && guard++ < 8) {
        cp = decode_at(t, len, f, &n);
        if (is_opener(cp)) {
            f += n;
            while (f < len && (n = space_at(t, len, f)) > 0)
                f += n;
            continue;
        }
        nc = char_class(cp);
        break;
    }
    if (f >= len)
        nc = CC_END;
    int single = !has_stop && !ellipsis && periods == 1;
    /* FR-SB3: the incise after a quotation goes on with it
     * (`explication. » – a constaté`). */
    cp = decode_at(t, len, m, &n);
    if (quoted && nc == CC_LOWER && (cp == '-' || cp == 0x2013 || cp == 0x2014))
        return 0;
    /* FR-SB15: an ellipsis before a number is a pause ("il y en a... 300"),
     * not an end. */
    if (nc == CC_DIGIT && !has_stop && (ellipsis || periods >= 2))
        return 0;
    /* FR-SB10: before a lower-case word only a single period can end a
     * sentence, and only after a full word (FR-SB13 below). */
    if (nc == CC_LOWER && !single)
        return 0;
    /* FR-SB11: [...] and (…) mark cuts in a quotation. */
    if ((periods >= 2 || ellipsis) && !after_bracket && i > 0 &&
        (t[i - 1] == '(' || t[i - 1] == '['))
        return 0;
    if (!single)
        return 1; /* FR-SB12 */
    return period_ends(l, i, f, nc);
}

/* Whether the single period at t[i], followed by spaces and then by a
 * character of class nc at t[f], ends the sentence: what word does it
 * end? */
static int
period_ends(line *l, size_t i, size_t f, int nc)
{
    const unsigned char *t = l->t;
    size_t len = l->len, n;
    int32_t cp;
    int before_upper = nc == CC_UPPER || nc == CC_LETTER;
    size_t we = i, apos = 0;
    size_t ws = word_start(l, i, &apos);
    if (i - ws >= WORD_BACK)
        return 1; /* too long for an abbreviation */
    /* Skip openers: "(M." "«Dr." */
    size_t ws0 = ws;
    while (ws < we) {
        cp = decode_at(t, len, ws, &n);
        if (!is_opener(cp) || cp == '-')
            break;
        ws += n;
    }
    /* Elision: the word of l'art. or d'env. is art or env. */
    if (apos > ws + 1 && apos < we && apos - ws0 <= 12)
        ws = apos;
    if (ws < we) {
        size_t p = we - 1;
        while (p > ws && (t[p] & 0xC0) == 0x80)
            p--;
        cp = decode_at(t, len, p, &n);
        if (is_closer(cp) || cp == '"')
            return 1; /* `"...région".`: the period follows a quote */
    }
    unsigned ab = abbrev_flags(l, ws, we);
    if (nc == CC_LOWER)
        return !ab && full_word(l, ws, we); /* FR-SB13 */
    if (ab & AB_TITLE)
        return 0; /* FR-SB4 */
    if ((ab & AB_NUMBER) && nc == CC_DIGIT)
        return 0; /* FR-SB6 */
    if (ab & AB_FINAL)
        return before_upper || nc == CC_END || nc == CC_OTHER; /* FR-SB7 */
    if (ab & (AB_COMMON | AB_NUMBER))
        return before_upper && starts_sentence(l, f, 1); /* FR-SB5 */
    switch (word_kind(l, ws, we)) {
    case W_NUMBER:
    case W_ROMAN:
        /* FR-SB9: `1. Le ...` opens a list item. */
        if (ws == l->start)
            return 0;
        return 1;
    case W_INITIAL:
        /* FR-SB8 */
        if (ws == l->start && we - ws == 1)
            return 0; /* `A. Le ...`: a lettered list item */
        if (!before_upper)
            return nc != CC_DIGIT;
        /* A name's initials (J., J.-M.) may precede a particle (Le Pen);
         * an acronym (O.N.U.) precedes the sentence's own Le. */
        size_t dots = 0;
        for (size_t p = ws; p < we; p++)
            dots += t[p] == '.';
        return starts_sentence(l, f, dots <= 1);
    default:
        return 1; /* FR-SB12 */
    }
}

depeche_status
depeche_split_line(const depeche_abbrevs *a, const char *text, size_t len,
                   depeche_span_fn fn, depeche_span_fn dropped, void *user)
{
    if (!a || !fn || (!text && len))
        return DEPECHE_ERR_INVALID_ARG;
    line l = {.a = a, .t = (const unsigned char *)text, .len = len};
    spans out = {fn, dropped, user, 0, 0, 0, 0};
    const unsigned char *t = l.t;
    size_t n;
    while (l.start < len && (n = space_at(t, len, l.start)) > 0)
        l.start += n;
    size_t i = l.start;
    l.qpos = l.start;
    while ((i = next_hot(t, i, len)) < len) {
        if (t[i] >= 0x80) {
            /* The end of … or ‼, or of æ, ü... */
            if (i < 2 || t[i - 2] != 0xE2 || t[i - 1] != 0x80) {
                i++;
                continue;
            }
            i -= 2;
        }
        int32_t cp = decode_at(t, len, i, &n);
        size_t end = i, next = len;
        int brk;
        if (cp == ';') {
            brk = semicolon_ends(&l, i, &next);
            end = i + 1;
        } else if (is_terminator(cp)) {
            brk = decide(&l, i, &end, &next);
        } else {
            i += n;
            continue;
        }
        if (brk) {
            /* The sentence starts on a non-space and ends on
             * punctuation: nothing to trim. */
            if (end > l.start && hold(&out, t, l.start, end))
                return DEPECHE_ERR_ABORTED;
            /* The count of open « goes on: a quotation spans sentences. */
            open_quotes(&l, next);
            l.start = next;
            i = next;
        } else {
            i = end > i ? end : i + n;
        }
    }
    if ((l.start < len && emit(&l, l.start, len, &out)) || release(&out))
        return DEPECHE_ERR_ABORTED;
    return DEPECHE_OK;
}

/* ------------------------------------------------------------------------ */
/* Streaming                                                                */
/* ------------------------------------------------------------------------ */

enum { S_READY, S_FINISHED, S_FAILED };

/* Under DEPECHE_LOSSY a repaired line has its own bytes; each repair
 * records where the text after it resumes in the line and in the stream. */
typedef struct repair {
    size_t at;      /* offset in the repaired line */
    uint64_t where; /* the matching stream offset */
    uint64_t from;  /* where the bad bytes began in the stream */
    int dropped;    /* removed (a NUL), not replaced */
} repair;

struct depeche_segmenter {
    const depeche_abbrevs *abbrevs; /* its own, or borrowed (a context's) */
    depeche_abbrevs *owned_abbrevs;
    void (*release)(void *owner); /* for borrowed abbrevs, at free */
    void *owner;
    depeche_sentence_fn fn;
    void *user;
    unsigned flags;
    depeche_warn_fn warn_fn;
    void *warn_user;

    int state;
    uint64_t offset;     /* stream offset of the next byte fed */
    uint64_t line_start; /* stream offset of line.data[0] */
    depeche_buf line;    /* the unfinished line */
    int prev_cr;         /* the last byte fed was CR: skip an LF */
    size_t paragraph;
    int para_used, para_pending;

    depeche_buf fixed; /* lossy: the repaired line */
    repair *repairs;
    size_t nrepairs, repairs_cap;
    size_t next_repair; /* moves forward as sentences come */
    uint64_t base;      /* stream offset of the line being split */
};

static uint64_t
stream_offset(depeche_segmenter *s, size_t pos, int is_end)
{
    if (!s->nrepairs)
        return s->base + pos;
    const repair *rp = s->repairs;
    while (s->next_repair < s->nrepairs && rp[s->next_repair].at < pos)
        s->next_repair++;
    size_t j = s->next_repair;
    /* A sentence ending where NULs were removed ends before them. */
    for (; j < s->nrepairs && rp[j].at == pos; j++)
        if (is_end && rp[j].dropped)
            return rp[j].from;
    if (!j)
        return s->base + pos;
    return rp[j - 1].where + (pos - rp[j - 1].at);
}

typedef struct span_ctx {
    depeche_segmenter *s;
    const char *text;
} span_ctx;

static int
on_span(void *user, size_t start, size_t end)
{
    span_ctx *c = user;
    depeche_segmenter *s = c->s;
    if (s->para_pending) {
        s->paragraph++;
        s->para_pending = 0;
    }
    s->para_used = 1;
    depeche_sentence sent;
    sent.text = c->text + start;
    sent.len = end - start;
    /* Starts are looked up before ends: repairs are walked forward. */
    sent.start = stream_offset(s, start, 0);
    sent.end = stream_offset(s, end, 1);
    sent.paragraph = s->paragraph;
    return s->fn(s->user, &sent);
}

static void
warn(depeche_segmenter *s, const char *code, uint64_t at, const char *msg)
{
    if (s->warn_fn)
        s->warn_fn(s->warn_user, code, at, msg);
}

/* FR-SB16: a span with no letter or digit first in its line. */
static int
on_dropped(void *user, size_t start, size_t end)
{
    span_ctx *c = user;
    char msg[DEPECHE_DROPPED_MESSAGE_MAX];
    depeche_dropped_message(msg, c->text + start, end - start);
    warn(c->s, DEPECHE_DROPPED_CODE, stream_offset(c->s, start, 0), msg);
    return 0;
}

/* Copies the line into s->fixed with U+FFFD for each maximal ill-formed
 * subpart and without NULs, noting each repair. */
static depeche_status
repair_line(depeche_segmenter *s, const char *text, size_t len, uint64_t base)
{
    const unsigned char *u = (const unsigned char *)text;
    depeche_buf_clear(&s->fixed);
    s->nrepairs = 0;
    size_t i = 0;
    while (i < len) {
        size_t good = depeche_utf8_check_text((const char *)u + i, len - i);
        if (depeche_buf_put(&s->fixed, text + i, good))
            return DEPECHE_ERR_NOMEM;
        i += good;
        if (i == len)
            break;
        size_t bad;
        if (u[i] == 0) {
            bad = 1;
            warn(s, "DEPECHE-002", base + i, "NUL byte removed");
        } else {
            int32_t cp;
            bad = depeche_utf8_decode(u + i, len - i, &cp);
            warn(s, "DEPECHE-001", base + i,
                 "invalid UTF-8 replaced with U+FFFD");
            if (depeche_buf_put(&s->fixed, "\xEF\xBF\xBD", 3))
                return DEPECHE_ERR_NOMEM;
        }
        if (depeche_grow((void **)&s->repairs, &s->repairs_cap, s->nrepairs + 1,
                         sizeof *s->repairs))
            return DEPECHE_ERR_NOMEM;
        s->repairs[s->nrepairs].from = base + i;
        s->repairs[s->nrepairs].dropped = u[i] == 0;
        i += bad;
        s->repairs[s->nrepairs].at = s->fixed.len;
        s->repairs[s->nrepairs].where = base + i;
        s->nrepairs++;
    }
    return DEPECHE_OK;
}

/* FR-SB1: a paragraph ends here (a blank line, U+2029); the next sentence
 * opens the next one, if a sentence came before. */
static void
paragraph_break(depeche_segmenter *s)
{
    if (s->para_used)
        s->para_pending = 1;
}

/* FR-SB1: one whole line, without its line break, at stream offset base. */
static depeche_status
do_line(depeche_segmenter *s, const char *text, size_t len, uint64_t base,
        depeche_error *err)
{
    if (base == 0 && depeche_reject_utf16_32(text, len, err)) {
        s->state = S_FAILED;
        return DEPECHE_ERR_BAD_INPUT;
    }
    size_t bad = depeche_utf8_check_text(text, len);
    const char *nul = bad < len && text[bad] == '\0' ? text + bad : NULL;
    s->nrepairs = 0;
    s->next_repair = 0;
    s->base = base;
    if (nul || bad < len) {
        if (!(s->flags & DEPECHE_LOSSY)) {
            s->state = S_FAILED;
            if (nul)
                return depeche_fail(err, DEPECHE_ERR_BAD_INPUT,
                                    base + (uint64_t)(nul - text), "NUL byte");
            return depeche_fail(err, DEPECHE_ERR_BAD_INPUT, base + bad,
                                "invalid UTF-8");
        }
        depeche_status st = repair_line(s, text, len, base);
        if (st) {
            s->state = S_FAILED;
            return depeche_fail(err, st, DEPECHE_NO_OFFSET, "out of memory");
        }
        text = s->fixed.data ? s->fixed.data : "";
        len = s->fixed.len;
    }
    if (depeche_is_blank_line(text, len)) {
        paragraph_break(s);
        return DEPECHE_OK;
    }
    span_ctx c = {s, text};
    if (depeche_split_line(s->abbrevs, text, len, on_span, on_dropped, &c)) {
        s->state = S_FAILED;
        return depeche_fail(err, DEPECHE_ERR_ABORTED, DEPECHE_NO_OFFSET,
                            "stopped by the sentence callback");
    }
    return DEPECHE_OK;
}

/* A line and the break after it: a U+2029 also ends the paragraph. */
static depeche_status
end_line(depeche_segmenter *s, const char *text, size_t len, uint64_t base,
         int ends_paragraph, depeche_error *err)
{
    depeche_status st = do_line(s, text, len, base, err);
    if (!st && ends_paragraph)
        paragraph_break(s);
    return st;
}

/* When the held line ends with the first bytes of a U+2028 or U+2029 (E2,
 * or E2 80) that buf[0..len) completes: the bytes of buf it takes, and
 * *para says whether it ends a paragraph.  0 otherwise. */
static size_t
completes_separator(const depeche_buf *held, const char *buf, size_t len,
                    int *para)
{
    const unsigned char *t = (const unsigned char *)held->data;
    size_t have = 0;
    if (held->len >= 2 && t[held->len - 2] == 0xE2 && t[held->len - 1] == 0x80)
        have = 2;
    else if (held->len >= 1 && t[held->len - 1] == 0xE2)
        have = 1;
    if (!have || len < 3 - have)
        return 0;
    char sep[3];
    memcpy(sep, held->data + held->len - have, have);
    memcpy(sep + have, buf, 3 - have);
    if (depeche_line_break_at(sep, 3, 0) != 3)
        return 0;
    *para = depeche_break_ends_paragraph(sep, 3, 0);
    return 3 - have;
}

/* A segmenter without abbreviations yet, from the caller's options. */
static depeche_status
segmenter_alloc(const depeche_options *given, depeche_sentence_fn fn,
                void *user, depeche_options *opts, depeche_segmenter **out,
                depeche_error *err)
{
    if (!out || !fn)
        return depeche_fail(err, DEPECHE_ERR_INVALID_ARG, DEPECHE_NO_OFFSET,
                            "no sentence callback or no place for the result");
    *out = NULL;
    depeche_status st = depeche_options_take(given, opts, err);
    if (!st && opts->lang)
        st = depeche_lang_check(opts->lang, err);
    if (st)
        return st;
    depeche_segmenter *s = calloc(1, sizeof *s);
    if (!s)
        return depeche_fail(err, DEPECHE_ERR_NOMEM, DEPECHE_NO_OFFSET,
                            "out of memory");
    s->fn = fn;
    s->user = user;
    s->flags = opts->flags;
    s->warn_fn = opts->warn_fn;
    s->warn_user = opts->warn_user;
    *out = s;
    return DEPECHE_OK;
}

depeche_status
depeche_segmenter_new(const depeche_options *given, depeche_sentence_fn fn,
                      void *user, depeche_segmenter **out, depeche_error *err)
{
    depeche_options opts;
    depeche_status st = segmenter_alloc(given, fn, user, &opts, out, err);
    if (st)
        return st;
    depeche_segmenter *s = *out;
    st = depeche_abbrevs_new(opts.lang, opts.abbrev_file, &s->owned_abbrevs,
                             err);
    if (st) {
        free(s);
        *out = NULL;
        return st;
    }
    s->abbrevs = s->owned_abbrevs;
    return DEPECHE_OK;
}

depeche_status
depeche_segmenter_new_borrowing(const depeche_options *given,
                                const depeche_abbrevs *abbrevs,
                                void (*release_fn)(void *owner), void *owner,
                                depeche_sentence_fn fn, void *user,
                                depeche_segmenter **out, depeche_error *err)
{
    depeche_options opts;
    depeche_status st = segmenter_alloc(given, fn, user, &opts, out, err);
    if (st)
        return st;
    (*out)->abbrevs = abbrevs;
    (*out)->release = release_fn;
    (*out)->owner = owner;
    return DEPECHE_OK;
}

depeche_status
depeche_segmenter_feed(depeche_segmenter *s, const char *buf, size_t len,
                       depeche_error *err)
{
    if (!s || (!buf && len))
        return depeche_fail(err, DEPECHE_ERR_INVALID_ARG, DEPECHE_NO_OFFSET,
                            "no segmenter or no buffer");
    if (s->state != S_READY)
        return depeche_fail(err, DEPECHE_ERR_STATE, DEPECHE_NO_OFFSET,
                            s->state == S_FAILED ? "segmenter failed earlier"
                                                 : "segmenter finished");
    if (!len)
        return DEPECHE_OK; /* keeps a pending CR for the next feed */
    size_t i = 0;
    if (s->prev_cr && buf[0] == '\n')
        i = 1; /* the LF of a CRLF cut between feeds */
    s->prev_cr = 0;
    int para = 0;
    size_t rest = completes_separator(&s->line, buf + i, len - i, &para);
    if (rest) {
        /* A U+2028 or U+2029 cut between feeds ends the held line. */
        s->line.len -= 3 - rest;
        depeche_status st =
            end_line(s, s->line.data, s->line.len, s->line_start, para, err);
        depeche_buf_clear(&s->line);
        if (st)
            return st;
        i += rest;
    }
    depeche_break_scan scan = {0};
    while (i < len) {
        const char *p = buf + i;
        size_t brk, at = depeche_next_line_break(buf, len, i, &scan, &brk);
        size_t k = at - i;
        if (at == len) {
            /* No break in the rest: hold it, with any first bytes of a
             * separator the next feed completes. */
            if (!s->line.len)
                s->line_start = s->offset + i;
            if (depeche_buf_put(&s->line, p, k)) {
                s->state = S_FAILED;
                return depeche_fail(err, DEPECHE_ERR_NOMEM, DEPECHE_NO_OFFSET,
                                    "out of memory");
            }
            break;
        }
        para = depeche_break_ends_paragraph(buf, len, at);
        depeche_status st;
        if (s->line.len) {
            if (depeche_buf_put(&s->line, p, k)) {
                s->state = S_FAILED;
                return depeche_fail(err, DEPECHE_ERR_NOMEM, DEPECHE_NO_OFFSET,
                                    "out of memory");
            }
            st = end_line(s, s->line.data, s->line.len, s->line_start, para,
                          err);
            depeche_buf_clear(&s->line);
        } else {
            /* The whole line is in this chunk: no copy. */
            st = end_line(s, p, k, s->offset + i, para, err);
        }
        if (st)
            return st;
        i = at + brk;
        if (buf[at] == '\r' && brk == 1 && i == len)
            s->prev_cr = 1;
    }
    s->offset += len;
    return DEPECHE_OK;
}

depeche_status
depeche_segmenter_finish(depeche_segmenter *s, depeche_error *err)
{
    if (!s)
        return depeche_fail(err, DEPECHE_ERR_INVALID_ARG, DEPECHE_NO_OFFSET,
                            "no segmenter");
    if (s->state != S_READY)
        return depeche_fail(err, DEPECHE_ERR_STATE, DEPECHE_NO_OFFSET,
                            s->state == S_FAILED ? "segmenter failed earlier"
                                                 : "segmenter finished");
    depeche_status st = DEPECHE_OK;
    if (s->line.len) {
        st = do_line(s, s->line.data, s->line.len, s->line_start, err);
        depeche_buf_clear(&s->line);
    }
    if (!st)
        s->state = S_FINISHED;
    return st;
}

void
depeche_segmenter_reset(depeche_segmenter *s)
{
    if (!s)
        return;
    s->state = S_READY;
    s->offset = 0;
    s->line_start = 0;
    depeche_buf_clear(&s->line);
    s->prev_cr = 0;
    s->paragraph = 0;
    s->para_used = 0;
    s->para_pending = 0;
    s->nrepairs = 0;
}

void
depeche_segmenter_free(depeche_segmenter *s)
{
    if (!s)
        return;
    depeche_abbrevs_free(s->owned_abbrevs);
    if (s->release)
        s->release(s->owner);
    depeche_buf_free(&s->line);
    depeche_buf_free(&s->fixed);
    free(s->repairs);
    free(s);
}
