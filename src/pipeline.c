/* pipeline.c -- clean -> normalize -> segment -> spell for one document.
 *
 * Each stage lives in its own module; this file only wires them and keeps
 * the offsets honest: all normalized text of a document goes into one
 * buffer with one offset map, so a segment or finding anywhere in it maps
 * back to the input's bytes. */
#include <stdlib.h>
#include <string.h>

#include "clean.h"
#include "context.h"
#include "doc.h"
#include "html_doc.h"
#include "lang.h"
#include "options.h"
#include "normalize.h"
#include "pipeline.h"
#include "pipeline_blocks.h"
#include "pool.h"
#include "segment.h"
#include "spell.h"
#include "utf8.h"

struct depeche_pipeline {
    depeche_context *ctx;     /* read-only, shared; one reference held */
    int owns_context;         /* made by depeche_pipeline_new: may observe */
    depeche_options opts;     /* ctx's, strings included */
    depeche_speller *speller; /* NULL under DEPECHE_NO_SPELL */
    depeche_extractor *extractor;
    /* The page being processed, when it is HTML. */
    depeche_html *html;
    size_t *html_index; /* its block of each doc block */
    /* Scratch reused from document to document. */
    depeche_buf text;
    depeche_omap map;
    size_t *seg_out; /* where each segment starts in `text` */
    size_t seg_out_cap;
    block_work *work; /* a window of kept blocks (segment_blocks) */
    size_t work_cap;
};

/* A worker of ctx: its speller (mutable: a cache of word types and a
 * hunspell handle) and its scratch. */
static depeche_status
pipeline_make(depeche_context *ctx, int owns_context, depeche_pipeline **out,
              depeche_error *err)
{
    depeche_pipeline *p = calloc(1, sizeof *p);
    if (!p)
        return depeche_fail(err, DEPECHE_ERR_NOMEM, DEPECHE_NO_OFFSET,
                            "out of memory");
    p->ctx = depeche_context_take(ctx, owns_context);
    p->owns_context = owns_context;
    p->opts = ctx->opts;
    depeche_status st = DEPECHE_OK;
    if (depeche_extractor_new(&p->extractor))
        st = depeche_fail(err, DEPECHE_ERR_NOMEM, DEPECHE_NO_OFFSET,
                          "out of memory");
    if (!st && !(p->opts.flags & DEPECHE_NO_SPELL)) {
        st = depeche_speller_new(&p->opts, &p->speller, err);
        /* The context checked the list and found the dictionary: what
         * fails now is the dictionary's own files. */
        if (st == DEPECHE_ERR_DICT)
            depeche_error_at(err, DEPECHE_SOURCE_DICTIONARY, p->opts.dict_path);
    }
    if (p->speller)
        depeche_speller_set_suggest(p->speller, p->opts.suggest);
    if (st) {
        depeche_pipeline_free(p);
        return st;
    }
    *out = p;
    return DEPECHE_OK;
}

depeche_status
depeche_pipeline_new_from_context(depeche_context *ctx, depeche_pipeline **out,
                                  depeche_error *err)
{
    if (!ctx || !out)
        return depeche_fail(err, DEPECHE_ERR_INVALID_ARG, DEPECHE_NO_OFFSET,
                            "NULL argument");
    return pipeline_make(ctx, 0, out, err);
}

depeche_status
depeche_pipeline_new(const depeche_options *opts, depeche_pipeline **out,
                     depeche_error *err)
{
    if (!out)
        return depeche_fail(err, DEPECHE_ERR_INVALID_ARG, DEPECHE_NO_OFFSET,
                            "NULL argument");
    depeche_context *ctx = NULL;
    depeche_status st = depeche_context_new(opts, &ctx, err);
    if (!st)
        st = pipeline_make(ctx, 1, out, err);
    depeche_context_free(ctx); /* the pipeline holds its own reference */
    return st;
}

void
depeche_pipeline_free(depeche_pipeline *p)
{
    if (!p)
        return;
    depeche_speller_free(p->speller);
    depeche_extractor_free(p->extractor);
    depeche_buf_free(&p->text);
    depeche_omap_free(&p->map);
    free(p->seg_out);
    block_work_free(p->work, p->work_cap);
    depeche_context_free(p->ctx);
    free(p);
}

/* Bad bytes are found before any stage runs, so that an error names the
 * first one wherever it lies, and under DEPECHE_LOSSY every repair is
 * reported even in text the clean stage drops. */
static depeche_status
check_input(depeche_pipeline *p, depeche_doc *d, depeche_error *err)
{
    const unsigned char *u = (const unsigned char *)d->input;
    size_t len = d->input_len;
    int lossy = p->opts.flags & DEPECHE_LOSSY;
    depeche_status bom = depeche_reject_utf16_32(d->input, len, err);
    if (bom)
        return bom;
    for (size_t i = 0; i < len;) {
        i += depeche_utf8_check_text(d->input + i, len - i);
        if (i >= len)
            break;
        int32_t cp;
        size_t k = depeche_utf8_decode(u + i, len - i, &cp);
        const char *code = cp == 0 ? "DEPECHE-002" : "DEPECHE-001";
        if (!lossy)
            return cp == 0 ? depeche_fail(err, DEPECHE_ERR_BAD_INPUT, i,
                                          "NUL byte (binary data?)")
                           : depeche_fail(err, DEPECHE_ERR_BAD_INPUT, i,
                                          "invalid UTF-8 (byte 0x%02X)", u[i]);
        const char *msg =
            cp == 0 ? "NUL byte removed" : "invalid UTF-8 replaced with U+FFFD";
        depeche_status st = depeche_doc_add_repair(d, code, i, i + k, msg);
        if (st)
            return st;
        if (p->opts.warn_fn)
            p->opts.warn_fn(p->opts.warn_user, code, i, msg);
        i += k;
    }
    return DEPECHE_OK;
}

typedef struct seg_ctx {
    depeche_pipeline *p;
    depeche_doc *d;
    size_t base; /* where the block's text starts in p->text */
    depeche_kind kind;
    size_t paragraph; /* of the segments made so far */
    int para_pending; /* a paragraph break since the last segment */
    depeche_status st;
} seg_ctx;

static int
add_segment(void *user, size_t start, size_t end)
{
    seg_ctx *c = user;
    depeche_pipeline *p = c->p;
    size_t s = c->base + start, e = c->base + end;
    size_t i = c->d->segment_count;
    /* As the segmenter counts them: a break before the first segment, or
     * between two, starts one paragraph. */
    if (c->para_pending && i > 0)
        c->paragraph++;
    c->para_pending = 0;
    c->st = depeche_grow((void **)&p->seg_out, &p->seg_out_cap, i + 1,
                         sizeof *p->seg_out);
    if (!c->st)
        c->st =
            depeche_doc_add_segment(c->d, p->text.data + s, e - s, c->kind,
                                    depeche_omap_start(&p->map, s),
                                    depeche_omap_end(&p->map, e), c->paragraph);
    if (!c->st)
        p->seg_out[i] = s;
    return c->st != DEPECHE_OK;
}

/* FR-SB16 (segment.c): text with no letter or digit, alone in its line,
 * is no segment.  Its block stays as the clean stage made it (so blocks
 * still tile the input); it is reported, with its text. */
static int
drop_segment(void *user, size_t start, size_t end)
{
    seg_ctx *c = user;
    depeche_pipeline *p = c->p;
    if (!p->opts.warn_fn)
        return 0;
    char msg[DEPECHE_DROPPED_MESSAGE_MAX];
    depeche_dropped_message(msg, p->text.data + c->base + start, end - start);
    p->opts.warn_fn(p->opts.warn_user, DEPECHE_DROPPED_CODE,
                    depeche_omap_start(&p->map, c->base + start), msg);
    return 0;
}

/* Blocks are made in windows of this many: the scratch of a window is
 * the extra memory that making blocks apart costs. */
enum { BLOCK_WINDOW = 256 };

typedef struct window_job {
    block_job job;
    block_work *work;
} window_job;

static void
run_block(void *user, size_t i)
{
    window_job *wj = user;
    block_work_run(&wj->job, &wj->work[i]);
}

/* Adds a made block to the document, as if it had been made here: its
 * repairs, its text and offset map, its segments, in that order. */
static depeche_status
add_block(depeche_pipeline *p, seg_ctx *c, block_work *w, depeche_error *err)
{
    depeche_doc *d = c->d;
    depeche_status st = DEPECHE_OK;
    for (size_t k = 0; k < w->repair_count; k++) {
        const block_repair *r = &w->repairs[k];
        const char *code = w->notes.data + r->code;
        const char *msg = w->notes.data + r->message;
        uint64_t start = r->start, end = r->end;
        if (p->html) { /* offsets in the page's decoded text */
            start = depeche_omap_start(&p->html->map, r->start);
            end = end > r->start ? depeche_omap_end(&p->html->map, end) : start;
        }
        if (!st)
            st = depeche_doc_add_repair(d, code, start, end, msg);
        if (p->opts.warn_fn)
            p->opts.warn_fn(p->opts.warn_user, code, start, msg);
    }
    if (w->st) {
        if (err && w->err.status == w->st)
            *err = w->err;
        return w->st;
    }
    if (st)
        return st;
    size_t base = p->text.len;
    st = depeche_buf_put(&p->text, w->text.data, w->text.len);
    if (!st)
        st = depeche_omap_append(&p->map, base, &w->map,
                                 p->html ? &p->html->map : NULL);
    if (st)
        return st;
    c->base = base;
    c->kind = w->block->kind;
    for (size_t k = 0; k < w->span_count && !c->st; k++) {
        const block_span *sp = &w->spans[k];
        (sp->dropped ? drop_segment : add_segment)(c, sp->start, sp->end);
    }
    if (c->st)
        return depeche_fail(err, c->st, DEPECHE_NO_OFFSET, "%s",
                            depeche_strerror(c->st));
    return depeche_buf_putc(&p->text, '\n');
}

/* What block i of d normalizes: its bytes, or for a page the decoded text
 * of its page block. */
static void
set_source(const depeche_pipeline *p, const depeche_doc *d, size_t i,
           block_work *w)
{
    const depeche_block *b = &d->blocks[i];
    w->block = b;
    if (p->html) {
        size_t k = p->html_index[i];
        w->src = depeche_html_block_text(p->html, k);
        w->src_len = p->html->blocks[k].text_len;
        w->src_at = p->html->blocks[k].text;
    } else {
        w->src = d->input + b->start;
        w->src_len = b->end - b->start;
        w->src_at = b->start;
    }
}

/* Normalizes each kept block and splits it into segments.  A title or a
 * dateline is one segment whatever its punctuation, if it has a letter or
 * a digit.  Blocks are made apart (pipeline_blocks.c), on the context's
 * pool when it has one, and added in order on this thread. */
static depeche_status
segment_blocks(depeche_pipeline *p, depeche_doc *d, depeche_error *err)
{
    if (!p->work) {
        p->work = calloc(BLOCK_WINDOW, sizeof *p->work);
        if (!p->work)
            return DEPECHE_ERR_NOMEM;
        p->work_cap = BLOCK_WINDOW;
    }
    window_job wj = {{p->opts.profile, p->opts.flags, p->ctx->abbrevs},
                     p->work};
    seg_ctx c = {p, d, 0, DEPECHE_KIND_BODY, 0, 0, DEPECHE_OK};
    const depeche_block *prev = NULL;
    for (size_t i = 0; i < d->block_count;) {
        size_t n = 0;
        for (; i < d->block_count && n < BLOCK_WINDOW; i++)
            if (depeche_block_is_text(&d->blocks[i]))
                set_source(p, d, i, &p->work[n++]);
        depeche_pool_for(p->ctx->pool, n, run_block, &wj);
        for (size_t k = 0; k < n; k++) {
            const depeche_block *b = p->work[k].block;
            /* Paragraphs as the input's text has them (utf8.h): the lines
             * the clean stage dropped between two kept blocks may hold
             * one. */
            if (prev && (p->html || depeche_has_paragraph_break(
                                        d->input, prev->start, b->start)))
                c.para_pending = 1; /* every block of a page is one */
            prev = b;
            depeche_status st = add_block(p, &c, &p->work[k], err);
            if (st)
                return st;
        }
    }
    return DEPECHE_OK;
}

typedef struct hit_ctx {
    depeche_pipeline *p;
    depeche_doc *d;
    depeche_status st;
} hit_ctx;

static int
add_finding(void *user, const depeche_spell_hit *h)
{
    hit_ctx *c = user;
    const depeche_segment *s = &c->d->segments[h->segment];
    size_t base = c->p->seg_out[h->segment];
    c->st = depeche_doc_add_finding(
        c->d, h->kind, s->text + h->start, h->end - h->start,
        depeche_omap_start(&c->p->map, base + h->start),
        depeche_omap_end(&c->p->map, base + h->end), h->segment, h->suggestions,
        h->suggestion_count);
    return c->st != DEPECHE_OK;
}

static depeche_status
spell_segments(depeche_pipeline *p, depeche_doc *d, depeche_error *err)
{
    if (!p->speller || d->segment_count == 0)
        return DEPECHE_OK;
    depeche_spell_text *texts = malloc(d->segment_count * sizeof *texts);
    if (!texts)
        return DEPECHE_ERR_NOMEM;
    for (size_t i = 0; i < d->segment_count; i++)
        texts[i] = (depeche_spell_text){d->segments[i].text, d->segments[i].len,
                                        d->segments[i].kind};
    hit_ctx c = {p, d, DEPECHE_OK};
    depeche_status st = depeche_speller_check(
        p->speller, texts, d->segment_count, add_finding, &c, err);
    free(texts);
    return c.st ? c.st : st;
}

depeche_status
depeche_pipeline_observe(depeche_pipeline *p, const char *bytes, size_t len,
                         depeche_error *err)
{
    if (!p || (!bytes && len))
        return depeche_fail(err, DEPECHE_ERR_INVALID_ARG, DEPECHE_NO_OFFSET,
                            "NULL argument");
    /* Other workers may read a shared context's statistics. */
    if (!p->owns_context)
        return depeche_fail(err, DEPECHE_ERR_STATE, DEPECHE_NO_OFFSET,
                            "this pipeline shares its context: observe the "
                            "context before making workers");
    return depeche_context_count(p->ctx, bytes, len, err);
}

depeche_status
depeche_process(depeche_pipeline *p, const char *id, const char *bytes,
                size_t len, depeche_doc **out, depeche_error *err)
{
    return depeche_process_part(p, id, bytes, len, 0, 1, out, err);
}

depeche_status
depeche_process_part(depeche_pipeline *p, const char *id, const char *bytes,
                     size_t len, size_t part, int last, depeche_doc **out,
                     depeche_error *err)
{
    if (!p || !out || (!bytes && len))
        return depeche_fail(err, DEPECHE_ERR_INVALID_ARG, DEPECHE_NO_OFFSET,
                            "NULL argument");
    depeche_doc *d = NULL;
    /* The stages fill this one, never the caller's: its status is only
     * read when the library wrote it (the caller's may be uninitialized). */
    depeche_error stage = {.status = DEPECHE_OK,
                           .byte_offset = DEPECHE_NO_OFFSET};
    depeche_status st = depeche_doc_create(id, bytes, len, &d);
    if (!st) {
        d->part = part;
        d->last_part = last;
    }
    depeche_buf_clear(&p->text);
    depeche_omap_clear(&p->map);
    /* The document holds a copy of the input: read that one, which is
     * known to exist (the sniff reads the first bytes). */
    unsigned flags = p->opts.flags;
    int html = !st && ((flags & DEPECHE_INPUT_HTML) ||
                       (!(flags & DEPECHE_INPUT_TEXT) &&
                        depeche_html_sniff(d->input, d->input_len)));
    if (!st && html)
        st = depeche_html_clean_doc(p->extractor, d, flags & DEPECHE_LOSSY,
                                    &p->html, &p->html_index, &stage);
    if (!st && !html)
        st = check_input(p, d, &stage);
    if (!st && !html)
        st = depeche_clean_doc(p->ctx->cleaner, d, &stage);
    if (!st)
        st = segment_blocks(p, d, &stage);
    depeche_html_free(p->html);
    p->html = NULL;
    free(p->html_index);
    p->html_index = NULL;
    if (!st)
        st = spell_segments(p, d, &stage);
    if (!st)
        st = depeche_doc_locate_findings(d);
    if (st) {
        if (stage.status != st) /* a stage failed without saying why */
            depeche_fail(&stage, st, DEPECHE_NO_OFFSET, "%s",
                         depeche_strerror(st));
        if (err)
            *err = stage;
        depeche_doc_free(d);
        return st;
    }
    *out = d;
    return DEPECHE_OK;
}

static void
forward_repair(void *user, const char *code, uint64_t start, uint64_t end,
               const char *message)
{
    const depeche_options *o = user;
    if (o->warn_fn)
        o->warn_fn(o->warn_user, code, start, message);
}

depeche_status
depeche_normalize(const depeche_options *opts, const char *in, size_t len,
                  char **out, size_t *out_len, depeche_error *err)
{
    depeche_options whole;
    if (depeche_options_take(opts, &whole, err))
        return DEPECHE_ERR_INVALID_ARG;
    opts = &whole;
    if (!out || (!in && len))
        return depeche_fail(err, DEPECHE_ERR_INVALID_ARG, DEPECHE_NO_OFFSET,
                            "NULL argument");
    if ((unsigned)opts->profile > DEPECHE_PROFILE_MT)
        return depeche_fail(err, DEPECHE_ERR_INVALID_ARG, DEPECHE_NO_OFFSET,
                            "unknown profile %d", (int)opts->profile);
    if (opts->lang && depeche_lang_check(opts->lang, err)) {
        depeche_error_at(err, DEPECHE_SOURCE_LANG, NULL);
        return DEPECHE_ERR_INVALID_ARG;
    }
    depeche_norm_config cfg = {
        .profile = opts->profile,
        .flags = opts->flags & DEPECHE_LOSSY,
        .repair = forward_repair,
        .repair_user = (void *)opts,
    };
    depeche_buf b = {0};
    depeche_status st = opts->input_offset == 0
                            ? depeche_reject_utf16_32(in, len, err)
                            : DEPECHE_OK;
    if (!st)
        st = depeche_normalize_append(&cfg, in, len, opts->input_offset, &b,
                                      NULL, err);
    if (st) {
        depeche_buf_free(&b);
        return st;
    }
    if (out_len)
        *out_len = b.len;
    *out = depeche_buf_detach(&b);
    return *out ? DEPECHE_OK : DEPECHE_ERR_NOMEM;
}

void
depeche_free(void *ptr)
{
    free(ptr);
}
