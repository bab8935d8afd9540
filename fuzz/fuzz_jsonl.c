/* fuzz_jsonl.c -- the JSONL reader on any line.
 *
 * A record it accepts is a JSON value by the fuzz checker's own parser
 * (check.c); its text, written back as a JSON string, reads back as the
 * same bytes (escapes, surrogate pairs and \u0000 round-trip); a record it
 * refuses names a byte inside the line. */
#include <stdlib.h>
#include <string.h>

#include "check.h"
#include "depeche.h"

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size);

static depeche_jsonl *reader, *again;

/* {"text":"..."} with the text escaped (control characters as \u00XX). */
static char *
write_record(const char *text, size_t len, size_t *out_len)
{
    char *s = malloc(len * 6 + 16), *p = s;
    if (!s)
        return NULL;
    memcpy(p, "{\"text\":\"", 9);
    p += 9;
    for (size_t i = 0; i < len; i++) {
        unsigned char c = (unsigned char)text[i];
        if (c == '"' || c == '\\') {
            *p++ = '\\';
            *p++ = (char)c;
        } else if (c < 0x20) {
            static const char hex[] = "0123456789abcdef";
            memcpy(p, "\\u00", 4);
            p[4] = hex[c >> 4];
            p[5] = hex[c & 15];
            p += 6;
        } else {
            *p++ = (char)c;
        }
    }
    memcpy(p, "\"}", 2);
    *out_len = (size_t)(p + 2 - s);
    return s;
}

int
LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
    if ((!reader && depeche_jsonl_new(NULL, NULL, &reader, NULL)) ||
        (!again && depeche_jsonl_new("x", NULL, &again, NULL)))
        return 0;
    const char *line = (const char *)data;
    depeche_jsonl_record rec;
    depeche_error err = {0};
    depeche_status st = depeche_jsonl_parse(reader, line, size, &rec, &err);
    if (st) {
        FUZZ_REQUIRE(st == DEPECHE_ERR_BAD_INPUT, "bad input, or nothing");
        FUZZ_REQUIRE(err.byte_offset <= size, "the error is inside the line");
        return 0;
    }
    if (!rec.text)
        return 0; /* a blank line */
    FUZZ_REQUIRE(fuzz_json_valid(line, size), "an accepted record is JSON");
    size_t n;
    char *copy = write_record(rec.text, rec.text_len, &n);
    if (!copy)
        return 0;
    size_t len = rec.text_len;
    char *text = malloc(len + 1);
    if (text)
        memcpy(text, rec.text, len);
    depeche_jsonl_record back;
    st = depeche_jsonl_parse(again, copy, n, &back, NULL);
    FUZZ_REQUIRE(st == DEPECHE_OK && back.text, "the text written back reads");
    FUZZ_REQUIRE(!text ||
                     (back.text_len == len && !memcmp(back.text, text, len)),
                 "the text round-trips");
    free(text);
    free(copy);
    return 0;
}
