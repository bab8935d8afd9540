/* test_export.c -- the export writers: exact output for small documents,
 * escaping of hostile text, stable ids, errors, and a fuzz-style loop.
 *
 * Built twice: by tests/meson.build as a plain unit test, and by
 * tests/export/meson.build with DEPECHE_TEST_LIBXML2, where every XML
 * output is also re-parsed by libxml2 to prove it well-formed and to read
 * the text back. */
#include <stdint.h>
#include <stdlib.h>
#include <string.h>

#include "harness.h"
#include "src/doc.h"
#include "src/export/export.h"
#include "src/utf8.h"

#ifdef DEPECHE_TEST_LIBXML2
#include <libxml/parser.h>
#include <libxml/tree.h>
#endif

#define NBSP "\xC2\xA0"
#define NNBSP "\xE2\x80\xAF"
#define EMOJI "\xF0\x9F\x98\x80" /* U+1F600 */
#define FFFD "\xEF\xBF\xBD"
#define T2021 INT64_C(1614194280) /* 2021-02-24T19:18:00Z */

static const depeche_format all_formats[] = {
    DEPECHE_FORMAT_TMX,   DEPECHE_FORMAT_XLIFF, DEPECHE_FORMAT_XLIFF2,
    DEPECHE_FORMAT_MOSES, DEPECHE_FORMAT_TSV,   DEPECHE_FORMAT_JSONL,
    DEPECHE_FORMAT_TEXT,
};
#define NFORMATS (sizeof all_formats / sizeof *all_formats)

static int
is_xml(depeche_format f)
{
    return f == DEPECHE_FORMAT_TMX || f == DEPECHE_FORMAT_XLIFF ||
           f == DEPECHE_FORMAT_XLIFF2;
}

/* ---- sinks -------------------------------------------------------------- */

static int
mem_sink(void *user, const char *bytes, size_t len)
{
    return depeche_buf_put(user, bytes, len) ? 1 : 0;
}

static int
failing_sink(void *user, const char *bytes, size_t len)
{
    (void)user;
    (void)bytes;
    (void)len;
    return 1;
}

/* Writes docs in one format; returns the bytes (free them) or NULL. */
static char *
write_docs(const depeche_writer_options *wo, depeche_doc **docs, size_t n,
           size_t *len)
{
    depeche_buf b = {0};
    depeche_writer *w = NULL;
    depeche_error err;
    depeche_status st = depeche_writer_new(wo, mem_sink, &b, &w, &err);
    for (size_t i = 0; !st && i < n; i++)
        st = depeche_writer_add(w, docs[i], &err);
    if (!st)
        st = depeche_writer_finish(w, &err);
    depeche_writer_free(w);
    if (st) {
        fprintf(stderr, "write failed: %s\n", err.message);
        depeche_buf_free(&b);
        return NULL;
    }
    if (len)
        *len = b.len;
    if (!b.data)
        return calloc(1, 1);
    return depeche_buf_detach(&b);
}

static char *
write_one(depeche_format f, unsigned flags, depeche_doc **docs, size_t n,
          size_t *len)
{
    depeche_writer_options wo;
    depeche_writer_options_init(&wo);
    wo.format = f;
    wo.flags = flags;
    wo.creation_time = T2021;
    if (f == DEPECHE_FORMAT_XLIFF2 && (flags & DEPECHE_WRITE_COPY_SOURCE))
        wo.target_lang = "en-GB";
    return write_docs(&wo, docs, n, len);
}

/* A document with the given segments, each a paragraph of its own when
 * paras is NULL. */
static depeche_doc *
make_doc(const char *id, const char *const *segs, const size_t *lens, size_t n,
         const size_t *paras)
{
    depeche_doc *d = NULL;
    CHECK(depeche_doc_create(id, "", 0, &d) == DEPECHE_OK);
    uint64_t off = 0;
    for (size_t i = 0; d && i < n; i++) {
        size_t len = lens ? lens[i] : strlen(segs[i]);
        CHECK(depeche_doc_add_segment(
                  d, segs[i], len,
                  i == 0 ? DEPECHE_KIND_TITLE : DEPECHE_KIND_BODY, off,
                  off + len, paras ? paras[i] : i) == DEPECHE_OK);
        off += len + 1;
    }
    return d;
}

/* ---- invariants --------------------------------------------------------- */

/* Valid UTF-8, no BOM, and no character XML 1.0 forbids; in line formats
 * also no CR (LF only ends records). */
static int
clean_bytes(const char *s, size_t n, int line_format)
{
    if (depeche_utf8_check(s, n) != n)
        return 0;
    if (n >= 3 && memcmp(s, "\xEF\xBB\xBF", 3) == 0)
        return 0;
    for (size_t i = 0; i < n;) {
        int32_t cp;
        i += depeche_utf8_decode((const unsigned char *)s + i, n - i, &cp);
        if (cp < 0x20 && cp != '\t' && cp != '\n' && cp != '\r')
            return 0;
        if (cp == 0xFFFE || cp == 0xFFFF)
            return 0;
        if (line_format &&
            (cp == '\r' || cp == 0x85 || cp == 0x2028 || cp == 0x2029))
            return 0;
    }
    return 1;
}

static int
contains(const char *s, size_t n, const char *needle)
{
    size_t k = strlen(needle);
    for (size_t i = 0; i + k <= n; i++)
        if (memcmp(s + i, needle, k) == 0)
            return 1;
    return 0;
}

static size_t
count_occurrences(const char *s, const char *needle)
{
    size_t k = 0;
    for (const char *p = strstr(s, needle); p; p = strstr(p + 1, needle))
        k++;
    return k;
}

static size_t
count_lines(const char *s, size_t n)
{
    size_t k = 0;
    for (size_t i = 0; i < n; i++)
        k += s[i] == '\n';
    return k;
}

#ifdef DEPECHE_TEST_LIBXML2
static void
quiet(void *ctx, const char *msg, ...)
{
    (void)ctx;
    (void)msg;
}

static xmlDocPtr
parse(const char *s, size_t n)
{
    return xmlReadMemory(s, (int)n, "export.xml", NULL,
                         XML_PARSE_NONET | XML_PARSE_HUGE);
}

/* The text of the first element named `name`, in document order. */
static xmlNodePtr
find(xmlNodePtr n, const char *name)
{
    for (; n; n = n->next) {
        if (n->type == XML_ELEMENT_NODE &&
            strcmp((const char *)n->name, name) == 0)
            return n;
        xmlNodePtr c = find(n->children, name);
        if (c)
            return c;
    }
    return NULL;
}

static size_t
count_elements(xmlNodePtr n, const char *name)
{
    size_t k = 0;
    for (; n; n = n->next) {
        if (n->type == XML_ELEMENT_NODE &&
            strcmp((const char *)n->name, name) == 0)
            k++;
        k += count_elements(n->children, name);
    }
    return k;
}

/* Parses and checks the text of the first `elem` equals want. */
static void
check_reparse(const char *xml, size_t n, const char *elem, const char *want,
              size_t want_len)
{
    xmlDocPtr doc = parse(xml, n);
    CHECK(doc != NULL);
    if (!doc)
        return;
    xmlNodePtr e = find(xmlDocGetRootElement(doc), elem);
    CHECK(e != NULL);
    if (e) {
        xmlChar *t = xmlNodeGetContent(e);
        CHECK(t && strlen((const char *)t) == want_len &&
              memcmp(t, want, want_len) == 0);
        xmlFree(t);
    }
    xmlFreeDoc(doc);
}

static const char *const unit_names[] = {"tu", "trans-unit", "unit"};
#endif

/* ---- escaping, straight on depeche_out ------------------------------- */

static char *
escaped(int kind, const char *s, size_t n, size_t *replaced)
{
    depeche_buf b = {0};
    depeche_out o = {mem_sink, &b, {0}, 0, 0};
    depeche_status st = kind == 0   ? depeche_out_xml(&o, s, n)
                        : kind == 1 ? depeche_out_json(&o, s, n)
                        : kind == 2
                            ? depeche_out_line(&o, s, n, DEPECHE_LINE_SPACE)
                            : depeche_out_line(&o, s, n, DEPECHE_LINE_TSV);
    CHECK(st == DEPECHE_OK);
    CHECK(depeche_out_flush(&o) == DEPECHE_OK);
    depeche_buf_free(&o.buf);
    if (replaced)
        *replaced = o.replaced;
    if (!b.data)
        return calloc(1, 1);
    return depeche_buf_detach(&b);
}

static void
check_escape(int kind, const char *in, size_t n, const char *want)
{
    char *got = escaped(kind, in, n, NULL);
    CHECK_STR(got, want);
    free(got);
}

static void
test_escaping(void)
{
    /* XML: markup, quotes, whitespace as references, illegal characters
     * replaced, non-BMP and no-break spaces intact. */
    check_escape(0, "a & b < c > d \" e ' f", 21,
                 "a &amp; b &lt; c &gt; d &quot; e &apos; f");
    check_escape(0, "x\ty\r\nz", 6, "x&#x9;y&#xD;&#xA;z");
    check_escape(0, "\x01\x0B\x1F|", 4, FFFD FFFD FFFD "|");
    check_escape(0, "\0", 1, FFFD);
    check_escape(0, "\xEF\xBF\xBE\xEF\xBF\xBF", 6, FFFD FFFD);
    check_escape(0, NBSP NNBSP EMOJI, 9, NBSP NNBSP EMOJI);
    check_escape(0, "\xC2\x85\x7F", 3, "&#x85;&#x7F;");
    /* Invalid UTF-8: one U+FFFD per maximal subpart; an encoded surrogate
     * (ED A0 80) is three. */
    check_escape(0,
                 "a\xFF"
                 "b",
                 3, "a" FFFD "b");
    check_escape(0, "\xE2\x82", 2, FFFD);
    check_escape(0, "\xED\xA0\x80", 3, FFFD FFFD FFFD);
    check_escape(0, "\xF0\x9F\x98", 3, FFFD);
    check_escape(0, "", 0, "");

    /* JSON: RFC 8259 escapes, same character replacements as XML. */
    check_escape(1, "a\"b\\c/d", 7, "\"a\\\"b\\\\c/d\"");
    check_escape(1, "\t\r\n", 3, "\"\\t\\r\\n\"");
    check_escape(1, "\x01\xFF", 2, "\"" FFFD FFFD "\"");
    check_escape(1, "\xC2\x85", 2, "\"\\u0085\"");
    check_escape(1, "\xE2\x80\xA8" EMOJI "<&>", 10, "\"\\u2028" EMOJI "<&>\"");

    /* Line formats. */
    check_escape(2,
                 "a\tb\r\nc\xC2\x85"
                 "d\xE2\x80\xA9"
                 "e\\",
                 14, "a b  c d e\\");
    check_escape(3,
                 "a\tb\r\nc\\d\xE2\x80\xA8"
                 "e",
                 12, "a\\tb\\r\\nc\\\\d e");
    check_escape(3, "\x01" NBSP, 3, FFFD NBSP);
    check_escape(2, "\xEF\xBB\xBFz", 4, "\xE2\x81\xA0z");

    size_t replaced = 0;
    free(escaped(2, "a\tb\x01\xFF", 5, &replaced));
    CHECK_INT(replaced, 3);
    free(escaped(0, "<&>\"'", 5, &replaced));
    CHECK_INT(replaced, 0);

    CHECK(depeche_out_is_blank("", 0));
    CHECK(depeche_out_is_blank(" \t" NBSP NNBSP "\xE3\x80\x80", 10));
    CHECK(!depeche_out_is_blank(" \x01 ", 3));
    CHECK(!depeche_out_is_blank(" . ", 3));

    /* A long run crosses the flush threshold and arrives whole. */
    size_t big = 200 * 1024;
    char *s = malloc(big);
    for (size_t i = 0; i < big; i++)
        s[i] = (char)('a' + i % 26);
    s[big / 2] = '&';
    char *got = escaped(0, s, big, NULL);
    CHECK(strlen(got) == big + 4);
    CHECK(memcmp(got + big / 2, "&amp;", 5) == 0);
    free(got);
    free(s);
}

/* ---- exact output ------------------------------------------------------- */

static void
test_exact(void)
{
    const char *segs[] = {"Bonjour & <monde>", "L'\xC3\xA9t\xC3\xA9 \"chaud\""};
    size_t paras[] = {0, 1}; /* two paragraphs: two XLIFF groups */
    depeche_doc *d = make_doc("a.txt", segs, NULL, 2, paras);
    d->meta.source = "exemple.fr";
    const char *misspelt[] = {"\xC3\xA9t\xC3\xA9"};
    CHECK(depeche_doc_add_finding(d, DEPECHE_FINDING_ACCENT, "ete", 3, 20, 23,
                                  1, misspelt, 1) == DEPECHE_OK);
    depeche_doc *docs[] = {d};

    char *tmx =
        write_one(DEPECHE_FORMAT_TMX, DEPECHE_WRITE_NOTES, docs, 1, NULL);
    CHECK_STR(
        tmx,
        "<?xml version=\"1.0\" encoding=\"UTF-8\"?>\n"
        "<tmx version=\"1.4\">\n"
        "  <header creationtool=\"depeche\" "
        "creationtoolversion=\"" DEPECHE_VERSION_STRING
        "\" segtype=\"sentence\" o-tmf=\"depeche\" adminlang=\"en-US\""
        " srclang=\"fr-FR\" datatype=\"plaintext\""
        " creationdate=\"20210224T191800Z\"/>\n"
        "  <body>\n"
        "    <tu tuid=\"7ed582b5571bbd5a-0\">\n"
        "      <prop type=\"x-doc\">a.txt</prop>\n"
        "      <prop type=\"x-seg\">0</prop>\n"
        "      <prop type=\"x-kind\">title</prop>\n"
        "      <prop type=\"x-source\">exemple.fr</prop>\n"
        "      <tuv xml:lang=\"fr-FR\"><seg>Bonjour &amp; &lt;monde&gt;</seg>"
        "</tuv>\n"
        "    </tu>\n"
        "    <tu tuid=\"7ed582b5571bbd5a-1\">\n"
        "      <prop type=\"x-doc\">a.txt</prop>\n"
        "      <prop type=\"x-seg\">1</prop>\n"
        "      <prop type=\"x-kind\">body</prop>\n"
        "      <prop type=\"x-source\">exemple.fr</prop>\n"
        "      <note>accent: ete \xE2\x86\x92 \xC3\xA9t\xC3\xA9</note>\n"
        "      <tuv xml:lang=\"fr-FR\"><seg>L&apos;\xC3\xA9t\xC3\xA9"
        " &quot;chaud&quot;</seg></tuv>\n"
        "    </tu>\n"
        "  </body>\n"
        "</tmx>\n");
    free(tmx);

    char *jsonl = write_one(DEPECHE_FORMAT_JSONL, 0, docs, 1, NULL);
    CHECK_STR(jsonl,
              "{\"doc\":\"a.txt\",\"seg\":0,\"kind\":\"title\","
              "\"text\":\"Bonjour & <monde>\",\"start\":0,\"end\":17,"
              "\"findings\":[]}\n"
              "{\"doc\":\"a.txt\",\"seg\":1,\"kind\":\"body\","
              "\"text\":\"L'\xC3\xA9t\xC3\xA9 \\\"chaud\\\"\",\"start\":18,"
              "\"end\":33,\"findings\":[{\"kind\":\"accent\",\"word\":\"ete\","
              "\"start\":20,\"end\":23,\"suggestions\":[\"\xC3\xA9t\xC3\xA9\"]}"
              "]}\n");
    free(jsonl);

    char *tsv = write_one(DEPECHE_FORMAT_TSV, 0, docs, 1, NULL);
    CHECK_STR(tsv, "doc\tseg\tkind\tstart\tend\ttext\n"
                   "a.txt\t0\ttitle\t0\t17\tBonjour & <monde>\n"
                   "a.txt\t1\tbody\t18\t33\tL'\xC3\xA9t\xC3\xA9 \"chaud\"\n");
    free(tsv);

    char *moses = write_one(DEPECHE_FORMAT_MOSES, 0, docs, 1, NULL);
    CHECK_STR(moses, "Bonjour & <monde>\nL'\xC3\xA9t\xC3\xA9 \"chaud\"\n");
    free(moses);

    char *x12 = write_one(DEPECHE_FORMAT_XLIFF,
                          DEPECHE_WRITE_NOTES | DEPECHE_WRITE_COPY_SOURCE, docs,
                          1, NULL);
    CHECK_STR(
        x12,
        "<?xml version=\"1.0\" encoding=\"UTF-8\"?>\n"
        "<xliff version=\"1.2\" "
        "xmlns=\"urn:oasis:names:tc:xliff:document:1.2\">\n"
        "  <file original=\"a.txt\" source-language=\"fr-FR\""
        " datatype=\"plaintext\" tool-id=\"depeche\">\n"
        "    <header>\n"
        "      <tool tool-id=\"depeche\" tool-name=\"depeche\""
        " tool-version=\"" DEPECHE_VERSION_STRING "\"/>\n"
        "      <note from=\"depeche\">source: exemple.fr</note>\n"
        "    </header>\n"
        "    <body>\n"
        "      <group id=\"p0\">\n"
        "        <trans-unit id=\"s0\" xml:space=\"preserve\">\n"
        "          <source>Bonjour &amp; &lt;monde&gt;</source>\n"
        "          <target state=\"needs-translation\">Bonjour &amp; "
        "&lt;monde&gt;</target>\n"
        "          <context-group purpose=\"information\"><context"
        " context-type=\"x-kind\">title</context></context-group>\n"
        "        </trans-unit>\n"
        "      </group>\n"
        "      <group id=\"p1\">\n"
        "        <trans-unit id=\"s1\" xml:space=\"preserve\">\n"
        "          <source>L&apos;\xC3\xA9t\xC3\xA9 "
        "&quot;chaud&quot;</source>\n"
        "          <target state=\"needs-translation\">L&apos;\xC3\xA9t\xC3\xA9"
        " &quot;chaud&quot;</target>\n"
        "          <context-group purpose=\"information\"><context"
        " context-type=\"x-kind\">body</context></context-group>\n"
        "          <note from=\"developer\">accent: ete \xE2\x86\x92 "
        "\xC3\xA9t\xC3\xA9</note>\n"
        "        </trans-unit>\n"
        "      </group>\n"
        "    </body>\n"
        "  </file>\n"
        "</xliff>\n");
    free(x12);

    char *x2 = write_one(DEPECHE_FORMAT_XLIFF2, 0, docs, 1, NULL);
    CHECK_STR(
        x2, "<?xml version=\"1.0\" encoding=\"UTF-8\"?>\n"
            "<xliff xmlns=\"urn:oasis:names:tc:xliff:document:2.0\""
            " version=\"2.1\" srcLang=\"fr-FR\">\n"
            "  <file id=\"f1\" original=\"a.txt\">\n"
            "    <notes>\n"
            "      <note category=\"source\">exemple.fr</note>\n"
            "    </notes>\n"
            "    <group id=\"p0\">\n"
            "      <unit id=\"s0\" type=\"depeche:title\">\n"
            "        <segment>\n"
            "          <source xml:space=\"preserve\">Bonjour &amp; "
            "&lt;monde&gt;</source>\n"
            "        </segment>\n"
            "      </unit>\n"
            "    </group>\n"
            "    <group id=\"p1\">\n"
            "      <unit id=\"s1\" type=\"depeche:body\">\n"
            "        <segment>\n"
            "          <source xml:space=\"preserve\">L&apos;\xC3\xA9t\xC3\xA9"
            " &quot;chaud&quot;</source>\n"
            "        </segment>\n"
            "      </unit>\n"
            "    </group>\n"
            "  </file>\n"
            "</xliff>\n");
    free(x2);
    depeche_doc_free(d);
}

static void
test_text_paragraphs(void)
{
    const char *a[] = {"T", "p0 a", "p0 b", " ", "p2"};
    size_t pa[] = {0, 1, 1, 2, 3};
    const char *b[] = {"second doc"};
    depeche_doc *docs[] = {make_doc("a", a, NULL, 5, pa),
                           make_doc("empty", NULL, NULL, 0, NULL),
                           make_doc("b", b, NULL, 1, NULL)};
    char *t = write_one(DEPECHE_FORMAT_TEXT, 0, docs, 3, NULL);
    CHECK_STR(t, "T\n\np0 a\np0 b\n\np2\n\nsecond doc\n");
    free(t);
    char *m = write_one(DEPECHE_FORMAT_MOSES, 0, docs, 3, NULL);
    CHECK_STR(m, "T\np0 a\np0 b\np2\nsecond doc\n");
    free(m);
    for (size_t i = 0; i < 3; i++)
        depeche_doc_free(docs[i]);
}

/* The pipeline adds findings after all the segments: each must show on
 * its own segment, never on another. */
static void
test_findings_after_segments(void)
{
    const char *segs[] = {"Un Alpha.", "Deux.", "Trois Gamma."};
    depeche_doc *d = make_doc("f", segs, NULL, 3, NULL);
    CHECK(depeche_doc_add_finding(d, DEPECHE_FINDING_NAME, "Alpha", 5, 3, 8, 0,
                                  NULL, 0) == DEPECHE_OK);
    CHECK(depeche_doc_add_finding(d, DEPECHE_FINDING_NAME, "Gamma", 5, 26, 31,
                                  2, NULL, 0) == DEPECHE_OK);
    /* Out of segment order, or for no segment: refused, so that a
     * segment's findings stay one run. */
    CHECK(depeche_doc_add_finding(d, DEPECHE_FINDING_NAME, "Alpha", 5, 3, 8, 0,
                                  NULL, 0) == DEPECHE_ERR_INVALID_ARG);
    CHECK(depeche_doc_add_finding(d, DEPECHE_FINDING_NAME, "X", 1, 0, 1, 3,
                                  NULL, 0) == DEPECHE_ERR_INVALID_ARG);
    depeche_doc *docs[] = {d};
    char *j = write_one(DEPECHE_FORMAT_JSONL, 0, docs, 1, NULL);
    CHECK(j != NULL);
    if (j) {
        const char *l1 = strchr(j, '\n'), *l2 = l1 ? strchr(l1 + 1, '\n') : 0;
        const char *alpha = strstr(j, "\"Alpha\""),
                   *gamma = strstr(j, "\"Gamma\"");
        CHECK(l2 && alpha && alpha < l1 && !strstr(alpha + 1, "\"Alpha\""));
        CHECK(gamma && l2 && gamma > l2); /* on its own, third segment */
        CHECK(!strstr(l1, "Alpha"));
        free(j);
    }
    for (size_t k = 0; k < 3; k++) {
        size_t n;
        unsigned all = DEPECHE_WRITE_NOTES | DEPECHE_WRITE_NAME_NOTES;
        char *x = write_one(all_formats[k], all, docs, 1, &n);
        CHECK(x && count_occurrences(x, "Alpha") == 2); /* text and note */
        free(x);
        /* A name asks nothing of a translator: a note only on request. */
        x = write_one(all_formats[k], DEPECHE_WRITE_NOTES, docs, 1, &n);
        CHECK(x && count_occurrences(x, "Alpha") == 1);
        free(x);
    }
    depeche_doc_free(d);
}

/* ---- hostile documents through every format ---------------------------- */

static const char hostile[] =
    "& < > \" ' " NBSP ":" NNBSP "\xC2\xAB" EMOJI "\xC2\xBB"
    " \x01|\x0B|\xEF\xBF\xBE|\xFF|\r\n|\x7F|end";

static void
test_hostile(void)
{
    size_t big = 10 * 1024;
    char *long_seg = malloc(big + 1);
    for (size_t i = 0; i < big; i++)
        long_seg[i] = "Une tr\xC3\xA8s longue phrase & <b> "[i % 30];
    /* keep the cut on a character boundary */
    long_seg[big - 1] = '.';
    long_seg[big] = '\0';
    const char *segs[] = {hostile, "", "   ", long_seg, "\0nul"};
    size_t lens[] = {sizeof hostile - 1, 0, 3, big, 4};
    depeche_doc *d1 = make_doc("dir/one & <two>.txt", segs, lens, 5, NULL);
    d1->meta.title = "Titre & \x02 <" EMOJI ">";
    d1->meta.dateline_place = "BAGDAD";
    const char *w[] = {NULL};
    CHECK(depeche_doc_add_finding(d1, DEPECHE_FINDING_NAME, "<\x01>", 3, 0, 3,
                                  0, w, 0) == DEPECHE_OK);
    depeche_doc *empty = make_doc("empty", NULL, NULL, 0, NULL);
    const char *s2[] = {"Deuxi\xC3\xA8me document."};
    depeche_doc *d2 = make_doc("two", s2, NULL, 1, NULL);
    depeche_doc *docs[] = {d1, empty, d2};
    /* non-blank segments: hostile, long, "\0nul", and d2's one */
    const size_t units = 4;

    for (size_t k = 0; k < NFORMATS; k++) {
        depeche_format f = all_formats[k];
        unsigned flags = DEPECHE_WRITE_NOTES | DEPECHE_WRITE_COPY_SOURCE;
        size_t n1, n2;
        char *a = write_one(f, flags, docs, 3, &n1);
        char *b = write_one(f, flags, docs, 3, &n2);
        CHECK(a && b);
        if (!a || !b) {
            free(a);
            free(b);
            continue;
        }
        /* same input, fixed time: same bytes, ids included */
        CHECK(n1 == n2 && memcmp(a, b, n1) == 0);
        CHECK(clean_bytes(a, n1, !is_xml(f)));
        CHECK(contains(a, n1, EMOJI));
        CHECK(contains(a, n1, NNBSP));
        if (f == DEPECHE_FORMAT_MOSES || f == DEPECHE_FORMAT_JSONL)
            CHECK_INT(count_lines(a, n1), units);
        if (f == DEPECHE_FORMAT_TSV)
            CHECK_INT(count_lines(a, n1), units + 1);
        if (f == DEPECHE_FORMAT_TEXT)
            CHECK_INT(count_lines(a, n1), units + 3);
        if (is_xml(f))
            CHECK(strstr(a, "<seg></seg>") == NULL &&
                  strstr(a, "<source></source>") == NULL);
#ifdef DEPECHE_TEST_LIBXML2
        if (is_xml(f)) {
            /* What a reader gets back: the text with only the forbidden
             * characters replaced; CR, LF and tab survive. */
            static const char want[] =
                "& < > \" ' " NBSP ":" NNBSP "\xC2\xAB" EMOJI "\xC2\xBB"
                " " FFFD "|" FFFD "|" FFFD "|" FFFD "|\r\n|\x7F|end";
            const char *elem = f == DEPECHE_FORMAT_TMX ? "seg" : "source";
            check_reparse(a, n1, elem, want, sizeof want - 1);
            if (f != DEPECHE_FORMAT_TMX)
                check_reparse(a, n1, "target", want, sizeof want - 1);
            xmlDocPtr doc = parse(a, n1);
            CHECK(doc != NULL);
            if (doc) {
                CHECK_INT(
                    count_elements(xmlDocGetRootElement(doc), unit_names[f]),
                    units);
                xmlFreeDoc(doc);
            }
        }
#endif
        free(a);
        free(b);
    }
    depeche_doc_free(d1);
    depeche_doc_free(empty);
    depeche_doc_free(d2);
    free(long_seg);
}

/* No document at all still gives a well-formed file in every format. */
static void
test_no_documents(void)
{
    for (size_t k = 0; k < NFORMATS; k++) {
        size_t n;
        char *out = write_one(all_formats[k], 0, NULL, 0, &n);
        CHECK(out != NULL);
        if (!out)
            continue;
        if (all_formats[k] == DEPECHE_FORMAT_TSV)
            CHECK_STR(out, "doc\tseg\tkind\tstart\tend\ttext\n");
        else if (!is_xml(all_formats[k]))
            CHECK_INT(n, 0);
#ifdef DEPECHE_TEST_LIBXML2
        if (is_xml(all_formats[k])) {
            xmlDocPtr doc = parse(out, n);
            CHECK(doc != NULL);
            xmlFreeDoc(doc);
        }
#endif
        free(out);
    }
}

/* ---- options and errors ------------------------------------------------- */

static void
test_options(void)
{
    depeche_writer_options wo;
    depeche_writer_options_init(&wo);
    CHECK_STR(wo.source_lang, "fr-FR");
    CHECK(wo.target_lang == NULL);
    CHECK_INT(wo.creation_time, -1);
    CHECK_INT(wo.flags, 0);

    const char *segs[] = {"Un."};
    depeche_doc *d = make_doc("x", segs, NULL, 1, NULL);
    depeche_doc *docs[] = {d};

    /* fr_FR is written fr-FR (OmegaT ignores the underscore form). */
    wo.source_lang = "fr_FR";
    wo.target_lang = "en_gb";
    wo.creation_time = 0;
    char *out = write_docs(&wo, docs, 1, NULL);
    CHECK(out && strstr(out, "srclang=\"fr-FR\"") &&
          strstr(out, "xml:lang=\"fr-FR\"") && !strstr(out, "fr_FR"));
    CHECK(out && strstr(out, "creationdate=\"19700101T000000Z\""));
    free(out);
    wo.format = DEPECHE_FORMAT_XLIFF2;
    out = write_docs(&wo, docs, 1, NULL);
    CHECK(out && strstr(out, "srcLang=\"fr-FR\" trgLang=\"en-gb\""));
    free(out);

    /* -1: the time now; any well-formed date will do. */
    wo.format = DEPECHE_FORMAT_TMX;
    wo.creation_time = -1;
    out = write_docs(&wo, docs, 1, NULL);
    const char *cd = out ? strstr(out, "creationdate=\"") : NULL;
    CHECK(cd && strlen(cd) > 32 && cd[22] == 'T' && cd[29] == 'Z');
    free(out);

    depeche_buf b = {0};
    depeche_writer *w = NULL;
    depeche_error err;
    /* the shape --lang needs too (lang.c): "e" and "fr-FR-x" are not tags */
    const char *bad_langs[] = {"",    "fr FR",     "fr-\"x", "-fr",    "fr--FR",
                               "1fr", "abcdefghi", "e",      "fr-FR-x"};
    for (size_t i = 0; i < sizeof bad_langs / sizeof *bad_langs; i++) {
        wo.source_lang = bad_langs[i];
        CHECK(depeche_writer_new(&wo, mem_sink, &b, &w, &err) ==
              DEPECHE_ERR_INVALID_ARG);
        CHECK(w == NULL);
        CHECK(err.status == DEPECHE_ERR_INVALID_ARG);
        CHECK(err.source == DEPECHE_SOURCE_LANG);
    }
    wo.source_lang = "fr-FR";
    wo.target_lang = "en GB";
    CHECK(depeche_writer_new(&wo, mem_sink, &b, &w, &err) ==
          DEPECHE_ERR_INVALID_ARG);
    wo.target_lang = NULL;

    wo.format = (depeche_format)42;
    CHECK(depeche_writer_new(&wo, mem_sink, &b, &w, &err) ==
          DEPECHE_ERR_INVALID_ARG);
    wo.format = DEPECHE_FORMAT_XLIFF2;
    wo.flags = DEPECHE_WRITE_COPY_SOURCE;
    CHECK(depeche_writer_new(&wo, mem_sink, &b, &w, &err) ==
          DEPECHE_ERR_INVALID_ARG);
    wo.flags = 0;
    wo.creation_time = -2;
    CHECK(depeche_writer_new(&wo, mem_sink, &b, &w, &err) ==
          DEPECHE_ERR_INVALID_ARG);
    wo.creation_time = 0;
    CHECK(depeche_writer_new(NULL, mem_sink, &b, &w, &err) ==
          DEPECHE_ERR_INVALID_ARG);
    CHECK(depeche_writer_new(&wo, NULL, &b, &w, &err) ==
          DEPECHE_ERR_INVALID_ARG);
    CHECK(depeche_writer_new(&wo, mem_sink, &b, NULL, NULL) ==
          DEPECHE_ERR_INVALID_ARG);

    /* State: nothing after finish, finish once. */
    CHECK(depeche_writer_new(&wo, mem_sink, &b, &w, &err) == DEPECHE_OK);
    CHECK(depeche_writer_add(w, NULL, &err) == DEPECHE_ERR_INVALID_ARG);
    CHECK(depeche_writer_add(w, d, &err) == DEPECHE_OK);
    CHECK(depeche_writer_finish(w, &err) == DEPECHE_OK);
    CHECK(depeche_writer_add(w, d, &err) == DEPECHE_ERR_STATE);
    CHECK(depeche_writer_finish(w, &err) == DEPECHE_ERR_STATE);
    CHECK(depeche_writer_finish(NULL, NULL) == DEPECHE_ERR_INVALID_ARG);
    depeche_writer_free(w);
    depeche_writer_free(NULL);
    depeche_buf_free(&b);

    /* A sink that fails: DEPECHE_ERR_IO, then the writer is unusable. */
    for (size_t k = 0; k < NFORMATS; k++) {
        wo.format = all_formats[k];
        CHECK(depeche_writer_new(&wo, failing_sink, NULL, &w, &err) ==
              DEPECHE_OK);
        CHECK(depeche_writer_add(w, d, &err) == DEPECHE_ERR_IO);
        CHECK(err.status == DEPECHE_ERR_IO);
        /* the output may end mid-document: nothing more is written */
        CHECK(depeche_writer_add(w, d, &err) == DEPECHE_ERR_STATE);
        CHECK(depeche_writer_finish(w, &err) == DEPECHE_ERR_STATE);
        depeche_writer_free(w);
    }
    depeche_doc_free(d);
}

/* ---- fuzz-style: random text through every writer ---------------------- */

static uint64_t
rnd(uint64_t *s)
{
    /* xorshift64*: fixed seed, the same cases on every run */
    *s ^= *s >> 12;
    *s ^= *s << 25;
    *s ^= *s >> 27;
    return *s * UINT64_C(2685821657736338717);
}

static size_t
random_utf8(uint64_t *seed, char *out, size_t max)
{
    size_t n = 0;
    while (n + 4 <= max) {
        int32_t cp;
        switch (rnd(seed) % 8) {
        case 0:
            cp = (int32_t)(rnd(seed) % 0x20); /* C0 */
            break;
        case 1:
            cp = "&<>\"' \t\r\n"[rnd(seed) % 9];
            break;
        case 2:
            cp = (int32_t)(0x80 + rnd(seed) % 0x780);
            break;
        case 3: {
            static const int32_t odd[] = {0xA0,   0x202F, 0x2028, 0x2029,
                                          0xFFFE, 0xFFFF, 0xFEFF, 0xFFFD,
                                          0x85,   0x7F};
            cp = odd[rnd(seed) % 10];
            break;
        }
        case 4:
            cp = (int32_t)(0x10000 + rnd(seed) % 0x100000);
            break;
        case 5:
            cp = (int32_t)(0x800 + rnd(seed) % 0xF800);
            if (cp >= 0xD800 && cp <= 0xDFFF)
                cp = 0xE000;
            break;
        default:
            cp = (int32_t)(0x20 + rnd(seed) % 0x5F);
            break;
        }
        n += depeche_utf8_encode(cp, out + n);
    }
    return n;
}

static void
test_fuzz(void)
{
    uint64_t seed = UINT64_C(0x9E3779B97F4A7C15);
    char text[3][513];
    size_t lens[3];
    int failures_before = harness_failures;
    for (int iter = 0; iter < 600; iter++) {
        for (int s = 0; s < 3; s++) {
            size_t max = rnd(&seed) % (sizeof text[s] - 1);
            if (iter % 2) {
                for (size_t i = 0; i < max; i++)
                    text[s][i] = (char)rnd(&seed);
                lens[s] = max;
            } else {
                lens[s] = random_utf8(&seed, text[s], max);
            }
            text[s][lens[s]] = '\0';
        }
        const char *segs[] = {text[0], text[1], text[2]};
        depeche_doc *d =
            make_doc(iter % 3 ? "fuzz" : text[0], segs, lens, 3, NULL);
        d->meta.title = "t";
        const char *sugg[] = {text[1]};
        if (lens[0] && lens[1] && memchr(text[1], 0, lens[1]) == NULL) {
            /* finding words and suggestions are C strings */
            char word[8] = {0};
            memcpy(word, text[1], lens[1] < 7 ? lens[1] : 7);
            CHECK(depeche_doc_add_finding(d, DEPECHE_FINDING_MISSPELLING, word,
                                          strlen(word), 0, 1, 0, sugg,
                                          1) == DEPECHE_OK);
        }
        depeche_doc *docs[] = {d};
        for (size_t k = 0; k < NFORMATS; k++) {
            size_t n;
            char *out = write_one(
                all_formats[k], DEPECHE_WRITE_NOTES | DEPECHE_WRITE_COPY_SOURCE,
                docs, 1, &n);
            CHECK(out != NULL);
            if (!out)
                continue;
            int ok = clean_bytes(out, n, !is_xml(all_formats[k]));
            CHECK(ok);
            if (!ok)
                fprintf(stderr, "iteration %d, format %d\n", iter,
                        (int)all_formats[k]);
#ifdef DEPECHE_TEST_LIBXML2
            if (is_xml(all_formats[k])) {
                xmlDocPtr doc = parse(out, n);
                CHECK(doc != NULL);
                if (!doc)
                    fprintf(stderr, "iteration %d, format %d\n", iter,
                            (int)all_formats[k]);
                xmlFreeDoc(doc);
            }
#endif
            free(out);
        }
        /* spell reports, with the sentence around each finding */
        for (int k = 0; k < 2; k++) {
            size_t n;
            char *out = write_one(k ? DEPECHE_FORMAT_SPELL_JSONL
                                    : DEPECHE_FORMAT_SPELL_TEXT,
                                  DEPECHE_WRITE_CONTEXT, docs, 1, &n);
            CHECK(out != NULL && clean_bytes(out, n, 1));
            free(out);
        }
        depeche_doc_free(d);
        if (harness_failures > failures_before + 20)
            break; /* one bug, not a thousand lines */
    }
}

/* The same through the whole pipeline (clean, normalize, segment; no
 * dictionary): whatever it makes of random input, every writer must still
 * write a file its readers accept. */
static void
test_fuzz_pipeline(void)
{
    depeche_options opts;
    depeche_options_init(&opts);
    opts.flags = DEPECHE_LOSSY | DEPECHE_NO_SPELL;
    depeche_pipeline *p = NULL;
    depeche_error err;
    CHECK(depeche_pipeline_new(&opts, &p, &err) == DEPECHE_OK);
    if (!p)
        return;
    uint64_t seed = UINT64_C(0xD1B54A32D192ED03);
    static char text[2048];
    int failures_before = harness_failures;
    for (int iter = 0; iter < 300; iter++) {
        size_t n = rnd(&seed) % sizeof text;
        if (iter % 2) {
            for (size_t i = 0; i < n; i++)
                text[i] = (char)rnd(&seed);
        } else {
            n = random_utf8(&seed, text, n);
        }
        depeche_doc *d = NULL;
        depeche_status st = depeche_process(p, "fuzz", text, n, &d, &err);
        CHECK(st == DEPECHE_OK);
        if (st) {
            fprintf(stderr, "iteration %d: %s\n", iter, err.message);
            continue;
        }
        depeche_doc *docs[] = {d};
        for (size_t k = 0; k < NFORMATS; k++) {
            size_t len;
            char *out =
                write_one(all_formats[k], DEPECHE_WRITE_NOTES, docs, 1, &len);
            CHECK(out != NULL);
            if (!out)
                continue;
            int ok = clean_bytes(out, len, !is_xml(all_formats[k]));
            CHECK(ok);
#ifdef DEPECHE_TEST_LIBXML2
            if (is_xml(all_formats[k])) {
                xmlDocPtr doc = parse(out, len);
                CHECK(doc != NULL);
                xmlFreeDoc(doc);
            }
#endif
            free(out);
        }
        depeche_doc_free(d);
        if (harness_failures > failures_before + 20)
            break;
    }
    depeche_pipeline_free(p);
}

/* ---- export by units: bilingual output ------------------------------- */

/* Writes the units of bilingual_doc() in one format with
 * DEPECHE_WRITE_BILINGUAL (fr-FR -> en-US); the Moses target lines go to
 * *target.  Returns the bytes (free them) or NULL. */
static char *
write_bilingual(depeche_format f, unsigned flags, depeche_buf *target)
{
    static const char *const sugg[] = {"Deuxième"};
    const depeche_finding finding = {
        DEPECHE_FINDING_ACCENT, "Deuxieme", 17, 25, 1, 18, 2, sugg, 1, 0, 0};
    const depeche_unit_segment title_fr[] = {{"Titre & <co>", 12, 0, 0, 12}};
    const depeche_unit_segment title_en[] = {{"Title & <co>", 12, 0, 0, 12}};
    const depeche_unit_segment two_fr[] = {{"Première phrase.", 17, 1, 13, 30},
                                           {"Deuxieme.", 9, 2, 31, 40}};
    const depeche_unit_segment one_en[] = {
        {"First sentence, second one.", 27, 1, 13, 40}};
    const depeche_unit_segment alone_fr[] = {
        {"Sans traduction.", 16, 3, 41, 57}};
    const depeche_unit_segment empty_fr[] = {{"Cible vide.", 11, 4, 58, 69}};
    const depeche_unit_segment blank_en[] = {{" \t", 2, 2, 41, 43}};
    const depeche_unit_segment blank_fr[] = {{"\xC2\xA0", 2, 5, 70, 72}};
    const depeche_unit_segment last_en[] = {{"Last.", 5, 3, 44, 49}};
    const depeche_unit_prop score[] = {{"score", "0.97"}, {"bead", "1-1"}};
    const depeche_unit_prop weak[] = {{"score", "0.41"}};
    depeche_unit u[5] = {{0}};
    u[0].source = title_fr;
    u[0].source_count = 1;
    u[0].target = title_en;
    u[0].target_count = 1;
    u[0].kind = DEPECHE_KIND_TITLE;
    u[0].props = score;
    u[0].prop_count = 2;
    u[1].source = two_fr;
    u[1].source_count = 2;
    u[1].target = one_en;
    u[1].target_count = 1;
    u[1].target_state = DEPECHE_TARGET_NEEDS_REVIEW;
    u[1].paragraph = 1;
    u[1].findings = &finding;
    u[1].finding_count = 1;
    u[1].props = weak;
    u[1].prop_count = 1;
    u[2].source = alone_fr; /* source only */
    u[2].source_count = 1;
    u[2].paragraph = 1;
    u[3].source = empty_fr; /* a blank target is no target */
    u[3].source_count = 1;
    u[3].target = blank_en;
    u[3].target_count = 1;
    u[3].paragraph = 2;
    u[4].source = blank_fr; /* a blank source: never written */
    u[4].source_count = 1;
    u[4].target = last_en;
    u[4].target_count = 1;
    depeche_meta meta = {0};
    meta.source = "exemple.fr";

    depeche_writer_options wo;
    depeche_writer_options_init(&wo);
    wo.format = f;
    wo.flags = flags | DEPECHE_WRITE_BILINGUAL;
    wo.creation_time = T2021;
    wo.target_lang = "en_US"; /* written en-US */
    wo.target_sink = mem_sink;
    wo.target_user = target;
    depeche_buf b = {0};
    depeche_writer *w = NULL;
    depeche_error err;
    depeche_status st = depeche_writer_new(&wo, mem_sink, &b, &w, &err);
    if (!st)
        st = depeche_writer_begin_doc(w, "a.fr|a.en", &meta, &err);
    for (size_t i = 0; !st && i < 5; i++)
        st = depeche_writer_add_unit(w, &u[i], &err);
    if (!st)
        st = depeche_writer_end_doc(w, &err);
    if (!st)
        st = depeche_writer_finish(w, &err);
    depeche_writer_free(w);
    CHECK(st == DEPECHE_OK);
    if (st) {
        fprintf(stderr, "bilingual write failed: %s\n", err.message);
        depeche_buf_free(&b);
        return NULL;
    }
    return b.data ? depeche_buf_detach(&b) : calloc(1, 1);
}

/* Every format, read by eye: the target <tuv>, <target> with its state,
 * the Moses target file line for line, TSV columns and JSONL keys; a 2-1
 * unit joined with a space; a source-only unit (no Moses line), a blank
 * target (none) and a blank source (no unit). */
static const struct {
    depeche_format format;
    const char *want, *want_target;
} bilingual_golden[] = {
    {DEPECHE_FORMAT_TMX,
     "<?xml version=\"1.0\" encoding=\"UTF-8\"?>\n"
     "<tmx version=\"1.4\">\n"
     "  <header creationtool=\"depeche\" "
     "creationtoolversion=\"" DEPECHE_VERSION_STRING
     "\" segtype=\"sentence\" o-tmf=\"depeche\" adminlang=\"en-US\" "
     "srclang=\"fr-FR\" datatype=\"plaintext\" "
     "creationdate=\"20210224T191800Z\"/>\n"
     "  <body>\n"
     "    <tu tuid=\"6fc63863a388c38e-0\">\n"
     "      <prop type=\"x-doc\">a.fr|a.en</prop>\n"
     "      <prop type=\"x-seg\">0</prop>\n"
     "      <prop type=\"x-target-seg\">0</prop>\n"
     "      <prop type=\"x-kind\">title</prop>\n"
     "      <prop type=\"x-source\">exemple.fr</prop>\n"
     "      <prop type=\"x-score\">0.97</prop>\n"
     "      <prop type=\"x-bead\">1-1</prop>\n"
     "      <tuv xml:lang=\"fr-FR\"><seg>Titre &amp; &lt;co&gt;</seg></tuv>\n"
     "      <tuv xml:lang=\"en-US\"><seg>Title &amp; &lt;co&gt;</seg></tuv>\n"
     "    </tu>\n"
     "    <tu tuid=\"6fc63863a388c38e-1\">\n"
     "      <prop type=\"x-doc\">a.fr|a.en</prop>\n"
     "      <prop type=\"x-seg\">1,2</prop>\n"
     "      <prop type=\"x-target-seg\">1</prop>\n"
     "      <prop type=\"x-kind\">body</prop>\n"
     "      <prop type=\"x-source\">exemple.fr</prop>\n"
     "      <prop type=\"x-score\">0.41</prop>\n"
     "      <note>accent: Deuxieme (1:18) \xE2\x86\x92"
     " Deuxi\xC3\xA8"
     "me</note>\n"
     "      <tuv xml:lang=\"fr-FR\"><seg>Premi\xC3\xA8"
     "re phrase. Deuxieme.</seg></tuv>\n"
     "      <tuv xml:lang=\"en-US\"><seg>First sentence, second "
     "one.</seg></tuv>\n"
     "    </tu>\n"
     "    <tu tuid=\"6fc63863a388c38e-3\">\n"
     "      <prop type=\"x-doc\">a.fr|a.en</prop>\n"
     "      <prop type=\"x-seg\">3</prop>\n"
     "      <prop type=\"x-kind\">body</prop>\n"
     "      <prop type=\"x-source\">exemple.fr</prop>\n"
     "      <tuv xml:lang=\"fr-FR\"><seg>Sans traduction.</seg></tuv>\n"
     "    </tu>\n"
     "    <tu tuid=\"6fc63863a388c38e-4\">\n"
     "      <prop type=\"x-doc\">a.fr|a.en</prop>\n"
     "      <prop type=\"x-seg\">4</prop>\n"
     "      <prop type=\"x-kind\">body</prop>\n"
     "      <prop type=\"x-source\">exemple.fr</prop>\n"
     "      <tuv xml:lang=\"fr-FR\"><seg>Cible vide.</seg></tuv>\n"
     "    </tu>\n"
     "  </body>\n"
     "</tmx>\n",
     ""},
    {DEPECHE_FORMAT_XLIFF,
     "<?xml version=\"1.0\" encoding=\"UTF-8\"?>\n"
     "<xliff version=\"1.2\" xmlns=\"urn:oasis:names:tc:xliff:document:1.2\">\n"
     "  <file original=\"a.fr|a.en\" source-language=\"fr-FR\" "
     "target-language=\"en-US\" datatype=\"plaintext\" tool-id=\"depeche\">\n"
     "    <header>\n"
     "      <tool tool-id=\"depeche\" tool-name=\"depeche\" "
     "tool-version=\"" DEPECHE_VERSION_STRING "\"/>\n"
     "      <note from=\"depeche\">source: exemple.fr</note>\n"
     "    </header>\n"
     "    <body>\n"
     "      <group id=\"p0\">\n"
     "        <trans-unit id=\"s0\" xml:space=\"preserve\">\n"
     "          <source>Titre &amp; &lt;co&gt;</source>\n"
     "          <target state=\"translated\">Title &amp; &lt;co&gt;</target>\n"
     "          <context-group purpose=\"information\"><context "
     "context-type=\"x-kind\">title</context><context "
     "context-type=\"x-score\">0.97</context><context "
     "context-type=\"x-bead\">1-1</context></context-group>\n"
     "        </trans-unit>\n"
     "      </group>\n"
     "      <group id=\"p1\">\n"
     "        <trans-unit id=\"s1\" xml:space=\"preserve\">\n"
     "          <source>Premi\xC3\xA8"
     "re phrase. Deuxieme.</source>\n"
     "          <target state=\"needs-review-translation\">First sentence, "
     "second one.</target>\n"
     "          <context-group purpose=\"information\"><context "
     "context-type=\"x-kind\">body</context><context "
     "context-type=\"x-score\">0.41</context></context-group>\n"
     "          <note from=\"developer\">accent: Deuxieme (1:18) \xE2\x86\x92"
     " Deuxi\xC3\xA8"
     "me</note>\n"
     "        </trans-unit>\n"
     "        <trans-unit id=\"s3\" xml:space=\"preserve\">\n"
     "          <source>Sans traduction.</source>\n"
     "          <context-group purpose=\"information\"><context "
     "context-type=\"x-kind\">body</context></context-group>\n"
     "        </trans-unit>\n"
     "      </group>\n"
     "      <group id=\"p2\">\n"
     "        <trans-unit id=\"s4\" xml:space=\"preserve\">\n"
     "          <source>Cible vide.</source>\n"
     "          <context-group purpose=\"information\"><context "
     "context-type=\"x-kind\">body</context></context-group>\n"
     "        </trans-unit>\n"
     "      </group>\n"
     "    </body>\n"
     "  </file>\n"
     "</xliff>\n",
     ""},
    {DEPECHE_FORMAT_XLIFF2,
     "<?xml version=\"1.0\" encoding=\"UTF-8\"?>\n"
     "<xliff xmlns=\"urn:oasis:names:tc:xliff:document:2.0\" version=\"2.1\" "
     "srcLang=\"fr-FR\" trgLang=\"en-US\">\n"
     "  <file id=\"f1\" original=\"a.fr|a.en\">\n"
     "    <notes>\n"
     "      <note category=\"source\">exemple.fr</note>\n"
     "    </notes>\n"
     "    <group id=\"p0\">\n"
     "      <unit id=\"s0\" type=\"depeche:title\">\n"
     "        <notes>\n"
     "          <note category=\"depeche:score\">0.97</note>\n"
     "          <note category=\"depeche:bead\">1-1</note>\n"
     "        </notes>\n"
     "        <segment state=\"translated\">\n"
     "          <source xml:space=\"preserve\">Titre &amp; "
     "&lt;co&gt;</source>\n"
     "          <target xml:space=\"preserve\">Title &amp; "
     "&lt;co&gt;</target>\n"
     "        </segment>\n"
     "      </unit>\n"
     "    </group>\n"
     "    <group id=\"p1\">\n"
     "      <unit id=\"s1\" type=\"depeche:body\">\n"
     "        <notes>\n"
     "          <note category=\"depeche:score\">0.41</note>\n"
     "          <note category=\"accent\">accent: Deuxieme (1:18) \xE2\x86\x92"
     " Deuxi\xC3\xA8"
     "me</note>\n"
     "        </notes>\n"
     "        <segment state=\"translated\" "
     "subState=\"depeche:needs-review\">\n"
     "          <source xml:space=\"preserve\">Premi\xC3\xA8"
     "re phrase. Deuxieme.</source>\n"
     "          <target xml:space=\"preserve\">First sentence, second "
     "one.</target>\n"
     "        </segment>\n"
     "      </unit>\n"
     "      <unit id=\"s3\" type=\"depeche:body\">\n"
     "        <segment>\n"
     "          <source xml:space=\"preserve\">Sans traduction.</source>\n"
     "        </segment>\n"
     "      </unit>\n"
     "    </group>\n"
     "    <group id=\"p2\">\n"
     "      <unit id=\"s4\" type=\"depeche:body\">\n"
     "        <segment>\n"
     "          <source xml:space=\"preserve\">Cible vide.</source>\n"
     "        </segment>\n"
     "      </unit>\n"
     "    </group>\n"
     "  </file>\n"
     "</xliff>\n",
     ""},
    {DEPECHE_FORMAT_MOSES,
     "Titre & <co>\n"
     "Premi\xC3\xA8"
     "re phrase. Deuxieme.\n",
     "Title & <co>\n"
     "First sentence, second one.\n"},
    {DEPECHE_FORMAT_TSV,
     "doc\tseg\tkind\tstart\tend\ttext\ttarget_seg\ttarget_start\ttarget_"
     "end\ttarget\n"
     "a.fr|a.en\t0\ttitle\t0\t12\tTitre & <co>\t0\t0\t12\tTitle & <co>\n"
     "a.fr|a.en\t1,2\tbody\t13\t40\tPremi\xC3\xA8"
     "re phrase. Deuxieme.\t1\t13\t40\tFirst sentence, second one.\n"
     "a.fr|a.en\t3\tbody\t41\t57\tSans traduction.\t\t\t\t\n"
     "a.fr|a.en\t4\tbody\t58\t69\tCible vide.\t\t\t\t\n",
     ""},
    {DEPECHE_FORMAT_JSONL,
     "{\"doc\":\"a.fr|a.en\",\"seg\":0,\"kind\":\"title\",\"text\":\"Titre & "
     "<co>\",\"start\":0,\"end\":12,\"segs\":[0],\"target\":\"Title & "
     "<co>\",\"target_segs\":[0],\"target_start\":0,\"target_end\":12,"
     "\"props\":{\"score\":\"0.97\",\"bead\":\"1-1\"},\"findings\":[]}\n"
     "{\"doc\":\"a.fr|a.en\",\"seg\":1,\"kind\":\"body\",\"text\":"
     "\"Premi\xC3\xA8"
     "re phrase. "
     "Deuxieme.\",\"start\":13,\"end\":40,\"segs\":[1,2],\"target\":\"First "
     "sentence, second "
     "one.\",\"target_segs\":[1],\"target_start\":13,\"target_end\":40,"
     "\"props\":{\"score\":\"0.41\"},\"findings\":[{\"kind\":\"accent\","
     "\"word\":\"Deuxieme\",\"start\":17,\"end\":25,\"suggestions\":["
     "\"Deuxi\xC3\xA8"
     "me\"]}]}\n"
     "{\"doc\":\"a.fr|a.en\",\"seg\":3,\"kind\":\"body\",\"text\":\"Sans "
     "traduction.\",\"start\":41,\"end\":57,\"segs\":[3],\"target\":null,"
     "\"target_segs\":[],\"target_start\":null,\"target_end\":null,"
     "\"findings\":[]}\n"
     "{\"doc\":\"a.fr|a.en\",\"seg\":4,\"kind\":\"body\",\"text\":\"Cible "
     "vide.\",\"start\":58,\"end\":69,\"segs\":[4],\"target\":null,\"target_"
     "segs\":[],\"target_start\":null,\"target_end\":null,\"findings\":[]}\n",
     ""},
    {DEPECHE_FORMAT_TEXT,
     "Titre & <co>\n"
     "\n"
     "Premi\xC3\xA8"
     "re phrase. Deuxieme.\n"
     "Sans traduction.\n"
     "\n"
     "Cible vide.\n",
     ""},
};

static void
test_bilingual_golden(void)
{
    size_t n = sizeof bilingual_golden / sizeof *bilingual_golden;
    CHECK_INT(n, NFORMATS);
    for (size_t k = 0; k < n; k++) {
        depeche_buf tgt = {0};
        char *out = write_bilingual(bilingual_golden[k].format,
                                    DEPECHE_WRITE_NOTES, &tgt);
        CHECK_STR(out, bilingual_golden[k].want);
        CHECK_STR(tgt.data ? tgt.data : "", bilingual_golden[k].want_target);
#ifdef DEPECHE_TEST_LIBXML2
        if (out && is_xml(bilingual_golden[k].format)) {
            xmlDocPtr doc = parse(out, strlen(out));
            CHECK(doc != NULL);
            xmlNodePtr root = doc ? xmlDocGetRootElement(doc) : NULL;
            if (bilingual_golden[k].format == DEPECHE_FORMAT_TMX)
                CHECK_INT(count_elements(root, "tuv"), 6);
            else
                CHECK_INT(count_elements(root, "target"), 2);
            xmlFreeDoc(doc);
        }
#endif
        free(out);
        depeche_buf_free(&tgt);
    }
}

/* A writer that takes units: the given format and flags, fr -> en. */
static depeche_writer *
unit_writer(depeche_format f, unsigned flags, depeche_buf *b)
{
    depeche_writer_options wo;
    depeche_writer_options_init(&wo);
    wo.format = f;
    wo.flags = flags;
    wo.target_lang = "en";
    wo.target_sink = mem_sink;
    wo.target_user = b;
    depeche_writer *w = NULL;
    CHECK(depeche_writer_new(&wo, mem_sink, b, &w, NULL) == DEPECHE_OK);
    return w;
}

static void
test_unit_errors(void)
{
    depeche_buf b = {0};
    depeche_error err;
    depeche_writer_options wo;
    const depeche_unit_segment fr = {"Oui.", 4, 0, 0, 4};
    const depeche_unit_segment en = {"Yes.", 4, 0, 0, 4};
    depeche_unit u = {0};
    u.source = &fr;
    u.source_count = 1;
    u.target = &en;
    u.target_count = 1;

    /* Bilingual needs a target language, and Moses a target sink. */
    depeche_writer_options_init(&wo);
    wo.flags = DEPECHE_WRITE_BILINGUAL;
    depeche_writer *w = NULL;
    CHECK(depeche_writer_new(&wo, mem_sink, &b, &w, &err) ==
          DEPECHE_ERR_INVALID_ARG);
    wo.target_lang = "en";
    wo.format = DEPECHE_FORMAT_MOSES;
    CHECK(depeche_writer_new(&wo, mem_sink, &b, &w, &err) ==
          DEPECHE_ERR_INVALID_ARG);
    wo.format = DEPECHE_FORMAT_SPELL_JSONL;
    CHECK(depeche_writer_new(&wo, mem_sink, &b, &w, &err) ==
          DEPECHE_ERR_INVALID_ARG);
    CHECK(w == NULL);

    /* A single-language writer refuses a target rather than change its
     * file's shape; units only inside a document. */
    w = unit_writer(DEPECHE_FORMAT_TSV, 0, &b);
    CHECK(depeche_writer_add_unit(w, &u, &err) == DEPECHE_ERR_STATE);
    CHECK(depeche_writer_begin_doc(w, "d", NULL, &err) == DEPECHE_OK);
    CHECK(depeche_writer_begin_doc(w, "d", NULL, &err) == DEPECHE_ERR_STATE);
    CHECK(depeche_writer_add_unit(w, &u, &err) == DEPECHE_ERR_INVALID_ARG);
    CHECK(contains(err.message, strlen(err.message), "bilingual"));
    u.target_count = 0;
    CHECK(depeche_writer_add_unit(w, &u, &err) == DEPECHE_OK);
    const depeche_unit_prop bad[] = {{"Score", "1"}};
    u.props = bad;
    u.prop_count = 1;
    CHECK(depeche_writer_add_unit(w, &u, &err) == DEPECHE_ERR_INVALID_ARG);
    u.prop_count = 0;
    u.source_count = 0;
    CHECK(depeche_writer_add_unit(w, &u, &err) == DEPECHE_ERR_INVALID_ARG);
    u.source_count = 1;
    /* Refused units leave the writer usable and write nothing. */
    CHECK(depeche_writer_finish(w, &err) == DEPECHE_ERR_STATE);
    CHECK(depeche_writer_end_doc(w, &err) == DEPECHE_OK);
    CHECK(depeche_writer_end_doc(w, &err) == DEPECHE_ERR_STATE);
    CHECK(depeche_writer_finish(w, &err) == DEPECHE_OK);
    depeche_writer_free(w);
    CHECK_STR(b.data, "doc\tseg\tkind\tstart\tend\ttext\n"
                      "d\t0\tbody\t0\t4\tOui.\n");
    depeche_buf_free(&b);

    /* A target sink that fails fails the writer, as the main one does. */
    depeche_writer_options_init(&wo);
    wo.format = DEPECHE_FORMAT_MOSES;
    wo.flags = DEPECHE_WRITE_BILINGUAL;
    wo.target_lang = "en";
    wo.target_sink = failing_sink;
    CHECK(depeche_writer_new(&wo, mem_sink, &b, &w, &err) == DEPECHE_OK);
    u.target_count = 1;
    CHECK(depeche_writer_begin_doc(w, "d", NULL, &err) == DEPECHE_OK);
    CHECK(depeche_writer_add_unit(w, &u, &err) == DEPECHE_OK);
    CHECK(depeche_writer_end_doc(w, &err) == DEPECHE_ERR_IO);
    CHECK(depeche_writer_finish(w, &err) == DEPECHE_ERR_STATE);
    depeche_writer_free(w);
    depeche_buf_free(&b);

    /* The report formats take documents only. */
    w = unit_writer(DEPECHE_FORMAT_SPELL_TEXT, 0, &b);
    CHECK(depeche_writer_begin_doc(w, "d", NULL, &err) == DEPECHE_ERR_STATE);
    depeche_writer_free(w);

    /* A writer freed with a document open leaks nothing (ASan). */
    w = unit_writer(DEPECHE_FORMAT_XLIFF, 0, &b);
    depeche_meta meta = {0};
    meta.title = "Titre";
    CHECK(depeche_writer_begin_doc(w, "d", &meta, &err) == DEPECHE_OK);
    depeche_writer_free(w);
    depeche_buf_free(&b);
}

/* A single-language writer given a unit of two segments: one line, the
 * texts joined by a space, every index listed, offsets from the first
 * start to the last end. */
static void
test_joined_sources(void)
{
    const depeche_unit_segment two[] = {{"Un.", 3, 1, 10, 13},
                                        {"Deux.", 5, 2, 14, 19}};
    depeche_unit u = {0};
    u.source = two;
    u.source_count = 2;
    static const struct {
        depeche_format format;
        const char *want;
    } cases[] = {
        {DEPECHE_FORMAT_JSONL,
         "{\"doc\":\"d\",\"seg\":1,\"kind\":\"body\",\"text\":\"Un. Deux.\","
         "\"start\":10,\"end\":19,\"segs\":[1,2],\"findings\":[]}\n"},
        {DEPECHE_FORMAT_TSV, "doc\tseg\tkind\tstart\tend\ttext\n"
                             "d\t1,2\tbody\t10\t19\tUn. Deux.\n"},
        {DEPECHE_FORMAT_MOSES, "Un. Deux.\n"},
    };
    for (size_t k = 0; k < sizeof cases / sizeof *cases; k++) {
        depeche_buf b = {0};
        depeche_writer *w = unit_writer(cases[k].format, 0, &b);
        CHECK(depeche_writer_begin_doc(w, "d", NULL, NULL) == DEPECHE_OK);
        CHECK(depeche_writer_add_unit(w, &u, NULL) == DEPECHE_OK);
        CHECK(depeche_writer_end_doc(w, NULL) == DEPECHE_OK);
        CHECK(depeche_writer_finish(w, NULL) == DEPECHE_OK);
        depeche_writer_free(w);
        CHECK_STR(b.data, cases[k].want);
        depeche_buf_free(&b);
    }
}

/* Units and documents written by units agree with depeche_writer_add:
 * the same document by both paths gives the same bytes, empty documents
 * included (an XLIFF <file> each). */
static void
test_units_match_docs(void)
{
    const char *const segs[] = {"Titre", "Un.", " ", "Deux."};
    depeche_doc *docs[2] = {make_doc("a", segs, NULL, 4, NULL),
                            make_doc("vide", NULL, NULL, 0, NULL)};
    for (size_t k = 0; k < NFORMATS; k++) {
        char *want =
            write_one(all_formats[k], DEPECHE_WRITE_NOTES, docs, 2, NULL);
        depeche_buf b = {0};
        depeche_writer_options wo;
        depeche_writer_options_init(&wo);
        wo.format = all_formats[k];
        wo.flags = DEPECHE_WRITE_NOTES;
        wo.creation_time = T2021;
        depeche_writer *w = NULL;
        depeche_status st = depeche_writer_new(&wo, mem_sink, &b, &w, NULL);
        for (size_t d = 0; !st && d < 2; d++) {
            st = depeche_writer_begin_doc(w, depeche_doc_id(docs[d]),
                                          depeche_doc_meta(docs[d]), NULL);
            for (size_t i = 0; !st && i < depeche_doc_segment_count(docs[d]);
                 i++) {
                const depeche_segment *s = depeche_doc_segment(docs[d], i);
                depeche_unit_segment v = {s->text, s->len, i, s->start, s->end};
                depeche_unit u = {0};
                u.source = &v;
                u.source_count = 1;
                u.kind = s->kind;
                u.paragraph = s->paragraph;
                st = depeche_writer_add_unit(w, &u, NULL);
            }
            if (!st)
                st = depeche_writer_end_doc(w, NULL);
        }
        if (!st)
            st = depeche_writer_finish(w, NULL);
        depeche_writer_free(w);
        CHECK(st == DEPECHE_OK);
        CHECK_STR(b.data ? b.data : "", want);
        free(want);
        depeche_buf_free(&b);
    }
    depeche_doc_free(docs[0]);
    depeche_doc_free(docs[1]);
}

int
main(void)
{
#ifdef DEPECHE_TEST_LIBXML2
    LIBXML_TEST_VERSION
    xmlSetGenericErrorFunc(NULL, quiet);
#endif
    test_escaping();
    test_exact();
    test_text_paragraphs();
    test_findings_after_segments();
    test_hostile();
    test_no_documents();
    test_options();
    test_bilingual_golden();
    test_unit_errors();
    test_units_match_docs();
    test_joined_sources();
    test_fuzz();
    test_fuzz_pipeline();
#ifdef DEPECHE_TEST_LIBXML2
    xmlCleanupParser();
#endif
    return harness_done();
}
