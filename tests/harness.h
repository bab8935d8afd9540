/* harness.h -- the smallest test harness that reports well.
 *
 * CHECK(cond) records a failure with file:line and goes on; a test main()
 * ends with `return harness_done();`, which prints `N checks, M failed` and
 * exits 1 when any failed (meson counts the test as failed). */
#pragma once

#include <stdio.h>
#include <string.h>

static int harness_checks, harness_failures;

#define CHECK(cond)                                                            \
    do {                                                                       \
        harness_checks++;                                                      \
        if (!(cond)) {                                                         \
            harness_failures++;                                                \
            fprintf(stderr, "%s:%d: CHECK failed: %s\n", __FILE__, __LINE__,   \
                    #cond);                                                    \
        }                                                                      \
    } while (0)

#define CHECK_STR(got, want)                                                   \
    do {                                                                       \
        const char *g_ = (got), *w_ = (want);                                  \
        harness_checks++;                                                      \
        if (!g_ || strcmp(g_, w_) != 0) {                                      \
            harness_failures++;                                                \
            fprintf(stderr, "%s:%d: got  \"%s\"\n%*swant \"%s\"\n", __FILE__,  \
                    __LINE__, g_ ? g_ : "(null)", (int)strlen(__FILE__) + 8,   \
                    "", w_);                                                   \
        }                                                                      \
    } while (0)

#define CHECK_INT(got, want)                                                   \
    do {                                                                       \
        long long g_ = (long long)(got), w_ = (long long)(want);               \
        harness_checks++;                                                      \
        if (g_ != w_) {                                                        \
            harness_failures++;                                                \
            fprintf(stderr, "%s:%d: %s = %lld, want %lld\n", __FILE__,         \
                    __LINE__, #got, g_, w_);                                   \
        }                                                                      \
    } while (0)

static inline int
harness_done(void)
{
    printf("%d checks, %d failed\n", harness_checks, harness_failures);
    return harness_failures ? 1 : 0;
}
