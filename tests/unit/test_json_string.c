/* test_json_string.c -- depeche_json_string: the one JSON string escaping
 * every command uses (the exports' reports and `depeche segment`). */
#include <string.h>

#include "depeche.h"
#include "harness.h"
#include "src/buf.h"

static int
collect(void *user, const char *bytes, size_t len)
{
    return depeche_buf_put(user, bytes, len) != DEPECHE_OK;
}

static int
refuse(void *user, const char *bytes, size_t len)
{
    (void)user;
    (void)bytes;
    (void)len;
    return 1;
}

static void
check(const char *in, size_t n, const char *want)
{
    depeche_buf b = {0};
    CHECK_INT(depeche_json_string(in, n, collect, &b), DEPECHE_OK);
    CHECK_INT(depeche_buf_putc(&b, '\0'), DEPECHE_OK);
    CHECK_STR(b.data, want);
    depeche_buf_free(&b);
}

int
main(void)
{
    check("", 0, "\"\"");
    check(NULL, 0, "\"\"");
    check("a\"b\\c\td\ne\rf", 11, "\"a\\\"b\\\\c\\td\\ne\\rf\"");
    /* other controls as \u00XX; NEL, LS, PS escaped; é as it is */
    check("\x01\x1F\xC2\x85\xE2\x80\xA8\xE2\x80\xA9\xC3\xA9", 12,
          "\"\\u0001\\u001F\\u0085\\u2028\\u2029\xC3\xA9\"");
    /* invalid UTF-8 becomes U+FFFD: the line stays JSON */
    check("a\xFF", 2, "\"a\xEF\xBF\xBD\"");
    /* a NUL inside the bytes is a character like another */
    check("a\0b", 3, "\"a\\u0000b\"");
    CHECK_INT(depeche_json_string("x", 1, refuse, NULL), DEPECHE_ERR_IO);
    CHECK_INT(depeche_json_string(NULL, 1, collect, NULL),
              DEPECHE_ERR_INVALID_ARG);
    return harness_done();
}
