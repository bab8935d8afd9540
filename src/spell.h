/* spell.h -- spell audit over libhunspell. */
#pragma once

#include <stddef.h>

#include "depeche.h"

/* Hunspell handles and a cache of word types: use from one thread at a
 * time (it starts and joins its own). */
typedef struct depeche_speller depeche_speller;

/* Finds and loads the dictionary (opts->dict_path, or opts->lang looked up
 * in $DICPATH, /usr/share/hunspell, /usr/share/myspell), the news supplement
 * (dicts/fr/news.txt, compiled in) and opts->personal_dict.  Fails with
 * DEPECHE_ERR_DICT and a message naming every place it looked.  The
 * compiled form of the dictionary answers for most words; a hunspell handle
 * is made only when a word needs one (and one for each helper thread that
 * needs one, with opts->threads > 1), during a check, which then fails with
 * DEPECHE_ERR_DICT if it cannot be made. */
depeche_status depeche_speller_new(const depeche_options *opts,
                                   depeche_speller **out, depeche_error *err);
void depeche_speller_free(depeche_speller *s);

/* One segment of a document as the speller reads it. */
typedef struct depeche_spell_text {
    const char *text; /* normalized text, UTF-8 */
    size_t len;
    depeche_kind kind;
} depeche_spell_text;

typedef struct depeche_spell_hit {
    depeche_finding_kind kind;
    size_t segment;                 /* index into the array given to check */
    size_t start, end;              /* byte range in that segment's text */
    const char *const *suggestions; /* borrowed for the call */
    size_t suggestion_count;
} depeche_spell_hit;

typedef int (*depeche_hit_fn)(void *user, const depeche_spell_hit *hit);

/* Audits the segments of one document together (a name that recurs across
 * the document is a name).  Calls fn for each finding, ordered by segment
 * then start, never overlapping:
 *   - misspelling: up to 8 suggestions, best first (none under
 *     DEPECHE_SUGGEST_NONE or past 40 bytes); a token of letters longer
 *     than any word (120 bytes) is one misspelling, whatever its size;
 *   - name: an unknown word acting as a proper noun; no suggestion;
 *   - accent: one suggestion, the range as it should be written
 *     (Etats-Unis -> États-Unis, coeur -> cœur, connaitre -> connaître);
 *   - foreign: a run of words in another language (or one word in another
 *     alphabet), one finding for the run; no suggestion.
 * A finding after an elision covers the word alone (l'|Eglise), unless the
 * elision is the error (jusqu'a).  Numbers, units, ordinals, URLs, e-mail
 * addresses, hashtags, mentions and acronyms are not words.
 * Returns DEPECHE_ERR_ABORTED when fn returns non-zero. */
depeche_status depeche_speller_check(depeche_speller *s,
                                     const depeche_spell_text *segs, size_t n,
                                     depeche_hit_fn fn, void *user,
                                     depeche_error *err);

/* Default DEPECHE_SUGGEST_FAST.  Types already checked keep the
 * suggestions they got. */
/* How much work suggestions get: depeche_suggest in depeche.h. */
void depeche_speller_set_suggest(depeche_speller *s, depeche_suggest mode);

/* How many hunspell handles s has made so far (its own and its helpers'):
 * for the tests that check they are made only when needed. */
size_t spell_speller_handles(const depeche_speller *s);
