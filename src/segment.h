/* segment.h -- French sentence splitting (rules FR-SB*, see segment.c). */
#pragma once

#include <stddef.h>

#include "depeche.h"

/* The abbreviation table: the language's list compiled in (lang en or
 * en-*: dicts/en/abbrev.txt; otherwise, and for NULL, dicts/fr/abbrev.txt),
 * plus a user's file.  Read-only once built. */
typedef struct depeche_abbrevs depeche_abbrevs;

depeche_status depeche_abbrevs_new(const char *lang, const char *extra_file,
                                   depeche_abbrevs **out, depeche_error *err);
void depeche_abbrevs_free(depeche_abbrevs *a);

/* depeche_segmenter_new() that reads `abbrevs` (a context's, shared
 * read-only by any number of segmenters) instead of building its own;
 * opts->lang and opts->abbrev_file are not read again.  When the segmenter
 * is freed it calls release(owner) (may be NULL), so that the owner keeps
 * abbrevs alive until then; not when this call fails. */
depeche_status depeche_segmenter_new_borrowing(
    const depeche_options *opts, const depeche_abbrevs *abbrevs,
    void (*release)(void *owner), void *owner, depeche_sentence_fn fn,
    void *user, depeche_segmenter **out, depeche_error *err);

/* Receives one sentence: [start, end) in the line, without the whitespace
 * around it.  Return non-zero to stop. */
typedef int (*depeche_span_fn)(void *user, size_t start, size_t end);

/* Splits one line (no LF or CR inside; valid UTF-8) into sentences, in
 * order.  Linear in len.  FR-SB16: a span with no letter or digit joins
 * the sentence before it in the line; with none before it, it goes to
 * `dropped` (NULL: ignored), which the caller reports.  Returns
 * DEPECHE_ERR_ABORTED when fn or dropped stops it. */
depeche_status depeche_split_line(const depeche_abbrevs *a, const char *text,
                                  size_t len, depeche_span_fn fn,
                                  depeche_span_fn dropped, void *user);

/* Whether text[0, len) (valid UTF-8) holds a letter or a digit. */
int depeche_has_word_char(const char *text, size_t len);

/* How a dropped span is reported through warn_fn, by the segmenter and the
 * pipeline alike: this code, and a message naming the text (cut to fit
 * DEPECHE_DROPPED_MESSAGE_MAX bytes with its NUL). */
#define DEPECHE_DROPPED_CODE "DEPECHE-009"
enum { DEPECHE_DROPPED_MESSAGE_MAX = 128 };
void depeche_dropped_message(char *msg, const char *text, size_t len);
