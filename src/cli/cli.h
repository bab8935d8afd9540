/* cli.h -- shared by the depeche subcommands.  The CLI is a client of the
 * public API only: it parses arguments, reads files, prints; the library
 * does the work. */
#pragma once

#include <getopt.h> /* struct option */
#include <stdio.h>

#include "depeche.h"

/* Exit codes (documented in README.md and `depeche --help`). */
enum {
    EXIT_OK = 0,
    EXIT_FINDINGS = 1, /* spell: a misspelling was found */
    EXIT_USAGE = 2,
    EXIT_BAD_INPUT = 3,
    EXIT_IO = 4,    /* I/O or dictionary failure */
    EXIT_PIPE = 141 /* the reader of the output went away: 128 + SIGPIPE */
};

/* Reads a whole FILE ("-" = stdin) into *data (free() it).  On failure
 * prints `depeche: FILE: reason` and returns EXIT_IO. */
int cli_read_input(const char *path, char **data, size_t *len);

/* A file read a piece at a time: buf holds bytes [base, base + len) of
 * it.  Fill reads until len >= want or the end (eof); consume drops the
 * first n bytes.  Open and fill print why they fail and return EXIT_IO.
 * A regular file is mapped rather than read (no copy, no fresh pages to
 * clear), and the pages consumed are let go, so memory still follows the
 * piece, not the file. */
typedef struct cli_reader {
    FILE *f;
    const char *name;
    int is_stdin, eof;
    const char *buf;
    size_t len, cap;
    uint64_t base;
    char *owned;     /* the read buffer, or NULL when mapped */
    char *map;       /* the mapping of a regular file, or NULL */
    size_t map_len;  /* its length: the file's size when opened */
    size_t released; /* bytes of the mapping given back already */
} cli_reader;
int cli_reader_open(cli_reader *r, const char *path);
int cli_reader_fill(cli_reader *r, size_t want);
void cli_reader_consume(cli_reader *r, size_t n);
void cli_reader_close(cli_reader *r);

/* The bytes a streaming command reads at a time: $DEPECHE_CHUNK_BYTES
 * when it is a positive number (tests set it tiny), else fallback. */
size_t cli_chunk_bytes(size_t fallback);

/* One output: standard output; a device or FIFO written directly; or a
 * regular file written through a temporary in its folder, renamed over it
 * only when the whole run succeeded, so that a failed run leaves the old
 * file whole (symlinks are followed: the file they name is replaced). */
typedef struct cli_output {
    FILE *f;
    const char *name; /* as the user named it, for messages */
    char *target;     /* the file the temporary replaces */
    char *tmp;        /* the temporary; NULL when written directly */
    int write_errno;  /* why the first write failed; 0 when none did */
} cli_output;

/* Opens -o FILE ("-" or NULL = standard output) into *out.  Refuses
 * (EXIT_USAGE) a regular file that is also one of the inputs ("-": the
 * file standard input reads); EXIT_IO when it cannot be created.  Prints
 * why. */
int cli_open_output(const char *path, char **inputs, int ninputs,
                    cli_output *out);
/* Flushes and closes the stream; prints and returns EXIT_IO when a write
 * failed. */
int cli_end_output(cli_output *out);
/* Renames the temporary over the target when rc (the run's code) is
 * EXIT_OK, else removes it; returns rc, or EXIT_IO when the rename failed. */
int cli_commit_output(cli_output *out, int rc);
/* cli_end_output then cli_commit_output: the run's code, or EXIT_IO. */
int cli_close_output(cli_output *out, int rc);

/* The sink for depeche_writer: fwrite to a cli_output's stream, keeping
 * errno of a failed write for the message. */
int cli_file_sink(void *user, const char *bytes, size_t len);

/* Prints `depeche: FILE: byte N: message` (or without the byte) and
 * returns the exit code matching the status. */
int cli_report(const char *file, const depeche_error *err);
int cli_exit_code(depeche_status st);

/* A warn_fn printing `depeche: FILE: byte N: [CODE] message`; user points
 * to the current file's name (a `const char *` the caller updates). */
void cli_warn(void *user, const char *code, uint64_t offset,
              const char *message);

/* Prints the short usage of a command to stderr and returns EXIT_USAGE. */
int cli_usage_error(const char *cmd, const char *fmt, ...)
    __attribute__((format(printf, 2, 3)));

/* The processors online, 1 to 8: the default of --jobs. */
int cli_default_jobs(void);

/* Parses the N of --jobs N (1 to 8) into *jobs; an exit code when bad. */
int cli_parse_jobs(const char *cmd, const char *arg, int *jobs);
/* SIZE: a number of megabytes, or with a K, M or G suffix; 0 only when
 * zero_ok.  A usage error names cmd and opt. */
int cli_parse_size(const char *cmd, const char *opt, const char *arg,
                   int zero_ok, size_t *out);

int cmd_prep(int argc, char **argv);
int cmd_clean(int argc, char **argv);
int cmd_normalize(int argc, char **argv);
int cmd_segment(int argc, char **argv);
int cmd_spell(int argc, char **argv);
int cmd_align(int argc, char **argv);
int cmd_dedup(int argc, char **argv);

/* The options of how documents are read: prep, clean and spell. */
#define CLI_CORPUS_HELP                                                        \
    "  --learn-boilerplate MODEL  a learning run: count the lines that\n"      \
    "                    recur across the documents of each source and\n"      \
    "                    write them to MODEL, nothing else (README)\n"         \
    "  --boilerplate MODEL  drop the short lines that MODEL found in most\n"   \
    "                    documents of their source (rule CL-X)\n"              \
    "  --part-size SIZE  process a document longer than SIZE (default 8M;\n"   \
    "                    0: never) in parts: memory follows SIZE (README)\n"

/* Options every processing command shares; their long names. */
#define CLI_COMMON_HELP                                                        \
    "  --profile P       minimal, typo or mt (see depeche normalize)\n"        \
    "  --lang TAG        source language, BCP-47 (default fr-FR)\n"            \
    "  --dict PATH       hunspell dictionary, path without .dic/.aff\n"        \
    "  --personal FILE   extra words for the speller, one a line\n"            \
    "  --abbrev FILE     extra abbreviations for the splitter, one a line\n"   \
    "  --lossy           replace invalid UTF-8 with U+FFFD, drop NUL bytes\n"  \
    "  --no-clean        keep every line (no site, byline, boilerplate...)\n"  \
    "  --keep-duplicates keep paragraphs said again in the same order (by\n"   \
    "                    default such a run, an article pasted twice, goes;\n" \
    "                    a paragraph repeated alone always stays)\n"           \
    "  --suggest MODE    fast (default), full or none: suggestions for\n"      \
    "                    misspellings (none: the fastest audit)\n"             \
    "  -j, --jobs N      threads for the speller's new words (default: the\n"  \
    "                    processors, at most 8, for 1 MB of input or "         \
    "more)\n" CLI_CORPUS_HELP                                                  \
    "  -o FILE           write to FILE instead of standard output\n"
enum {
    OPT_PROFILE = 256,
    OPT_LANG,
    OPT_DICT,
    OPT_PERSONAL,
    OPT_ABBREV,
    OPT_LOSSY,
    OPT_NO_CLEAN,
    OPT_KEEP_DUPLICATES,
    OPT_TO,
    OPT_NOTES,
    OPT_COPY_SOURCE,
    OPT_TARGET_LANG,
    OPT_DATE,
    OPT_EXPLAIN,
    OPT_SPLIT,
    OPT_SUGGEST,
    OPT_JOBS,
    OPT_CONTEXT,
    OPT_IN,
    OPT_PART_SIZE,
    OPT_LEARN_BOILERPLATE,
    OPT_BOILERPLATE
};
#define CLI_COMMON_OPTIONS                                                     \
    {"profile", required_argument, NULL, OPT_PROFILE},                         \
        {"lang", required_argument, NULL, OPT_LANG},                           \
        {"dict", required_argument, NULL, OPT_DICT},                           \
        {"personal", required_argument, NULL, OPT_PERSONAL},                   \
        {"abbrev", required_argument, NULL, OPT_ABBREV},                       \
        {"lossy", no_argument, NULL, OPT_LOSSY},                               \
        {"no-clean", no_argument, NULL, OPT_NO_CLEAN},                         \
        {"keep-duplicates", no_argument, NULL, OPT_KEEP_DUPLICATES},           \
        {"suggest", required_argument, NULL, OPT_SUGGEST},                     \
        {"jobs", required_argument, NULL, OPT_JOBS},                           \
        {"in", required_argument, NULL, OPT_IN},                               \
        {"part-size", required_argument, NULL, OPT_PART_SIZE},                 \
        {"learn-boilerplate", required_argument, NULL, OPT_LEARN_BOILERPLATE}, \
        {"boilerplate", required_argument, NULL, OPT_BOILERPLATE},             \
        {"output", required_argument, NULL, 'o'},                              \
    {                                                                          \
        "help", no_argument, NULL, 'h'                                         \
    }

/* What a processing command's arguments set. */
typedef struct cli_args {
    depeche_options opts;
    depeche_writer_options wo;
    const char *output; /* -o */
    int profile_set;    /* --profile was given */
    int split;          /* prep --split */
    int jobs_set;       /* --jobs was given */
    int first_file;     /* argv index of the first FILE */
    int jsonl;          /* prep --in jsonl */
    int skip_bad;       /* prep --skip-bad */
    size_t part_bytes;  /* --part-size: 0 default, SIZE_MAX never */
    const char *learn_model, *model; /* --learn-boilerplate, --boilerplate */
    const char *files_from, *id_field, *text_field; /* prep */
    depeche_filter_options filter; /* prep's dedup and bounds */
    int filtering;                 /* one of them was given */
} cli_args;

/* A command's own options: 0 when handled, -1 when unknown, or an exit
 * code to stop with. */
typedef int (*cli_option_fn)(const char *cmd, int opt, const char *arg,
                             cli_args *a);

/* Parses argv with getopt_long: the common options, -o, --help (prints
 * `help`) and the command's own through `own`.  Returns -1 when the
 * command should run, else the exit code to return. */
int cli_parse(const char *cmd, int argc, char **argv,
              const struct option *longopts, const char *const *help,
              cli_option_fn own, cli_args *a);

/* What a run did, for the summary line. */
typedef struct cli_summary {
    size_t docs, segments, findings, misspellings;
    size_t dropped; /* text blocks removed (site, byline, duplicate...) */
    size_t blanks;  /* blank blocks, apart: they hold no text */
    size_t outputs; /* files written under --split */
    size_t skipped; /* bad documents or records skipped (--skip-bad) */
    int learned;    /* a learning run: a model written, no segments */
    size_t filtered[DEPECHE_DROP_COUNT]; /* dropped by prep's filters */
} cli_summary;

/* Adds a document's segments, blocks and findings to the summary. */
void cli_count_doc(const depeche_doc *d, cli_summary *sum);

/* One output: a file (or standard output) and the writer filling it. */
typedef struct cli_dest {
    cli_output out;
    depeche_writer *w;
} cli_dest;

/* Opens the output and makes its writer; prints why it cannot. */
int cli_dest_open(cli_dest *d, const char *path, char **inputs, int ninputs,
                  const depeche_writer_options *wo);
/* Finishes the writer and closes the stream, leaving the temporary to
 * cli_commit_output; rc is the run's code so far. */
int cli_dest_end(cli_dest *d, int rc);
/* Reports a writer's failure (a failed write is told by cli_end_output). */
int cli_writer_failed(const cli_dest *d, const depeche_error *err);

/* Runs the pipeline on each file (none: standard input) and writes through
 * one writer to `output` (NULL or "-": standard output); with split_ext,
 * `output` is a folder and each document goes to its own file there,
 * named after the input with that extension.  a's --part-size,
 * --learn-boilerplate and --boilerplate apply.  Returns an exit code;
 * stops at the first bad file. */
/* Adds the boilerplate model in file `model` to ctx, or when ctx is NULL
 * to c's context; prints why it cannot. */
int cli_load_boilerplate(const char *model, depeche_context *ctx,
                         depeche_corpus *c);

int cli_run_files(const cli_args *a, depeche_options *o,
                  const depeche_writer_options *wo, char **files, int nfiles,
                  const char *output, const char *split_ext, cli_summary *sum);
