/* fuzz_pipeline.c -- the whole pipeline into every export format.
 *
 * The first input byte picks the profile and whether the clean stage runs;
 * the rest is one document, read with DEPECHE_LOSSY so that any bytes get
 * through.  Every format is written for it and re-read: the XML ones by
 * libxml2 (well-formed, no recovery), the JSONL ones by a JSON reader of
 * our own, and every byte of every format must be valid UTF-8.
 *
 * Built twice: fuzz_pipeline skips the spell stage (DEPECHE_NO_SPELL, for
 * speed); fuzz_pipeline_spell (FUZZ_WITH_SPELL) loads the system French
 * dictionary and asks for no suggestions, so that findings reach the
 * notes and reports at an affordable cost. */
#include <libxml/parser.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "check.h"
#include "depeche.h"

enum { PROFILES = 3 };

/* One pipeline per profile and clean setting, made once: loading the
 * dictionary per input would be all the fuzzer measures. */
static depeche_pipeline *pipelines[PROFILES][2];

static depeche_pipeline *
make_pipeline(depeche_profile profile, int no_clean)
{
    depeche_options opts;
    depeche_options_init(&opts);
    opts.profile = profile;
    opts.flags = DEPECHE_LOSSY | (no_clean ? DEPECHE_NO_CLEAN : 0);
#ifdef FUZZ_WITH_SPELL
    opts.suggest = DEPECHE_SUGGEST_NONE;
#else
    opts.flags |= DEPECHE_NO_SPELL;
#endif
    depeche_pipeline *p = NULL;
    depeche_error err;
    if (depeche_pipeline_new(&opts, &p, &err) != DEPECHE_OK) {
        fprintf(stderr, "fuzz_pipeline: %s\n", err.message);
        exit(1);
    }
    return p;
}

static void
quiet_xml_errors(void *ctx, const char *msg, ...)
{
    (void)ctx;
    (void)msg;
}

int LLVMFuzzerInitialize(int *argc, char ***argv);
int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size);

int
LLVMFuzzerInitialize(int *argc, char ***argv)
{
    (void)argc;
    (void)argv;
    xmlInitParser();
    xmlSetGenericErrorFunc(NULL, quiet_xml_errors);
    for (int p = 0; p < PROFILES; p++)
        for (int c = 0; c < 2; c++)
            pipelines[p][c] = make_pipeline((depeche_profile)p, c);
    return 0;
}

static int
is_xml(depeche_format f)
{
    return f == DEPECHE_FORMAT_TMX || f == DEPECHE_FORMAT_XLIFF ||
           f == DEPECHE_FORMAT_XLIFF2;
}

static int
is_jsonl(depeche_format f)
{
    return f == DEPECHE_FORMAT_JSONL || f == DEPECHE_FORMAT_CLEAN_JSONL ||
           f == DEPECHE_FORMAT_SPELL_JSONL;
}

/* Well-formed XML: libxml2 parses it without recovery.  No network, no
 * entity expansion: the writers reference no DTD. */
static int
xml_well_formed(const fuzz_buf *out)
{
    xmlDocPtr doc = xmlReadMemory(out->data, (int)out->len, "export.xml", NULL,
                                  XML_PARSE_NONET | XML_PARSE_NOERROR |
                                      XML_PARSE_NOWARNING);
    if (!doc)
        return 0;
    xmlFreeDoc(doc);
    return 1;
}

static void
write_and_check(const depeche_doc *doc, depeche_format format, unsigned flags)
{
    depeche_writer_options wopts;
    depeche_writer_options_init(&wopts);
    wopts.format = format;
    wopts.target_lang = "en-GB";
    wopts.creation_time = 0;
    wopts.flags = flags;
    fuzz_buf out = {0};
    depeche_writer *w = NULL;
    depeche_error err;
    FUZZ_REQUIRE(depeche_writer_new(&wopts, fuzz_buf_sink, &out, &w, &err) ==
                     DEPECHE_OK,
                 "writer_new");
    FUZZ_REQUIRE(depeche_writer_add(w, doc, &err) == DEPECHE_OK, "writer_add");
    FUZZ_REQUIRE(depeche_writer_finish(w, &err) == DEPECHE_OK, "writer_finish");
    depeche_writer_free(w);
    FUZZ_REQUIRE(fuzz_utf8_valid(out.data, out.len), "export is UTF-8");
    if (is_xml(format))
        FUZZ_REQUIRE(xml_well_formed(&out), "XML export is well-formed");
    if (is_jsonl(format))
        FUZZ_REQUIRE(fuzz_jsonl_valid(out.data, out.len),
                     "JSONL export is one JSON object a line");
    fuzz_buf_free(&out);
}

int
LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
    if (size < 1)
        return 0;
    int profile = data[0] % PROFILES, no_clean = (data[0] >> 2) & 1;
    /* Flags differ by format; asking each writer for all of them covers
     * notes, copied targets and contexts in one pass. */
    unsigned flags =
        DEPECHE_WRITE_NOTES | DEPECHE_WRITE_COPY_SOURCE | DEPECHE_WRITE_CONTEXT;
    if (data[0] & 8)
        flags = 0;
    depeche_doc *doc = NULL;
    depeche_error err;
    depeche_status st =
        depeche_process(pipelines[profile][no_clean], "fuzz",
                        (const char *)data + 1, size - 1, &doc, &err);
    /* Lossy reading takes any bytes; only a size limit may refuse them. */
    FUZZ_REQUIRE(st == DEPECHE_OK || st == DEPECHE_ERR_LIMIT ||
                     (st == DEPECHE_ERR_BAD_INPUT && err.byte_offset == 0),
                 "lossy process accepts any input but UTF-16/32");
    if (st != DEPECHE_OK)
        return 0;
    for (int f = DEPECHE_FORMAT_TMX; f <= DEPECHE_FORMAT_SPELL_JSONL; f++)
        write_and_check(doc, (depeche_format)f, flags);
    depeche_doc_free(doc);
    return 0;
}
