/* corpus_filter.c -- what an MT engineer drops from a corpus: documents
 * and segments said before (exactly, or once case, accents, punctuation,
 * digits and spaces are folded away, as bifixer does), and segments too
 * short, too long, with too few letters or too many misspellings.
 *
 * Applied where the documents are written, in input order, so that the
 * result is the same at any number of workers.  Seen texts are kept as
 * 64-bit hashes (FNV-1a, hash.h) in an open-addressing set: 16 bytes a
 * distinct segment at most, growing with the corpus. */
#include <stdlib.h>
#include <string.h>
#include <utf8proc.h>

#include "buf.h"
#include "corpus_filter.h"
#include "depeche.h"
#include "doc.h"
#include "hash.h"
#include "options.h"
#include "utf8.h"

typedef depeche_hash_set hash_set;

struct depeche_filter {
    depeche_filter_options o;
    hash_set docs, segs;
    size_t dropped[DEPECHE_DROP_COUNT];
    int doc_open; /* a document's first parts were written, not its last */
};

static const char *const drop_names[DEPECHE_DROP_COUNT] = {
    "duplicate document", "duplicate segment", "too short",   "too long",
    "too few words",      "too many words",    "few letters", "misspelled"};

const char *
depeche_drop_name(depeche_drop why)
{
    return (unsigned)why < DEPECHE_DROP_COUNT ? drop_names[why] : "";
}

depeche_status
depeche_dedup_parse(const char *name, depeche_dedup *out)
{
    static const char *const names[] = {"none", "exact", "normalized"};
    for (int i = 0; name && out && i < 3; i++)
        if (!strcmp(name, names[i])) {
            *out = (depeche_dedup)i;
            return DEPECHE_OK;
        }
    return DEPECHE_ERR_INVALID_ARG;
}

void
depeche_filter_options_init(depeche_filter_options *o)
{
    memset(o, 0, sizeof *o);
    o->size = sizeof *o;
    o->max_misspellings = -1;
}

/* ---- the set of hashes ------------------------------------------------- */

int
depeche_hash_set_add(hash_set *s, uint64_t h)
{
    h = h ? h : 1;
    if (depeche_hash_set_cap_after_add(s) > s->cap) {
        size_t cap = depeche_hash_set_cap_after_add(s);
        uint64_t *v = calloc(cap, sizeof *v);
        if (!v)
            return -1;
        for (size_t i = 0; i < s->cap; i++)
            for (size_t k = s->slots[i] & (cap - 1); s->slots[i];
                 k = (k + 1) & (cap - 1))
                if (!v[k]) {
                    v[k] = s->slots[i];
                    break;
                }
        free(s->slots);
        s->slots = v;
        s->cap = cap;
    }
    for (size_t k = h & (s->cap - 1);; k = (k + 1) & (s->cap - 1)) {
        if (s->slots[k] == h)
            return 1;
        if (!s->slots[k]) {
            s->slots[k] = h;
            s->count++;
            return 0;
        }
    }
}

/* ---- what a segment is made of ------------------------------------------ */

static int
is_space(int32_t cp)
{
    return cp == '\t' || utf8proc_category(cp) == UTF8PROC_CATEGORY_ZS;
}

static int
is_letter(int32_t cp)
{
    utf8proc_category_t c = utf8proc_category(cp);
    return c >= UTF8PROC_CATEGORY_LU && c <= UTF8PROC_CATEGORY_LO;
}

typedef struct shape {
    size_t chars, words, letters, visible;
    uint64_t folded; /* hash of the letters, case and marks folded */
} shape;

/* Folds one code point into the hash: its letters, lowercased, without
 * their marks (É -> e, œ stays œ). */
static uint64_t
fold_into(uint64_t h, int32_t cp)
{
    utf8proc_int32_t parts[8];
    int boundclass = 0;
    utf8proc_ssize_t n =
        utf8proc_decompose_char(cp, parts, 8,
                                UTF8PROC_DECOMPOSE | UTF8PROC_CASEFOLD |
                                    UTF8PROC_STRIPMARK | UTF8PROC_COMPAT,
                                &boundclass);
    for (utf8proc_ssize_t i = 0; i < n && i < 8; i++)
        if (is_letter(parts[i])) {
            char b[4];
            h = depeche_hash_more(h, b, depeche_utf8_encode(parts[i], b));
        }
    return h;
}

static shape
shape_of(const char *text, size_t len, int fold)
{
    shape s = {.folded = DEPECHE_HASH_BASIS};
    int in_word = 0;
    for (size_t i = 0; i < len;) {
        int32_t cp;
        i += depeche_utf8_decode((const unsigned char *)text + i, len - i, &cp);
        s.chars++;
        if (cp < 0 || is_space(cp)) {
            in_word = 0;
            continue;
        }
        s.words += !in_word;
        in_word = 1;
        s.visible++;
        s.letters += is_letter(cp);
        if (fold)
            s.folded = fold_into(s.folded, cp);
    }
    return s;
}

/* Whether text has a character shape_of() counts as visible: it stops at
 * the first, where shape_of() reads the whole text. */
static int
has_visible(const char *text, size_t len)
{
    for (size_t i = 0; i < len;) {
        int32_t cp;
        i += depeche_utf8_decode((const unsigned char *)text + i, len - i, &cp);
        if (cp >= 0 && !is_space(cp))
            return 1;
    }
    return 0;
}

int
depeche_dedup_key(depeche_dedup mode, const char *text, size_t len,
                  uint64_t *key)
{
    uint64_t k;
    if (mode == DEPECHE_DEDUP_NORMALIZED) {
        shape sh = shape_of(text, len, 1);
        if (!sh.visible)
            return 0;
        k = sh.folded;
    } else if (has_visible(text, len))
        k = depeche_hash(text, len);
    else
        return 0;
    *key = k ? k : 1; /* as the set takes it */
    return 1;
}

/* ---- the filter -------------------------------------------------------- */

depeche_status
depeche_filter_new(const depeche_filter_options *o, depeche_filter **out,
                   depeche_error *err)
{
    if (!out)
        return depeche_fail(err, DEPECHE_ERR_INVALID_ARG, DEPECHE_NO_OFFSET,
                            "no place for the result");
    depeche_filter *f = calloc(1, sizeof *f);
    if (!f)
        return depeche_fail(err, DEPECHE_ERR_NOMEM, DEPECHE_NO_OFFSET,
                            "out of memory");
    if (depeche_filter_options_take(o, &f->o, err)) {
        free(f);
        return DEPECHE_ERR_INVALID_ARG;
    }
    if ((unsigned)f->o.dedup > DEPECHE_DEDUP_NORMALIZED) {
        free(f);
        return depeche_fail(err, DEPECHE_ERR_INVALID_ARG, DEPECHE_NO_OFFSET,
                            "unknown dedup mode");
    }
    *out = f;
    return DEPECHE_OK;
}

static size_t
misspellings(const depeche_doc *d, const depeche_segment *s)
{
    size_t n = 0;
    for (size_t i = 0; i < s->finding_count; i++)
        n += depeche_doc_finding(d, s->first_finding + i)->kind ==
             DEPECHE_FINDING_MISSPELLING;
    return n;
}

/* Why segment s is dropped by the bounds, or DEPECHE_DROP_COUNT. */
static depeche_drop
out_of_bounds(const depeche_filter_options *o, const depeche_doc *d,
              const depeche_segment *s, const shape *sh)
{
    if (o->min_chars && sh->chars < o->min_chars)
        return DEPECHE_DROP_SHORT;
    if (o->max_chars && sh->chars > o->max_chars)
        return DEPECHE_DROP_LONG;
    if (o->min_words && sh->words < o->min_words)
        return DEPECHE_DROP_FEW_WORDS;
    if (o->max_words && sh->words > o->max_words)
        return DEPECHE_DROP_MANY_WORDS;
    if (o->min_letters > 0 &&
        (double)sh->letters < o->min_letters * (double)sh->visible)
        return DEPECHE_DROP_LETTERS;
    if (o->max_misspellings >= 0 &&
        misspellings(d, s) > (size_t)o->max_misspellings)
        return DEPECHE_DROP_MISSPELLED;
    return DEPECHE_DROP_COUNT;
}

static uint64_t
key_of(const depeche_filter *f, const char *text, size_t len, const shape *sh)
{
    return f->o.dedup == DEPECHE_DEDUP_NORMALIZED ? sh->folded
                                                  : depeche_hash(text, len);
}

/* Whether the document says what an earlier one said (its non-blank
 * segments, in order); -1 when out of memory. */
static int
seen_document(depeche_filter *f, const depeche_doc *d)
{
    if (f->o.dedup == DEPECHE_DEDUP_NONE)
        return 0;
    uint64_t h = DEPECHE_HASH_BASIS;
    int any = 0;
    for (size_t i = 0; i < depeche_doc_segment_count(d); i++) {
        const depeche_segment *s = depeche_doc_segment(d, i);
        shape sh =
            shape_of(s->text, s->len, f->o.dedup == DEPECHE_DEDUP_NORMALIZED);
        if (!sh.visible)
            continue;
        uint64_t k = key_of(f, s->text, s->len, &sh);
        h = depeche_hash_more(h, &k, sizeof k);
        any = 1;
    }
    return any ? depeche_hash_set_add(&f->docs, h) : 0; /* no text: no repeat */
}

/* 1 when segment i is kept (counting why not otherwise), -1 when out of
 * memory. */
static int
keep_segment(depeche_filter *f, const depeche_doc *d, size_t i)
{
    const depeche_segment *s = depeche_doc_segment(d, i);
    shape sh =
        shape_of(s->text, s->len, f->o.dedup == DEPECHE_DEDUP_NORMALIZED);
    if (!sh.visible)
        return 1; /* blank: the writer leaves it out */
    depeche_drop why = out_of_bounds(&f->o, d, s, &sh);
    if (why == DEPECHE_DROP_COUNT && f->o.dedup != DEPECHE_DEDUP_NONE) {
        int seen =
            depeche_hash_set_add(&f->segs, key_of(f, s->text, s->len, &sh));
        if (seen < 0)
            return -1;
        if (seen)
            why = DEPECHE_DROP_DUPLICATE_SEGMENT;
    }
    if (why == DEPECHE_DROP_COUNT)
        return 1;
    f->dropped[why]++;
    return 0;
}

static depeche_status
nomem(depeche_error *err)
{
    return depeche_fail(err, DEPECHE_ERR_NOMEM, DEPECHE_NO_OFFSET,
                        "out of memory");
}

depeche_status
depeche_filter_write(depeche_filter *f, depeche_writer *w, const depeche_doc *d,
                     int *written, depeche_error *err)
{
    if (written)
        *written = 0;
    if (!f || !w || !d)
        return depeche_fail(err, DEPECHE_ERR_INVALID_ARG, DEPECHE_NO_OFFSET,
                            "NULL argument");
    /* A part (doc.h) is no whole document to compare with others. */
    int seen = depeche_doc_is_part(d) ? 0 : seen_document(f, d);
    if (seen < 0)
        return nomem(err);
    if (seen) {
        f->dropped[DEPECHE_DROP_DUPLICATE_DOCUMENT]++;
        return DEPECHE_OK;
    }
    size_t n = depeche_doc_segment_count(d), kept = 0;
    unsigned char *keep = malloc(n ? n : 1);
    if (!keep)
        return nomem(err);
    for (size_t i = 0; i < n; i++) {
        int k = keep_segment(f, d, i);
        if (k < 0) {
            free(keep);
            return nomem(err);
        }
        keep[i] = (unsigned char)k;
        kept += (size_t)k;
    }
    /* The parts of a document are one document in the output: opened by
     * the first part that keeps a segment, closed by the last part. */
    depeche_status st = DEPECHE_OK;
    if (kept && !f->doc_open)
        st = depeche_writer_begin_doc(w, depeche_doc_id(d), depeche_doc_meta(d),
                                      err);
    f->doc_open |= kept && !st;
    for (size_t i = 0; kept && !st && i < n; i++) {
        const depeche_segment *s = depeche_doc_segment(d, i);
        if (!keep[i])
            continue;
        depeche_unit_segment src = {s->text, s->len, d->segment_base + i,
                                    s->start, s->end};
        depeche_unit u = {.source = &src,
                          .source_count = 1,
                          .kind = s->kind,
                          .paragraph = s->paragraph,
                          .finding_count = s->finding_count,
                          .findings =
                              s->finding_count
                                  ? depeche_doc_finding(d, s->first_finding)
                                  : NULL};
        st = depeche_writer_add_unit(w, &u, err);
    }
    if (f->doc_open && d->last_part && !st) {
        f->doc_open = 0;
        st = depeche_writer_end_doc(w, err);
    }
    free(keep);
    if (!st && written)
        *written = kept > 0;
    return st;
}

size_t
depeche_filter_dropped(const depeche_filter *f, depeche_drop why)
{
    return f && (unsigned)why < DEPECHE_DROP_COUNT ? f->dropped[why] : 0;
}

void
depeche_filter_free(depeche_filter *f)
{
    if (!f)
        return;
    free(f->docs.slots);
    free(f->segs.slots);
    free(f);
}
