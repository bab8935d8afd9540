/* spell.c -- STUB: replaced by the real speller. */
#include "spell.h"

#include <stdlib.h>

struct depeche_speller {
    int unused;
};

depeche_status
depeche_speller_new(const depeche_options *opts, depeche_speller **out,
                    depeche_error *err)
{
    *out = calloc(1, sizeof **out);
    return *out ? DEPECHE_OK : DEPECHE_ERR_NOMEM;
}

void
depeche_speller_free(depeche_speller *s)
{
    free(s);
}

depeche_status
depeche_speller_check(depeche_speller *s, const depeche_spell_text *segs,
                      size_t n, depeche_hit_fn fn, void *user,
                      depeche_error *err)
{
    return DEPECHE_OK;
}
