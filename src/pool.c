/* pool.c -- a fixed set of helper threads shared by the callers of
 * depeche_pool_for().
 *
 * Each call is a job on the pool's queue: helpers and the caller take its
 * indices one at a time from an atomic counter.  The job lives on the
 * caller's stack, so the caller leaves only once no helper is inside it:
 * a helper counts itself in and out of a job under the pool's lock. */
#include "pool.h"

#include <pthread.h>
#include <stdatomic.h>
#include <stdlib.h>

typedef struct job {
    depeche_task_fn fn;
    void *user;
    size_t n;
    atomic_size_t next; /* the next index nobody has taken */
    unsigned inside;    /* helpers running it; under the pool's lock */
    struct job *older;  /* queue link, toward the head */
    struct job *newer;
} job;

struct depeche_pool {
    unsigned helpers;
    unsigned started; /* threads running: 0 until the first job */
    int tried;        /* the threads were started (or could not be) */
    pthread_t threads[DEPECHE_POOL_MAX];
    pthread_mutex_t lock;
    pthread_cond_t work;     /* a job was queued, or the pool is ending */
    pthread_cond_t left_job; /* a helper left a job */
    job *head, *tail;        /* jobs with indices left, oldest first */
    int ending;
};

/* Runs indices of j until none is left. */
static void
work_on(job *j)
{
    for (;;) {
        size_t i = atomic_fetch_add_explicit(&j->next, 1, memory_order_relaxed);
        if (i >= j->n)
            return;
        j->fn(j->user, i);
    }
}

/* Takes j off the queue (under the lock); a job already off is left. */
static void
unqueue(depeche_pool *p, job *j)
{
    if (!j->older && p->head != j)
        return;
    if (j->older)
        j->older->newer = j->newer;
    else
        p->head = j->newer;
    if (j->newer)
        j->newer->older = j->older;
    else
        p->tail = j->older;
    j->older = j->newer = NULL;
}

static void *
helper_main(void *arg)
{
    depeche_pool *p = arg;
    pthread_mutex_lock(&p->lock);
    for (;;) {
        while (!p->head && !p->ending)
            pthread_cond_wait(&p->work, &p->lock);
        if (p->ending)
            break;
        job *j = p->head;
        /* A job whose indices are all taken needs no more hands. */
        if (atomic_load_explicit(&j->next, memory_order_relaxed) >= j->n) {
            unqueue(p, j);
            continue;
        }
        j->inside++;
        pthread_mutex_unlock(&p->lock);
        work_on(j);
        pthread_mutex_lock(&p->lock);
        unqueue(p, j);
        j->inside--;
        pthread_cond_broadcast(&p->left_job);
    }
    pthread_mutex_unlock(&p->lock);
    return NULL;
}

depeche_status
depeche_pool_new(unsigned helpers, depeche_pool **out)
{
    depeche_pool *p = calloc(1, sizeof *p);
    if (!p)
        return DEPECHE_ERR_NOMEM;
    p->helpers = helpers > DEPECHE_POOL_MAX ? DEPECHE_POOL_MAX : helpers;
    if (pthread_mutex_init(&p->lock, NULL)) {
        free(p);
        return DEPECHE_ERR_NOMEM;
    }
    if (pthread_cond_init(&p->work, NULL)) {
        pthread_mutex_destroy(&p->lock);
        free(p);
        return DEPECHE_ERR_NOMEM;
    }
    if (pthread_cond_init(&p->left_job, NULL)) {
        pthread_cond_destroy(&p->work);
        pthread_mutex_destroy(&p->lock);
        free(p);
        return DEPECHE_ERR_NOMEM;
    }
    *out = p;
    return DEPECHE_OK;
}

void
depeche_pool_free(depeche_pool *p)
{
    if (!p)
        return;
    pthread_mutex_lock(&p->lock);
    p->ending = 1;
    pthread_cond_broadcast(&p->work);
    pthread_mutex_unlock(&p->lock);
    for (unsigned k = 0; k < p->started; k++)
        pthread_join(p->threads[k], NULL);
    pthread_cond_destroy(&p->left_job);
    pthread_cond_destroy(&p->work);
    pthread_mutex_destroy(&p->lock);
    free(p);
}

unsigned
depeche_pool_width(const depeche_pool *p)
{
    return p ? p->helpers + 1 : 1;
}

/* Starts the helpers at the first job (under the lock).  A thread that
 * cannot be started is done without: the caller does its share. */
static void
start_helpers(depeche_pool *p)
{
    if (p->tried)
        return;
    p->tried = 1;
    while (p->started < p->helpers &&
           pthread_create(&p->threads[p->started], NULL, helper_main, p) == 0)
        p->started++;
}

void
depeche_pool_for(depeche_pool *p, size_t n, depeche_task_fn fn, void *user)
{
    job j = {.fn = fn, .user = user, .n = n};
    atomic_init(&j.next, 0);
    if (!p || !p->helpers || n < 2) {
        work_on(&j);
        return;
    }
    pthread_mutex_lock(&p->lock);
    start_helpers(p);
    if (!p->started) {
        pthread_mutex_unlock(&p->lock);
        work_on(&j);
        return;
    }
    j.older = p->tail;
    if (p->tail)
        p->tail->newer = &j;
    else
        p->head = &j;
    p->tail = &j;
    pthread_cond_broadcast(&p->work);
    pthread_mutex_unlock(&p->lock);

    work_on(&j);

    pthread_mutex_lock(&p->lock);
    unqueue(p, &j);
    while (j.inside)
        pthread_cond_wait(&p->left_job, &p->lock);
    pthread_mutex_unlock(&p->lock);
}
