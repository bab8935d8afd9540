/* buf.h -- growable byte buffer and a tiny arena for document strings. */
#pragma once

#include <stdarg.h>
#include <stddef.h>

#include "depeche.h"

/* A growable byte string.  data is always NUL-terminated when non-NULL, so it
 * can be handed out as a C string; len does not count the NUL. */
typedef struct depeche_buf {
    char *data;
    size_t len, cap;
} depeche_buf;

depeche_status depeche_buf_reserve(depeche_buf *b, size_t extra);
depeche_status depeche_buf_put(depeche_buf *b, const void *p, size_t n);
depeche_status depeche_buf_putc(depeche_buf *b, char c);
depeche_status depeche_buf_puts(depeche_buf *b, const char *s);
depeche_status depeche_buf_printf(depeche_buf *b, const char *fmt, ...)
    __attribute__((format(printf, 2, 3)));
/* Hands the bytes to the caller (free() them) and leaves b empty. */
char *depeche_buf_detach(depeche_buf *b);
void depeche_buf_clear(depeche_buf *b);
void depeche_buf_free(depeche_buf *b);

/* Grows a typed array `*items` of `*cap` elements of `size` bytes so that it
 * holds at least `need`.  Doubling keeps appends amortised O(1). */
depeche_status depeche_grow(void **items, size_t *cap, size_t need,
                            size_t size);

/* An arena: many small strings freed at once with the document. */
typedef struct depeche_arena_chunk depeche_arena_chunk;
typedef struct depeche_arena {
    depeche_arena_chunk *head;
} depeche_arena;

void *depeche_arena_alloc(depeche_arena *a, size_t n);
/* Copies n bytes and appends a NUL; NULL when out of memory. */
char *depeche_arena_strndup(depeche_arena *a, const char *s, size_t n);
void depeche_arena_free(depeche_arena *a);

/* Fills err (when non-NULL) and returns status: the one way errors are set. */
depeche_status depeche_fail(depeche_error *err, depeche_status status,
                            uint64_t offset, const char *fmt, ...)
    __attribute__((format(printf, 4, 5)));
