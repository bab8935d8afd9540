/* align_pairs.h -- the pairs `depeche align --pairs LIST` aligns: a TSV of
 * SRC<TAB>TGT paths, or (--in jsonl) a JSONL corpus of {"id","src","tgt"}
 * records, the texts themselves. */
#pragma once

#include <stddef.h>

typedef struct align_pairs align_pairs;

/* One pair, loaded: its name (the source path, or the record's id, or
 * LIST:LINE for a record without one) and both sides' bytes.  The three
 * strings are malloc'd and handed over to the caller. */
typedef struct pair_text {
    char *src_name, *tgt_name;
    char *src, *tgt;
    size_t src_len, tgt_len;
} pair_text;

/* Reads LIST whole and finds its pairs (blank lines skipped).  A TSV line
 * without a tab is refused with its line number.  Prints why it fails and
 * returns an EXIT_* code. */
int align_pairs_open(const char *list, int jsonl, align_pairs **out);
size_t align_pairs_count(const align_pairs *p);
/* Loads pair k: reads its files, or parses its record (a malformed one is
 * reported with its line and byte offset). */
int align_pairs_load(align_pairs *p, size_t k, pair_text *out);
void pair_text_free(pair_text *t);
void align_pairs_free(align_pairs *p);
