/* out.c -- the buffered sink and the escaping every format shares.
 *
 * All text goes through one decoder (next_char) so that the XML, JSON and
 * line formats agree on which characters a segment holds: a document whose
 * text the XML formats cannot carry must not read differently in JSONL. */
#include "export.h"

#include <stdarg.h>
#include <stdio.h>
#include <string.h>

#include "../utf8.h"

/* Large enough that a sink sees few calls, small enough that a writer
 * streaming thousands of documents never holds the whole file. */
#define FLUSH_AT ((size_t)64 * 1024)

static const char replacement[] = "\xEF\xBF\xBD"; /* U+FFFD */

depeche_status
depeche_out_flush(depeche_out *o)
{
    if (o->failed)
        return DEPECHE_ERR_IO;
    if (o->buf.len == 0)
        return DEPECHE_OK;
    if (o->sink(o->user, o->buf.data, o->buf.len) != 0) {
        o->failed = 1;
        return DEPECHE_ERR_IO;
    }
    o->buf.len = 0;
    o->buf.data[0] = '\0';
    return DEPECHE_OK;
}

static depeche_status
maybe_flush(depeche_out *o)
{
    return o->buf.len >= FLUSH_AT ? depeche_out_flush(o) : DEPECHE_OK;
}

depeche_status
depeche_out_put(depeche_out *o, const char *s, size_t n)
{
    if (o->failed)
        return DEPECHE_ERR_IO;
    depeche_status st = depeche_buf_put(&o->buf, s, n);
    return st ? st : maybe_flush(o);
}

depeche_status
depeche_out_puts(depeche_out *o, const char *s)
{
    return depeche_out_put(o, s, strlen(s));
}

/* printf into the buffer; ap is used twice when the text is long, so the
 * caller gives a fresh copy for the second time. */
static depeche_status out_vprintf(depeche_out *o, const char *fmt, va_list ap,
                                  va_list again)
    __attribute__((format(printf, 2, 0)));

static depeche_status
out_vprintf(depeche_out *o, const char *fmt, va_list ap, va_list again)
{
    if (o->failed)
        return DEPECHE_ERR_IO;
    char small[256];
    int n = vsnprintf(small, sizeof small, fmt, ap);
    if (n < 0)
        return DEPECHE_ERR_INVALID_ARG;
    if ((size_t)n < sizeof small)
        return depeche_out_put(o, small, (size_t)n);
    /* Rare: format again straight into the buffer. */
    depeche_status st = depeche_buf_reserve(&o->buf, (size_t)n);
    if (st)
        return st;
    vsnprintf(o->buf.data + o->buf.len, (size_t)n + 1, fmt, again);
    o->buf.len += (size_t)n;
    return maybe_flush(o);
}

depeche_status
depeche_out_printf(depeche_out *o, const char *fmt, ...)
{
    va_list ap, again;
    va_start(ap, fmt);
    va_copy(again, ap);
    depeche_status st = out_vprintf(o, fmt, ap, again);
    va_end(again);
    va_end(ap);
    return st;
}

/* Decodes the character at s[i..n).  Invalid UTF-8 (one maximal subpart at
 * a time, as Unicode recommends; *cp is then -1), the C0 controls other
 * than tab, LF and CR, and U+FFFE/U+FFFF are flagged in *changed: XML 1.0
 * cannot carry them even as character references, so the segment formats
 * write U+FFFD for them. */
static size_t
next_char(const char *s, size_t n, size_t i, int32_t *cp, int *changed)
{
    size_t k = depeche_utf8_decode((const unsigned char *)s + i, n - i, cp);
    int32_t c = *cp;
    *changed = c < 0 || (c < 0x20 && c != '\t' && c != '\n' && c != '\r') ||
               c == 0xFFFE || c == 0xFFFF;
    return k;
}

/* Bytes that every escaper copies unchanged: printable ASCII but the
 * characters any of them must escape. */
static int
plain_ascii(unsigned char b)
{
    return b >= 0x20 && b < 0x7F && b != '&' && b != '<' && b != '>' &&
           b != '"' && b != '\'' && b != '\\';
}

/* The escape for one character, or NULL when its bytes may be copied.
 * *counts is set when the escape loses the character (a space for a tab in
 * a Moses line) so that o->replaced counts it; tmp receives numeric
 * forms. */
typedef const char *(*escape_fn)(int32_t cp, int changed, char tmp[16],
                                 int *counts);

static depeche_status
escape_run(depeche_out *o, const char *s, size_t n, escape_fn esc)
{
    if (o->failed)
        return DEPECHE_ERR_IO;
    size_t run = 0; /* start of the bytes not yet copied */
    size_t i = 0;
    depeche_status st = DEPECHE_OK;
    while (i < n) {
        if (plain_ascii((unsigned char)s[i])) {
            i++;
            continue;
        }
        int32_t cp;
        int changed, counts = 0;
        size_t k = next_char(s, n, i, &cp, &changed);
        char tmp[16];
        const char *rep = esc(cp, changed, tmp, &counts);
        if (rep) {
            if ((st = depeche_buf_put(&o->buf, s + run, i - run)) ||
                (st = depeche_buf_puts(&o->buf, rep)))
                return st;
            run = i + k;
            o->replaced += (size_t)(rep == replacement || counts);
        }
        i += k;
    }
    if ((st = depeche_buf_put(&o->buf, s + run, n - run)))
        return st;
    return maybe_flush(o);
}

static const char *
xml_escape(int32_t cp, int changed, char tmp[16], int *counts)
{
    if (changed)
        return replacement;
    switch (cp) {
    case '&':
        return "&amp;";
    case '<':
        return "&lt;";
    case '>':
        return "&gt;";
    case '"':
        return "&quot;";
    case '\'':
        return "&apos;";
    /* As references they survive both end-of-line handling (CR) and
     * attribute-value normalization (tab, LF), so one function serves
     * content and attributes and the text comes back byte for byte. */
    case '\t':
        return "&#x9;";
    case '\n':
        return "&#xA;";
    case '\r':
        return "&#xD;";
    default:
        break;
    }
    /* C1 controls are legal but discouraged (XML 1.0 2.2) and NEL breaks
     * lines in some readers: a reference keeps the character and makes it
     * visible. */
    if (cp >= 0x7F && cp <= 0x9F) {
        snprintf(tmp, 16, "&#x%X;", (unsigned)cp);
        return tmp;
    }
    return NULL;
}

depeche_status
depeche_out_xml(depeche_out *o, const char *s, size_t n)
{
    return escape_run(o, s, n, xml_escape);
}

static const char *
json_escape(int32_t cp, int changed, char tmp[16], int *counts)
{
    if (changed)
        return replacement;
    switch (cp) {
    case '"':
        return "\\\"";
    case '\\':
        return "\\\\";
    case '\t':
        return "\\t";
    case '\n':
        return "\\n";
    case '\r':
        return "\\r";
    default:
        break;
    }
    /* NEL, U+2028 and U+2029 are valid in JSON but end a line in
     * JavaScript source and in line readers such as str.splitlines(). */
    if (cp == 0x85 || cp == 0x2028 || cp == 0x2029) {
        snprintf(tmp, 16, "\\u%04X", (unsigned)cp);
        return tmp;
    }
    return NULL;
}

/* For reports that must give the input back: controls become \u00XX,
 * noncharacters stay; only invalid UTF-8 cannot be said in JSON. */
static const char *
json_exact_escape(int32_t cp, int changed, char tmp[16], int *counts)
{
    if (cp < 0)
        return replacement;
    if (cp < 0x20 && cp != '\t' && cp != '\n' && cp != '\r') {
        snprintf(tmp, 16, "\\u%04X", (unsigned)cp);
        return tmp;
    }
    return json_escape(cp, 0, tmp, counts);
}

depeche_status
depeche_out_json_exact(depeche_out *o, const char *s, size_t n)
{
    depeche_status st = depeche_out_put(o, "\"", 1);
    if (!st)
        st = escape_run(o, s, n, json_exact_escape);
    if (!st)
        st = depeche_out_put(o, "\"", 1);
    return st;
}

depeche_status
depeche_out_json(depeche_out *o, const char *s, size_t n)
{
    depeche_status st = depeche_out_put(o, "\"", 1);
    if (!st)
        st = escape_run(o, s, n, json_escape);
    if (!st)
        st = depeche_out_put(o, "\"", 1);
    return st;
}

depeche_status
depeche_out_json_strings(depeche_out *o, const char *const *v, size_t n)
{
    depeche_status st = depeche_out_put(o, "[", 1);
    for (size_t k = 0; !st && k < n; k++) {
        if (k)
            st = depeche_out_put(o, ",", 1);
        if (!st)
            st = depeche_out_json(o, v[k], strlen(v[k]));
    }
    return st ? st : depeche_out_put(o, "]", 1);
}

/* What str.splitlines() and most line readers split on, after next_char
 * has turned VT, FF and FS..RS into U+FFFD. */
static int
line_break(int32_t cp)
{
    return cp == '\n' || cp == '\r' || cp == 0x85 || cp == 0x2028 ||
           cp == 0x2029;
}

static const char *
line_space(int32_t cp, int changed, char tmp[16], int *counts)
{
    if (changed)
        return replacement;
    if (cp == '\t' || line_break(cp)) {
        *counts = 1;
        return " ";
    }
    /* At the start of a Moses or text file U+FEFF reads as a byte-order
     * mark and vanishes; U+2060 is its meaning (zero-width no-break) since
     * Unicode 3.2. */
    if (cp == 0xFEFF) {
        *counts = 1;
        return "\xE2\x81\xA0";
    }
    return NULL;
}

static const char *
line_tsv(int32_t cp, int changed, char tmp[16], int *counts)
{
    if (changed)
        return replacement;
    switch (cp) {
    case '\\':
        return "\\\\";
    case '\t':
        return "\\t";
    case '\n':
        return "\\n";
    case '\r':
        return "\\r";
    default:
        break;
    }
    if (line_break(cp)) {
        *counts = 1;
        return " ";
    }
    return NULL;
}

depeche_status
depeche_out_line(depeche_out *o, const char *s, size_t n,
                 depeche_line_mode mode)
{
    return escape_run(o, s, n,
                      mode == DEPECHE_LINE_TSV ? line_tsv : line_space);
}

/* Unicode White_Space (PropList.txt). */
static int
white_space(int32_t c)
{
    return (c >= 0x09 && c <= 0x0D) || c == 0x20 || c == 0x85 || c == 0xA0 ||
           c == 0x1680 || (c >= 0x2000 && c <= 0x200A) || c == 0x2028 ||
           c == 0x2029 || c == 0x202F || c == 0x205F || c == 0x3000;
}

int
depeche_out_is_blank(const char *s, size_t n)
{
    for (size_t i = 0; i < n;) {
        int32_t cp;
        int changed;
        i += next_char(s, n, i, &cp, &changed);
        if (!white_space(cp))
            return 0;
    }
    return 1;
}

int
depeche_export_side_blank(const depeche_unit_segment *v, size_t n)
{
    for (size_t i = 0; i < n; i++)
        if (!depeche_out_is_blank(v[i].text, v[i].len))
            return 0;
    return 1;
}

static depeche_status
side_piece(depeche_out *o, const char *s, size_t n, depeche_side_mode mode)
{
    switch (mode) {
    case DEPECHE_SIDE_XML:
        return escape_run(o, s, n, xml_escape);
    case DEPECHE_SIDE_JSON:
        return escape_run(o, s, n, json_escape);
    case DEPECHE_SIDE_LINE:
        return escape_run(o, s, n, line_space);
    case DEPECHE_SIDE_TSV:
        return escape_run(o, s, n, line_tsv);
    }
    return DEPECHE_ERR_INVALID_ARG;
}

depeche_status
depeche_out_side(depeche_out *o, const depeche_unit_segment *v, size_t n,
                 depeche_side_mode mode)
{
    int json = mode == DEPECHE_SIDE_JSON;
    depeche_status st = json ? depeche_out_put(o, "\"", 1) : DEPECHE_OK;
    int first = 1;
    for (size_t i = 0; !st && i < n; i++) {
        if (depeche_out_is_blank(v[i].text, v[i].len))
            continue;
        if (!first)
            st = depeche_out_put(o, " ", 1);
        first = 0;
        if (!st)
            st = side_piece(o, v[i].text, v[i].len, mode);
    }
    if (!st && json)
        st = depeche_out_put(o, "\"", 1);
    return st;
}

depeche_status
depeche_out_element(depeche_out *o, const char *text, const char *close,
                    const char *open_fmt, ...)
{
    va_list ap, again;
    va_start(ap, open_fmt);
    va_copy(again, ap);
    depeche_status st = out_vprintf(o, open_fmt, ap, again);
    va_end(again);
    va_end(ap);
    if (!st)
        st = depeche_out_xml(o, text, strlen(text));
    return st ? st : depeche_out_puts(o, close);
}

depeche_status
depeche_out_side_element(depeche_out *o, const char *open,
                         const depeche_unit_segment *v, size_t n,
                         const char *close)
{
    depeche_status st = depeche_out_puts(o, open);
    if (!st)
        st = depeche_out_side(o, v, n, DEPECHE_SIDE_XML);
    return st ? st : depeche_out_puts(o, close);
}

depeche_status
depeche_out_indices(depeche_out *o, const depeche_unit_segment *v, size_t n,
                    const char *sep)
{
    depeche_status st = DEPECHE_OK;
    for (size_t i = 0; !st && i < n; i++)
        st = depeche_out_printf(o, "%s%zu", i ? sep : "", v[i].index);
    return st;
}
