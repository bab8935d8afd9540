/* options.c -- option structs read by the size the caller gives (see
 * options.h and "API changes" in the README). */
#include "options.h"

#include <string.h>

#include "buf.h"

depeche_status
depeche_struct_take(void *out, size_t out_size, const void *given,
                    const char *what, depeche_error *err)
{
    if (!given)
        return DEPECHE_OK;
    size_t size;
    memcpy(&size, given, sizeof size); /* the first field of every struct */
    if (size < sizeof size)
        return depeche_fail(err, DEPECHE_ERR_INVALID_ARG, DEPECHE_NO_OFFSET,
                            "%s: size is %zu: initialise the struct with "
                            "%s_init()",
                            what, size, what);
    /* A newer caller's struct: what this library does not know must be
     * left at its default, zero, else the caller asks for a feature this
     * library lacks. */
    const unsigned char *bytes = given;
    for (size_t i = out_size; i < size; i++)
        if (bytes[i])
            return depeche_fail(err, DEPECHE_ERR_INVALID_ARG, DEPECHE_NO_OFFSET,
                                "%s: a field past byte %zu is set, which "
                                "this libdepeche does not know (size %zu "
                                "> %zu)",
                                what, out_size, size, out_size);
    memcpy(out, given, size < out_size ? size : out_size);
    memcpy(out, &out_size, sizeof out_size); /* now whole */
    return DEPECHE_OK;
}

depeche_status
depeche_options_take(const depeche_options *given, depeche_options *out,
                     depeche_error *err)
{
    depeche_options_init(out);
    return depeche_struct_take(out, sizeof *out, given, "depeche_options", err);
}

depeche_status
depeche_writer_options_take(const depeche_writer_options *given,
                            depeche_writer_options *out, depeche_error *err)
{
    depeche_writer_options_init(out);
    return depeche_struct_take(out, sizeof *out, given,
                               "depeche_writer_options", err);
}

depeche_status
depeche_align_options_take(const depeche_align_options *given,
                           depeche_align_options *out, depeche_error *err)
{
    depeche_align_options_init(out);
    return depeche_struct_take(out, sizeof *out, given, "depeche_align_options",
                               err);
}

depeche_status
depeche_corpus_options_take(const depeche_corpus_options *given,
                            depeche_corpus_options *out, depeche_error *err)
{
    depeche_corpus_options_init(out);
    return depeche_struct_take(out, sizeof *out, given,
                               "depeche_corpus_options", err);
}

depeche_status
depeche_filter_options_take(const depeche_filter_options *given,
                            depeche_filter_options *out, depeche_error *err)
{
    depeche_filter_options_init(out);
    return depeche_struct_take(out, sizeof *out, given,
                               "depeche_filter_options", err);
}
