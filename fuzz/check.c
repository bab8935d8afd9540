/* check.c -- the output checks shared by the fuzz targets. */
#include "check.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "depeche.h"

_Noreturn void
fuzz_fail(const char *file, int line, const char *what)
{
    fprintf(stderr, "%s:%d: invariant broken: %s\n", file, line, what);
    abort(); /* libFuzzer reports the crash and writes the input out */
}

/* Length of the UTF-8 sequence at s (at most n bytes), 0 if invalid. */
static size_t
utf8_sequence(const unsigned char *s, size_t n)
{
    unsigned c = s[0];
    size_t len;
    uint32_t min, cp;
    if (c < 0x80)
        return 1;
    if (c >= 0xC2 && c <= 0xDF)
        len = 2, min = 0x80, cp = c & 0x1F;
    else if (c >= 0xE0 && c <= 0xEF)
        len = 3, min = 0x800, cp = c & 0x0F;
    else if (c >= 0xF0 && c <= 0xF4)
        len = 4, min = 0x10000, cp = c & 0x07;
    else
        return 0;
    if (n < len)
        return 0;
    for (size_t i = 1; i < len; i++) {
        if ((s[i] & 0xC0) != 0x80)
            return 0;
        cp = cp << 6 | (s[i] & 0x3F);
    }
    if (cp < min || cp > 0x10FFFF || (cp >= 0xD800 && cp <= 0xDFFF))
        return 0;
    return len;
}

int
fuzz_utf8_valid(const char *s, size_t len)
{
    const unsigned char *p = (const unsigned char *)s;
    for (size_t i = 0; i < len;) {
        size_t n = utf8_sequence(p + i, len - i);
        if (!n)
            return 0;
        i += n;
    }
    return 1;
}

/* A recursive-descent reader that only says whether the text is JSON. */
typedef struct json_reader {
    const char *s;
    size_t len, pos;
    int depth;
} json_reader;

enum { JSON_MAX_DEPTH = 64 };

static int json_value(json_reader *r);

static void
json_space(json_reader *r)
{
    while (r->pos < r->len && strchr(" \t\n\r", r->s[r->pos]) && r->s[r->pos])
        r->pos++;
}

static int
json_eat(json_reader *r, char c)
{
    json_space(r);
    if (r->pos < r->len && r->s[r->pos] == c) {
        r->pos++;
        return 1;
    }
    return 0;
}

static int
json_literal(json_reader *r, const char *word)
{
    size_t n = strlen(word);
    if (r->len - r->pos < n || memcmp(r->s + r->pos, word, n) != 0)
        return 0;
    r->pos += n;
    return 1;
}

static int
is_digit(json_reader *r)
{
    return r->pos < r->len && r->s[r->pos] >= '0' && r->s[r->pos] <= '9';
}

static int
json_digits(json_reader *r)
{
    if (!is_digit(r))
        return 0;
    while (is_digit(r))
        r->pos++;
    return 1;
}

static int
json_number(json_reader *r)
{
    if (r->pos < r->len && r->s[r->pos] == '-')
        r->pos++;
    if (r->pos < r->len && r->s[r->pos] == '0')
        r->pos++; /* no leading zeros: 0 stands alone */
    else if (!json_digits(r))
        return 0;
    if (r->pos < r->len && r->s[r->pos] == '.') {
        r->pos++;
        if (!json_digits(r))
            return 0;
    }
    if (r->pos < r->len && (r->s[r->pos] == 'e' || r->s[r->pos] == 'E')) {
        r->pos++;
        if (r->pos < r->len && (r->s[r->pos] == '+' || r->s[r->pos] == '-'))
            r->pos++;
        if (!json_digits(r))
            return 0;
    }
    return 1;
}

static int
json_escape(json_reader *r)
{
    if (r->pos >= r->len)
        return 0;
    char c = r->s[r->pos++];
    if (c && strchr("\"\\/bfnrt", c))
        return 1;
    if (c != 'u' || r->len - r->pos < 4)
        return 0;
    for (int i = 0; i < 4; i++, r->pos++)
        if (!strchr("0123456789abcdefABCDEF", r->s[r->pos]) || !r->s[r->pos])
            return 0;
    return 1;
}

static int
json_string(json_reader *r)
{
    if (!json_eat(r, '"'))
        return 0;
    while (r->pos < r->len) {
        unsigned char c = (unsigned char)r->s[r->pos++];
        if (c == '"')
            return 1;
        if (c < 0x20)
            return 0; /* raw control characters must be escaped */
        if (c == '\\' && !json_escape(r))
            return 0;
    }
    return 0;
}

/* Members of an object (pairs) or elements of an array, up to `close`. */
static int
json_items(json_reader *r, char close, int pairs)
{
    if (json_eat(r, close))
        return 1;
    do {
        if (pairs && (!json_string(r) || !json_eat(r, ':')))
            return 0;
        if (!json_value(r))
            return 0;
    } while (json_eat(r, ','));
    return json_eat(r, close);
}

static int
json_value(json_reader *r)
{
    json_space(r);
    if (r->pos >= r->len || r->depth >= JSON_MAX_DEPTH)
        return 0;
    char c = r->s[r->pos];
    int ok;
    if (c == '{' || c == '[') {
        r->pos++;
        r->depth++;
        ok = json_items(r, c == '{' ? '}' : ']', c == '{');
        r->depth--;
        return ok;
    }
    if (c == '"')
        return json_string(r);
    if (c == 't')
        return json_literal(r, "true");
    if (c == 'f')
        return json_literal(r, "false");
    if (c == 'n')
        return json_literal(r, "null");
    return json_number(r);
}

int
fuzz_json_valid(const char *s, size_t len)
{
    json_reader r = {s, len, 0, 0};
    if (!json_value(&r))
        return 0;
    json_space(&r);
    return r.pos == len;
}

int
fuzz_jsonl_valid(const char *s, size_t len)
{
    if (len && s[len - 1] != '\n')
        return 0;
    for (size_t start = 0; start < len;) {
        const char *nl = memchr(s + start, '\n', len - start);
        size_t end = (size_t)(nl - s);
        json_reader r = {s + start, end - start, 0, 0};
        json_space(&r);
        if (r.pos >= r.len || r.s[r.pos] != '{' ||
            !fuzz_json_valid(s + start, end - start))
            return 0;
        start = end + 1;
    }
    return 1;
}

int
fuzz_buf_sink(void *user, const char *bytes, size_t len)
{
    fuzz_buf *b = user;
    if (b->len + len > b->cap) {
        size_t cap = b->cap ? b->cap : 4096;
        while (cap < b->len + len)
            cap *= 2;
        char *data = realloc(b->data, cap);
        if (!data)
            return 1;
        b->data = data;
        b->cap = cap;
    }
    memcpy(b->data + b->len, bytes, len);
    b->len += len;
    return 0;
}

void
fuzz_buf_free(fuzz_buf *b)
{
    free(b->data);
    b->data = NULL;
    b->len = b->cap = 0;
}

void
fuzz_check_blocks(const depeche_doc *doc, uint64_t len)
{
    size_t n = depeche_doc_block_count(doc);
    uint64_t at = 0;
    for (size_t i = 0; i < n; i++) {
        const depeche_block *b = depeche_doc_block(doc, i);
        FUZZ_REQUIRE(b->start == at, "a block starts where the last ended");
        FUZZ_REQUIRE(b->end > b->start, "no empty block");
        FUZZ_REQUIRE(!depeche_block_is_text(b) ||
                         b->reason == DEPECHE_REASON_NONE,
                     "a text block is a kept block");
        at = b->end;
    }
    FUZZ_REQUIRE(at == len, "the blocks end at the input's end");
}

/* 1 when [start, end) lies inside a kept text block. */
static int
inside_text_block(const depeche_doc *doc, uint64_t start, uint64_t end)
{
    for (size_t i = 0; i < depeche_doc_block_count(doc); i++) {
        const depeche_block *b = depeche_doc_block(doc, i);
        if (b->start <= start && end <= b->end)
            return depeche_block_is_text(b);
    }
    return 0;
}

void
fuzz_check_segments(const depeche_doc *doc)
{
    uint64_t last_end = 0;
    size_t last_para = 0;
    for (size_t i = 0; i < depeche_doc_segment_count(doc); i++) {
        const depeche_segment *s = depeche_doc_segment(doc, i);
        FUZZ_REQUIRE(s->start < s->end, "a segment covers input");
        FUZZ_REQUIRE(s->start >= last_end, "segments in order");
        FUZZ_REQUIRE(s->paragraph >= last_para, "paragraphs in order");
        FUZZ_REQUIRE(inside_text_block(doc, s->start, s->end),
                     "a segment lies in a kept text block");
        FUZZ_REQUIRE(strlen(s->text) == s->len, "text length");
        FUZZ_REQUIRE(memchr(s->text, '\n', s->len) == NULL, "no LF inside");
        FUZZ_REQUIRE(fuzz_utf8_valid(s->text, s->len), "text is UTF-8");
        last_end = s->end;
        last_para = s->paragraph;
    }
}
