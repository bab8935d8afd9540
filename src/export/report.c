/* report.c -- what `depeche clean` and `depeche spell` print: reports on a
 * stage rather than exports of segments, written through the same writer
 * so the CLI holds no formatting of its own. */
#include <string.h>

#include "export.h"

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
    size_t a = (size_t)start, b = (size_t)end, k;
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
    if (w->docs_written)
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
        const char *s;
        size_t len;
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
    depeche_status st = clean_jsonl_meta(o, d);
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
            st = depeche_out_json_exact(o, depeche_doc_input(d) + b->start,
                                        (size_t)(b->end - b->start));
        if (!st)
            st = depeche_out_puts(o, "}\n");
    }
    return st;
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
    }
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
            st = depeche_out_printf(o, ",\"kind\":\"%s\",\"suggestions\":[",
                                    depeche_finding_kind_name(f->kind));
        for (size_t k = 0; k < f->suggestion_count && !st; k++) {
            if (k)
                st = depeche_out_puts(o, ",");
            if (!st)
                st = depeche_out_json(o, f->suggestions[k],
                                      strlen(f->suggestions[k]));
        }
        if (!st)
            st = depeche_out_puts(o, "]}\n");
    }
    return st;
}

const depeche_format_ops depeche_clean_text_ops = {NULL, clean_text_doc, NULL};
const depeche_format_ops depeche_clean_jsonl_ops = {NULL, clean_jsonl_doc,
                                                    NULL};
const depeche_format_ops depeche_spell_text_ops = {NULL, spell_text_doc, NULL};
const depeche_format_ops depeche_spell_jsonl_ops = {NULL, spell_jsonl_doc,
                                                    NULL};
