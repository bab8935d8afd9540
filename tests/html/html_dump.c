/* html_dump.c -- prints what the HTML reader and the extractor make of a
 * page: `html_dump PAGE` the kept text, a block a line (what bench/html.sh
 * scores); `html_dump -v PAGE` every block with its verdict and flags (what
 * the tests compare). */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "src/dicts.h"
#include "src/extract.h"
#include "src/html.h"

static const char *const verdict_names[] = {
    "body",        "title",   "hidden",  "navigation", "form",
    "boilerplate", "outside", "caption", "code"};

int
main(int argc, char **argv)
{
    int verbose = argc > 2 && !strcmp(argv[1], "-v");
    if (argc < 2 + verbose) {
        fprintf(stderr, "usage: html_dump [-v] PAGE...\n");
        return 2;
    }
    depeche_extractor *x;
    if (depeche_extractor_new(&x))
        return 1;
    int rc = 0;
    for (int a = 1 + verbose; a < argc; a++) {
        char *bytes;
        size_t len;
        if (depeche_read_file(argv[a], &bytes, &len)) {
            fprintf(stderr, "html_dump: cannot read %s\n", argv[a]);
            rc = 1;
            continue;
        }
        depeche_html *h;
        depeche_error err;
        if (depeche_html_read(bytes, len, 0, depeche_extractor_names(x), &h,
                              &err)) {
            fprintf(stderr, "html_dump: %s: byte %llu: %s\n", argv[a],
                    (unsigned long long)err.byte_offset, err.message);
            free(bytes);
            rc = 1;
            continue;
        }
        uint8_t *v = calloc(h->block_count + 1, 1);
        if (!v || depeche_extract(x, h, v))
            return 1;
        if (verbose)
            printf("charset %s\ntitle %s\nauthor %s\npublished %s\nsite %s\n"
                   "lang %s\n",
                   h->charset_note,
                   h->meta.clean_title ? h->meta.clean_title : "-",
                   h->meta.author ? h->meta.author : "-",
                   h->meta.published ? h->meta.published : "-",
                   h->meta.site_name ? h->meta.site_name : "-",
                   h->meta.lang ? h->meta.lang : "-");
        for (size_t i = 0; i < h->block_count; i++) {
            const depeche_html_block *b = &h->blocks[i];
            if (verbose && getenv("HTML_DUMP_HINTS"))
                printf("[node %u hint %d flags %x] ", b->node, b->hint,
                       b->flags);
            if (verbose)
                printf("%s %llu-%llu %.*s\n", verdict_names[v[i]],
                       (unsigned long long)b->start, (unsigned long long)b->end,
                       (int)b->text_len, depeche_html_block_text(h, i));
            else if (v[i] <= 1)
                printf("%.*s\n", (int)b->text_len,
                       depeche_html_block_text(h, i));
        }
        free(v);
        depeche_html_free(h);
        free(bytes);
    }
    depeche_extractor_free(x);
    return rc;
}
