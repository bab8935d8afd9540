/* cli.h -- shared by the depeche subcommands.  The CLI is a client of the
 * public API only: it parses arguments, reads files, prints; the library
 * does the work. */
#pragma once

#include <stdio.h>

#include "depeche.h"

/* Exit codes (documented in README.md and `depeche --help`). */
enum {
    EXIT_OK = 0,
    EXIT_FINDINGS = 1, /* spell: a misspelling was found */
    EXIT_USAGE = 2,
    EXIT_BAD_INPUT = 3,
    EXIT_IO = 4 /* I/O or dictionary failure */
};

/* Reads a whole FILE ("-" = stdin) into *data (free() it).  On failure
 * prints `depeche: FILE: reason` and returns EXIT_IO. */
int cli_read_input(const char *path, char **data, size_t *len);

/* Opens -o FILE ("-" or NULL = stdout). */
FILE *cli_open_output(const char *path);
/* Flushes and closes; prints and returns EXIT_IO on failure. */
int cli_close_output(FILE *f, const char *path);

/* The sink for depeche_writer: fwrite to a FILE. */
int cli_file_sink(void *user, const char *bytes, size_t len);

/* Prints `depeche: FILE: byte N: message` (or without the byte) and
 * returns the exit code matching the status. */
int cli_report(const char *file, const depeche_error *err);
int cli_exit_code(depeche_status st);

/* A warn_fn printing `depeche: FILE: byte N: [CODE] message`; user is the
 * file name. */
void cli_warn(void *user, const char *code, uint64_t offset,
              const char *message);

/* Prints the short usage of a command to stderr and returns EXIT_USAGE. */
int cli_usage_error(const char *cmd, const char *fmt, ...)
    __attribute__((format(printf, 2, 3)));

int cmd_prep(int argc, char **argv);
int cmd_clean(int argc, char **argv);
int cmd_normalize(int argc, char **argv);
int cmd_segment(int argc, char **argv);
int cmd_spell(int argc, char **argv);
