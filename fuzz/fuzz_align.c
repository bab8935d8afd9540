/* fuzz_align.c -- the aligner on any pair of texts.
 *
 * Input: one flags byte, then the source text, a NUL byte, the target text
 * (no NUL: the rest is cut in the middle).  Each text is split into lines,
 * at most MAX_SENTENCES a side (the rest is dropped, to keep a run cheap);
 * an empty line starts a new paragraph, or (flag EMPTY_SENTENCES) is an
 * empty sentence.  Flags pick the aligner: the one with the per-document
 * second pass, or the one without (NO_LEARN); with STUDY, a fresh aligner
 * also studies the pair twice and learns from it before aligning (fresh,
 * so a run does not depend on the runs before it and the lexicon does not
 * grow from run to run).
 *
 * Held to what depeche.h says: a sentence that is not UTF-8 is refused
 * with DEPECHE_ERR_BAD_INPUT at the first bad byte of the first such
 * sentence (source before target); otherwise the beads tile both sides in
 * order, each of a documented size, never joining two paragraphs of one
 * side, with a finite score in [0, 1] (0 for an omission); and the same
 * pair aligned again gives the same beads. */
#include <math.h>
#include <stdlib.h>
#include <string.h>

#include "check.h"
#include "depeche.h"

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size);

enum { MAX_SENTENCES = 64 };

enum {
    FLAG_NO_LEARN = 1u << 0,
    FLAG_STUDY = 1u << 1,
    FLAG_EMPTY_SENTENCES = 1u << 2
};

typedef struct side {
    depeche_align_sentence s[MAX_SENTENCES];
    size_t n;
} side;

/* Built once: aligning does not change an aligner's lexicon. */
static depeche_aligner *learning, *quick;

static depeche_aligner *
new_aligner(unsigned flags)
{
    depeche_align_options o;
    depeche_align_options_init(&o);
    o.flags = DEPECHE_ALIGN_NO_DICT | flags; /* no installed data read */
    depeche_aligner *a = NULL;
    depeche_error err;
    FUZZ_REQUIRE(depeche_aligner_new(&o, &a, &err) == DEPECHE_OK,
                 "aligner_new");
    return a;
}

/* The lines of text[0..len) into out; empty lines are paragraph breaks
 * unless empty_sentences. */
static void
split_lines(const char *text, size_t len, int empty_sentences, side *out)
{
    size_t paragraph = 0, at = 0;
    out->n = 0;
    while (at < len && out->n < MAX_SENTENCES) {
        const char *lf = memchr(text + at, '\n', len - at);
        size_t end = lf ? (size_t)(lf - text) : len;
        if (end == at && !empty_sentences)
            paragraph++;
        else
            out->s[out->n++] =
                (depeche_align_sentence){text + at, end - at, paragraph};
        at = end + 1;
    }
}

/* The first sentence of s that is not UTF-8, or NULL. */
static const depeche_align_sentence *
first_bad(const side *s)
{
    for (size_t i = 0; i < s->n; i++)
        if (!fuzz_utf8_valid(s->s[i].text, s->s[i].len))
            return &s->s[i];
    return NULL;
}

/* A refusal of bad UTF-8 points into the first bad sentence, at a byte
 * before which it is valid and from which it is not. */
static void
check_refusal(depeche_status st, const depeche_error *err,
              const depeche_align_sentence *bad)
{
    FUZZ_REQUIRE(st == DEPECHE_ERR_BAD_INPUT, "bad UTF-8 is refused");
    FUZZ_REQUIRE(err->source == DEPECHE_SOURCE_INPUT, "the input is named");
    FUZZ_REQUIRE(err->byte_offset < bad->len, "the offset is in the sentence");
    size_t at = (size_t)err->byte_offset;
    FUZZ_REQUIRE(fuzz_utf8_valid(bad->text, at), "valid before the offset");
    FUZZ_REQUIRE(!fuzz_utf8_valid(bad->text + at, bad->len - at),
                 "invalid from the offset");
}

static int
bead_size_ok(size_t a, size_t b)
{
    static const size_t sizes[][2] = {{1, 1}, {1, 2}, {2, 1}, {2, 2},
                                      {1, 3}, {3, 1}, {2, 3}, {3, 2},
                                      {1, 4}, {4, 1}, {1, 0}, {0, 1}};
    for (size_t k = 0; k < sizeof sizes / sizeof *sizes; k++)
        if (sizes[k][0] == a && sizes[k][1] == b)
            return 1;
    return 0;
}

/* The count sentences of s from first lie in one paragraph. */
static int
one_paragraph(const side *s, size_t first, size_t count)
{
    return count < 2 ||
           s->s[first].paragraph == s->s[first + count - 1].paragraph;
}

static void
check_beads(const depeche_bead *b, size_t n, const side *src, const side *tgt)
{
    size_t i = 0, j = 0;
    FUZZ_REQUIRE(n <= src->n + tgt->n, "at most a bead a sentence");
    FUZZ_REQUIRE(n == 0 || b, "beads given");
    for (size_t k = 0; k < n; k++) {
        FUZZ_REQUIRE(b[k].src_first == i && b[k].tgt_first == j,
                     "each bead starts where the one before ends");
        FUZZ_REQUIRE(bead_size_ok(b[k].src_count, b[k].tgt_count),
                     "a documented bead size");
        FUZZ_REQUIRE(b[k].src_count <= src->n - i &&
                         b[k].tgt_count <= tgt->n - j,
                     "a bead inside the sides");
        FUZZ_REQUIRE(one_paragraph(src, i, b[k].src_count) &&
                         one_paragraph(tgt, j, b[k].tgt_count),
                     "a bead never joins two paragraphs");
        FUZZ_REQUIRE(isfinite(b[k].score) && b[k].score >= 0 && b[k].score <= 1,
                     "a score in [0, 1]");
        FUZZ_REQUIRE((b[k].src_count && b[k].tgt_count) || b[k].score == 0,
                     "an omission scores 0");
        i += b[k].src_count;
        j += b[k].tgt_count;
    }
    FUZZ_REQUIRE(i == src->n && j == tgt->n, "the beads cover both sides");
}

/* Aligns the pair twice with a: the same beads both times, checked. */
static void
align_checked(depeche_aligner *a, const side *src, const side *tgt,
              const depeche_align_sentence *bad)
{
    const depeche_bead *b = NULL;
    size_t n = 0;
    depeche_error err;
    depeche_status st =
        depeche_align(a, src->s, src->n, tgt->s, tgt->n, &b, &n, &err);
    if (bad) {
        check_refusal(st, &err, bad);
        return;
    }
    FUZZ_REQUIRE(st == DEPECHE_OK, "valid text aligns");
    check_beads(b, n, src, tgt);
    depeche_bead *first = malloc((n ? n : 1) * sizeof *first);
    FUZZ_REQUIRE(first != NULL, "memory");
    memcpy(first, b, n * sizeof *first);
    size_t first_n = n;
    st = depeche_align(a, src->s, src->n, tgt->s, tgt->n, &b, &n, &err);
    FUZZ_REQUIRE(st == DEPECHE_OK && n == first_n, "aligned again alike");
    for (size_t k = 0; k < n; k++)
        FUZZ_REQUIRE(b[k].src_first == first[k].src_first &&
                         b[k].src_count == first[k].src_count &&
                         b[k].tgt_first == first[k].tgt_first &&
                         b[k].tgt_count == first[k].tgt_count &&
                         b[k].score == first[k].score,
                     "the same beads the second time");
    free(first);
}

/* A fresh aligner studies the pair twice, learns, then aligns it. */
static void
study_checked(unsigned flags, const side *src, const side *tgt,
              const depeche_align_sentence *bad)
{
    depeche_aligner *a = new_aligner(flags);
    depeche_error err;
    for (int k = 0; k < 2; k++) {
        depeche_status st =
            depeche_aligner_study(a, src->s, src->n, tgt->s, tgt->n, &err);
        if (bad)
            check_refusal(st, &err, bad);
        else
            FUZZ_REQUIRE(st == DEPECHE_OK, "valid text is studied");
    }
    size_t pairs = 0;
    FUZZ_REQUIRE(depeche_aligner_learn(a, &pairs, &err) == DEPECHE_OK, "learn");
    FUZZ_REQUIRE(!bad || pairs == 0, "nothing learnt from refused text");
    FUZZ_REQUIRE(depeche_aligner_learn(a, &pairs, &err) == DEPECHE_OK &&
                     pairs == 0,
                 "learning clears the counts");
    align_checked(a, src, tgt, bad);
    depeche_aligner_free(a);
}

int
LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
    if (size < 1)
        return 0;
    if (!learning)
        learning = new_aligner(0);
    if (!quick)
        quick = new_aligner(DEPECHE_ALIGN_NO_LEARN);
    unsigned flags = data[0];
    const char *text = (const char *)data + 1;
    size_t len = size - 1;
    const char *nul = memchr(text, '\0', len);
    size_t src_len = nul ? (size_t)(nul - text) : len / 2;
    size_t tgt_at = nul ? src_len + 1 : src_len;
    side src, tgt;
    int empty = (flags & FLAG_EMPTY_SENTENCES) != 0;
    split_lines(text, src_len, empty, &src);
    split_lines(text + tgt_at, len - tgt_at, empty, &tgt);
    const depeche_align_sentence *bad = first_bad(&src);
    if (!bad)
        bad = first_bad(&tgt);
    unsigned learn = flags & FLAG_NO_LEARN ? DEPECHE_ALIGN_NO_LEARN : 0;
    align_checked(learn ? quick : learning, &src, &tgt, bad);
    if (flags & FLAG_STUDY)
        study_checked(learn, &src, &tgt, bad);
    return 0;
}
