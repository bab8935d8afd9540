/* utf8.c -- UTF-8 decoding and validation. */
#include "utf8.h"

#include <string.h>

#include "buf.h" /* depeche_fail */
#if defined(__SSE2__)
#include <emmintrin.h> /* 16 bytes at a time */
#endif

size_t
depeche_utf8_decode(const unsigned char *s, size_t len, int32_t *cp)
{
    unsigned char c = s[0];
    if (c < 0x80) {
        *cp = c;
        return 1;
    }
    /* Table 3-7 of the Unicode Standard: well-formed byte sequences. */
    size_t need;
    unsigned char lo = 0x80, hi = 0xBF;
    int32_t v;
    if (c >= 0xC2 && c <= 0xDF) {
        need = 1;
        v = c & 0x1F;
    } else if (c >= 0xE0 && c <= 0xEF) {
        need = 2;
        v = c & 0x0F;
        if (c == 0xE0)
            lo = 0xA0;
        else if (c == 0xED)
            hi = 0x9F; /* no surrogates */
    } else if (c >= 0xF0 && c <= 0xF4) {
        need = 3;
        v = c & 0x07;
        if (c == 0xF0)
            lo = 0x90;
        else if (c == 0xF4)
            hi = 0x8F;
    } else {
        *cp = -1;
        return 1;
    }
    size_t i = 1;
    for (; i <= need; i++) {
        if (i >= len || s[i] < lo || s[i] > hi) {
            *cp = -1;
            return i;
        }
        v = (v << 6) | (s[i] & 0x3F);
        lo = 0x80;
        hi = 0xBF;
    }
    *cp = v;
    return i;
}

size_t
depeche_utf8_encode(int32_t cp, char out[4])
{
    if (cp < 0x80) {
        out[0] = (char)cp;
        return 1;
    }
    if (cp < 0x800) {
        out[0] = (char)(0xC0 | (cp >> 6));
        out[1] = (char)(0x80 | (cp & 0x3F));
        return 2;
    }
    if (cp < 0x10000) {
        out[0] = (char)(0xE0 | (cp >> 12));
        out[1] = (char)(0x80 | ((cp >> 6) & 0x3F));
        out[2] = (char)(0x80 | (cp & 0x3F));
        return 3;
    }
    out[0] = (char)(0xF0 | (cp >> 18));
    out[1] = (char)(0x80 | ((cp >> 12) & 0x3F));
    out[2] = (char)(0x80 | ((cp >> 6) & 0x3F));
    out[3] = (char)(0x80 | (cp & 0x3F));
    return 4;
}

size_t
depeche_utf8_count(const char *s, size_t len)
{
    size_t n = 0;
    for (size_t i = 0; i < len; i++)
        n += ((unsigned char)s[i] & 0xC0) != 0x80;
    return n;
}

size_t
depeche_utf8_check(const char *s, size_t len)
{
    const unsigned char *u = (const unsigned char *)s;
    size_t i = 0;
    while (i < len) {
        if (len - i >= 8) {
            uint64_t w;
            memcpy(&w, u + i, 8);
            if (!(w & UINT64_C(0x8080808080808080))) {
                i += 8;
                continue;
            }
        }
        if (u[i] < 0x80) {
            i++;
            continue;
        }
        int32_t cp;
        size_t n = depeche_utf8_decode(u + i, len - i, &cp);
        if (cp < 0)
            return i;
        i += n;
    }
    return len;
}

size_t
depeche_utf8_complete_prefix(const char *s, size_t len)
{
    /* A sequence is at most 4 bytes: look back for a lead byte whose
     * sequence runs past the end. */
    const unsigned char *u = (const unsigned char *)s;
    size_t back = len < 3 ? len : 3;
    for (size_t k = 1; k <= back; k++) {
        unsigned char c = u[len - k];
        if (c < 0x80)
            return len;
        if (c >= 0xC0) {
            size_t need = c >= 0xF0 ? 4 : c >= 0xE0 ? 3 : 2;
            return need > k ? len - k : len;
        }
    }
    return len;
}

depeche_status
depeche_reject_utf16_32(const char *s, size_t len, depeche_error *err)
{
    /* UTF-32 first: its little-endian mark starts with UTF-16's. */
    static const struct {
        const char *mark, *name, *iconv;
        size_t n;
    } boms[] = {
        {"\xFF\xFE\0\0", "UTF-32LE", "UTF-32", 4},
        {"\0\0\xFE\xFF", "UTF-32BE", "UTF-32", 4},
        {"\xFF\xFE", "UTF-16LE", "UTF-16", 2},
        {"\xFE\xFF", "UTF-16BE", "UTF-16", 2},
    };
    for (size_t i = 0; i < sizeof boms / sizeof boms[0]; i++)
        if (len >= boms[i].n && !memcmp(s, boms[i].mark, boms[i].n))
            return depeche_fail(err, DEPECHE_ERR_BAD_INPUT, 0,
                                "%s text (byte order mark), not UTF-8: "
                                "convert it first, e.g. iconv -f %s -t UTF-8",
                                boms[i].name, boms[i].iconv);
    return DEPECHE_OK;
}

size_t
depeche_line_break_at(const char *s, size_t len, size_t i)
{
    unsigned char c = (unsigned char)s[i];
    if (c == '\n')
        return 1;
    if (c == '\r')
        return i + 1 < len && s[i + 1] == '\n' ? 2 : 1;
    if (c == 0xE2 && i + 2 < len && (unsigned char)s[i + 1] == 0x80 &&
        ((unsigned char)s[i + 2] == 0xA8 || (unsigned char)s[i + 2] == 0xA9))
        return 3;
    return 0;
}

int
depeche_break_ends_paragraph(const char *s, size_t len, size_t i)
{
    return i + 2 < len && (unsigned char)s[i] == 0xE2 &&
           (unsigned char)s[i + 1] == 0x80 && (unsigned char)s[i + 2] == 0xA9;
}

int
depeche_is_blank_cp(int32_t c)
{
    if (c == ' ' || c == '\t' || c == '\f' || c == '\v' || c == 0x85 ||
        c == 0xA0 || c == 0xAD || c == 0x1680 || c == 0x200B || c == 0x202F ||
        c == 0x205F || c == 0x2060 || c == 0x3000 || c == 0xFEFF)
        return 1;
    return c >= 0x2000 && c <= 0x200A;
}

int
depeche_is_blank_line(const char *s, size_t len)
{
    const unsigned char *u = (const unsigned char *)s;
    for (size_t i = 0; i < len;) {
        int32_t cp = u[i];
        size_t n = 1;
        if (cp >= 0x80)
            n = depeche_utf8_decode(u + i, len - i, &cp);
        if (!depeche_is_blank_cp(cp))
            return 0;
        i += n;
    }
    return 1;
}

int
depeche_has_paragraph_break(const char *s, size_t from, size_t to)
{
    /* Breaks are searched up to `to` only: a search to the text's end on
     * every call would make the pipeline quadratic in its blocks. */
    depeche_break_scan scan = {0};
    size_t line = SIZE_MAX; /* start of the first whole line: none yet */
    for (size_t i = from; i < to;) {
        size_t brk, at = depeche_next_line_break(s, to, i, &scan, &brk);
        if (at >= to)
            break;
        if (depeche_break_ends_paragraph(s, to, at) ||
            (line != SIZE_MAX && depeche_is_blank_line(s + line, at - line)))
            return 1;
        i = line = at + brk;
    }
    return 0;
}

/* The first U+2028 or U+2029 (E2 80 A8, E2 80 A9) in s[i, end), or end.
 * Other characters start with E2 too (’ … —), one every few words in
 * typeset French: a byte search would stop at each. */
static size_t
find_unicode_separator(const unsigned char *s, size_t i, size_t end)
{
#if defined(__SSE2__)
    const __m128i e2 = _mm_set1_epi8((char)0xE2),
                  x80 = _mm_set1_epi8((char)0x80),
                  fe = _mm_set1_epi8((char)0xFE),
                  a8 = _mm_set1_epi8((char)0xA8);
    for (; end - i >= 18; i += 16) {
        __m128i v0 = _mm_loadu_si128((const __m128i *)(const void *)(s + i));
        __m128i v1 =
            _mm_loadu_si128((const __m128i *)(const void *)(s + i + 1));
        __m128i v2 =
            _mm_loadu_si128((const __m128i *)(const void *)(s + i + 2));
        __m128i m = _mm_and_si128(
            _mm_and_si128(_mm_cmpeq_epi8(v0, e2), _mm_cmpeq_epi8(v1, x80)),
            _mm_cmpeq_epi8(_mm_and_si128(v2, fe), a8));
        unsigned bits = (unsigned)_mm_movemask_epi8(m);
        if (bits)
            return i + (size_t)__builtin_ctz(bits);
    }
#endif
    for (; i < end && end - i >= 3; i++)
        if (s[i] == 0xE2 && s[i + 1] == 0x80 && (s[i + 2] & 0xFE) == 0xA8)
            return i;
    return end;
}

size_t
depeche_next_line_break(const char *s, size_t len, size_t i,
                        depeche_break_scan *bs, size_t *brk)
{
    *brk = 0;
    if (i >= len)
        return len;
    if (!bs->known || bs->nl < i) {
        const char *p = memchr(s + i, '\n', len - i);
        bs->nl = p ? (size_t)(p - s) : len;
    }
    if (!bs->known || bs->cr < i) {
        /* A CR is looked for before the next LF only (none there: cr is
         * that LF), in bytes the LF search just read: a whole-text search
         * would read a large text once more, from memory. */
        const char *p = memchr(s + i, '\r', bs->nl - i);
        bs->cr = p ? (size_t)(p - s) : bs->nl;
    }
    bs->known = 1;
    size_t end = bs->nl < bs->cr ? bs->nl : bs->cr;
    size_t at = find_unicode_separator((const unsigned char *)s, i, end);
    if (at < len)
        *brk = depeche_line_break_at(s, len, at);
    return at;
}

/* With SSE2 a block of 16 bytes holding only ASCII and two-byte sequences
 * (é, à, NBSP, « ») is checked at once: every continuation byte must
 * follow a lead byte C2..DF; three-byte sequences get a second test.  Any
 * other block goes byte by byte, which finds the exact offset. */
size_t
depeche_utf8_check_text(const char *text, size_t len)
{
    const unsigned char *t = (const unsigned char *)text;
    size_t i = 0;
    while (i < len) {
        size_t stop = len;
#if defined(__SSE2__)
        /* Signed byte compares: 0x80..0xBF are -128..-65. */
        const __m128i zero = _mm_setzero_si128();
        const __m128i below_c0 = _mm_set1_epi8(-64);
        const __m128i above_c1 = _mm_set1_epi8(-63);
        const __m128i below_e0 = _mm_set1_epi8(-32);
        const __m128i above_df = _mm_set1_epi8(-33);
        const __m128i below_f0 = _mm_set1_epi8(-16);
        const __m128i e0 = _mm_set1_epi8((char)0xE0);
        const __m128i ed = _mm_set1_epi8((char)0xED);
        const __m128i below_a0 = _mm_set1_epi8(-96);
        const __m128i above_9f = _mm_set1_epi8(-97);
        /* The leads of the block before, whose continuation bytes may
         * open this one. */
        __m128i prev_lead = zero, prev3 = zero, prev_e0 = zero, prev_ed = zero;
        for (; len - i >= 16; i += 16) {
            /* One mask for everything wrong, and no branch on ASCII
             * blocks: in French they alternate with accented ones too
             * irregularly to predict. */
            __m128i v = _mm_loadu_si128((const __m128i *)(const void *)(t + i));
            __m128i cont = _mm_cmpgt_epi8(below_c0, v);
            __m128i neg = _mm_cmpgt_epi8(zero, v);
            __m128i pending = _mm_or_si128(_mm_srli_si128(prev_lead, 15),
                                           _mm_srli_si128(prev3, 14));
            /* A block opening on the byte after E0 or ED needs the range
             * check below. */
            __m128i edge = _mm_srli_si128(_mm_or_si128(prev_e0, prev_ed), 15);
            __m128i lead2 = _mm_and_si128(_mm_cmpgt_epi8(v, above_c1),
                                          _mm_cmpgt_epi8(below_e0, v));
            /* Each continuation byte right after a lead C2..DF (é, à,
             * NBSP), and no other byte at or above 0x80, nor NUL. */
            __m128i bad = _mm_or_si128(
                _mm_or_si128(_mm_or_si128(_mm_cmpeq_epi8(v, zero), edge),
                             _mm_andnot_si128(_mm_or_si128(cont, lead2), neg)),
                _mm_xor_si128(cont,
                              _mm_or_si128(_mm_slli_si128(lead2, 1), pending)));
            if (!_mm_movemask_epi8(bad)) {
                prev_lead = lead2;
                prev3 = prev_e0 = prev_ed = zero;
                continue;
            }
            /* Three-byte sequences too (’ « … €): two continuations after
             * E0..EF, with E0 80..9F (overlong) and ED A0..BF (surrogate)
             * refused. */
            __m128i lead3 = _mm_and_si128(_mm_cmpgt_epi8(v, above_df),
                                          _mm_cmpgt_epi8(below_f0, v));
            __m128i lead = _mm_or_si128(lead2, lead3);
            __m128i want = _mm_or_si128(
                _mm_or_si128(_mm_slli_si128(lead, 1), _mm_slli_si128(lead3, 2)),
                pending);
            __m128i is_e0 = _mm_cmpeq_epi8(v, e0);
            __m128i is_ed = _mm_cmpeq_epi8(v, ed);
            __m128i after_e0 = _mm_or_si128(_mm_slli_si128(is_e0, 1),
                                            _mm_srli_si128(prev_e0, 15));
            __m128i after_ed = _mm_or_si128(_mm_slli_si128(is_ed, 1),
                                            _mm_srli_si128(prev_ed, 15));
            bad = _mm_or_si128(
                _mm_or_si128(_mm_cmpeq_epi8(v, zero),
                             _mm_andnot_si128(_mm_or_si128(cont, lead), neg)),
                _mm_or_si128(
                    _mm_xor_si128(cont, want),
                    _mm_or_si128(
                        _mm_and_si128(after_e0, _mm_cmpgt_epi8(below_a0, v)),
                        _mm_and_si128(after_ed, _mm_cmpgt_epi8(v, above_9f)))));
            if (_mm_movemask_epi8(bad))
                break; /* four-byte sequences and errors go byte by byte */
            prev_lead = lead;
            prev3 = lead3;
            prev_e0 = is_e0;
            prev_ed = is_ed;
        }
        /* A sequence cut by the block edge is checked whole below. */
        if (_mm_movemask_epi8(prev_lead) & 0x8000)
            i -= 1;
        else if (_mm_movemask_epi8(prev3) & 0x4000)
            i -= 2;
        stop = len - i > 64 ? i + 64 : len;
#endif
        while (i < stop) {
            unsigned char c = t[i];
            if (c == 0)
                return i;
            if (c < 0x80) {
                i++;
                continue;
            }
            int32_t cp;
            size_t n = depeche_utf8_decode(t + i, len - i, &cp);
            if (cp < 0)
                return i;
            i += n;
        }
    }
    return len;
}
