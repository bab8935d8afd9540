/* segment.c -- STUB: replaced by the real splitter. */
#include "segment.h"

#include <stdlib.h>

#include "buf.h"

struct depeche_abbrevs {
    int unused;
};

depeche_status
depeche_abbrevs_new(const char *extra_file, depeche_abbrevs **out,
                    depeche_error *err)
{
    *out = calloc(1, sizeof **out);
    return *out ? DEPECHE_OK : DEPECHE_ERR_NOMEM;
}

void
depeche_abbrevs_free(depeche_abbrevs *a)
{
    free(a);
}

depeche_status
depeche_split_line(const depeche_abbrevs *a, const char *text, size_t len,
                   depeche_span_fn fn, void *user)
{
    size_t s = 0, e = len;
    while (s < e && text[s] == ' ')
        s++;
    while (e > s && text[e - 1] == ' ')
        e--;
    if (e > s && fn(user, s, e))
        return DEPECHE_ERR_ABORTED;
    return DEPECHE_OK;
}

struct depeche_segmenter {
    int unused;
};

depeche_status
depeche_segmenter_new(const depeche_options *opts, depeche_sentence_fn fn,
                      void *user, depeche_segmenter **out, depeche_error *err)
{
    return depeche_fail(err, DEPECHE_ERR_STATE, DEPECHE_NO_OFFSET,
                        "not implemented");
}

depeche_status
depeche_segmenter_feed(depeche_segmenter *s, const char *buf, size_t len,
                       depeche_error *err)
{
    return DEPECHE_ERR_STATE;
}

depeche_status
depeche_segmenter_finish(depeche_segmenter *s, depeche_error *err)
{
    return DEPECHE_ERR_STATE;
}

void
depeche_segmenter_reset(depeche_segmenter *s)
{
}

void
depeche_segmenter_free(depeche_segmenter *s)
{
    free(s);
}
