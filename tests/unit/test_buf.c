/* test_buf.c -- buffers, arrays, arena, UTF-8 decoding. */
#include <stdlib.h>
#include <string.h>

#include "buf.h"
#include "harness.h"
#include "utf8.h"

static void
test_buf(void)
{
    depeche_buf b = {0};
    for (int i = 0; i < 1000; i++)
        CHECK(!depeche_buf_printf(&b, "%d,", i));
    CHECK(b.len > 3000);
    CHECK(!strncmp(b.data, "0,1,2,", 6));
    CHECK(b.data[b.len] == '\0');
    char *s = depeche_buf_detach(&b);
    CHECK(b.data == NULL && b.len == 0);
    free(s);
    depeche_arena a = {0};
    for (int i = 0; i < 5000; i++) {
        char *p = depeche_arena_strndup(&a, "bonjour", 3);
        CHECK(p && !strcmp(p, "bon"));
    }
    CHECK(depeche_arena_alloc(&a, 100000) != NULL); /* bigger than a chunk */
    depeche_arena_free(&a);
}

typedef struct utf8_case {
    const char *name, *s;
    size_t len;
    size_t first_bad; /* depeche_utf8_check */
} utf8_case;

static void
test_utf8(void)
{
    static const utf8_case cases[] = {
        {"ascii", "abc", 3, 3},
        {"two bytes", "\xC3\xA9t\xC3\xA9", 5, 5},
        {"emoji", "\xF0\x9F\x98\x80", 4, 4},
        {"overlong", "a\xC0\xAF", 3, 1},
        {"surrogate", "ab\xED\xA0\x80", 5, 2},
        {"too big", "\xF4\x90\x80\x80", 4, 0},
        {"truncated", "abc\xE2\x82", 5, 3},
        {"lone continuation", "a\x80", 2, 1},
        {"long ascii then bad", "aaaaaaaaaaaaaaaa\xFF", 17, 16},
    };
    for (size_t i = 0; i < sizeof cases / sizeof *cases; i++) {
        size_t got = depeche_utf8_check(cases[i].s, cases[i].len);
        if (got != cases[i].first_bad)
            fprintf(stderr, "utf8 case %s\n", cases[i].name);
        CHECK_INT(got, cases[i].first_bad);
    }
    int32_t cp;
    /* Maximal subpart: E2 82 then 'x' is one bad sequence of 2 bytes. */
    CHECK_INT(depeche_utf8_decode((const unsigned char *)"\xE2\x82x", 3, &cp),
              2);
    CHECK_INT(cp, -1);
    CHECK_INT(depeche_utf8_decode((const unsigned char *)"\xC3\xA9", 2, &cp),
              2);
    CHECK_INT(cp, 0xE9);
    char enc[4];
    CHECK_INT(depeche_utf8_encode(0x1F600, enc), 4);
    CHECK(!memcmp(enc, "\xF0\x9F\x98\x80", 4));
    /* A chunk cut inside a sequence keeps the lead bytes back. */
    CHECK_INT(depeche_utf8_complete_prefix("ab\xE2\x82", 4), 2);
    CHECK_INT(depeche_utf8_complete_prefix("ab\xE2\x82\xAC", 5), 5);
    CHECK_INT(depeche_utf8_complete_prefix("ab\xF0", 3), 2);
}

/* The SIMD check agrees with a byte-by-byte reference on random text. */
static size_t
reference_check_text(const char *s, size_t n)
{
    for (size_t i = 0; i < n;) {
        int32_t cp;
        size_t k =
            depeche_utf8_decode((const unsigned char *)s + i, n - i, &cp);
        if (cp <= 0)
            return i;
        i += k;
    }
    return n;
}

static void
test_check_text(void)
{
    static const char *const pieces[] = {"a",
                                         "Le ",
                                         "\xC3\xA9",
                                         "\xC2\xA0",
                                         "\xE2\x80\x99",
                                         "\xF0\x9F\x98\x80",
                                         "\xE0\xA0\x80",
                                         "\xED\x9F\xBF",
                                         "\xED\xA0\x80",
                                         "\xE0\x80\x80",
                                         "\xC3",
                                         "\x80",
                                         "\xFF",
                                         "",
                                         "0123456789abcdef"};
    unsigned seed = 12345;
    char buf[600];
    size_t agree = 0, runs = 3000;
    for (size_t r = 0; r < runs; r++) {
        size_t n = 0;
        while (n + 16 < sizeof buf) { /* the longest piece fits */
            seed = seed * 1103515245u + 12345u;
            const char *p = pieces[(seed >> 16) % 15];
            size_t k = *p ? strlen(p) : 1; /* "" stands for a NUL */
            if ((seed >> 8) % 97 == 0)
                break;
            memcpy(buf + n, *p ? p : "\0", k);
            n += k;
        }
        agree +=
            depeche_utf8_check_text(buf, n) == reference_check_text(buf, n);
    }
    CHECK_INT(agree, runs);
}

int
main(void)
{
    test_check_text();
    test_buf();
    test_utf8();
    return harness_done();
}
