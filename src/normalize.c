/* normalize.c -- Unicode and French typography normalization.
 *
 * The input is read a line at a time into a vector of code points, each
 * remembering the input bytes it came from.  Passes rewrite that vector
 * (decode, invisible characters, compatibility subset, NFC, spaces,
 * typography, MT mapping); emitting it records the offset map, so every
 * output byte points back into the original input.
 *
 * Rule ids (NZ-*) name each behaviour; tests and docs refer to them.
 *
 * Choice of no-break space: the typo profile writes U+00A0 NO-BREAK SPACE
 * everywhere French typography wants one (before : ; ! ? %, inside « »,
 * between a number and its unit, in digit groups).  U+202F is the finer
 * typographic choice before ; ! ?, but fonts in CAT tools still lack it
 * and mixing the two makes translation memories miss; U+202F in the input
 * becomes U+00A0 (NZ-T1).
 */
#define _DEFAULT_SOURCE /* madvise's MADV_HUGEPAGE */
#include "normalize.h"

#if defined(__SSE2__)
#include <emmintrin.h> /* runs are scanned 16 bytes at a time */
#endif
#include <stdlib.h>
#include <string.h>
#if defined(__linux__)
#include <sys/mman.h>
#include <unistd.h>
#endif
#include <utf8proc.h>

#include "normalize_impl.h"
#include "repair.h"
#include "utf8.h"

enum { WINDOW = 65536 }; /* code points per pass: bounds memory on huge lines */

static void
repair(norm *n, const char *code, size_t in, size_t len, const char *msg)
{
    if (n->cfg->repair && !n->decoded_again)
        n->cfg->repair(n->cfg->repair_user, code, n->base + in,
                       n->base + in + len, msg);
}

/* Whether a space of any kind starts at u[i] (i < end): used to find
 * doubled spaces without decoding; « (C2 AB) or — (E2 80 94) after a
 * space must not count. */
static inline int
space_at(const unsigned char *u, size_t i, size_t end)
{
    unsigned char b = u[i];
    if (b == ' ' || b == '\t')
        return 1;
    if (b < 0xC2 || i + 1 >= end)
        return 0;
    if (b == 0xC2)
        return u[i + 1] == 0xA0;
    if (i + 2 >= end)
        return 0;
    if (b == 0xE2)
        return (u[i + 1] == 0x80 && (u[i + 2] <= 0x8A || u[i + 2] == 0xAF)) ||
               (u[i + 1] == 0x81 && u[i + 2] == 0x9F);
    return (b == 0xE3 && u[i + 1] == 0x80 && u[i + 2] == 0x80) ||
           (b == 0xE1 && u[i + 1] == 0x9A && u[i + 2] == 0x80);
}

/* ---- NZ-D: decoding and repairs --------------------------------------- */

/* Windows-1252 for 0x80..0x9F: C1 controls in text are nearly always
 * these bytes decoded as Latin-1 (NZ-D3), e.g. U+0085 for "…". */
static const int32_t cp1252_c1[32] = {
    0x20AC, 0,      0x201A, 0x0192, 0x201E, 0x2026, 0x2020, 0x2021,
    0x02C6, 0x2030, 0x0160, 0x2039, 0x0152, 0,      0x017D, 0,
    0,      0x2018, 0x2019, 0x201C, 0x201D, 0x2022, 0x2013, 0x2014,
    0x02DC, 0x2122, 0x0161, 0x203A, 0x0153, 0,      0x017E, 0x0178};

static int is_dropped(int32_t c);
static int needs_nfc(int32_t c);
static int32_t compat_map(int32_t c, int32_t *second, int32_t *third);

/* A letter no pass acts on, so it may sit inside a run. */
static int
is_run_letter(int32_t c)
{
    if (c < 0x80)
        return (c | 0x20) >= 'a' && (c | 0x20) <= 'z';
    int32_t c2, c3;
    return is_letter(c) && c != 0xB5 /* µ, a unit (NZ-T6) */ &&
           !depeche_repair_may_start(c) && !needs_nfc(c) &&
           compat_map(c, &c2, &c3) == c;
}

/* Appends letters first..last (k bytes at i) to the run at the end of
 * n->a, or starts one. */
static inline depeche_status
push_run(norm *n, int32_t first, int32_t last, size_t i, size_t k)
{
    tok *t = n->a.n ? &n->a.v[n->a.n - 1] : NULL;
    if (t && t->run && t->in + t->len == i) {
        t->len += k;
        t->last = last;
        return DEPECHE_OK;
    }
    return push_tok(
        &n->a, (tok){.cp = first, .last = last, .in = i, .len = k, .run = 1});
}

/* A combining mark composes with the letter before it: that letter leaves
 * its run to be a token of its own for NFC. */
/* Cuts the last letter off a run: *t keeps the others (len 0 when none
 * is left), *letter becomes a token of its own. */
static void
cut_last_letter(const norm *n, tok *t, tok *letter)
{
    size_t k = 1;
    while (k < t->len &&
           ((unsigned char)n->in[t->in + t->len - k] & 0xC0) == 0x80)
        k++;
    *letter = (tok){
        .cp = t->last, .last = t->last, .in = t->in + t->len - k, .len = k};
    t->len -= k;
    if (!t->len)
        return;
    /* The run's new last letter: decode backwards from its end. */
    size_t p = t->in + t->len - 1;
    while (p > t->in && ((unsigned char)n->in[p] & 0xC0) == 0x80)
        p--;
    depeche_utf8_decode((const unsigned char *)n->in + p, t->in + t->len - p,
                        &t->last);
}

/* A combining mark composes with the letter before it: that letter leaves
 * its run to be a token of its own for NFC. */
static depeche_status
split_last_letter(norm *n)
{
    tok *t = n->a.n ? &n->a.v[n->a.n - 1] : NULL;
    if (!t || !t->run)
        return DEPECHE_OK;
    tok letter;
    cut_last_letter(n, t, &letter);
    if (!t->len) {
        *t = letter;
        return DEPECHE_OK;
    }
    return push_tok(&n->a, letter);
}

/* What decode saw in a window, so that passes with nothing to do are
 * skipped. */
enum {
    SEEN_REPAIR = 1,    /* a character that may start a repair */
    SEEN_INVISIBLE = 2, /* dropped or compatibility-mapped characters */
    SEEN_NFC = 4,       /* characters that may not be NFC */
    SEEN_SPACES = 8     /* tabs, odd spaces, doubled or edge spaces */
};

/* ASCII letters, the bulk of any run. */
static const unsigned char ascii_letter[256] = {
    ['A'] = 1, ['B'] = 1, ['C'] = 1, ['D'] = 1, ['E'] = 1, ['F'] = 1, ['G'] = 1,
    ['H'] = 1, ['I'] = 1, ['J'] = 1, ['K'] = 1, ['L'] = 1, ['M'] = 1, ['N'] = 1,
    ['O'] = 1, ['P'] = 1, ['Q'] = 1, ['R'] = 1, ['S'] = 1, ['T'] = 1, ['U'] = 1,
    ['V'] = 1, ['W'] = 1, ['X'] = 1, ['Y'] = 1, ['Z'] = 1, ['a'] = 1, ['b'] = 1,
    ['c'] = 1, ['d'] = 1, ['e'] = 1, ['f'] = 1, ['g'] = 1, ['h'] = 1, ['i'] = 1,
    ['j'] = 1, ['k'] = 1, ['l'] = 1, ['m'] = 1, ['n'] = 1, ['o'] = 1, ['p'] = 1,
    ['q'] = 1, ['r'] = 1, ['s'] = 1, ['t'] = 1, ['u'] = 1, ['v'] = 1, ['w'] = 1,
    ['x'] = 1, ['y'] = 1, ['z'] = 1};

/* Bytes of the run letter at u[i] (i < end), or 0: ASCII letters, and the
 * two-byte Latin letters through the memo. */
static inline size_t
run_letter_at(norm *n, const unsigned char *u, size_t i, size_t end)
{
    unsigned char b = u[i];
    if (ascii_letter[b])
        return 1;
    if (b < 0xC2 || b > 0xC9 || i + 1 >= end || (u[i + 1] & 0xC0) != 0x80)
        return 0;
    int32_t cp = ((int32_t)(b & 0x1F) << 6) | (u[i + 1] & 0x3F);
    if (cp >= 0x250)
        return 0;
    unsigned char *m = &n->latin_run[cp - 0x80];
    if (!*m)
        *m = is_run_letter(cp) ? 2 : 1;
    return *m == 2 ? 2 : 0;
}

/* Whether the word at u[i, end) may start a URL, which NZ-T0 looks for
 * after a non-letter ("http", "https", "ftp", "www"): a run stops before
 * it. */
static int
may_start_url(const unsigned char *u, size_t i, size_t end)
{
    static const char *const starts[] = {"www", "http", "ftp"};
    for (size_t s = 0; s < 3; s++) {
        size_t k = 0;
        while (starts[s][k] && i + k < end &&
               (u[i + k] | 0x20) == (unsigned char)starts[s][k])
            k++;
        if (!starts[s][k])
            return 1;
    }
    return 0;
}

#if defined(__SSE2__)
/* Bytes in v that end a French accented letter whose first byte is C3 and
 * which is a run letter as is_run_letter says (precomposed, no
 * compatibility mapping, not in repair_lead_chars): ç è é ê ë ì í î ï
 * (A7-AF), ù ú û ü (B9-BC), à (A0), ô (B4), É (89).  â (E2), Î and Ï are
 * left out: each may start a repair of mojibake. */
static inline __m128i
french_accent_byte(__m128i v)
{
    const __m128i to_a7 = _mm_set1_epi8((char)(0x80 - 0xA7)),
                  to_b9 = _mm_set1_epi8((char)(0x80 - 0xB9));
    __m128i a =
        _mm_cmplt_epi8(_mm_add_epi8(v, to_a7), _mm_set1_epi8((char)(-128 + 9)));
    __m128i b =
        _mm_cmplt_epi8(_mm_add_epi8(v, to_b9), _mm_set1_epi8((char)(-128 + 4)));
    __m128i c =
        _mm_or_si128(_mm_or_si128(_mm_cmpeq_epi8(v, _mm_set1_epi8((char)0xA0)),
                                  _mm_cmpeq_epi8(v, _mm_set1_epi8((char)0xB4))),
                     _mm_cmpeq_epi8(v, _mm_set1_epi8((char)0x89)));
    return _mm_or_si128(_mm_or_si128(a, b), c);
}
#endif

/* Where the text from u[i] (a letter, or right after one) stops being
 * what run_end would take: it finds the same end for letters (ASCII and
 * the common French accented ones) and the separators between them, a
 * word boundary costing no branch, and leaves what else it meets (other
 * letters, anything that needs a closer look, the last bytes of the
 * window) to run_end's own loop. */
static size_t
inert_text_end(const unsigned char *u, size_t i, size_t end)
{
#if defined(__SSE2__)
    /* Bit j of each mask is about u[i - 1 + j], j < 32. */
    const __m128i to_letters = _mm_set1_epi8((char)(0x80 - 'a')),
                  letter_top = _mm_set1_epi8((char)(-128 + 26)),
                  case_bit = _mm_set1_epi8(0x20), space = _mm_set1_epi8(' '),
                  hyphen = _mm_set1_epi8('-'), comma = _mm_set1_epi8(','),
                  stop = _mm_set1_epi8('.'), w = _mm_set1_epi8('w'),
                  h = _mm_set1_epi8('h'), f = _mm_set1_epi8('f'),
                  latin_lead = _mm_set1_epi8((char)0xC3);
    while (i >= 1 && end - i >= 31) {
        uint32_t L = 0, S = 0, H = 0, C = 0, U = 0, lead = 0, accent = 0;
        for (int half = 0; half < 2; half++) {
            __m128i v = _mm_loadu_si128(
                (const __m128i *)(const void *)(u + i - 1 + 16 * half));
            __m128i lower = _mm_or_si128(v, case_bit);
            __m128i letter =
                _mm_cmplt_epi8(_mm_add_epi8(lower, to_letters), letter_top);
            __m128i url = _mm_or_si128(_mm_or_si128(_mm_cmpeq_epi8(lower, w),
                                                    _mm_cmpeq_epi8(lower, h)),
                                       _mm_cmpeq_epi8(lower, f));
            int sh = 16 * half;
            L |= (uint32_t)_mm_movemask_epi8(letter) << sh;
            S |= (uint32_t)_mm_movemask_epi8(_mm_cmpeq_epi8(v, space)) << sh;
            H |= (uint32_t)_mm_movemask_epi8(_mm_cmpeq_epi8(v, hyphen)) << sh;
            C |= (uint32_t)_mm_movemask_epi8(_mm_or_si128(
                     _mm_cmpeq_epi8(v, comma), _mm_cmpeq_epi8(v, stop)))
                 << sh;
            U |= (uint32_t)_mm_movemask_epi8(url) << sh;
            lead |= (uint32_t)_mm_movemask_epi8(_mm_cmpeq_epi8(v, latin_lead))
                    << sh;
            accent |= (uint32_t)_mm_movemask_epi8(french_accent_byte(v)) << sh;
        }
        uint32_t accented = lead & (accent >> 1);
        L |= accented | accented << 1;
        /* A letter a separator may lead to: none that may start a URL
         * (may_start_url is the exact test, run_end's loop applies it). */
        uint32_t next = L & ~U;
        /* Bit k: u[i + k] is a letter, or a separator run_end takes: a
         * space or a hyphen between letters, ", " or ". " between
         * letters.  Bits before a failing one vouch for its left side. */
        uint32_t ok = (L >> 1) | ((S >> 1) & (next >> 2) & (L | C)) |
                      ((H >> 1) & L & (next >> 2)) |
                      ((C >> 1) & L & (S >> 2) & (next >> 3));
        ok = ~ok & 0xFFFF;
        if (ok) {
            i += (size_t)__builtin_ctz(ok);
            break;
        }
        i += 16;
    }
    /* A block may end between an accented letter's two bytes. */
    if (i > 0 && i < end && (u[i] & 0xC0) == 0x80 && u[i - 1] == 0xC3)
        i--;
#endif
    (void)u;
    (void)end;
    return i;
}

/* Bytes of the separator at u[i] that a run may hold between two letters,
 * or 0: a space, a hyphen, ", " or ". " (NZ-T9 only moves a comma or a
 * full stop that follows a space; NZ-T8 needs a second full stop), and
 * the typographic apostrophe of l’été, which only the mt profile maps. */
static size_t
separator_at(const norm *n, const unsigned char *u, size_t i, size_t end)
{
    if (u[i] == ' ' || u[i] == '-')
        return 1;
    if ((u[i] == ',' || u[i] == '.') && i + 1 < end && u[i + 1] == ' ')
        return 2;
    if (u[i] == 0xE2 && end - i > 2 && u[i + 1] == 0x80 && u[i + 2] == 0x99 &&
        n->cfg->profile != DEPECHE_PROFILE_MT)
        return 3;
    return 0;
}

/* The end of the run starting at the run letter u[i].  Between two run
 * letters it takes what no pass acts on there (separator_at).  A run ends
 * on a letter. */
static size_t
run_end(norm *n, const unsigned char *u, size_t i, size_t end)
{
    for (;;) {
        i = inert_text_end(u, i, end);
        while (i < end && ascii_letter[u[i]])
            i++;
        if (i >= end)
            return i;
        size_t k = run_letter_at(n, u, i, end);
        if (k) {
            i += k;
            continue;
        }
        size_t sep = separator_at(n, u, i, end);
        if (!sep || i + sep >= end || !run_letter_at(n, u, i + sep, end) ||
            may_start_url(u, i + sep, end))
            return i;
        i += sep;
    }
}

/* The last character of the run ending before u[end]: a letter of one or
 * two bytes (run_letter_at), or longer when decode merged runs. */
static int32_t
run_last(const unsigned char *u, size_t start, size_t end)
{
    size_t p = end - 1;
    while (p > start && (u[p] & 0xC0) == 0x80)
        p--;
    int32_t cp;
    depeche_utf8_decode(u + p, end - p, &cp);
    return cp;
}

/* Decodes in[start, end) (one line, or a window of one) into n->a.  With
 * runs, letters no pass acts on are grouped; returns in *seen what the
 * passes will have to look at. */
static depeche_status
decode(norm *n, size_t start, size_t end, int runs, unsigned *seen)
{
    const unsigned char *u = (const unsigned char *)n->in;
    int lossy = n->cfg->flags & DEPECHE_LOSSY;
    *seen = 0;
    for (size_t i = start; i < end;) {
        if (runs && run_letter_at(n, u, i, end)) {
            int32_t first;
            depeche_utf8_decode(u + i, end - i, &first);
            size_t j = run_end(n, u, i, end);
            depeche_status st = push_run(n, first, run_last(u, i, j), i, j - i);
            if (st)
                return st;
            i = j;
            continue;
        }
        if (u[i] >= 0x20 && u[i] < 0x7F) {
            /* Printable ASCII that is not a letter: no decoding, and only
             * '&' (an entity) and spaces concern the early passes. */
            unsigned char c = u[i];
            size_t k = 1;
            if (c == ' ') {
                /* A run of spaces is one token: the spaces pass folds it
                 * (NZ-S1), and huge runs cost one token. */
                while (i + k < end && u[i + k] == ' ')
                    k++;
                if (k > 1 || i == start || i + k == end ||
                    space_at(u, i + k, end))
                    *seen |= SEEN_SPACES;
            } else if (c == '&') {
                *seen |= SEEN_REPAIR;
            }
            depeche_status st = push(&n->a, c, i, k, k > 1);
            if (st)
                return st;
            i += k;
            continue;
        }
        int32_t cp;
        size_t k = depeche_utf8_decode(u + i, end - i, &cp);
        int changed = 0;
        if (cp < 0) {
            /* NZ-D1: invalid UTF-8 is an error, or U+FFFD under --lossy. */
            if (!lossy)
                return depeche_fail(n->err, DEPECHE_ERR_BAD_INPUT, n->base + i,
                                    "invalid UTF-8 (byte 0x%02X)", u[i]);
            repair(n, "DEPECHE-001", i, k,
                   "invalid UTF-8 replaced with U+FFFD");
            cp = CP_FFFD;
            changed = 1;
        } else if (cp == 0) {
            /* NZ-D2: a NUL byte means binary data, not text. */
            if (!lossy)
                return depeche_fail(n->err, DEPECHE_ERR_BAD_INPUT, n->base + i,
                                    "NUL byte (binary data?)");
            repair(n, "DEPECHE-002", i, k, "NUL byte removed");
            i += k;
            continue;
        } else if (cp >= 0x80 && cp <= 0x9F && cp1252_c1[cp - 0x80]) {
            repair(n, "DEPECHE-003", i, k, "C1 control read as Windows-1252");
            cp = cp1252_c1[cp - 0x80];
            changed = 1;
        } else if ((cp & 0xFFFE) == 0xFFFE || (cp >= 0xFDD0 && cp <= 0xFDEF)) {
            /* NZ-D5: noncharacters are not for interchange, and XML 1.0
             * cannot carry U+FFFE/U+FFFF at all. */
            repair(n, "DEPECHE-006", i, k, "noncharacter replaced with U+FFFD");
            cp = CP_FFFD;
            changed = 1;
        }
        depeche_status st;
        if (runs && !changed && is_run_letter(cp)) {
            st = push_run(n, cp, cp, i, k);
            if (st)
                return st;
            i += k;
            continue;
        }
        /* A repair can only start where the next character could continue
         * it: non-ASCII, a space (the lost NBSP of "à"), or an entity. */
        if (i + k < end &&
            (u[i + k] >= 0x80 || u[i + k] == ' ' ||
             (cp == '&' && (u[i + k] == '#' || (u[i + k] | 0x20) >= 'a'))) &&
            depeche_repair_may_start(cp))
            *seen |= SEEN_REPAIR;
        if (needs_nfc(cp)) {
            *seen |= SEEN_NFC;
            st = split_last_letter(n);
            if (st)
                return st;
        }
        int32_t c2, c3;
        if (is_dropped(cp) || compat_map(cp, &c2, &c3) != cp)
            *seen |= SEEN_INVISIBLE;
        /* A lone no-break space inside the line is left as it is; any
         * other space, or one at an edge or next to another, folds. */
        if (is_space(cp) && (!is_nbsp(cp) || i == start || i + k == end ||
                             space_at(u, i + k, end) ||
                             (n->a.n && is_space(n->a.v[n->a.n - 1].cp))))
            *seen |= SEEN_SPACES;
        st = push(&n->a, cp, i, k, changed);
        if (st)
            return st;
        i += k;
    }
    return DEPECHE_OK;
}

/* ---- NZ-R: encoding repair (repair.c) ------------------------------- */

static depeche_status
repair_layer(norm *n, int *fixed_any)
{
    int any = 0;
    for (size_t i = 0; i < n->a.n && !any; i++)
        any = depeche_repair_may_start(n->a.v[i].cp);
    if (!any)
        return DEPECHE_OK;
    for (size_t i = 0; i < n->a.n;) {
        tok t = n->a.v[i];
        depeche_fix fix;
        int fixed = 0;
        if (depeche_repair_may_start(t.cp)) {
            int32_t look[DEPECHE_REPAIR_LOOKAHEAD];
            size_t k = 0;
            for (; k < DEPECHE_REPAIR_LOOKAHEAD && i + k < n->a.n; k++)
                look[k] = n->a.v[i + k].cp;
            int32_t back[2];
            size_t nback = 0;
            for (; nback < 2 && nback < n->b.n; nback++)
                back[nback] = n->b.v[n->b.n - 1 - nback].last;
            fixed = depeche_repair_at(back, nback, look, k, &fix);
        }
        depeche_status st;
        if (fixed) {
            tok e = n->a.v[i + fix.consumed - 1];
            size_t len = e.in + e.len - t.in;
            repair(n, fix.code, t.in, len, fix.message);
            st = push(&n->b, fix.cp, t.in, len, 1);
            i += fix.consumed;
            *fixed_any = 1;
        } else {
            st = push_tok(&n->b, t);
            i++;
        }
        if (st)
            return st;
    }
    swap(n);
    return DEPECHE_OK;
}

/* Copy decoded wrongly more than once ("dÃƒÂ©" for "dé": UTF-8 read as
 * Windows-1252 twice, or three layers of MacRoman) is repaired one layer a
 * pass, while a pass still finds a repair: each layer must be clearly
 * better on its own (repair.c's test), and each is reported. */
static depeche_status
pass_repair(norm *n)
{
    enum { LAYERS_MAX = 4 };
    depeche_status st = DEPECHE_OK;
    int fixed = 1;
    for (int layer = 0; layer < LAYERS_MAX && fixed && !st; layer++) {
        fixed = 0;
        st = repair_layer(n, &fixed);
    }
    return st;
}

/* ---- NZ-I: invisible and control characters; compatibility subset ---- */

/* NZ-I3: format characters that are default-ignorable and carry nothing
 * a translator or an MT system can use: the U+2060-U+206F block (word
 * joiner, invisible operators, bidi isolates, deprecated format controls,
 * unassigned U+2065), the bidi embeddings and marks, the Mongolian vowel
 * separator and interlinear annotation.  Removed and reported. */
static int
is_ignorable_format(int32_t c)
{
    return (c >= 0x2060 && c <= 0x206F) || (c >= 0x202A && c <= 0x202E) ||
           c == 0x200E || c == 0x200F || c == 0x180E ||
           (c >= 0xFFF9 && c <= 0xFFFB);
}

static int
is_dropped(int32_t c)
{
    /* NZ-I1: BOM / ZWNBSP, zero-width space, word joiner, soft hyphen,
     * and C0/C1 controls other than tab.  ZWJ and ZWNJ stay: emoji
     * sequences and some scripts need them. */
    if (c == 0xFEFF || c == 0x200B || c == 0x00AD || is_ignorable_format(c))
        return 1;
    if (c < 0x20)
        return c != '\t';
    return c == 0x7F || (c >= 0x80 && c <= 0x9F);
}

/* NZ-I2: the compatibility mappings news text wants, and no others (never
 * NFKC: it would turn NBSP into a space, … into ..., ½ into 1/2):
 * Latin ligatures ﬁ ﬂ and fullwidth ASCII forms. */
static int32_t
compat_map(int32_t c, int32_t *second, int32_t *third)
{
    *second = *third = 0;
    if (c >= 0xFF01 && c <= 0xFF5E)
        return c - 0xFEE0;
    switch (c) {
    case 0xFB00:
        *second = 'f';
        return 'f';
    case 0xFB01:
        *second = 'i';
        return 'f';
    case 0xFB02:
        *second = 'l';
        return 'f';
    case 0xFB03:
        *second = 'f';
        *third = 'i';
        return 'f';
    case 0xFB04:
        *second = 'f';
        *third = 'l';
        return 'f';
    case 0xFB05:
    case 0xFB06:
        *second = 't';
        return 's';
    default:
        return c;
    }
}

static depeche_status
pass_invisible(norm *n)
{
    for (size_t i = 0; i < n->a.n; i++) {
        tok t = n->a.v[i];
        if (is_dropped(t.cp)) {
            if (is_ignorable_format(t.cp))
                repair(n, "DEPECHE-008", t.in, t.len,
                       "invisible format character removed");
            continue;
        }
        int32_t c2, c3;
        int32_t c1 = compat_map(t.cp, &c2, &c3);
        depeche_status st;
        if (c1 == t.cp) {
            st = push_tok(&n->b, t);
        } else {
            st = push(&n->b, c1, t.in, t.len, 1);
            if (!st && c2)
                st = push(&n->b, c2, t.in + t.len, 0, 1);
            if (!st && c3)
                st = push(&n->b, c3, t.in + t.len, 0, 1);
        }
        if (st)
            return st;
    }
    swap(n);
    return DEPECHE_OK;
}

/* ---- NZ-N: NFC --------------------------------------------------------- */

/* Characters whose presence can make text differ from its NFC: combining
 * marks, Hangul jamo, and composition exclusions (singletons like U+212B).
 * Text without them is already NFC, so NFC runs only around them. */
static int
needs_nfc(int32_t c)
{
    if (c < 0x300 || (c >= 0x2010 && c <= 0x2027))
        return 0; /* the second: dashes, quotes, …: typeset French */
    if (c >= 0x1100 && c <= 0x11FF)
        return 1;
    const utf8proc_property_t *p = utf8proc_get_property(c);
    if (p->combining_class != 0 || p->comp_exclusion ||
        p->category == UTF8PROC_CATEGORY_MN ||
        p->category == UTF8PROC_CATEGORY_MC ||
        p->category == UTF8PROC_CATEGORY_ME)
        return 1;
    /* A precomposed character is NFC unless composition gives another
     * (U+212B ANGSTROM SIGN -> U+00C5).  None of those lies below U+0300,
     * so French letters never pay for this check. */
    if (p->decomp_type == 0 && p->decomp_seqindex != UINT16_MAX) {
        utf8proc_int32_t d[8];
        int last = 0;
        utf8proc_ssize_t k =
            utf8proc_decompose_char(c, d, 8, UTF8PROC_DECOMPOSE, &last);
        if (k < 1 || k > 8)
            return 1;
        k = utf8proc_normalize_utf32(d, k, UTF8PROC_COMPOSE);
        return k != 1 || d[0] != c;
    }
    return 0;
}

static int
is_starter(int32_t c)
{
    return c < 0x300 || utf8proc_get_property(c)->combining_class == 0;
}

/* Composes a[s, e) with utf8proc and writes the result to n->b. */
static depeche_status
compose_run(norm *n, size_t s, size_t e)
{
    depeche_buf *sc = &n->scratch;
    depeche_buf_clear(sc);
    for (size_t i = s; i < e; i++) {
        char enc[4];
        depeche_status st =
            depeche_buf_put(sc, enc, depeche_utf8_encode(n->a.v[i].cp, enc));
        if (st)
            return st;
    }
    utf8proc_uint8_t *res = NULL;
    utf8proc_ssize_t rl = utf8proc_map((const utf8proc_uint8_t *)sc->data,
                                       (utf8proc_ssize_t)sc->len, &res,
                                       UTF8PROC_STABLE | UTF8PROC_COMPOSE);
    if (rl < 0)
        return DEPECHE_ERR_NOMEM;
    int same = (size_t)rl == sc->len && memcmp(res, sc->data, sc->len) == 0;
    depeche_status st = DEPECHE_OK;
    if (same) {
        for (size_t i = s; i < e && !st; i++)
            st = push_tok(&n->b, n->a.v[i]);
    } else {
        size_t in = n->a.v[s].in;
        size_t in_end = n->a.v[e - 1].in + n->a.v[e - 1].len;
        for (utf8proc_ssize_t j = 0; j < rl && !st;) {
            int32_t cp;
            size_t k = depeche_utf8_decode(res + j, (size_t)(rl - j), &cp);
            /* The first composed character stands for the whole run. */
            st = j == 0 ? push(&n->b, cp, in, in_end - in, 1)
                        : push(&n->b, cp, in_end, 0, 1);
            j += (utf8proc_ssize_t)k;
        }
    }
    free(res);
    return st;
}

static depeche_status
pass_nfc(norm *n)
{
    size_t i = 0, count = n->a.n;
    int any = 0;
    for (size_t j = 0; j < count && !any; j++)
        any = needs_nfc(n->a.v[j].cp);
    if (!any)
        return DEPECHE_OK; /* the common case: nothing to compose */
    while (i < count) {
        /* A run: a starter and what follows it up to the next starter
         * that needs nothing. */
        size_t e = i + 1;
        int need = needs_nfc(n->a.v[i].cp);
        while (e < count &&
               (needs_nfc(n->a.v[e].cp) || !is_starter(n->a.v[e].cp))) {
            need = 1;
            e++;
        }
        depeche_status st = DEPECHE_OK;
        if (need && n->a.v[i].run) {
            /* A run reached by a window (past a dropped control): its
             * other letters go out as they are, its last one composes. */
            tok letter;
            cut_last_letter(n, &n->a.v[i], &letter);
            if (n->a.v[i].len)
                st = push_tok(&n->b, n->a.v[i]);
            n->a.v[i] = letter;
        }
        if (!st)
            st = need ? compose_run(n, i, e) : push_tok(&n->b, n->a.v[i]);
        if (st)
            return st;
        i = e;
    }
    swap(n);
    return DEPECHE_OK;
}

/* ---- NZ-S: spaces ------------------------------------------------------ */

/* NZ-S1 folds runs of spaces and tabs to one U+0020; a run holding a
 * no-break space becomes that no-break space.  NZ-S2 trims the line. */
static depeche_status
pass_spaces(norm *n, int line_start, int line_end)
{
    size_t i = 0, count = n->a.n;
    if (line_start)
        while (i < count && is_space(n->a.v[i].cp))
            i++;
    while (i < count) {
        tok t = n->a.v[i];
        if (!is_space(t.cp)) {
            depeche_status st = push_tok(&n->b, t);
            if (st)
                return st;
            i++;
            continue;
        }
        size_t e = i, keep = i;
        while (e < count && is_space(n->a.v[e].cp)) {
            if (is_nbsp(n->a.v[e].cp) && !is_nbsp(n->a.v[keep].cp))
                keep = e;
            e++;
        }
        if (e == count && line_end)
            break;
        tok k = n->a.v[keep];
        if (!is_nbsp(k.cp) && k.cp != ' ') {
            k.cp = ' ';
            k.changed = 1;
        }
        /* One token stands for the whole run so the map stays exact. */
        size_t end = n->a.v[e - 1].in + n->a.v[e - 1].len;
        if (e - i > 1) {
            k.in = n->a.v[i].in;
            k.len = end - k.in;
            k.changed = 1;
        }
        depeche_status st = push_tok(&n->b, k);
        if (st)
            return st;
        i = e;
    }
    swap(n);
    return DEPECHE_OK;
}

/* ---- emitting ---------------------------------------------------------- */

/* Writes the window's tokens.  Unchanged tokens next to each other become
 * one copy piece of the map. */
static depeche_status
emit(norm *n)
{
    depeche_buf *out = n->out;
    uint64_t copy_out = 0, copy_in = 0, copy_len = 0;
    depeche_status st = DEPECHE_OK;
    for (size_t i = 0; i < n->a.n && !st; i++) {
        const tok *t = &n->a.v[i];
        size_t need = t->run ? t->len : 4;
        if (out->cap - out->len <= need &&
            (st = depeche_buf_reserve(out, need)))
            break;
        uint64_t at = out->len;
        size_t k;
        if (t->run) {
            memcpy(out->data + at, n->in + t->in, t->len);
            k = t->len;
        } else if (t->cp < 0x80) {
            out->data[at] = (char)t->cp;
            k = 1;
        } else {
            k = depeche_utf8_encode(t->cp, out->data + at);
        }
        out->len += k;
        if (!n->map)
            continue;
        uint64_t in = n->base + t->in;
        if (!t->changed && copy_len && copy_out + copy_len == at &&
            copy_in + copy_len == in) {
            copy_len += k;
            continue;
        }
        if (copy_len)
            st = depeche_omap_copy(n->map, copy_out, copy_in, copy_len);
        copy_len = 0;
        if (st)
            break;
        if (t->changed) {
            st = depeche_omap_replace(n->map, at, k, in, t->len);
        } else {
            copy_out = at;
            copy_in = in;
            copy_len = k;
        }
    }
    if (!st && copy_len)
        st = depeche_omap_copy(n->map, copy_out, copy_in, copy_len);
    if (out->data)
        out->data[out->len] = '\0';
    return st;
}

/* Runs the passes the profile and the window's content call for. */
static depeche_status
run_passes(norm *n, unsigned seen, int line_start, int line_end)
{
    depeche_status st = DEPECHE_OK;
    if (seen & SEEN_REPAIR)
        st = pass_repair(n);
    if (!st && (seen & (SEEN_INVISIBLE | SEEN_REPAIR)))
        st = pass_invisible(n);
    if (!st && (seen & (SEEN_NFC | SEEN_REPAIR)))
        st = pass_nfc(n);
    if (!st && (seen & (SEEN_SPACES | SEEN_REPAIR | SEEN_INVISIBLE)))
        st = pass_spaces(n, line_start, line_end);
    if (!st && n->cfg->profile != DEPECHE_PROFILE_MINIMAL)
        st = depeche_norm_pass_typo(n, line_start);
    if (!st && n->cfg->profile == DEPECHE_PROFILE_MT)
        st = depeche_norm_pass_mt(n);
    if (!st)
        st = emit(n);
    if (n->a.n)
        n->carry_last = n->a.v[n->a.n - 1].last;
    n->a.n = 0;
    return st;
}

/* Where a window of at most WINDOW tokens may end inside a long line:
 * before its last run of spaces, so that every rule sees whole words, the
 * next window's spaces fold against this one's last character, and the
 * line's trailing spaces are trimmed in its last window.  A run of spaces
 * is one token (decode), so a line of a million spaces costs nothing.
 * Without a space, the cut falls before a starter, never between a
 * letter and its combining mark. */
static size_t
window_end(const char *in, size_t start, size_t end)
{
    if (end - start <= WINDOW)
        return end; /* fewer bytes than the limit: fewer tokens too */
    size_t i = start, units = 0, cut = start;
    while (i < end && units < WINDOW) {
        if (in[i] == ' ') {
            if (i > start)
                cut = i;
            while (i < end && in[i] == ' ')
                i++;
        } else {
            i++;
            while (i < end && ((unsigned char)in[i] & 0xC0) == 0x80)
                i++;
        }
        units++;
    }
    if (i >= end)
        return end;
    if (cut > start)
        return cut;
    /* No space: back up to a starter (at most a few combining marks). */
    for (size_t k = 0; k < 64 && i > start + 1; k++) {
        int32_t cp;
        depeche_utf8_decode((const unsigned char *)in + i, end - i, &cp);
        if (cp < 0x300 || is_starter(cp))
            break;
        do
            i--;
        while (i > start && ((unsigned char)in[i] & 0xC0) == 0x80);
    }
    return i;
}

static depeche_status
normalize_line(norm *n, size_t start, size_t end)
{
    int first = 1;
    n->dq_open = 0;
    n->carry_last = 0;
    while (first || start < end) {
        size_t e = window_end(n->in, start, end);
        /* Tokens count their offsets from the window's start, so they stay
         * small; n->in and n->base point there while it is processed. */
        const char *in = n->in;
        uint64_t base = n->base;
        n->in += start;
        n->base += start;
        unsigned seen;
        depeche_status st =
            decode(n, 0, e - start, !n->cfg->char_tokens, &seen);
        /* A repair may span letters a run would hide: decode again, one
         * token a character (rare: mojibake and entities). */
        if (!st && (seen & SEEN_REPAIR)) {
            n->a.n = 0;
            n->decoded_again = 1; /* its repairs are told already */
            st = decode(n, 0, e - start, 0, &seen);
            n->decoded_again = 0;
        }
        if (!st)
            st = run_passes(n, seen, first, e == end);
        n->in = in;
        n->base = base;
        if (st)
            return st;
        first = 0;
        start = e;
    }
    return DEPECHE_OK;
}

/* Asks the kernel to back a large buffer with huge pages.  Its first
 * touch otherwise costs one page fault every 4 KiB, which on the virtual
 * machines we measure on took about half the time of a 10 MB normalization
 * (0.11 s -> 0.05 s with them; bench/bench_normalize.sh).  Only a hint: no
 * error, and nothing elsewhere than Linux.  Public for the buffer the CLI
 * reads its input into (depeche.h). */
void
depeche_advise_large_buffer(void *buf, size_t n)
{
    char *p = buf;
#if defined(__linux__) && defined(MADV_HUGEPAGE)
    enum { HUGE_MIN = 4u << 20 }; /* smaller buffers are not worth it */
    long page = sysconf(_SC_PAGESIZE);
    if (n < HUGE_MIN || page <= 0)
        return;
    uintptr_t a = ((uintptr_t)p + (uintptr_t)page - 1) & ~((uintptr_t)page - 1);
    uintptr_t b = ((uintptr_t)p + n) & ~((uintptr_t)page - 1);
    if (b > a)
        (void)madvise((void *)a, b - a, MADV_HUGEPAGE);
#else
    (void)p;
    (void)n;
#endif
}

/* Room for the output of len input bytes, so that it is never copied to
 * grow: typo writes a little more than it reads (NBSP, « » for ").  An
 * empty buffer that large is taken aligned on huge pages, which the kernel
 * then backs whole (an unaligned one keeps 4 KiB pages at both ends). */
static depeche_status
reserve_output(depeche_buf *out, size_t len)
{
    size_t want = len + len / 8 + 64;
#if defined(__linux__) && defined(MADV_HUGEPAGE)
    enum { HUGE_PAGE = 2u << 20 };
    if (!out->data && want >= HUGE_PAGE && want < SIZE_MAX - HUGE_PAGE) {
        size_t size = (want + HUGE_PAGE - 1) & ~(size_t)(HUGE_PAGE - 1);
        void *p;
        if (!posix_memalign(&p, HUGE_PAGE, size)) {
            (void)madvise(p, size, MADV_HUGEPAGE);
            out->data = p;
            out->len = 0;
            out->cap = size;
            return DEPECHE_OK;
        }
    }
#endif
    depeche_status st = depeche_buf_reserve(out, want);
    if (!st)
        depeche_advise_large_buffer(out->data + out->len, out->cap - out->len);
    return st;
}

depeche_status
depeche_normalize_append(const depeche_norm_config *cfg, const char *in,
                         size_t len, uint64_t base, depeche_buf *out,
                         depeche_omap *map, depeche_error *err)
{
    norm n = {.cfg = cfg,
              .in = in,
              .len = len,
              .base = base,
              .out = out,
              .map = map,
              .err = err};
    if (len == 0)
        return DEPECHE_OK; /* in may be NULL then */
    depeche_status st = reserve_output(out, len);
    size_t start = 0;
    depeche_break_scan scan = {0};
    for (;;) {
        size_t br, i = depeche_next_line_break(in, len, start, &scan, &br);
        st = normalize_line(&n, start, i);
        if (!st && br) {
            /* NZ-D4: every line break becomes one LF. */
            uint64_t o = out->len;
            st = depeche_buf_putc(out, '\n');
            if (!st && map)
                st = br == 1 && in[i] == '\n'
                         ? depeche_omap_copy(map, o, base + i, 1)
                         : depeche_omap_replace(map, o, 1, base + i, br);
        }
        if (st || !br)
            break;
        start = i + br;
    }
    free(n.a.v);
    free(n.b.v);
    depeche_buf_free(&n.scratch);
    if (st && st != DEPECHE_ERR_BAD_INPUT)
        return depeche_fail(err, st, DEPECHE_NO_OFFSET, "%s",
                            depeche_strerror(st));
    return st;
}

depeche_status
depeche_normalize_key(const char *in, size_t len, depeche_buf *out)
{
    depeche_norm_config cfg = {.profile = DEPECHE_PROFILE_MINIMAL,
                               .flags = DEPECHE_LOSSY};
    depeche_buf nfc = {0};
    depeche_status st =
        depeche_normalize_append(&cfg, in, len, 0, &nfc, NULL, NULL);
    /* Words of letters and digits, lower-cased, one space apart: quotes,
     * spacing and punctuation differences must not hide a repeat. */
    size_t start = out->len; /* keys may follow each other in one buffer */
    int gap = 0;
    for (size_t i = 0; !st && i < nfc.len;) {
        int32_t cp;
        i += depeche_utf8_decode((const unsigned char *)nfc.data + i,
                                 nfc.len - i, &cp);
        if (!is_alnum(cp)) {
            gap = 1;
            continue;
        }
        if (gap && out->len > start)
            st = depeche_buf_putc(out, ' ');
        gap = 0;
        char enc[4];
        if (!st)
            st = depeche_buf_put(
                out, enc, depeche_utf8_encode(utf8proc_tolower(cp), enc));
    }
    depeche_buf_free(&nfc);
    return st;
}
