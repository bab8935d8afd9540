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
    /* Characters the escaping functions had to replace (invalid UTF-8,
     * XML-illegal characters, line breaks inside a plain-text line), so a
     * caller can report that the file says less than the document did. */
    size_t replaced;
} depeche_out;

typedef struct depeche_writer depeche_writer;

/* A segment format writes units between doc_open and doc_close; a report
 * format (report.c) reads whole documents through doc and has no unit. */
typedef struct depeche_format_ops {
    depeche_status (*begin)(depeche_writer *w);
    depeche_status (*doc)(depeche_writer *w, const depeche_doc *d);
    depeche_status (*doc_open)(depeche_writer *w);
    depeche_status (*unit)(depeche_writer *w, const depeche_unit *u);
    depeche_status (*doc_close)(depeche_writer *w);
    depeche_status (*end)(depeche_writer *w);
} depeche_format_ops;

struct depeche_writer {
    depeche_writer_options opts;
    const depeche_format_ops *ops;
    depeche_out out;
    depeche_out target_out; /* bilingual Moses: the target lines */
    size_t docs_written;
    size_t text_lines; /* text format: lines written, over all documents */
    int begun, finished;
    int broken; /* a call failed: the output may end mid-document */
    char *source_lang, *target_lang;
    /* The open document (between begin_doc and end_doc): copies. */
    int in_doc;
    char *doc_id;
    depeche_meta doc_meta;
    size_t doc_units;     /* units written in it */
    size_t doc_paragraph; /* the last unit's paragraph */
    size_t doc_groups;    /* XLIFF: paragraph groups opened in it */
};

/* True when every segment of a side is blank: a blank source is never
 * written and a blank target is no target. */
int depeche_export_side_blank(const depeche_unit_segment *v, size_t n);
/* The target side a format writes for u, or 0 when it has none. */
int depeche_export_has_target(const depeche_unit *u);

extern const depeche_format_ops depeche_tmx_ops;
extern const depeche_format_ops depeche_xliff12_ops;
extern const depeche_format_ops depeche_xliff2_ops;
extern const depeche_format_ops depeche_moses_ops;
extern const depeche_format_ops depeche_tsv_ops;
extern const depeche_format_ops depeche_jsonl_ops;
extern const depeche_format_ops depeche_text_ops;
extern const depeche_format_ops depeche_clean_text_ops; /* report.c */
extern const depeche_format_ops depeche_clean_jsonl_ops;
extern const depeche_format_ops depeche_spell_text_ops;
extern const depeche_format_ops depeche_spell_jsonl_ops;

depeche_status depeche_out_put(depeche_out *o, const char *s, size_t n);
depeche_status depeche_out_puts(depeche_out *o, const char *s);
depeche_status depeche_out_printf(depeche_out *o, const char *fmt, ...)
    __attribute__((format(printf, 2, 3)));
/* XML character data or attribute value: & < > " ' escaped; characters XML
 * 1.0 forbids (C0 controls but tab/LF/CR, U+FFFE, U+FFFF, lone surrogates)
 * are replaced with U+FFFD. */
depeche_status depeche_out_xml(depeche_out *o, const char *s, size_t n);
/* A JSON string literal, quotes included (RFC 8259 escapes).  The same
 * characters as for XML are replaced with U+FFFD first, so that a segment
 * reads the same in every format. */
depeche_status depeche_out_json(depeche_out *o, const char *s, size_t n);
/* A JSON array of those strings: a finding's suggestions. */
depeche_status depeche_out_json_strings(depeche_out *o, const char *const *v,
                                        size_t n);
/* A JSON string literal that keeps every valid character (controls as
 * \u00XX escapes); only invalid UTF-8 becomes U+FFFD.  For reports that
 * give the input back (clean --explain). */
depeche_status depeche_out_json_exact(depeche_out *o, const char *s, size_t n);
/* How depeche_out_line treats tab, CR, LF, NEL, U+2028 and U+2029. */
typedef enum depeche_line_mode {
    DEPECHE_LINE_SPACE, /* each becomes a space (moses, text) */
    DEPECHE_LINE_TSV    /* \t \n \r and \\ escapes; NEL/LS/PS a space */
} depeche_line_mode;
/* How depeche_out_side escapes the text of a side. */
typedef enum depeche_side_mode {
    DEPECHE_SIDE_XML,
    DEPECHE_SIDE_JSON, /* one string literal, quotes included */
    DEPECHE_SIDE_LINE, /* depeche_out_line, DEPECHE_LINE_SPACE */
    DEPECHE_SIDE_TSV   /* depeche_out_line, DEPECHE_LINE_TSV */
} depeche_side_mode;
/* The text of one side of a unit: its segments that are not blank,
 * escaped as mode says, joined by one space. */
depeche_status depeche_out_side(depeche_out *o, const depeche_unit_segment *v,
                                size_t n, depeche_side_mode mode);
/* An element with text: the start tag printf-formatted from open_fmt,
 * text (NUL-terminated) escaped for XML, then close. */
depeche_status depeche_out_element(depeche_out *o, const char *text,
                                   const char *close, const char *open_fmt, ...)
    __attribute__((format(printf, 4, 5)));
/* The same with the text of a side (depeche_out_side, XML). */
depeche_status depeche_out_side_element(depeche_out *o, const char *open,
                                        const depeche_unit_segment *v, size_t n,
                                        const char *close);
/* The segment indices of a side, separated by sep ("3,4"). */
depeche_status depeche_out_indices(depeche_out *o,
                                   const depeche_unit_segment *v, size_t n,
                                   const char *sep);
/* One field of a line-based format: never a line break or a tab inside;
 * otherwise the XML character rules. */
depeche_status depeche_out_line(depeche_out *o, const char *s, size_t n,
                                depeche_line_mode mode);
/* True when s[0..n) holds nothing but white space (Unicode White_Space,
 * after the U+FFFD replacements): such a segment is never written. */
int depeche_out_is_blank(const char *s, size_t n);
depeche_status depeche_out_flush(depeche_out *o);

/* ---- helpers the formats share (writer.c) ---- */

/* A document metadata field that is present, named as the formats name it
 * (x-source, x-dateline-place, ...). */
typedef struct depeche_meta_field {
    const char *name;
    const char *value;
} depeche_meta_field;

/* The present, non-empty fields of m, in a fixed order; returns how many. */
size_t depeche_export_meta(const depeche_meta *m, depeche_meta_field out[6]);
/* A finding as one line of XML text: "kind: word (line:col) -> a, b". */
depeche_status depeche_export_finding_note(depeche_out *o,
                                           const depeche_finding *f);
/* True when u starts a paragraph of the open document: its first unit,
 * or one whose paragraph differs from the last unit's. */
int depeche_export_new_paragraph(const depeche_writer *w,
                                 const depeche_unit *u);
/* True when w writes f as a note: a misspelling or accent advice under
 * DEPECHE_WRITE_NOTES, a name or foreign run under
 * DEPECHE_WRITE_NAME_NOTES. */
int depeche_export_note_wanted(const depeche_writer *w,
                               const depeche_finding *f);
/* A 64-bit hash of a NUL-terminated string that never changes between
 * versions or platforms: the basis of stable unit ids. */
uint64_t depeche_export_hash(const char *s);
