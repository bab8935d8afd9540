/* normalize.h -- Unicode and French typography normalization. */
#pragma once

#include "buf.h"
#include "depeche.h"
#include "omap.h"

/* Told of each repair (invalid UTF-8 replaced, NUL dropped, mojibake fixed)
 * with its byte range in the input. */
typedef void (*depeche_repair_fn)(void *user, const char *code, uint64_t start,
                                  uint64_t end, const char *message);

typedef struct depeche_norm_config {
    depeche_profile profile;
    unsigned flags; /* DEPECHE_LOSSY */
    depeche_repair_fn repair;
    void *repair_user;
    /* One token a character instead of runs of inert text: slower, and the
     * reference that tests hold the runs to. */
    int char_tokens;
} depeche_norm_config;

/* Normalizes in[0..len), which lies at input offset `base`, and appends the
 * result to `out`; when `map` is given, records where each output byte came
 * from (offsets in the map are absolute: out->len before the call maps to
 * base).  Line breaks stay (CRLF, CR -> LF).  Invalid UTF-8 or a NUL byte
 * fails with DEPECHE_ERR_BAD_INPUT and its offset unless DEPECHE_LOSSY. */
depeche_status depeche_normalize_append(const depeche_norm_config *cfg,
                                        const char *in, size_t len,
                                        uint64_t base, depeche_buf *out,
                                        depeche_omap *map, depeche_error *err);

/* A comparison key for duplicates and boilerplate: the words of letters and
 * digits, lower-cased, one space apart, so that "x" and « x » are the
 * same.  Appends to out; invalid UTF-8 is read as U+FFFD. */
depeche_status depeche_normalize_key(const char *in, size_t len,
                                     depeche_buf *out);
