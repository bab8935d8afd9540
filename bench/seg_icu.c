/* seg_icu.c -- seg_icu FILE: the ICU4C BreakIterator baseline for
 * bench_segment.sh.  Splits FILE with ubrk_open(UBRK_SENTENCE, "fr") over a
 * UTF-8 UText (no conversion to UTF-16) and prints one sentence a line,
 * trimmed of whitespace, as `depeche segment` does. */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include <unicode/ubrk.h>
#include <unicode/utext.h>

static int
is_space(unsigned char c)
{
    return c == ' ' || c == '\t' || c == '\n' || c == '\r' || c == '\v' ||
           c == '\f';
}

int
main(int argc, char **argv)
{
    if (argc != 2) {
        fprintf(stderr, "usage: seg_icu FILE\n");
        return 2;
    }
    FILE *f = fopen(argv[1], "rb");
    if (!f) {
        perror(argv[1]);
        return 4;
    }
    size_t len = 0, cap = 1 << 20;
    char *text = malloc(cap);
    size_t n;
    while (text && (n = fread(text + len, 1, cap - len, f)) > 0) {
        len += n;
        if (len == cap) {
            char *p = realloc(text, cap *= 2);
            if (!p)
                free(text);
            text = p;
        }
    }
    fclose(f);
    if (!text) {
        fprintf(stderr, "seg_icu: out of memory\n");
        return 4;
    }
    UErrorCode st = U_ZERO_ERROR;
    UText *ut = utext_openUTF8(NULL, text, (int64_t)len, &st);
    UBreakIterator *bi = ubrk_open(UBRK_SENTENCE, "fr", NULL, 0, &st);
    ubrk_setUText(bi, ut, &st);
    if (U_FAILURE(st)) {
        fprintf(stderr, "seg_icu: %s\n", u_errorName(st));
        return 4;
    }
    /* With a UTF-8 UText, break positions are byte offsets. */
    int32_t start = ubrk_first(bi);
    for (int32_t end = ubrk_next(bi); end != UBRK_DONE;
         start = end, end = ubrk_next(bi)) {
        int32_t s = start, e = end;
        while (s < e && is_space((unsigned char)text[s]))
            s++;
        while (e > s && is_space((unsigned char)text[e - 1]))
            e--;
        if (e > s) {
            fwrite(text + s, 1, (size_t)(e - s), stdout);
            putchar('\n');
        }
    }
    ubrk_close(bi);
    utext_close(ut);
    free(text);
    return fflush(stdout) ? 4 : 0;
}
