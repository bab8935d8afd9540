/* xliff.c -- XLIFF 1.2 (strict schema) and XLIFF 2.1 (core).
 *
 * One <file> a document, one unit a segment.  Unit ids are the segment's
 * index in its document ("s12"), unique per <file> and the same in every
 * run; blank segments are skipped, so ids may have gaps. */
#include "export.h"

#include <string.h>

static depeche_status
xml_str(depeche_out *o, const char *s)
{
    return depeche_out_xml(o, s, strlen(s));
}

/* ---- XLIFF 1.2 ---------------------------------------------------------- */

static depeche_status
x12_begin(depeche_writer *w)
{
    return depeche_out_puts(
        &w->out, "<?xml version=\"1.0\" encoding=\"UTF-8\"?>\n"
                 "<xliff version=\"1.2\""
                 " xmlns=\"urn:oasis:names:tc:xliff:document:1.2\">\n");
}

static depeche_status
x12_file_open(depeche_writer *w, const char *id, const depeche_meta *meta)
{
    depeche_out *o = &w->out;
    depeche_status st = depeche_out_puts(o, "  <file original=\"");
    if (!st)
        st = xml_str(o, id);
    if (!st)
        st = depeche_out_printf(o, "\" source-language=\"%s\"", w->source_lang);
    if (!st && w->target_lang)
        st = depeche_out_printf(o, " target-language=\"%s\"", w->target_lang);
    if (!st)
        st = depeche_out_printf(
            o,
            " datatype=\"plaintext\" tool-id=\"depeche\">\n"
            "    <header>\n"
            "      <tool tool-id=\"depeche\" tool-name=\"depeche\""
            " tool-version=\"%s\"/>\n",
            DEPECHE_VERSION_STRING);
    depeche_meta_field mf[6];
    size_t nmeta = meta ? depeche_export_meta(meta, mf) : 0;
    for (size_t m = 0; !st && m < nmeta; m++) {
        st = depeche_out_printf(
            o, "      <note from=\"depeche\">%s: ", mf[m].name);
        if (!st)
            st = xml_str(o, mf[m].value);
        if (!st)
            st = depeche_out_puts(o, "</note>\n");
    }
    if (!st)
        st = depeche_out_puts(o, "    </header>\n    <body>\n");
    return st;
}

static depeche_status
x12_doc(depeche_writer *w, const depeche_doc *d)
{
    depeche_out *o = &w->out;
    int copy = (w->opts.flags & DEPECHE_WRITE_COPY_SOURCE) != 0;
    int notes = (w->opts.flags & DEPECHE_WRITE_NOTES) != 0;
    depeche_status st =
        x12_file_open(w, depeche_doc_id(d), depeche_doc_meta(d));
    size_t n = depeche_doc_segment_count(d);
    for (size_t i = 0; !st && i < n; i++) {
        const depeche_segment *s = depeche_export_segment(d, i);
        if (!s)
            continue;
        size_t nf = s->finding_count;
        st = depeche_out_printf(o,
                                "      <trans-unit id=\"s%zu\""
                                " xml:space=\"preserve\">\n"
                                "        <source>",
                                i);
        if (!st)
            st = depeche_out_xml(o, s->text, s->len);
        if (!st)
            st = depeche_out_puts(o, "</source>\n");
        /* OmegaT 3's XLIFF filter reads only <target>: the copy is the
         * text it offers for translation. */
        if (!st && copy) {
            st = depeche_out_puts(
                o, "        <target state=\"needs-translation\">");
            if (!st)
                st = depeche_out_xml(o, s->text, s->len);
            if (!st)
                st = depeche_out_puts(o, "</target>\n");
        }
        if (!st)
            st = depeche_out_printf(
                o,
                "        <context-group purpose=\"information\">"
                "<context context-type=\"x-kind\">%s</context>"
                "</context-group>\n",
                depeche_kind_name(s->kind));
        for (size_t f = 0; !st && notes && f < nf; f++) {
            const depeche_finding *fi =
                depeche_doc_finding(d, s->first_finding + f);
            st = depeche_out_puts(o, "        <note from=\"depeche\">");
            if (!st)
                st = depeche_export_finding_note(o, fi);
            if (!st)
                st = depeche_out_puts(o, "</note>\n");
        }
        if (!st)
            st = depeche_out_puts(o, "      </trans-unit>\n");
    }
    if (!st)
        st = depeche_out_puts(o, "    </body>\n  </file>\n");
    return st;
}

static depeche_status
x12_end(depeche_writer *w)
{
    depeche_status st = DEPECHE_OK;
    /* <xliff> needs one <file>: an export of no documents has an empty
     * one rather than being invalid. */
    if (w->docs_written == 0) {
        st = x12_file_open(w, "-", NULL);
        if (!st)
            st = depeche_out_puts(&w->out, "    </body>\n  </file>\n");
    }
    if (!st)
        st = depeche_out_puts(&w->out, "</xliff>\n");
    return st;
}

const depeche_format_ops depeche_xliff12_ops = {x12_begin, x12_doc, x12_end};

/* ---- XLIFF 2.1 ---------------------------------------------------------- */

static depeche_status
x2_begin(depeche_writer *w)
{
    depeche_out *o = &w->out;
    /* 2.1 keeps the 2.0 core namespace; only version says 2.1. */
    depeche_status st = depeche_out_printf(
        o,
        "<?xml version=\"1.0\" encoding=\"UTF-8\"?>\n"
        "<xliff xmlns=\"urn:oasis:names:tc:xliff:document:2.0\""
        " version=\"2.1\" srcLang=\"%s\"",
        w->source_lang);
    if (!st && w->target_lang)
        st = depeche_out_printf(o, " trgLang=\"%s\"", w->target_lang);
    if (!st)
        st = depeche_out_puts(o, ">\n");
    return st;
}

static depeche_status
x2_note(depeche_out *o, const char *indent, const char *category)
{
    return depeche_out_printf(o, "%s<note category=\"%s\">", indent, category);
}

static depeche_status
x2_doc(depeche_writer *w, const depeche_doc *d)
{
    depeche_out *o = &w->out;
    int copy = (w->opts.flags & DEPECHE_WRITE_COPY_SOURCE) != 0;
    int notes = (w->opts.flags & DEPECHE_WRITE_NOTES) != 0;
    /* file ids are NMTOKENs and must be unique in the file; a document id
     * (a path, say) is neither, so it goes to original. */
    depeche_status st = depeche_out_printf(o, "  <file id=\"f%zu\" original=\"",
                                           w->docs_written + 1);
    if (!st)
        st = xml_str(o, depeche_doc_id(d));
    if (!st)
        st = depeche_out_puts(o, "\">\n");
    depeche_meta_field mf[6];
    size_t nmeta = depeche_export_meta(depeche_doc_meta(d), mf);
    if (!st && nmeta)
        st = depeche_out_puts(o, "    <notes>\n");
    for (size_t m = 0; !st && m < nmeta; m++) {
        st = x2_note(o, "      ", mf[m].name);
        if (!st)
            st = xml_str(o, mf[m].value);
        if (!st)
            st = depeche_out_puts(o, "</note>\n");
    }
    if (!st && nmeta)
        st = depeche_out_puts(o, "    </notes>\n");
    size_t n = depeche_doc_segment_count(d), units = 0;
    for (size_t i = 0; !st && i < n; i++) {
        const depeche_segment *s = depeche_export_segment(d, i);
        if (!s)
            continue;
        size_t nf = s->finding_count;
        st = depeche_out_printf(o,
                                "    <unit id=\"s%zu\" type=\"depeche:%s\">\n",
                                i, depeche_kind_name(s->kind));
        if (!st && notes && nf)
            st = depeche_out_puts(o, "      <notes>\n");
        for (size_t f = 0; !st && notes && f < nf; f++) {
            const depeche_finding *fi =
                depeche_doc_finding(d, s->first_finding + f);
            st = x2_note(o, "        ", depeche_finding_kind_name(fi->kind));
            if (!st)
                st = depeche_export_finding_note(o, fi);
            if (!st)
                st = depeche_out_puts(o, "</note>\n");
        }
        if (!st && notes && nf)
            st = depeche_out_puts(o, "      </notes>\n");
        if (!st)
            st =
                depeche_out_puts(o, copy ? "      <segment state=\"initial\">\n"
                                         : "      <segment>\n");
        if (!st)
            st = depeche_out_puts(o, "        <source xml:space=\"preserve\">");
        if (!st)
            st = depeche_out_xml(o, s->text, s->len);
        if (!st)
            st = depeche_out_puts(o, "</source>\n");
        if (!st && copy) {
            st = depeche_out_puts(o, "        <target xml:space=\"preserve\">");
            if (!st)
                st = depeche_out_xml(o, s->text, s->len);
            if (!st)
                st = depeche_out_puts(o, "</target>\n");
        }
        if (!st)
            st = depeche_out_puts(o, "      </segment>\n    </unit>\n");
        units++;
    }
    /* A <file> needs a unit or a group: an empty document keeps its
     * <file>, with an empty group. */
    if (!st && units == 0)
        st = depeche_out_puts(o, "    <group id=\"empty\"/>\n");
    if (!st)
        st = depeche_out_puts(o, "  </file>\n");
    return st;
}

static depeche_status
x2_end(depeche_writer *w)
{
    depeche_status st = DEPECHE_OK;
    if (w->docs_written == 0)
        st = depeche_out_puts(&w->out, "  <file id=\"f0\">\n"
                                       "    <group id=\"empty\"/>\n"
                                       "  </file>\n");
    if (!st)
        st = depeche_out_puts(&w->out, "</xliff>\n");
    return st;
}

const depeche_format_ops depeche_xliff2_ops = {x2_begin, x2_doc, x2_end};
