/* run_golden.c -- run_golden IN EXPECTED: feeds IN through the streaming
 * segmenter, whole and in chunks of 1, 2, 3, 7 and 4096 bytes, and compares
 * each result with EXPECTED (one sentence a line, a blank line between
 * paragraphs).  A case whose name starts with "en-" is split as English
 * (lang "en"), any other as French (the default).  With
 * DEPECHE_UPDATE_GOLDEN=1 it rewrites EXPECTED instead. */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "depeche.h"
#include "src/buf.h"

typedef struct out {
    depeche_buf text;
    size_t paragraph;
    int any;
} out;

static int
on_sentence(void *user, const depeche_sentence *s)
{
    out *o = user;
    if (o->any && s->paragraph != o->paragraph)
        depeche_buf_putc(&o->text, '\n');
    o->any = 1;
    o->paragraph = s->paragraph;
    depeche_buf_put(&o->text, s->text, s->len);
    depeche_buf_putc(&o->text, '\n');
    return 0;
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

/* Segments in[0, len) fed `chunk` bytes at a time (0: whole). */
static int
segment(const char *in, size_t len, size_t chunk, const char *lang, out *o)
{
    depeche_options opts;
    depeche_options_init(&opts);
    if (lang)
        opts.lang = lang;
    depeche_segmenter *s;
    depeche_error err;
    if (depeche_segmenter_new(&opts, on_sentence, o, &s, &err)) {
        fprintf(stderr, "segmenter: %s\n", err.message);
        return -1;
    }
    if (!chunk)
        chunk = len ? len : 1;
    depeche_status st = DEPECHE_OK;
    for (size_t i = 0; i < len && !st; i += chunk)
        st = depeche_segmenter_feed(s, in + i,
                                    len - i < chunk ? len - i : chunk, &err);
    if (!st)
        st = depeche_segmenter_finish(s, &err);
    depeche_segmenter_free(s);
    if (st)
        fprintf(stderr, "byte %llu: %s\n", (unsigned long long)err.byte_offset,
                err.message);
    return st ? -1 : 0;
}

int
main(int argc, char **argv)
{
    if (argc != 3) {
        fprintf(stderr, "usage: run_golden IN EXPECTED\n");
        return 2;
    }
    depeche_buf in = {0}, want = {0};
    if (read_all(argv[1], &in))
        return 1;
    const char *base = strrchr(argv[1], '/');
    base = base ? base + 1 : argv[1];
    const char *lang = strncmp(base, "en-", 3) == 0 ? "en" : NULL;
    static const size_t chunks[] = {0, 1, 2, 3, 7, 4096};
    int failed = 0;
    for (size_t c = 0; c < sizeof chunks / sizeof chunks[0]; c++) {
        out o = {0};
        if (segment(in.data ? in.data : "", in.len, chunks[c], lang, &o)) {
            failed = 1;
        } else if (c == 0 && getenv("DEPECHE_UPDATE_GOLDEN") &&
                   strcmp(getenv("DEPECHE_UPDATE_GOLDEN"), "1") == 0) {
            FILE *f = fopen(argv[2], "wb");
            if (!f ||
                fwrite(o.text.data ? o.text.data : "", 1, o.text.len, f) !=
                    o.text.len ||
                fclose(f)) {
                perror(argv[2]);
                failed = 1;
            }
            depeche_buf_free(&o.text);
            break;
        } else {
            if (!want.data && read_all(argv[2], &want))
                return 1;
            const char *got = o.text.data ? o.text.data : "";
            const char *exp = want.data ? want.data : "";
            if (strcmp(got, exp) != 0) {
                fprintf(stderr,
                        "%s: chunk %zu differs\n--- expected\n%s--- got\n%s",
                        argv[1], chunks[c], exp, got);
                failed = 1;
            }
        }
        depeche_buf_free(&o.text);
    }
    depeche_buf_free(&in);
    depeche_buf_free(&want);
    printf("%s: %s\n", argv[1], failed ? "FAIL" : "ok");
    return failed;
}
