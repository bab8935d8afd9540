/* corpus.c -- many documents through N workers, results in input order.
 *
 * The caller's thread reads and writes; workers only process.  Documents
 * wait in a ring of slots indexed by their sequence number: the caller
 * fills slot next_in, workers take next_take, the caller hands back
 * next_out once it is done.  A slot is reused only after its result went
 * back, so the ring's size bounds the documents in memory, and the bytes
 * counted in flight bound their size.
 *
 * Warnings: the context's warn_fn is ours; it finds the worker calling it
 * by its thread id and files the warning under that worker's document,
 * so that they come back with the result, in order, on the caller's
 * thread, the same at any number of workers. */
#include <pthread.h>
#include <stdlib.h>
#include <string.h>

#include "buf.h"
#include "context.h"
#include "doc.h"
#include "html.h"
#include "options.h"
#include "pipeline.h"
#include "utf8.h"
#include "depeche.h"

enum {
    MAX_WORKERS = 64,
    DEFAULT_QUEUE_BYTES = 64 << 20,
    DEFAULT_PART_BYTES = 8 << 20
};

enum slot_state { SLOT_FREE, SLOT_QUEUED, SLOT_WORKING, SLOT_DONE };

typedef struct slot {
    enum slot_state state;
    size_t index;
    uint64_t tag;
    char *id, *bytes;
    size_t len;
    /* Which part of its document (see depeche_corpus_options.part_bytes),
     * and where it starts in the whole (paragraphs: at delivery). */
    size_t part;
    int last_part;
    int after_paragraph; /* the cut before it followed a paragraph break */
    depeche_doc_base base;
    depeche_doc *doc;
    depeche_status status;
    depeche_error err;
    depeche_corpus_warning *warnings; /* code and message malloc'd */
    size_t nwarnings, warnings_cap;
    int warnings_failed; /* one could not be kept: said in the result */
} slot;

typedef struct worker {
    struct depeche_corpus *corpus;
    depeche_pipeline *pipe;
    pthread_t thread;
    int started; /* thread is valid: created and not yet joined */
    slot *current;
} worker;

struct depeche_corpus {
    depeche_context *ctx;
    depeche_corpus_fn fn;
    void *user;
    unsigned nworkers; /* 1: the caller does the work */
    worker *workers;
    int made; /* the workers exist */
    slot *slots;
    size_t nslots, max_bytes, bytes_in_flight;
    size_t next_in, next_take, next_out;
    pthread_mutex_t lock;
    pthread_cond_t work; /* a document was queued, or the run ends */
    pthread_cond_t done; /* a worker finished a document */
    int closing, aborted;
    size_t part_bytes;
    /* The document being fed (depeche_corpus_begin .. _end): its bytes
     * not queued yet, split into lines up to `scan` (a line's start), a
     * line break looked for from `search`; the last places a part may
     * end, after a paragraph break or after any line break, with the
     * line breaks before each. */
    int feeding, whole, seen_text;
    char *feed_id;
    uint64_t feed_tag;
    depeche_buf pending;
    size_t scan, search, lines;
    size_t para_cut, para_cut_lines, line_cut, line_cut_lines;
    size_t parts;             /* queued so far */
    depeche_doc_base next;    /* where the next part starts */
    int next_after_paragraph; /* the last cut followed a paragraph break */
    /* The paragraphs and segments of the parts handed back so far. */
    size_t paragraphs, segments;
};

void
depeche_corpus_options_init(depeche_corpus_options *o)
{
    memset(o, 0, sizeof *o);
    o->size = sizeof *o;
}

/* ---- warnings ---------------------------------------------------------- */

static worker *
calling_worker(depeche_corpus *c)
{
    if (c->nworkers == 1)
        return &c->workers[0];
    worker *found = NULL;
    pthread_t self = pthread_self();
    pthread_mutex_lock(&c->lock);
    for (unsigned i = 0; i < c->nworkers && !found; i++)
        if (c->workers[i].started && pthread_equal(c->workers[i].thread, self))
            found = &c->workers[i];
    pthread_mutex_unlock(&c->lock);
    return found;
}

static void
collect_warning(void *user, const char *code, uint64_t offset,
                const char *message)
{
    worker *w = calling_worker(user);
    slot *s = w ? w->current : NULL;
    if (!s)
        return;
    char *c = strdup(code), *m = strdup(message);
    if (!c || !m ||
        depeche_grow((void **)&s->warnings, &s->warnings_cap, s->nwarnings + 1,
                     sizeof *s->warnings)) {
        free(c);
        free(m);
        s->warnings_failed = 1;
        return;
    }
    s->warnings[s->nwarnings++] =
        (depeche_corpus_warning){.code = c, .offset = offset, .message = m};
}

/* ---- slots ------------------------------------------------------------- */

static void
slot_clear(slot *s)
{
    for (size_t i = 0; i < s->nwarnings; i++) {
        free((char *)s->warnings[i].code);
        free((char *)s->warnings[i].message);
    }
    free(s->warnings);
    free(s->id);
    free(s->bytes);
    depeche_doc_free(s->doc);
    *s = (slot){.state = SLOT_FREE};
}

static void
slot_process(worker *w, slot *s)
{
    s->err = (depeche_error){0};
    s->status = depeche_process_part(w->pipe, s->id, s->bytes, s->len, s->part,
                                     s->last_part, &s->doc, &s->err);
    if (!s->status && s->warnings_failed) {
        depeche_doc_free(s->doc);
        s->doc = NULL;
        s->status = depeche_fail(&s->err, DEPECHE_ERR_NOMEM, DEPECHE_NO_OFFSET,
                                 "out of memory keeping a warning");
    }
    free(s->bytes); /* the document holds its own copy */
    s->bytes = NULL;
}

/* Makes a part's offsets count from its whole document's start: the
 * parts before it were handed back, so their paragraphs are known. */
static void
rebase(depeche_corpus *c, slot *s)
{
    if (s->part == 0 && s->last_part)
        return; /* a document in one piece: its offsets are the whole's */
    if (s->part == 0)
        c->paragraphs = c->segments = 0;
    if (s->err.byte_offset != DEPECHE_NO_OFFSET)
        s->err.byte_offset += s->base.bytes;
    for (size_t i = 0; i < s->nwarnings; i++)
        if (s->warnings[i].offset != DEPECHE_NO_OFFSET)
            s->warnings[i].offset += s->base.bytes;
    if (!s->doc)
        return;
    /* A part cut at a line break goes on with the paragraph before. */
    s->base.paragraphs = c->paragraphs && !s->after_paragraph
                             ? c->paragraphs - 1
                             : c->paragraphs;
    s->base.segments = c->segments;
    depeche_doc_rebase(s->doc, &s->base);
    size_t n = depeche_doc_segment_count(s->doc);
    c->segments += n;
    if (n)
        c->paragraphs = depeche_doc_segment(s->doc, n - 1)->paragraph + 1;
}

/* Hands slot next_out back to the caller; called with the lock held, which
 * is let go during the callback. */
static void
deliver(depeche_corpus *c, slot *s)
{
    pthread_mutex_unlock(&c->lock);
    rebase(c, s);
    depeche_corpus_result r = {.index = s->index,
                               .tag = s->tag,
                               .id = s->id,
                               .doc = s->doc,
                               .status = s->status,
                               .error = &s->err,
                               .warnings = s->warnings,
                               .warning_count = s->nwarnings,
                               .part = s->part,
                               .last_part = s->last_part};
    int stop = c->aborted ? 1 : c->fn(c->user, &r);
    size_t len = s->len;
    slot_clear(s);
    pthread_mutex_lock(&c->lock);
    if (stop && !c->aborted) {
        c->aborted = 1;
        pthread_cond_broadcast(&c->work);
    }
    c->bytes_in_flight -= len;
    c->next_out++;
}

static slot *
head(depeche_corpus *c)
{
    return &c->slots[c->next_out % c->nslots];
}

/* Hands back what is done at the head, in order (lock held). */
static void
deliver_ready(depeche_corpus *c)
{
    while (c->next_out < c->next_in && head(c)->state == SLOT_DONE &&
           !c->aborted)
        deliver(c, head(c));
}

/* ---- workers ----------------------------------------------------------- */

static void *
worker_main(void *arg)
{
    worker *w = arg;
    depeche_corpus *c = w->corpus;
    pthread_mutex_lock(&c->lock);
    for (;;) {
        while (c->next_take == c->next_in && !c->closing && !c->aborted)
            pthread_cond_wait(&c->work, &c->lock);
        if (c->next_take == c->next_in || c->aborted)
            break;
        slot *s = &c->slots[c->next_take++ % c->nslots];
        s->state = SLOT_WORKING;
        w->current = s;
        pthread_mutex_unlock(&c->lock);
        slot_process(w, s);
        pthread_mutex_lock(&c->lock);
        w->current = NULL;
        s->state = SLOT_DONE;
        pthread_cond_broadcast(&c->done);
    }
    pthread_mutex_unlock(&c->lock);
    return NULL;
}

static depeche_status
make_workers(depeche_corpus *c, depeche_error *err)
{
    for (unsigned i = 0; i < c->nworkers; i++) {
        depeche_status st =
            depeche_pipeline_new_from_context(c->ctx, &c->workers[i].pipe, err);
        if (st)
            return st;
    }
    c->made = 1;
    if (c->nworkers == 1)
        return DEPECHE_OK;
    pthread_mutex_lock(&c->lock);
    for (unsigned i = 0; i < c->nworkers; i++) {
        worker *w = &c->workers[i];
        if (pthread_create(&w->thread, NULL, worker_main, w)) {
            pthread_mutex_unlock(&c->lock);
            return depeche_fail(err, DEPECHE_ERR_NOMEM, DEPECHE_NO_OFFSET,
                                "cannot start a worker thread");
        }
        w->started = 1;
    }
    pthread_mutex_unlock(&c->lock);
    return DEPECHE_OK;
}

/* Stops and joins the threads; queued documents are left undone. */
static void
stop_workers(depeche_corpus *c)
{
    pthread_mutex_lock(&c->lock);
    c->closing = 1;
    pthread_cond_broadcast(&c->work);
    pthread_mutex_unlock(&c->lock);
    for (unsigned i = 0; i < c->nworkers; i++)
        if (c->workers[i].started) {
            pthread_join(c->workers[i].thread, NULL);
            c->workers[i].started = 0;
        }
}

/* ---- the run ----------------------------------------------------------- */

static depeche_status
aborted(depeche_error *err)
{
    return depeche_fail(err, DEPECHE_ERR_ABORTED, DEPECHE_NO_OFFSET,
                        "the caller stopped the run");
}

depeche_status
depeche_corpus_new(const depeche_options *opts,
                   const depeche_corpus_options *co, depeche_corpus_fn fn,
                   void *user, depeche_corpus **out, depeche_error *err)
{
    depeche_corpus_options whole;
    if (depeche_corpus_options_take(co, &whole, err))
        return DEPECHE_ERR_INVALID_ARG;
    co = &whole;
    if (!out || !fn || co->workers > MAX_WORKERS)
        return depeche_fail(err, DEPECHE_ERR_INVALID_ARG, DEPECHE_NO_OFFSET,
                            "no result callback, or more than %d workers",
                            MAX_WORKERS);
    depeche_corpus *c = calloc(1, sizeof *c);
    if (!c)
        return depeche_fail(err, DEPECHE_ERR_NOMEM, DEPECHE_NO_OFFSET,
                            "out of memory");
    c->fn = fn;
    c->user = user;
    c->nworkers = co->workers > 1 ? co->workers : 1;
    c->nslots = co->max_queued ? co->max_queued : 4 * (size_t)c->nworkers;
    c->max_bytes = co->max_queued_bytes ? co->max_queued_bytes
                                        : (size_t)DEFAULT_QUEUE_BYTES;
    c->part_bytes =
        co->part_bytes ? co->part_bytes : (size_t)DEFAULT_PART_BYTES;
    c->workers = calloc(c->nworkers, sizeof *c->workers);
    c->slots = calloc(c->nslots, sizeof *c->slots);
    pthread_mutex_init(&c->lock, NULL);
    pthread_cond_init(&c->work, NULL);
    pthread_cond_init(&c->done, NULL);
    if (!c->workers || !c->slots) {
        depeche_corpus_free(c);
        return depeche_fail(err, DEPECHE_ERR_NOMEM, DEPECHE_NO_OFFSET,
                            "out of memory");
    }
    for (unsigned i = 0; i < c->nworkers; i++)
        c->workers[i].corpus = c;
    depeche_options o;
    if (opts)
        o = *opts;
    else
        depeche_options_init(&o);
    o.warn_fn = collect_warning;
    o.warn_user = c;
    depeche_status st = depeche_context_new(&o, &c->ctx, err);
    if (st) {
        depeche_corpus_free(c);
        return st;
    }
    *out = c;
    return DEPECHE_OK;
}

depeche_status
depeche_corpus_observe(depeche_corpus *c, const char *bytes, size_t len,
                       depeche_error *err)
{
    if (!c)
        return depeche_fail(err, DEPECHE_ERR_INVALID_ARG, DEPECHE_NO_OFFSET,
                            "NULL corpus");
    return depeche_context_observe(c->ctx, bytes, len, err);
}

depeche_status
depeche_corpus_save_boilerplate(const depeche_corpus *c, depeche_sink_fn sink,
                                void *user, depeche_error *err)
{
    if (!c)
        return depeche_fail(err, DEPECHE_ERR_INVALID_ARG, DEPECHE_NO_OFFSET,
                            "NULL corpus");
    return depeche_context_save_boilerplate(c->ctx, sink, user, err);
}

depeche_status
depeche_corpus_load_boilerplate(depeche_corpus *c, const char *bytes,
                                size_t len, depeche_error *err)
{
    if (!c)
        return depeche_fail(err, DEPECHE_ERR_INVALID_ARG, DEPECHE_NO_OFFSET,
                            "NULL corpus");
    return depeche_context_load_boilerplate(c->ctx, bytes, len, err);
}

/* Whether one more document of len bytes may be queued (lock held). */
static int
has_room(const depeche_corpus *c, size_t len)
{
    size_t queued = c->next_in - c->next_out;
    return queued < c->nslots &&
           (queued == 0 || c->bytes_in_flight + len <= c->max_bytes);
}

/* The caller's side: hands back what is done until `ready` holds. */
static void
wait_for(depeche_corpus *c, int (*ready)(const depeche_corpus *, size_t),
         size_t len)
{
    for (;;) {
        deliver_ready(c);
        if (c->aborted || ready(c, len))
            return;
        pthread_cond_wait(&c->done, &c->lock);
    }
}

/* The part notice (DEPECHE-010): a part that ends inside a paragraph. */
static depeche_status
note_line_cut(slot *s)
{
    char *code = strdup("DEPECHE-010");
    char *msg = strdup("no paragraph break in a part's length "
                       "(--part-size): the document is cut at this line "
                       "break, and a sentence across it is split");
    depeche_corpus_warning *w = malloc(sizeof *w);
    if (!code || !msg || !w) {
        free(code);
        free(msg);
        free(w);
        return DEPECHE_ERR_NOMEM;
    }
    *w = (depeche_corpus_warning){code, s->len, msg};
    s->warnings = w;
    s->nwarnings = s->warnings_cap = 1;
    return DEPECHE_OK;
}

/* Queues part `proto` of a document (its part fields set), copying id and
 * bytes. */
static depeche_status
enqueue(depeche_corpus *c, const slot *proto, const char *id, uint64_t tag,
        const char *bytes, size_t len, int line_cut, depeche_error *err)
{
    char *idc = strdup(id ? id : "");
    char *copy = malloc(len ? len : 1);
    slot fresh = *proto;
    fresh.len = len;
    if (!idc || !copy || (line_cut && note_line_cut(&fresh))) {
        free(idc);
        free(copy);
        return depeche_fail(err, DEPECHE_ERR_NOMEM, DEPECHE_NO_OFFSET,
                            "out of memory");
    }
    if (len)
        memcpy(copy, bytes, len);
    pthread_mutex_lock(&c->lock);
    wait_for(c, has_room, len);
    if (c->aborted) {
        pthread_mutex_unlock(&c->lock);
        free(idc);
        free(copy);
        fresh.id = fresh.bytes = NULL;
        slot_clear(&fresh);
        return aborted(err);
    }
    slot *s = &c->slots[c->next_in % c->nslots];
    *s = fresh;
    s->state = SLOT_QUEUED;
    s->index = c->next_in;
    s->tag = tag;
    s->id = idc;
    s->bytes = copy;
    c->bytes_in_flight += len;
    c->next_in++;
    if (c->nworkers == 1) { /* the caller is the worker */
        c->next_take++;
        s->state = SLOT_WORKING;
        c->workers[0].current = s;
        pthread_mutex_unlock(&c->lock);
        slot_process(&c->workers[0], s);
        pthread_mutex_lock(&c->lock);
        c->workers[0].current = NULL;
        s->state = SLOT_DONE;
    } else {
        pthread_cond_signal(&c->work);
    }
    deliver_ready(c);
    depeche_status st = c->aborted ? aborted(err) : DEPECHE_OK;
    pthread_mutex_unlock(&c->lock);
    return st;
}

/* ---- documents fed in pieces, queued in parts -------------------------- */

/* Walks the complete lines of the pending bytes from c->scan, noting
 * where a part may end: after a paragraph break (a blank line after some
 * text, or U+2029), or after any line break.  The places noted are the
 * last within part_bytes, else the first past it, so that where parts end
 * depends on the text only, not on how it was fed. */
static void
scan_pending(depeche_corpus *c)
{
    const char *s = c->pending.data;
    size_t n = c->pending.len;
    depeche_break_scan bs = {0};
    while (!(c->line_cut > c->part_bytes)) {
        size_t from = c->search > c->scan ? c->search : c->scan, brk;
        size_t at = depeche_next_line_break(s, n, from, &bs, &brk);
        /* A CR at the end may be the first half of a CRLF. */
        if (!brk || (s[at] == '\r' && at + 1 == n)) {
            /* Not done: a U+2028 may be cut after its first bytes. */
            size_t back = at < n ? at : (n > 2 ? n - 2 : 0);
            c->search = back > c->scan ? back : c->scan;
            return;
        }
        int blank = depeche_is_blank_line(s + c->scan, at - c->scan);
        int para =
            depeche_break_ends_paragraph(s, n, at) || (blank && c->seen_text);
        c->seen_text |= !blank;
        c->lines++;
        c->scan = c->search = at + brk;
        if (c->scan > c->part_bytes && c->line_cut)
            return;
        c->line_cut = c->scan;
        c->line_cut_lines = c->lines;
        if (para) {
            c->para_cut = c->scan;
            c->para_cut_lines = c->lines;
        }
    }
}

/* Queues pending[0, cut) as the document's next part, with `lines` line
 * breaks, keeps the rest, and looks at it afresh. */
static depeche_status
queue_part(depeche_corpus *c, size_t cut, size_t lines, int last, int line_cut,
           depeche_error *err)
{
    slot proto = {.part = c->parts,
                  .last_part = last,
                  .after_paragraph = c->parts == 0 || c->next_after_paragraph,
                  .base = c->next};
    depeche_status st = enqueue(c, &proto, c->feed_id, c->feed_tag,
                                c->pending.data, cut, line_cut, err);
    if (st)
        return st;
    /* Where the next part starts, in code points: not needed after the
     * last (and an empty document has no buffer at all). */
    uint64_t cps = cut;
    if (!last && cut)
        depeche_cp_offsets(c->pending.data, cut, &cps, 1);
    c->next.bytes += cut;
    c->next.cps += cps;
    c->next.lines += lines;
    c->next_after_paragraph = !line_cut;
    c->parts++;
    size_t rest = c->pending.len - cut;
    if (rest)
        memmove(c->pending.data, c->pending.data + cut, rest);
    c->pending.len = rest;
    c->scan = c->search = c->lines = 0;
    c->para_cut = c->para_cut_lines = c->line_cut = c->line_cut_lines = 0;
    return DEPECHE_OK;
}

/* Queues the parts the pending bytes complete, once they reach
 * part_bytes: a part ends at the last paragraph break (a quarter of
 * part_bytes in at least), else at the last line break, else at the
 * first past part_bytes. */
static depeche_status
cut_parts(depeche_corpus *c, depeche_error *err)
{
    /* Nothing to look at before a part's worth is there: a document
     * shorter than a part is neither sniffed nor split into lines here. */
    if (c->pending.len < c->part_bytes)
        return DEPECHE_OK;
    if (!c->whole && !c->parts) {
        unsigned flags = c->ctx->opts.flags;
        c->whole = (flags & DEPECHE_INPUT_HTML) ||
                   (!(flags & DEPECHE_INPUT_TEXT) &&
                    depeche_html_sniff(c->pending.data, c->pending.len));
    }
    while (!c->whole && c->pending.len >= c->part_bytes) {
        scan_pending(c);
        depeche_status st;
        if (c->para_cut && c->para_cut >= c->part_bytes / 4)
            st = queue_part(c, c->para_cut, c->para_cut_lines, 0, 0, err);
        else if (c->line_cut && c->line_cut < c->pending.len)
            st = queue_part(c, c->line_cut, c->line_cut_lines, 0, 1, err);
        else /* a line is never cut; nor is the text before its end */
            return DEPECHE_OK;
        if (st)
            return st;
    }
    return DEPECHE_OK;
}

static depeche_status
usable_run(depeche_corpus *c, depeche_error *err)
{
    if (c->closing)
        return depeche_fail(err, DEPECHE_ERR_STATE, DEPECHE_NO_OFFSET,
                            "the run is finished");
    if (c->aborted)
        return aborted(err);
    return c->made ? DEPECHE_OK : make_workers(c, err);
}

static void
feed_reset(depeche_corpus *c)
{
    free(c->feed_id);
    c->feed_id = NULL;
    c->pending.len = 0;
    c->feeding = c->whole = c->seen_text = 0;
    c->scan = c->search = c->lines = 0;
    c->para_cut = c->para_cut_lines = c->line_cut = c->line_cut_lines = 0;
    c->parts = 0;
    c->next = (depeche_doc_base){0};
    c->next_after_paragraph = 0;
}

/* DEPECHE_OK when c may take a call made with a document being fed
 * (feeding 1) or with none (0), and the run goes on. */
static depeche_status
feed_state(depeche_corpus *c, int feeding, depeche_error *err)
{
    if (!c)
        return depeche_fail(err, DEPECHE_ERR_INVALID_ARG, DEPECHE_NO_OFFSET,
                            "NULL corpus");
    if (c->feeding != feeding)
        return depeche_fail(err, DEPECHE_ERR_STATE, DEPECHE_NO_OFFSET,
                            feeding ? "no document begun"
                                    : "a document is being fed: end it first");
    return usable_run(c, err);
}

depeche_status
depeche_corpus_begin(depeche_corpus *c, const char *id, uint64_t tag,
                     depeche_error *err)
{
    depeche_status st = feed_state(c, 0, err);
    if (st)
        return st;
    feed_reset(c);
    if (!(c->feed_id = strdup(id ? id : "")))
        return depeche_fail(err, DEPECHE_ERR_NOMEM, DEPECHE_NO_OFFSET,
                            "out of memory");
    c->feeding = 1;
    c->feed_tag = tag;
    return DEPECHE_OK;
}

depeche_status
depeche_corpus_feed(depeche_corpus *c, const char *bytes, size_t len,
                    depeche_error *err)
{
    if (!bytes && len)
        return depeche_fail(err, DEPECHE_ERR_INVALID_ARG, DEPECHE_NO_OFFSET,
                            "NULL bytes");
    depeche_status st = feed_state(c, 1, err);
    /* A part at a time, so that the pending bytes stay near part_bytes
     * however much is fed at once. */
    while (!st && len) {
        size_t room = c->pending.len < c->part_bytes
                          ? c->part_bytes - c->pending.len
                          : c->part_bytes;
        size_t n = len < room ? len : room;
        if (depeche_buf_put(&c->pending, bytes, n))
            return depeche_fail(err, DEPECHE_ERR_NOMEM, DEPECHE_NO_OFFSET,
                                "out of memory");
        bytes += n;
        len -= n;
        st = cut_parts(c, err);
    }
    return st;
}

depeche_status
depeche_corpus_end(depeche_corpus *c, depeche_error *err)
{
    if (!c || !c->feeding)
        return feed_state(c, 1, err);
    /* Whatever happens, the document is done with. */
    depeche_status st = usable_run(c, err);
    if (!st)
        st = queue_part(c, c->pending.len, c->lines, 1, 0, err);
    feed_reset(c);
    return st;
}

depeche_status
depeche_corpus_add(depeche_corpus *c, const char *id, uint64_t tag,
                   const char *bytes, size_t len, depeche_error *err)
{
    if (!c || (!bytes && len))
        return depeche_fail(err, DEPECHE_ERR_INVALID_ARG, DEPECHE_NO_OFFSET,
                            "NULL argument");
    depeche_status st;
    if (len < c->part_bytes) { /* one part: queued as it is, one copy */
        slot whole = {.last_part = 1, .after_paragraph = 1};
        st = feed_state(c, 0, err);
        return st ? st : enqueue(c, &whole, id, tag, bytes, len, 0, err);
    }
    st = depeche_corpus_begin(c, id, tag, err);
    if (st)
        return st; /* another document's feed, if any, goes on */
    st = depeche_corpus_feed(c, bytes, len, err);
    if (!st)
        return depeche_corpus_end(c, err);
    feed_reset(c);
    return st;
}

static int
all_delivered(const depeche_corpus *c, size_t unused)
{
    (void)unused;
    return c->next_out == c->next_in;
}

depeche_status
depeche_corpus_finish(depeche_corpus *c, depeche_error *err)
{
    if (!c)
        return depeche_fail(err, DEPECHE_ERR_INVALID_ARG, DEPECHE_NO_OFFSET,
                            "NULL corpus");
    if (c->feeding)
        return feed_state(c, 0, err);
    pthread_mutex_lock(&c->lock);
    wait_for(c, all_delivered, 0);
    int stopped = c->aborted;
    pthread_mutex_unlock(&c->lock);
    stop_workers(c);
    return stopped ? aborted(err) : DEPECHE_OK;
}

void
depeche_corpus_free(depeche_corpus *c)
{
    if (!c)
        return;
    if (c->workers) {
        stop_workers(c);
        for (unsigned i = 0; i < c->nworkers; i++)
            depeche_pipeline_free(c->workers[i].pipe);
    }
    for (size_t i = 0; c->slots && i < c->nslots; i++)
        slot_clear(&c->slots[i]);
    feed_reset(c);
    depeche_buf_free(&c->pending);
    depeche_context_free(c->ctx);
    pthread_cond_destroy(&c->done);
    pthread_cond_destroy(&c->work);
    pthread_mutex_destroy(&c->lock);
    free(c->slots);
    free(c->workers);
    free(c);
}

/* ---- fitting the work to the output ------------------------------------ */

void
depeche_options_fit_writer(depeche_options *opts,
                           const depeche_writer_options *wo)
{
    if (!opts || !wo)
        return;
    int shows = 0;
    switch (wo->format) {
    case DEPECHE_FORMAT_TMX:
    case DEPECHE_FORMAT_XLIFF:
    case DEPECHE_FORMAT_XLIFF2:
        shows =
            (wo->flags & (DEPECHE_WRITE_NOTES | DEPECHE_WRITE_NAME_NOTES)) != 0;
        break;
    case DEPECHE_FORMAT_JSONL:
    case DEPECHE_FORMAT_SPELL_TEXT:
    case DEPECHE_FORMAT_SPELL_JSONL:
        shows = 1;
        break;
    default:
        shows = 0;
    }
    if (!shows)
        opts->suggest = DEPECHE_SUGGEST_NONE;
}
