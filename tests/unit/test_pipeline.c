/* test_pipeline.c -- the public API end to end: offsets point into the
 * original input whatever the stages changed; errors carry offsets. */
#include <stdlib.h>
#include <string.h>

#include "depeche.h"
#include "harness.h"

/* Under AddressSanitizer a failed allocation returns NULL, as in
 * production, instead of stopping the test. */
const char *__asan_default_options(void);
const char *
__asan_default_options(void)
{
    return "allocator_may_return_null=1";
}

static depeche_pipeline *
pipeline(depeche_profile profile, unsigned flags)
{
    depeche_options o;
    depeche_options_init(&o);
    o.profile = profile;
    o.flags = flags | DEPECHE_NO_SPELL;
    depeche_pipeline *p = NULL;
    depeche_error err;
    CHECK(depeche_pipeline_new(&o, &p, &err) == DEPECHE_OK);
    return p;
}

/* Each segment's byte range holds its text, give or take what the
 * profile changes: the plain ASCII letters must match, in order (a letter
 * carrying a combining mark, U+0300..U+036F, is composed by NFC). */
static int
plain_letter(const char *s, size_t n, size_t i)
{
    int letter = (s[i] | 0x20) >= 'a' && (s[i] | 0x20) <= 'z';
    int marked = i + 1 < n && ((unsigned char)s[i + 1] == 0xCC ||
                               (unsigned char)s[i + 1] == 0xCD);
    return letter && !marked;
}

static int
same_alnum(const char *a, size_t an, const char *b, size_t bn)
{
    size_t i = 0, j = 0;
    for (;;) {
        while (i < an && !plain_letter(a, an, i))
            i++;
        while (j < bn && !plain_letter(b, bn, j))
            j++;
        if (i == an || j == bn)
            return i == an && j == bn;
        if (a[i++] != b[j++])
            return 0;
    }
}

static void
test_offsets(depeche_profile profile)
{
    const char in[] =
        "Un titre sans point\r\n\r\n"
        "PARIS, 3 mars (AFP) -- M. Dupont l'a dit : \"Oui\".  Puis il est "
        "parti\xE2\x80\xA6 Enfin, non.\r\n"
        "\xC2\xA0\r\n"
        "Un  autre   paragraphe , avec e\xCC\x81te\xCC\x81 ici.\n";
    depeche_pipeline *p = pipeline(profile, 0);
    depeche_doc *d = NULL;
    depeche_error err;
    CHECK(depeche_process(p, "doc", in, sizeof in - 1, &d, &err) == DEPECHE_OK);
    CHECK_INT(depeche_doc_segment_count(d), 6);
    for (size_t i = 0; i < depeche_doc_segment_count(d); i++) {
        const depeche_segment *s = depeche_doc_segment(d, i);
        CHECK(s->start < s->end && s->end <= sizeof in - 1);
        CHECK(strlen(s->text) == s->len);
        CHECK(!strchr(s->text, '\n'));
        if (!same_alnum(in + s->start, s->end - s->start, s->text, s->len))
            fprintf(stderr, "segment %zu: \"%s\" vs \"%.*s\"\n", i, s->text,
                    (int)(s->end - s->start), in + s->start);
        CHECK(same_alnum(in + s->start, s->end - s->start, s->text, s->len));
    }
    CHECK_INT(depeche_doc_segment(d, 0)->kind, DEPECHE_KIND_TITLE);
    CHECK_INT(depeche_doc_segment(d, 1)->kind, DEPECHE_KIND_DATELINE);
    CHECK_STR(depeche_doc_meta(d)->dateline_agency, "AFP");
    uint32_t line, col;
    depeche_doc_line_col(d, depeche_doc_segment(d, 5)->start, &line, &col);
    CHECK_INT(line, 5);
    CHECK_INT(col, 1);
    depeche_doc_free(d);
    depeche_pipeline_free(p);
}

/* Line and column count CRLF, CR and LF alike, columns in code points. */
static void
test_line_col(void)
{
    const char in[] = "a\r\nb\rc\n\xC3\xA9t\xC3\xA9 ici\r\nfin";
    depeche_pipeline *p = pipeline(DEPECHE_PROFILE_MINIMAL, DEPECHE_NO_CLEAN);
    depeche_doc *d = NULL;
    CHECK(!depeche_process(p, "x", in, sizeof in - 1, &d, NULL));
    uint32_t line, col;
    depeche_doc_line_col(d, (uint64_t)(strstr(in, "ici") - in), &line, &col);
    CHECK_INT(line, 4);
    CHECK_INT(col, 5);
    depeche_doc_line_col(d, (uint64_t)(strstr(in, "fin") - in), &line, &col);
    CHECK_INT(line, 5);
    CHECK_INT(col, 1);
    depeche_doc_free(d);
    depeche_pipeline_free(p);
}

/* Issue 11: one definition of lines and paragraphs (src/utf8.h).  U+2028
 * and U+2029 end lines for line numbers too; a paragraph is what a blank
 * line or U+2029 ends, whatever blocks the clean stage cut. */
static void
test_lines_and_paragraphs(void)
{
    const char in[] = "Un. Deux.\nTrois.\n \t\nQuatre\xE2\x80\xA8"
                      "cinq.\xE2\x80\xA9Six.\r\n\r\nSept ici.";
    depeche_pipeline *p = pipeline(DEPECHE_PROFILE_MINIMAL, DEPECHE_NO_CLEAN);
    depeche_doc *d = NULL;
    CHECK(!depeche_process(p, "x", in, sizeof in - 1, &d, NULL));
    static const char *const text[] = {"Un.",   "Deux.", "Trois.",   "Quatre",
                                       "cinq.", "Six.",  "Sept ici."};
    static const size_t para[] = {0, 0, 0, 1, 1, 2, 3};
    CHECK_INT(depeche_doc_segment_count(d), 7);
    for (size_t i = 0; i < 7 && i < depeche_doc_segment_count(d); i++) {
        CHECK_STR(depeche_doc_segment(d, i)->text, text[i]);
        CHECK_INT(depeche_doc_segment(d, i)->paragraph, para[i]);
    }
    uint32_t line, col;
    depeche_doc_line_col(d, (uint64_t)(strstr(in, "cinq") - in), &line, &col);
    CHECK_INT(line, 5);
    CHECK_INT(col, 1);
    depeche_doc_line_col(d, (uint64_t)(strstr(in, "ici") - in), &line, &col);
    CHECK_INT(line, 8);
    CHECK_INT(col, 6);
    depeche_doc_free(d);
    depeche_pipeline_free(p);
}

/* What warn_fn told: "CODE@offset " each, and where each DEPECHE-009
 * says its text was and what it was (the message ends "dropped TEXT"). */
typedef struct told {
    char codes[256];
    uint64_t at[8];
    char text[8][32];
    size_t drops;
} told;

static void
on_warn(void *user, const char *code, uint64_t offset, const char *message)
{
    told *t = user;
    size_t n = strlen(t->codes);
    snprintf(t->codes + n, sizeof t->codes - n, "%s@%llu ", code,
             (unsigned long long)offset);
    const char *text = strstr(message, "dropped ");
    if (strcmp(code, "DEPECHE-009") || !text || t->drops == 8)
        return;
    t->at[t->drops] = offset;
    snprintf(t->text[t->drops++], sizeof t->text[0], "%s", text + 8);
}

static void
append_nonspace(char *out, size_t cap, const char *s, size_t n)
{
    size_t k = strlen(out);
    for (size_t i = 0; i < n && k + 1 < cap; i++)
        if (s[i] != ' ' && s[i] != '\n')
            out[k++] = s[i];
    out[k] = '\0';
}

/* Issue 17: text with no letter or digit is no segment.  After a sentence
 * of its line it ends that sentence; alone in its line it is dropped,
 * reported with its offset and text, and makes no paragraph; either way no
 * character of the input is lost. */
static void
test_no_bare_segments(void)
{
    const char in[] = "Il a parl\xC3\xA9 longtemps... .\n"
                      "\xC2\xBB\n\n"
                      ".\n\n"
                      "\xC2\xAB Bonjour. \xC2\xBB . Le texte s'arr\xC3\xAAte "
                      "ici. . . .\n"
                      ". Puis il est reparti.\n\n"
                      "* * *\n\n"
                      "Fin.\n";
    depeche_options o;
    depeche_options_init(&o);
    o.flags = DEPECHE_NO_SPELL | DEPECHE_NO_CLEAN;
    told t;
    memset(&t, 0, sizeof t);
    o.warn_fn = on_warn;
    o.warn_user = &t;
    depeche_pipeline *p = NULL;
    CHECK(!depeche_pipeline_new(&o, &p, NULL));
    depeche_doc *d = NULL;
    CHECK(!depeche_process(p, "x", in, sizeof in - 1, &d, NULL));
    static const char *const text[] = {
        "Il a parl\xC3\xA9 longtemps... .", "\xC2\xAB Bonjour. \xC2\xBB .",
        "Le texte s'arr\xC3\xAAte ici. . . .", "Puis il est reparti.", "Fin."};
    static const size_t para[] = {0, 1, 1, 1, 2};
    CHECK_INT(depeche_doc_segment_count(d), 5);
    char segs[256] = "";
    for (size_t i = 0; i < 5 && i < depeche_doc_segment_count(d); i++) {
        const depeche_segment *s = depeche_doc_segment(d, i);
        CHECK_STR(s->text, text[i]);
        CHECK_INT(s->paragraph, para[i]);
        append_nonspace(segs, sizeof segs, s->text, s->len);
    }
    CHECK_STR(t.codes, "DEPECHE-009@27 DEPECHE-009@31 DEPECHE-009@81 "
                       "DEPECHE-009@105 ");
    /* The input less the dropped text holds the segments' characters. */
    char rest[sizeof in], kept[256] = "";
    memcpy(rest, in, sizeof in);
    for (size_t i = 0; i < t.drops; i++) {
        size_t n = strlen(t.text[i]);
        CHECK(t.at[i] + n <= sizeof in - 1 &&
              !memcmp(rest + t.at[i], t.text[i], n));
        if (t.at[i] + n <= sizeof in - 1)
            memset(rest + t.at[i], ' ', n);
    }
    append_nonspace(kept, sizeof kept, rest, sizeof in - 1);
    CHECK_STR(segs, kept);
    depeche_doc_free(d);
    depeche_pipeline_free(p);
}

/* Issue 11: depeche_process read the caller's err->status, which may be
 * uninitialized: here it is filled with 0xff bytes, and with the very
 * status that fails, so that an unread error would keep its old message. */
static void
test_caller_error_never_read(void)
{
    depeche_pipeline *p = pipeline(DEPECHE_PROFILE_MINIMAL, 0);
    depeche_doc *d = NULL;
    depeche_error err;
    memset(&err, 0xff, sizeof err);
    CHECK_INT(depeche_process(p, "x", "ok\n\xFFno", 6, &d, &err),
              DEPECHE_ERR_BAD_INPUT);
    CHECK_INT(err.status, DEPECHE_ERR_BAD_INPUT);
    CHECK_INT(err.byte_offset, 3);
    CHECK(memchr(err.message, '\0', sizeof err.message) != NULL);
    CHECK(strstr(err.message, "invalid UTF-8") != NULL);
    memset(&err, 0, sizeof err);
    err.status = DEPECHE_ERR_BAD_INPUT;
    strcpy(err.message, "stale");
    CHECK_INT(depeche_process(p, "x", "nul\0", 4, &d, &err),
              DEPECHE_ERR_BAD_INPUT);
    CHECK(strstr(err.message, "NUL byte") != NULL);
    CHECK_INT(err.byte_offset, 3);
    /* A stage that fails without a message (here the input's copy: no
     * allocator holds 2^62 bytes, and none is read before): 0xff bytes
     * read as DEPECHE_ERR_NOMEM, so an err->status read kept them. */
    memset(&err, 0xff, sizeof err);
    CHECK_INT(depeche_process(p, "x", "x", (size_t)1 << 62, &d, &err),
              DEPECHE_ERR_NOMEM);
    CHECK_INT(err.status, DEPECHE_ERR_NOMEM);
    CHECK(memchr(err.message, '\0', sizeof err.message) != NULL);
    CHECK_INT(err.byte_offset, DEPECHE_NO_OFFSET);
    depeche_pipeline_free(p);
}

static int
ignore_sentence(void *user, const depeche_sentence *s)
{
    (void)user;
    (void)s;
    return 0;
}

/* Issue 18: the language tag names the dictionary's files, so every entry
 * taking options checks it is a BCP-47 tag before anything is read. */
static void
test_lang_tags(void)
{
    static const char *const good[] = {"fr",           "fr-FR",    "fr_FR",
                                       "fr-CA",        "en-US",    "de-CH-1996",
                                       "sr-Latn-RS",   "es-419",   "zh-yue-HK",
                                       "en-a-bbb-x-y", "x-private"};
    static const char *const bad[] = {"../../x",
                                      "fr/FR",
                                      "",
                                      "f",
                                      "fr-",
                                      "-fr",
                                      "fr--FR",
                                      "fr-FR-x",
                                      "en-a",
                                      "fr.FR",
                                      "fr FR",
                                      "x",
                                      "1fr",
                                      "verylonglanguage",
                                      "fr-abcdefghi"};
    depeche_options o;
    depeche_options_init(&o);
    o.flags = DEPECHE_NO_SPELL;
    depeche_pipeline *p = NULL;
    depeche_segmenter *s = NULL;
    depeche_error err;
    char *text = NULL;
    for (size_t i = 0; i < sizeof good / sizeof good[0]; i++) {
        o.lang = good[i];
        CHECK_INT(depeche_pipeline_new(&o, &p, &err), DEPECHE_OK);
        depeche_pipeline_free(p);
        CHECK_INT(depeche_segmenter_new(&o, ignore_sentence, NULL, &s, &err),
                  DEPECHE_OK);
        depeche_segmenter_free(s);
        CHECK_INT(depeche_normalize(&o, "a", 1, &text, NULL, &err), DEPECHE_OK);
        depeche_free(text);
    }
    for (size_t i = 0; i < sizeof bad / sizeof bad[0]; i++) {
        o.lang = bad[i];
        memset(&err, 0, sizeof err);
        CHECK_INT(depeche_pipeline_new(&o, &p, &err), DEPECHE_ERR_INVALID_ARG);
        CHECK(strstr(err.message, "invalid language tag") != NULL);
        CHECK_INT(depeche_segmenter_new(&o, ignore_sentence, NULL, &s, &err),
                  DEPECHE_ERR_INVALID_ARG);
        CHECK_INT(depeche_normalize(&o, "a", 1, &text, NULL, &err),
                  DEPECHE_ERR_INVALID_ARG);
    }
}

/* Issue 18: UTF-16 and UTF-32 text (with a byte order mark) is named as
 * such at byte 0, even under DEPECHE_LOSSY, by every entry reading text. */
static void
test_utf16_32(void)
{
    static const struct {
        const char *bytes;
        size_t len;
        const char *name;
    } in[] = {
        {"\xFF\xFEU\0n\0.\0\n\0", 10, "UTF-16LE"},
        {"\xFE\xFF\0U\0n\0.\0\n", 10, "UTF-16BE"},
        {"\xFF\xFE\0\0U\0\0\0\n\0\0\0", 12, "UTF-32LE"},
        {"\0\0\xFE\xFF\0\0\0U\0\0\0\n", 12, "UTF-32BE"},
    };
    for (unsigned lossy = 0; lossy <= DEPECHE_LOSSY; lossy += DEPECHE_LOSSY) {
        depeche_pipeline *p = pipeline(DEPECHE_PROFILE_MINIMAL, lossy);
        depeche_options o;
        depeche_options_init(&o);
        o.flags = lossy;
        for (size_t i = 0; i < sizeof in / sizeof in[0]; i++) {
            depeche_doc *d = NULL;
            depeche_error err;
            CHECK_INT(depeche_process(p, "x", in[i].bytes, in[i].len, &d, &err),
                      DEPECHE_ERR_BAD_INPUT);
            CHECK_INT(err.byte_offset, 0);
            CHECK(strstr(err.message, in[i].name) != NULL);
            CHECK(strstr(err.message, "iconv") != NULL);
            char *text = NULL;
            memset(&err, 0, sizeof err);
            CHECK_INT(depeche_normalize(&o, in[i].bytes, in[i].len, &text, NULL,
                                        &err),
                      DEPECHE_ERR_BAD_INPUT);
            CHECK(strstr(err.message, in[i].name) != NULL);
            /* The segmenter, fed a byte at a time. */
            depeche_segmenter *s = NULL;
            CHECK(!depeche_segmenter_new(&o, ignore_sentence, NULL, &s, &err));
            depeche_status st = DEPECHE_OK;
            memset(&err, 0, sizeof err);
            for (size_t k = 0; k < in[i].len && !st; k++)
                st = depeche_segmenter_feed(s, in[i].bytes + k, 1, &err);
            if (!st)
                st = depeche_segmenter_finish(s, &err);
            CHECK_INT(st, DEPECHE_ERR_BAD_INPUT);
            CHECK_INT(err.byte_offset, 0);
            CHECK(strstr(err.message, in[i].name) != NULL);
            depeche_segmenter_free(s);
        }
        depeche_pipeline_free(p);
    }
}

/* The pipeline splits with its language's abbreviations too. */
static void
test_english_pipeline(void)
{
    static const char in[] = "Mr. Smith met Dr. Jones at 9 a.m. The meeting "
                             "was short.";
    depeche_options o;
    depeche_options_init(&o);
    o.flags = DEPECHE_NO_SPELL | DEPECHE_NO_CLEAN;
    o.lang = "en-US";
    depeche_pipeline *p = NULL;
    depeche_doc *d = NULL;
    CHECK(!depeche_pipeline_new(&o, &p, NULL));
    CHECK(!depeche_process(p, "x", in, sizeof in - 1, &d, NULL));
    CHECK_INT(depeche_doc_segment_count(d), 2);
    if (depeche_doc_segment_count(d) == 2)
        CHECK_STR(depeche_doc_segment(d, 1)->text, "The meeting was short.");
    depeche_doc_free(d);
    depeche_pipeline_free(p);
}

static void
test_errors(void)
{
    depeche_pipeline *p = pipeline(DEPECHE_PROFILE_MINIMAL, 0);
    depeche_doc *d = NULL;
    depeche_error err;
    CHECK_INT(depeche_process(p, "x", "ok\n\xFFno", 6, &d, &err),
              DEPECHE_ERR_BAD_INPUT);
    CHECK(d == NULL);
    CHECK_INT(err.byte_offset, 3);
    CHECK(strstr(err.message, "invalid UTF-8") != NULL);
    CHECK_INT(depeche_process(p, "x", NULL, 3, &d, &err),
              DEPECHE_ERR_INVALID_ARG);
    CHECK_INT(depeche_process(p, "x", "", 0, &d, &err), DEPECHE_OK);
    CHECK_INT(depeche_doc_segment_count(d), 0);
    depeche_doc_free(d);
    depeche_pipeline_free(p);

    p = pipeline(DEPECHE_PROFILE_MINIMAL, DEPECHE_LOSSY);
    CHECK_INT(depeche_process(p, "x", "ok\n\xFFno\0.", 8, &d, &err),
              DEPECHE_OK);
    CHECK_INT(depeche_doc_repair_count(d), 2);
    CHECK_INT(depeche_doc_repair(d, 0)->start, 3);
    CHECK_STR(depeche_doc_repair(d, 1)->code, "DEPECHE-002");
    depeche_doc_free(d);
    depeche_pipeline_free(p);

    depeche_options o;
    depeche_options_init(&o);
    o.dict_path = "/nonexistent/fr_XX";
    CHECK_INT(depeche_pipeline_new(&o, &p, &err), DEPECHE_ERR_DICT);
    CHECK(strstr(err.message, "/nonexistent/fr_XX") != NULL);
    depeche_options_init(&o);
    o.profile = (depeche_profile)7;
    CHECK_INT(depeche_pipeline_new(&o, &p, &err), DEPECHE_ERR_INVALID_ARG);
    char *text = NULL;
    size_t text_len = 0;
    CHECK_INT(depeche_normalize(&o, "x", 1, &text, &text_len, &err),
              DEPECHE_ERR_INVALID_ARG);
    depeche_options_init(&o);
    CHECK_INT(depeche_normalize(&o, NULL, 0, &text, &text_len, &err),
              DEPECHE_OK); /* no bytes: NULL is fine */
    CHECK_INT(text_len, 0);
    depeche_free(text);
    o.input_offset = 1000; /* a piece of a larger input */
    CHECK_INT(depeche_normalize(&o, "ab\xFF", 3, &text, &text_len, &err),
              DEPECHE_ERR_BAD_INPUT);
    CHECK_INT(err.byte_offset, 1002);
    depeche_pipeline_free(NULL); /* NULL is fine */
    depeche_doc_free(NULL);
    CHECK_STR(depeche_version_string(), DEPECHE_VERSION_STRING);
}

int
main(void)
{
    test_offsets(DEPECHE_PROFILE_MINIMAL);
    test_offsets(DEPECHE_PROFILE_TYPO);
    test_offsets(DEPECHE_PROFILE_MT);
    test_line_col();
    test_lines_and_paragraphs();
    test_no_bare_segments();
    test_errors();
    test_caller_error_never_read();
    test_lang_tags();
    test_utf16_32();
    test_english_pipeline();
    return harness_done();
}
