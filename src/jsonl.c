/* jsonl.c -- one JSON object a line: a document's id and text out of it.
 *
 * A whole JSON parser (RFC 8259) that keeps only two top-level fields:
 * every other value is checked and skipped, so a malformed record is
 * refused wherever its fault is, with the byte it is at.  Nesting is
 * bounded (MAX_DEPTH) so that hostile input cannot exhaust the stack. */
#include <stdlib.h>
#include <string.h>

#include "buf.h"
#include "depeche.h"
#include "utf8.h"

enum { MAX_DEPTH = 256 };

struct depeche_jsonl {
    char *id_field, *text_field;
    depeche_buf key, id, text;
    int has_id, has_text;
};

typedef struct parser {
    depeche_jsonl *j;
    const unsigned char *s;
    size_t len, pos;
    depeche_error *err;
} parser;

static depeche_status
bad(parser *p, const char *what)
{
    return depeche_fail(p->err, DEPECHE_ERR_BAD_INPUT, p->pos,
                        "malformed JSON: %s", what);
}

static void
skip_space(parser *p)
{
    while (p->pos < p->len && (p->s[p->pos] == ' ' || p->s[p->pos] == '\t' ||
                               p->s[p->pos] == '\r' || p->s[p->pos] == '\n'))
        p->pos++;
}

static int
at(const parser *p, char c)
{
    return p->pos < p->len && p->s[p->pos] == (unsigned char)c;
}

static int
hex4(const unsigned char *h, unsigned *out)
{
    unsigned v = 0;
    for (int i = 0; i < 4; i++) {
        unsigned char c = h[i];
        unsigned d = c >= '0' && c <= '9'   ? (unsigned)(c - '0')
                     : c >= 'a' && c <= 'f' ? (unsigned)(c - 'a' + 10)
                     : c >= 'A' && c <= 'F' ? (unsigned)(c - 'A' + 10)
                                            : 16u;
        if (d > 15)
            return -1;
        v = v * 16 + d;
    }
    *out = v;
    return 0;
}

/* \uXXXX at p->pos (after the backslash and u), with the low half of a
 * surrogate pair when it is a high half. */
static depeche_status
unicode_escape(parser *p, depeche_buf *out)
{
    unsigned cp, lo;
    size_t start = p->pos - 2;
    if (p->len - p->pos < 4 || hex4(p->s + p->pos, &cp))
        return bad(p, "\\u needs four hex digits");
    p->pos += 4;
    if (cp >= 0xDC00 && cp <= 0xDFFF) {
        p->pos = start;
        return bad(p, "a low surrogate without a high one before it");
    }
    if (cp >= 0xD800 && cp <= 0xDBFF) {
        if (p->len - p->pos < 6 || p->s[p->pos] != '\\' ||
            p->s[p->pos + 1] != 'u' || hex4(p->s + p->pos + 2, &lo) ||
            lo < 0xDC00 || lo > 0xDFFF) {
            p->pos = start;
            return bad(p, "a high surrogate without a low one after it");
        }
        p->pos += 6;
        cp = 0x10000 + ((cp - 0xD800) << 10) + (lo - 0xDC00);
    }
    if (!out)
        return DEPECHE_OK;
    char b[4];
    return depeche_buf_put(out, b, depeche_utf8_encode((int32_t)cp, b));
}

static depeche_status
simple_escape(parser *p, unsigned char c, depeche_buf *out)
{
    static const char from[] = "\"\\/bfnrt", to[] = "\"\\/\b\f\n\r\t";
    const char *k = c ? strchr(from, c) : NULL;
    if (!k) {
        p->pos--;
        return bad(p, "unknown escape");
    }
    return out ? depeche_buf_putc(out, to[k - from]) : DEPECHE_OK;
}

/* A string at p->pos (its opening quote), decoded into out (NULL: only
 * checked). */
static depeche_status
parse_string(parser *p, depeche_buf *out)
{
    size_t open = p->pos++;
    if (out)
        depeche_buf_clear(out);
    for (;;) {
        size_t run = p->pos;
        while (p->pos < p->len && p->s[p->pos] != '"' && p->s[p->pos] != '\\' &&
               p->s[p->pos] >= 0x20)
            p->pos++;
        depeche_status st =
            out ? depeche_buf_put(out, p->s + run, p->pos - run) : DEPECHE_OK;
        if (st)
            return st;
        if (p->pos >= p->len) {
            p->pos = open;
            return bad(p, "a string that does not end");
        }
        unsigned char c = p->s[p->pos++];
        if (c == '"')
            return DEPECHE_OK;
        if (c != '\\') {
            p->pos--;
            return bad(p, "a control character inside a string");
        }
        c = p->pos < p->len ? p->s[p->pos++] : 0;
        st = c == 'u' ? unicode_escape(p, out) : simple_escape(p, c, out);
        if (st)
            return st;
    }
}

static int
is_digit(const parser *p)
{
    return p->pos < p->len && p->s[p->pos] >= '0' && p->s[p->pos] <= '9';
}

static size_t
digits(parser *p)
{
    size_t n = 0;
    for (; is_digit(p); n++)
        p->pos++;
    return n;
}

static depeche_status
parse_number(parser *p)
{
    if (at(p, '-'))
        p->pos++;
    if (at(p, '0'))
        p->pos++;
    else if (!digits(p))
        return bad(p, "a number needs a digit");
    if (at(p, '.')) {
        p->pos++;
        if (!digits(p))
            return bad(p, "a digit after the decimal point");
    }
    if (at(p, 'e') || at(p, 'E')) {
        p->pos++;
        if (at(p, '+') || at(p, '-'))
            p->pos++;
        if (!digits(p))
            return bad(p, "a digit in the exponent");
    }
    return DEPECHE_OK;
}

static depeche_status
parse_word(parser *p, const char *w)
{
    size_t n = strlen(w);
    if (p->len - p->pos < n || memcmp(p->s + p->pos, w, n))
        return bad(p, "not a value");
    p->pos += n;
    return DEPECHE_OK;
}

static depeche_status parse_value(parser *p, int depth);

/* An object's or array's members, after its opening bracket. */
static depeche_status
parse_members(parser *p, int depth, char close, int keyed)
{
    skip_space(p);
    if (at(p, close)) {
        p->pos++;
        return DEPECHE_OK;
    }
    for (;;) {
        depeche_status st;
        if (keyed) {
            skip_space(p);
            if (!at(p, '"'))
                return bad(p, "a key in quotes");
            if ((st = parse_string(p, NULL)))
                return st;
            skip_space(p);
            if (!at(p, ':'))
                return bad(p, "':' after a key");
            p->pos++;
        }
        if ((st = parse_value(p, depth + 1)))
            return st;
        skip_space(p);
        if (at(p, close)) {
            p->pos++;
            return DEPECHE_OK;
        }
        if (!at(p, ','))
            return bad(p, keyed ? "',' or '}'" : "',' or ']'");
        p->pos++;
    }
}

static depeche_status
parse_value(parser *p, int depth)
{
    skip_space(p);
    if (depth > MAX_DEPTH)
        return bad(p, "nested too deep");
    if (p->pos >= p->len)
        return bad(p, "a value is missing (the line ends)");
    switch (p->s[p->pos]) {
    case '{':
        p->pos++;
        return parse_members(p, depth, '}', 1);
    case '[':
        p->pos++;
        return parse_members(p, depth, ']', 0);
    case '"':
        return parse_string(p, NULL);
    case 't':
        return parse_word(p, "true");
    case 'f':
        return parse_word(p, "false");
    case 'n':
        return parse_word(p, "null");
    default:
        return parse_number(p);
    }
}

/* A top-level field's value: kept when it is the id or the text. */
static depeche_status
parse_field(parser *p)
{
    depeche_jsonl *j = p->j;
    int is_text = !strcmp(j->key.data ? j->key.data : "", j->text_field);
    int is_id = !strcmp(j->key.data ? j->key.data : "", j->id_field);
    skip_space(p);
    size_t start = p->pos;
    if (is_text && !at(p, '"'))
        return bad(p, "the text field is not a string");
    if (is_text) {
        depeche_status st = parse_string(p, &j->text);
        j->has_text = !st;
        if (st || !is_id)
            return st;
        j->has_id = 1;
        depeche_buf_clear(&j->id);
        return depeche_buf_put(&j->id, j->text.data, j->text.len);
    }
    if (is_id && at(p, '"')) {
        depeche_status st = parse_string(p, &j->id);
        j->has_id = !st;
        return st;
    }
    depeche_status st = parse_value(p, 1);
    if (st || !is_id)
        return st;
    if (p->s[start] != '-' && (p->s[start] < '0' || p->s[start] > '9')) {
        p->pos = start;
        return bad(p, "the id field is neither a string nor a number");
    }
    depeche_buf_clear(&j->id);
    j->has_id = 1;
    return depeche_buf_put(&j->id, p->s + start, p->pos - start);
}

static depeche_status
parse_record(parser *p)
{
    depeche_jsonl *j = p->j;
    if (!at(p, '{'))
        return bad(p, "a record is an object ({...})");
    p->pos++;
    skip_space(p);
    if (at(p, '}'))
        p->pos++;
    else
        for (;;) {
            skip_space(p);
            if (!at(p, '"'))
                return bad(p, "a key in quotes");
            depeche_status st = parse_string(p, &j->key);
            if (st)
                return st;
            skip_space(p);
            if (!at(p, ':'))
                return bad(p, "':' after a key");
            p->pos++;
            if ((st = parse_field(p)))
                return st;
            skip_space(p);
            if (at(p, '}')) {
                p->pos++;
                break;
            }
            if (!at(p, ','))
                return bad(p, "',' or '}'");
            p->pos++;
        }
    skip_space(p);
    if (p->pos < p->len)
        return bad(p, "more after the record's closing brace");
    return DEPECHE_OK;
}

depeche_status
depeche_jsonl_new(const char *id_field, const char *text_field,
                  depeche_jsonl **out, depeche_error *err)
{
    if (!out)
        return depeche_fail(err, DEPECHE_ERR_INVALID_ARG, DEPECHE_NO_OFFSET,
                            "no place for the result");
    depeche_jsonl *j = calloc(1, sizeof *j);
    if (j) {
        j->id_field = strdup(id_field ? id_field : "id");
        j->text_field = strdup(text_field ? text_field : "text");
    }
    if (!j || !j->id_field || !j->text_field) {
        depeche_jsonl_free(j);
        return depeche_fail(err, DEPECHE_ERR_NOMEM, DEPECHE_NO_OFFSET,
                            "out of memory");
    }
    *out = j;
    return DEPECHE_OK;
}

depeche_status
depeche_jsonl_parse(depeche_jsonl *j, const char *line, size_t len,
                    depeche_jsonl_record *rec, depeche_error *err)
{
    if (!j || !rec || (!line && len))
        return depeche_fail(err, DEPECHE_ERR_INVALID_ARG, DEPECHE_NO_OFFSET,
                            "NULL argument");
    *rec = (depeche_jsonl_record){0};
    parser p = {j, (const unsigned char *)line, len, 0, err};
    j->has_id = j->has_text = 0;
    skip_space(&p);
    if (p.pos == len)
        return DEPECHE_OK; /* a blank line: no record */
    depeche_status st = parse_record(&p);
    if (st)
        return st;
    if (!j->has_text) {
        p.pos = 0;
        return depeche_fail(err, DEPECHE_ERR_BAD_INPUT, 0,
                            "the record has no \"%s\" field", j->text_field);
    }
    /* An empty string's buffer may never have been allocated. */
    rec->text = j->text.data ? j->text.data : "";
    rec->text_len = j->text.len;
    if (j->has_id) {
        rec->id = j->id.data ? j->id.data : "";
        rec->id_len = j->id.len;
    }
    return DEPECHE_OK;
}

void
depeche_jsonl_free(depeche_jsonl *j)
{
    if (!j)
        return;
    depeche_buf_free(&j->key);
    depeche_buf_free(&j->id);
    depeche_buf_free(&j->text);
    free(j->id_field);
    free(j->text_field);
    free(j);
}
