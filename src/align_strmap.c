/* align_strmap.c -- interned strings and growable lists of the aligner
 * (see align_strmap.h). */
#include "align_strmap.h"

#include <stdlib.h>
#include <string.h>

#include "buf.h"
#include "hash.h"

/* ---- Interned strings: string -> dense id, open addressing ------------ */

void
strmap_free(strmap *m)
{
    depeche_arena_free(&m->arena);
    free(m->strs);
    free(m->slots);
    memset(m, 0, sizeof *m);
}

static int
strmap_rehash(strmap *m)
{
    size_t n = m->nslots ? m->nslots * 2 : 1024;
    uint32_t *slots = calloc(n, sizeof *slots);
    if (!slots)
        return -1;
    for (size_t id = 0; id < m->count; id++) {
        size_t k = depeche_hash(m->strs[id], strlen(m->strs[id])) & (n - 1);
        while (slots[k])
            k = (k + 1) & (n - 1);
        slots[k] = (uint32_t)id + 1;
    }
    free(m->slots);
    m->slots = slots;
    m->nslots = n;
    return 0;
}

/* The id of s[0..n), or -1 when absent. */
long
strmap_find(const strmap *m, const char *s, size_t n)
{
    if (!m->nslots)
        return -1;
    size_t k = depeche_hash(s, n) & (m->nslots - 1);
    for (; m->slots[k]; k = (k + 1) & (m->nslots - 1)) {
        const char *t = m->strs[m->slots[k] - 1];
        if (strncmp(t, s, n) == 0 && t[n] == '\0')
            return (long)m->slots[k] - 1;
    }
    return -1;
}

/* The id of s[0..n), added when absent; -1 when out of memory. */
long
strmap_intern(strmap *m, const char *s, size_t n)
{
    long id = strmap_find(m, s, n);
    if (id >= 0)
        return id;
    if ((m->count + 1) * 2 > m->nslots && strmap_rehash(m))
        return -1;
    if (depeche_grow((void **)&m->strs, &m->cap_strs, m->count + 1,
                     sizeof *m->strs))
        return -1;
    char *copy = depeche_arena_strndup(&m->arena, s, n);
    if (!copy)
        return -1;
    m->strs[m->count] = copy;
    size_t k = depeche_hash(s, n) & (m->nslots - 1);
    while (m->slots[k])
        k = (k + 1) & (m->nslots - 1);
    m->slots[k] = (uint32_t)m->count + 1;
    return (long)m->count++;
}

/* ---- Growable uint32 lists -------------------------------------------- */

int
u32_push(u32vec *a, uint32_t x)
{
    if (depeche_grow((void **)&a->v, &a->cap, a->n + 1, sizeof *a->v))
        return -1;
    a->v[a->n++] = x;
    return 0;
}

int
cmp_u32(const void *a, const void *b)
{
    uint32_t x = *(const uint32_t *)a, y = *(const uint32_t *)b;
    return (x > y) - (x < y);
}
