/* writer.c -- the public depeche_writer_* calls: options, state, the open
 * document, the checks on a unit, and the dispatch to one format's ops
 * table.  depeche_writer_add turns each segment of a document into a unit,
 * so that one path writes both. */
#include "export.h"

#include <stdlib.h>
#include <string.h>

#include "../doc.h"
#include "../hash.h"
#include "../context.h" /* depeche_error_at */
#include "../lang.h"
#include "../options.h"

void
depeche_writer_options_init(depeche_writer_options *o)
{
    memset(o, 0, sizeof *o);
    o->size = sizeof *o;
    o->format = DEPECHE_FORMAT_TMX;
    o->source_lang = "fr-FR";
    o->creation_time = -1;
}

depeche_status
depeche_json_string(const char *s, size_t n, depeche_sink_fn sink, void *user)
{
    if ((!s && n) || !sink)
        return DEPECHE_ERR_INVALID_ARG;
    depeche_out o = {.sink = sink, .user = user};
    depeche_status st = depeche_out_json_exact(&o, s ? s : "", n);
    if (!st)
        st = depeche_out_flush(&o);
    depeche_buf_free(&o.buf);
    return st;
}

static const depeche_format_ops *
ops_for(depeche_format f)
{
    switch (f) {
    case DEPECHE_FORMAT_TMX:
        return &depeche_tmx_ops;
    case DEPECHE_FORMAT_XLIFF:
        return &depeche_xliff12_ops;
    case DEPECHE_FORMAT_XLIFF2:
        return &depeche_xliff2_ops;
    case DEPECHE_FORMAT_MOSES:
        return &depeche_moses_ops;
    case DEPECHE_FORMAT_TSV:
        return &depeche_tsv_ops;
    case DEPECHE_FORMAT_JSONL:
        return &depeche_jsonl_ops;
    case DEPECHE_FORMAT_TEXT:
        return &depeche_text_ops;
    case DEPECHE_FORMAT_CLEAN_TEXT:
        return &depeche_clean_text_ops;
    case DEPECHE_FORMAT_CLEAN_JSONL:
        return &depeche_clean_jsonl_ops;
    case DEPECHE_FORMAT_SPELL_TEXT:
        return &depeche_spell_text_ops;
    case DEPECHE_FORMAT_SPELL_JSONL:
        return &depeche_spell_jsonl_ops;
    }
    return NULL;
}

/* *out: a copy of a language tag in BCP-47 spelling (fr_FR -> fr-FR:
 * OmegaT ignores the underscore form silently), when it has a tag's shape
 * (lang.c, as --lang is checked; that shape also matches xsd:language and
 * needs no escaping). */
static depeche_status
lang_copy(const char *tag, char **out, depeche_error *err)
{
    *out = NULL;
    if (depeche_lang_check(tag, err)) {
        depeche_error_at(err, DEPECHE_SOURCE_LANG, NULL);
        return DEPECHE_ERR_INVALID_ARG;
    }
    size_t n = strlen(tag);
    *out = malloc(n + 1);
    if (!*out)
        return depeche_fail(err, DEPECHE_ERR_NOMEM, DEPECHE_NO_OFFSET,
                            "out of memory");
    memcpy(*out, tag, n + 1);
    depeche_lang_canonicalize(*out);
    return DEPECHE_OK;
}

/* The ten-thousandth year does not fit YYYYMMDDThhmmssZ. */
#define LAST_SECOND INT64_C(253402300799)

depeche_status
depeche_writer_new(const depeche_writer_options *given, depeche_sink_fn sink,
                   void *user, depeche_writer **out, depeche_error *err)
{
    if (!out)
        return depeche_fail(err, DEPECHE_ERR_INVALID_ARG, DEPECHE_NO_OFFSET,
                            "no place for the writer");
    *out = NULL;
    if (!given || !sink)
        return depeche_fail(err, DEPECHE_ERR_INVALID_ARG, DEPECHE_NO_OFFSET,
                            "writer needs options and a sink");
    depeche_writer_options whole;
    if (depeche_writer_options_take(given, &whole, err))
        return DEPECHE_ERR_INVALID_ARG;
    const depeche_writer_options *opts = &whole;
    const depeche_format_ops *ops = ops_for(opts->format);
    if (!ops)
        return depeche_fail(err, DEPECHE_ERR_INVALID_ARG, DEPECHE_NO_OFFSET,
                            "unknown export format %d", (int)opts->format);
    if (opts->creation_time < -1 || opts->creation_time > LAST_SECOND)
        return depeche_fail(err, DEPECHE_ERR_INVALID_ARG, DEPECHE_NO_OFFSET,
                            "creation time %lld is outside 1970-9999",
                            (long long)opts->creation_time);
    /* XLIFF 2 requires trgLang as soon as one <target> exists. */
    if (opts->format == DEPECHE_FORMAT_XLIFF2 &&
        (opts->flags & DEPECHE_WRITE_COPY_SOURCE) && !opts->target_lang)
        return depeche_fail(err, DEPECHE_ERR_INVALID_ARG, DEPECHE_NO_OFFSET,
                            "XLIFF 2 with copied targets needs a target "
                            "language");

    unsigned bilingual = opts->flags & DEPECHE_WRITE_BILINGUAL;
    if (bilingual && (!opts->target_lang || !ops->unit))
        return depeche_fail(err, DEPECHE_ERR_INVALID_ARG, DEPECHE_NO_OFFSET,
                            ops->unit ? "a bilingual writer needs a target "
                                        "language"
                                      : "a report format has no targets");
    if (bilingual && opts->format == DEPECHE_FORMAT_MOSES && !opts->target_sink)
        return depeche_fail(err, DEPECHE_ERR_INVALID_ARG, DEPECHE_NO_OFFSET,
                            "bilingual Moses needs a sink for the target "
                            "lines");

    depeche_writer *w = calloc(1, sizeof *w);
    if (!w)
        return depeche_fail(err, DEPECHE_ERR_NOMEM, DEPECHE_NO_OFFSET,
                            "out of memory");
    w->opts = *opts;
    w->ops = ops;
    w->out.sink = sink;
    w->out.user = user;
    w->target_out.sink = opts->target_sink;
    w->target_out.user = opts->target_user;
    const char *src = opts->source_lang ? opts->source_lang : "fr-FR";
    depeche_status st = lang_copy(src, &w->source_lang, err);
    if (!st && opts->target_lang)
        st = lang_copy(opts->target_lang, &w->target_lang, err);
    if (st) {
        depeche_writer_free(w);
        return st;
    }
    /* Copies live in the writer; opts keeps no borrowed strings. */
    w->opts.source_lang = w->source_lang;
    w->opts.target_lang = w->target_lang;
    *out = w;
    return DEPECHE_OK;
}

static depeche_status
fail_writing(depeche_writer *w, depeche_status st, depeche_error *err)
{
    w->broken = 1;
    switch (st) {
    case DEPECHE_ERR_IO:
        return depeche_fail(err, st, DEPECHE_NO_OFFSET,
                            "the sink refused the output");
    case DEPECHE_ERR_NOMEM:
        return depeche_fail(err, st, DEPECHE_NO_OFFSET,
                            "out of memory while writing");
    default:
        return depeche_fail(err, st, DEPECHE_NO_OFFSET, "%s",
                            depeche_strerror(st));
    }
}

static depeche_status
begin(depeche_writer *w)
{
    if (w->begun)
        return DEPECHE_OK;
    w->begun = 1;
    return w->ops->begin ? w->ops->begin(w) : DEPECHE_OK;
}

/* Both sinks, the target one only when it was given. */
static depeche_status
flush_all(depeche_writer *w)
{
    depeche_status st = depeche_out_flush(&w->out);
    if (!st && w->target_out.sink)
        st = depeche_out_flush(&w->target_out);
    return st;
}

/* DEPECHE_OK when w may take more output with a document open (doc_open
 * 1) or none (0), else the error to report. */
static depeche_status
usable(depeche_writer *w, int doc_open, depeche_error *err)
{
    if (!w)
        return depeche_fail(err, DEPECHE_ERR_INVALID_ARG, DEPECHE_NO_OFFSET,
                            "no writer");
    if (w->finished || w->broken)
        return depeche_fail(err, DEPECHE_ERR_STATE, DEPECHE_NO_OFFSET,
                            w->broken ? "the writer failed earlier"
                                      : "the writer is finished");
    if (w->in_doc != doc_open)
        return depeche_fail(err, DEPECHE_ERR_STATE, DEPECHE_NO_OFFSET,
                            doc_open ? "no document is open"
                                     : "a document is still open");
    return DEPECHE_OK;
}

static char *
copy_or_null(const char *s, int *failed)
{
    if (!s)
        return NULL;
    char *c = strdup(s);
    *failed |= c == NULL;
    return c;
}

static void
close_doc(depeche_writer *w)
{
    depeche_meta *m = &w->doc_meta;
    free(w->doc_id);
    free((char *)m->source);
    free((char *)m->title);
    free((char *)m->published);
    free((char *)m->dateline_place);
    free((char *)m->dateline_date);
    free((char *)m->dateline_agency);
    memset(m, 0, sizeof *m);
    w->doc_id = NULL;
    w->in_doc = 0;
}

static depeche_status
open_doc(depeche_writer *w, const char *id, const depeche_meta *meta)
{
    int failed = 0;
    w->doc_id = copy_or_null(id, &failed);
    if (meta) {
        depeche_meta *m = &w->doc_meta;
        m->source = copy_or_null(meta->source, &failed);
        m->title = copy_or_null(meta->title, &failed);
        m->published = copy_or_null(meta->published, &failed);
        m->dateline_place = copy_or_null(meta->dateline_place, &failed);
        m->dateline_date = copy_or_null(meta->dateline_date, &failed);
        m->dateline_agency = copy_or_null(meta->dateline_agency, &failed);
    }
    w->in_doc = 1;
    w->doc_units = 0;
    w->doc_paragraph = 0;
    w->doc_groups = 0;
    if (failed)
        return DEPECHE_ERR_NOMEM;
    depeche_status st = begin(w);
    return !st && w->ops->doc_open ? w->ops->doc_open(w) : st;
}

depeche_status
depeche_writer_begin_doc(depeche_writer *w, const char *id,
                         const depeche_meta *meta, depeche_error *err)
{
    depeche_status st = usable(w, 0, err);
    if (st)
        return st;
    if (!id)
        return depeche_fail(err, DEPECHE_ERR_INVALID_ARG, DEPECHE_NO_OFFSET,
                            "a document needs an id");
    if (!w->ops->unit)
        return depeche_fail(err, DEPECHE_ERR_STATE, DEPECHE_NO_OFFSET,
                            "this format takes whole documents");
    st = open_doc(w, id, meta);
    return st ? fail_writing(w, st, err) : DEPECHE_OK;
}

/* [a-z][a-z0-9-]{0,31}: safe in an XML attribute and a JSON key as it
 * stands, and a valid x- suffix for TMX prop types. */
static int
prop_name_ok(const char *name)
{
    if (!name || !(name[0] >= 'a' && name[0] <= 'z'))
        return 0;
    size_t n = 0;
    for (; name[n]; n++) {
        char c = name[n];
        if (!((c >= 'a' && c <= 'z') || (c >= '0' && c <= '9') || c == '-'))
            return 0;
    }
    return n <= 32;
}

static int
side_ok(const depeche_unit_segment *v, size_t n)
{
    if (n && !v)
        return 0;
    for (size_t i = 0; i < n; i++)
        if (!v[i].text && v[i].len)
            return 0;
    return 1;
}

/* Why u cannot be written by w, or NULL. */
static const char *
unit_problem(const depeche_writer *w, const depeche_unit *u)
{
    if (!u || !u->source_count || !side_ok(u->source, u->source_count))
        return "a unit needs source segments";
    if (!side_ok(u->target, u->target_count))
        return "a unit's target count has no segments";
    if (u->target_count && !(w->opts.flags & DEPECHE_WRITE_BILINGUAL))
        return "a unit with a target needs a bilingual writer";
    if (u->finding_count && !u->findings)
        return "a unit's finding count has no findings";
    if (u->prop_count && !u->props)
        return "a unit's property count has no properties";
    for (size_t i = 0; i < u->prop_count; i++)
        if (!prop_name_ok(u->props[i].name) || !u->props[i].value)
            return "a unit property needs a name of [a-z0-9-] and a value";
    return NULL;
}

int
depeche_export_has_target(const depeche_unit *u)
{
    return u->target_count &&
           !depeche_export_side_blank(u->target, u->target_count);
}

static depeche_status
write_unit(depeche_writer *w, const depeche_unit *u)
{
    if (depeche_export_side_blank(u->source, u->source_count))
        return DEPECHE_OK;
    depeche_status st = w->ops->unit(w, u);
    w->doc_units++;
    w->doc_paragraph = u->paragraph;
    return st;
}

depeche_status
depeche_writer_add_unit(depeche_writer *w, const depeche_unit *u,
                        depeche_error *err)
{
    depeche_status st = usable(w, 1, err);
    if (st)
        return st;
    const char *problem = unit_problem(w, u);
    if (problem)
        return depeche_fail(err, DEPECHE_ERR_INVALID_ARG, DEPECHE_NO_OFFSET,
                            "%s", problem);
    st = write_unit(w, u);
    return st ? fail_writing(w, st, err) : DEPECHE_OK;
}

static depeche_status
end_doc(depeche_writer *w)
{
    depeche_status st = w->ops->doc_close ? w->ops->doc_close(w) : DEPECHE_OK;
    /* One flush a document: a consumer reading the sink sees whole
     * documents, and the buffer never holds more than one. */
    if (!st)
        st = flush_all(w);
    close_doc(w);
    if (!st)
        w->docs_written++;
    return st;
}

depeche_status
depeche_writer_end_doc(depeche_writer *w, depeche_error *err)
{
    depeche_status st = usable(w, 1, err);
    if (st)
        return st;
    st = end_doc(w);
    return st ? fail_writing(w, st, err) : DEPECHE_OK;
}

/* Segment s of d as a source-only unit. */
static depeche_unit_segment
segment_side(const depeche_segment *s, size_t i)
{
    depeche_unit_segment v = {s->text, s->len, i, s->start, s->end};
    return v;
}

/* A document comes whole or in parts (depeche_corpus_result): the first
 * part opens it, the last closes it, segments are numbered across. */
static depeche_status
write_doc_units(depeche_writer *w, const depeche_doc *d)
{
    int last;
    size_t part = depeche_doc_part(d, &last);
    depeche_status st =
        part ? DEPECHE_OK : open_doc(w, depeche_doc_id(d), depeche_doc_meta(d));
    size_t n = depeche_doc_segment_count(d), first = d->segment_base;
    for (size_t i = 0; !st && i < n; i++) {
        const depeche_segment *s = depeche_doc_segment(d, i);
        depeche_unit_segment src = segment_side(s, first + i);
        depeche_unit u = {0};
        u.source = &src;
        u.source_count = 1;
        u.kind = s->kind;
        u.paragraph = s->paragraph;
        u.finding_count = s->finding_count;
        u.findings =
            s->finding_count ? depeche_doc_finding(d, s->first_finding) : NULL;
        st = write_unit(w, &u);
    }
    if (!st && !last)
        return flush_all(w); /* memory follows the part */
    if (!st)
        return end_doc(w);
    close_doc(w);
    return st;
}

depeche_status
depeche_writer_add(depeche_writer *w, const depeche_doc *doc,
                   depeche_error *err)
{
    if (!doc)
        return depeche_fail(err, DEPECHE_ERR_INVALID_ARG, DEPECHE_NO_OFFSET,
                            "writer and document are required");
    /* A later part goes on with the document its first part opened. */
    size_t part = w && w->ops->unit ? depeche_doc_part(doc, NULL) : 0;
    depeche_status st = usable(w, part > 0, err);
    if (st)
        return st;
    if (part && strcmp(w->doc_id ? w->doc_id : "", depeche_doc_id(doc)))
        return depeche_fail(err, DEPECHE_ERR_STATE, DEPECHE_NO_OFFSET,
                            "a part of another document than the open one");
    if (w->ops->unit) {
        st = write_doc_units(w, doc);
    } else {
        st = begin(w);
        if (!st)
            st = w->ops->doc(w, doc);
        if (!st)
            st = flush_all(w);
        int last;
        depeche_doc_part(doc, &last);
        if (!st && last)
            w->docs_written++;
    }
    return st ? fail_writing(w, st, err) : DEPECHE_OK;
}

depeche_status
depeche_writer_finish(depeche_writer *w, depeche_error *err)
{
    depeche_status st = usable(w, 0, err);
    if (st)
        return st;
    w->finished = 1;
    st = begin(w);
    if (!st && w->ops->end)
        st = w->ops->end(w);
    if (!st)
        st = flush_all(w);
    return st ? fail_writing(w, st, err) : DEPECHE_OK;
}

uint64_t
depeche_writer_replaced(const depeche_writer *w)
{
    return w ? w->out.replaced + w->target_out.replaced : 0;
}

void
depeche_writer_free(depeche_writer *w)
{
    if (!w)
        return;
    close_doc(w);
    depeche_buf_free(&w->out.buf);
    depeche_buf_free(&w->target_out.buf);
    free(w->source_lang);
    free(w->target_lang);
    free(w);
}

/* ---- helpers the formats share ---------------------------------------- */

size_t
depeche_export_meta(const depeche_meta *m, depeche_meta_field out[6])
{
    const depeche_meta_field all[6] = {
        {"source", m->source},
        {"title", m->title},
        {"published", m->published},
        {"dateline-place", m->dateline_place},
        {"dateline-date", m->dateline_date},
        {"dateline-agency", m->dateline_agency},
    };
    size_t n = 0;
    for (size_t i = 0; i < 6; i++)
        if (all[i].value && all[i].value[0])
            out[n++] = all[i];
    return n;
}

depeche_status
depeche_export_finding_note(depeche_out *o, const depeche_finding *f)
{
    depeche_status st =
        depeche_out_printf(o, "%s: ", depeche_finding_kind_name(f->kind));
    if (!st)
        st = depeche_out_xml(o, f->word, strlen(f->word));
    if (!st && f->line)
        st = depeche_out_printf(o, " (%u:%u)", (unsigned)f->line,
                                (unsigned)f->column);
    for (size_t i = 0; !st && i < f->suggestion_count; i++) {
        st = depeche_out_puts(o, i ? ", " : " \xE2\x86\x92 ");
        if (!st)
            st = depeche_out_xml(o, f->suggestions[i],
                                 strlen(f->suggestions[i]));
    }
    return st;
}

int
depeche_export_new_paragraph(const depeche_writer *w, const depeche_unit *u)
{
    return w->doc_units == 0 || u->paragraph != w->doc_paragraph;
}

int
depeche_export_note_wanted(const depeche_writer *w, const depeche_finding *f)
{
    int act = f->kind == DEPECHE_FINDING_MISSPELLING ||
              f->kind == DEPECHE_FINDING_ACCENT;
    unsigned want = act ? DEPECHE_WRITE_NOTES : DEPECHE_WRITE_NAME_NOTES;
    return (w->opts.flags & want) != 0;
}

uint64_t
depeche_export_hash(const char *s)
{
    return depeche_hash(s, strlen(s)); /* fixed: ids are reproducible */
}
