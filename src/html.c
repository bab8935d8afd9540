/* html.c -- reads an HTML page into blocks of decoded text that map back
 * to the page's bytes (see html.h).
 *
 * One pass over the bytes: markup is skipped, text is decoded (charset,
 * character references, runs of white space made one space) into one
 * buffer with an offset map, and each block-level tag ends the block of
 * text being gathered.  A stack of open elements gives each block what it
 * sits in.  Metadata (title, author, date, site, language) comes from the
 * head's <meta> tags and JSON-LD, read in html_meta.c. */
#include "html.h"

#include <libxml/HTMLparser.h>
#include <stdlib.h>
#include <string.h>

#include "html_meta.h"
#include "html_tags.h"
#include "utf8.h"

enum {
    MAX_DEPTH = 512,       /* deeper elements are read as inline */
    MAX_ATTRS = 32,        /* attributes of one tag looked at */
    CHARSET_PRESCAN = 4096 /* bytes searched for a <meta charset> */
};

typedef struct attr {
    const char *name, *value;
    size_t name_len, value_len;
} attr;

typedef struct reader {
    depeche_html *h;
    const char *in;
    size_t len, pos;
    int lossy;
    const depeche_html_names *names;
    uint32_t stack[MAX_DEPTH]; /* open element nodes */
    size_t depth;
    /* The block being gathered. */
    int in_block;
    depeche_html_block cur;
    int space_pending; /* white space seen since the last character */
    uint64_t space_start, space_end;
    depeche_status st;
    depeche_error *err;
} reader;

/* Windows-1252's bytes 0x80-0x9F (WHATWG encoding table); 0 where the
 * table maps to the C1 control of the same number. */
static const uint16_t cp1252_high[32] = {
    0x20AC, 0,      0x201A, 0x0192, 0x201E, 0x2026, 0x2020, 0x2021,
    0x02C6, 0x2030, 0x0160, 0x2039, 0x0152, 0,      0x017D, 0,
    0,      0x2018, 0x2019, 0x201C, 0x201D, 0x2022, 0x2013, 0x2014,
    0x02DC, 0x2122, 0x0161, 0x203A, 0x0153, 0,      0x017E, 0,
};

static uint32_t
cp1252_char(unsigned char c)
{
    if (c >= 0x80 && c < 0xA0 && cp1252_high[c - 0x80])
        return cp1252_high[c - 0x80];
    return c;
}

static int
is_space(unsigned char c)
{
    return c == ' ' || c == '\t' || c == '\n' || c == '\r' || c == '\f';
}

static int
is_alpha(unsigned char c)
{
    return (c | 32) >= 'a' && (c | 32) <= 'z';
}

static int
is_alnum(unsigned char c)
{
    return is_alpha(c) || (c >= '0' && c <= '9');
}

static int
starts_nocase(const char *s, size_t n, const char *lit)
{
    size_t k = strlen(lit);
    if (n < k)
        return 0;
    for (size_t i = 0; i < k; i++)
        if ((s[i] | 32) != (lit[i] | 32))
            return 0;
    return 1;
}

static int
equals_nocase(const char *s, size_t n, const char *lit)
{
    return strlen(lit) == n && starts_nocase(s, n, lit);
}

int
depeche_html_sniff(const char *bytes, size_t len)
{
    size_t i = 0;
    if (len >= 3 && !memcmp(bytes, "\xEF\xBB\xBF", 3))
        i = 3;
    for (;;) {
        while (i < len && is_space((unsigned char)bytes[i]))
            i++;
        if (i + 4 <= len && !memcmp(bytes + i, "<!--", 4)) {
            const char *e = NULL;
            for (size_t k = i + 4; k + 3 <= len; k++)
                if (!memcmp(bytes + k, "-->", 3)) {
                    e = bytes + k;
                    break;
                }
            if (!e)
                return 0;
            i = (size_t)(e - bytes) + 3;
            continue;
        }
        if (i + 5 <= len && starts_nocase(bytes + i, len - i, "<?xml")) {
            const char *e = memchr(bytes + i, '>', len - i);
            if (!e)
                return 0;
            i = (size_t)(e - bytes) + 1;
            continue;
        }
        break;
    }
    static const char *const opens[] = {"<!doctype html", "<html", "<head",
                                        "<meta", "<body"};
    for (size_t k = 0; k < sizeof opens / sizeof *opens; k++) {
        size_t n = strlen(opens[k]);
        if (starts_nocase(bytes + i, len - i, opens[k]) &&
            (i + n == len || !is_alnum((unsigned char)bytes[i + n])))
            return 1;
    }
    return 0;
}

/* ---- charset ---------------------------------------------------------- */

/* The charset named after "charset=" in s[0, n), as its bytes. */
static int
charset_value(const char *s, size_t n, const char **v, size_t *vn)
{
    for (size_t i = 0; i + 8 <= n; i++) {
        if (!starts_nocase(s + i, n - i, "charset"))
            continue;
        size_t k = i + 7;
        while (k < n && is_space((unsigned char)s[k]))
            k++;
        if (k >= n || s[k] != '=')
            continue;
        k++;
        while (k < n &&
               (is_space((unsigned char)s[k]) || s[k] == '"' || s[k] == '\''))
            k++;
        size_t e = k;
        while (e < n && (is_alnum((unsigned char)s[e]) || s[e] == '-' ||
                         s[e] == '_' || s[e] == ':' || s[e] == '.'))
            e++;
        if (e > k) {
            *v = s + k;
            *vn = e - k;
            return 1;
        }
    }
    return 0;
}

/* BOM, then a charset in a <meta> of the first bytes, then UTF-8 if the
 * page is valid UTF-8, else Windows-1252 (WHATWG reads ISO-8859-1 and
 * US-ASCII labels as Windows-1252 too). */
static void
choose_charset(depeche_html *h, const char *in, size_t len)
{
    if (len >= 3 && !memcmp(in, "\xEF\xBB\xBF", 3)) {
        h->charset = DEPECHE_HTML_UTF8;
        snprintf(h->charset_note, sizeof h->charset_note, "UTF-8 (BOM)");
        return;
    }
    size_t scan = len < CHARSET_PRESCAN ? len : CHARSET_PRESCAN;
    const char *v = NULL;
    size_t vn = 0;
    for (size_t i = 0; i + 5 < scan && !v; i++)
        if (in[i] == '<' && starts_nocase(in + i, scan - i, "<meta")) {
            const char *e = memchr(in + i, '>', scan - i);
            size_t n = e ? (size_t)(e - (in + i)) : scan - i;
            if (!charset_value(in + i, n, &v, &vn))
                v = NULL;
        }
    int valid = depeche_utf8_check(in, len) == len;
    if (v && !equals_nocase(v, vn, "utf-8") && !equals_nocase(v, vn, "utf8")) {
        int latin = equals_nocase(v, vn, "iso-8859-1") ||
                    equals_nocase(v, vn, "windows-1252") ||
                    equals_nocase(v, vn, "latin1") ||
                    equals_nocase(v, vn, "us-ascii") ||
                    equals_nocase(v, vn, "cp1252") ||
                    equals_nocase(v, vn, "iso8859-1");
        h->charset = latin || !valid ? DEPECHE_HTML_CP1252 : DEPECHE_HTML_UTF8;
        snprintf(h->charset_note, sizeof h->charset_note,
                 "%s (<meta> says %.*s)", h->charset ? "Windows-1252" : "UTF-8",
                 (int)(vn > 40 ? 40 : vn), v);
        return;
    }
    if (valid) {
        h->charset = DEPECHE_HTML_UTF8;
        snprintf(h->charset_note, sizeof h->charset_note, "UTF-8 (%s)",
                 v ? "<meta>" : "default");
        return;
    }
    h->charset = DEPECHE_HTML_CP1252;
    h->charset_fallback = 1;
    snprintf(h->charset_note, sizeof h->charset_note,
             "Windows-1252 (not valid UTF-8%s)", v ? " as <meta> says" : "");
}

/* ---- text ------------------------------------------------------------- */

static void
fail_nomem(reader *r)
{
    if (!r->st)
        r->st = depeche_fail(r->err, DEPECHE_ERR_NOMEM, DEPECHE_NO_OFFSET,
                             "out of memory");
}

static void
start_block(reader *r, uint64_t at)
{
    r->in_block = 1;
    memset(&r->cur, 0, sizeof r->cur);
    r->cur.start = at;
    r->cur.text = r->h->text.len;
    r->cur.node = UINT32_MAX;
    int32_t hint = 0;
    for (size_t i = 0; i < r->depth; i++) {
        const depeche_html_node *node = &r->h->nodes[r->stack[i]];
        hint += node->hint;
        if (i + LOCAL_HINT_DEPTH >= r->depth)
            r->cur.local_hint += node->hint;
        if (node->block) /* the nearest element that makes blocks */
            r->cur.node = r->stack[i];
    }
    uint32_t flags = r->depth ? r->h->nodes[r->stack[r->depth - 1]].flags : 0;
    /* Links are counted character by character (link_chars). */
    r->cur.flags = flags & ~(uint32_t)HTML_IN_LINK;
    r->cur.hint = hint;
}

/* Appends out[0, n) for the page's bytes [in_start, in_end). */
static void
emit(reader *r, const char *out, size_t n, uint64_t in_start, uint64_t in_end,
     uint32_t link)
{
    depeche_html *h = r->h;
    if (r->st)
        return;
    if (!r->in_block)
        start_block(r, r->space_pending ? in_start : in_start);
    if (r->space_pending) {
        if (h->text.len > r->cur.text) {
            if (depeche_buf_putc(&h->text, ' ') ||
                depeche_omap_replace(&h->map, h->text.len - 1, 1,
                                     r->space_start,
                                     r->space_end - r->space_start)) {
                fail_nomem(r);
                return;
            }
            r->cur.chars++;
            if (link)
                r->cur.link_chars++;
        }
        r->space_pending = 0;
    }
    size_t at = h->text.len;
    if (depeche_buf_put(&h->text, out, n)) {
        fail_nomem(r);
        return;
    }
    depeche_status st =
        in_end - in_start == n && !memcmp(out, r->in + in_start, n)
            ? depeche_omap_copy(&h->map, at, in_start, n)
            : depeche_omap_replace(&h->map, at, n, in_start, in_end - in_start);
    if (st) {
        fail_nomem(r);
        return;
    }
    for (size_t i = 0; i < n; i++)
        if (((unsigned char)out[i] & 0xC0) != 0x80) {
            r->cur.chars++;
            if (link)
                r->cur.link_chars++;
        }
    r->cur.end = in_end;
}

static void
emit_cp(reader *r, uint32_t cp, uint64_t in_start, uint64_t in_end,
        uint32_t link)
{
    char u[4];
    if (cp == 0xAD) /* a soft hyphen: no character a reader sees */
        return;
    if (cp == 0 || cp > 0x10FFFF || (cp >= 0xD800 && cp <= 0xDFFF))
        cp = 0xFFFD;
    size_t n = depeche_utf8_encode((int32_t)cp, u);
    emit(r, u, n, in_start, in_end, link);
}

static void
end_block(reader *r)
{
    r->space_pending = 0;
    if (!r->in_block || r->st)
        return;
    r->in_block = 0;
    r->cur.text_len = r->h->text.len - r->cur.text;
    if (r->cur.text_len == 0)
        return;
    depeche_html *h = r->h;
    if (depeche_grow((void **)&h->blocks, &h->block_cap, h->block_count + 1,
                     sizeof *h->blocks)) {
        fail_nomem(r);
        return;
    }
    h->blocks[h->block_count++] = r->cur;
}

static void
note_space(reader *r, uint64_t start, uint64_t end)
{
    if (!r->space_pending) {
        r->space_pending = 1;
        r->space_start = start;
    }
    r->space_end = end;
}

/* Decodes a character reference at in[i] ('&'); returns its length in
 * bytes (0: not a reference, the '&' is text) and the code point(s). */
static size_t
char_ref(const char *in, size_t len, size_t i, uint32_t *cp)
{
    size_t k = i + 1;
    if (k < len && in[k] == '#') {
        k++;
        int hex = k < len && (in[k] | 32) == 'x';
        k += hex;
        uint32_t v = 0;
        size_t digits = 0;
        for (; k < len; k++, digits++) {
            unsigned char c = (unsigned char)in[k];
            int d = c >= '0' && c <= '9' ? c - '0'
                    : hex && (c | 32) >= 'a' && (c | 32) <= 'f'
                        ? (c | 32) - 'a' + 10
                        : -1;
            if (d < 0)
                break;
            if (v < 0x110000)
                v = v * (hex ? 16 : 10) + (uint32_t)d;
        }
        if (!digits)
            return 0;
        if (k < len && in[k] == ';')
            k++;
        if (v >= 0x80 && v < 0xA0)
            v = cp1252_char((unsigned char)v);
        *cp = v;
        return k - i;
    }
    char name[33];
    size_t n = 0;
    while (k < len && n < 32 && is_alnum((unsigned char)in[k]))
        name[n++] = in[k++];
    name[n] = 0;
    if (!n)
        return 0;
    int semi = k < len && in[k] == ';';
    /* Without ';' only the old references browsers still read. */
    if (!semi && strcmp(name, "amp") && strcmp(name, "lt") &&
        strcmp(name, "gt") && strcmp(name, "quot") && strcmp(name, "nbsp") &&
        strcmp(name, "copy"))
        return 0;
    const htmlEntityDesc *e = htmlEntityLookup((const xmlChar *)name);
    if (!e) {
        if (!strcmp(name, "apos"))
            *cp = '\'';
        else
            return 0;
    } else {
        *cp = e->value;
    }
    return k - i + (size_t)semi;
}

static int
is_space_ref(uint32_t cp)
{
    return cp == ' ' || cp == '\t' || cp == '\n' || cp == '\r' || cp == '\f' ||
           cp == 0x85 || cp == 0x2028 || cp == 0x2029;
}

/* Text of the page in[from, to), decoded and added to the block. */
static void
read_text(reader *r, size_t from, size_t to)
{
    const char *in = r->in;
    uint32_t flags = r->depth ? r->h->nodes[r->stack[r->depth - 1]].flags : 0;
    uint32_t link = flags & HTML_IN_LINK;
    int pre = (flags & HTML_IN_PRE) != 0;
    for (size_t i = from; i < to && !r->st;) {
        unsigned char c = (unsigned char)in[i];
        if (is_space(c)) {
            if (pre && c == '\n') {
                /* A line of <pre> is a paragraph of its own: a segment
                 * never holds a line break. */
                end_block(r);
            } else {
                note_space(r, i, i + 1);
            }
            i++;
        } else if (c == '&') {
            uint32_t cp;
            size_t k = char_ref(in, to, i, &cp);
            if (k == 0) {
                emit(r, "&", 1, i, i + 1, link);
                k = 1;
            } else if ((cp == 0xA0 && !r->in_block) || is_space_ref(cp)) {
                /* "&#13;" is a line break written out: a space, as one
                 * typed in the text (a segment holds no line break). */
                note_space(r, i, i + k);
            } else {
                emit_cp(r, cp, i, i + k, link);
            }
            i += k;
        } else if (c == 0) {
            i++; /* NUL: checked by the caller; read as nothing */
        } else if (r->h->charset == DEPECHE_HTML_CP1252) {
            size_t k = i + 1;
            while (k < to && (unsigned char)in[k] >= 0x20 &&
                   (unsigned char)in[k] < 0x80 && in[k] != '&')
                k++;
            if (c < 0x80)
                emit(r, in + i, k - i, i, k, link);
            else
                emit_cp(r, cp1252_char(c), i, i + 1, link);
            i = c < 0x80 ? k : i + 1;
        } else {
            size_t k = i + depeche_utf8_check_text(in + i, to - i);
            size_t stop = i;
            while (stop < k && !is_space((unsigned char)in[stop]) &&
                   in[stop] != '&')
                stop++;
            if (stop > i) {
                /* Soft hyphens are cut out of the run. */
                size_t a = i;
                for (size_t j = i; j + 1 < stop; j++)
                    if ((unsigned char)in[j] == 0xC2 &&
                        (unsigned char)in[j + 1] == 0xAD) {
                        if (j > a)
                            emit(r, in + a, j - a, a, j, link);
                        a = j + 2;
                    }
                if (stop > a)
                    emit(r, in + a, stop - a, a, stop, link);
                i = stop;
            } else {
                int32_t cp;
                size_t n = depeche_utf8_decode((const unsigned char *)in + i,
                                               to - i, &cp);
                emit_cp(r, 0xFFFD, i, i + (n ? n : 1), link);
                i += n ? n : 1;
            }
        }
    }
}

/* ---- markup ----------------------------------------------------------- */

/* Reads the attributes of a tag from in[i] up to its '>'; returns the
 * offset after the '>' (len when the page ends inside the tag).  Quoted
 * values may hold '>'. */
static size_t
read_attrs(const char *in, size_t len, size_t i, attr *attrs, size_t *count,
           int *self_closing)
{
    *count = 0;
    *self_closing = 0;
    while (i < len) {
        while (i < len && (is_space((unsigned char)in[i]) || in[i] == '/')) {
            *self_closing = in[i] == '/';
            i++;
        }
        if (i >= len)
            return len;
        if (in[i] == '>')
            return i + 1;
        *self_closing = 0;
        size_t ns = i;
        while (i < len && !is_space((unsigned char)in[i]) && in[i] != '>' &&
               in[i] != '=' && !(in[i] == '/' && i > ns))
            i++;
        attr a = {in + ns, NULL, i - ns, 0};
        while (i < len && is_space((unsigned char)in[i]))
            i++;
        if (i < len && in[i] == '=') {
            i++;
            while (i < len && is_space((unsigned char)in[i]))
                i++;
            if (i < len && (in[i] == '"' || in[i] == '\'')) {
                const char *e = memchr(in + i + 1, in[i], len - i - 1);
                size_t end = e ? (size_t)(e - in) : len;
                a.value = in + i + 1;
                a.value_len = end - i - 1;
                i = end < len ? end + 1 : len;
            } else {
                size_t vs = i;
                while (i < len && !is_space((unsigned char)in[i]) &&
                       in[i] != '>')
                    i++;
                a.value = in + vs;
                a.value_len = i - vs;
            }
        }
        if (*count < MAX_ATTRS)
            attrs[(*count)++] = a;
    }
    return len;
}

static const attr *
find_attr(const attr *attrs, size_t n, const char *name)
{
    for (size_t i = 0; i < n; i++)
        if (equals_nocase(attrs[i].name, attrs[i].name_len, name))
            return &attrs[i];
    return NULL;
}

static int
value_has(const attr *a, const char *word)
{
    if (!a || !a->value)
        return 0;
    size_t k = strlen(word);
    for (size_t i = 0; i + k <= a->value_len; i++)
        if (starts_nocase(a->value + i, a->value_len - i, word))
            return 1;
    return 0;
}

/* What the attributes add to an element's flags. */
static uint32_t
attr_flags(const attr *attrs, size_t n)
{
    uint32_t f = 0;
    const attr *role = find_attr(attrs, n, "role");
    if (role && role->value) {
        const char *v = role->value;
        size_t vn = role->value_len;
        if (equals_nocase(v, vn, "navigation") ||
            equals_nocase(v, vn, "menu") || equals_nocase(v, vn, "menubar"))
            f |= HTML_IN_NAV;
        else if (equals_nocase(v, vn, "banner"))
            f |= HTML_IN_HEADER;
        else if (equals_nocase(v, vn, "contentinfo"))
            f |= HTML_IN_FOOTER;
        else if (equals_nocase(v, vn, "complementary"))
            f |= HTML_IN_ASIDE;
        else if (equals_nocase(v, vn, "main"))
            f |= HTML_IN_MAIN;
        else if (equals_nocase(v, vn, "dialog") ||
                 equals_nocase(v, vn, "alertdialog"))
            f |= HTML_IN_DIALOG;
        else if (equals_nocase(v, vn, "article"))
            f |= HTML_IN_ARTICLE;
    }
    if (find_attr(attrs, n, "hidden"))
        f |= HTML_IN_HIDDEN;
    const attr *aria = find_attr(attrs, n, "aria-hidden");
    if (aria && aria->value &&
        equals_nocase(aria->value, aria->value_len, "true"))
        f |= HTML_IN_HIDDEN;
    const attr *style = find_attr(attrs, n, "style");
    if (value_has(style, "display:none") || value_has(style, "display: none") ||
        value_has(style, "visibility:hidden") ||
        value_has(style, "visibility: hidden"))
        f |= HTML_IN_HIDDEN;
    const attr *prop = find_attr(attrs, n, "itemprop");
    if (prop && prop->value &&
        (equals_nocase(prop->value, prop->value_len, "articleBody") ||
         equals_nocase(prop->value, prop->value_len, "text") ||
         equals_nocase(prop->value, prop->value_len, "reviewBody")))
        f |= HTML_IN_BODYPROP;
    return f;
}

static void
pop_to(reader *r, size_t depth)
{
    if (depth < r->depth)
        r->depth = depth;
}

/* Index in the stack of the innermost open element with this name hash,
 * stopping at a boundary element (hash stop); -1 when none. */
static long
find_open(const reader *r, uint32_t hash, uint32_t stop1, uint32_t stop2)
{
    for (size_t i = r->depth; i-- > 0;) {
        uint32_t nh = r->h->nodes[r->stack[i]].name_hash;
        if (nh == hash)
            return (long)i;
        if (nh == stop1 || nh == stop2)
            return -1;
    }
    return -1;
}

/* HTML's implied end tags before a start tag: an open <p> ends at a
 * block, an <li> at the next <li> of its list, a cell at the next cell. */
static uint32_t
hash_of(const char *name)
{
    return depeche_html_name_hash(name, strlen(name));
}

/* Closes the innermost open `name` unless a `stop1` or `stop2` element
 * is open inside it. */
static void
close_open(reader *r, const char *name, const char *stop1, const char *stop2)
{
    long at = find_open(r, hash_of(name), hash_of(stop1), hash_of(stop2));
    if (at >= 0)
        pop_to(r, (size_t)at);
}

/* HTML's implied end tags before a start tag: an open <p> ends at a
 * block, an <li> at the next <li> of its list, a cell at the next cell. */
static void
imply_end_tags(reader *r, const char *name, size_t n, unsigned props)
{
    if ((props & TAG_CLOSES_P) && r->depth &&
        r->h->nodes[r->stack[r->depth - 1]].name_hash == hash_of("p"))
        pop_to(r, r->depth - 1);
    if (equals_nocase(name, n, "body")) /* </head> may be missing */
        close_open(r, "head", "html", "html");
    if (equals_nocase(name, n, "li"))
        close_open(r, "li", "ul", "ol");
    if (equals_nocase(name, n, "dt") || equals_nocase(name, n, "dd")) {
        close_open(r, "dt", "dl", "dl");
        close_open(r, "dd", "dl", "dl");
    }
    if (equals_nocase(name, n, "td") || equals_nocase(name, n, "th") ||
        equals_nocase(name, n, "tr")) {
        close_open(r, "td", "tr", "table");
        close_open(r, "th", "tr", "table");
    }
    if (equals_nocase(name, n, "tr"))
        close_open(r, "tr", "table", "table");
    if (equals_nocase(name, n, "option"))
        close_open(r, "option", "select", "select");
}

/* An attribute value or the text of <title> decoded to UTF-8, spaces
 * collapsed (malloc'd; NULL when out of memory). */
static char *
decode_value(const depeche_html *h, const char *s, size_t n)
{
    depeche_buf b = {0};
    int space = 0;
    for (size_t i = 0; i < n;) {
        unsigned char c = (unsigned char)s[i];
        uint32_t cp = c;
        size_t k = 1;
        if (is_space(c)) {
            space = b.len > 0;
            i++;
            continue;
        }
        if (c == '&') {
            k = char_ref(s, n, i, &cp);
            if (!k) {
                cp = '&';
                k = 1;
            }
        } else if (c >= 0x80 && h->charset == DEPECHE_HTML_CP1252) {
            cp = cp1252_char(c);
        } else if (c >= 0x80) {
            int32_t v;
            k = depeche_utf8_decode((const unsigned char *)s + i, n - i, &v);
            cp = v < 0 ? 0xFFFD : (uint32_t)v;
        }
        i += k;
        if (cp == 0xAD || cp == 0)
            continue;
        if (cp > 0x10FFFF || (cp >= 0xD800 && cp <= 0xDFFF))
            cp = 0xFFFD;
        char u[4];
        size_t un = depeche_utf8_encode((int32_t)cp, u);
        if ((space && depeche_buf_putc(&b, ' ')) ||
            depeche_buf_put(&b, u, un)) {
            depeche_buf_free(&b);
            return NULL;
        }
        space = 0;
    }
    if (!b.data && depeche_buf_put(&b, "", 0))
        return NULL;
    return depeche_buf_detach(&b);
}

/* Hands a decoded value to the metadata reader. */
static void
meta_value(reader *r, const char *key, const char *s, size_t n)
{
    if (!s || r->st)
        return;
    char *v = decode_value(r->h, s, n);
    if (!v) {
        fail_nomem(r);
        return;
    }
    depeche_html_meta_take(&r->h->meta, key, v);
}

/* <meta property|name|itemprop=KEY content=VALUE>, <html lang>. */
static void
tag_metadata(reader *r, const char *name, size_t n, const attr *attrs,
             size_t count)
{
    if (equals_nocase(name, n, "html")) {
        const attr *lang = find_attr(attrs, count, "lang");
        if (lang)
            meta_value(r, "lang", lang->value, lang->value_len);
        return;
    }
    const attr *content = find_attr(attrs, count, "content");
    if (equals_nocase(name, n, "time"))
        content = find_attr(attrs, count, "datetime");
    if (!content || !content->value)
        return;
    static const char *const keys[] = {"property", "name", "itemprop",
                                       "http-equiv"};
    for (size_t k = 0; k < sizeof keys / sizeof *keys; k++) {
        const attr *a = find_attr(attrs, count, keys[k]);
        if (!a || !a->value || a->value_len > 64)
            continue;
        char key[65];
        for (size_t i = 0; i < a->value_len; i++)
            key[i] = (char)(a->value[i] >= 'A' && a->value[i] <= 'Z'
                                ? a->value[i] + 32
                                : a->value[i]);
        key[a->value_len] = 0;
        meta_value(r, key, content->value, content->value_len);
    }
}

static void
push_node(reader *r, const char *name, size_t n, const html_tag_info *t,
          const attr *attrs, size_t count)
{
    depeche_html *h = r->h;
    if (r->depth >= MAX_DEPTH)
        return;
    if (depeche_grow((void **)&h->nodes, &h->node_cap, h->node_count + 1,
                     sizeof *h->nodes)) {
        fail_nomem(r);
        return;
    }
    uint32_t parent = r->depth ? r->stack[r->depth - 1] : UINT32_MAX;
    depeche_html_node *node = &h->nodes[h->node_count];
    node->parent = parent;
    node->depth = (uint32_t)r->depth;
    node->name_hash = depeche_html_name_hash(name, n);
    uint32_t own = (t ? t->flags : 0) | attr_flags(attrs, count);
    if (!find_attr(attrs, count, "href")) /* an anchor, not a link */
        own &= ~(uint32_t)HTML_IN_LINK;
    node->flags = (parent != UINT32_MAX ? h->nodes[parent].flags : 0) | own;
    node->block = t && (t->props & TAG_BLOCK);
    int32_t hint = 0;
    const attr *cls = find_attr(attrs, count, "class");
    const attr *id = find_attr(attrs, count, "id");
    if (cls && cls->value)
        hint += depeche_html_names_hint(r->names, cls->value, cls->value_len);
    if (id && id->value)
        hint += depeche_html_names_hint(r->names, id->value, id->value_len);
    node->hint = hint;
    r->stack[r->depth++] = (uint32_t)h->node_count++;
}

/* Where the raw text of an element ends: its end tag, or the page's end. */
static size_t
raw_end(const char *in, size_t len, size_t i, const char *name, size_t n,
        size_t *after)
{
    for (size_t k = i; k + 2 + n <= len; k++) {
        const char *lt = memchr(in + k, '<', len - k);
        if (!lt)
            break;
        k = (size_t)(lt - in);
        if (k + 2 + n <= len && in[k + 1] == '/' &&
            starts_nocase(in + k + 2, len - k - 2, name) &&
            (k + 2 + n == len || !is_alnum((unsigned char)in[k + 2 + n]))) {
            const char *gt = memchr(in + k, '>', len - k);
            *after = gt ? (size_t)(gt - in) + 1 : len;
            return k;
        }
    }
    *after = len;
    return len;
}

static void
add_span(reader *r, uint64_t start, uint64_t end, const char *what)
{
    depeche_html *h = r->h;
    if (depeche_grow((void **)&h->spans, &h->span_cap, h->span_count + 1,
                     sizeof *h->spans)) {
        fail_nomem(r);
        return;
    }
    h->spans[h->span_count++] = (depeche_html_span){start, end, what};
}

/* A raw-text element (<script>, <style>, <title>...) from its start tag
 * at tag_start; its content starts at i.  Returns where reading goes on. */
static size_t
raw_element(reader *r, const html_tag_info *t, const attr *attrs, size_t count,
            size_t tag_start, size_t i)
{
    size_t n = strlen(t->name), after;
    size_t end = raw_end(r->in, r->len, i, t->name, n, &after);
    if (!strcmp(t->name, "title")) {
        if (!r->h->meta.title)
            meta_value(r, "title", r->in + i, end - i);
    } else if (!strcmp(t->name, "script")) {
        const attr *type = find_attr(attrs, count, "type");
        if (value_has(type, "ld+json"))
            depeche_html_meta_jsonld(&r->h->meta, r->in + i, end - i);
    }
    if (!strcmp(t->name, "title") || !strcmp(t->name, "textarea"))
        return after; /* markup for the tiling */
    end_block(r);
    add_span(r, tag_start, after, t->name);
    return after;
}

/* A start tag at in[i] ('<' then a letter); returns where reading goes on. */
/* The table entry of a tag name as written (any case); NULL if unknown. */
static const html_tag_info *
known_tag(const char *name, size_t n)
{
    char lower[16];
    if (n >= sizeof lower)
        return NULL;
    for (size_t k = 0; k < n; k++)
        lower[k] =
            (char)((name[k] >= 'A' && name[k] <= 'Z') ? name[k] + 32 : name[k]);
    return depeche_html_tag(lower, n);
}

static size_t
start_tag(reader *r, size_t i)
{
    size_t ns = i + 1, ne = ns;
    while (ne < r->len && !is_space((unsigned char)r->in[ne]) &&
           r->in[ne] != '>' && r->in[ne] != '/')
        ne++;
    size_t n = ne - ns;
    const html_tag_info *t = known_tag(r->in + ns, n);
    attr attrs[MAX_ATTRS];
    size_t count;
    int self_closing;
    size_t after = read_attrs(r->in, r->len, ne, attrs, &count, &self_closing);
    unsigned props = t ? t->props : 0;
    if (t && (!strcmp(t->name, "meta") || !strcmp(t->name, "html") ||
              !strcmp(t->name, "time")))
        tag_metadata(r, t->name, n, attrs, count);
    if (props & TAG_BLOCK)
        end_block(r);
    else if (t && !strcmp(t->name, "br") && r->in_block)
        note_space(r, i, after); /* a line break inside a block */
    else if (t && !strcmp(t->name, "img"))
        note_space(r, i, after);
    imply_end_tags(r, r->in + ns, n, props);
    if (props & TAG_VOID)
        return after;
    if (props & (TAG_RAW | TAG_RCDATA))
        return raw_element(r, t, attrs, count, i, after);
    if (!self_closing || !t)
        push_node(r, r->in + ns, n, t, attrs, count);
    return after;
}

static size_t
end_tag(reader *r, size_t i)
{
    size_t ns = i + 2, ne = ns;
    while (ne < r->len && is_alnum((unsigned char)r->in[ne]))
        ne++;
    const char *gt = memchr(r->in + ne, '>', r->len - ne);
    size_t after = gt ? (size_t)(gt - r->in) + 1 : r->len;
    size_t n = ne - ns;
    const html_tag_info *t = known_tag(r->in + ns, n);
    if (t && (t->props & TAG_BLOCK))
        end_block(r);
    long at = find_open(r, depeche_html_name_hash(r->in + ns, n), 0, 0);
    if (at >= 0)
        pop_to(r, (size_t)at);
    return after;
}

/* Offset after the markup construct at in[i] ('<'), or i when the '<' is
 * text. */
static size_t
markup(reader *r, size_t i)
{
    const char *in = r->in;
    size_t len = r->len;
    if (i + 1 >= len)
        return i;
    unsigned char c = (unsigned char)in[i + 1];
    if (c == '!' && i + 4 <= len && !memcmp(in + i, "<!--", 4)) {
        for (size_t k = i + 4; k + 3 <= len; k++)
            if (!memcmp(in + k, "-->", 3))
                return k + 3;
        return len;
    }
    if (c == '!' || c == '?') {
        const char *gt = memchr(in + i, '>', len - i);
        return gt ? (size_t)(gt - in) + 1 : len;
    }
    if (c == '/' && i + 2 < len && is_alpha((unsigned char)in[i + 2]))
        return end_tag(r, i);
    if (c == '/' && i + 2 < len && in[i + 2] == '>')
        return i + 3;
    if (is_alpha(c))
        return start_tag(r, i);
    return i;
}

static void
read_page(reader *r)
{
    size_t i = 0;
    if (r->len >= 3 && !memcmp(r->in, "\xEF\xBB\xBF", 3))
        i = 3;
    while (i < r->len && !r->st) {
        const char *lt = memchr(r->in + i, '<', r->len - i);
        size_t text_end = lt ? (size_t)(lt - r->in) : r->len;
        if (text_end > i)
            read_text(r, i, text_end);
        if (!lt)
            break;
        size_t next = markup(r, text_end);
        if (next == text_end) {
            read_text(r, text_end, text_end + 1); /* a '<' that is text */
            next = text_end + 1;
        }
        i = next;
    }
    end_block(r);
}

depeche_status
depeche_html_read(const char *bytes, size_t len, int lossy,
                  const depeche_html_names *names, depeche_html **out,
                  depeche_error *err)
{
    *out = NULL;
    depeche_status st = depeche_reject_utf16_32(bytes, len, err);
    if (st)
        return st;
    const char *nul = memchr(bytes, 0, len);
    if (nul && !lossy)
        return depeche_fail(err, DEPECHE_ERR_BAD_INPUT, (uint64_t)(nul - bytes),
                            "NUL byte (binary data?)");
    depeche_html *h = calloc(1, sizeof *h);
    reader *r = calloc(1, sizeof *r);
    if (!h || !r) {
        free(h);
        free(r);
        return depeche_fail(err, DEPECHE_ERR_NOMEM, DEPECHE_NO_OFFSET,
                            "out of memory");
    }
    choose_charset(h, bytes, len);
    *r = (reader){.h = h,
                  .in = bytes,
                  .len = len,
                  .lossy = lossy,
                  .names = names,
                  .err = err};
    read_page(r);
    st = r->st;
    if (!st)
        st = depeche_html_meta_finish(&h->meta);
    free(r);
    if (st) {
        depeche_html_free(h);
        return depeche_fail(err, st, DEPECHE_NO_OFFSET, "%s",
                            depeche_strerror(st));
    }
    *out = h;
    return DEPECHE_OK;
}

void
depeche_html_free(depeche_html *h)
{
    if (!h)
        return;
    depeche_buf_free(&h->text);
    depeche_omap_free(&h->map);
    free(h->nodes);
    free(h->blocks);
    free(h->spans);
    depeche_html_meta_free(&h->meta);
    free(h);
}
