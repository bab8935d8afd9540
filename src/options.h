/* options.h -- reading a caller's option struct by the size it says it has.
 *
 * Every public option struct opens with `size_t size`, which its *_init
 * sets to the struct's size as the caller's program was compiled.  A
 * library entry point that takes options reads them through these calls
 * into a whole struct of its own: a caller built against an older, smaller
 * struct gets the defaults for the fields it does not know; a newer,
 * larger one is refused only when it sets a field this library lacks. */
#pragma once

#include "depeche.h"

/* Fills *out, a struct of out_size bytes whose fields hold their defaults,
 * from given (NULL: the defaults stay).  what names the struct in
 * messages ("depeche_options").  Fails with DEPECHE_ERR_INVALID_ARG when
 * given->size is smaller than the size field itself (the struct was not
 * initialised) or when bytes past out_size are not zero. */
depeche_status depeche_struct_take(void *out, size_t out_size,
                                   const void *given, const char *what,
                                   depeche_error *err);

/* depeche_struct_take for each public option struct, defaults included. */
depeche_status depeche_options_take(const depeche_options *given,
                                    depeche_options *out, depeche_error *err);
depeche_status depeche_writer_options_take(const depeche_writer_options *given,
                                           depeche_writer_options *out,
                                           depeche_error *err);
depeche_status depeche_align_options_take(const depeche_align_options *given,
                                          depeche_align_options *out,
                                          depeche_error *err);
depeche_status depeche_corpus_options_take(const depeche_corpus_options *given,
                                           depeche_corpus_options *out,
                                           depeche_error *err);
depeche_status depeche_filter_options_take(const depeche_filter_options *given,
                                           depeche_filter_options *out,
                                           depeche_error *err);
