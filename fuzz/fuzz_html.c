/* fuzz_html.c -- an HTML page, read and cleaned, never loses a byte.
 *
 * The first input byte picks strict or lossy reading; the rest is a page.
 * Two layers are checked on the same bytes:
 *  - the reader (depeche_html_read) and the extractor: blocks lie inside
 *    the page, in order, their decoded text inside the reader's text
 *    buffer, valid UTF-8, its offset map pointing inside the block's bytes;
 *    spans inside the page; every block gets a verdict, and some block is
 *    kept when a shown one (not hidden, in no form...) holds a letter or
 *    a digit;
 *  - the pipeline with DEPECHE_INPUT_HTML: its blocks tile the page, the
 *    decoded text of a kept block is valid UTF-8, segments lie in kept
 *    blocks. */
#include <stdlib.h>
#include <string.h>

#include "check.h"
#include "depeche.h"
#include "src/extract.h"
#include "src/html.h"

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size);

/* Blocks the extractor drops wherever they are: their text is no reason
 * to keep anything. */
enum {
    NOT_SHOWN = HTML_IN_HIDDEN | HTML_IN_CODE | HTML_IN_FORM | HTML_IN_DIALOG |
                HTML_IN_HEAD
};

static depeche_extractor *extractor;
static depeche_pipeline *pipelines[2]; /* strict, lossy */

static int
has_alnum(const char *s, size_t n)
{
    for (size_t i = 0; i < n; i++) {
        unsigned char c = (unsigned char)s[i];
        if ((c >= '0' && c <= '9') || ((c | 0x20) >= 'a' && (c | 0x20) <= 'z'))
            return 1;
    }
    return 0;
}

static void
check_page_blocks(const depeche_html *h, uint64_t len)
{
    uint64_t last_end = 0;
    for (size_t i = 0; i < h->block_count; i++) {
        const depeche_html_block *b = &h->blocks[i];
        FUZZ_REQUIRE(b->start < b->end && b->end <= len,
                     "a page block lies inside the page");
        FUZZ_REQUIRE(b->start >= last_end, "page blocks in order");
        FUZZ_REQUIRE(b->text + b->text_len <= h->text.len,
                     "a block's text lies in the text buffer");
        FUZZ_REQUIRE(
            fuzz_utf8_valid(depeche_html_block_text(h, i), b->text_len),
            "a block's text is UTF-8");
        FUZZ_REQUIRE(b->link_chars <= b->chars, "link text inside the text");
        FUZZ_REQUIRE(b->node == UINT32_MAX || b->node < h->node_count,
                     "a block's element exists");
        if (b->text_len) {
            uint64_t s = depeche_omap_start(&h->map, b->text);
            uint64_t e = depeche_omap_end(&h->map, b->text + b->text_len);
            FUZZ_REQUIRE(b->start <= s && s < e && e <= b->end,
                         "a block's text maps into its bytes");
        }
        last_end = b->end;
    }
    for (size_t i = 0; i < h->span_count; i++)
        FUZZ_REQUIRE(h->spans[i].start < h->spans[i].end &&
                         h->spans[i].end <= len,
                     "a span lies inside the page");
}

static void
check_verdicts(const depeche_html *h)
{
    uint8_t *verdict = calloc(h->block_count + 1, 1);
    FUZZ_REQUIRE(verdict, "calloc");
    FUZZ_REQUIRE(depeche_extract(extractor, h, verdict) == DEPECHE_OK,
                 "extract");
    int kept = 0, worth = 0;
    for (size_t i = 0; i < h->block_count; i++) {
        FUZZ_REQUIRE(verdict[i] <= VERDICT_CODE, "a known verdict");
        kept |= verdict[i] == VERDICT_BODY || verdict[i] == VERDICT_TITLE;
        worth |=
            !(h->blocks[i].flags & NOT_SHOWN) &&
            has_alnum(depeche_html_block_text(h, i), h->blocks[i].text_len);
    }
    FUZZ_REQUIRE(kept || !worth, "some block kept when one has text");
    free(verdict);
}

static void
check_reader(const char *in, size_t len, int lossy)
{
    depeche_html *h = NULL;
    depeche_error err;
    depeche_status st = depeche_html_read(
        in, len, lossy, depeche_extractor_names(extractor), &h, &err);
    FUZZ_REQUIRE(st == DEPECHE_OK || st == DEPECHE_ERR_BAD_INPUT,
                 "the reader reads any page or says why not");
    if (st != DEPECHE_OK) {
        FUZZ_REQUIRE(err.byte_offset <= len, "the error's offset is inside");
        return;
    }
    check_page_blocks(h, len);
    check_verdicts(h);
    depeche_html_free(h);
}

static void
check_kept_texts(const depeche_doc *doc)
{
    for (size_t i = 0; i < depeche_doc_block_count(doc); i++) {
        size_t n = 0;
        const char *t = depeche_doc_block_text(doc, i, &n);
        if (t)
            FUZZ_REQUIRE(fuzz_utf8_valid(t, n), "a kept text is UTF-8");
    }
}

static void
check_pipeline(const char *in, size_t len, int lossy)
{
    if (!pipelines[lossy]) {
        depeche_options opts;
        depeche_options_init(&opts);
        opts.flags = DEPECHE_INPUT_HTML | DEPECHE_NO_SPELL |
                     (lossy ? DEPECHE_LOSSY : 0u);
        depeche_error err;
        FUZZ_REQUIRE(depeche_pipeline_new(&opts, &pipelines[lossy], &err) ==
                         DEPECHE_OK,
                     "pipeline_new");
    }
    depeche_doc *doc = NULL;
    depeche_error err;
    depeche_status st =
        depeche_process(pipelines[lossy], "fuzz", in, len, &doc, &err);
    FUZZ_REQUIRE(st == DEPECHE_OK || st == DEPECHE_ERR_LIMIT ||
                     st == DEPECHE_ERR_BAD_INPUT,
                 "a page is cleaned or refused with a reason");
    if (st != DEPECHE_OK) {
        FUZZ_REQUIRE(st != DEPECHE_ERR_BAD_INPUT || err.byte_offset <= len,
                     "the error's offset is inside");
        return;
    }
    FUZZ_REQUIRE(depeche_doc_input_size(doc) == len, "input size");
    fuzz_check_blocks(doc, len);
    fuzz_check_segments(doc);
    check_kept_texts(doc);
    depeche_doc_free(doc);
}

int
LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
    if (size < 1)
        return 0;
    if (!extractor)
        FUZZ_REQUIRE(depeche_extractor_new(&extractor) == DEPECHE_OK,
                     "extractor_new");
    int lossy = data[0] & 1;
    const char *in = (const char *)data + 1;
    size_t len = size - 1;
    check_reader(in, len, lossy);
    check_pipeline(in, len, lossy);
    return 0;
}
