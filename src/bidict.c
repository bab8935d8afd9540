/* bidict.c -- reading bilingual dictionaries (see bidict.h).
 *
 * dictd format (what Debian's dict-freedict-* packages install): the .index
 * file has one line a headword, `HEADWORD<TAB>OFFSET<TAB>LENGTH`, the
 * numbers in base 64 (A-Z a-z 0-9 + /), giving the entry's bytes in the
 * .dict file; .dict.dz is that file compressed by dictzip, which any gzip
 * reader decompresses whole, so it is read with zlib at load time.  A
 * FreeDict entry is a headword line (`word /IPA/ <pos>`), then either one
 * line of comma-separated translations or numbered senses `1. a, b`, each
 * possibly followed by a gloss or an example in the headword's language:
 * only the first line after the headword and the numbered lines are read
 * as translations. */
#include "bidict.h"

#include <errno.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <zlib.h>

#include "buf.h"
#include "utf8.h"

struct bidict {
    depeche_buf text;  /* NUL-separated words */
    size_t *offsets;   /* 2 a pair: source, target offsets into text */
    size_t count, cap; /* pairs */
};

depeche_status
bidict_new(bidict **out, depeche_error *err)
{
    *out = calloc(1, sizeof **out);
    if (!*out)
        return depeche_fail(err, DEPECHE_ERR_NOMEM, DEPECHE_NO_OFFSET,
                            "out of memory");
    return DEPECHE_OK;
}

size_t
bidict_count(const bidict *d)
{
    return d ? d->count : 0;
}

void
bidict_pair(const bidict *d, size_t i, const char **src, const char **tgt)
{
    *src = d->text.data + d->offsets[2 * i];
    *tgt = d->text.data + d->offsets[2 * i + 1];
}

void
bidict_free(bidict *d)
{
    if (!d)
        return;
    depeche_buf_free(&d->text);
    free(d->offsets);
    free(d);
}

/* A word byte: ASCII letters and digits, and every byte of a non-ASCII
 * character (the aligner's own tokenizer decides more finely). */
static int
is_word_byte(unsigned char c)
{
    return c >= 0x80 || (c >= '0' && c <= '9') ||
           ((c | 32) >= 'a' && (c | 32) <= 'z');
}

/* The words of a phrase: start and length of each, at most `max`. */
static size_t
split_words(const char *s, size_t len, size_t *starts, size_t *lens, size_t max)
{
    size_t n = 0;
    for (size_t i = 0; i < len && n < max;) {
        if (!is_word_byte((unsigned char)s[i])) {
            i++;
            continue;
        }
        size_t j = i;
        while (j < len && is_word_byte((unsigned char)s[j]))
            j++;
        starts[n] = i;
        lens[n++] = j - i;
        i = j;
    }
    return n;
}

static depeche_status
add_word_pair(bidict *d, const char *src, size_t src_len, const char *tgt,
              size_t tgt_len)
{
    if (depeche_grow((void **)&d->offsets, &d->cap, 2 * (d->count + 1),
                     sizeof *d->offsets))
        return DEPECHE_ERR_NOMEM;
    d->offsets[2 * d->count] = d->text.len;
    if (depeche_buf_put(&d->text, src, src_len) ||
        depeche_buf_putc(&d->text, '\0'))
        return DEPECHE_ERR_NOMEM;
    d->offsets[2 * d->count + 1] = d->text.len;
    if (depeche_buf_put(&d->text, tgt, tgt_len) ||
        depeche_buf_putc(&d->text, '\0'))
        return DEPECHE_ERR_NOMEM;
    d->count++;
    return DEPECHE_OK;
}

enum { MAX_PHRASE_WORDS = 8, MIN_PHRASE_WORD = 4 };

depeche_status
bidict_add_phrases(bidict *d, const char *src, size_t src_len, const char *tgt,
                   size_t tgt_len)
{
    size_t ss[MAX_PHRASE_WORDS], sl[MAX_PHRASE_WORDS];
    size_t ts[MAX_PHRASE_WORDS], tl[MAX_PHRASE_WORDS];
    size_t ns = split_words(src, src_len, ss, sl, MAX_PHRASE_WORDS);
    size_t nt = split_words(tgt, tgt_len, ts, tl, MAX_PHRASE_WORDS);
    for (size_t i = 0; i < ns; i++) {
        if (ns > 1 && depeche_utf8_count(src + ss[i], sl[i]) < MIN_PHRASE_WORD)
            continue;
        for (size_t j = 0; j < nt; j++) {
            if (nt > 1 &&
                depeche_utf8_count(tgt + ts[j], tl[j]) < MIN_PHRASE_WORD)
                continue;
            if (add_word_pair(d, src + ss[i], sl[i], tgt + ts[j], tl[j]))
                return DEPECHE_ERR_NOMEM;
        }
    }
    return DEPECHE_OK;
}

/* Reads a whole file, gzip-compressed or not (zlib reads both). */
static depeche_status
read_file(const char *path, depeche_buf *out, depeche_error *err)
{
    gzFile f = gzopen(path, "rb");
    if (!f)
        return depeche_fail(err, DEPECHE_ERR_DICT, DEPECHE_NO_OFFSET,
                            "cannot open %s: %s", path,
                            errno ? strerror(errno) : "out of memory");
    char chunk[65536];
    int n;
    depeche_status st = DEPECHE_OK;
    while ((n = gzread(f, chunk, sizeof chunk)) > 0)
        if (depeche_buf_put(out, chunk, (size_t)n)) {
            st = depeche_fail(err, DEPECHE_ERR_NOMEM, DEPECHE_NO_OFFSET,
                              "out of memory");
            break;
        }
    if (!st && n < 0) {
        int zerr;
        st = depeche_fail(err, DEPECHE_ERR_DICT, (uint64_t)gzoffset(f),
                          "%s: %s", path, gzerror(f, &zerr));
    }
    gzclose(f);
    if (!st && !out->data && depeche_buf_put(out, "", 0))
        st = DEPECHE_ERR_NOMEM;
    return st;
}

/* A dictd base-64 number; -1 when it is not one. */
static long long
dictd_number(const char *s, size_t len)
{
    static const char digits[] =
        "ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789+/";
    long long v = 0;
    if (len == 0 || len > 8)
        return -1;
    for (size_t i = 0; i < len; i++) {
        const char *p = s[i] ? strchr(digits, s[i]) : NULL;
        if (!p)
            return -1;
        v = v * 64 + (p - digits);
    }
    return v;
}

/* The translations of a sense line: comma- or semicolon-separated
 * phrases, after an optional `N. ` sense number. */
static depeche_status
add_sense(bidict *d, const char *head, size_t head_len, const char *line,
          size_t len, int reverse)
{
    size_t i = 0;
    while (i < len && line[i] >= '0' && line[i] <= '9')
        i++;
    if (i > 0 && i + 1 < len && line[i] == '.' && line[i + 1] == ' ')
        i += 2;
    else
        i = 0;
    while (i < len) {
        size_t j = i;
        while (j < len && line[j] != ',' && line[j] != ';')
            j++;
        depeche_status st =
            reverse ? bidict_add_phrases(d, line + i, j - i, head, head_len)
                    : bidict_add_phrases(d, head, head_len, line + i, j - i);
        if (st)
            return st;
        i = j + 1;
    }
    return DEPECHE_OK;
}

static int
is_sense_number(const char *s, size_t len)
{
    size_t i = 0;
    while (i < len && s[i] >= '0' && s[i] <= '9')
        i++;
    return i > 0 && i + 1 < len && s[i] == '.' && s[i + 1] == ' ';
}

/* The headword as the entry writes it (the index folds it: abatjour), up
 * to its pronunciation or part of speech. */
static size_t
entry_headword(const char *e, size_t len)
{
    size_t n = 0;
    while (
        n < len && e[n] != '\n' &&
        !(e[n] == ' ' && n + 1 < len && (e[n + 1] == '/' || e[n + 1] == '<')))
        n++;
    return n;
}

/* One entry: its headword line, then its translation lines. */
static depeche_status
add_dictd_entry(bidict *d, const char *e, size_t len, int reverse)
{
    const char *head = e;
    size_t head_len = entry_headword(e, len);
    size_t line_no = 0;
    for (size_t i = 0; i < len;) {
        size_t j = i;
        while (j < len && e[j] != '\n')
            j++;
        int is_sense =
            line_no == 1 || (line_no > 1 && is_sense_number(e + i, j - i));
        if (is_sense && j > i) {
            depeche_status st =
                add_sense(d, head, head_len, e + i, j - i, reverse);
            if (st)
                return st;
        }
        line_no++;
        i = j + 1;
    }
    return DEPECHE_OK;
}

static depeche_status
parse_dictd_index(bidict *d, const depeche_buf *index, const depeche_buf *dict,
                  const char *index_path, int reverse, depeche_error *err)
{
    const char *s = index->data;
    for (size_t i = 0; i < index->len;) {
        size_t line = i, j = i;
        while (j < index->len && s[j] != '\n')
            j++;
        const char *tab1 = memchr(s + i, '\t', j - i);
        const char *tab2 =
            tab1 ? memchr(tab1 + 1, '\t', (size_t)(s + j - tab1 - 1)) : NULL;
        if (!tab2)
            return depeche_fail(err, DEPECHE_ERR_DICT, line,
                                "%s: not a dictd index line", index_path);
        long long off = dictd_number(tab1 + 1, (size_t)(tab2 - tab1 - 1));
        long long n = dictd_number(tab2 + 1, (size_t)(s + j - tab2 - 1));
        if (off < 0 || n < 0 || (unsigned long long)(off + n) > dict->len)
            return depeche_fail(err, DEPECHE_ERR_DICT, line,
                                "%s: entry outside the dictionary", index_path);
        size_t head_len = (size_t)(tab1 - (s + i));
        /* 00database* entries describe the dictionary itself. */
        if (head_len < 10 || strncmp(s + i, "00database", 10) != 0) {
            depeche_status st =
                add_dictd_entry(d, dict->data + off, (size_t)n, reverse);
            if (st)
                return depeche_fail(err, st, DEPECHE_NO_OFFSET,
                                    "out of memory");
        }
        i = j + 1;
    }
    return DEPECHE_OK;
}

depeche_status
bidict_add_dictd(bidict *d, const char *base, int reverse, depeche_error *err)
{
    depeche_buf path = {0}, index = {0}, dict = {0};
    depeche_status st = DEPECHE_OK;
    if (depeche_buf_printf(&path, "%s.index", base))
        st = depeche_fail(err, DEPECHE_ERR_NOMEM, DEPECHE_NO_OFFSET,
                          "out of memory");
    if (!st)
        st = read_file(path.data, &index, err);
    if (!st) {
        path.len = 0;
        if (depeche_buf_printf(&path, "%s.dict.dz", base))
            st = DEPECHE_ERR_NOMEM;
        else if (read_file(path.data, &dict, NULL)) {
            path.len = 0;
            depeche_buf_clear(&dict);
            st = depeche_buf_printf(&path, "%s.dict", base)
                     ? DEPECHE_ERR_NOMEM
                     : read_file(path.data, &dict, err);
        }
    }
    if (!st) {
        path.len = 0;
        st = depeche_buf_printf(&path, "%s.index", base)
                 ? DEPECHE_ERR_NOMEM
                 : parse_dictd_index(d, &index, &dict, path.data, reverse, err);
    }
    depeche_buf_free(&path);
    depeche_buf_free(&index);
    depeche_buf_free(&dict);
    return st;
}

depeche_status
bidict_add_hunalign(bidict *d, const char *path, depeche_error *err)
{
    depeche_buf text = {0};
    depeche_status st = read_file(path, &text, err);
    for (size_t i = 0; !st && i < text.len;) {
        size_t j = i;
        while (j < text.len && text.data[j] != '\n')
            j++;
        const char *at = memchr(text.data + i, '@', j - i);
        if (!at && j > i) {
            st = depeche_fail(err, DEPECHE_ERR_DICT, i,
                              "%s: a line without ' @ ' (want TARGET @ "
                              "SOURCE)",
                              path);
            break;
        }
        if (at) {
            size_t a = (size_t)(at - text.data);
            if (bidict_add_phrases(d, at + 1, j - a - 1, text.data + i, a - i))
                st = depeche_fail(err, DEPECHE_ERR_NOMEM, DEPECHE_NO_OFFSET,
                                  "out of memory");
        }
        i = j + 1;
    }
    depeche_buf_free(&text);
    return st;
}
