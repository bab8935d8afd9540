/* spell_tokenize.h -- a segment cut into tokens (spell_tokenize.c). */
#pragma once

#include <stddef.h>

#include "depeche.h"
#include "spell_types.h"

typedef struct tok {
    size_t seg, start, end;
    entry *e;  /* the whole token */
    entry *ce; /* the name it carries, counted across the document */
    unsigned flags;
} tok;

enum {
    T_INITIAL = 1u << 0, /* first word of a sentence */
    T_TITLE = 1u << 1,   /* M., Mme, président... */
    T_AFTER_TITLE = 1u << 2,
    T_NUM = 1u << 3,
    T_CAPITAL = 1u << 4, /* starts with an uppercase letter */
    T_ABBR = 1u << 5     /* a title abbreviation or single capital */
};

/* The tokens of a document, in order. */
typedef struct spell_toks {
    tok *at;
    size_t n, cap;
} spell_toks;

/* The entry of the word type w[0..n) (the speller's type cache), NULL when
 * out of memory. */
typedef entry *(*spell_type_fn)(void *ctx, const char *w, size_t n);

/* Appends the tokens of one segment (index segi) to toks; each word's
 * type comes from type_of (numbers, units and URLs have none: e NULL). */
depeche_status spell_tokenize(spell_toks *toks, const char *t, size_t len,
                              size_t segi, spell_type_fn type_of, void *ctx);
