/* repair.c -- mojibake and HTML entities (rules NZ-R*). */
#include "repair.h"

#include <string.h>
#include <utf8proc.h>

#include "repair_tables.h"

typedef struct codepage {
    const char *name;
    const uint16_t *high;
    /* Lead bytes tried in this page (NULL: every plausible one), and
     * whether the sequence must touch Latin text.  In Windows-1251 and
     * MacRoman most lead bytes are ordinary Cyrillic letters or French
     * punctuation (С, Р, —, –, Œ): only the leads of French mojibake,
     * "Г©" and "вЂ™", "√©" and "‚Äô", are read there, next to Latin. */
    const char *leads;
    int latin_context;
} codepage;

/* Tried in this order: Windows-1252 is by far the most common misreading;
 * Latin-1 is covered by it (C1 controls were mapped to Windows-1252 by
 * NZ-D3, and the five bytes 1252 leaves undefined read as themselves). */
static const codepage codepages[] = {
    {"Windows-1252", cp1252_high, NULL, 0},
    {"Windows-1250", cp1250_high, NULL, 0},
    {"Windows-1251", cp1251_high, "\xC3\xE2", 1},
    {"MacRoman", macroman_high, "\xC3\xE2", 1},
};

/* The byte a code page gives cp, or -1. */
static int
byte_of(const codepage *p, int32_t cp)
{
    if (cp < 0x80)
        return cp;
    for (int b = 0; b < 128; b++)
        if (p->high[b] == cp)
            return 0x80 + b;
    /* Latin-1 for the bytes Windows-1252 leaves undefined (0x81, 0x8D, 0x8F,
     * 0x90, 0x9D), which survive as C1 controls. */
    if (p == &codepages[0] && cp >= 0x80 && cp <= 0x9F && !p->high[cp - 0x80])
        return cp;
    return -1;
}

/* Lead bytes of two-byte sequences worth repairing: the scripts whose
 * mojibake is common (Latin-1 supplement and extended-A, Greek, Cyrillic,
 * Hebrew, Arabic).  "É…" read as C9 85 would give U+0245: not a repair. */
static int
plausible_lead2(int b)
{
    return (b >= 0xC2 && b <= 0xC5) || b == 0xCE || b == 0xCF || b == 0xD0 ||
           b == 0xD1 || (b >= 0xD7 && b <= 0xDB);
}

/* What a misread sequence may have been.  Three-byte results are kept to
 * punctuation, currency and letterlike symbols (’ “ … € ™), four-byte ones
 * to emoji: "é" + NBSP + "»" (E9 A0 BB) must not become a CJK ideograph. */
static int
plausible_result(int32_t cp, size_t len)
{
    if (len == 3 && !(cp >= 0x2000 && cp <= 0x214F))
        return 0;
    if (len == 4 && !(cp >= 0x1F000 && cp <= 0x1FAFF))
        return 0;
    utf8proc_category_t k = utf8proc_category(cp);
    return k != UTF8PROC_CATEGORY_CN && k != UTF8PROC_CATEGORY_CC &&
           k != UTF8PROC_CATEGORY_CS && k != UTF8PROC_CATEGORY_CO;
}

/* cps[0..) read back as bytes of code page p form one well-formed UTF-8
 * sequence of 2-4 bytes: returns its length in code points, 0 if not. */
static size_t
utf8_of_bytes(const codepage *p, const int32_t *cps, size_t n, int32_t *out)
{
    int lead = byte_of(p, cps[0]);
    size_t need;
    if (lead >= 0xC2 && lead <= 0xDF && plausible_lead2(lead))
        need = 2;
    else if (lead >= 0xE0 && lead <= 0xEF)
        need = 3;
    else if (lead >= 0xF0 && lead <= 0xF4)
        need = 4;
    else
        return 0;
    if (n < need)
        return 0;
    int32_t v = lead & (0xFF >> (need + 1));
    for (size_t i = 1; i < need; i++) {
        int b = byte_of(p, cps[i]);
        if (b < 0x80 || b > 0xBF)
            return 0;
        /* A no-break space after a capital is typography ("× 4"), except
         * in "Ã " (à) and "Â " (the NBSP itself). */
        if (cps[i] == 0xA0 && !(need == 2 && (lead == 0xC2 || lead == 0xC3)))
            return 0;
        v = (v << 6) | (b & 0x3F);
    }
    /* Overlong forms, surrogates and out-of-range values are not UTF-8. */
    static const int32_t min[5] = {0, 0, 0x80, 0x800, 0x10000};
    if (v < min[need] || v > 0x10FFFF || (v >= 0xD800 && v <= 0xDFFF))
        return 0;
    *out = v;
    return need;
}

/* NZ-R1: cps[0..) read back as bytes of code page p form one UTF-8
 * sequence of 2-4 bytes, of a lead the page is tried for, that decodes to
 * a plausible character; returns its length in code points. */
static size_t
decode_as(const codepage *p, const int32_t *cps, size_t n, int32_t *out)
{
    int lead = byte_of(p, cps[0]);
    if (lead < 0x80 || (p->leads && !strchr(p->leads, lead)))
        return 0;
    size_t need = utf8_of_bytes(p, cps, n, out);
    return need && plausible_result(*out, need) ? need : 0;
}

/* NZ-R4: copy read as MacRoman two or three times over ("‚àö¬©", then
 * "‚Äö√†√∂¬¨¬©" for "é").  Its middle layers are no better than the outer
 * one (√ and ¬ are no French), so they are peeled at once: each layer
 * decodes as many characters as it can, and the sequence stands for the
 * first character of the deepest layer when that one is plausible.
 * Returns the layers peeled (2 or 3, 0 when not such copy); *used gets
 * the code points the sequence spans. */
static int
macroman_layers(const codepage *mac, const int32_t *cps, size_t n, size_t *used,
                int32_t *out)
{
    enum { LAYERS_MAX = 3 };
    int lead = byte_of(mac, cps[0]);
    if (lead != 0xC2 && lead != 0xC3 && lead != 0xE2)
        return 0; /* ¬ √ ‚: the leads of Latin-1 letters and punctuation */
    int32_t seq[DEPECHE_REPAIR_LOOKAHEAD];
    size_t span[DEPECHE_REPAIR_LOOKAHEAD], m = n;
    for (size_t i = 0; i < m; i++) {
        seq[i] = cps[i];
        span[i] = 1;
    }
    int layers = 0;
    for (int layer = 1; layer <= LAYERS_MAX; layer++) {
        size_t i = 0, k = 0, count = 0;
        int32_t cp;
        while (i < m && (k = utf8_of_bytes(mac, seq + i, m - i, &cp))) {
            size_t covered = 0;
            for (size_t j = 0; j < k; j++)
                covered += span[i + j];
            seq[count] = cp;
            span[count++] = covered;
            i += k;
        }
        if (count == 0)
            break;
        m = count;
        layers = layer;
    }
    int32_t cp = seq[0];
    size_t bytes = cp < 0x800 ? 2 : cp < 0x10000 ? 3 : 4;
    if (layers < 2 || cp < 0xA0 || !plausible_result(cp, bytes))
        return 0;
    *used = span[0];
    *out = cp;
    return layers;
}

static int
is_lower_letter(int32_t c)
{
    return c > 0 && utf8proc_category(c) == UTF8PROC_CATEGORY_LL;
}

static int
is_latin_letter(int32_t c)
{
    return ((c | 0x20) >= 'a' && (c | 0x20) <= 'z') ||
           (c >= 0xC0 && c <= 0x24F && c != 0xD7 && c != 0xF7);
}

/* NZ-R2: "voilÃ le", "relatifs Ã l'utilisation": the NBSP of "à" (C3 A0)
 * became a plain space.  Only for the shapes C3 takes in the code pages
 * of French mojibake (Ã, Ă, Г), between lower-case Latin words, so that
 * "S Ã O" in Portuguese capitals and "la racine √ de" stay. */
static int
lost_nbsp_a_grave(const int32_t *back, size_t nback, const int32_t *cps,
                  size_t n, depeche_fix *f)
{
    if (n < 3 || cps[1] != ' ' ||
        !(cps[0] == 0xC3 || cps[0] == 0x102 || cps[0] == 0x413))
        return 0;
    int32_t b0 = nback ? back[0] : 0, b1 = nback > 1 ? back[1] : 0;
    int after_word =
        b0 == 0 || b0 == '\'' || b0 == 0x2019 ||
        (is_lower_letter(b0) && is_latin_letter(b0)) ||
        (b0 == ' ' &&
         (b1 == 0 || (is_lower_letter(b1) && is_latin_letter(b1))));
    size_t next = cps[2] == ' ' ? 3 : 2;
    if (!after_word || next >= n || !is_lower_letter(cps[next]) ||
        !is_latin_letter(cps[next]))
        return 0;
    /* "voilÃ  le": one of the two spaces was the NBSP. */
    f->consumed = next == 3 ? 2 : 1;
    f->cp = 0xE0;
    f->code = "DEPECHE-004";
    f->message = "mojibake repaired: a lost no-break space after \"Ã\" (à)";
    return 1;
}

/* ---- NZ-R3: HTML entities ---------------------------------------------- */

typedef struct entity {
    const char *name;
    int32_t cp;
} entity;

/* The named entities scraped French copy carries (HTML 5 names). */
static const entity entities[] = {
    {"amp", '&'},       {"lt", '<'},        {"gt", '>'},
    {"quot", '"'},      {"apos", '\''},     {"nbsp", 0xA0},
    {"laquo", 0xAB},    {"raquo", 0xBB},    {"lsquo", 0x2018},
    {"rsquo", 0x2019},  {"ldquo", 0x201C},  {"rdquo", 0x201D},
    {"bdquo", 0x201E},  {"hellip", 0x2026}, {"ndash", 0x2013},
    {"mdash", 0x2014},  {"euro", 0x20AC},   {"copy", 0xA9},
    {"reg", 0xAE},      {"trade", 0x2122},  {"deg", 0xB0},
    {"middot", 0xB7},   {"bull", 0x2022},   {"iexcl", 0xA1},
    {"iquest", 0xBF},   {"sect", 0xA7},     {"para", 0xB6},
    {"times", 0xD7},    {"divide", 0xF7},   {"plusmn", 0xB1},
    {"frac12", 0xBD},   {"frac14", 0xBC},   {"frac34", 0xBE},
    {"sup2", 0xB2},     {"sup3", 0xB3},     {"micro", 0xB5},
    {"pound", 0xA3},    {"yen", 0xA5},      {"cent", 0xA2},
    {"thinsp", 0x2009}, {"ensp", 0x2002},   {"emsp", 0x2003},
    {"shy", 0xAD},      {"zwsp", 0x200B},   {"oelig", 0x153},
    {"OElig", 0x152},   {"aelig", 0xE6},    {"AElig", 0xC6},
    {"szlig", 0xDF},    {"ordm", 0xBA},     {"ordf", 0xAA},
};

/* Latin letters with a diacritic: &eacute; &Agrave; &ccedil; &uuml; ... */
static const struct {
    const char *suffix;
    int32_t a, e, i, o, u, y, c, n;
} accents[] = {
    {"acute", 0xE1, 0xE9, 0xED, 0xF3, 0xFA, 0xFD, 0, 0},
    {"grave", 0xE0, 0xE8, 0xEC, 0xF2, 0xF9, 0, 0, 0},
    {"circ", 0xE2, 0xEA, 0xEE, 0xF4, 0xFB, 0, 0, 0},
    {"uml", 0xE4, 0xEB, 0xEF, 0xF6, 0xFC, 0xFF, 0, 0},
    {"tilde", 0xE3, 0, 0, 0xF5, 0, 0, 0, 0xF1},
    {"cedil", 0, 0, 0, 0, 0, 0, 0xE7, 0},
    {"ring", 0xE5, 0, 0, 0, 0, 0, 0, 0},
};

static int32_t
accented(const char *name, size_t len)
{
    if (len < 3)
        return 0;
    char base = name[0];
    char lower = (char)(base | 0x20);
    for (size_t k = 0; k < sizeof accents / sizeof *accents; k++) {
        if (strlen(accents[k].suffix) != len - 1 ||
            memcmp(name + 1, accents[k].suffix, len - 1))
            continue;
        int32_t cp = 0;
        switch (lower) {
        case 'a':
            cp = accents[k].a;
            break;
        case 'e':
            cp = accents[k].e;
            break;
        case 'i':
            cp = accents[k].i;
            break;
        case 'o':
            cp = accents[k].o;
            break;
        case 'u':
            cp = accents[k].u;
            break;
        case 'y':
            cp = accents[k].y;
            break;
        case 'c':
            cp = accents[k].c;
            break;
        case 'n':
            cp = accents[k].n;
            break;
        default:
            return 0;
        }
        /* Upper-case letters sit 0x20 below in Latin-1 (ÿ has no pair
         * there: Ÿ is U+0178). */
        if (cp && base != lower)
            cp = cp == 0xFF ? 0x178 : cp - 0x20;
        return cp;
    }
    return 0;
}

static int
entity_at(const int32_t *cps, size_t n, depeche_fix *f)
{
    if (cps[0] != '&' || n < 3)
        return 0;
    char name[DEPECHE_REPAIR_LOOKAHEAD];
    size_t len = 0, i = 1;
    for (; i < n && cps[i] != ';'; i++) {
        int32_t c = cps[i];
        int ok = (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z') ||
                 (c >= '0' && c <= '9') || c == '#';
        if (!ok || len + 1 >= sizeof name)
            return 0;
        name[len++] = (char)c;
    }
    if (i >= n || len == 0)
        return 0;
    name[len] = '\0';
    int32_t cp = 0;
    if (name[0] == '#') {
        int hex = len > 1 && (name[1] == 'x' || name[1] == 'X');
        long v = 0;
        size_t k = hex ? 2 : 1;
        if (k >= len)
            return 0;
        for (; k < len; k++) {
            char ch = name[k];
            int d = ch >= '0' && ch <= '9' ? ch - '0'
                    : hex && (ch | 0x20) >= 'a' && (ch | 0x20) <= 'f'
                        ? (ch | 0x20) - 'a' + 10
                        : -1;
            if (d < 0 || v > 0x10FFFF)
                return 0;
            v = v * (hex ? 16 : 10) + d;
        }
        cp = (int32_t)v;
        if (cp > 0x10FFFF || cp == 0)
            return 0;
        /* As HTML reads them: 0x80-0x9F are Windows-1252 (&#133; is "…");
         * surrogates, noncharacters and controls are U+FFFD (NZ-D5). */
        if (cp >= 0x80 && cp <= 0x9F)
            cp = cp1252_high[cp - 0x80] ? cp1252_high[cp - 0x80] : 0xFFFD;
        else if ((cp >= 0xD800 && cp <= 0xDFFF) || (cp & 0xFFFE) == 0xFFFE ||
                 (cp >= 0xFDD0 && cp <= 0xFDEF) ||
                 (cp < 0x20 && cp != '\t' && cp != '\n' && cp != '\r') ||
                 cp == 0x7F)
            cp = 0xFFFD;
    } else {
        for (size_t k = 0; k < sizeof entities / sizeof *entities && !cp; k++)
            if (!strcmp(entities[k].name, name))
                cp = entities[k].cp;
        if (!cp)
            cp = accented(name, len);
        if (!cp)
            return 0;
    }
    f->consumed = i + 1;
    f->cp = cp;
    f->code = "DEPECHE-005";
    f->message = "HTML entity decoded";
    return 1;
}

int
depeche_repair_may_start(int32_t cp)
{
    if (cp < 0x80)
        return cp == '&';
    if (cp <= 0x9F)
        return 1; /* C1 controls: Latin-1 bytes of a misread sequence */
    size_t lo = 0, hi = sizeof repair_lead_chars / sizeof *repair_lead_chars;
    while (lo < hi) {
        size_t mid = (lo + hi) / 2;
        if (repair_lead_chars[mid] < cp)
            lo = mid + 1;
        else
            hi = mid;
    }
    return lo < sizeof repair_lead_chars / sizeof *repair_lead_chars &&
           repair_lead_chars[lo] == cp;
}

/* A two-byte sequence decoding outside Latin (Greek, Cyrillic, Hebrew,
 * Arabic) is taken only within a run of them: a whole word went wrong,
 * as in "Ø¹ÙŠØ¯".  One alone is more likely "ESPAÑA»" than mojibake. */
static int
in_foreign_run(const codepage *p, const int32_t *back, size_t nback,
               const int32_t *cps, size_t n, size_t used)
{
    if (nback && back[0] >= 0x370 &&
        utf8proc_category(back[0]) >= UTF8PROC_CATEGORY_LU &&
        utf8proc_category(back[0]) <= UTF8PROC_CATEGORY_LO)
        return 1;
    int32_t next;
    size_t k = used < n ? decode_as(p, cps + used, n - used, &next) : 0;
    return k == 2 && next >= 0x370;
}

static int
touches_latin(const int32_t *back, size_t nback, const int32_t *cps, size_t n,
              size_t used)
{
    return (nback && is_latin_letter(back[0])) ||
           (used < n && is_latin_letter(cps[used]));
}

int
depeche_repair_at(const int32_t *back, size_t nback, const int32_t *cps,
                  size_t n, depeche_fix *fix)
{
    if (n == 0)
        return 0;
    if (cps[0] == '&')
        return entity_at(cps, n, fix);
    for (size_t k = 0; k < sizeof codepages / sizeof *codepages; k++) {
        const codepage *p = &codepages[k];
        int32_t cp;
        size_t used;
        int layers = p->high == macroman_high
                         ? macroman_layers(p, cps, n, &used, &cp)
                         : 0;
        /* Layers of such characters are no text's own: no Latin letter
         * need vouch for them ("‚àö‚Ä†" is a lone "à"). */
        if (layers) {
            fix->consumed = used;
            fix->cp = cp;
            fix->code = "DEPECHE-004";
            fix->message =
                layers == 2
                    ? "mojibake repaired: UTF-8 read as MacRoman twice"
                    : "mojibake repaired: UTF-8 read as MacRoman three times";
            return 1;
        }
        used = decode_as(p, cps, n, &cp);
        if (!used)
            continue;
        if (p->latin_context && !touches_latin(back, nback, cps, n, used))
            continue;
        if (used == 2 && cp > 0x24F &&
            !in_foreign_run(p, back, nback, cps, n, used))
            continue;
        static const char *const messages[] = {
            "mojibake repaired: UTF-8 read as Windows-1252",
            "mojibake repaired: UTF-8 read as Windows-1250",
            "mojibake repaired: UTF-8 read as Windows-1251",
            "mojibake repaired: UTF-8 read as MacRoman",
        };
        fix->consumed = used;
        fix->cp = cp;
        fix->code = "DEPECHE-004";
        fix->message = messages[k];
        return 1;
    }
    return lost_nbsp_a_grave(back, nback, cps, n, fix);
}
