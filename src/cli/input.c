/* input.c -- inputs read as streams: plain, gzip or zstd (told by their
 * first bytes, so standard input works too), whole or a line at a time. */
#include <errno.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <zlib.h>
#include <zstd.h>

#include "cli.h"
#include "input.h"

enum { RAW_CHUNK = 1 << 16 };

static int
io_error(cli_stream *s, const char *why)
{
    fprintf(stderr, "depeche: %s: %s\n", s->name, why);
    return EXIT_IO;
}

/* Reads more compressed (or plain) bytes into s->raw; sets raw_eof. */
static int
fill_raw(cli_stream *s)
{
    if (s->raw_pos > 0) {
        memmove(s->raw, s->raw + s->raw_pos, s->raw_len - s->raw_pos);
        s->raw_len -= s->raw_pos;
        s->raw_pos = 0;
    }
    size_t got = fread(s->raw + s->raw_len, 1, RAW_CHUNK - s->raw_len, s->f);
    s->raw_len += got;
    if (got == 0 && ferror(s->f))
        return io_error(s, strerror(errno));
    s->raw_eof = got == 0;
    return EXIT_OK;
}

int
cli_stream_open(cli_stream *s, const char *path)
{
    memset(s, 0, sizeof *s);
    s->is_stdin = !path || !strcmp(path, "-");
    s->name = s->is_stdin ? "-" : path;
    if (s->is_stdin) {
        s->f = stdin;
    } else {
        struct stat sb;
        if (stat(path, &sb) == 0 && S_ISDIR(sb.st_mode)) {
            fprintf(stderr, "depeche: %s: is a directory, not a file\n", path);
            return EXIT_IO;
        }
        if (!(s->f = fopen(path, "rb")))
            return io_error(s, strerror(errno));
    }
    if (!(s->raw = malloc(RAW_CHUNK))) {
        cli_stream_close(s);
        return io_error(s, "out of memory");
    }
    int rc = fill_raw(s);
    while (!rc && s->raw_len < 4 && !s->raw_eof)
        rc = fill_raw(s);
    if (rc) {
        cli_stream_close(s);
        return rc;
    }
    const unsigned char *m = (const unsigned char *)s->raw;
    if (s->raw_len >= 2 && m[0] == 0x1F && m[1] == 0x8B) {
        s->kind = CLI_GZIP;
        /* 32: a gzip header; members follow one another (see read). */
        if (inflateInit2(&s->z, 15 + 32) != Z_OK) {
            cli_stream_close(s);
            return io_error(s, "cannot start gzip decoding");
        }
        s->z_ready = 1;
    } else if (s->raw_len >= 4 && m[0] == 0x28 && m[1] == 0xB5 &&
               m[2] == 0x2F && m[3] == 0xFD) {
        s->kind = CLI_ZSTD;
        if (!(s->zs = ZSTD_createDStream())) {
            cli_stream_close(s);
            return io_error(s, "cannot start zstd decoding");
        }
    }
    return EXIT_OK;
}

static int
truncated(cli_stream *s)
{
    fprintf(stderr,
            "depeche: %s: byte %llu: the compressed data ends early (a "
            "truncated file?)\n",
            s->name, (unsigned long long)s->raw_total);
    return EXIT_BAD_INPUT;
}

static int
read_gzip(cli_stream *s, char *buf, size_t n, size_t *got)
{
    s->z.next_out = (Bytef *)buf;
    s->z.avail_out = (uInt)n;
    while (s->z.avail_out == n) {
        if (s->raw_pos == s->raw_len) {
            int rc = fill_raw(s);
            if (rc)
                return rc;
            if (s->raw_eof)
                return s->member_done ? EXIT_OK : truncated(s);
        }
        if (s->member_done) { /* another gzip member follows */
            inflateReset(&s->z);
            s->member_done = 0;
        }
        s->z.next_in = (Bytef *)s->raw + s->raw_pos;
        s->z.avail_in = (uInt)(s->raw_len - s->raw_pos);
        int zr = inflate(&s->z, Z_NO_FLUSH);
        size_t used = s->raw_len - s->raw_pos - s->z.avail_in;
        s->raw_pos += used;
        s->raw_total += used;
        if (zr == Z_STREAM_END)
            s->member_done = 1;
        else if (zr != Z_OK && zr != Z_BUF_ERROR) {
            fprintf(stderr, "depeche: %s: byte %llu: bad gzip data: %s\n",
                    s->name, (unsigned long long)s->raw_total,
                    s->z.msg ? s->z.msg : "corrupt");
            return EXIT_BAD_INPUT;
        }
    }
    *got = n - s->z.avail_out;
    return EXIT_OK;
}

static int
read_zstd(cli_stream *s, char *buf, size_t n, size_t *got)
{
    ZSTD_outBuffer out = {buf, n, 0};
    while (out.pos == 0) {
        if (s->raw_pos == s->raw_len) {
            int rc = fill_raw(s);
            if (rc)
                return rc;
            if (s->raw_eof)
                return s->zstd_pending ? truncated(s) : EXIT_OK;
        }
        ZSTD_inBuffer in = {s->raw + s->raw_pos, s->raw_len - s->raw_pos, 0};
        size_t zr = ZSTD_decompressStream(s->zs, &out, &in);
        s->raw_pos += in.pos;
        s->raw_total += in.pos;
        if (ZSTD_isError(zr)) {
            fprintf(stderr, "depeche: %s: byte %llu: bad zstd data: %s\n",
                    s->name, (unsigned long long)s->raw_total,
                    ZSTD_getErrorName(zr));
            return EXIT_BAD_INPUT;
        }
        s->zstd_pending = zr != 0;
    }
    *got = out.pos;
    return EXIT_OK;
}

int
cli_stream_read(cli_stream *s, char *buf, size_t n, size_t *got)
{
    *got = 0;
    if (n == 0)
        return EXIT_OK;
    if (s->kind == CLI_GZIP)
        return read_gzip(s, buf, n, got);
    if (s->kind == CLI_ZSTD)
        return read_zstd(s, buf, n, got);
    if (s->raw_pos == s->raw_len && !s->raw_eof) {
        int rc = fill_raw(s);
        if (rc)
            return rc;
    }
    size_t k = s->raw_len - s->raw_pos < n ? s->raw_len - s->raw_pos : n;
    memcpy(buf, s->raw + s->raw_pos, k);
    s->raw_pos += k;
    s->raw_total += k;
    *got = k;
    return EXIT_OK;
}

void
cli_stream_close(cli_stream *s)
{
    if (s->f && !s->is_stdin)
        fclose(s->f);
    if (s->z_ready)
        inflateEnd(&s->z);
    ZSTD_freeDStream(s->zs);
    free(s->raw);
    const char *name = s->name;
    memset(s, 0, sizeof *s);
    s->name = name;
}

int
cli_stream_slurp(const char *path, char **data, size_t *len)
{
    cli_stream s;
    int rc = cli_stream_open(&s, path);
    if (rc)
        return rc;
    size_t n = 0, cap = 1 << 16;
    char *buf = malloc(cap);
    while (buf && !rc) {
        if (cap - n < RAW_CHUNK) {
            char *p = realloc(buf, cap * 2);
            if (!p)
                break;
            buf = p;
            cap *= 2;
        }
        size_t got;
        rc = cli_stream_read(&s, buf + n, cap - n, &got);
        n += got;
        if (!rc && got == 0)
            break;
    }
    if (!rc && (!buf || cap - n < RAW_CHUNK))
        rc = io_error(&s, "out of memory");
    cli_stream_close(&s);
    if (rc) {
        free(buf);
        return rc;
    }
    *data = buf;
    *len = n;
    return EXIT_OK;
}

/* ---- lines ------------------------------------------------------------- */

int
cli_lines_open(cli_lines *l, const char *path)
{
    memset(l, 0, sizeof *l);
    return cli_stream_open(&l->s, path);
}

int
cli_lines_next(cli_lines *l, const char **line, size_t *len)
{
    *line = NULL;
    *len = 0;
    /* Drop the line handed out last time. */
    l->offset += l->next - l->start;
    l->start = l->next;
    for (;;) {
        char *nl = l->len > l->next
                       ? memchr(l->buf + l->next, '\n', l->len - l->next)
                       : NULL;
        if (nl || (l->eof && l->len > l->start)) {
            size_t end = nl ? (size_t)(nl - l->buf) : l->len;
            *line = l->buf + l->start;
            *len = end - l->start;
            l->next = nl ? end + 1 : end;
            l->line_no++;
            return EXIT_OK;
        }
        if (l->eof)
            return EXIT_OK;
        /* Keep the partial line at the front; grow when it fills all. */
        memmove(l->buf, l->buf + l->start, l->len - l->start);
        l->len -= l->start;
        l->next = l->len;
        l->start = 0;
        if (l->cap - l->len < RAW_CHUNK) {
            size_t ncap = l->cap ? l->cap * 2 : 4 * RAW_CHUNK;
            char *p = realloc(l->buf, ncap);
            if (!p)
                return io_error(&l->s, "out of memory (a very long line?)");
            l->buf = p;
            l->cap = ncap;
        }
        size_t got;
        int rc = cli_stream_read(&l->s, l->buf + l->len, l->cap - l->len, &got);
        if (rc)
            return rc;
        l->len += got;
        l->eof = got == 0;
    }
}

void
cli_lines_close(cli_lines *l)
{
    cli_stream_close(&l->s);
    free(l->buf);
    l->buf = NULL;
}
