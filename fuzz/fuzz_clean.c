/* fuzz_clean.c -- the clean stage's blocks tile the input.
 *
 * The first input byte picks the profile; the rest is one document, run
 * through the pipeline without the spell stage, read with DEPECHE_LOSSY.
 * The blocks must tile [0, len): the first starts at 0, each starts where
 * the one before ends, the last ends at len, none is empty (unless the
 * input is).  Segments lie inside the input, in order, each inside a kept
 * block, with text of the length they say, with no LF and valid UTF-8. */
#include <string.h>

#include "check.h"
#include "depeche.h"

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size);

enum { PROFILES = 3 };

static depeche_pipeline *pipelines[PROFILES];

static void
check_blocks(const depeche_doc *doc, uint64_t len)
{
    size_t n = depeche_doc_block_count(doc);
    uint64_t at = 0;
    for (size_t i = 0; i < n; i++) {
        const depeche_block *b = depeche_doc_block(doc, i);
        FUZZ_REQUIRE(b->start == at, "a block starts where the last ended");
        FUZZ_REQUIRE(b->end > b->start, "no empty block");
        FUZZ_REQUIRE(!depeche_block_is_text(b) ||
                         b->reason == DEPECHE_REASON_NONE,
                     "a text block is a kept block");
        at = b->end;
    }
    FUZZ_REQUIRE(at == len, "the blocks end at the input's end");
}

/* 1 when [start, end) lies inside a kept text block. */
static int
inside_text_block(const depeche_doc *doc, uint64_t start, uint64_t end)
{
    for (size_t i = 0; i < depeche_doc_block_count(doc); i++) {
        const depeche_block *b = depeche_doc_block(doc, i);
        if (b->start <= start && end <= b->end)
            return depeche_block_is_text(b);
    }
    return 0;
}

static void
check_segments(const depeche_doc *doc)
{
    uint64_t last_end = 0;
    size_t last_para = 0;
    for (size_t i = 0; i < depeche_doc_segment_count(doc); i++) {
        const depeche_segment *s = depeche_doc_segment(doc, i);
        FUZZ_REQUIRE(s->start < s->end, "a segment covers input");
        FUZZ_REQUIRE(s->start >= last_end, "segments in order");
        FUZZ_REQUIRE(s->paragraph >= last_para, "paragraphs in order");
        FUZZ_REQUIRE(inside_text_block(doc, s->start, s->end),
                     "a segment lies in a kept text block");
        FUZZ_REQUIRE(strlen(s->text) == s->len, "text length");
        FUZZ_REQUIRE(memchr(s->text, '\n', s->len) == NULL, "no LF inside");
        FUZZ_REQUIRE(fuzz_utf8_valid(s->text, s->len), "text is UTF-8");
        last_end = s->end;
        last_para = s->paragraph;
    }
}

int
LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
    if (size < 1)
        return 0;
    int profile = data[0] % PROFILES;
    if (!pipelines[profile]) {
        depeche_options opts;
        depeche_options_init(&opts);
        opts.profile = (depeche_profile)profile;
        opts.flags = DEPECHE_LOSSY | DEPECHE_NO_SPELL;
        depeche_error err;
        FUZZ_REQUIRE(depeche_pipeline_new(&opts, &pipelines[profile], &err) ==
                         DEPECHE_OK,
                     "pipeline_new");
    }
    const char *in = (const char *)data + 1;
    size_t len = size - 1;
    depeche_doc *doc = NULL;
    depeche_error err;
    depeche_status st =
        depeche_process(pipelines[profile], "fuzz", in, len, &doc, &err);
    FUZZ_REQUIRE(st == DEPECHE_OK || st == DEPECHE_ERR_LIMIT ||
                     (st == DEPECHE_ERR_BAD_INPUT && err.byte_offset == 0),
                 "lossy process accepts any input but UTF-16/32");
    if (st != DEPECHE_OK)
        return 0;
    FUZZ_REQUIRE(depeche_doc_input_size(doc) == len, "input size");
    FUZZ_REQUIRE(len == 0 || memcmp(depeche_doc_input(doc), in, len) == 0,
                 "the document keeps the input");
    check_blocks(doc, len);
    check_segments(doc);
    depeche_doc_free(doc);
    return 0;
}
