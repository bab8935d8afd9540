/* spell_chars.c -- what the speller asks of a character and of a word's
 * letters: code points, letters, case, accents, shape, elision. */
#include "spell_chars.h"

#include <string.h>
#include <utf8proc.h>

size_t
spell_next_cp(const char *s, size_t len, size_t i, int32_t *cp)
{
    if (i < len && (unsigned char)s[i] < 0x80) {
        *cp = (unsigned char)s[i];
        return 1;
    }
    utf8proc_ssize_t n = utf8proc_iterate((const utf8proc_uint8_t *)s + i,
                                          (utf8proc_ssize_t)(len - i), cp);
    if (n <= 0) {
        *cp = -1;
        return 1;
    }
    return (size_t)n;
}

int
spell_is_letter(int32_t cp)
{
    if (cp < 0)
        return 0;
    if (cp < 0x80)
        return (cp | 0x20) >= 'a' && (cp | 0x20) <= 'z';
    utf8proc_category_t c = utf8proc_category(cp);
    return (c >= UTF8PROC_CATEGORY_LU && c <= UTF8PROC_CATEGORY_LO) ||
           c == UTF8PROC_CATEGORY_MN || c == UTF8PROC_CATEGORY_MC;
}

int
spell_is_digit(int32_t cp)
{
    if (cp < 0x80)
        return cp >= '0' && cp <= '9';
    utf8proc_category_t c = utf8proc_category(cp);
    return c == UTF8PROC_CATEGORY_ND || c == UTF8PROC_CATEGORY_NO;
}

int
spell_is_apos(int32_t cp)
{
    return cp == '\'' || cp == 0x2019 || cp == 0x02BC;
}

int
spell_is_space(int32_t cp)
{
    return cp == ' ' || cp == '\t' || cp == 0xA0 || cp == 0x202F ||
           cp == 0x2009 || cp == 0x2007;
}

int
spell_is_upper(int32_t cp)
{
    if (cp < 0x80)
        return cp >= 'A' && cp <= 'Z';
    return utf8proc_isupper(cp);
}

/* The letter without its accent: é -> e, Ç -> C.  Others unchanged. */
int32_t
spell_base_letter(int32_t cp)
{
    static const char from[] = "àâäáãéèêëíìîïóòôöõúùûüýÿçñ";
    static const char to[] = "aaaaaeeeeiiiiooooouuuuyycn";
    int32_t lo = utf8proc_tolower(cp);
    if (lo < 0x80)
        return cp;
    size_t k = 0;
    for (size_t i = 0; from[i]; k++) {
        int32_t f;
        i += spell_next_cp(from, sizeof from - 1, i, &f);
        if (f == lo)
            return lo == cp ? to[k] : utf8proc_toupper(to[k]);
    }
    return cp;
}

enum shape
spell_shape_of(const char *w, size_t n)
{
    size_t up = 0, low = 0, inner_up = 0;
    int part_start = 1;
    for (size_t i = 0; i < n;) {
        int32_t cp;
        i += spell_next_cp(w, n, i, &cp);
        if (cp == '-' || spell_is_apos(cp)) {
            part_start = 1;
            continue;
        }
        if (spell_is_upper(cp)) {
            up++;
            if (!part_start)
                inner_up++;
        } else if (spell_is_letter(cp)) {
            low++;
        }
        part_start = 0;
    }
    if (up == 0)
        return S_LOWER;
    if (low == 0)
        return up >= 2 ? S_UPPER : S_CAP;
    return inner_up ? S_MIXED : S_CAP;
}

/* Lowercases w into out (NUL-terminated); returns its length. */
size_t
spell_lower_copy(const char *w, size_t n, char *out, size_t max)
{
    size_t o = 0;
    for (size_t i = 0; i < n;) {
        int32_t cp;
        i += spell_next_cp(w, n, i, &cp);
        if (cp < 0)
            cp = 0xFFFD;
        char enc[4];
        utf8proc_ssize_t k =
            utf8proc_encode_char(utf8proc_tolower(cp), (utf8proc_uint8_t *)enc);
        if (o + (size_t)k + 1 > max)
            break;
        memcpy(out + o, enc, (size_t)k);
        o += (size_t)k;
    }
    out[o] = '\0';
    return o;
}

/* Byte length of the elision prefix (l', qu', jusqu'...), 0 if none. */
size_t
spell_elision_len(const spell_lists *l, const char *w, size_t n)
{
    for (size_t i = 0; i < n && i < 8;) {
        int32_t cp;
        size_t k = spell_next_cp(w, n, i, &cp);
        if (spell_is_apos(cp)) {
            char low[16];
            spell_lower_copy(w, i, low, sizeof low);
            if (i > 0 && i + k < n && spell_lists_has(l, LIST_ELISIONS, low))
                return i + k;
            return 0;
        }
        if (!spell_is_letter(cp))
            return 0;
        i += k;
    }
    return 0;
}

int
spell_euphonic_apostrophe(const char *w, size_t n)
{
    static const char *const pron[] = {"elle", "elles", "il", "ils", "on"};
    for (size_t p = 0; p < sizeof pron / sizeof *pron; p++) {
        size_t pl = strlen(pron[p]);
        if (n < pl + 4 || memcmp(w + n - pl, pron[p], pl))
            continue;
        const char *q = w + n - pl;
        if (q[-1] == '\'' && q[-2] == 't' && q[-3] == '-')
            return 1;
        if (n >= pl + 6 && !memcmp(q - 3, "\xE2\x80\x99", 3) && q[-4] == 't' &&
            q[-5] == '-')
            return 1;
    }
    return 0;
}

size_t
spell_splice(const char *w, size_t wn, size_t at, size_t n, const char *rep,
             char *out, size_t max)
{
    size_t rl = strlen(rep);
    if (wn - n + rl + 1 > max)
        return 0;
    memcpy(out, w, at);
    memcpy(out + at, rep, rl);
    memcpy(out + at + rl, w + at + n, wn - at - n);
    return wn - n + rl;
}

/* 11H00: an hour of one or two digits, a capital H, two digits of minutes
 * (French writes 11h00 or 11 h 00). */
static int
capital_h_time(const char *w, size_t n)
{
    if (n != 4 && n != 5)
        return 0;
    size_t h = n - 3; /* where the H must be */
    for (size_t i = 0; i < n; i++)
        if (i != h && (w[i] < '0' || w[i] > '9'))
            return 0;
    int hours = h == 1 ? w[0] - '0' : (w[0] - '0') * 10 + (w[1] - '0');
    int minutes = (w[h + 1] - '0') * 10 + (w[h + 2] - '0');
    return w[h] == 'H' && hours <= 24 && minutes < 60;
}

/* 1O.365, 2O18: digits and separators with a letter O among them, never
 * first or last (H2O, CO2, 4G and A380 are other things). */
static int
letter_o_in_number(const char *w, size_t n)
{
    size_t digits = 0, os = 0;
    if (n < 3 || w[0] < '0' || w[0] > '9')
        return 0;
    for (size_t i = 0; i < n; i++) {
        if (w[i] >= '0' && w[i] <= '9')
            digits++;
        else if (w[i] == 'O' || w[i] == 'o')
            os++;
        else if (w[i] != '.' && w[i] != ',')
            return 0;
    }
    char last = w[n - 1];
    return os > 0 && digits >= 2 && last >= '0' && last <= '9';
}

size_t
spell_mistyped_number(const char *w, size_t n, char *fix, size_t max)
{
    int time = capital_h_time(w, n);
    if (!time && !letter_o_in_number(w, n))
        return 0;
    if (fix && n < max) {
        for (size_t i = 0; i < n; i++)
            fix[i] = time && w[i] == 'H'                     ? 'h'
                     : !time && (w[i] == 'O' || w[i] == 'o') ? '0'
                                                             : w[i];
        fix[n] = '\0';
    }
    return n;
}
