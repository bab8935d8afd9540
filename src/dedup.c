/* dedup.c -- `depeche dedup`: the lines of merged shard outputs whose key
 * was not seen before, in input order, in bounded memory.
 *
 * Keys are prep --dedup's (corpus_filter.h).  While the table of seen
 * hashes fits the budget, a line is decided as it comes and written at
 * once.  When it would outgrow it (the "spill"), the table is written out
 * as records (hash, 0) and every later line is spooled to a temporary file
 * with a record (hash, its number).  finish() then finds the repeats among
 * the records: with one table when their distinct hashes fit, else split
 * into 16 partitions by the next 4 bits of the hash, each solved the same
 * way, their answers merged.  A partition's records keep input order, so
 * the first line of a hash is the one kept, as in memory, and the numbers
 * of the repeats come out sorted: merging is a walk over the parent's
 * records that asks the partition each one went to.  Last, the spooled
 * lines are written but for those numbers. */
#include <errno.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include "buf.h"
#include "corpus_filter.h"
#include "depeche.h"
#include "options.h"
#include "utf8.h"

enum {
    FANOUT_BITS = 4,
    FANOUT = 1 << FANOUT_BITS,
    /* Past this depth every bit of the hash was used: the records of a
     * partition share one hash, and its table holds one. */
    MAX_DEPTH = 64 / FANOUT_BITS,
    MIN_SLOTS = 1024
};
#define NO_SEQ UINT64_MAX

/* A line after the spill: its key and its number (from 1), or a hash seen
 * before the spill (seq 0, never a repeat: such hashes are distinct). */
typedef struct record {
    uint64_t hash, seq;
} record;

struct depeche_deduper {
    depeche_dedup_options o;
    char *tmp_dir;
    depeche_sink_fn sink;
    void *user;
    depeche_jsonl *jsonl; /* NULL for plain lines */
    size_t max_slots;     /* of a table, a power of two */
    depeche_hash_set seen;
    FILE *spool, *records; /* NULL until the spill */
    uint64_t lines, dropped, spooled;
    int done; /* finished, or failed past repair */
};

void
depeche_dedup_options_init(depeche_dedup_options *o)
{
    memset(o, 0, sizeof *o);
    o->size = sizeof *o;
    o->key = DEPECHE_DEDUP_EXACT;
    o->max_memory = (size_t)256 << 20;
}

static depeche_status
nomem(depeche_error *err)
{
    return depeche_fail(err, DEPECHE_ERR_NOMEM, DEPECHE_NO_OFFSET,
                        "out of memory");
}

/* ---- temporary files --------------------------------------------------- */

/* A new temporary file, unlinked at once: the system frees it when it is
 * closed, by fclose or by the death of the process. */
static depeche_status
temp_file(const depeche_deduper *d, FILE **out, depeche_error *err)
{
    static const char name[] = "/depeche-dedup-XXXXXX";
    size_t n = strlen(d->tmp_dir) + sizeof name;
    char *path = malloc(n);
    if (!path)
        return nomem(err);
    snprintf(path, n, "%s%s", d->tmp_dir, name);
    int fd = mkstemp(path), why = errno;
    *out = NULL;
    if (fd >= 0) {
        unlink(path);
        if (!(*out = fdopen(fd, "w+b"))) {
            why = errno;
            close(fd);
        }
    }
    free(path);
    if (*out)
        return DEPECHE_OK;
    return depeche_fail(err, DEPECHE_ERR_IO, DEPECHE_NO_OFFSET,
                        "temporary file in %s: %s", d->tmp_dir, strerror(why));
}

/* Whether f failed a read or a write so far. */
static depeche_status
check_file(const depeche_deduper *d, FILE *f, depeche_error *err)
{
    if (!ferror(f))
        return DEPECHE_OK;
    return depeche_fail(err, DEPECHE_ERR_IO, DEPECHE_NO_OFFSET,
                        "temporary file in %s: %s", d->tmp_dir,
                        strerror(errno ? errno : EIO));
}

/* Ends writing f and starts reading it from the start. */
static depeche_status
reread(const depeche_deduper *d, FILE *f, depeche_error *err)
{
    if (fflush(f) && !ferror(f))
        return depeche_fail(err, DEPECHE_ERR_IO, DEPECHE_NO_OFFSET,
                            "temporary file in %s: %s", d->tmp_dir,
                            strerror(errno));
    rewind(f);
    return check_file(d, f, err);
}

static void
put_record(FILE *f, uint64_t hash, uint64_t seq)
{
    record r = {hash, seq};
    fwrite(&r, sizeof r, 1, f);
}

static int
get_record(FILE *f, record *r)
{
    return fread(r, sizeof *r, 1, f) == 1;
}

static void
put_seq(FILE *f, uint64_t seq)
{
    fwrite(&seq, sizeof seq, 1, f);
}

/* The next number of f (NULL: none), NO_SEQ at its end. */
static uint64_t
get_seq(FILE *f)
{
    uint64_t seq;
    return f && fread(&seq, sizeof seq, 1, f) == 1 ? seq : NO_SEQ;
}

static void
close_files(FILE **f, size_t n)
{
    for (size_t i = 0; i < n; i++)
        if (f[i]) {
            fclose(f[i]);
            f[i] = NULL;
        }
}

/* ---- finding the repeats among records --------------------------------- */

static depeche_status find_repeats(depeche_deduper *d, FILE *recs,
                                   unsigned depth, FILE **drops,
                                   depeche_error *err);

/* The numbers of the repeats in recs, in order, to drops, with one table
 * of at most max_slots (0: no bound).  1 when done, 0 when the table would
 * outgrow the bound, -1 when out of memory. */
static int
repeats_in_memory(FILE *recs, FILE *drops, size_t max_slots)
{
    depeche_hash_set set = {0};
    record r;
    int done = 1;
    while (done == 1 && get_record(recs, &r)) {
        if (max_slots && depeche_hash_set_cap_after_add(&set) > max_slots) {
            done = 0;
            break;
        }
        int seen = depeche_hash_set_add(&set, r.hash);
        if (seen < 0)
            done = -1;
        else if (seen)
            put_seq(drops, r.seq);
    }
    free(set.slots);
    return done;
}

/* Deals recs out to the partitions by the hash bits at shift; counts
 * what each got. */
static depeche_status
deal(const depeche_deduper *d, FILE *recs, unsigned shift, FILE **part,
     uint64_t *count, depeche_error *err)
{
    depeche_status st = DEPECHE_OK;
    for (int k = 0; k < FANOUT && !st; k++)
        st = temp_file(d, &part[k], err);
    record r;
    while (!st && get_record(recs, &r)) {
        unsigned k = (unsigned)(r.hash >> shift) & (FANOUT - 1);
        put_record(part[k], r.hash, r.seq);
        count[k]++;
    }
    return st ? st : check_file(d, recs, err);
}

/* Walks recs again: a record is a repeat when it is the next repeat its
 * partition found. */
static depeche_status
merge(const depeche_deduper *d, FILE *recs, unsigned shift, FILE **sub,
      FILE *drops, depeche_error *err)
{
    uint64_t next[FANOUT];
    for (int k = 0; k < FANOUT; k++)
        next[k] = get_seq(sub[k]);
    record r;
    while (get_record(recs, &r)) {
        unsigned k = (unsigned)(r.hash >> shift) & (FANOUT - 1);
        if (r.seq == next[k]) {
            put_seq(drops, r.seq);
            next[k] = get_seq(sub[k]);
        }
    }
    depeche_status st = check_file(d, recs, err);
    for (int k = 0; k < FANOUT && !st; k++)
        st = sub[k] ? check_file(d, sub[k], err) : DEPECHE_OK;
    return st;
}

/* find_repeats for records too many for one table. */
static depeche_status
split_and_merge(depeche_deduper *d, FILE *recs, unsigned depth, FILE *drops,
                depeche_error *err)
{
    FILE *part[FANOUT] = {0}, *sub[FANOUT] = {0};
    uint64_t count[FANOUT] = {0};
    unsigned shift = 64 - FANOUT_BITS * (depth + 1);
    depeche_status st = deal(d, recs, shift, part, count, err);
    for (int k = 0; k < FANOUT && !st; k++) {
        if (count[k] && !(st = reread(d, part[k], err)))
            st = find_repeats(d, part[k], depth + 1, &sub[k], err);
        close_files(&part[k], 1); /* only its answer is needed now */
    }
    if (!st)
        st = reread(d, recs, err);
    if (!st)
        st = merge(d, recs, shift, sub, drops, err);
    close_files(part, FANOUT);
    close_files(sub, FANOUT);
    return st;
}

/* The numbers of the repeats among recs (open for reading at its start),
 * in order, in a new file *drops open for reading.  At depth 0 the
 * records are known not to fit one table. */
static depeche_status
find_repeats(depeche_deduper *d, FILE *recs, unsigned depth, FILE **drops,
             depeche_error *err)
{
    depeche_status st = temp_file(d, drops, err);
    int fit = 0;
    if (!st && depth > 0) {
        fit = repeats_in_memory(recs, *drops,
                                depth < MAX_DEPTH ? d->max_slots : 0);
        if (fit < 0)
            st = nomem(err);
        else if (!fit) { /* start again, in partitions */
            close_files(drops, 1);
            st = temp_file(d, drops, err);
            if (!st)
                st = reread(d, recs, err);
        }
    }
    if (!st && !fit)
        st = split_and_merge(d, recs, depth, *drops, err);
    if (!st)
        st = reread(d, *drops, err);
    if (st && *drops)
        close_files(drops, 1);
    return st;
}

/* ---- the deduper ------------------------------------------------------- */

depeche_status
depeche_deduper_new(const depeche_dedup_options *o, depeche_sink_fn sink,
                    void *user, depeche_deduper **out, depeche_error *err)
{
    if (!out || !sink)
        return depeche_fail(err, DEPECHE_ERR_INVALID_ARG, DEPECHE_NO_OFFSET,
                            "NULL argument");
    *out = NULL;
    depeche_deduper *d = calloc(1, sizeof *d);
    if (!d)
        return nomem(err);
    depeche_dedup_options_init(&d->o);
    depeche_status st = depeche_struct_take(&d->o, sizeof d->o, o,
                                            "depeche_dedup_options", err);
    if (!st && d->o.key != DEPECHE_DEDUP_EXACT &&
        d->o.key != DEPECHE_DEDUP_NORMALIZED)
        st = depeche_fail(err, DEPECHE_ERR_INVALID_ARG, DEPECHE_NO_OFFSET,
                          "the key is neither exact nor normalized");
    if (!st && !(d->tmp_dir = strdup(d->o.tmp_dir ? d->o.tmp_dir : "/tmp")))
        st = nomem(err);
    /* The text field is the id field too, so that no other field is read
     * as an id: dedup needs none, and must not refuse a record for one. */
    const char *field = d->o.text_field ? d->o.text_field : "text";
    if (!st && d->o.jsonl)
        st = depeche_jsonl_new(field, field, &d->jsonl, err);
    if (st) {
        depeche_deduper_free(d);
        return st;
    }
    d->o.tmp_dir = d->o.text_field = NULL; /* the caller's, maybe gone */
    d->sink = sink;
    d->user = user;
    d->max_slots = MIN_SLOTS;
    while (d->max_slots <= d->o.max_memory / sizeof(uint64_t) / 2)
        d->max_slots *= 2;
    *out = d;
    return DEPECHE_OK;
}

static depeche_status
emit(depeche_deduper *d, const char *line, size_t len, depeche_error *err)
{
    if (d->sink(d->user, line, len) || d->sink(d->user, "\n", 1))
        return depeche_fail(err, DEPECHE_ERR_IO, DEPECHE_NO_OFFSET,
                            "writing the output failed");
    return DEPECHE_OK;
}

/* The table outgrew its budget: its hashes go to the records, and every
 * later line to the spool. */
static depeche_status
spill(depeche_deduper *d, depeche_error *err)
{
    depeche_status st = temp_file(d, &d->spool, err);
    if (!st)
        st = temp_file(d, &d->records, err);
    for (size_t i = 0; !st && i < d->seen.cap; i++)
        if (d->seen.slots[i])
            put_record(d->records, d->seen.slots[i], 0);
    free(d->seen.slots);
    memset(&d->seen, 0, sizeof d->seen);
    return st ? st : check_file(d, d->records, err);
}

static depeche_status
spool_line(depeche_deduper *d, const char *line, size_t len, int has_key,
           uint64_t key, depeche_error *err)
{
    uint64_t n = len;
    fwrite(&n, sizeof n, 1, d->spool);
    fwrite(line, 1, len, d->spool);
    d->spooled++;
    if (has_key)
        put_record(d->records, key, d->spooled);
    depeche_status st = check_file(d, d->spool, err);
    return st ? st : check_file(d, d->records, err);
}

/* Whether the line is one this reader takes; *text is what its key is
 * made of (NULL: a blank JSONL line, no key). */
static depeche_status
line_text(depeche_deduper *d, const char *line, size_t len, const char **text,
          size_t *text_len, depeche_error *err)
{
    size_t bad = depeche_utf8_check_text(line, len);
    const char *lf = memchr(line, '\n', len);
    if (lf && (size_t)(lf - line) < bad)
        return depeche_fail(err, DEPECHE_ERR_BAD_INPUT, (uint64_t)(lf - line),
                            "line break inside a line");
    if (bad < len)
        return depeche_fail(err, DEPECHE_ERR_BAD_INPUT, bad, "%s",
                            line[bad] ? "invalid UTF-8" : "NUL byte");
    *text = line;
    *text_len = len;
    if (!d->jsonl)
        return DEPECHE_OK;
    depeche_jsonl_record rec;
    depeche_status st = depeche_jsonl_parse(d->jsonl, line, len, &rec, err);
    if (st)
        return st;
    *text = rec.text;
    *text_len = rec.text_len;
    return DEPECHE_OK;
}

depeche_status
depeche_deduper_add(depeche_deduper *d, const char *line, size_t len,
                    depeche_error *err)
{
    if (!d || (!line && len))
        return depeche_fail(err, DEPECHE_ERR_INVALID_ARG, DEPECHE_NO_OFFSET,
                            "NULL argument");
    if (d->done)
        return depeche_fail(err, DEPECHE_ERR_STATE, DEPECHE_NO_OFFSET,
                            "the deduper is finished");
    line = line ? line : "";
    const char *text = NULL;
    size_t text_len = 0;
    depeche_status st = line_text(d, line, len, &text, &text_len, err);
    if (st) {
        if (err)
            err->source = DEPECHE_SOURCE_INPUT;
        return st;
    }
    uint64_t key = 0;
    int has_key = text && depeche_dedup_key(d->o.key, text, text_len, &key);
    d->lines++;
    if (!d->spool && has_key &&
        depeche_hash_set_cap_after_add(&d->seen) > d->max_slots)
        st = spill(d, err);
    if (!st && d->spool)
        st = spool_line(d, line, len, has_key, key, err);
    else if (!st && has_key) {
        int seen = depeche_hash_set_add(&d->seen, key);
        if (seen < 0)
            st = nomem(err);
        else if (seen) {
            d->dropped++;
            return DEPECHE_OK;
        }
    }
    if (!st && !d->spool)
        st = emit(d, line, len, err);
    d->done = st != DEPECHE_OK;
    return st;
}

/* The next spooled line into line. */
static depeche_status
read_spooled(depeche_deduper *d, depeche_buf *line, depeche_error *err)
{
    uint64_t n;
    depeche_buf_clear(line);
    if (fread(&n, sizeof n, 1, d->spool) != 1)
        return depeche_fail(err, DEPECHE_ERR_IO, DEPECHE_NO_OFFSET,
                            "temporary file in %s: cut short", d->tmp_dir);
    if (n >= SIZE_MAX || depeche_buf_reserve(line, (size_t)n + 1))
        return nomem(err);
    if (fread(line->data, 1, (size_t)n, d->spool) != n)
        return depeche_fail(err, DEPECHE_ERR_IO, DEPECHE_NO_OFFSET,
                            "temporary file in %s: cut short", d->tmp_dir);
    line->len = (size_t)n;
    return DEPECHE_OK;
}

/* Writes the spooled lines but the repeats, numbered in drops. */
static depeche_status
write_spooled(depeche_deduper *d, FILE *drops, depeche_error *err)
{
    depeche_buf line = {0};
    depeche_status st = DEPECHE_OK;
    uint64_t next = get_seq(drops);
    for (uint64_t seq = 1; !st && seq <= d->spooled; seq++) {
        st = read_spooled(d, &line, err);
        if (st)
            break;
        if (seq == next) {
            d->dropped++;
            next = get_seq(drops);
        } else
            st = emit(d, line.data, line.len, err);
    }
    depeche_buf_free(&line);
    return st ? st : check_file(d, drops, err);
}

depeche_status
depeche_deduper_finish(depeche_deduper *d, depeche_error *err)
{
    if (!d)
        return depeche_fail(err, DEPECHE_ERR_INVALID_ARG, DEPECHE_NO_OFFSET,
                            "NULL argument");
    if (d->done)
        return depeche_fail(err, DEPECHE_ERR_STATE, DEPECHE_NO_OFFSET,
                            "the deduper is finished");
    d->done = 1;
    if (!d->spool)
        return DEPECHE_OK;
    FILE *drops = NULL;
    depeche_status st = reread(d, d->records, err);
    if (!st)
        st = find_repeats(d, d->records, 0, &drops, err);
    if (!st)
        st = reread(d, d->spool, err);
    if (!st)
        st = write_spooled(d, drops, err);
    if (drops)
        fclose(drops);
    return st;
}

uint64_t
depeche_deduper_lines(const depeche_deduper *d)
{
    return d ? d->lines : 0;
}

uint64_t
depeche_deduper_dropped(const depeche_deduper *d)
{
    return d ? d->dropped : 0;
}

int
depeche_deduper_spilled(const depeche_deduper *d)
{
    return d && d->spool;
}

void
depeche_deduper_free(depeche_deduper *d)
{
    if (!d)
        return;
    FILE *files[] = {d->spool, d->records};
    close_files(files, 2);
    free(d->seen.slots);
    depeche_jsonl_free(d->jsonl);
    free(d->tmp_dir);
    free(d);
}
