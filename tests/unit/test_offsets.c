/* test_offsets.c -- code-point offsets beside byte offsets: the converting
 * call depeche_cp_offsets and the cp_start/cp_end fields of a document's
 * segments and findings, on accented text. */
#include <stdint.h>
#include <stdlib.h>
#include <string.h>

#include "depeche.h"
#include "harness.h"

static void
test_convert(void)
{
    /* É(2 bytes) l è(2) v e, space, à(2), space: "Élève à l'…" */
    static const char text[] = "\xC3\x89l\xC3\xA8ve \xC3\xA0 l'\xC3\xA9"
                               "cole\xE2\x80\xA6";
    size_t len = sizeof text - 1;
    uint64_t off[] = {0, 2, 3, 5, 7, 8, 10, 12, 13, len, len + 9, 4, 2};
    static const uint64_t want[] = {0, 1, 2, 3, 5, 6, 7, 9, 10, 16, 16, 3, 1};
    depeche_cp_offsets(text, len, off, sizeof off / sizeof *off);
    for (size_t i = 0; i < sizeof want / sizeof *want; i++)
        CHECK_INT(off[i], want[i]); /* 4, inside è: è started before it */

    /* ill-formed bytes count one each, as the U+FFFD they read as: a lone
     * 0xFF, a cut sequence (E2 82: one maximal subpart), a lone 0x80 */
    static const char bad[] = "a\xFF"
                              "b\xE2\x82"
                              "c\x80"
                              "d";
    uint64_t b[] = {2, 3, 5, 6, 7, 8};
    depeche_cp_offsets(bad, sizeof bad - 1, b, 6);
    static const uint64_t bwant[] = {2, 3, 4, 5, 6, 7};
    for (size_t i = 0; i < 6; i++)
        CHECK_INT(b[i], bwant[i]);
    depeche_cp_offsets(NULL, 0, b, 1);
    CHECK_INT(b[0], 0);
}

/* The code points of in[0, byte): what a Python caller's len(s[:k]) is. */
static uint64_t
cps_before(const char *in, uint64_t byte)
{
    uint64_t n = 0;
    for (uint64_t i = 0; i < byte; i++)
        n += ((unsigned char)in[i] & 0xC0) != 0x80;
    return n;
}

static void
test_doc(void)
{
    static const char in[] = "\xC3\x89t\xC3\xA9 \xC3\xA0 P\xC3\xA9kin.  "
                             "L'\xC3\xA9l\xC3\xA8ve \xC3\xA9"
                             "crit "
                             "\xC2\xAB bonjour \xC2\xBB.\n"
                             "\n\xE2\x80\x94 Fin\xE2\x80\xA6 Oui.\n";
    depeche_options o;
    depeche_options_init(&o);
    o.flags = DEPECHE_NO_CLEAN | DEPECHE_NO_SPELL;
    depeche_pipeline *p = NULL;
    depeche_error err;
    CHECK_INT(depeche_pipeline_new(&o, &p, &err), DEPECHE_OK);
    depeche_doc *d = NULL;
    CHECK_INT(depeche_process(p, "x", in, sizeof in - 1, &d, &err), DEPECHE_OK);
    size_t n = d ? depeche_doc_segment_count(d) : 0;
    CHECK_INT(n, 4);
    for (size_t i = 0; i < n; i++) {
        const depeche_segment *s = depeche_doc_segment(d, i);
        CHECK_INT(s->cp_start, cps_before(in, s->start));
        CHECK_INT(s->cp_end, cps_before(in, s->end));
    }
    if (n == 4) { /* "L'élève écrit « bonjour »." starts at code point 14 */
        CHECK_INT(depeche_doc_segment(d, 1)->cp_start, 14);
        CHECK_INT(depeche_doc_segment(d, 1)->cp_end, 40);
        CHECK_INT(depeche_doc_segment(d, 2)->cp_start, 42);
    }
    depeche_doc_free(d);
    depeche_pipeline_free(p);
}

/* Findings too (needs the French dictionary: skipped without one). */
static void
test_findings(void)
{
    static const char in[] = "\xC3\x80 P\xC3\xA9kin, le pr\xC3\xA9sidnet "
                             "a parl\xC3\xA9 \xC3\xA0 Zxqwyville.\n";
    depeche_options o;
    depeche_options_init(&o);
    o.flags = DEPECHE_NO_CLEAN;
    depeche_pipeline *p = NULL;
    depeche_error err;
    if (depeche_pipeline_new(&o, &p, &err) != DEPECHE_OK) {
        fprintf(stderr, "findings skipped: %s\n", err.message);
        return;
    }
    depeche_doc *d = NULL;
    CHECK_INT(depeche_process(p, "x", in, sizeof in - 1, &d, &err), DEPECHE_OK);
    size_t n = d ? depeche_doc_finding_count(d) : 0;
    CHECK(n >= 1);
    for (size_t i = 0; i < n; i++) {
        const depeche_finding *f = depeche_doc_finding(d, i);
        CHECK_INT(f->cp_start, cps_before(in, f->start));
        CHECK_INT(f->cp_end, cps_before(in, f->end));
        CHECK_INT(f->cp_start + 1, f->column); /* one line: column agrees */
        if (strcmp(f->word, "pr\xC3\xA9sidnet") == 0) {
            CHECK_INT(f->cp_start, 12);
            CHECK_INT(f->cp_end, 21);
        }
    }
    depeche_doc_free(d);
    depeche_pipeline_free(p);
}

int
main(void)
{
    test_convert();
    test_doc();
    test_findings();
    return harness_done();
}
