/* writer.c -- STUB */
#include "export.h"

#include <stdlib.h>
#include <string.h>

void
depeche_writer_options_init(depeche_writer_options *o)
{
    memset(o, 0, sizeof *o);
    o->source_lang = "fr-FR";
    o->creation_time = -1;
}

depeche_status
depeche_writer_new(const depeche_writer_options *opts, depeche_sink_fn sink,
                   void *user, depeche_writer **out, depeche_error *err)
{
    return DEPECHE_ERR_STATE;
}

depeche_status
depeche_writer_add(depeche_writer *w, const depeche_doc *doc,
                   depeche_error *err)
{
    return DEPECHE_ERR_STATE;
}

depeche_status
depeche_writer_finish(depeche_writer *w, depeche_error *err)
{
    return DEPECHE_ERR_STATE;
}

void
depeche_writer_free(depeche_writer *w)
{
    free(w);
}
