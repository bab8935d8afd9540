/* lang.h -- language tags as the options give them (--lang). */
#pragma once

#include "depeche.h"

/* Whether tag has the shape of a BCP-47 language tag (RFC 5646, section
 * 2.1: fr, fr-FR, fr-CA, en-US, de-CH-1996, sr-Latn-RS, es-419...), with
 * '_' accepted for '-' as locales write it (fr_FR).  Anything else, and
 * above all a path (../../x), fails with DEPECHE_ERR_INVALID_ARG and a
 * message: the tag names dictionary and word-list files. */
depeche_status depeche_lang_check(const char *tag, depeche_error *err);

/* Writes '-' for each '_' of a tag depeche_lang_check accepted. */
void depeche_lang_canonicalize(char *tag);
