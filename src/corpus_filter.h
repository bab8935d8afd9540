/* corpus_filter.h -- what corpus_filter.c shares with dedup.c: the set of
 * 64-bit hashes and the dedup key of a text, so that `prep --dedup` and
 * `depeche dedup` call the same text a repeat. */
#pragma once

#include <stddef.h>
#include <stdint.h>

#include "depeche.h"

/* An open-addressing set of hashes, at most half full; zeroed is empty. */
typedef struct depeche_hash_set {
    uint64_t *slots; /* 0: empty */
    size_t cap, count;
} depeche_hash_set;

/* The slots the set would have after adding one more hash. */
static inline size_t
depeche_hash_set_cap_after_add(const depeche_hash_set *s)
{
    if (2 * (s->count + 1) <= s->cap)
        return s->cap;
    return s->cap ? s->cap * 2 : 1024;
}

/* Adds h (0 is taken as 1); 1 when it was there already, 0 when new, -1
 * when out of memory. */
int depeche_hash_set_add(depeche_hash_set *s, uint64_t h);

/* The key under which mode (exact or normalized) says text[0, len) repeats
 * another: 0 for a text with no visible character (blank: never a repeat),
 * else *key, never 0. */
int depeche_dedup_key(depeche_dedup mode, const char *text, size_t len,
                      uint64_t *key);
