/* check.h -- what the fuzz targets hold every output to: valid UTF-8,
 * JSON that parses, and a failure that stops the run where it is found. */
#pragma once

#include <stddef.h>
#include <stdint.h>

#include "depeche.h"

/* Stops the fuzzer with a message: libFuzzer saves the input that got
 * here as a crash-* reproducer. */
#define FUZZ_REQUIRE(cond, what)                                               \
    do {                                                                       \
        if (!(cond))                                                           \
            fuzz_fail(__FILE__, __LINE__, (what));                             \
    } while (0)

_Noreturn void fuzz_fail(const char *file, int line, const char *what);

/* 1 when s[0..len) is well-formed UTF-8 (no overlong form, no surrogate,
 * nothing above U+10FFFF). */
int fuzz_utf8_valid(const char *s, size_t len);

/* 1 when s[0..len) is exactly one JSON value (RFC 8259), whitespace
 * around it allowed.  Strings are checked for escapes and raw control
 * characters, not for UTF-8 (see fuzz_utf8_valid). */
int fuzz_json_valid(const char *s, size_t len);

/* 1 when every LF-terminated line of s[0..len) is a JSON object and the
 * text ends with LF (or is empty). */
int fuzz_jsonl_valid(const char *s, size_t len);

/* A growing byte buffer, the sink of the writers. */
typedef struct fuzz_buf {
    char *data;
    size_t len, cap;
} fuzz_buf;

/* A depeche_sink_fn appending to the fuzz_buf given as user. */
int fuzz_buf_sink(void *user, const char *bytes, size_t len);
void fuzz_buf_free(fuzz_buf *b);

/* The blocks of doc tile [0, len): the first starts at 0, each starts
 * where the one before ends, the last ends at len, none is empty, and a
 * text block is a kept block. */
void fuzz_check_blocks(const depeche_doc *doc, uint64_t len);

/* Segments lie inside the input, in order, each inside a kept text block,
 * with text of the length they say, with no LF and valid UTF-8. */
void fuzz_check_segments(const depeche_doc *doc);
