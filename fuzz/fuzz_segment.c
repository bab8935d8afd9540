/* fuzz_segment.c -- the streaming segmenter cut anywhere says the same.
 *
 * Input: one flags byte (bit 0: DEPECHE_LOSSY), one byte giving the number
 * of cuts (at most 15), that many cut lengths (one byte each), then the
 * text.  The text is fed once whole and once in pieces of those lengths
 * (the last piece takes the rest); the sentences (text, offsets,
 * paragraph) and the final status must be identical.  Each sentence also
 * lies inside the stream, after the one before. */
#include <stdlib.h>
#include <string.h>

#include "check.h"
#include "depeche.h"

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size);

enum { MAX_CUTS = 15 };

/* Every sentence as one record: offsets, paragraph, then the text. */
typedef struct transcript {
    fuzz_buf bytes;
    uint64_t last_end;
    int disorder;
} transcript;

static int
record(void *user, const depeche_sentence *s)
{
    transcript *t = user;
    if (s->start > s->end || s->start < t->last_end)
        t->disorder = 1;
    t->last_end = s->end;
    uint64_t head[3] = {s->start, s->end, s->paragraph};
    uint64_t len = s->len;
    if (fuzz_buf_sink(&t->bytes, (const char *)head, sizeof head) ||
        fuzz_buf_sink(&t->bytes, (const char *)&len, sizeof len) ||
        fuzz_buf_sink(&t->bytes, s->text, s->len))
        return 1;
    return 0;
}

/* Feeds text in pieces (cuts[i] bytes each, then the rest) and returns the
 * first failing status, or the status of finish. */
static depeche_status
run(const depeche_options *opts, const char *text, size_t len,
    const uint8_t *cuts, size_t ncuts, transcript *t)
{
    depeche_segmenter *s = NULL;
    depeche_error err;
    depeche_status st = depeche_segmenter_new(opts, record, t, &s, &err);
    FUZZ_REQUIRE(st == DEPECHE_OK, "segmenter_new");
    size_t at = 0;
    for (size_t i = 0; i < ncuts && st == DEPECHE_OK; i++) {
        size_t n = cuts[i] < len - at ? cuts[i] : len - at;
        st = depeche_segmenter_feed(s, text + at, n, &err);
        at += n;
    }
    if (st == DEPECHE_OK && at < len)
        st = depeche_segmenter_feed(s, text + at, len - at, &err);
    if (st == DEPECHE_OK)
        st = depeche_segmenter_finish(s, &err);
    depeche_segmenter_free(s);
    return st;
}

int
LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
    if (size < 2)
        return 0;
    depeche_options opts;
    depeche_options_init(&opts);
    opts.flags = (data[0] & 1) ? DEPECHE_LOSSY : 0;
    size_t ncuts = data[1] % (MAX_CUTS + 1);
    if (size < 2 + ncuts)
        return 0;
    const uint8_t *cuts = data + 2;
    const char *text = (const char *)data + 2 + ncuts;
    size_t len = size - 2 - ncuts;

    transcript whole = {0}, pieces = {0};
    depeche_status st_whole = run(&opts, text, len, NULL, 0, &whole);
    depeche_status st_pieces = run(&opts, text, len, cuts, ncuts, &pieces);
    FUZZ_REQUIRE(st_whole == st_pieces, "same status whole and in pieces");
    FUZZ_REQUIRE(!whole.disorder, "sentences in order, inside the stream");
    FUZZ_REQUIRE(whole.last_end <= len, "sentences end inside the stream");
    if (st_whole == DEPECHE_OK)
        FUZZ_REQUIRE(whole.bytes.len == pieces.bytes.len &&
                         (whole.bytes.len == 0 ||
                          memcmp(whole.bytes.data, pieces.bytes.data,
                                 whole.bytes.len) == 0),
                     "same sentences whole and in pieces");
    fuzz_buf_free(&whole.bytes);
    fuzz_buf_free(&pieces.bytes);
    return 0;
}
