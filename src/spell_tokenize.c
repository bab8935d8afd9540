/* spell_tokenize.c -- French text cut into the tokens the speller checks:
 * words with their elisions and hyphens, numbers and units, URLs, e-mail
 * addresses, hashtags and mentions, each with what its place in the
 * sentence says (first word, after a title...). */
#include "spell_tokenize.h"

#if defined(__SSE2__)
#include <emmintrin.h> /* word ends found 16 bytes at a time */
#endif
#include <string.h>
#include <strings.h> /* strncasecmp */

#include "buf.h"
#include "spell_chars.h"

static int
starts_with_ci(const char *p, size_t n, const char *lit)
{
    size_t k = strlen(lit);
    return n >= k && strncasecmp(p, lit, k) == 0;
}

/* Does the gap between two words start a sentence? */
static int
gap_starts_sentence(const char *g, size_t n, int prev_abbr)
{
    for (size_t i = 0; i < n;) {
        int32_t cp;
        i += spell_next_cp(g, n, i, &cp);
        switch (cp) {
        case '.':
            if (prev_abbr)
                break;
            return 1;
        case '!':
        case '?':
        case ':':
        case '"':
        case 0x2026: /* … */
        case 0x00AB: /* « */
        case 0x201C: /* “ */
        case 0x2014: /* — */
        case 0x2013: /* – */
            return 1;
        case '-':
            if (i < n && g[i] == '-')
                return 1;
            break;
        default:
            break;
        }
    }
    return 0;
}

/* Where the run of ASCII letters and digits from t[j] ends, 16 bytes at a
 * time where SSE2 allows (the byte loop after it finishes the rest);
 * *digits is set when the run holds one. */
static size_t
ascii_alnum_end(const char *t, size_t j, size_t len, int *digits)
{
#if defined(__SSE2__)
    const __m128i case_bit = _mm_set1_epi8(0x20),
                  to_a = _mm_set1_epi8((char)(0x80 - 'a')),
                  to_0 = _mm_set1_epi8((char)(0x80 - '0')),
                  below26 = _mm_set1_epi8((char)(-128 + 26)),
                  below10 = _mm_set1_epi8((char)(-128 + 10));
    while (len - j >= 16) {
        __m128i v = _mm_loadu_si128((const __m128i *)(const void *)(t + j));
        __m128i letter = _mm_cmplt_epi8(
            _mm_add_epi8(_mm_or_si128(v, case_bit), to_a), below26);
        __m128i digit = _mm_cmplt_epi8(_mm_add_epi8(v, to_0), below10);
        unsigned dg = (unsigned)_mm_movemask_epi8(digit);
        unsigned stop =
            ~(unsigned)_mm_movemask_epi8(_mm_or_si128(letter, digit)) & 0xFFFF;
        size_t k = stop ? (size_t)__builtin_ctz(stop) : 16;
        if (dg & ((1u << k) - 1))
            *digits = 1;
        j += k;
        if (stop)
            break;
    }
#endif
    (void)t;
    (void)len;
    (void)digits;
    return j;
}

static depeche_status
push_tok(spell_toks *toks, size_t seg, size_t start, size_t end, unsigned flags)
{
    if (depeche_grow((void **)&toks->at, &toks->cap, toks->n + 1,
                     sizeof *toks->at))
        return DEPECHE_ERR_NOMEM;
    tok *t = &toks->at[toks->n++];
    t->seg = seg;
    t->start = start;
    t->end = end;
    t->flags = flags;
    t->e = t->ce = NULL;
    return DEPECHE_OK;
}

depeche_status
spell_tokenize(spell_toks *toks, const char *t, size_t len, size_t segi,
               spell_type_fn type_of, void *ctx)
{
    size_t prev_end = 0;
    int have_prev = 0;
    unsigned prev_flags = 0;
    for (size_t i = 0; i < len;) {
        int32_t cp;
        size_t k = spell_next_cp(t, len, i, &cp);
        int hw = cp == 'h' || cp == 'H' || cp == 'w' || cp == 'W';
        int url = hw && (starts_with_ci(t + i, len - i, "http://") ||
                         starts_with_ci(t + i, len - i, "https://") ||
                         starts_with_ci(t + i, len - i, "www."));
        if ((cp == '#' || cp == '@') && i + 1 < len) {
            int32_t nx;
            spell_next_cp(t, len, i + 1, &nx);
            url = spell_is_letter(nx) || spell_is_digit(nx);
        }
        if (url) {
            /* URL, hashtag, mention: up to the next space */
            size_t j = i;
            while (j < len) {
                int32_t c;
                size_t m = spell_next_cp(t, len, j, &c);
                if (spell_is_space(c) || c == '\n')
                    break;
                j += m;
            }
            i = j;
            prev_end = i;
            have_prev = 1;
            prev_flags = 0;
            continue;
        }
        if (!spell_is_letter(cp) && !spell_is_digit(cp)) {
            i += k;
            continue;
        }
        size_t start = i, j = i;
        int digits = 0, url_like = 0;
        for (;;) {
            /* ASCII letters and digits, the bulk of a word, without
             * decoding. */
            j = ascii_alnum_end(t, j, len, &digits);
            while (j < len) {
                unsigned char b = (unsigned char)t[j];
                if ((b | 0x20) >= 'a' && (b | 0x20) <= 'z') {
                    j++;
                } else if (b >= '0' && b <= '9') {
                    digits = 1;
                    j++;
                } else {
                    break;
                }
            }
            int32_t c;
            size_t m = spell_next_cp(t, len, j, &c);
            if (j < len && (spell_is_letter(c) || spell_is_digit(c))) {
                digits |= spell_is_digit(c);
                j += m;
                continue;
            }
            if (j >= len)
                break;
            /* a connector joins when a letter or digit follows */
            int joins = c == '-' || spell_is_apos(c) || c == 0x2011 ||
                        c == '.' || c == '@' || c == '_' || c == '/' ||
                        (c == ',' && digits);
            if (!joins || j + m >= len)
                break;
            int32_t nx;
            spell_next_cp(t, len, j + m, &nx);
            if (!spell_is_letter(nx) && !spell_is_digit(nx))
                break;
            if (c == '/' && !(j + m + 1 < len && t[j + m] == '/')) {
                /* km/h, et/ou: two words */
                break;
            }
            if (c == '.' || c == '@' || c == '/' || c == '_')
                url_like = 1;
            if (c == ',' && !spell_is_digit(nx))
                break;
            j += m;
        }
        /* scheme://... */
        if (j + 3 <= len && !memcmp(t + j, "://", 3)) {
            while (j < len && t[j] != ' ' && t[j] != '\n')
                j++;
            url_like = 1;
        }
        unsigned flags = 0;
        int initial =
            !have_prev || gap_starts_sentence(t + prev_end, start - prev_end,
                                              (prev_flags & T_ABBR) != 0);
        if (initial)
            flags |= T_INITIAL;
        if (have_prev && (prev_flags & T_TITLE) &&
            !gap_starts_sentence(t + prev_end, start - prev_end, 1))
            flags |= T_AFTER_TITLE;
        if (have_prev && (prev_flags & T_NUM) && !digits && j - start <= 4)
            url_like = 1; /* a unit: 3,5 km, 20 MW */
        if (digits)
            flags |= T_NUM;
        if (spell_is_upper(cp))
            flags |= T_CAPITAL;
        if (j - start == k && spell_is_upper(cp))
            flags |= T_ABBR;
        depeche_status st = push_tok(toks, segi, start, j, flags);
        if (st)
            return st;
        tok *tk = &toks->at[toks->n - 1];
        if ((!digits && !url_like) ||
            (digits && spell_mistyped_number(t + start, j - start, NULL, 0))) {
            tk->e = type_of(ctx, t + start, j - start);
            if (!tk->e)
                return DEPECHE_ERR_NOMEM;
        }
        if (tk->e && tk->e->title)
            tk->flags |= T_TITLE | T_ABBR;
        prev_end = j;
        have_prev = 1;
        prev_flags = tk->flags;
        i = j;
    }
    return DEPECHE_OK;
}
