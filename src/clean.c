/* clean.c -- STUB */
#include "clean.h"

#include <stdlib.h>

struct depeche_cleaner {
    int unused;
};

depeche_status
depeche_cleaner_new(const depeche_options *opts, depeche_cleaner **out,
                    depeche_error *err)
{
    *out = calloc(1, sizeof **out);
    return *out ? DEPECHE_OK : DEPECHE_ERR_NOMEM;
}

void
depeche_cleaner_free(depeche_cleaner *c)
{
    free(c);
}

depeche_status
depeche_clean_doc(const depeche_cleaner *c, depeche_doc *doc,
                  depeche_error *err)
{
    return depeche_doc_add_block(doc, (depeche_block){DEPECHE_KIND_BODY,
                                                      DEPECHE_REASON_NONE, 0,
                                                      doc->input_len});
}
