/* plain.c -- the line-based formats: Moses, TSV, JSONL and plain text.
 *
 * One record is one line in each of them, so no field may hold a line
 * break: depeche_out_line and depeche_out_json see to it.  Blank units
 * are skipped, as in every format (depeche_writer_add_unit). */
#include "export.h"

#include <inttypes.h>
#include <stdio.h>
#include <string.h>

/* ---- moses: one unit a line; bilingual: a line in each file ----------- */

static depeche_status
line(depeche_out *o, const depeche_unit_segment *v, size_t n)
{
    depeche_status st = depeche_out_side(o, v, n, DEPECHE_SIDE_LINE);
    return st ? st : depeche_out_put(o, "\n", 1);
}

static depeche_status
moses_unit(depeche_writer *w, const depeche_unit *u)
{
    if (!(w->opts.flags & DEPECHE_WRITE_BILINGUAL))
        return line(&w->out, u->source, u->source_count);
    /* A line in one file only would shift every later pair. */
    if (!depeche_export_has_target(u))
        return DEPECHE_OK;
    depeche_status st = line(&w->out, u->source, u->source_count);
    return st ? st : line(&w->target_out, u->target, u->target_count);
}

const depeche_format_ops depeche_moses_ops = {.unit = moses_unit};

/* ---- tsv: doc, seg, kind, start, end, text [, target columns] --------- */

static depeche_status
tsv_begin(depeche_writer *w)
{
    return depeche_out_puts(&w->out,
                            (w->opts.flags & DEPECHE_WRITE_BILINGUAL)
                                ? "doc\tseg\tkind\tstart\tend\ttext\ttarget_seg"
                                  "\ttarget_start\ttarget_end\ttarget\n"
                                : "doc\tseg\tkind\tstart\tend\ttext\n");
}

/* The first segment's start and the last one's end. */
static uint64_t
side_start(const depeche_unit_segment *v)
{
    return v[0].start;
}

static uint64_t
side_end(const depeche_unit_segment *v, size_t n)
{
    return v[n - 1].end;
}

/* seg, start, end and text of a side, each after a tab but the first. */
static depeche_status
tsv_side(depeche_out *o, const depeche_unit_segment *v, size_t n,
         const char *between_index_and_start)
{
    depeche_status st = depeche_out_indices(o, v, n, ",");
    if (!st)
        st = depeche_out_printf(o, "%s%" PRIu64 "\t%" PRIu64 "\t",
                                between_index_and_start, side_start(v),
                                side_end(v, n));
    return st ? st : depeche_out_side(o, v, n, DEPECHE_SIDE_TSV);
}

static depeche_status
tsv_unit(depeche_writer *w, const depeche_unit *u)
{
    depeche_out *o = &w->out;
    const char *id = w->doc_id;
    char kind[32];
    snprintf(kind, sizeof kind, "\t%s\t", depeche_kind_name(u->kind));
    depeche_status st = depeche_out_line(o, id, strlen(id), DEPECHE_LINE_TSV);
    if (!st)
        st = depeche_out_put(o, "\t", 1);
    if (!st)
        st = tsv_side(o, u->source, u->source_count, kind);
    if (!st && (w->opts.flags & DEPECHE_WRITE_BILINGUAL)) {
        st = depeche_out_put(o, "\t", 1);
        if (!st && depeche_export_has_target(u))
            st = tsv_side(o, u->target, u->target_count, "\t");
        else if (!st)
            st = depeche_out_puts(o, "\t\t\t");
    }
    if (!st)
        st = depeche_out_put(o, "\n", 1);
    return st;
}

const depeche_format_ops depeche_tsv_ops = {.begin = tsv_begin,
                                            .unit = tsv_unit};

/* ---- jsonl: one record a unit ----------------------------------------- */

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

/* ,"KEY":[i,j] */
static depeche_status
json_indices(depeche_out *o, const char *key, const depeche_unit_segment *v,
             size_t n)
{
    depeche_status st = depeche_out_printf(o, ",\"%s\":[", key);
    if (!st)
        st = depeche_out_indices(o, v, n, ",");
    return st ? st : depeche_out_put(o, "]", 1);
}

/* The target keys of a bilingual writer's record, null without one. */
static depeche_status
json_target(depeche_out *o, const depeche_unit *u)
{
    if (!depeche_export_has_target(u))
        return depeche_out_puts(o, ",\"target\":null,\"target_segs\":[],"
                                   "\"target_start\":null,"
                                   "\"target_end\":null");
    const depeche_unit_segment *v = u->target;
    size_t n = u->target_count;
    depeche_status st = depeche_out_puts(o, ",\"target\":");
    if (!st)
        st = depeche_out_side(o, v, n, DEPECHE_SIDE_JSON);
    if (!st)
        st = json_indices(o, "target_segs", v, n);
    if (!st)
        st = depeche_out_printf(
            o, ",\"target_start\":%" PRIu64 ",\"target_end\":%" PRIu64,
            side_start(v), side_end(v, n));
    return st;
}

static depeche_status
json_props(depeche_out *o, const depeche_unit *u)
{
    depeche_status st = depeche_out_puts(o, ",\"props\":{");
    for (size_t p = 0; !st && p < u->prop_count; p++) {
        if (p)
            st = depeche_out_put(o, ",", 1);
        if (!st)
            st = json_str(o, u->props[p].name);
        if (!st)
            st = depeche_out_put(o, ":", 1);
        if (!st)
            st = json_str(o, u->props[p].value);
    }
    return st ? st : depeche_out_put(o, "}", 1);
}

static depeche_status
jsonl_unit(depeche_writer *w, const depeche_unit *u)
{
    depeche_out *o = &w->out;
    const depeche_unit_segment *v = u->source;
    size_t n = u->source_count;
    int bilingual = (w->opts.flags & DEPECHE_WRITE_BILINGUAL) != 0;
    /* Key order is part of the contract: doc, seg, kind, text, start, end,
     * then segs (all the source indices, when bilingual or more than one),
     * the target keys (bilingual), props (when any), findings. */
    depeche_status st = depeche_out_puts(o, "{\"doc\":");
    if (!st)
        st = json_str(o, w->doc_id);
    if (!st)
        st = depeche_out_printf(o, ",\"seg\":%zu,\"kind\":\"%s\",\"text\":",
                                v[0].index, depeche_kind_name(u->kind));
    if (!st)
        st = depeche_out_side(o, v, n, DEPECHE_SIDE_JSON);
    if (!st)
        st = depeche_out_printf(o, ",\"start\":%" PRIu64 ",\"end\":%" PRIu64,
                                side_start(v), side_end(v, n));
    if (!st && (bilingual || n > 1))
        st = json_indices(o, "segs", v, n);
    if (!st && bilingual)
        st = json_target(o, u);
    if (!st && u->prop_count)
        st = json_props(o, u);
    if (!st)
        st = depeche_out_puts(o, ",\"findings\":[");
    for (size_t f = 0; !st && f < u->finding_count; f++) {
        if (f)
            st = depeche_out_put(o, ",", 1);
        if (!st)
            st = json_finding(o, &u->findings[f]);
    }
    if (!st)
        st = depeche_out_puts(o, "]}\n");
    return st;
}

const depeche_format_ops depeche_jsonl_ops = {.unit = jsonl_unit};

/* ---- text: one unit a line (its source), blank line between paragraphs */

static depeche_status
text_unit(depeche_writer *w, const depeche_unit *u)
{
    depeche_out *o = &w->out;
    depeche_status st = DEPECHE_OK;
    /* A blank line before a new paragraph, and before the first line of a
     * document when an earlier one wrote anything. */
    if (w->doc_units == 0 ? w->text_lines > 0
                          : u->paragraph != w->doc_paragraph)
        st = depeche_out_put(o, "\n", 1);
    if (!st)
        st = line(o, u->source, u->source_count);
    w->text_lines++;
    return st;
}

const depeche_format_ops depeche_text_ops = {.unit = text_unit};
