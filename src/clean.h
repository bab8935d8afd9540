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

/* Splits the doc's input into blocks that tile it, decides keep or drop
 * with a reason for each, and fills the doc's metadata.  The input must be
 * valid UTF-8 or the lossy flag must be set (invalid bytes are then treated
 * as letters of no script). */
depeche_status depeche_clean_doc(const depeche_cleaner *c, depeche_doc *doc,
                                 depeche_error *err);
