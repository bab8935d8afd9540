/* utf8.c -- UTF-8 decoding and validation. */
#include "utf8.h"

#include <string.h>

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

size_t
depeche_next_line_break(const char *s, size_t len, size_t i,
                        depeche_break_scan *bs, size_t *brk)
{
    while (i < len) {
        if (!bs->known || bs->nl < i) {
            const char *p = memchr(s + i, '\n', len - i);
            bs->nl = p ? (size_t)(p - s) : len;
        }
        if (!bs->known || bs->cr < i) {
            const char *p = memchr(s + i, '\r', len - i);
            bs->cr = p ? (size_t)(p - s) : len;
        }
        bs->known = 1;
        size_t end = bs->nl < bs->cr ? bs->nl : bs->cr;
        /* U+2028 and U+2029 start with E2, as do ’ … — : check each. */
        const char *e2 = memchr(s + i, 0xE2, end - i);
        size_t at = e2 ? (size_t)(e2 - s) : end;
        if (at >= len)
            break;
        size_t k = depeche_line_break_at(s, len, at);
        if (k) {
            *brk = k;
            return at;
        }
        i = at + 1;
    }
    *brk = 0;
    return len;
}
