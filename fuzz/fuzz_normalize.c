/* fuzz_normalize.c -- normalization per profile, and its offset map.
 *
 * The first input byte picks the profile and DEPECHE_LOSSY; the rest is the
 * text.  Through the public API (depeche_normalize):
 *   - invalid input fails with DEPECHE_ERR_BAD_INPUT at an offset inside
 *     it, and never under DEPECHE_LOSSY;
 *   - the result is valid UTF-8, NUL-terminated, with no NUL or CR
 *     inside, and an LF for each line end of the input (LF, CRLF, CR),
 *     plus at most one for each NEL, LS, PS, VT or FF.
 * Through the internal normalizer (the offset map is not public):
 *   - the map tiles the output: pieces follow each other from 0 to the
 *     output's length;
 *   - their input ranges go forward, never overlap and stay inside the
 *     input; a copied piece is byte for byte what the input holds there;
 *   - the per-character reference (char_tokens) gives the same text and
 *     the same map as the fast path through runs. */
#include <stdlib.h>
#include <string.h>

#include "check.h"
#include "depeche.h"
#include "src/normalize.h"

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size);

/* Line ends of the input: LF, CR, and CRLF counted once. */
static size_t
hard_line_ends(const char *s, size_t len)
{
    size_t n = 0;
    for (size_t i = 0; i < len; i++)
        if (s[i] == '\n' ||
            (s[i] == '\r' && (i + 1 == len || s[i + 1] != '\n')))
            n++;
    return n;
}

/* Characters a profile may turn into a line end (or not): NEL, LS, PS,
 * vertical tab and form feed. */
static size_t
soft_line_ends(const char *s, size_t len)
{
    static const char *const marks[] = {"\xc2\x85", "\xe2\x80\xa8",
                                        "\xe2\x80\xa9", "\v", "\f"};
    size_t n = 0;
    for (size_t i = 0; i < len; i++)
        for (size_t m = 0; m < sizeof marks / sizeof *marks; m++)
            if (strlen(marks[m]) <= len - i &&
                memcmp(s + i, marks[m], strlen(marks[m])) == 0)
                n++;
    return n;
}

static void
check_public(const depeche_options *opts, const char *in, size_t len)
{
    char *out = NULL;
    size_t out_len = 0;
    depeche_error err;
    depeche_status st = depeche_normalize(opts, in, len, &out, &out_len, &err);
    if (st == DEPECHE_ERR_BAD_INPUT) {
        /* Lossy refuses only UTF-16/32 text, at its byte order mark. */
        FUZZ_REQUIRE(!(opts->flags & DEPECHE_LOSSY) || err.byte_offset == 0,
                     "lossy never refuses but UTF-16/32");
        FUZZ_REQUIRE(err.byte_offset < len, "bad byte inside the input");
        return;
    }
    FUZZ_REQUIRE(st == DEPECHE_OK, "normalize succeeds or says bad input");
    FUZZ_REQUIRE(out[out_len] == '\0', "NUL-terminated");
    FUZZ_REQUIRE(memchr(out, '\0', out_len) == NULL, "no NUL inside");
    FUZZ_REQUIRE(memchr(out, '\r', out_len) == NULL, "no CR left");
    FUZZ_REQUIRE(fuzz_utf8_valid(out, out_len), "output is UTF-8");
    size_t lines = hard_line_ends(out, out_len);
    FUZZ_REQUIRE(lines >= hard_line_ends(in, len) &&
                     lines <= hard_line_ends(in, len) + soft_line_ends(in, len),
                 "every line end kept, and no other made");
    depeche_free(out);
}

static void
check_map(const depeche_omap *map, const char *in, size_t len,
          const depeche_buf *out)
{
    uint64_t out_at = 0, in_at = 0;
    for (size_t i = 0; i < map->count; i++) {
        const depeche_piece *p = &map->pieces[i];
        FUZZ_REQUIRE(p->out == out_at, "pieces tile the output");
        FUZZ_REQUIRE(p->in >= in_at, "input ranges go forward");
        FUZZ_REQUIRE(p->in + p->in_len <= len, "input range inside input");
        if (p->copy) {
            FUZZ_REQUIRE(p->in_len == p->out_len, "a copy keeps its length");
            FUZZ_REQUIRE(memcmp(out->data + p->out, in + p->in, p->out_len) ==
                             0,
                         "a copied piece holds the input's bytes");
        }
        out_at = p->out + p->out_len;
        in_at = p->in + p->in_len;
    }
    FUZZ_REQUIRE(out_at == out->len, "pieces end at the output's end");
}

static depeche_status
normalize_mapped(const depeche_norm_config *cfg, const char *in, size_t len,
                 depeche_buf *out, depeche_omap *map)
{
    depeche_error err;
    return depeche_normalize_append(cfg, in, len, 0, out, map, &err);
}

static int
same_piece(const depeche_piece *a, const depeche_piece *b)
{
    return a->out == b->out && a->in == b->in && a->out_len == b->out_len &&
           a->in_len == b->in_len && a->copy == b->copy;
}

/* Field by field: the pieces' padding bytes are not part of the map. */
static int
same_map(const depeche_omap *a, const depeche_omap *b)
{
    if (a->count != b->count)
        return 0;
    for (size_t i = 0; i < a->count; i++)
        if (!same_piece(&a->pieces[i], &b->pieces[i]))
            return 0;
    return 1;
}

static void
check_internal(depeche_profile profile, unsigned flags, const char *in,
               size_t len)
{
    depeche_norm_config fast = {.profile = profile, .flags = flags};
    depeche_norm_config reference = fast;
    reference.char_tokens = 1;
    depeche_buf out = {0}, ref_out = {0};
    depeche_omap map = {0}, ref_map = {0};
    depeche_status st = normalize_mapped(&fast, in, len, &out, &map);
    depeche_status ref_st =
        normalize_mapped(&reference, in, len, &ref_out, &ref_map);
    FUZZ_REQUIRE(st == ref_st, "runs and characters agree on failure");
    if (st == DEPECHE_OK) {
        check_map(&map, in, len, &out);
        FUZZ_REQUIRE(
            out.len == ref_out.len &&
                (out.len == 0 || memcmp(out.data, ref_out.data, out.len) == 0),
            "runs and characters give the same text");
        FUZZ_REQUIRE(same_map(&map, &ref_map),
                     "runs and characters give the same map");
    }
    depeche_buf_free(&out);
    depeche_buf_free(&ref_out);
    depeche_omap_free(&map);
    depeche_omap_free(&ref_map);
}

int
LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
    if (size < 1)
        return 0;
    depeche_options opts;
    depeche_options_init(&opts);
    opts.profile = (depeche_profile)(data[0] % 3);
    opts.flags = (data[0] & 4) ? DEPECHE_LOSSY : 0;
    const char *in = (const char *)data + 1;
    check_public(&opts, in, size - 1);
    check_internal(opts.profile, opts.flags, in, size - 1);
    return 0;
}
