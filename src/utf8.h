/* utf8.h -- exact UTF-8 decoding (RFC 3629, Unicode ch. 3 "maximal subpart"
 * replacement) shared by every stage. */
#pragma once

#include <stddef.h>
#include <stdint.h>

/* Decodes the code point at s[0..len), len >= 1.  Returns the bytes it
 * covers (1..4).  *cp is the code point, or -1 for an ill-formed sequence;
 * then the return value is the length of its maximal subpart, so that one
 * U+FFFD replaces it, as Unicode recommends. */
size_t depeche_utf8_decode(const unsigned char *s, size_t len, int32_t *cp);

/* Writes cp (a valid scalar value) to out; returns 1..4. */
size_t depeche_utf8_encode(int32_t cp, char out[4]);

/* Offset of the first ill-formed byte in s[0..len), or len when all valid.
 * ASCII runs are scanned a word at a time. */
size_t depeche_utf8_check(const char *s, size_t len);

/* Offset of the first byte of s[0..len) that is not valid UTF-8 text: an
 * ill-formed sequence or a NUL byte; len when there is none. */
size_t depeche_utf8_check_text(const char *s, size_t len);

/* Length of the valid prefix that ends on a complete sequence: the bytes
 * after it may be the start of a sequence cut by a chunk boundary. */
size_t depeche_utf8_complete_prefix(const char *s, size_t len);

/* Line breaks as every stage reads them: LF, CR, CRLF, U+2028, U+2029. */

/* Length of the line break at s[i] (i < len), or 0. */
size_t depeche_line_break_at(const char *s, size_t len, size_t i);

/* Where the next LF and CR lie, found once and reused until passed, so
 * that a scan over a whole text is linear even on CR-only text. */
typedef struct depeche_break_scan {
    size_t nl, cr;
    int known;
} depeche_break_scan;

/* Offset of the next line break at or after i (len when none); *brk gets
 * its length (0 at len).  Call with increasing i and one zeroed scan. */
size_t depeche_next_line_break(const char *s, size_t len, size_t i,
                               depeche_break_scan *bs, size_t *brk);
