/* run_corpus.h -- documents through the corpus driver (run_corpus.c). */
#pragma once

#include <stddef.h>

#include "cli.h"

typedef struct cli_corpus_args {
    const depeche_options *opts;
    const depeche_writer_options *wo;
    char **inputs; /* at least one; "-" is standard input */
    size_t ninputs;
    unsigned workers; /* documents processed at once */
    int jsonl;        /* --in jsonl: a document a line */
    const char *id_field, *text_field;
    int skip_bad;            /* --skip-bad */
    size_t part_bytes;       /* --part-size: 0 default, SIZE_MAX never */
    const char *learn_model; /* a learning run: the model to write */
    const char *model;       /* --boilerplate: the model to load */
    const depeche_filter_options *filter; /* NULL: every segment */
} cli_corpus_args;

/* Runs the documents of the inputs through the library's corpus driver
 * into one output (NULL or "-": standard output).  Returns an exit
 * code. */
int cli_run_corpus(const cli_corpus_args *a, const char *output,
                   cli_summary *sum);

/* Appends the names of LIST (one a line, blank lines skipped; "-":
 * standard input) to *names (malloc'd, each name too). */
int prep_read_file_list(const char *list, char ***names, size_t *n);
