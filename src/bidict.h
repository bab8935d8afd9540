/* bidict.h -- bilingual dictionaries for the aligner: word pairs read from
 * Debian's FreeDict packages (dictd format) or from a hunalign-format file.
 *
 * A dictionary is a flat list of (source word, target word) pairs, both as
 * written in the file; the aligner folds and stems them.  Phrases are cut
 * into words: a one-word headword is paired with each word of a one-word
 * translation, or with the longer words (4 letters or more) of a phrase
 * ("give up" -> give), so that no function word of a phrase becomes a
 * translation. */
#pragma once

#include <stddef.h>

#include "depeche.h"

typedef struct bidict bidict;

/* An empty dictionary. */
depeche_status bidict_new(bidict **out, depeche_error *err);

/* Adds the entries of a dictd dictionary (`base`.index and `base`.dict.dz,
 * or `base`.dict uncompressed).  `reverse` reads it target-to-source: the
 * headwords are then target words (freedict-eng-fra for a fr -> en
 * alignment).  Errors name the file's byte offset. */
depeche_status bidict_add_dictd(bidict *d, const char *base, int reverse,
                                depeche_error *err);

/* Adds a hunalign dictionary: one `TARGET @ SOURCE` pair a line, each side a
 * word or a phrase. */
depeche_status bidict_add_hunalign(bidict *d, const char *path,
                                   depeche_error *err);

/* Adds one pair of phrases, cut into words as above. */
depeche_status bidict_add_phrases(bidict *d, const char *src, size_t src_len,
                                  const char *tgt, size_t tgt_len);

size_t bidict_count(const bidict *d);
/* The i-th pair, NUL-terminated. */
void bidict_pair(const bidict *d, size_t i, const char **src, const char **tgt);
void bidict_free(bidict *d);
