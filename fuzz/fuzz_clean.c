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
    fuzz_check_blocks(doc, len);
    fuzz_check_segments(doc);
    depeche_doc_free(doc);
    return 0;
}
