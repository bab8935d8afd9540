/* writer.c -- the public depeche_writer_* calls: options, state and the
 * dispatch to one format's ops table. */
#include "export.h"

#include <stdlib.h>
#include <string.h>

void
depeche_writer_options_init(depeche_writer_options *o)
{
    memset(o, 0, sizeof *o);
    o->format = DEPECHE_FORMAT_TMX;
    o->source_lang = "fr-FR";
    o->creation_time = -1;
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
 * OmegaT ignores the underscore form silently).  DEPECHE_ERR_INVALID_ARG
 * when it is not of the shape xsd:language accepts,
 * [A-Za-z]{1,8}(-[A-Za-z0-9]{1,8})*, which also keeps it free of anything
 * that would need escaping. */
static depeche_status
lang_copy(const char *tag, char **out)
{
    *out = NULL;
    size_t n = strlen(tag);
    if (n == 0 || n > 64)
        return DEPECHE_ERR_INVALID_ARG;
    char *c = malloc(n + 1);
    if (!c)
        return DEPECHE_ERR_NOMEM;
    size_t sub = 0; /* length of the current subtag */
    int first = 1;
    for (size_t i = 0; i <= n; i++) {
        char ch = tag[i];
        if (ch == '_' || ch == '-' || ch == '\0') {
            if (sub == 0 || sub > 8)
                goto bad;
            c[i] = ch ? '-' : '\0';
            sub = 0;
            first = 0;
            continue;
        }
        int alpha = (ch >= 'a' && ch <= 'z') || (ch >= 'A' && ch <= 'Z');
        int digit = ch >= '0' && ch <= '9';
        if (!alpha && !(digit && !first))
            goto bad;
        c[i] = ch;
        sub++;
    }
    *out = c;
    return DEPECHE_OK;
bad:
    free(c);
    return DEPECHE_ERR_INVALID_ARG;
}

/* The ten-thousandth year does not fit YYYYMMDDThhmmssZ. */
#define LAST_SECOND INT64_C(253402300799)

depeche_status
depeche_writer_new(const depeche_writer_options *opts, depeche_sink_fn sink,
                   void *user, depeche_writer **out, depeche_error *err)
{
    if (!out)
        return depeche_fail(err, DEPECHE_ERR_INVALID_ARG, DEPECHE_NO_OFFSET,
                            "no place for the writer");
    *out = NULL;
    if (!opts || !sink)
        return depeche_fail(err, DEPECHE_ERR_INVALID_ARG, DEPECHE_NO_OFFSET,
                            "writer needs options and a sink");
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

    depeche_writer *w = calloc(1, sizeof *w);
    if (!w)
        return depeche_fail(err, DEPECHE_ERR_NOMEM, DEPECHE_NO_OFFSET,
                            "out of memory");
    w->opts = *opts;
    w->ops = ops;
    w->out.sink = sink;
    w->out.user = user;
    const char *src = opts->source_lang ? opts->source_lang : "fr-FR";
    const char *bad = src;
    depeche_status st = lang_copy(src, &w->source_lang);
    if (!st && opts->target_lang) {
        bad = opts->target_lang;
        st = lang_copy(opts->target_lang, &w->target_lang);
    }
    if (st) {
        depeche_writer_free(w);
        if (st == DEPECHE_ERR_NOMEM)
            return depeche_fail(err, st, DEPECHE_NO_OFFSET, "out of memory");
        return depeche_fail(err, st, DEPECHE_NO_OFFSET,
                            "\"%.64s\" is not a language tag such as fr-FR",
                            bad);
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

depeche_status
depeche_writer_add(depeche_writer *w, const depeche_doc *doc,
                   depeche_error *err)
{
    if (!w || !doc)
        return depeche_fail(err, DEPECHE_ERR_INVALID_ARG, DEPECHE_NO_OFFSET,
                            "writer and document are required");
    if (w->finished || w->broken)
        return depeche_fail(err, DEPECHE_ERR_STATE, DEPECHE_NO_OFFSET,
                            w->broken ? "the writer failed earlier"
                                      : "the writer is finished");
    depeche_status st = begin(w);
    if (!st)
        st = w->ops->doc(w, doc);
    /* One flush a document: a consumer reading the sink sees whole
     * documents, and the buffer never holds more than one. */
    if (!st)
        st = depeche_out_flush(&w->out);
    if (st)
        return fail_writing(w, st, err);
    w->docs_written++;
    return DEPECHE_OK;
}

depeche_status
depeche_writer_finish(depeche_writer *w, depeche_error *err)
{
    if (!w)
        return depeche_fail(err, DEPECHE_ERR_INVALID_ARG, DEPECHE_NO_OFFSET,
                            "no writer");
    if (w->finished || w->broken)
        return depeche_fail(err, DEPECHE_ERR_STATE, DEPECHE_NO_OFFSET,
                            w->broken ? "the writer failed earlier"
                                      : "the writer is already finished");
    w->finished = 1;
    depeche_status st = begin(w);
    if (!st && w->ops->end)
        st = w->ops->end(w);
    if (!st)
        st = depeche_out_flush(&w->out);
    return st ? fail_writing(w, st, err) : DEPECHE_OK;
}

uint64_t
depeche_writer_replaced(const depeche_writer *w)
{
    return w ? w->out.replaced : 0;
}

void
depeche_writer_free(depeche_writer *w)
{
    if (!w)
        return;
    depeche_buf_free(&w->out.buf);
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

uint64_t
depeche_export_hash(const char *s)
{
    /* FNV-1a: fixed and platform-independent, so ids are reproducible. */
    uint64_t h = UINT64_C(0xcbf29ce484222325);
    for (; *s; s++) {
        h ^= (unsigned char)*s;
        h *= UINT64_C(0x100000001b3);
    }
    return h;
}

const depeche_segment *
depeche_export_segment(const depeche_doc *d, size_t i)
{
    const depeche_segment *s = depeche_doc_segment(d, i);
    return depeche_out_is_blank(s->text, s->len) ? NULL : s;
}
