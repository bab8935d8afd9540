/* spell_distance.c -- a weighted edit distance for French typing errors:
 * accents, doubled letters, silent letters, the AZERTY keyboard, letters
 * that sound alike. */
#include "spell_distance.h"

#include <stdlib.h>
#include <string.h>
#include <utf8proc.h>

#include "spell_chars.h"

/* AZERTY rows: a typo often hits the neighbouring key.  Row and column
 * of a to z, as row * 16 + column. */
static const unsigned char azerty[26] = {
    0x00, 0x24, 0x22, 0x12, 0x02, 0x13, 0x14, 0x15, 0x07,
    0x16, 0x17, 0x18, 0x19, 0x25, 0x08, 0x09, 0x10, 0x03,
    0x11, 0x04, 0x06, 0x23, 0x20, 0x21, 0x05, 0x01};

int
spell_key_adjacent(int32_t a, int32_t b)
{
    if (a < 'a' || a > 'z' || b < 'a' || b > 'z' || a == b)
        return 0;
    int ra = azerty[a - 'a'] >> 4, rb = azerty[b - 'a'] >> 4;
    /* rows are staggered by a quarter and a half key (ISO): keys touch
     * when less than a key apart across rows */
    static const int shift[3] = {0, 1, 3};
    int xa = 4 * (azerty[a - 'a'] & 15) + shift[ra];
    int xb = 4 * (azerty[b - 'a'] & 15) + shift[rb];
    if (ra == rb)
        return abs(xa - xb) == 4;
    return abs(ra - rb) == 1 && abs(xa - xb) < 4;
}

/* Letters that stand for the same sound in French spelling. */
static int
sound_alike(int32_t a, int32_t b)
{
    static const char *const pairs[] = {"sc", "ck", "kq", "sz", "iy",
                                        "mn", "sx", "gj", "td"};
    for (size_t i = 0; i < sizeof pairs / sizeof *pairs; i++)
        if ((pairs[i][0] == a && pairs[i][1] == b) ||
            (pairs[i][0] == b && pairs[i][1] == a))
            return 1;
    return 0;
}

/* Decodes s into code points, œ and æ spelt out: coeur and cœur compare
 * as one.  Returns the count, at most max. */
static size_t
to_cps(const char *s, size_t len, int32_t *out, size_t max)
{
    size_t n = 0;
    for (size_t i = 0; i < len && n < max;) {
        int32_t cp;
        i += spell_next_cp(s, len, i, &cp);
        if (cp == 0x2019 || cp == 0x02BC)
            cp = '\'';
        if ((cp == 0x0153 || cp == 0x00E6) && n + 2 <= max) {
            out[n++] = cp == 0x0153 ? 'o' : 'a';
            out[n++] = 'e';
        } else if ((cp == 0x0152 || cp == 0x00C6) && n + 2 <= max) {
            out[n++] = cp == 0x0152 ? 'O' : 'A';
            out[n++] = 'e';
        } else {
            out[n++] = cp;
        }
    }
    return n;
}

/* ------------------------------------------------------------------------ */
/* Weighted edit distance                                                   */
/* ------------------------------------------------------------------------ */

static float
sub_cost(int32_t a, int32_t b)
{
    if (a == b)
        return 0;
    int32_t la = utf8proc_tolower(a), lb = utf8proc_tolower(b);
    if (la == lb)
        return a == la ? 0.5f : 0.2f; /* mions is not Mions */
    if (spell_base_letter(la) == spell_base_letter(lb))
        return 0.25f;
    if ((la == '-' || la == '\'') && (lb == '-' || lb == '\''))
        return 0.3f;
    if (spell_key_adjacent(la, lb))
        return 0.6f;
    if (sound_alike(la, lb))
        return 0.7f;
    return 1.0f;
}

/* Inserting or deleting c next to l and r (the letters around it). */
static float
indel_cost(int32_t c, int32_t l, int32_t r)
{
    int32_t lc = spell_base_letter(utf8proc_tolower(c));
    if (lc == spell_base_letter(utf8proc_tolower(l)) ||
        lc == spell_base_letter(utf8proc_tolower(r)))
        return 0.4f; /* a doubled letter, propriétées */
    if (c == '-')
        return 0.5f;
    if (lc == 'h')
        return 0.5f; /* silent */
    if (lc == 's' && r == 0)
        return 0.5f; /* silent plural */
    if (lc == 'e' && r == 0)
        return 0.55f; /* mute final e */
    if (spell_key_adjacent(lc, utf8proc_tolower(l)) ||
        spell_key_adjacent(lc, utf8proc_tolower(r)))
        return 0.6f; /* two keys hit at once: annukle */
    if (c == '\'')
        return 0.8f;
    return 0.9f;
}

static float
minf(float a, float b)
{
    return a < b ? a : b;
}

/* Optimal string alignment distance with the costs above. */
float
spell_wdist(const char *a, size_t alen, const char *b, size_t blen)
{
    int32_t x[MAX_CP], y[MAX_CP];
    size_t n = to_cps(a, alen, x, MAX_CP), m = to_cps(b, blen, y, MAX_CP);
    float d[MAX_CP + 1][MAX_CP + 1];
    d[0][0] = 0;
    for (size_t i = 1; i <= n; i++)
        d[i][0] = d[i - 1][0] +
                  indel_cost(x[i - 1], i > 1 ? x[i - 2] : 0, i < n ? x[i] : 0);
    for (size_t j = 1; j <= m; j++)
        d[0][j] = d[0][j - 1] +
                  indel_cost(y[j - 1], j > 1 ? y[j - 2] : 0, j < m ? y[j] : 0);
    for (size_t i = 1; i <= n; i++)
        for (size_t j = 1; j <= m; j++) {
            float del = d[i - 1][j] + indel_cost(x[i - 1], i > 1 ? x[i - 2] : 0,
                                                 j < m ? y[j] : 0);
            float ins = d[i][j - 1] + indel_cost(y[j - 1], j > 1 ? y[j - 2] : 0,
                                                 i < n ? x[i] : 0);
            float v = minf(del, ins);
            float sc = sub_cost(x[i - 1], y[j - 1]);
            /* an and en sound alike: indépendent, souvant */
            if (sc > 0.5f && i < n && (x[i] == 'n' || x[i] == 'm') &&
                (x[i - 1] == 'a' || x[i - 1] == 'e') &&
                (y[j - 1] == 'a' || y[j - 1] == 'e'))
                sc = 0.5f;
            v = minf(v, d[i - 1][j - 1] + sc);
            if (i > 1 && j > 1 && x[i - 1] == y[j - 2] &&
                x[i - 2] == y[j - 1] && x[i - 1] != x[i - 2])
                v = minf(v, d[i - 2][j - 2] + 0.6f);
            d[i][j] = v;
        }
    return d[n][m];
}
