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
#include "options.h"
#include "depeche.h"

enum { MAX_WORKERS = 64, DEFAULT_QUEUE_BYTES = 64 << 20 };

enum slot_state { SLOT_FREE, SLOT_QUEUED, SLOT_WORKING, SLOT_DONE };

typedef struct slot {
    enum slot_state state;
    size_t index;
    uint64_t tag;
    char *id, *bytes;
    size_t len;
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
    s->status =
        depeche_process(w->pipe, s->id, s->bytes, s->len, &s->doc, &s->err);
    if (!s->status && s->warnings_failed) {
        depeche_doc_free(s->doc);
        s->doc = NULL;
        s->status = depeche_fail(&s->err, DEPECHE_ERR_NOMEM, DEPECHE_NO_OFFSET,
                                 "out of memory keeping a warning");
    }
    free(s->bytes); /* the document holds its own copy */
    s->bytes = NULL;
}

/* Hands slot next_out back to the caller; called with the lock held, which
 * is let go during the callback. */
static void
deliver(depeche_corpus *c, slot *s)
{
    pthread_mutex_unlock(&c->lock);
    depeche_corpus_result r = {.index = s->index,
                               .tag = s->tag,
                               .id = s->id,
                               .doc = s->doc,
                               .status = s->status,
                               .error = &s->err,
                               .warnings = s->warnings,
                               .warning_count = s->nwarnings};
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

static depeche_status
enqueue(depeche_corpus *c, const char *id, uint64_t tag, const char *bytes,
        size_t len, depeche_error *err)
{
    char *idc = strdup(id ? id : "");
    char *copy = malloc(len ? len : 1);
    if (!idc || !copy) {
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
        return aborted(err);
    }
    slot *s = &c->slots[c->next_in % c->nslots];
    *s = (slot){.state = SLOT_QUEUED,
                .index = c->next_in,
                .tag = tag,
                .id = idc,
                .bytes = copy,
                .len = len};
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

depeche_status
depeche_corpus_add(depeche_corpus *c, const char *id, uint64_t tag,
                   const char *bytes, size_t len, depeche_error *err)
{
    if (!c || (!bytes && len))
        return depeche_fail(err, DEPECHE_ERR_INVALID_ARG, DEPECHE_NO_OFFSET,
                            "NULL argument");
    if (c->closing)
        return depeche_fail(err, DEPECHE_ERR_STATE, DEPECHE_NO_OFFSET,
                            "the run is finished");
    if (c->aborted)
        return aborted(err);
    if (!c->made) {
        depeche_status st = make_workers(c, err);
        if (st)
            return st;
    }
    return enqueue(c, id, tag, bytes, len, err);
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
