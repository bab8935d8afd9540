/* context.h -- the read-only context workers share (context.c). */
#pragma once

#include <stdatomic.h>

#include "clean.h"
#include "depeche.h"
#include "pool.h"
#include "segment.h"

struct depeche_context {
    atomic_uint refs;
    atomic_int frozen; /* a worker was made: no more observing */
    /* The options as given, with the strings below: lang in BCP-47
     * spelling, dict_path the dictionary found (NULL under
     * DEPECHE_NO_SPELL). */
    depeche_options opts;
    char *lang, *dict_path, *personal_dict, *abbrev_file;
    depeche_abbrevs *abbrevs;
    depeche_cleaner *cleaner;
    depeche_pool *pool; /* NULL with one thread */
};

/* Takes a reference for a worker, and freezes the corpus statistics
 * unless `keep_observing` (a pipeline with a context of its own). */
depeche_context *depeche_context_take(depeche_context *ctx, int keep_observing);

/* Counts a document's lines, without the frozen check: for a pipeline
 * that owns its context alone. */
depeche_status depeche_context_count(depeche_context *ctx, const char *bytes,
                                     size_t len, depeche_error *err);

/* Fills err's source and file (file may be NULL) when err is given. */
void depeche_error_at(depeche_error *err, depeche_source source,
                      const char *file);
