/* export_driver.c -- builds documents straight from text files, one segment
 * a line, and writes them in one export format, so the exporters can be
 * checked by real clients without the rest of the pipeline.
 *
 *   export_driver FORMAT OUT [options] INPUT...
 *     OUT             output file, or - for stdout
 *     --notes         DEPECHE_WRITE_NOTES, with one made-up finding on the
 *                     first word of every segment
 *     --copy-source   DEPECHE_WRITE_COPY_SOURCE
 *     --lang L        source language (default fr-FR)
 *     --target-lang L target language
 *     --time T        creation time (default 0, for reproducible files)
 *     --meta          hostile metadata on every document
 *     --pairs         bilingual (DEPECHE_WRITE_BILINGUAL, target language
 *                     en-US unless --target-lang says otherwise): the
 *                     inputs go two by two, SOURCE TARGET, and line i of
 *                     one is a unit with line i of the other; a line
 *                     without a partner is a source-only unit.  Every
 *                     third unit needs review; each has a score property
 *     --target-out F  the Moses target lines go to F (required there)
 *
 * A blank line starts a new paragraph; every other line, CR and all, is a
 * segment.  Exit 0 on success, 1 on failure, 2 on bad usage. */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "src/doc.h"

static int
sink(void *user, const char *bytes, size_t len)
{
    return fwrite(bytes, 1, len, (FILE *)user) == len ? 0 : 1;
}

static char *
slurp(const char *path, size_t *len)
{
    FILE *f = fopen(path, "rb");
    if (!f)
        return NULL;
    size_t cap = 1 << 16, n = 0;
    char *b = malloc(cap);
    size_t r;
    while (b && (r = fread(b + n, 1, cap - n, f)) > 0) {
        n += r;
        if (n == cap) {
            char *nb = realloc(b, cap *= 2);
            if (!nb)
                free(b);
            b = nb;
        }
    }
    fclose(f);
    *len = n;
    return b;
}

static depeche_status
build(const char *path, int findings, int meta, depeche_doc **out)
{
    size_t len;
    char *text = slurp(path, &len);
    if (!text)
        return DEPECHE_ERR_IO;
    depeche_doc *d;
    depeche_status st = depeche_doc_create(path, text, len, &d);
    size_t para = 0, start = 0;
    int in_para = 0;
    while (!st && start < len) {
        const char *nl = memchr(text + start, '\n', len - start);
        size_t end = nl ? (size_t)(nl - text) : len;
        if (end == start) {
            if (in_para)
                para++;
            in_para = 0;
        } else {
            size_t seg = d->segment_count;
            st = depeche_doc_add_segment(d, text + start, end - start,
                                         seg == 0 ? DEPECHE_KIND_TITLE
                                                  : DEPECHE_KIND_BODY,
                                         start, end, para);
            in_para = 1;
            size_t w = 0;
            while (w < end - start && text[start + w] != ' ')
                w++;
            if (!st && findings && w > 0) {
                const char *sugg[] = {"<suggestion & co>", "\xC3\x89tats"};
                st = depeche_doc_add_finding(d, DEPECHE_FINDING_MISSPELLING,
                                             text + start, w, start, start + w,
                                             seg, sugg, 2);
            }
        }
        start = end + 1;
    }
    if (!st && findings)
        st = depeche_doc_locate_findings(d);
    if (!st && meta) {
        d->meta.source = "exemple.fr & <co> \"quoted\" 'apos'";
        d->meta.title = "Titre\x01 avec contr\xC3\xB4le \xF0\x9F\x98\x80";
        d->meta.published = "2021-02-24T19:18";
        d->meta.dateline_place = "BAGDAD";
    }
    free(text);
    if (st) {
        depeche_doc_free(d);
        return st;
    }
    *out = d;
    return DEPECHE_OK;
}

/* The next line of text[*at..len) as a unit segment (index *line), or
 * 0 at the end. */
static int
next_line(const char *text, size_t len, size_t *at, size_t *line,
          depeche_unit_segment *v)
{
    if (*at >= len)
        return 0;
    const char *nl = memchr(text + *at, '\n', len - *at);
    size_t end = nl ? (size_t)(nl - text) : len;
    *v = (depeche_unit_segment){text + *at, end - *at, (*line)++, *at, end};
    *at = end + 1;
    return 1;
}

/* One document of units from two line-parallel files. */
static depeche_status
write_pair(depeche_writer *w, const char *src_path, const char *tgt_path,
           depeche_error *err)
{
    size_t slen = 0, tlen = 0;
    char *src = slurp(src_path, &slen), *tgt = slurp(tgt_path, &tlen);
    depeche_status st = src && tgt ? DEPECHE_OK : DEPECHE_ERR_IO;
    char id[512];
    snprintf(id, sizeof id, "%s|%s", src_path, tgt_path);
    if (!st)
        st = depeche_writer_begin_doc(w, id, NULL, err);
    size_t sat = 0, tat = 0, sline = 0, tline = 0;
    depeche_unit_segment sv, tv;
    while (!st && next_line(src, slen, &sat, &sline, &sv)) {
        char score[16];
        snprintf(score, sizeof score, "0.%02zu", 99 - sline % 90);
        depeche_unit_prop prop = {"score", score};
        depeche_unit u = {0};
        u.source = &sv;
        u.source_count = 1;
        u.target_count = next_line(tgt, tlen, &tat, &tline, &tv);
        u.target = u.target_count ? &tv : NULL;
        u.target_state = sline % 3 == 0 ? DEPECHE_TARGET_NEEDS_REVIEW
                                        : DEPECHE_TARGET_TRANSLATED;
        u.kind = sline == 1 ? DEPECHE_KIND_TITLE : DEPECHE_KIND_BODY;
        u.props = &prop;
        u.prop_count = 1;
        st = depeche_writer_add_unit(w, &u, err);
    }
    if (!st)
        st = depeche_writer_end_doc(w, err);
    free(src);
    free(tgt);
    return st;
}

int
main(int argc, char **argv)
{
    if (argc < 4) {
        fprintf(stderr, "usage: export_driver FORMAT OUT [options] INPUT...\n");
        return 2;
    }
    depeche_writer_options wo;
    depeche_writer_options_init(&wo);
    wo.creation_time = 0;
    if (depeche_format_parse(argv[1], &wo.format)) {
        fprintf(stderr, "export_driver: unknown format %s\n", argv[1]);
        return 2;
    }
    int findings = 0, meta = 0, pairs = 0, i = 3;
    const char *target_out = NULL;
    for (; i < argc && strncmp(argv[i], "--", 2) == 0; i++) {
        if (strcmp(argv[i], "--notes") == 0) {
            wo.flags |= DEPECHE_WRITE_NOTES;
            findings = 1;
        } else if (strcmp(argv[i], "--copy-source") == 0) {
            wo.flags |= DEPECHE_WRITE_COPY_SOURCE;
        } else if (strcmp(argv[i], "--pairs") == 0) {
            pairs = 1;
        } else if (i + 1 < argc && strcmp(argv[i], "--target-out") == 0) {
            target_out = argv[++i];
        } else if (strcmp(argv[i], "--meta") == 0) {
            meta = 1;
        } else if (i + 1 < argc && strcmp(argv[i], "--lang") == 0) {
            wo.source_lang = argv[++i];
        } else if (i + 1 < argc && strcmp(argv[i], "--target-lang") == 0) {
            wo.target_lang = argv[++i];
        } else if (i + 1 < argc && strcmp(argv[i], "--time") == 0) {
            wo.creation_time = strtoll(argv[++i], NULL, 10);
        } else {
            fprintf(stderr, "export_driver: bad option %s\n", argv[i]);
            return 2;
        }
    }
    if (pairs) {
        wo.flags |= DEPECHE_WRITE_BILINGUAL;
        if (!wo.target_lang)
            wo.target_lang = "en-US";
    }
    FILE *out = strcmp(argv[2], "-") == 0 ? stdout : fopen(argv[2], "wb");
    if (!out) {
        perror(argv[2]);
        return 1;
    }
    FILE *tout = target_out ? fopen(target_out, "wb") : NULL;
    if (target_out && !tout) {
        perror(target_out);
        return 1;
    }
    wo.target_sink = tout ? sink : NULL;
    wo.target_user = tout;
    depeche_error err = {0};
    depeche_writer *w = NULL;
    depeche_status st = depeche_writer_new(&wo, sink, out, &w, &err);
    for (; !st && pairs && i + 1 < argc; i += 2) {
        st = write_pair(w, argv[i], argv[i + 1], &err);
        if (st == DEPECHE_ERR_IO && !err.message[0])
            snprintf(err.message, sizeof err.message, "cannot read %s or %s",
                     argv[i], argv[i + 1]);
    }
    for (; !st && i < argc; i++) {
        depeche_doc *d = NULL;
        st = build(argv[i], findings, meta, &d);
        if (st) {
            snprintf(err.message, sizeof err.message, "cannot read %s",
                     argv[i]);
            break;
        }
        st = depeche_writer_add(w, d, &err);
        depeche_doc_free(d);
    }
    if (!st)
        st = depeche_writer_finish(w, &err);
    depeche_writer_free(w);
    if (tout && fclose(tout) != 0 && !st) {
        st = DEPECHE_ERR_IO;
        snprintf(err.message, sizeof err.message, "cannot close %s",
                 target_out);
    }
    if (out != stdout && fclose(out) != 0 && !st) {
        st = DEPECHE_ERR_IO;
        snprintf(err.message, sizeof err.message, "cannot close %s", argv[2]);
    }
    if (st) {
        fprintf(stderr, "export_driver: %s\n", err.message);
        return 1;
    }
    return 0;
}
