/* align_strmap.h -- the aligner's small containers: strings interned to
 * dense ids (open addressing) and growable lists of uint32. */
#pragma once

#include <stddef.h>
#include <stdint.h>

#include "buf.h"

/* String -> dense id.  Zero-initialize; strmap_free() releases. */
typedef struct strmap {
    depeche_arena arena;
    char **strs; /* id -> string */
    size_t count, cap_strs;
    uint32_t *slots; /* id + 1, 0 empty */
    size_t nslots;   /* power of two */
} strmap;

void strmap_free(strmap *m);
/* The id of s[0..n), or -1 when absent. */
long strmap_find(const strmap *m, const char *s, size_t n);
/* The id of s[0..n), added when absent; -1 when out of memory. */
long strmap_intern(strmap *m, const char *s, size_t n);

typedef struct u32vec {
    uint32_t *v;
    size_t n, cap;
} u32vec;

/* Appends x; -1 when out of memory. */
int u32_push(u32vec *a, uint32_t x);
/* qsort comparison of two uint32. */
int cmp_u32(const void *a, const void *b);
