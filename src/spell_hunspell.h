/* spell_hunspell.h -- hunspell handles, the dictionary's files and the
 * memo of what a handle said (spell_hunspell.c). */
#pragma once

#include <hunspell.h>
#include <stddef.h>
#include <stdint.h>

#include "buf.h"
#include "depeche.h"
#include "spell_compiled.h"
#include "spell_lists.h"

/* What hunspell said of each string asked: edits of unknown words ask the
 * same candidates again and again (a third of the calls on technical
 * text), and a call costs microseconds.  One a handle, so one a thread. */
typedef struct memo_slot {
    uint64_t hash;
    uint32_t off; /* the string in text */
    uint16_t len;
    uint8_t used, ok;
} memo_slot;

typedef struct spell_memo {
    memo_slot *slots;
    size_t cap, n;
    depeche_buf text;
} spell_memo;

/* What a handle is made of: the dictionary's files and the personal word
 * list (NULL: none). */
typedef struct spell_dict {
    char *aff_path, *dic_path, *personal;
    size_t personal_len;
} spell_dict;

/* What the analysis of a word type and its suggestions need, and all they
 * touch: one a thread.  The speller has its own (self); each helper thread
 * gets one of the shared read-only lists and compiled form, without
 * hunspell (dict NULL): it sets wanted_handle where it would need one, and
 * spell_word then answers 0 for a word the compiled form does not know. */
typedef struct spell_worker {
    Hunhandle *h;             /* NULL until first needed: spell_worker_handle */
    const spell_dict *dict;   /* what h is made of (NULL: none is made) */
    int handle_failed;        /* h could not be made */
    int wanted_handle;        /* set when h was needed and dict is NULL */
    spell_memo *memo;         /* NULL: none (out of memory) */
    const spell_lists *lists; /* read-only, shared */
    /* the compiled words by sound, built by spell_suggest when first
     * needed (NULL until then); the speller's own worker only */
    struct spell_phonetic *phonetic;
    /* the dictionary's words, read-only, shared; NULL: hunspell alone */
    const spell_compiled *compiled;
    int suggest_mode;
} spell_worker;

/* Parses one line of a word list (the news supplement, a personal list):
 * `word` or `word model` (the model lends its affixes; a capitalized word
 * defaults to Paris's) into word and model (empty: none), each of
 * SPELL_ENTRY_MAX bytes.  Returns 1 when a part is too long. */
enum { SPELL_ENTRY_MAX = 256 };
int spell_list_entry(const char *p, size_t n, char *word, char *model);

/* The worker's hunspell handle, made on first need from s->dict (it takes
 * ~0.1 s, and the compiled form answers for most words); NULL, with
 * s->handle_failed set, when it cannot be made. */
Hunhandle *spell_worker_handle(spell_worker *s);
/* Whether hunspell (through the worker's memo) knows n bytes of w. */
int spell_word(spell_worker *s, const char *w, size_t n);
/* FNV-1a, 64 bits: the memo's key, and (its low half) the type cache's. */
uint64_t spell_hash_bytes(const char *w, size_t n);
void spell_memo_free(spell_memo *m);

/* Finds NAME.aff and NAME.dic for opts; aff and dic receive the paths.
 * DEPECHE_ERR_DICT names every place looked in. */
depeche_status spell_find_dict(const depeche_options *opts, depeche_buf *aff,
                               depeche_buf *dic, depeche_error *err);
/* A handle on d, with the news supplement and the personal list: the
 * speller's own, or a helper's.  err may be NULL. */
depeche_status spell_make_handle(const spell_dict *d, Hunhandle **out,
                                 depeche_error *err);
void spell_handle_destroy(Hunhandle *h);
/* What spell_make_handle would refuse in a word list, or in the .aff's
 * encoding, found without a handle (one made when first needed cannot
 * report). */
depeche_status spell_check_list(const char *data, size_t len,
                                depeche_error *err);
depeche_status spell_check_aff_encoding(const char *aff_path,
                                        depeche_error *err);
