/* clean.h -- scraped-page cleanup: blocks, reasons, metadata. */
#pragma once

#include "depeche.h"
#include "doc.h"

typedef struct depeche_cleaner depeche_cleaner;

/* Loads the boilerplate phrases (dicts/fr/boilerplate.txt, compiled in). */
depeche_status depeche_cleaner_new(const depeche_options *opts,
                                   depeche_cleaner **out, depeche_error *err);
void depeche_cleaner_free(depeche_cleaner *c);

/* Counts the short content lines of a document by source, so that a line
 * recurring in many documents of one source is found to be boilerplate
 * when those documents are cleaned (rule CL-X in clean.c).  The doc's
 * metadata source is filled; nothing else of it changes. */
depeche_status depeche_cleaner_observe(depeche_cleaner *c, depeche_doc *doc);

/* What depeche_cleaner_observe counted, by 64-bit key: the documents of a
 * source, or the documents of a source holding a line. */
typedef enum depeche_count_kind {
    DEPECHE_COUNT_SOURCE,
    DEPECHE_COUNT_LINE
} depeche_count_kind;
typedef depeche_status (*depeche_count_fn)(void *user, depeche_count_kind kind,
                                           uint64_t key, uint32_t count);
/* Every count to fn, the sources' then the lines', each in key order. */
depeche_status depeche_cleaner_each_count(const depeche_cleaner *c,
                                          depeche_count_fn fn, void *user);
/* Adds to a key's count (saturating); INVALID_ARG for the key 0. */
depeche_status depeche_cleaner_add_count(depeche_cleaner *c,
                                         depeche_count_kind kind, uint64_t key,
                                         uint32_t count);

/* Splits the doc's input into blocks that tile it, decides keep or drop
 * with a reason for each, and fills the doc's metadata.  The input must be
 * valid UTF-8 or the lossy flag must be set (invalid bytes are then treated
 * as letters of no script). */
depeche_status depeche_clean_doc(const depeche_cleaner *c, depeche_doc *doc,
                                 depeche_error *err);
