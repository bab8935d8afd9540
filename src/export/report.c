/* report.c -- what `depeche clean` and `depeche spell` print: reports on a
 * stage rather than exports of segments, written through the same writer
 * so the CLI holds no formatting of its own. */
#include <string.h>

#include "../utf8.h"
#include "export.h"

enum { CONTEXT_CHARS = 60 }; /* shown each side of a finding's word */

static int
is_edge_space(const char *s, size_t n, size_t i, size_t *k)
{
    unsigned char c = (unsigned char)s[i];
    *k = 1;
    if (c == ' ' || c == '\t' || c == '\r' || c == '\n')
        return 1;
    if (c == 0xC2 && i + 1 < n && (unsigned char)s[i + 1] == 0xA0) {
        *k = 2;
        return 1;
    }
    return 0;
}

/* The bytes of [start, end) without the spaces and line breaks at its
 * edges.  Stepping back over a trailing NBSP needs its lead byte. */
static void
trimmed(const depeche_doc *d, uint64_t start, uint64_t end, const char **s,
        size_t *n)
{
    const char *in = depeche_doc_input(d);
    uint64_t base = depeche_doc_input_offset(d); /* a part's (doc.h) */
    size_t a = (size_t)(start - base), b = (size_t)(end - base), k;
    while (a < b && is_edge_space(in, b, a, &k))
        a += k;
    while (b > a) {
        if (is_edge_space(in, b, b - 1, &k) && in[b - 1] != (char)0xA0)
            b--;
        else if (b - a >= 2 && is_edge_space(in, b, b - 2, &k) && k == 2)
            b -= 2;
        else
            break;
    }
    *s = in + a;
    *n = b - a;
}

/* One paragraph a line; a dateline and the body right after it share
 * their line, as in the input.  A blank line between documents. */
static depeche_status
clean_text_doc(depeche_writer *w, const depeche_doc *d)
{
    depeche_status st = DEPECHE_OK;
    if (w->docs_written && depeche_doc_part(d, NULL) == 0)
        st = depeche_out_put(&w->out, "\n", 1);
    size_t n = depeche_doc_block_count(d);
    for (size_t i = 0; i < n && !st; i++) {
        const depeche_block *b = depeche_doc_block(d, i);
        if (!depeche_block_is_text(b))
            continue;
        uint64_t end = b->end;
        while (i + 1 < n &&
               depeche_block_is_text(depeche_doc_block(d, i + 1)) &&
               depeche_doc_block(d, i + 1)->start == end &&
               b->kind == DEPECHE_KIND_DATELINE)
            end = depeche_doc_block(d, ++i)->end;
        size_t len;
        const char *s = depeche_doc_block_text(d, i, &len);
        if (!s) /* text input: the block's own bytes */
            trimmed(d, b->start, end, &s, &len);
        st = depeche_out_line(&w->out, s, len, DEPECHE_LINE_SPACE);
        if (!st)
            st = depeche_out_put(&w->out, "\n", 1);
    }
    return st;
}

static depeche_status
json_field(depeche_out *o, const char *key, const char *value)
{
    depeche_status st = depeche_out_printf(o, "\"%s\":", key);
    if (st)
        return st;
    return value ? depeche_out_json(o, value, strlen(value))
                 : depeche_out_puts(o, "null");
}

static depeche_status
clean_jsonl_meta(depeche_out *o, const depeche_doc *d)
{
    const depeche_meta *m = depeche_doc_meta(d);
    const char *id = depeche_doc_id(d);
    depeche_status st = depeche_out_puts(o, "{\"doc\":");
    if (!st)
        st = depeche_out_json(o, id, strlen(id));
    if (!st)
        st = depeche_out_puts(o, ",\"meta\":{");
    if (!st)
        st = json_field(o, "source", m->source);
    if (!st)
        st = depeche_out_puts(o, ",");
    if (!st)
        st = json_field(o, "title", m->title);
    if (!st)
        st = depeche_out_puts(o, ",");
    if (!st)
        st = json_field(o, "published", m->published);
    if (!st)
        st = depeche_out_puts(o, ",\"dateline\":{");
    if (!st)
        st = json_field(o, "place", m->dateline_place);
    if (!st)
        st = depeche_out_puts(o, ",");
    if (!st)
        st = json_field(o, "date", m->dateline_date);
    if (!st)
        st = depeche_out_puts(o, ",");
    if (!st)
        st = json_field(o, "agency", m->dateline_agency);
    if (!st)
        st = depeche_out_puts(o, "}}}\n");
    return st;
}

/* The metadata record, then one record a block with its exact bytes:
 * concatenating the "text" fields gives the input back. */
static depeche_status
clean_jsonl_doc(depeche_writer *w, const depeche_doc *d)
{
    depeche_out *o = &w->out;
    const char *id = depeche_doc_id(d);
    const char *in = depeche_doc_input(d);
    uint64_t base = depeche_doc_input_offset(d); /* a part's (doc.h) */
    /* A document in parts has its metadata in the first. */
    depeche_status st =
        depeche_doc_part(d, NULL) ? DEPECHE_OK : clean_jsonl_meta(o, d);
    for (size_t i = 0; i < depeche_doc_block_count(d) && !st; i++) {
        const depeche_block *b = depeche_doc_block(d, i);
        const char *reason = depeche_reason_name(b->reason);
        st = depeche_out_puts(o, "{\"doc\":");
        if (!st)
            st = depeche_out_json(o, id, strlen(id));
        if (!st)
            st = depeche_out_printf(o, ",\"kind\":\"%s\",\"action\":\"%s\",",
                                    depeche_kind_name(b->kind),
                                    reason ? "drop" : "keep");
        if (!st)
            st = json_field(o, "reason", reason);
        if (!st)
            st = depeche_out_printf(o, ",\"start\":%llu,\"end\":%llu,",
                                    (unsigned long long)b->start,
                                    (unsigned long long)b->end);
        if (!st)
            st = depeche_out_puts(o, "\"text\":");
        if (!st)
            st = depeche_out_json_exact(o, in + (b->start - base),
                                        (size_t)(b->end - b->start));
        if (!st)
            st = depeche_out_puts(o, "}\n");
    }
    return st;
}

/* Moves i back (dir < 0) or on over up to `count` characters of
 * in[lo, hi), stopping at a line break; returns where it stopped. */
static size_t
step_chars(const char *in, size_t lo, size_t hi, size_t i, int dir,
           size_t count, size_t *stepped)
{
    const unsigned char *u = (const unsigned char *)in;
    size_t k = 0;
    for (; k < count; k++) {
        if (dir < 0) {
            if (i <= lo || u[i - 1] == '\n' || u[i - 1] == '\r')
                break;
            do
                i--;
            while (i > lo && (u[i] & 0xC0) == 0x80);
        } else {
            if (i >= hi || u[i] == '\n' || u[i] == '\r')
                break;
            int32_t cp;
            i += depeche_utf8_decode(u + i, hi - i, &cp);
        }
    }
    *stepped = k;
    return i;
}

/* Characters in in[a, b): what a caret must skip. */
static size_t
count_chars(const char *in, size_t a, size_t b)
{
    size_t n;
    step_chars(in, a, b, a, 1, b - a, &n);
    return n;
}

/* The part of the finding's sentence shown with it: [*a, *b) of
 * depeche_doc_input() (of a part's bytes, doc.h), with whether it was cut
 * on either side; [*ws, *we) is the word (ranges outside the input or the
 * segment are clamped). */
static void
context_span(const depeche_doc *d, const depeche_finding *f, size_t *a,
             size_t *b, size_t *ws, size_t *we, int *cut_left, int *cut_right)
{
    const depeche_segment *s = depeche_doc_segment(d, f->segment);
    const char *in = depeche_doc_input(d);
    uint64_t size = depeche_doc_input_size(d);
    uint64_t base = depeche_doc_input_offset(d);
    uint64_t s_start = s->start - base, s_end = s->end - base;
    uint64_t f_start = f->start - base, f_end = f->end - base;
    size_t hi = (size_t)(s_end < size ? s_end : size);
    size_t lo = (size_t)(s_start < hi ? s_start : hi), n;
    size_t start = f_start < lo || f_start > hi ? lo : (size_t)f_start;
    size_t end = f_end < start || f_end > hi ? start : (size_t)f_end;
    *ws = start;
    *we = end;
    *a = step_chars(in, lo, hi, start, -1, CONTEXT_CHARS, &n);
    *cut_left = *a > lo && n == CONTEXT_CHARS;
    if (*cut_left && in[*a - 1] != ' ') { /* at a word's start */
        size_t i = *a;
        while (i < start && in[i] != ' ')
            i++;
        if (i < start)
            *a = i + 1;
    }
    *b = step_chars(in, lo, hi, end, 1, CONTEXT_CHARS, &n);
    *cut_right = *b < hi && n == CONTEXT_CHARS;
    if (*cut_right && in[*b] != ' ') { /* at a word's end */
        size_t i = *b;
        while (i > end && in[i - 1] != ' ')
            i--;
        if (i > end)
            *b = i - 1;
    }
}

/*     … the sentence around the word …
 *         ^~~~ */
static depeche_status
spell_text_context(depeche_out *o, const depeche_doc *d,
                   const depeche_finding *f)
{
    const char *in = depeche_doc_input(d);
    size_t a, b, ws, we;
    int left, right;
    context_span(d, f, &a, &b, &ws, &we, &left, &right);
    depeche_status st = depeche_out_puts(o, left ? "    \xE2\x80\xA6" : "    ");
    if (!st)
        st = depeche_out_line(o, in + a, b - a, DEPECHE_LINE_SPACE);
    if (!st)
        st = depeche_out_puts(o, right ? "\xE2\x80\xA6\n    " : "\n    ");
    size_t skip = count_chars(in, a, ws) + (left ? 1 : 0);
    size_t width = count_chars(in, ws, we);
    for (size_t k = 0; k < skip && !st; k++)
        st = depeche_out_put(o, " ", 1);
    for (size_t k = 0; k < (width ? width : 1) && !st; k++)
        st = depeche_out_put(o, k ? "~" : "^", 1);
    return st ? st : depeche_out_put(o, "\n", 1);
}

/* FILE:LINE:COL: KIND: WORD -> s1, s2, s3 */
static depeche_status
spell_text_doc(depeche_writer *w, const depeche_doc *d)
{
    depeche_out *o = &w->out;
    const char *id = depeche_doc_id(d);
    depeche_status st = DEPECHE_OK;
    for (size_t i = 0; i < depeche_doc_finding_count(d) && !st; i++) {
        const depeche_finding *f = depeche_doc_finding(d, i);
        st = depeche_out_line(o, id, strlen(id), DEPECHE_LINE_SPACE);
        if (!st)
            st = depeche_out_printf(o, ":%u:%u: %s: ", (unsigned)f->line,
                                    (unsigned)f->column,
                                    depeche_finding_kind_name(f->kind));
        if (!st)
            st = depeche_out_line(o, f->word, strlen(f->word),
                                  DEPECHE_LINE_SPACE);
        for (size_t k = 0; k < f->suggestion_count && !st; k++) {
            st = depeche_out_puts(o, k ? ", " : " -> ");
            if (!st)
                st = depeche_out_line(o, f->suggestions[k],
                                      strlen(f->suggestions[k]),
                                      DEPECHE_LINE_SPACE);
        }
        if (!st)
            st = depeche_out_put(o, "\n", 1);
        if (!st && (w->opts.flags & DEPECHE_WRITE_CONTEXT))
            st = spell_text_context(o, d, f);
    }
    return st;
}

static depeche_status
spell_jsonl_context(depeche_out *o, const depeche_doc *d,
                    const depeche_finding *f)
{
    size_t a, b, ws, we;
    int left, right;
    context_span(d, f, &a, &b, &ws, &we, &left, &right);
    depeche_status st = depeche_out_puts(o, ",\"context\":");
    if (!st)
        st = depeche_out_json(o, depeche_doc_input(d) + a, b - a);
    if (!st)
        st = depeche_out_printf(
            o, ",\"context_start\":%llu",
            (unsigned long long)(a + depeche_doc_input_offset(d)));
    return st;
}

static depeche_status
spell_jsonl_doc(depeche_writer *w, const depeche_doc *d)
{
    depeche_out *o = &w->out;
    const char *id = depeche_doc_id(d);
    depeche_status st = DEPECHE_OK;
    for (size_t i = 0; i < depeche_doc_finding_count(d) && !st; i++) {
        const depeche_finding *f = depeche_doc_finding(d, i);
        st = depeche_out_puts(o, "{\"file\":");
        if (!st)
            st = depeche_out_json(o, id, strlen(id));
        if (!st)
            st = depeche_out_printf(
                o, ",\"line\":%u,\"col\":%u,\"start\":%llu,\"end\":%llu,",
                (unsigned)f->line, (unsigned)f->column,
                (unsigned long long)f->start, (unsigned long long)f->end);
        if (!st)
            st = json_field(o, "word", f->word);
        if (!st)
            st = depeche_out_printf(o, ",\"kind\":\"%s\",\"suggestions\":",
                                    depeche_finding_kind_name(f->kind));
        if (!st)
            st = depeche_out_json_strings(o, f->suggestions,
                                          f->suggestion_count);
        if (!st && (w->opts.flags & DEPECHE_WRITE_CONTEXT))
            st = spell_jsonl_context(o, d, f);
        if (!st)
            st = depeche_out_puts(o, "}\n");
    }
    return st;
}

const depeche_format_ops depeche_clean_text_ops = {.doc = clean_text_doc};
const depeche_format_ops depeche_clean_jsonl_ops = {.doc = clean_jsonl_doc};
const depeche_format_ops depeche_spell_text_ops = {.doc = spell_text_doc};
const depeche_format_ops depeche_spell_jsonl_ops = {.doc = spell_jsonl_doc};
