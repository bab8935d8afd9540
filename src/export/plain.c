/* plain.c -- the line-based formats: Moses, TSV, JSONL and plain text.
 *
 * One record is one line in each of them, so no field may hold a line
 * break: depeche_out_line and depeche_out_json see to it.  Blank segments
 * are skipped, as in every format (depeche_export_segment). */
#include "export.h"

#include <inttypes.h>
#include <string.h>

/* ---- moses: one segment a line ---------------------------------------- */

static depeche_status
moses_doc(depeche_writer *w, const depeche_doc *d)
{
    depeche_status st = DEPECHE_OK;
    size_t n = depeche_doc_segment_count(d);
    for (size_t i = 0; !st && i < n; i++) {
        const depeche_segment *s = depeche_export_segment(d, i);
        if (!s)
            continue;
        st = depeche_out_line(&w->out, s->text, s->len, DEPECHE_LINE_SPACE);
        if (!st)
            st = depeche_out_put(&w->out, "\n", 1);
    }
    return st;
}

const depeche_format_ops depeche_moses_ops = {NULL, moses_doc, NULL};

/* ---- tsv: doc, seg, kind, start, end, text ---------------------------- */

static depeche_status
tsv_begin(depeche_writer *w)
{
    return depeche_out_puts(&w->out, "doc\tseg\tkind\tstart\tend\ttext\n");
}

static depeche_status
tsv_doc(depeche_writer *w, const depeche_doc *d)
{
    depeche_out *o = &w->out;
    const char *id = depeche_doc_id(d);
    depeche_status st = DEPECHE_OK;
    size_t n = depeche_doc_segment_count(d);
    for (size_t i = 0; !st && i < n; i++) {
        const depeche_segment *s = depeche_export_segment(d, i);
        if (!s)
            continue;
        st = depeche_out_line(o, id, strlen(id), DEPECHE_LINE_TSV);
        if (!st)
            st = depeche_out_printf(o, "\t%zu\t%s\t%" PRIu64 "\t%" PRIu64 "\t",
                                    i, depeche_kind_name(s->kind), s->start,
                                    s->end);
        if (!st)
            st = depeche_out_line(o, s->text, s->len, DEPECHE_LINE_TSV);
        if (!st)
            st = depeche_out_put(o, "\n", 1);
    }
    return st;
}

const depeche_format_ops depeche_tsv_ops = {tsv_begin, tsv_doc, NULL};

/* ---- jsonl: one record a segment -------------------------------------- */

static depeche_status
json_str(depeche_out *o, const char *s)
{
    return depeche_out_json(o, s, strlen(s));
}

static depeche_status
json_finding(depeche_out *o, const depeche_finding *f)
{
    depeche_status st = depeche_out_puts(o, "{\"kind\":");
    if (!st)
        st = json_str(o, depeche_finding_kind_name(f->kind));
    if (!st)
        st = depeche_out_puts(o, ",\"word\":");
    if (!st)
        st = json_str(o, f->word);
    if (!st)
        st = depeche_out_printf(
            o, ",\"start\":%" PRIu64 ",\"end\":%" PRIu64 ",\"suggestions\":",
            f->start, f->end);
    if (!st)
        st = depeche_out_json_strings(o, f->suggestions, f->suggestion_count);
    if (!st)
        st = depeche_out_puts(o, "}");
    return st;
}

static depeche_status
jsonl_doc(depeche_writer *w, const depeche_doc *d)
{
    depeche_out *o = &w->out;
    const char *id = depeche_doc_id(d);
    depeche_status st = DEPECHE_OK;
    size_t n = depeche_doc_segment_count(d);
    for (size_t i = 0; !st && i < n; i++) {
        const depeche_segment *s = depeche_export_segment(d, i);
        if (!s)
            continue;
        size_t nf = s->finding_count;
        /* Key order is part of the contract: doc, seg, kind, text, start,
         * end, findings. */
        st = depeche_out_puts(o, "{\"doc\":");
        if (!st)
            st = json_str(o, id);
        if (!st)
            st = depeche_out_printf(o,
                                    ",\"seg\":%zu,\"kind\":\"%s\",\"text\":", i,
                                    depeche_kind_name(s->kind));
        if (!st)
            st = depeche_out_json(o, s->text, s->len);
        if (!st)
            st = depeche_out_printf(
                o, ",\"start\":%" PRIu64 ",\"end\":%" PRIu64 ",\"findings\":[",
                s->start, s->end);
        for (size_t f = 0; !st && f < nf; f++) {
            const depeche_finding *fi =
                depeche_doc_finding(d, s->first_finding + f);
            if (f)
                st = depeche_out_put(o, ",", 1);
            if (!st)
                st = json_finding(o, fi);
        }
        if (!st)
            st = depeche_out_puts(o, "]}\n");
    }
    return st;
}

const depeche_format_ops depeche_jsonl_ops = {NULL, jsonl_doc, NULL};

/* ---- text: one segment a line, blank line between paragraphs ---------- */

static depeche_status
text_doc(depeche_writer *w, const depeche_doc *d)
{
    depeche_out *o = &w->out;
    depeche_status st = DEPECHE_OK;
    size_t n = depeche_doc_segment_count(d);
    int first = 1;
    size_t para = 0;
    for (size_t i = 0; !st && i < n; i++) {
        const depeche_segment *s = depeche_export_segment(d, i);
        if (!s)
            continue;
        /* A blank line before a new paragraph, and before the first line
         * of a document when an earlier one wrote anything. */
        if (first ? w->text_lines > 0 : s->paragraph != para)
            st = depeche_out_put(o, "\n", 1);
        first = 0;
        para = s->paragraph;
        if (!st)
            st = depeche_out_line(o, s->text, s->len, DEPECHE_LINE_SPACE);
        if (!st)
            st = depeche_out_put(o, "\n", 1);
        w->text_lines++;
    }
    return st;
}

const depeche_format_ops depeche_text_ops = {NULL, text_doc, NULL};
