/* normalize.c -- STUB */
#include "normalize.h"

depeche_status
depeche_normalize_append(const depeche_norm_config *cfg, const char *in,
                         size_t len, uint64_t base, depeche_buf *out,
                         depeche_omap *map, depeche_error *err)
{
    uint64_t o = out->len;
    if (map && len && depeche_omap_copy(map, o, base, len))
        return DEPECHE_ERR_NOMEM;
    return depeche_buf_put(out, in, len);
}

depeche_status
depeche_normalize_key(const char *in, size_t len, depeche_buf *out)
{
    return depeche_buf_put(out, in, len);
}
