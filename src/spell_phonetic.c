/* spell_phonetic.c -- a French sound-alike key and an index of the
 * compiled dictionary's words by it: the suggestions single edits cannot
 * reach (exelent -> excellent, troixieme -> troisième, monoteiste ->
 * monothéiste), where the word sounds right and is spelt two or three
 * edits away.  The index is a sorted array of (key hash, slot): 8 bytes a
 * word, built in a fraction of a second the first time a suggestion
 * needs it. */
#include "spell_phonetic.h"

#include <stdlib.h>
#include <string.h>
#include <utf8proc.h>

#include "hash.h"
#include "spell_chars.h"

enum { KEY_MAX = 64, MAX_LETTERS = 96 };

struct spell_phonetic {
    const spell_compiled *c;
    uint64_t *v; /* key hash << 32 | slot, sorted */
    size_t n;
};

/* The word's letters in lowercase ASCII: accents dropped, ç read s, œ and
 * æ as two letters; anything else (hyphens, apostrophes) left out. */
static size_t
plain_letters(const char *w, size_t n, char *out, size_t max)
{
    size_t o = 0;
    for (size_t i = 0; i < n && o + 2 < max;) {
        int32_t cp;
        i += spell_next_cp(w, n, i, &cp);
        int32_t lo = cp < 0 ? 0 : utf8proc_tolower(cp);
        if (lo == 0xE7) {
            out[o++] = 's';
        } else if (lo == 0x153 || lo == 0xE6) {
            out[o++] = lo == 0x153 ? 'o' : 'a';
            out[o++] = 'e';
        } else {
            int32_t b = spell_base_letter(lo);
            if (b >= 'a' && b <= 'z')
                out[o++] = (char)b;
        }
    }
    out[o] = '\0';
    return o;
}

static int
is_vowel(char c)
{
    return c && strchr("aeiouy", c) != NULL;
}

static int
soft(char c)
{
    return c == 'e' || c == 'i' || c == 'y';
}

/* A nasal vowel: n or m not followed by a vowel or by itself. */
static int
nasal_at(const char *l, size_t i)
{
    char c = l[i], nx = l[i + 1];
    return (c == 'n' || c == 'm') && !is_vowel(nx) && nx != 'n' && nx != 'm';
}

/* One sound of l from i: writes its code into *code, returns the letters
 * it takes (0: a silent letter, skipped). */
static size_t
sound_at(const char *l, size_t i, char *code)
{
    char c = l[i], nx = l[i + 1], nx2 = nx ? l[i + 2] : 0;
    if (!strncmp(l + i, "eau", 3)) {
        *code = 'o';
        return 3;
    }
    if ((!strncmp(l + i, "ain", 3) || !strncmp(l + i, "ein", 3)) &&
        nasal_at(l, i + 2)) {
        *code = 'I'; /* pain, plein */
        return 3;
    }
    if ((c == 'a' || c == 'e') && nasal_at(l, i + 1)) {
        *code = 'A'; /* an, en, am, em */
        return 2;
    }
    if ((c == 'i' || c == 'y' || c == 'u') && nasal_at(l, i + 1)) {
        *code = 'I'; /* in, un */
        return 2;
    }
    if (c == 'o' && nasal_at(l, i + 1) && nx) {
        *code = 'O';
        return 2;
    }
    static const char *const pairs[][2] = {
        {"ph", "f"}, {"qu", "k"}, {"ch", "S"}, {"oi", "W"}, {"ou", "U"},
        {"ai", "e"}, {"ei", "e"}, {"au", "o"}, {"ck", "k"}};
    for (size_t p = 0; p < sizeof pairs / sizeof *pairs; p++)
        if (c == pairs[p][0][0] && nx == pairs[p][0][1]) {
            *code = pairs[p][1][0];
            return 2;
        }
    if (c == 'g' && nx == 'u' && soft(nx2)) {
        *code = 'g'; /* guerre */
        return 2;
    }
    switch (c) {
    case 'c':
        *code = soft(nx) ? 's' : 'k';
        return 1;
    case 'g':
        *code = soft(nx) ? 'j' : 'g';
        return 1;
    case 'h':
        return 0;
    case 'x':
    case 'z':
        *code = 's';
        return 1;
    case 'y':
        *code = 'i';
        return 1;
    case 'w':
        *code = 'v';
        return 1;
    case 'q':
        *code = 'k';
        return 1;
    default:
        *code = c;
        return 1;
    }
}

size_t
spell_phonetic_key(const char *w, size_t n, char *out, size_t max)
{
    char l[MAX_LETTERS + 4];
    size_t ln = plain_letters(w, n, l, MAX_LETTERS);
    memset(l + ln, 0, 4);
    size_t o = 0;
    for (size_t i = 0; i < ln && o + 1 < max;) {
        char code = 0;
        size_t k = sound_at(l, i, &code);
        if (k == 0) {
            i++;
            continue;
        }
        if (!o || out[o - 1] != code)
            out[o++] = code; /* doubled letters read once */
        i += k;
    }
    /* silent endings: -e, -es, -ent reads A, -s, -t, -d, -x, -p */
    for (int pass = 0; pass < 3 && o > 2; pass++)
        if (strchr("estdp", out[o - 1]))
            o--;
    if (max)
        out[o < max ? o : max - 1] = '\0';
    return o;
}

static uint32_t
key_hash(const char *key, size_t n)
{
    return (uint32_t)depeche_hash(key, n);
}

static int
cmp_u64(const void *a, const void *b)
{
    uint64_t x = *(const uint64_t *)a, y = *(const uint64_t *)b;
    return x < y ? -1 : x > y;
}

spell_phonetic *
spell_phonetic_build(const spell_compiled *c)
{
    spell_phonetic *p = calloc(1, sizeof *p);
    uint32_t slots = spell_compiled_slots(c);
    if (!p || !slots) {
        free(p);
        return NULL;
    }
    p->c = c;
    p->v = malloc((size_t)slots / 2 * sizeof *p->v + sizeof *p->v);
    if (!p->v) {
        free(p);
        return NULL;
    }
    size_t cap = (size_t)slots / 2 + 1;
    for (uint32_t j = 0; j < slots && p->n < cap; j++) {
        size_t wn;
        const char *w = spell_compiled_word(c, j, &wn);
        char key[KEY_MAX];
        size_t kn = w ? spell_phonetic_key(w, wn, key, sizeof key) : 0;
        if (kn)
            p->v[p->n++] = (uint64_t)key_hash(key, kn) << 32 | j;
    }
    qsort(p->v, p->n, sizeof *p->v, cmp_u64);
    return p;
}

void
spell_phonetic_free(spell_phonetic *p)
{
    if (!p)
        return;
    free(p->v);
    free(p);
}

size_t
spell_phonetic_each(const spell_phonetic *p, const char *key,
                    void (*fn)(void *user, const char *w, size_t n), void *user,
                    size_t max)
{
    if (!p || !*key)
        return 0;
    uint64_t h = key_hash(key, strlen(key));
    size_t lo = 0, hi = p->n;
    while (lo < hi) {
        size_t m = lo + (hi - lo) / 2;
        if (p->v[m] >> 32 < h)
            lo = m + 1;
        else
            hi = m;
    }
    size_t k = 0;
    for (size_t i = lo; i < p->n && p->v[i] >> 32 == h && k < max; i++) {
        size_t wn;
        const char *w = spell_compiled_word(p->c, (uint32_t)p->v[i], &wn);
        char buf[256];
        char wkey[KEY_MAX];
        if (!w || wn >= sizeof buf ||
            !spell_phonetic_key(w, wn, wkey, sizeof wkey) || strcmp(wkey, key))
            continue; /* another key of the same hash */
        memcpy(buf, w, wn);
        buf[wn] = '\0';
        fn(user, buf, wn);
        k++;
    }
    return k;
}
