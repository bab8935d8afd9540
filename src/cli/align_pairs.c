/* align_pairs.c -- the pair lists of `depeche align --pairs`. */
#include "align_pairs.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "cli.h"

struct align_pairs {
    const char *name; /* LIST, for messages */
    char *list;       /* its bytes; TSV lines cut in place */
    size_t len;
    size_t *line_start, *line_no; /* a pair's line in LIST, and its number */
    size_t count;
    int jsonl;
    depeche_jsonl *src_reader, *tgt_reader;
};

static int
add_line(align_pairs *p, size_t start, size_t line_no, size_t *cap)
{
    if (p->count == *cap) {
        *cap = *cap ? *cap * 2 : 64;
        size_t *a = realloc(p->line_start, *cap * sizeof *a);
        if (a)
            p->line_start = a;
        size_t *b = realloc(p->line_no, *cap * sizeof *b);
        if (b)
            p->line_no = b;
        if (!a || !b) {
            fprintf(stderr, "depeche: %s: out of memory\n", p->name);
            return EXIT_IO;
        }
    }
    p->line_start[p->count] = start;
    p->line_no[p->count++] = line_no;
    return EXIT_OK;
}

/* Cuts LIST into lines (NUL at each LF) and keeps the non-blank ones. */
static int
index_lines(align_pairs *p)
{
    size_t cap = 0;
    for (size_t i = 0, line = 1; i < p->len; line++) {
        char *nl = memchr(p->list + i, '\n', p->len - i);
        size_t end = nl ? (size_t)(nl - p->list) : p->len;
        p->list[end] = '\0';
        if (end > i && p->list[end - 1] == '\r')
            p->list[end - 1] = '\0';
        int blank = p->list[i + strspn(p->list + i, " \t")] == '\0';
        if (!blank && !p->jsonl && !strchr(p->list + i, '\t')) {
            fprintf(stderr, "depeche: %s: line %zu: want SRC<TAB>TGT\n",
                    p->name, line);
            return EXIT_BAD_INPUT;
        }
        if (!blank) {
            int rc = add_line(p, i, line, &cap);
            if (rc)
                return rc;
        }
        i = end + 1;
    }
    return EXIT_OK;
}

int
align_pairs_open(const char *list, int jsonl, align_pairs **out)
{
    align_pairs *p = calloc(1, sizeof *p);
    *out = p;
    if (!p) {
        fprintf(stderr, "depeche: %s: out of memory\n", list);
        return EXIT_IO;
    }
    p->name = list;
    p->jsonl = jsonl;
    depeche_error err;
    if (jsonl && (depeche_jsonl_new("id", "src", &p->src_reader, &err) ||
                  depeche_jsonl_new("id", "tgt", &p->tgt_reader, &err)))
        return cli_report(list, &err);
    char *data = NULL;
    int rc = cli_read_input(list, &data, &p->len);
    if (rc)
        return rc;
    /* One byte more, for the NUL that ends the last line. */
    p->list = realloc(data, p->len + 1);
    if (!p->list) {
        free(data);
        fprintf(stderr, "depeche: %s: out of memory\n", list);
        return EXIT_IO;
    }
    return index_lines(p);
}

size_t
align_pairs_count(const align_pairs *p)
{
    return p->count;
}

static char *
copy_bytes(const char *s, size_t n)
{
    char *c = malloc(n + 1);
    if (c) {
        if (n)
            memcpy(c, s, n);
        c[n] = '\0';
    }
    return c;
}

/* A record's two texts, and its id (or LIST:LINE) for both names. */
static int
load_record(align_pairs *p, size_t k, pair_text *out)
{
    const char *line = p->list + p->line_start[k];
    size_t len = strlen(line);
    depeche_jsonl_record src, tgt;
    depeche_error err;
    if (depeche_jsonl_parse(p->src_reader, line, len, &src, &err) ||
        depeche_jsonl_parse(p->tgt_reader, line, len, &tgt, &err)) {
        fprintf(stderr, "depeche: %s: line %zu, byte %llu: %s\n", p->name,
                p->line_no[k], (unsigned long long)err.byte_offset,
                err.message);
        return EXIT_BAD_INPUT;
    }
    char where[64];
    int n = snprintf(where, sizeof where, ":%zu", p->line_no[k]);
    size_t name_len = src.id ? src.id_len : strlen(p->name) + (size_t)n;
    out->src_name = malloc(name_len + 1);
    if (out->src_name && src.id)
        memcpy(out->src_name, src.id, name_len);
    else if (out->src_name)
        snprintf(out->src_name, name_len + 1, "%s%s", p->name, where);
    if (out->src_name)
        out->src_name[name_len] = '\0';
    out->tgt_name = out->src_name ? copy_bytes(out->src_name, name_len) : NULL;
    out->src = copy_bytes(src.text, src.text_len);
    out->tgt = copy_bytes(tgt.text, tgt.text_len);
    out->src_len = src.text_len;
    out->tgt_len = tgt.text_len;
    if (!out->src_name || !out->tgt_name || !out->src || !out->tgt) {
        fprintf(stderr, "depeche: %s: out of memory\n", p->name);
        return EXIT_IO;
    }
    return EXIT_OK;
}

/* A TSV line's two files, read whole. */
static int
load_files(align_pairs *p, size_t k, pair_text *out)
{
    const char *line = p->list + p->line_start[k];
    const char *tab = strchr(line, '\t');
    out->src_name = copy_bytes(line, (size_t)(tab - line));
    out->tgt_name = copy_bytes(tab + 1, strlen(tab + 1));
    if (!out->src_name || !out->tgt_name) {
        fprintf(stderr, "depeche: %s: out of memory\n", p->name);
        return EXIT_IO;
    }
    int rc = cli_read_input(out->src_name, &out->src, &out->src_len);
    return rc ? rc : cli_read_input(out->tgt_name, &out->tgt, &out->tgt_len);
}

int
align_pairs_load(align_pairs *p, size_t k, pair_text *out)
{
    memset(out, 0, sizeof *out);
    int rc = p->jsonl ? load_record(p, k, out) : load_files(p, k, out);
    if (rc)
        pair_text_free(out);
    return rc;
}

void
pair_text_free(pair_text *t)
{
    free(t->src_name);
    free(t->tgt_name);
    free(t->src);
    free(t->tgt);
    memset(t, 0, sizeof *t);
}

void
align_pairs_free(align_pairs *p)
{
    if (!p)
        return;
    depeche_jsonl_free(p->src_reader);
    depeche_jsonl_free(p->tgt_reader);
    free(p->list);
    free(p->line_start);
    free(p->line_no);
    free(p);
}
