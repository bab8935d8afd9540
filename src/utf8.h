/* utf8.h -- exact UTF-8 decoding (RFC 3629, Unicode ch. 3 "maximal subpart"
 * replacement) shared by every stage. */
#pragma once

#include <stddef.h>
#include <stdint.h>

#include "depeche.h"

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

/* Code points in s[0..len) of valid UTF-8: its bytes that start one. */
size_t depeche_utf8_count(const char *s, size_t len);

/* Offset of the first byte of s[0..len) that is not valid UTF-8 text: an
 * ill-formed sequence or a NUL byte; len when there is none. */
size_t depeche_utf8_check_text(const char *s, size_t len);

/* When s[0..len) opens with the byte order mark of UTF-16 or UTF-32,
 * fails with DEPECHE_ERR_BAD_INPUT at byte 0 and a message naming the
 * encoding and how to convert it; DEPECHE_OK otherwise.  depeche reads
 * UTF-8 only, even under DEPECHE_LOSSY: decoding would make every offset
 * point into other bytes than the caller's. */
depeche_status depeche_reject_utf16_32(const char *s, size_t len,
                                       depeche_error *err);

/* Length of the valid prefix that ends on a complete sequence: the bytes
 * after it may be the start of a sequence cut by a chunk boundary. */
size_t depeche_utf8_complete_prefix(const char *s, size_t len);

/* ---- Lines and paragraphs: the one definition every stage and command
 * reads (segment, clean, normalize, the pipeline, spell's line numbers).
 *
 * A line ends at a line break: LF, CR, CRLF (one break), U+2028 LINE
 * SEPARATOR or U+2029 PARAGRAPH SEPARATOR.  NEL (U+0085) is not one: in
 * scraped French it is a Windows-1252 ellipsis read as Latin-1, not a line
 * end; VT and FF are spaces.
 *
 * A paragraph ends at U+2029 or at a blank line: a line whose characters
 * are all blank (depeche_is_blank_cp).  Several blank lines are one break;
 * a break before the first text starts nothing. */

/* Length of the line break at s[i] (i < len), or 0. */
size_t depeche_line_break_at(const char *s, size_t len, size_t i);

/* Whether the line break at s[i] (i < len) also ends a paragraph: U+2029. */
int depeche_break_ends_paragraph(const char *s, size_t len, size_t i);

/* Spaces, and the invisible characters scrapes leave on "empty" lines
 * (U+200B, U+2060, U+FEFF, soft hyphen).  Line breaks are not blank. */
int depeche_is_blank_cp(int32_t cp);

/* Whether every character of s[0..len) is blank (an empty line is); an
 * ill-formed byte is not blank. */
int depeche_is_blank_line(const char *s, size_t len);

/* Whether s[from, to) holds a paragraph break: a U+2029, or a whole blank
 * line (one that starts after a line break found in the range and ends
 * with one).  `from` may lie inside a line: that first piece is the text
 * before the range, never taken for a blank line.  Linear in to - from. */
int depeche_has_paragraph_break(const char *s, size_t from, size_t to);

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
