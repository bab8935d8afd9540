/* normalize_impl.h -- what normalize.c and the passes of other files
 * share: the token vector a pass reads and writes, and the character
 * classes the rules use.  Private to the library. */
#pragma once

#include <stdint.h>
#include <utf8proc.h>

#include "normalize.h"

enum {
    CP_NBSP = 0x00A0,
    CP_NNBSP = 0x202F,
    CP_RSQUO = 0x2019,
    CP_LAQUO = 0x00AB,
    CP_RAQUO = 0x00BB,
    CP_LDQUO = 0x201C,
    CP_RDQUO = 0x201D,
    CP_HELLIP = 0x2026,
    CP_NDASH = 0x2013,
    CP_MDASH = 0x2014,
    CP_FFFD = 0xFFFD
};

/* One code point of the window and the input bytes it stands for.  An
 * inserted character has len 0; a changed one has changed set, so emitting
 * records a replacement instead of a copy.
 *
 * A run is one token for a stretch of text no rule acts on: letters that
 * need no NFC and cannot start a repair, joined by the separators that no
 * rule acts on between two such letters (see run_end).  cp is its first
 * letter, last its last, and emitting copies its bytes.  Runs make the
 * passes cost a token a phrase rather than a token a character. */
typedef struct tok {
    int32_t cp, last;
    uint32_t in;          /* offset in the window (at most 4 * WINDOW) */
    uint32_t len : 29;    /* input bytes it stands for */
    uint32_t changed : 1; /* emit a replacement, not a copy */
    uint32_t run : 1;
    uint32_t url : 1; /* part of a URL: typography keeps off (NZ-T0) */
} tok;

typedef struct toks {
    tok *v;
    size_t n, cap;
} toks;

typedef struct norm {
    const depeche_norm_config *cfg;
    const char *in;
    size_t len;
    uint64_t base;
    depeche_buf *out;
    depeche_omap *map;
    depeche_error *err;
    toks a, b;   /* a pass reads a and writes b, then they swap */
    int dq_open; /* a straight quote opened on this line (NZ-T3) */
    /* The last character the previous window of the line wrote (0 at a
     * line start): the rules' look behind crosses window boundaries. */
    int32_t carry_last;
    int decoded_again; /* decode() runs a second time on this window */
    depeche_buf scratch;
    /* is_run_letter for U+0080..U+024F, filled as met: 0 unknown, 1 no,
     * 2 yes.  Accented letters are the only non-ASCII most text has. */
    unsigned char latin_run[0x250 - 0x80];
} norm;

static inline depeche_status
push_tok(toks *t, tok k)
{
    if (__builtin_expect(t->n == t->cap, 0)) {
        depeche_status st =
            depeche_grow((void **)&t->v, &t->cap, t->n + 1, sizeof *t->v);
        if (st)
            return st;
    }
    t->v[t->n++] = k;
    return DEPECHE_OK;
}

static inline depeche_status
push(toks *t, int32_t cp, size_t in, size_t len, int changed)
{
    return push_tok(
        t,
        (tok){.cp = cp, .last = cp, .in = in, .len = len, .changed = changed});
}

static inline void
swap(norm *n)
{
    toks t = n->a;
    n->a = n->b;
    n->b = t;
    n->b.n = 0;
}

/* ---- character classes ------------------------------------------------ */

static inline int
is_letter(int32_t c)
{
    if (c < 0x80)
        return (c | 0x20) >= 'a' && (c | 0x20) <= 'z';
    utf8proc_category_t k = utf8proc_category(c);
    return k >= UTF8PROC_CATEGORY_LU && k <= UTF8PROC_CATEGORY_LO;
}

static inline int
is_digit(int32_t c)
{
    return c >= '0' && c <= '9';
}

static inline int
is_alnum(int32_t c)
{
    return is_letter(c) || is_digit(c);
}

/* Horizontal spaces that fold to one U+0020 (NZ-S1); the no-break spaces
 * are kept apart because they carry intent. */
static inline int
is_plain_space(int32_t c)
{
    if (c < 0x80)
        return c == ' ' || c == '\t';
    return c == 0x1680 || (c >= 0x2000 && c <= 0x200A) || c == 0x205F ||
           c == 0x3000;
}

static inline int
is_nbsp(int32_t c)
{
    return c == CP_NBSP || c == CP_NNBSP;
}

static inline int
is_space(int32_t c)
{
    if (c < 0x80)
        return c == ' ' || c == '\t';
    return is_plain_space(c) || is_nbsp(c);
}

/* NZ-T: French typography (profiles typo and mt), normalize_typo.c. */
depeche_status depeche_norm_pass_typo(norm *n, int line_start);
/* NZ-M: the MT mapping (profile mt), normalize_typo.c. */
depeche_status depeche_norm_pass_mt(norm *n);
