/* doc.h -- the document object the pipeline fills and exporters read. */
#pragma once

#include "buf.h"
#include "depeche.h"

struct depeche_doc {
    char *id;
    char *input; /* a copy of the original bytes */
    size_t input_len;
    depeche_block *blocks;
    size_t block_count, block_cap;
    depeche_segment *segments;
    size_t segment_count, segment_cap;
    depeche_finding *findings;
    size_t finding_count, finding_cap;
    depeche_repair *repairs;
    size_t repair_count, repair_cap;
    depeche_meta meta;
    uint64_t *line_starts; /* byte offset of each line's first byte */
    size_t line_count;
    depeche_arena arena; /* every string the doc hands out */
    /* HTML input: the decoded text of each kept block (in the arena), NULL
     * for the others; NULL for text input. */
    const char **block_texts;
    size_t *block_text_lens;
    /* A part of a longer document (corpus.c): which, whether the last, and
     * where it starts in the whole.  Once rebased (depeche_doc_rebase),
     * offsets, lines and paragraphs count from the whole document's start
     * while `input` holds the part's bytes only. */
    size_t part;
    int last_part;
    uint64_t input_base;
    size_t line_base, segment_base;
};

/* Whether d is one part of a document processed in several. */
static inline int
depeche_doc_is_part(const depeche_doc *d)
{
    return d->part > 0 || !d->last_part;
}

/* Where a part starts in its whole document: bytes, code points, lines
 * (line breaks before it), and the paragraphs and segments of the parts
 * before it. */
typedef struct depeche_doc_base {
    uint64_t bytes, cps;
    size_t lines, paragraphs, segments;
} depeche_doc_base;

/* Makes every offset, line and paragraph of d count from the whole
 * document's start.  Once only, after the stages ran. */
void depeche_doc_rebase(depeche_doc *d, const depeche_doc_base *b);

/* A new empty document holding a copy of the input. */
depeche_status depeche_doc_create(const char *id, const char *bytes, size_t len,
                                  depeche_doc **out);
depeche_status depeche_doc_add_block(depeche_doc *d, depeche_block b);
depeche_status depeche_doc_add_repair(depeche_doc *d, const char *code,
                                      uint64_t start, uint64_t end,
                                      const char *message);
/* Copies `text` into the doc's arena and appends a segment. */
depeche_status depeche_doc_add_segment(depeche_doc *d, const char *text,
                                       size_t len, depeche_kind kind,
                                       uint64_t start, uint64_t end,
                                       size_t paragraph);
/* Copies word and suggestions; line and column are filled later by
 * depeche_doc_locate_findings (one pass over the input for all of them).
 * Findings come in segment order, for existing segments (INVALID_ARG
 * otherwise), so each segment's findings are one run. */
depeche_status depeche_doc_add_finding(
    depeche_doc *d, depeche_finding_kind kind, const char *word,
    size_t word_len, uint64_t start, uint64_t end, size_t segment,
    const char *const *suggestions, size_t suggestion_count);
/* Indexes line starts, then fills each finding's line:column, and the
 * code-point offsets of segments and findings (depeche_doc_locate_cps). */
depeche_status depeche_doc_locate_findings(depeche_doc *d);
/* Fills cp_start and cp_end of every segment and finding (offsets.c): one
 * pass over the input when they come in input order. */
void depeche_doc_locate_cps(depeche_doc *d);
