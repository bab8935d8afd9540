/* clean_model.h -- the clean stage's cross-document statistics (CL-X) saved
 * to and loaded from a boilerplate model (clean_model.c). */
#pragma once

#include "clean.h"
#include "depeche.h"

/* Writes what c counted as a model through sink. */
depeche_status depeche_clean_model_save(const depeche_cleaner *c,
                                        depeche_sink_fn sink, void *user,
                                        depeche_error *err);

/* Adds a model's counts to c's.  A line that is not a model's fails with
 * DEPECHE_ERR_BAD_INPUT at its byte offset. */
depeche_status depeche_clean_model_load(depeche_cleaner *c, const char *bytes,
                                        size_t len, depeche_error *err);
