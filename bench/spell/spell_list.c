/* spell_list.c -- the speller over a file, as `depeche spell` will run it,
 * for timing against `hunspell -l` and `aspell list`.
 *
 *   spell_list [--suggest full|fast|none] [--dict PATH] FILE
 *
 * --suggest: DEPECHE_SUGGEST_FULL, _FAST (the default) or _NONE.
 * Paragraphs (separated by blank lines) are documents, each line of one a
 * segment.  Prints `LINE:COL: KIND: WORD -> s1, s2, s3` per finding and a
 * summary on stderr. */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "src/dicts.h"
#include "src/spell.h"

typedef struct run {
    const depeche_spell_text *segs;
    const size_t *lineno;
    FILE *out;
    size_t counts[4];
} run;

static int
print_hit(void *user, const depeche_spell_hit *h)
{
    run *r = user;
    const depeche_spell_text *seg = &r->segs[h->segment];
    size_t col = 1;
    for (size_t i = 0; i < h->start; i++)
        col += ((unsigned char)seg->text[i] & 0xC0) != 0x80;
    fprintf(r->out, "%zu:%zu: %s: %.*s", r->lineno[h->segment], col,
            depeche_finding_kind_name(h->kind), (int)(h->end - h->start),
            seg->text + h->start);
    for (size_t i = 0; i < h->suggestion_count && i < 3; i++)
        fprintf(r->out, "%s%s", i ? ", " : " -> ", h->suggestions[i]);
    fputc('\n', r->out);
    r->counts[h->kind]++;
    return 0;
}

int
main(int argc, char **argv)
{
    const char *path = NULL, *dict = NULL;
    int mode = -1; /* the library's default */
    for (int i = 1; i < argc; i++) {
        if (!strcmp(argv[i], "--suggest") && i + 1 < argc) {
            const char *m = argv[++i];
            mode = !strcmp(m, "none")   ? DEPECHE_SUGGEST_NONE
                   : !strcmp(m, "fast") ? DEPECHE_SUGGEST_FAST
                                        : DEPECHE_SUGGEST_FULL;
        } else if (!strcmp(argv[i], "--dict") && i + 1 < argc) {
            dict = argv[++i];
        } else {
            path = argv[i];
        }
    }
    if (!path) {
        fprintf(stderr, "usage: spell_list [--suggest full|fast|none] "
                        "[--dict PATH] FILE\n");
        return 2;
    }
    char *data;
    size_t len;
    if (depeche_read_file(path, &data, &len)) {
        fprintf(stderr, "spell_list: cannot read %s\n", path);
        return 1;
    }
    depeche_options o;
    depeche_options_init(&o);
    o.dict_path = dict;
    depeche_speller *s;
    depeche_error err;
    if (depeche_speller_new(&o, &s, &err)) {
        fprintf(stderr, "spell_list: %s\n", err.message);
        return 1;
    }
    if (mode >= 0)
        depeche_speller_set_suggest(s, mode);
    static char obuf[1 << 16];
    setvbuf(stdout, obuf, _IOFBF, sizeof obuf);
    size_t cap = 64, n = 0, lineno = 0;
    depeche_spell_text *segs = malloc(cap * sizeof *segs);
    size_t *lines = malloc(cap * sizeof *lines);
    run r = {segs, lines, stdout, {0}};
    const char *p = data, *end = data + len;
    while (p <= end) {
        const char *nl = memchr(p, '\n', (size_t)(end - p));
        const char *e = nl ? nl : end;
        lineno++;
        if (e > p) {
            if (n == cap) {
                cap *= 2;
                segs = realloc(segs, cap * sizeof *segs);
                lines = realloc(lines, cap * sizeof *lines);
                if (!segs || !lines)
                    return 1;
            }
            segs[n].text = p;
            segs[n].len = (size_t)(e - p);
            segs[n].kind = DEPECHE_KIND_BODY;
            lines[n++] = lineno;
        }
        if ((e == p || !nl) && n) {
            r.segs = segs;
            r.lineno = lines;
            if (depeche_speller_check(s, segs, n, print_hit, &r, &err)) {
                fprintf(stderr, "spell_list: %s\n", err.message);
                return 1;
            }
            n = 0;
        }
        if (!nl)
            break;
        p = nl + 1;
    }
    fflush(stdout);
    fprintf(stderr,
            "spell_list: %zu misspellings, %zu names, %zu accent, %zu "
            "foreign\n",
            r.counts[0], r.counts[1], r.counts[2], r.counts[3]);
    free(segs);
    free(lines);
    free(data);
    depeche_speller_free(s);
    return r.counts[0] ? 1 : 0;
}
