/* run_golden.c -- run_golden IN EXPECTED PROFILE: normalizes IN with
 * PROFILE (minimal, typo or mt) and compares the result with EXPECTED.
 *
 * EXPECTED is meant to be read by a reviewer, so the two no-break spaces,
 * which look like spaces, are written <nbsp> (U+00A0) and <nnbsp>
 * (U+202F), and the repairs the normalizer reported follow the text after
 * a line "--- told", one "CODE at OFFSET: message" a line.  The output
 * must also be a fixed point: normalizing it again changes nothing and
 * reports nothing.  With DEPECHE_UPDATE_GOLDEN=1 it rewrites EXPECTED. */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "depeche.h"
#include "src/buf.h"

static void
on_repair(void *user, const char *code, uint64_t offset, const char *message)
{
    depeche_buf *told = user;
    char line[64];
    int n = snprintf(line, sizeof line, "%s at %llu: ", code,
                     (unsigned long long)offset);
    depeche_buf_put(told, line, (size_t)n);
    depeche_buf_put(told, message, strlen(message));
    depeche_buf_putc(told, '\n');
}

static int
read_all(const char *path, depeche_buf *b)
{
    FILE *f = fopen(path, "rb");
    if (!f) {
        perror(path);
        return -1;
    }
    char chunk[65536];
    size_t n;
    while ((n = fread(chunk, 1, sizeof chunk, f)) > 0)
        depeche_buf_put(b, chunk, n);
    int bad = ferror(f);
    fclose(f);
    return bad ? -1 : 0;
}

/* Normalizes in[0, len); the result into *out (caller frees with
 * depeche_free), the repairs told into *told. */
static int
normalize(depeche_profile profile, const char *in, size_t len, char **out,
          size_t *out_len, depeche_buf *told)
{
    depeche_options opts;
    depeche_options_init(&opts);
    opts.profile = profile;
    opts.warn_fn = on_repair;
    opts.warn_user = told;
    depeche_error err;
    if (depeche_normalize(&opts, in, len, out, out_len, &err)) {
        fprintf(stderr, "byte %llu: %s\n", (unsigned long long)err.byte_offset,
                err.message);
        return -1;
    }
    return 0;
}

/* The reviewable form: text with visible no-break spaces, then the told. */
static void
render(const char *text, size_t len, const depeche_buf *told, depeche_buf *b)
{
    for (size_t i = 0; i < len; i++) {
        if (i + 1 < len && !memcmp(text + i, "\xC2\xA0", 2)) {
            depeche_buf_put(b, "<nbsp>", 6);
            i++;
        } else if (i + 2 < len && !memcmp(text + i, "\xE2\x80\xAF", 3)) {
            depeche_buf_put(b, "<nnbsp>", 7);
            i += 2;
        } else {
            depeche_buf_putc(b, text[i]);
        }
    }
    if (told->len) {
        depeche_buf_put(b, "--- told\n", 9);
        depeche_buf_put(b, told->data, told->len);
    }
}

static int
write_all(const char *path, const depeche_buf *b)
{
    FILE *f = fopen(path, "wb");
    int bad = !f || fwrite(b->data, 1, b->len, f) != b->len;
    if (f && fclose(f))
        bad = 1;
    if (bad)
        perror(path);
    return bad ? 1 : 0;
}

int
main(int argc, char **argv)
{
    depeche_profile profile;
    if (argc != 4 || depeche_profile_parse(argv[3], &profile)) {
        fprintf(stderr, "usage: run_golden IN EXPECTED minimal|typo|mt\n");
        return 2;
    }
    depeche_buf in = {0}, want = {0}, got = {0}, told = {0}, again_told = {0};
    char *out = NULL, *again = NULL;
    size_t out_len = 0, again_len = 0;
    int rc = 1;
    if (read_all(argv[1], &in) ||
        normalize(profile, in.data, in.len, &out, &out_len, &told) ||
        normalize(profile, out, out_len, &again, &again_len, &again_told))
        goto done;
    render(out, out_len, &told, &got);
    const char *update = getenv("DEPECHE_UPDATE_GOLDEN");
    if (update && *update == '1') {
        rc = write_all(argv[2], &got);
        goto done;
    }
    rc = 0;
    if (read_all(argv[2], &want) || want.len != got.len ||
        memcmp(want.data, got.data, got.len)) {
        fprintf(stderr, "FAIL: %s (%s) differs from %s; got:\n%.*s", argv[1],
                argv[3], argv[2], (int)got.len, got.data ? got.data : "");
        rc = 1;
    }
    if (again_len != out_len || memcmp(again, out, out_len) || again_told.len) {
        fprintf(stderr, "FAIL: %s (%s) is no fixed point; again:\n%.*s\n%.*s",
                argv[1], argv[3], (int)again_len, again, (int)again_told.len,
                again_told.data ? again_told.data : "");
        rc = 1;
    }
done:
    depeche_free(out);
    depeche_free(again);
    depeche_buf_free(&in);
    depeche_buf_free(&want);
    depeche_buf_free(&got);
    depeche_buf_free(&told);
    depeche_buf_free(&again_told);
    return rc;
}
