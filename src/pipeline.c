/* pipeline.c -- STUB */
#include <stdlib.h>

#include "buf.h"
#include "depeche.h"

depeche_status
depeche_pipeline_new(const depeche_options *opts, depeche_pipeline **out,
                     depeche_error *err)
{
    return DEPECHE_ERR_STATE;
}

depeche_status
depeche_process(depeche_pipeline *p, const char *id, const char *bytes,
                size_t len, depeche_doc **out, depeche_error *err)
{
    return DEPECHE_ERR_STATE;
}

void
depeche_pipeline_free(depeche_pipeline *p)
{
}

depeche_status
depeche_normalize(const depeche_options *opts, const char *in, size_t len,
                  char **out, size_t *out_len, depeche_error *err)
{
    return DEPECHE_ERR_STATE;
}

void
depeche_free(void *p)
{
    free(p);
}
