/* align_features.h -- what the aligner knows about the words of a
 * document pair: which source word can stand for which target word.
 *
 * Words are folded (case, accents) and linked across the languages by
 * keys: the same word or number (names, figures, acronyms), a shared
 * prefix (cognates: ministre / minister), or a stem pair of the bilingual
 * lexicon (FreeDict or --dict-bi) or of a lexicon learnt from the
 * confident links of a first pass (align_learn.h).  A
 * stem is a word's first ALIGN_STEM characters, so that inflected forms
 * meet their dictionary entry.
 *
 * For each word type of each side the features hold the sorted list of
 * sentences of the other side where a linked word occurs.  From how often
 * that happens at random, each type gets a gain for being matched inside
 * a bead (rare words weigh much, words linked everywhere nothing) and a
 * fixed cost for being unmatched: a log-likelihood ratio of "this bead is
 * a translation" against "these sentences are unrelated". */
#pragma once

#include <stddef.h>
#include <stdint.h>

#include "bidict.h"
#include "depeche.h"

enum {
    ALIGN_STEM = 5,        /* code points of a stem */
    ALIGN_COGNATE = 5,     /* shared prefix of cognates ... */
    ALIGN_COGNATE_MIN = 6, /* ... both at least this long */
    ALIGN_MAX_SPAN = 4     /* sentences of one side in a bead, at most */
};

/* Source stem -> target stems.  Built once, read by every alignment. */
typedef struct align_lexicon align_lexicon;

depeche_status align_lexicon_new(align_lexicon **out);
/* Adds every pair of the dictionary, folded and stemmed. */
depeche_status align_lexicon_add_bidict(align_lexicon *lx, const bidict *d);
/* Adds one pair of folded stems (a learnt translation). */
depeche_status align_lexicon_add(align_lexicon *lx, const char *src_stem,
                                 const char *tgt_stem);
/* 1 when the lexicon pairs the two folded stems. */
int align_lexicon_has(const align_lexicon *lx, const char *src_stem,
                      const char *tgt_stem);
/* Pairs held. */
size_t align_lexicon_size(const align_lexicon *lx);
void align_lexicon_free(align_lexicon *lx);

/* The sentences of one side as the aligner reads them. */
typedef struct align_side {
    size_t count;        /* sentences */
    uint32_t *chars;     /* code points of each sentence */
    uint32_t *tok_start; /* count + 1: its tokens in tok_type */
    uint32_t *tok_type;  /* distinct types of each sentence */
    size_t types;        /* word types */
    uint32_t *type_stem; /* each type's stem id, for learning */
    size_t stems;        /* distinct stems */
    char **stem_str;     /* each stem (folded) */
    uint32_t *occ_start; /* types + 1: into occ */
    uint32_t *occ;       /* other-side sentences where it links */
    float *gain;         /* types * ALIGN_MAX_SPAN: cost when matched in
                            a bead of 1..MAX_SPAN other sentences */
    float miss;          /* cost of a linkable type left unmatched */
} align_side;

typedef struct align_features {
    align_side src, tgt;
    double char_ratio; /* target code points per source code point */
} align_features;

/* Reads both sides: folds, tokenizes, links.  `learned` (may be NULL)
 * adds pairs learnt from confident links to those of `lx`.  `p_match` is
 * how likely a linkable word finds its link in a true bead
 * (0 < p_match < 1). */
depeche_status align_features_build(align_features *f, const align_lexicon *lx,
                                    const align_lexicon *learned,
                                    const depeche_align_sentence *src,
                                    size_t nsrc,
                                    const depeche_align_sentence *tgt,
                                    size_t ntgt, double p_match,
                                    depeche_error *err);
/* Recomputes gains and miss for another p_match. */
void align_features_set_p(align_features *f, double p_match);
void align_features_free(align_features *f);

/* The index of x in the sorted occurrence list [lo, hi), or hi: the first
 * element >= x. */
const uint32_t *align_lower_bound(const uint32_t *lo, const uint32_t *hi,
                                  uint32_t x);
