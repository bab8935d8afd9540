/* lang.c -- the shape of a BCP-47 language tag (RFC 5646, section 2.1).
 *
 * Only the shape is checked, not the registry: a tag that passes holds
 * letters, digits and separators only, so it can name a file. */
#include "lang.h"

#include <string.h>

#include "buf.h" /* depeche_fail */

enum { TAG_MAX = 64, SUBTAG_MAX = 8 };

static int
is_alpha(char c)
{
    return (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z');
}

static int
is_digit(char c)
{
    return c >= '0' && c <= '9';
}

/* Whether s[0..n) is made of letters only (want_alpha), digits only
 * (want_digit) or either (both 0). */
static int
all_of(const char *s, size_t n, int want_alpha, int want_digit)
{
    for (size_t i = 0; i < n; i++) {
        int ok = want_alpha   ? is_alpha(s[i])
                 : want_digit ? is_digit(s[i])
                              : is_alpha(s[i]) || is_digit(s[i]);
        if (!ok)
            return 0;
    }
    return 1;
}

typedef struct subtag {
    const char *s;
    size_t n;
} subtag;

static int
is_x(const subtag *t)
{
    return t->n == 1 && (t->s[0] == 'x' || t->s[0] == 'X');
}

/* RFC 5646 langtag: language (2-8 letters, then up to three 3-letter
 * extlangs after a 2-3 letter one), script (4 letters), region (2 letters
 * or 3 digits), variants (5-8 characters, or a digit and 3), extensions
 * (a singleton and subtags of 2-8), private use (x and subtags of 1-8);
 * or private use alone.  Returns whether t[0..count) has that shape. */
static int
langtag_shape(const subtag *t, size_t count)
{
    size_t k = 0;
    if (is_x(&t[0]))
        return count >= 2;
    if (t[0].n < 2 || !all_of(t[0].s, t[0].n, 1, 0))
        return 0;
    k = 1;
    for (size_t e = 0; t[0].n <= 3 && e < 3 && k < count && t[k].n == 3 &&
                       all_of(t[k].s, 3, 1, 0);
         e++)
        k++;
    if (k < count && t[k].n == 4 && all_of(t[k].s, 4, 1, 0))
        k++;
    if (k < count && ((t[k].n == 2 && all_of(t[k].s, 2, 1, 0)) ||
                      (t[k].n == 3 && all_of(t[k].s, 3, 0, 1))))
        k++;
    while (k < count && (t[k].n >= 5 || (t[k].n == 4 && is_digit(t[k].s[0]))))
        k++;
    while (k < count && t[k].n == 1 && !is_x(&t[k])) {
        size_t m = 0;
        for (k++; k < count && t[k].n >= 2; k++)
            m++;
        if (m == 0)
            return 0;
    }
    if (k < count && is_x(&t[k]))
        return k + 1 < count;
    return k == count;
}

static depeche_status
bad_tag(const char *tag, depeche_error *err)
{
    return depeche_fail(err, DEPECHE_ERR_INVALID_ARG, DEPECHE_NO_OFFSET,
                        "invalid language tag '%.64s': want a BCP-47 tag "
                        "such as fr, fr-FR, fr-CA or en-US",
                        tag);
}

depeche_status
depeche_lang_check(const char *tag, depeche_error *err)
{
    size_t len = tag ? strlen(tag) : 0;
    if (len == 0 || len > TAG_MAX)
        return bad_tag(tag ? tag : "", err);
    subtag t[TAG_MAX / 2 + 1];
    size_t count = 0;
    for (size_t i = 0; i <= len; i += t[count++].n + 1) {
        size_t n = strcspn(tag + i, "-_");
        if (n == 0 || n > SUBTAG_MAX || !all_of(tag + i, n, 0, 0))
            return bad_tag(tag, err);
        t[count] = (subtag){tag + i, n};
    }
    return langtag_shape(t, count) ? DEPECHE_OK : bad_tag(tag, err);
}

void
depeche_lang_canonicalize(char *tag)
{
    for (; *tag; tag++)
        if (*tag == '_')
            *tag = '-';
}
