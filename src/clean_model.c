/* clean_model.c -- CL-X's statistics kept in a file: a boilerplate model.
 *
 * A learning run counts, for each source, its documents and the documents
 * holding each short line (clean.c, depeche_cleaner_observe); the model is
 * those counts as text, a count a line, keys in order:
 *
 *     depeche boilerplate model 1
 *     s 5c2a61f1a3e4b7d0 120        a source: 120 documents
 *     l 0f3e2d1c4b5a6978 97         a line of a source: in 97 of them
 *
 * Keys are 64-bit hashes (of the source, of the source and the line's
 * key), so a model holds no text.  Loading adds counts to those already
 * there, and a header line may come again: the models of several shards,
 * put one after another (cat), are the model of the whole. */
#include "clean_model.h"

#include <inttypes.h>
#include <stdio.h>
#include <string.h>

#include "buf.h"

static const char header[] = "depeche boilerplate model 1";

typedef struct writing {
    depeche_sink_fn sink;
    void *user;
} writing;

static depeche_status
write_count(void *user, depeche_count_kind kind, uint64_t key, uint32_t count)
{
    writing *w = user;
    char line[64];
    int n = snprintf(line, sizeof line, "%c %016" PRIx64 " %" PRIu32 "\n",
                     kind == DEPECHE_COUNT_SOURCE ? 's' : 'l', key, count);
    return w->sink(w->user, line, (size_t)n) ? DEPECHE_ERR_IO : DEPECHE_OK;
}

depeche_status
depeche_clean_model_save(const depeche_cleaner *c, depeche_sink_fn sink,
                         void *user, depeche_error *err)
{
    writing w = {sink, user};
    depeche_status st =
        sink(user, header, sizeof header - 1) || sink(user, "\n", 1)
            ? DEPECHE_ERR_IO
            : depeche_cleaner_each_count(c, write_count, &w);
    if (st)
        return depeche_fail(err, st, DEPECHE_NO_OFFSET, "%s",
                            st == DEPECHE_ERR_IO ? "the model's sink failed"
                                                 : depeche_strerror(st));
    return DEPECHE_OK;
}

/* Reads `n` hexadecimal digits (n <= 16) of s. */
static int
read_hex(const char *s, size_t n, uint64_t *out)
{
    uint64_t v = 0;
    for (size_t i = 0; i < n; i++) {
        char ch = s[i];
        int d = ch >= '0' && ch <= '9'   ? ch - '0'
                : ch >= 'a' && ch <= 'f' ? ch - 'a' + 10
                                         : -1;
        if (d < 0)
            return -1;
        v = v << 4 | (uint64_t)d;
    }
    *out = v;
    return 0;
}

/* One line of a model (no line break): a header, a count, or a blank. */
static depeche_status
load_line(depeche_cleaner *c, const char *s, size_t n)
{
    if (!n || (n == sizeof header - 1 && !memcmp(s, header, n)))
        return DEPECHE_OK;
    /* "s KEY COUNT": a kind, 16 hex digits, a decimal count. */
    if (n < 20 || (s[0] != 's' && s[0] != 'l') || s[1] != ' ' || s[18] != ' ')
        return DEPECHE_ERR_BAD_INPUT;
    uint64_t key, count = 0;
    if (read_hex(s + 2, 16, &key) || !key || n - 19 > 10)
        return DEPECHE_ERR_BAD_INPUT;
    for (size_t i = 19; i < n; i++) {
        if (s[i] < '0' || s[i] > '9')
            return DEPECHE_ERR_BAD_INPUT;
        count = count * 10 + (uint64_t)(s[i] - '0');
    }
    if (count > UINT32_MAX)
        return DEPECHE_ERR_BAD_INPUT;
    return depeche_cleaner_add_count(
        c, s[0] == 's' ? DEPECHE_COUNT_SOURCE : DEPECHE_COUNT_LINE, key,
        (uint32_t)count);
}

depeche_status
depeche_clean_model_load(depeche_cleaner *c, const char *bytes, size_t len,
                         depeche_error *err)
{
    size_t line = 1;
    for (size_t at = 0; at < len; line++) {
        const char *nl = memchr(bytes + at, '\n', len - at);
        size_t end = nl ? (size_t)(nl - bytes) : len;
        size_t n = end - at;
        if (n && bytes[at + n - 1] == '\r')
            n--;
        depeche_status st = load_line(c, bytes + at, n);
        if (st == DEPECHE_ERR_BAD_INPUT)
            return depeche_fail(err, st, at,
                                "line %zu is not a line of a boilerplate "
                                "model ('%s', then 's' or 'l', a key of 16 "
                                "hex digits, a count)",
                                line, header);
        if (st)
            return depeche_fail(err, st, at, "%s", depeche_strerror(st));
        at = nl ? end + 1 : len;
    }
    return DEPECHE_OK;
}
