/* test_options.c -- size-prefixed option structs (src/options.c): a caller
 * built against an older, smaller depeche_options gets the defaults for the
 * fields it does not know, and the library reads no byte past its size; a
 * newer, larger one is refused only when it sets what the library lacks. */
#include <stddef.h>
#include <stdint.h>
#include <stdlib.h>
#include <string.h>

#include "depeche.h"
#include "harness.h"

/* depeche_options as a program saw it before input_offset and threads were
 * added at its end. */
typedef struct options_v0 {
    size_t size;
    depeche_profile profile;
    const char *lang;
    const char *dict_path;
    const char *personal_dict;
    const char *abbrev_file;
    unsigned flags;
    depeche_warn_fn warn_fn;
    void *warn_user;
    depeche_suggest suggest;
} options_v0;

#define SAME_FIELD(f)                                                          \
    _Static_assert(offsetof(options_v0, f) == offsetof(depeche_options, f),    \
                   "options_v0 is a prefix of depeche_options")
SAME_FIELD(size);
SAME_FIELD(profile);
SAME_FIELD(lang);
SAME_FIELD(flags);
SAME_FIELD(warn_fn);
SAME_FIELD(suggest);
_Static_assert(sizeof(options_v0) < sizeof(depeche_options),
               "the old struct is smaller");

typedef struct warned {
    uint64_t offset;
    int count;
} warned;

static void
on_warn(void *user, const char *code, uint64_t offset, const char *message)
{
    (void)code;
    (void)message;
    warned *w = user;
    w->offset = offset;
    w->count++;
}

/* An old caller's struct in memory whose bytes past it are all 0xFF: read,
 * they would make input_offset huge and every offset wrong. */
static depeche_options *
old_struct_in_garbage(const options_v0 *v0)
{
    unsigned char *mem = malloc(sizeof(depeche_options) + 64);
    memset(mem, 0xFF, sizeof(depeche_options) + 64);
    memcpy(mem, v0, sizeof *v0);
    return (depeche_options *)(void *)mem;
}

static void
test_older_struct(void)
{
    warned w = {0, 0};
    options_v0 v0 = {.size = sizeof v0,
                     .profile = DEPECHE_PROFILE_TYPO,
                     .lang = "fr-FR",
                     .flags = DEPECHE_LOSSY,
                     .warn_fn = on_warn,
                     .warn_user = &w,
                     .suggest = DEPECHE_SUGGEST_FAST};
    depeche_options *old = old_struct_in_garbage(&v0);
    static const char in[] = "Bonjour\xFF : il dit \"oui\".";
    char *out = NULL;
    size_t out_len = 0;
    depeche_error err;
    CHECK_INT(depeche_normalize(old, in, sizeof in - 1, &out, &out_len, &err),
              DEPECHE_OK);
    /* the typo profile it asked for: NBSP before the colon, French quotes */
    CHECK(out && strstr(out, "\xC2\xA0:") != NULL);
    CHECK(out && strstr(out, "\xC2\xAB") != NULL);
    /* input_offset, unknown to it, kept its default 0 */
    CHECK_INT(w.count, 1);
    CHECK_INT(w.offset, 7);
    depeche_free(out);

    depeche_context *ctx = NULL;
    old->flags |= DEPECHE_NO_SPELL; /* no dictionary needed */
    CHECK_INT(depeche_context_new(old, &ctx, &err), DEPECHE_OK);
    depeche_context_free(ctx);
    free(old);
}

static void
test_larger_struct(void)
{
    /* a newer header's struct: 16 more bytes */
    unsigned char mem[sizeof(depeche_options) + 16];
    memset(mem, 0, sizeof mem);
    depeche_options_init((depeche_options *)(void *)mem);
    size_t size = sizeof mem;
    memcpy(mem, &size, sizeof size);
    depeche_error err;
    char *out = NULL;
    size_t len = 0;
    const depeche_options *o = (const depeche_options *)(const void *)mem;
    CHECK_INT(depeche_normalize(o, "x", 1, &out, &len, &err), DEPECHE_OK);
    depeche_free(out);
    out = NULL;
    mem[sizeof mem - 1] = 1; /* a field this library does not know, set */
    CHECK_INT(depeche_normalize(o, "x", 1, &out, &len, &err),
              DEPECHE_ERR_INVALID_ARG);
    CHECK(out == NULL);
    CHECK(strstr(err.message, "does not know") != NULL);
}

static int
discard(void *user, const char *bytes, size_t len)
{
    (void)user;
    (void)bytes;
    (void)len;
    return 0;
}

static int
on_result(void *user, const depeche_corpus_result *r)
{
    (void)user;
    (void)r;
    return 0;
}

static void
test_uninitialised(void)
{
    depeche_options zero;
    memset(&zero, 0, sizeof zero);
    depeche_context *ctx = NULL;
    depeche_error err;
    CHECK_INT(depeche_context_new(&zero, &ctx, &err), DEPECHE_ERR_INVALID_ARG);
    CHECK(strstr(err.message, "depeche_options_init") != NULL);
    CHECK(ctx == NULL);
    depeche_writer_options wo;
    memset(&wo, 0, sizeof wo);
    depeche_writer *w = NULL;
    CHECK_INT(depeche_writer_new(&wo, discard, NULL, &w, &err),
              DEPECHE_ERR_INVALID_ARG);
    CHECK(strstr(err.message, "depeche_writer_options_init") != NULL);
    depeche_align_options ao;
    memset(&ao, 0, sizeof ao);
    depeche_aligner *a = NULL;
    CHECK_INT(depeche_aligner_new(&ao, &a, &err), DEPECHE_ERR_INVALID_ARG);
    CHECK(strstr(err.message, "depeche_align_options_init") != NULL);
    depeche_filter_options fo;
    memset(&fo, 0, sizeof fo);
    depeche_filter *f = NULL;
    CHECK_INT(depeche_filter_new(&fo, &f, &err), DEPECHE_ERR_INVALID_ARG);
    CHECK(f == NULL);
    depeche_filter_options_init(&fo);
    CHECK_INT(fo.size, sizeof fo);
    CHECK_INT(depeche_filter_new(&fo, &f, &err), DEPECHE_OK);
    depeche_filter_free(f);
    depeche_corpus_options co;
    memset(&co, 0, sizeof co);
    depeche_corpus *c = NULL;
    CHECK_INT(depeche_corpus_new(NULL, &co, on_result, NULL, &c, &err),
              DEPECHE_ERR_INVALID_ARG);
    CHECK(strstr(err.message, "depeche_corpus_options_init") != NULL);
}

static void
test_init_sets_size(void)
{
    depeche_options o;
    depeche_options_init(&o);
    CHECK_INT(o.size, sizeof o);
    depeche_writer_options wo;
    depeche_writer_options_init(&wo);
    CHECK_INT(wo.size, sizeof wo);
    depeche_align_options ao;
    depeche_align_options_init(&ao);
    CHECK_INT(ao.size, sizeof ao);
}

int
main(void)
{
    test_init_sets_size();
    test_older_struct();
    test_larger_struct();
    test_uninitialised();
    return harness_done();
}
