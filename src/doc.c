/* doc.c -- document storage and accessors. */
#include "doc.h"

#include <stdlib.h>
#include <string.h>

#include "utf8.h"

depeche_status
depeche_doc_create(const char *id, const char *bytes, size_t len,
                   depeche_doc **out)
{
    depeche_doc *d = calloc(1, sizeof *d);
    if (!d)
        return DEPECHE_ERR_NOMEM;
    d->id = strdup(id ? id : "-");
    d->last_part = 1;
    d->input = malloc(len ? len : 1);
    if (!d->id || !d->input) {
        depeche_doc_free(d);
        return DEPECHE_ERR_NOMEM;
    }
    if (len)
        memcpy(d->input, bytes, len);
    d->input_len = len;
    *out = d;
    return DEPECHE_OK;
}

depeche_status
depeche_doc_add_block(depeche_doc *d, depeche_block b)
{
    depeche_status st = depeche_grow((void **)&d->blocks, &d->block_cap,
                                     d->block_count + 1, sizeof b);
    if (st)
        return st;
    d->blocks[d->block_count++] = b;
    return DEPECHE_OK;
}

depeche_status
depeche_doc_add_repair(depeche_doc *d, const char *code, uint64_t start,
                       uint64_t end, const char *message)
{
    depeche_status st = depeche_grow((void **)&d->repairs, &d->repair_cap,
                                     d->repair_count + 1, sizeof *d->repairs);
    if (st)
        return st;
    char *m = depeche_arena_strndup(&d->arena, message, strlen(message));
    if (!m)
        return DEPECHE_ERR_NOMEM;
    d->repairs[d->repair_count++] = (depeche_repair){code, start, end, m};
    return DEPECHE_OK;
}

depeche_status
depeche_doc_add_segment(depeche_doc *d, const char *text, size_t len,
                        depeche_kind kind, uint64_t start, uint64_t end,
                        size_t paragraph)
{
    depeche_status st = depeche_grow((void **)&d->segments, &d->segment_cap,
                                     d->segment_count + 1, sizeof *d->segments);
    if (st)
        return st;
    char *t = depeche_arena_strndup(&d->arena, text, len);
    if (!t)
        return DEPECHE_ERR_NOMEM;
    d->segments[d->segment_count++] = (depeche_segment){
        .text = t,
        .len = len,
        .kind = kind,
        .start = start,
        .end = end,
        .paragraph = paragraph,
        .first_finding = d->finding_count,
    };
    return DEPECHE_OK;
}

depeche_status
depeche_doc_add_finding(depeche_doc *d, depeche_finding_kind kind,
                        const char *word, size_t word_len, uint64_t start,
                        uint64_t end, size_t segment,
                        const char *const *suggestions, size_t suggestion_count)
{
    /* A segment's findings are one run from its first_finding: they must
     * come in segment order, each for a segment that exists. */
    if (segment >= d->segment_count ||
        (d->finding_count &&
         d->findings[d->finding_count - 1].segment > segment))
        return DEPECHE_ERR_INVALID_ARG;
    depeche_status st = depeche_grow((void **)&d->findings, &d->finding_cap,
                                     d->finding_count + 1, sizeof *d->findings);
    if (st)
        return st;
    char *w = depeche_arena_strndup(&d->arena, word, word_len);
    const char **sugg = NULL;
    if (suggestion_count) {
        sugg = depeche_arena_alloc(&d->arena, suggestion_count * sizeof *sugg);
        if (!sugg)
            return DEPECHE_ERR_NOMEM;
        for (size_t i = 0; i < suggestion_count; i++) {
            sugg[i] = depeche_arena_strndup(&d->arena, suggestions[i],
                                            strlen(suggestions[i]));
            if (!sugg[i])
                return DEPECHE_ERR_NOMEM;
        }
    }
    if (!w)
        return DEPECHE_ERR_NOMEM;
    if (d->segments[segment].finding_count == 0)
        d->segments[segment].first_finding = d->finding_count;
    d->findings[d->finding_count++] = (depeche_finding){
        .kind = kind,
        .word = w,
        .start = start,
        .end = end,
        .segment = segment,
        .suggestions = sugg,
        .suggestion_count = suggestion_count,
    };
    d->segments[segment].finding_count++;
    return DEPECHE_OK;
}

static depeche_status
index_lines(depeche_doc *d)
{
    if (d->line_starts)
        return DEPECHE_OK;
    size_t cap = 0, n = 0;
    depeche_status st =
        depeche_grow((void **)&d->line_starts, &cap, 1, sizeof *d->line_starts);
    if (st)
        return st;
    d->line_starts[n++] = 0;
    /* Lines as every stage reads them (utf8.h), so that spell's line
     * numbers count the lines segment and prep see. */
    depeche_break_scan scan = {0};
    for (size_t i = 0;;) {
        size_t brk;
        i = depeche_next_line_break(d->input, d->input_len, i, &scan, &brk);
        if (!brk)
            break;
        i += brk;
        st = depeche_grow((void **)&d->line_starts, &cap, n + 1,
                          sizeof *d->line_starts);
        if (st)
            return st;
        d->line_starts[n++] = i;
    }
    d->line_count = n;
    return DEPECHE_OK;
}

static size_t
line_of(const depeche_doc *d, uint64_t offset)
{
    size_t lo = 0, hi = d->line_count;
    while (lo < hi) {
        size_t mid = lo + (hi - lo) / 2;
        if (d->line_starts[mid] <= offset)
            lo = mid + 1;
        else
            hi = mid;
    }
    return lo ? lo - 1 : 0;
}

depeche_status
depeche_doc_locate_findings(depeche_doc *d)
{
    depeche_status st = index_lines(d);
    if (st)
        return st;
    depeche_doc_locate_cps(d);
    /* Findings come in input order, so one walk counts every column:
     * linear even on a 50 MB single line. */
    uint64_t pos = 0;
    uint32_t col = 1;
    size_t line = SIZE_MAX;
    for (size_t i = 0; i < d->finding_count; i++) {
        depeche_finding *f = &d->findings[i];
        size_t l = line_of(d, f->start);
        if (l != line || f->start < pos) {
            line = l;
            pos = d->line_starts[l];
            col = 1;
        }
        col += depeche_utf8_count(d->input + pos, f->start - pos);
        pos = f->start;
        f->line = (uint32_t)(l + 1);
        f->column = col;
    }
    return DEPECHE_OK;
}

const char *
depeche_doc_id(const depeche_doc *d)
{
    return d->id;
}

uint64_t
depeche_doc_input_size(const depeche_doc *d)
{
    return d->input_len;
}

const char *
depeche_doc_input(const depeche_doc *d)
{
    return d->input;
}

uint64_t
depeche_doc_input_offset(const depeche_doc *d)
{
    return d->input_base;
}

size_t
depeche_doc_part(const depeche_doc *d, int *last)
{
    if (last)
        *last = d->last_part;
    return d->part;
}

void
depeche_doc_rebase(depeche_doc *d, const depeche_doc_base *b)
{
    d->input_base = b->bytes;
    d->line_base = b->lines;
    d->segment_base = b->segments;
    for (size_t i = 0; i < d->block_count; i++) {
        d->blocks[i].start += b->bytes;
        d->blocks[i].end += b->bytes;
    }
    for (size_t i = 0; i < d->segment_count; i++) {
        depeche_segment *s = &d->segments[i];
        s->start += b->bytes;
        s->end += b->bytes;
        s->cp_start += b->cps;
        s->cp_end += b->cps;
        s->paragraph += b->paragraphs;
    }
    for (size_t i = 0; i < d->finding_count; i++) {
        depeche_finding *f = &d->findings[i];
        f->start += b->bytes;
        f->end += b->bytes;
        f->cp_start += b->cps;
        f->cp_end += b->cps;
        f->line += (uint32_t)b->lines;
    }
    for (size_t i = 0; i < d->repair_count; i++) {
        d->repairs[i].start += b->bytes;
        d->repairs[i].end += b->bytes;
    }
}

size_t
depeche_doc_segment_count(const depeche_doc *d)
{
    return d->segment_count;
}

const depeche_segment *
depeche_doc_segment(const depeche_doc *d, size_t i)
{
    return i < d->segment_count ? &d->segments[i] : NULL;
}

size_t
depeche_doc_block_count(const depeche_doc *d)
{
    return d->block_count;
}

const depeche_block *
depeche_doc_block(const depeche_doc *d, size_t i)
{
    return i < d->block_count ? &d->blocks[i] : NULL;
}

size_t
depeche_doc_finding_count(const depeche_doc *d)
{
    return d->finding_count;
}

const depeche_finding *
depeche_doc_finding(const depeche_doc *d, size_t i)
{
    return i < d->finding_count ? &d->findings[i] : NULL;
}

size_t
depeche_doc_repair_count(const depeche_doc *d)
{
    return d->repair_count;
}

const depeche_repair *
depeche_doc_repair(const depeche_doc *d, size_t i)
{
    return i < d->repair_count ? &d->repairs[i] : NULL;
}

const depeche_meta *
depeche_doc_meta(const depeche_doc *d)
{
    return &d->meta;
}

void
depeche_doc_line_col(const depeche_doc *d, uint64_t offset, uint32_t *line,
                     uint32_t *column)
{
    /* The pipeline indexes lines before handing the doc out, so this
     * reader never writes: docs stay safe to share between threads. */
    if (!d->line_starts) {
        *line = *column = 0;
        return;
    }
    offset = offset > d->input_base ? offset - d->input_base : 0;
    if (offset > d->input_len)
        offset = d->input_len;
    size_t l = line_of(d, offset);
    *line = (uint32_t)(d->line_base + l + 1);
    *column = 1 + depeche_utf8_count(d->input + d->line_starts[l],
                                     offset - d->line_starts[l]);
}

void
depeche_doc_free(depeche_doc *d)
{
    if (!d)
        return;
    free(d->id);
    free(d->input);
    free(d->blocks);
    free(d->segments);
    free(d->findings);
    free(d->repairs);
    free(d->line_starts);
    free(d->block_texts);
    free(d->block_text_lens);
    depeche_arena_free(&d->arena);
    free(d);
}

const char *
depeche_doc_block_text(const depeche_doc *d, size_t i, size_t *len)
{
    if (!d || !d->block_texts || i >= d->block_count || !d->block_texts[i])
        return NULL;
    if (len)
        *len = d->block_text_lens[i];
    return d->block_texts[i];
}
