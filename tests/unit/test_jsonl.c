/* test_jsonl.c -- the JSONL reader: ids and texts decoded (escapes,
 * surrogate pairs), every malformed record refused at its byte. */
#include <stdlib.h>
#include <string.h>

#include "depeche.h"
#include "harness.h"

static depeche_jsonl *j;

/* Parses line; the status, and *rec. */
static depeche_status
parse(const char *line, depeche_jsonl_record *rec, depeche_error *err)
{
    return depeche_jsonl_parse(j, line, strlen(line), rec, err);
}

/* line is refused at byte `at`. */
static void
refused(const char *line, uint64_t at)
{
    depeche_jsonl_record rec;
    depeche_error err = {0};
    depeche_status st = parse(line, &rec, &err);
    CHECK_INT(st, DEPECHE_ERR_BAD_INPUT);
    CHECK_INT(err.byte_offset, at);
    if (st != DEPECHE_ERR_BAD_INPUT || err.byte_offset != at)
        fprintf(stderr, "  line: %s (%s)\n", line, err.message);
}

static void
test_fields(void)
{
    depeche_jsonl_record rec;
    CHECK_INT(parse("{\"id\":\"a1\",\"text\":\"Bonjour\"}", &rec, NULL), 0);
    CHECK_STR(rec.id, "a1");
    CHECK_STR(rec.text, "Bonjour");
    CHECK_INT(rec.text_len, 7);
    /* Other fields of every kind are skipped; the id may be a number. */
    CHECK_INT(parse(" { \"meta\" : {\"a\":[1,2.5e-3,true,false,null,{}]},"
                    "\"text\":\"x\", \"id\" : -12.5 } \r",
                    &rec, NULL),
              0);
    CHECK_STR(rec.id, "-12.5");
    CHECK_STR(rec.text, "x");
    /* No id: NULL; a field given twice: the last. */
    CHECK_INT(parse("{\"text\":\"a\",\"text\":\"b\"}", &rec, NULL), 0);
    CHECK(rec.id == NULL);
    CHECK_STR(rec.text, "b");
    /* An empty text is a document. */
    CHECK_INT(parse("{\"text\":\"\"}", &rec, NULL), 0);
    CHECK(rec.text && rec.text_len == 0);
    /* A blank line is no record. */
    CHECK_INT(parse("  \t", &rec, NULL), 0);
    CHECK(rec.text == NULL);
}

static void
test_escapes(void)
{
    depeche_jsonl_record rec;
    CHECK_INT(parse("{\"text\":\"l\\u2019\\u00e9t\\u00E9 \\\"q\\\" \\\\ \\/ "
                    "\\b\\f\\n\\r\\t \\ud83d\\ude00 \xc3\xa9\"}",
                    &rec, NULL),
              0);
    CHECK_STR(rec.text, "l\xe2\x80\x99\xc3\xa9t\xc3\xa9 \"q\" \\ / "
                        "\b\f\n\r\t \xf0\x9f\x98\x80 \xc3\xa9");
    /* \u0000 is a NUL byte in the text, counted in its length. */
    CHECK_INT(parse("{\"text\":\"a\\u0000b\"}", &rec, NULL), 0);
    CHECK_INT(rec.text_len, 3);
    CHECK(rec.text && rec.text[1] == '\0' && rec.text[2] == 'b');
    /* Keys are decoded before they are compared. */
    CHECK_INT(parse("{\"t\\u0065xt\":\"k\"}", &rec, NULL), 0);
    CHECK_STR(rec.text, "k");
}

static void
test_refused(void)
{
    refused("[1]", 0);
    refused("{\"id\":\"x\"}", 0);              /* no text */
    refused("{\"text\":1}", 8);                /* not a string */
    refused("{\"text\":\"a\",\"id\":[]}", 17); /* id not a string/number */
    refused("{\"text\":\"abc", 8);             /* string does not end */
    refused("{\"text\":\"a\"", 11);            /* object does not end */
    refused("{\"text\":\"a\"} x", 13);         /* more after it */
    refused("{\"text\":\"a\tb\"}", 10);        /* raw control character */
    refused("{\"text\":\"\\x\"}", 10);         /* unknown escape */
    refused("{\"text\":\"\\u12\"}", 11);       /* short \u */
    refused("{\"text\":\"\\ud800\"}", 9);      /* lone high surrogate */
    refused("{\"text\":\"\\udc00x\"}", 9);     /* lone low surrogate */
    refused("{\"text\":\"\\ud800\\u0041\"}", 9);
    refused("{\"a\":01,\"text\":\"\"}", 6); /* leading zero */
    refused("{\"a\":-,\"text\":\"\"}", 6);
    refused("{\"a\":1.,\"text\":\"\"}", 7);
    refused("{\"a\":1e,\"text\":\"\"}", 7);
    refused("{\"a\":tru,\"text\":\"\"}", 5);
    refused("{\"a\":[1 2],\"text\":\"\"}", 8);
    refused("{\"a\" 1}", 5);
    refused("{a:1}", 1);
    refused("{\"a\":1,}", 7);
    /* Deep nesting is refused, not a stack overflow. */
    size_t n = 100000;
    char *deep = malloc(n + 16);
    if (deep) {
        memcpy(deep, "{\"a\":", 5);
        memset(deep + 5, '[', n);
        strcpy(deep + 5 + n, "}");
        depeche_jsonl_record rec;
        depeche_error err = {0};
        CHECK_INT(parse(deep, &rec, &err), DEPECHE_ERR_BAD_INPUT);
        free(deep);
    }
}

static void
test_fields_named(void)
{
    depeche_jsonl *k = NULL;
    CHECK_INT(depeche_jsonl_new("url", "body", &k, NULL), 0);
    depeche_jsonl_record rec;
    const char *line =
        "{\"id\":\"no\",\"url\":\"u\",\"body\":\"b\",\"text\":1}";
    CHECK_INT(depeche_jsonl_parse(k, line, strlen(line), &rec, NULL), 0);
    CHECK_STR(rec.id, "u");
    CHECK_STR(rec.text, "b");
    depeche_jsonl_free(k);
}

int
main(void)
{
    if (depeche_jsonl_new(NULL, NULL, &j, NULL))
        return 1;
    test_fields();
    test_escapes();
    test_refused();
    test_fields_named();
    depeche_jsonl_free(j);
    return harness_done();
}
