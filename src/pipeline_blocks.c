/* pipeline_blocks.c -- a kept block, normalized and split apart from the
 * others.
 *
 * Normalization and splitting read nothing outside a block, so each block
 * can be made on any thread; what they report is kept in the block's work
 * and told by the pipeline, in input order, on the calling thread. */
#include "pipeline_blocks.h"

#include <stdlib.h>
#include <string.h>

#include "normalize.h"

static void
keep_repair(void *user, const char *code, uint64_t start, uint64_t end,
            const char *message)
{
    block_work *w = user;
    /* Invalid bytes and NULs were reported by the pipeline's input
     * check already. */
    if (w->st || !strcmp(code, "DEPECHE-001") || !strcmp(code, "DEPECHE-002"))
        return;
    size_t c = w->notes.len;
    if (depeche_grow((void **)&w->repairs, &w->repair_cap, w->repair_count + 1,
                     sizeof *w->repairs) ||
        depeche_buf_put(&w->notes, code, strlen(code) + 1) ||
        depeche_buf_put(&w->notes, message, strlen(message) + 1)) {
        w->st = DEPECHE_ERR_NOMEM;
        return;
    }
    w->repairs[w->repair_count++] =
        (block_repair){start, end, c, c + strlen(code) + 1};
}

static int
push_span(block_work *w, size_t start, size_t end, int dropped)
{
    if (depeche_grow((void **)&w->spans, &w->span_cap, w->span_count + 1,
                     sizeof *w->spans))
        return 1;
    w->spans[w->span_count++] = (block_span){start, end, dropped};
    return 0;
}

static int
keep_sentence(void *user, size_t start, size_t end)
{
    return push_span(user, start, end, 0);
}

static int
keep_dropped(void *user, size_t start, size_t end)
{
    return push_span(user, start, end, 1);
}

static void
work_clear(block_work *w)
{
    depeche_buf_clear(&w->text);
    depeche_omap_clear(&w->map);
    depeche_buf_clear(&w->notes);
    w->repair_count = w->span_count = 0;
    w->st = DEPECHE_OK;
    w->err = (depeche_error){.byte_offset = DEPECHE_NO_OFFSET};
}

void
block_work_run(const block_job *job, block_work *w)
{
    work_clear(w);
    const depeche_block *b = w->block;
    depeche_norm_config cfg = {
        .profile = job->profile,
        .flags = job->flags & DEPECHE_LOSSY,
        .repair = keep_repair,
        .repair_user = w,
    };
    depeche_status st = depeche_normalize_append(
        &cfg, w->src, w->src_len, w->src_at, &w->text, &w->map, &w->err);
    if (st || w->st) {
        w->st = st ? st : w->st;
        return;
    }
    /* The block's line break is not part of its text. */
    size_t end = w->text.len;
    while (end > 0 && w->text.data[end - 1] == '\n')
        end--;
    w->text_end = end;
    if (b->kind == DEPECHE_KIND_BODY)
        st = depeche_split_line(job->abbrevs, w->text.data, end, keep_sentence,
                                keep_dropped, w);
    else if (depeche_has_word_char(w->text.data, end))
        st = push_span(w, 0, end, 0) ? DEPECHE_ERR_NOMEM : DEPECHE_OK;
    else if (end > 0)
        st = push_span(w, 0, end, 1) ? DEPECHE_ERR_NOMEM : DEPECHE_OK;
    if (st == DEPECHE_ERR_ABORTED) /* only a failed push stops a split */
        st = DEPECHE_ERR_NOMEM;
    w->st = st;
}

void
block_work_free(block_work *w, size_t n)
{
    for (size_t i = 0; w && i < n; i++) {
        depeche_buf_free(&w[i].text);
        depeche_omap_free(&w[i].map);
        depeche_buf_free(&w[i].notes);
        free(w[i].repairs);
        free(w[i].spans);
    }
    free(w);
}
