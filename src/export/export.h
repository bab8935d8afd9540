/* export.h -- what every format writer shares: a buffered sink and
 * escaping.  Each format is one file in src/export/ with one ops table. */
#pragma once

#include "../buf.h"
#include "depeche.h"

typedef struct depeche_out {
    depeche_sink_fn sink;
    void *user;
    depeche_buf buf; /* flushed to the sink when large and at the end */
    int failed;
} depeche_out;

typedef struct depeche_writer depeche_writer;

typedef struct depeche_format_ops {
    depeche_status (*begin)(depeche_writer *w);
    depeche_status (*doc)(depeche_writer *w, const depeche_doc *d);
    depeche_status (*end)(depeche_writer *w);
} depeche_format_ops;

struct depeche_writer {
    depeche_writer_options opts;
    const depeche_format_ops *ops;
    depeche_out out;
    size_t docs_written;
    int begun, finished;
    char *source_lang, *target_lang;
};

extern const depeche_format_ops depeche_tmx_ops;
extern const depeche_format_ops depeche_xliff12_ops;
extern const depeche_format_ops depeche_xliff2_ops;
extern const depeche_format_ops depeche_moses_ops;
extern const depeche_format_ops depeche_tsv_ops;
extern const depeche_format_ops depeche_jsonl_ops;
extern const depeche_format_ops depeche_text_ops;

depeche_status depeche_out_put(depeche_out *o, const char *s, size_t n);
depeche_status depeche_out_puts(depeche_out *o, const char *s);
depeche_status depeche_out_printf(depeche_out *o, const char *fmt, ...)
    __attribute__((format(printf, 2, 3)));
/* XML character data or attribute value: & < > " ' escaped; characters XML
 * 1.0 forbids (C0 controls but tab/LF/CR, U+FFFE, U+FFFF, lone surrogates)
 * are replaced with U+FFFD. */
depeche_status depeche_out_xml(depeche_out *o, const char *s, size_t n);
/* A JSON string literal, quotes included (RFC 8259 escapes). */
depeche_status depeche_out_json(depeche_out *o, const char *s, size_t n);
depeche_status depeche_out_flush(depeche_out *o);
