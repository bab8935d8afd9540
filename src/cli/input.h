/* input.h -- inputs read as streams, plain or compressed (input.c). */
#pragma once

#include <stdint.h>
#include <stdio.h>
#include <zlib.h>
#include <zstd.h>

enum cli_compression { CLI_PLAIN, CLI_GZIP, CLI_ZSTD };

/* A file or standard input, decompressed as it is read when it opens as
 * gzip (1F 8B) or zstd (28 B5 2F FD).  Functions print why they fail and
 * return an exit code: EXIT_IO, or EXIT_BAD_INPUT for corrupt or
 * truncated compressed data (with its byte offset in the file). */
typedef struct cli_stream {
    FILE *f;
    const char *name;
    int is_stdin;
    enum cli_compression kind;
    char *raw; /* bytes read from f, not yet decoded */
    size_t raw_len, raw_pos;
    uint64_t raw_total; /* bytes of f decoded so far */
    int raw_eof;
    z_stream z;
    int z_ready, member_done;
    ZSTD_DStream *zs;
    int zstd_pending; /* a frame is not finished */
} cli_stream;

int cli_stream_open(cli_stream *s, const char *path);
/* Up to n decoded bytes; *got 0 at the end. */
int cli_stream_read(cli_stream *s, char *buf, size_t n, size_t *got);
void cli_stream_close(cli_stream *s);
/* A whole input, decoded, into *data (free() it). */
int cli_stream_slurp(const char *path, char **data, size_t *len);

/* A stream a line at a time.  The line handed out (without its LF) lives
 * until the next call; line_no is its 1-based number and offset the byte
 * where it starts in the decoded stream. */
typedef struct cli_lines {
    cli_stream s;
    char *buf;
    size_t len, cap, start, next;
    uint64_t line_no, offset;
    int eof;
} cli_lines;

int cli_lines_open(cli_lines *l, const char *path);
/* *line NULL at the end. */
int cli_lines_next(cli_lines *l, const char **line, size_t *len);
void cli_lines_close(cli_lines *l);
