/* pipeline.h -- what the library's other modules call in pipeline.c. */
#ifndef DEPECHE_PIPELINE_H
#define DEPECHE_PIPELINE_H

#include "depeche.h"

/* depeche_process() on part `part` of a longer document (`last` when it
 * is the last part): the document's offsets are the part's own, to be
 * rebased (depeche_doc_rebase) once the parts before it are known.  The
 * clean stage treats a part as depeche_corpus_options.part_bytes says. */
depeche_status depeche_process_part(depeche_pipeline *p, const char *id,
                                    const char *bytes, size_t len, size_t part,
                                    int last, depeche_doc **out,
                                    depeche_error *err);

#endif
