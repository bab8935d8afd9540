/* buf.c -- growable buffers, arrays, arena and error reporting. */
#include "buf.h"

#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

depeche_status
depeche_grow(void **items, size_t *cap, size_t need, size_t size)
{
    if (need <= *cap)
        return DEPECHE_OK;
    size_t n = *cap ? *cap : 8;
    while (n < need) {
        if (n > SIZE_MAX / 2 / size)
            return DEPECHE_ERR_NOMEM;
        n *= 2;
    }
    void *p = realloc(*items, n * size);
    if (!p)
        return DEPECHE_ERR_NOMEM;
    *items = p;
    *cap = n;
    return DEPECHE_OK;
}

depeche_status
depeche_buf_reserve(depeche_buf *b, size_t extra)
{
    if (extra > SIZE_MAX - b->len - 1)
        return DEPECHE_ERR_NOMEM;
    return depeche_grow((void **)&b->data, &b->cap, b->len + extra + 1, 1);
}

depeche_status
depeche_buf_put(depeche_buf *b, const void *p, size_t n)
{
    depeche_status st = depeche_buf_reserve(b, n);
    if (st)
        return st;
    if (n)
        memcpy(b->data + b->len, p, n);
    b->len += n;
    b->data[b->len] = '\0';
    return DEPECHE_OK;
}

depeche_status
depeche_buf_putc(depeche_buf *b, char c)
{
    return depeche_buf_put(b, &c, 1);
}

depeche_status
depeche_buf_puts(depeche_buf *b, const char *s)
{
    return depeche_buf_put(b, s, strlen(s));
}

depeche_status
depeche_buf_printf(depeche_buf *b, const char *fmt, ...)
{
    va_list ap;
    va_start(ap, fmt);
    int n = vsnprintf(NULL, 0, fmt, ap);
    va_end(ap);
    if (n < 0)
        return DEPECHE_ERR_INVALID_ARG;
    depeche_status st = depeche_buf_reserve(b, (size_t)n);
    if (st)
        return st;
    va_start(ap, fmt);
    vsnprintf(b->data + b->len, (size_t)n + 1, fmt, ap);
    va_end(ap);
    b->len += (size_t)n;
    return DEPECHE_OK;
}

char *
depeche_buf_detach(depeche_buf *b)
{
    char *p = b->data;
    if (!p)
        p = calloc(1, 1);
    b->data = NULL;
    b->len = b->cap = 0;
    return p;
}

void
depeche_buf_clear(depeche_buf *b)
{
    b->len = 0;
    if (b->data)
        b->data[0] = '\0';
}

void
depeche_buf_free(depeche_buf *b)
{
    free(b->data);
    b->data = NULL;
    b->len = b->cap = 0;
}

struct depeche_arena_chunk {
    depeche_arena_chunk *next;
    size_t used, size;
    max_align_t data[];
};

enum { ARENA_CHUNK = 16384 };

void *
depeche_arena_alloc(depeche_arena *a, size_t n)
{
    size_t align = sizeof(max_align_t);
    n = (n + align - 1) / align * align;
    depeche_arena_chunk *c = a->head;
    if (!c || c->size - c->used < n) {
        size_t size = n > ARENA_CHUNK ? n : ARENA_CHUNK;
        c = malloc(sizeof *c + size);
        if (!c)
            return NULL;
        c->size = size;
        c->used = 0;
        c->next = a->head;
        a->head = c;
    }
    void *p = (char *)c->data + c->used;
    c->used += n;
    return p;
}

char *
depeche_arena_strndup(depeche_arena *a, const char *s, size_t n)
{
    char *p = depeche_arena_alloc(a, n + 1);
    if (!p)
        return NULL;
    if (n)
        memcpy(p, s, n);
    p[n] = '\0';
    return p;
}

void
depeche_arena_free(depeche_arena *a)
{
    depeche_arena_chunk *c = a->head;
    while (c) {
        depeche_arena_chunk *next = c->next;
        free(c);
        c = next;
    }
    a->head = NULL;
}

depeche_status
depeche_fail(depeche_error *err, depeche_status status, uint64_t offset,
             const char *fmt, ...)
{
    if (err) {
        err->status = status;
        err->byte_offset = offset;
        /* A position is in the input unless the caller says where else
         * (depeche_error_at). */
        err->source = offset != DEPECHE_NO_OFFSET ? DEPECHE_SOURCE_INPUT
                                                  : DEPECHE_SOURCE_NONE;
        err->file[0] = '\0';
        va_list ap;
        va_start(ap, fmt);
        vsnprintf(err->message, sizeof err->message, fmt, ap);
        va_end(ap);
    }
    return status;
}
