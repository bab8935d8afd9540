/* context.c -- what every worker of a run reads and none writes.
 *
 * Made once from the options, so that N threads pay for the language's
 * tables, the boilerplate phrases and the dictionary search once, and a
 * bad list or dictionary is reported once, with its file, before any
 * worker starts.  A worker takes a reference; the last one frees it. */
#include "context.h"

#include <stdlib.h>
#include <string.h>

#include "clean_model.h"
#include "dicts.h"
#include "doc.h"
#include "html.h"
#include "lang.h"
#include "options.h"
#include "spell_hunspell.h"

static char *
dup_opt(const char *s, int *failed)
{
    if (!s)
        return NULL;
    char *d = strdup(s);
    if (!d)
        *failed = 1;
    return d;
}

/* Copies the options' strings into the context (the language tag in
 * BCP-47 spelling, fr_FR -> fr-FR). */
static depeche_status
copy_options(depeche_context *c, const depeche_options *opts,
             depeche_error *err)
{
    int failed = 0;
    c->opts = *opts;
    c->opts.lang = c->lang =
        dup_opt(opts->lang ? opts->lang : "fr-FR", &failed);
    if (c->lang)
        depeche_lang_canonicalize(c->lang);
    c->opts.dict_path = c->dict_path = dup_opt(opts->dict_path, &failed);
    c->opts.personal_dict = c->personal_dict =
        dup_opt(opts->personal_dict, &failed);
    c->opts.abbrev_file = c->abbrev_file = dup_opt(opts->abbrev_file, &failed);
    return failed ? depeche_fail(err, DEPECHE_ERR_NOMEM, DEPECHE_NO_OFFSET,
                                 "out of memory")
                  : DEPECHE_OK;
}

/* Finds the dictionary now, so that every worker opens the same one, and
 * checks the personal list, so that its errors name it: a speller made
 * later in the background could not report them. */
static depeche_status
find_dictionary(depeche_context *c, depeche_error *err)
{
    depeche_buf aff = {0}, dic = {0};
    depeche_status st = spell_find_dict(&c->opts, &aff, &dic, err);
    if (st) {
        depeche_error_at(err, DEPECHE_SOURCE_DICTIONARY, c->dict_path);
    } else {
        char *found = strdup(aff.data);
        if (!found) {
            st = depeche_fail(err, DEPECHE_ERR_NOMEM, DEPECHE_NO_OFFSET,
                              "out of memory");
        } else {
            found[strlen(found) - 4] = '\0'; /* less ".aff" */
            free(c->dict_path);
            c->opts.dict_path = c->dict_path = found;
        }
    }
    depeche_buf_free(&aff);
    depeche_buf_free(&dic);
    if (st || !c->personal_dict)
        return st;
    char *data;
    size_t len;
    int rc = depeche_read_file(c->personal_dict, &data, &len);
    if (rc)
        st = depeche_fail(err, DEPECHE_ERR_IO, DEPECHE_NO_OFFSET,
                          "cannot read the personal dictionary: %s",
                          strerror(rc));
    else
        st = spell_check_list(data, len, err);
    if (!rc)
        free(data);
    if (st)
        depeche_error_at(err, DEPECHE_SOURCE_PERSONAL_LIST, c->personal_dict);
    return st;
}

static depeche_status
check_options(const depeche_options *opts, depeche_error *err)
{
    if ((unsigned)opts->profile > DEPECHE_PROFILE_MT ||
        (unsigned)opts->suggest > DEPECHE_SUGGEST_NONE)
        return depeche_fail(err, DEPECHE_ERR_INVALID_ARG, DEPECHE_NO_OFFSET,
                            "unknown profile or suggestion mode");
    /* The tag names files (the dictionary): checked before any is read. */
    if (opts->lang && depeche_lang_check(opts->lang, err)) {
        depeche_error_at(err, DEPECHE_SOURCE_LANG, NULL);
        return DEPECHE_ERR_INVALID_ARG;
    }
    return DEPECHE_OK;
}

depeche_status
depeche_context_new(const depeche_options *given, depeche_context **out,
                    depeche_error *err)
{
    depeche_options whole;
    if (depeche_options_take(given, &whole, err))
        return DEPECHE_ERR_INVALID_ARG;
    const depeche_options *opts = &whole;
    if (!out)
        return depeche_fail(err, DEPECHE_ERR_INVALID_ARG, DEPECHE_NO_OFFSET,
                            "no place for the result");
    depeche_status st = check_options(opts, err);
    if (st)
        return st;
    depeche_context *c = calloc(1, sizeof *c);
    if (!c)
        return depeche_fail(err, DEPECHE_ERR_NOMEM, DEPECHE_NO_OFFSET,
                            "out of memory");
    atomic_init(&c->refs, 1);
    atomic_init(&c->frozen, 0);
    st = copy_options(c, opts, err);
    if (!st) {
        st = depeche_abbrevs_new(c->lang, c->abbrev_file, &c->abbrevs, err);
        if (st && st != DEPECHE_ERR_NOMEM)
            depeche_error_at(err, DEPECHE_SOURCE_ABBREV_LIST, c->abbrev_file);
    }
    if (!st)
        st = depeche_cleaner_new(&c->opts, &c->cleaner, err);
    if (!st && !(c->opts.flags & DEPECHE_NO_SPELL))
        st = find_dictionary(c, err);
    if (!st && c->opts.threads > 1 &&
        depeche_pool_new(c->opts.threads - 1, &c->pool))
        st = depeche_fail(err, DEPECHE_ERR_NOMEM, DEPECHE_NO_OFFSET,
                          "out of memory");
    if (st) {
        depeche_context_free(c);
        return st;
    }
    *out = c;
    return DEPECHE_OK;
}

depeche_context *
depeche_context_take(depeche_context *ctx, int keep_observing)
{
    if (!keep_observing)
        atomic_store(&ctx->frozen, 1);
    atomic_fetch_add_explicit(&ctx->refs, 1, memory_order_relaxed);
    return ctx;
}

void
depeche_context_free(depeche_context *ctx)
{
    if (!ctx ||
        atomic_fetch_sub_explicit(&ctx->refs, 1, memory_order_acq_rel) != 1)
        return;
    depeche_pool_free(ctx->pool);
    depeche_cleaner_free(ctx->cleaner);
    depeche_abbrevs_free(ctx->abbrevs);
    free(ctx->lang);
    free(ctx->dict_path);
    free(ctx->personal_dict);
    free(ctx->abbrev_file);
    free(ctx);
}

depeche_status
depeche_context_count(depeche_context *ctx, const char *bytes, size_t len,
                      depeche_error *err)
{
    /* Lines recurring across pages are a text scrape's boilerplate; an
     * HTML page is read by its markup. */
    unsigned flags = ctx->opts.flags;
    if ((flags & DEPECHE_INPUT_HTML) ||
        (!(flags & DEPECHE_INPUT_TEXT) && depeche_html_sniff(bytes, len)))
        return DEPECHE_OK;
    depeche_doc *d = NULL;
    depeche_status st = depeche_doc_create("", bytes, len, &d);
    if (!st)
        st = depeche_cleaner_observe(ctx->cleaner, d);
    depeche_doc_free(d);
    if (st)
        return depeche_fail(err, st, DEPECHE_NO_OFFSET, "%s",
                            depeche_strerror(st));
    return DEPECHE_OK;
}

depeche_status
depeche_context_observe(depeche_context *ctx, const char *bytes, size_t len,
                        depeche_error *err)
{
    if (!ctx || (!bytes && len))
        return depeche_fail(err, DEPECHE_ERR_INVALID_ARG, DEPECHE_NO_OFFSET,
                            "NULL argument");
    if (atomic_load(&ctx->frozen))
        return depeche_fail(err, DEPECHE_ERR_STATE, DEPECHE_NO_OFFSET,
                            "a worker reads this context: observe every "
                            "document before making one");
    return depeche_context_count(ctx, bytes, len, err);
}

depeche_status
depeche_context_save_boilerplate(const depeche_context *ctx,
                                 depeche_sink_fn sink, void *user,
                                 depeche_error *err)
{
    if (!ctx || !sink)
        return depeche_fail(err, DEPECHE_ERR_INVALID_ARG, DEPECHE_NO_OFFSET,
                            "NULL argument");
    return depeche_clean_model_save(ctx->cleaner, sink, user, err);
}

depeche_status
depeche_context_load_boilerplate(depeche_context *ctx, const char *bytes,
                                 size_t len, depeche_error *err)
{
    if (!ctx || (!bytes && len))
        return depeche_fail(err, DEPECHE_ERR_INVALID_ARG, DEPECHE_NO_OFFSET,
                            "NULL argument");
    if (atomic_load(&ctx->frozen))
        return depeche_fail(err, DEPECHE_ERR_STATE, DEPECHE_NO_OFFSET,
                            "a worker reads this context: load the model "
                            "before making one");
    return depeche_clean_model_load(ctx->cleaner, bytes, len, err);
}

/* Drops the reference a segmenter made from the context holds. */
static void
release_context(void *ctx)
{
    depeche_context_free(ctx);
}

/* The segmenter reads the context's abbreviation table, shared, and holds
 * a reference until it is freed (the context's statistics, which it does
 * not read, stay open to observation). */
depeche_status
depeche_segmenter_new_from_context(depeche_context *ctx, depeche_sentence_fn fn,
                                   void *user, depeche_segmenter **out,
                                   depeche_error *err)
{
    if (!ctx)
        return depeche_fail(err, DEPECHE_ERR_INVALID_ARG, DEPECHE_NO_OFFSET,
                            "no context");
    depeche_context_take(ctx, 1);
    depeche_status st = depeche_segmenter_new_borrowing(
        &ctx->opts, ctx->abbrevs, release_context, ctx, fn, user, out, err);
    if (st)
        depeche_context_free(ctx);
    return st;
}
