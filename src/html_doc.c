/* html_doc.c -- an HTML page as the pipeline's document (html_doc.h). */
#include "html_doc.h"

#include <stdlib.h>
#include <string.h>

typedef struct tiler {
    depeche_doc *d;
    size_t *index;
    size_t index_cap;
    uint64_t pos; /* where the tiled part of the page ends */
} tiler;

static depeche_status
add(tiler *t, depeche_kind kind, depeche_reason reason, uint64_t end,
    size_t page_block)
{
    depeche_doc *d = t->d;
    if (end <= t->pos)
        return DEPECHE_OK;
    /* Neighbouring drops for one reason are one block. */
    if (reason && d->block_count) {
        depeche_block *last = &d->blocks[d->block_count - 1];
        if (last->reason == reason && last->kind == kind) {
            last->end = end;
            t->pos = end;
            return DEPECHE_OK;
        }
    }
    depeche_status st = depeche_grow((void **)&t->index, &t->index_cap,
                                     d->block_count + 1, sizeof *t->index);
    if (!st)
        st = depeche_doc_add_block(d,
                                   (depeche_block){kind, reason, t->pos, end});
    if (st)
        return st;
    t->index[d->block_count - 1] = page_block;
    t->pos = end;
    return DEPECHE_OK;
}

static void
verdict_kind(uint8_t v, depeche_kind *kind, depeche_reason *reason)
{
    static const depeche_reason reasons[] = {
        [VERDICT_BODY] = DEPECHE_REASON_NONE,
        [VERDICT_TITLE] = DEPECHE_REASON_NONE,
        [VERDICT_HIDDEN] = DEPECHE_REASON_HIDDEN,
        [VERDICT_NAVIGATION] = DEPECHE_REASON_NAVIGATION,
        [VERDICT_FORM] = DEPECHE_REASON_FORM,
        [VERDICT_BOILERPLATE] = DEPECHE_REASON_BOILERPLATE,
        [VERDICT_OUTSIDE] = DEPECHE_REASON_OUTSIDE,
        [VERDICT_CAPTION] = DEPECHE_REASON_CAPTION,
        [VERDICT_CODE] = DEPECHE_REASON_CODE,
    };
    *reason = v < sizeof reasons / sizeof *reasons ? reasons[v]
                                                   : DEPECHE_REASON_OUTSIDE;
    *kind = v == VERDICT_TITLE  ? DEPECHE_KIND_TITLE
            : v == VERDICT_BODY ? DEPECHE_KIND_BODY
            : v == VERDICT_CODE ? DEPECHE_KIND_JUNK
                                : DEPECHE_KIND_BOILERPLATE;
}

/* Blocks of text and spans of code in page order, markup between them. */
static depeche_status
tile(tiler *t, const depeche_html *h, const uint8_t *verdict)
{
    size_t s = 0;
    depeche_status st = DEPECHE_OK;
    for (size_t i = 0; i <= h->block_count && !st; i++) {
        uint64_t start =
            i < h->block_count ? h->blocks[i].start : t->d->input_len;
        for (; s < h->span_count && h->spans[s].start < start && !st; s++) {
            st = add(t, DEPECHE_KIND_JUNK, DEPECHE_REASON_MARKUP,
                     h->spans[s].start, SIZE_MAX);
            if (!st)
                st = add(t, DEPECHE_KIND_JUNK, DEPECHE_REASON_CODE,
                         h->spans[s].end, SIZE_MAX);
        }
        if (!st)
            st = add(t, DEPECHE_KIND_JUNK, DEPECHE_REASON_MARKUP, start,
                     SIZE_MAX);
        if (st || i == h->block_count)
            break;
        depeche_kind kind;
        depeche_reason reason;
        verdict_kind(verdict[i], &kind, &reason);
        st = add(t, kind, reason, h->blocks[i].end, i);
    }
    return st;
}

static const char *
arena_copy(depeche_doc *d, const char *s)
{
    return s ? depeche_arena_strndup(&d->arena, s, strlen(s)) : NULL;
}

static depeche_status
fill_texts(depeche_doc *d, const depeche_html *h, const size_t *index)
{
    d->block_texts = calloc(d->block_count + 1, sizeof *d->block_texts);
    d->block_text_lens = calloc(d->block_count + 1, sizeof *d->block_text_lens);
    if (!d->block_texts || !d->block_text_lens)
        return DEPECHE_ERR_NOMEM;
    for (size_t i = 0; i < d->block_count; i++) {
        if (index[i] == SIZE_MAX || d->blocks[i].reason)
            continue;
        const depeche_html_block *b = &h->blocks[index[i]];
        d->block_texts[i] = depeche_arena_strndup(
            &d->arena, depeche_html_block_text(h, index[i]), b->text_len);
        d->block_text_lens[i] = b->text_len;
        if (!d->block_texts[i])
            return DEPECHE_ERR_NOMEM;
    }
    d->meta.title = arena_copy(d, h->meta.clean_title);
    d->meta.published = arena_copy(d, h->meta.published);
    d->meta.source = arena_copy(d, h->meta.site_name);
    if (h->charset_fallback)
        return depeche_doc_add_repair(d, "DEPECHE-020", 0, 0,
                                      "page read as Windows-1252: it is not "
                                      "valid UTF-8 and declares no other "
                                      "charset");
    return DEPECHE_OK;
}

depeche_status
depeche_html_clean_doc(const depeche_extractor *x, depeche_doc *d, int lossy,
                       depeche_html **out, size_t **index, depeche_error *err)
{
    depeche_html *h = NULL;
    depeche_status st = depeche_html_read(d->input, d->input_len, lossy,
                                          depeche_extractor_names(x), &h, err);
    if (st)
        return st;
    uint8_t *verdict = calloc(h->block_count + 1, 1);
    tiler t = {d, NULL, 0, 0};
    st = verdict ? depeche_extract(x, h, verdict) : DEPECHE_ERR_NOMEM;
    if (!st)
        st = tile(&t, h, verdict);
    if (!st)
        st = fill_texts(d, h, t.index);
    free(verdict);
    if (st) {
        free(t.index);
        depeche_html_free(h);
        return depeche_fail(err, st, DEPECHE_NO_OFFSET, "%s",
                            depeche_strerror(st));
    }
    *out = h;
    *index = t.index;
    return DEPECHE_OK;
}
