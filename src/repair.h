/* repair.h -- encoding repair: mojibake and HTML entities (rules NZ-R*).
 *
 * Scraped copy often went through one wrong decode: UTF-8 bytes read as
 * Windows-1252, Latin-1, Windows-1250, Windows-1251 or MacRoman ("Ã©" for
 * "é", "â€™" for "’"), or HTML entities left in the text ("&eacute;").
 * A repair applies only where the result is clearly better: a well-formed
 * UTF-8 sequence that decodes to a plausible character. */
#pragma once

#include <stddef.h>
#include <stdint.h>

/* Code points a repair may span: three layers of MacRoman make one
 * curly apostrophe 15 (NZ-R4). */
enum { DEPECHE_REPAIR_LOOKAHEAD = 32 };

typedef struct depeche_fix {
    size_t consumed;     /* code points of the input the repair replaces */
    int32_t cp;          /* what replaces them */
    const char *code;    /* "DEPECHE-004", "DEPECHE-005" */
    const char *message; /* for the report */
} depeche_fix;

/* Looks at the text from the current position, cps[0..n) (n at most
 * DEPECHE_REPAIR_LOOKAHEAD), with back[0..nback) the characters before it,
 * nearest first (nback 0 at a line start).  Returns 1 and fills *fix when
 * a repair starts here. */
int depeche_repair_at(const int32_t *back, size_t nback, const int32_t *cps,
                      size_t n, depeche_fix *fix);

/* True when cp may start a repair ('&', a C1 control, or a character that
 * stands for an accepted lead byte in one of the code pages): the cheap
 * filter run on every character. */
int depeche_repair_may_start(int32_t cp);
