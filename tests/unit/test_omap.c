/* test_omap.c -- the offset map from output positions to input bytes. */
#include "harness.h"
#include "omap.h"

int
main(void)
{
    depeche_omap m = {0};
    /* input  "ab\r\ncd''e" ; output "ab\ncd”e" */
    CHECK(!depeche_omap_copy(&m, 0, 0, 2));       /* ab */
    CHECK(!depeche_omap_replace(&m, 2, 1, 2, 2)); /* \r\n -> \n */
    CHECK(!depeche_omap_copy(&m, 3, 4, 2));       /* cd */
    CHECK(!depeche_omap_replace(&m, 5, 3, 6, 2)); /* '' -> ” (3 bytes) */
    CHECK(!depeche_omap_copy(&m, 8, 8, 1));       /* e */
    CHECK_INT(depeche_omap_start(&m, 0), 0);
    CHECK_INT(depeche_omap_start(&m, 1), 1);
    CHECK_INT(depeche_omap_start(&m, 2), 2);
    CHECK_INT(depeche_omap_end(&m, 3), 4); /* through the whole CRLF */
    CHECK_INT(depeche_omap_start(&m, 3), 4);
    CHECK_INT(depeche_omap_start(&m, 6), 6); /* inside ” -> its start */
    CHECK_INT(depeche_omap_end(&m, 7), 8);   /* ends with it */
    CHECK_INT(depeche_omap_end(&m, 8), 8);
    CHECK_INT(depeche_omap_end(&m, 9), 9);
    /* Adjacent copies merge: a clean text costs one piece. */
    depeche_omap_clear(&m);
    for (int i = 0; i < 100; i++)
        CHECK(!depeche_omap_copy(&m, (uint64_t)i, (uint64_t)i + 10, 1));
    CHECK_INT(m.count, 1);
    CHECK_INT(depeche_omap_start(&m, 57), 67);
    /* A deleted stretch (input 110..120 dropped) is skipped over. */
    CHECK(!depeche_omap_copy(&m, 100, 120, 5));
    CHECK_INT(depeche_omap_end(&m, 100), 110);
    CHECK_INT(depeche_omap_start(&m, 100), 120);
    depeche_omap_free(&m);
    return harness_done();
}
