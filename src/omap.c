/* omap.c -- offset map from output positions to input bytes. */
#include "omap.h"

#include <stdlib.h>

#include "buf.h"

static depeche_status
push(depeche_omap *m, depeche_piece p)
{
    if (m->count) {
        depeche_piece *last = &m->pieces[m->count - 1];
        /* Adjacent copies merge, so clean text costs one piece. */
        if (p.copy && last->copy && last->out + last->out_len == p.out &&
            last->in + last->in_len == p.in &&
            (uint64_t)last->out_len + p.out_len <= UINT32_MAX) {
            last->out_len += p.out_len;
            last->in_len += p.in_len;
            return DEPECHE_OK;
        }
    }
    depeche_status st = depeche_grow((void **)&m->pieces, &m->cap, m->count + 1,
                                     sizeof *m->pieces);
    if (st)
        return st;
    m->pieces[m->count++] = p;
    return DEPECHE_OK;
}

depeche_status
depeche_omap_copy(depeche_omap *m, uint64_t out, uint64_t in, uint64_t len)
{
    while (len) {
        uint32_t n = len > UINT32_MAX ? UINT32_MAX : (uint32_t)len;
        depeche_status st = push(m, (depeche_piece){out, in, n, n, 1});
        if (st)
            return st;
        out += n;
        in += n;
        len -= n;
    }
    return DEPECHE_OK;
}

depeche_status
depeche_omap_replace(depeche_omap *m, uint64_t out, uint64_t out_len,
                     uint64_t in, uint64_t in_len)
{
    if (out_len > UINT32_MAX || in_len > UINT32_MAX)
        return DEPECHE_ERR_LIMIT;
    return push(
        m, (depeche_piece){out, in, (uint32_t)out_len, (uint32_t)in_len, 0});
}

/* Last piece whose output start is <= out (pieces with out_len 0 included,
 * so a deletion right before `out` is skipped over correctly). */
static const depeche_piece *
find(const depeche_omap *m, uint64_t out)
{
    size_t lo = 0, hi = m->count;
    while (lo < hi) {
        size_t mid = lo + (hi - lo) / 2;
        if (m->pieces[mid].out <= out)
            lo = mid + 1;
        else
            hi = mid;
    }
    return lo ? &m->pieces[lo - 1] : NULL;
}

uint64_t
depeche_omap_start(const depeche_omap *m, uint64_t out)
{
    const depeche_piece *p = find(m, out);
    if (!p)
        return m->count ? m->pieces[0].in : out;
    /* Skip zero-length output pieces (deletions) sitting at `out`: the
     * character at `out` comes from the piece after them. */
    while (p->out_len == 0 && p + 1 < m->pieces + m->count && p[1].out == out)
        p++;
    if (out >= p->out + p->out_len)
        return p->in + p->in_len;
    if (p->copy)
        return p->in + (out - p->out);
    return p->in;
}

uint64_t
depeche_omap_end(const depeche_omap *m, uint64_t out_end)
{
    if (out_end == 0)
        return depeche_omap_start(m, 0);
    /* The last byte of the range is out_end - 1: find its piece. */
    const depeche_piece *p = find(m, out_end - 1);
    if (!p)
        return out_end;
    while (p->out_len == 0 && p > m->pieces)
        p--;
    if (p->copy)
        return p->in + (out_end - p->out);
    return p->in + p->in_len;
}

/* A piece of `first` whose input [in, in+in_len) is mapped through via. */
static depeche_status
append_replaced(depeche_omap *dst, uint64_t out, uint64_t out_len, uint64_t in,
                uint64_t in_len, const depeche_omap *via)
{
    uint64_t a = depeche_omap_start(via, in);
    uint64_t b = in_len ? depeche_omap_end(via, in + in_len) : a;
    return depeche_omap_replace(dst, out, out_len, a, b > a ? b - a : 0);
}

depeche_status
depeche_omap_append(depeche_omap *dst, uint64_t out_base,
                    const depeche_omap *first, const depeche_omap *via)
{
    depeche_status st = DEPECHE_OK;
    for (size_t i = 0; i < first->count && !st; i++) {
        const depeche_piece *p = &first->pieces[i];
        uint64_t out = out_base + p->out;
        if (!via) {
            st = p->copy ? depeche_omap_copy(dst, out, p->in, p->out_len)
                         : depeche_omap_replace(dst, out, p->out_len, p->in,
                                                p->in_len);
        } else if (!p->copy) {
            st = append_replaced(dst, out, p->out_len, p->in, p->in_len, via);
        } else {
            /* A copied run: byte for byte, so that a word inside it keeps
             * its exact place in via's input (adjacent copies merge). */
            for (uint32_t k = 0; k < p->out_len && !st; k++) {
                uint64_t a = depeche_omap_start(via, p->in + k);
                uint64_t b = depeche_omap_end(via, p->in + k + 1);
                st = b == a + 1
                         ? depeche_omap_copy(dst, out + k, a, 1)
                         : append_replaced(dst, out + k, 1, p->in + k, 1, via);
            }
        }
    }
    return st;
}

void
depeche_omap_clear(depeche_omap *m)
{
    m->count = 0;
}

void
depeche_omap_free(depeche_omap *m)
{
    free(m->pieces);
    m->pieces = NULL;
    m->count = m->cap = 0;
}
