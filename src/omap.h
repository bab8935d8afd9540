/* omap.h -- offset map from a produced text back to the input's bytes.
 *
 * Normalization rewrites text; reports must still point into the original.
 * The map is a sorted list of pieces: a copied run maps byte for byte, a
 * replaced run (e.g. "''" -> "”", CRLF -> LF) maps as a whole.  Memory is
 * proportional to the number of edits, not to the text. */
#pragma once

#include <stddef.h>
#include <stdint.h>

#include "depeche.h"

typedef struct depeche_piece {
    uint64_t out, in;         /* where the piece starts in output and input */
    uint32_t out_len, in_len; /* equal, with copy set, for a copied run */
    uint32_t copy;
} depeche_piece;

typedef struct depeche_omap {
    depeche_piece *pieces;
    size_t count, cap;
} depeche_omap;

/* Output [out, out+len) is a copy of input [in, in+len). */
depeche_status depeche_omap_copy(depeche_omap *m, uint64_t out, uint64_t in,
                                 uint64_t len);
/* Output [out, out+out_len) replaces input [in, in+in_len); either length
 * may be 0 (an insertion or a deletion). */
depeche_status depeche_omap_replace(depeche_omap *m, uint64_t out,
                                    uint64_t out_len, uint64_t in,
                                    uint64_t in_len);
/* Input offset where output position `out` starts. */
uint64_t depeche_omap_start(const depeche_omap *m, uint64_t out);
/* Input offset where an output range ending at `out_end` (exclusive) ends. */
uint64_t depeche_omap_end(const depeche_omap *m, uint64_t out_end);
/* Appends to dst the pieces of `first`, their output offsets moved by
 * out_base, their input offsets mapped through `via` to via's input (as
 * they are when via is NULL): how the map of a piece of text made apart
 * (a block, a page's decoded text) joins the document's. */
depeche_status depeche_omap_append(depeche_omap *dst, uint64_t out_base,
                                   const depeche_omap *first,
                                   const depeche_omap *via);
void depeche_omap_clear(depeche_omap *m);
void depeche_omap_free(depeche_omap *m);
