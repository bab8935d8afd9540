/* pipeline_blocks.h -- one kept block normalized and split on its own
 * (pipeline_blocks.c), so that the blocks of a document can be made on
 * several threads and then added to it in order. */
#pragma once

#include "buf.h"
#include "depeche.h"
#include "omap.h"
#include "segment.h"

/* A repair normalization reported, kept to be told on the calling thread
 * in input order. */
typedef struct block_repair {
    uint64_t start, end;
    size_t code, message; /* offsets of NUL-terminated strings in `notes` */
} block_repair;

/* A sentence (or, dropped, a span without a letter or digit: FR-SB16) as
 * a byte range of the block's text. */
typedef struct block_span {
    size_t start, end;
    int dropped;
} block_span;

typedef struct block_work {
    const depeche_block *block;
    /* The text to normalize and where it starts: the block's bytes in
     * the input, or an HTML page block's decoded text (offsets then in
     * the page's decoded text). */
    const char *src;
    size_t src_len;
    uint64_t src_at;
    depeche_buf text; /* the normalized block, its line break included */
    depeche_omap map; /* output offsets from 0, input offsets absolute */
    size_t text_end;  /* where its text ends, line break left out */
    block_repair *repairs;
    size_t repair_count, repair_cap;
    depeche_buf notes; /* the repairs' strings */
    block_span *spans;
    size_t span_count, span_cap;
    depeche_status st; /* DEPECHE_OK, or why it stopped: see err */
    depeche_error err;
} block_work;

/* What every block of a document reads: the same for all threads. */
typedef struct block_job {
    depeche_profile profile;
    unsigned flags; /* DEPECHE_LOSSY */
    const depeche_abbrevs *abbrevs;
} block_job;

/* Normalizes w->src and splits the text: a body block into
 * sentences, a title or a dateline into one segment when it holds a
 * letter or a digit (dropped otherwise).  w is emptied first; its
 * buffers are reused. */
void block_work_run(const block_job *job, block_work *w);

/* Frees the buffers of n works, and the array. */
void block_work_free(block_work *w, size_t n);
