/* hash.h -- the one string hash of the library: FNV-1a, 64 bits.
 *
 * Fixed and platform-independent, so what is derived from it (export ids,
 * the compiled word list's cache key) is the same on every machine.  Hash
 * tables take its low bits. */
#pragma once

#include <stddef.h>
#include <stdint.h>

#define DEPECHE_HASH_BASIS UINT64_C(14695981039346656037)

/* Continues hash h over n more bytes: a key made of several parts. */
static inline uint64_t
depeche_hash_more(uint64_t h, const void *bytes, size_t n)
{
    const unsigned char *b = bytes;
    for (size_t i = 0; i < n; i++)
        h = (h ^ b[i]) * UINT64_C(1099511628211);
    return h;
}

static inline uint64_t
depeche_hash(const void *bytes, size_t n)
{
    return depeche_hash_more(DEPECHE_HASH_BASIS, bytes, n);
}
