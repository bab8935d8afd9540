/* pool.h -- the library's one thread pool (pool.c).
 *
 * A stage that runs threads asks the pool for them instead of starting its
 * own: one set of threads serves every pipeline made from a context, and
 * a process that makes many pipelines does not make many threads. */
#pragma once

#include <stddef.h>

#include "depeche.h"

typedef struct depeche_pool depeche_pool;

/* A pool of `helpers` threads (0: none, every task runs on the caller; at
 * most DEPECHE_POOL_MAX).  The threads start at the first task that can
 * use them, not here. */
enum { DEPECHE_POOL_MAX = 7 };
depeche_status depeche_pool_new(unsigned helpers, depeche_pool **out);
/* Joins the threads; no depeche_pool_for() may be running. */
void depeche_pool_free(depeche_pool *p);
/* How many threads, the caller's included, a depeche_pool_for() may use:
 * 1 for a NULL pool. */
unsigned depeche_pool_width(const depeche_pool *p);

typedef void (*depeche_task_fn)(void *user, size_t index);

/* Calls fn(user, i) once for every i in [0, n), and returns when every
 * call has returned.  The calling thread takes indices too, so the work
 * gets done even when every helper is busy elsewhere: several threads may
 * call this at once on one pool.  Indices are taken in increasing order
 * but finish in any order; fn must write only what index i owns.  A NULL
 * pool runs them all on the caller, in order. */
void depeche_pool_for(depeche_pool *p, size_t n, depeche_task_fn fn,
                      void *user);
