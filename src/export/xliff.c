/* xliff.c -- XLIFF 1.2 (strict schema) and XLIFF 2.1 (core).
 *
 * One <file> a document, a <group id="pN"> a paragraph (the N-th of the
 * document, from 0), so that a translated file can be rebuilt with its
 * paragraph breaks, and inside it one unit a depeche_unit.  XLIFF 2 could
 * make a paragraph one <unit> of several <segment>s, but its notes and
 * type belong to the unit: a sentence's findings, kind and properties
 * would lose their sentence.  Unit ids are the index
 * of the unit's first source segment in its document ("s12"), unique per
 * <file> and the same in every run; blank segments are skipped, so ids may
 * have gaps.  A unit's target fills <target>; without one,
 * DEPECHE_WRITE_COPY_SOURCE copies the source there. */
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
        st = depeche_out_element(
            o, mf[m].value, "</note>\n",
            "      <note from=\"depeche\">%s: ", mf[m].name);
    }
    if (!st)
        st = depeche_out_puts(o, "    </header>\n    <body>\n");
    return st;
}

static depeche_status
x12_doc_open(depeche_writer *w)
{
    return x12_file_open(w, w->doc_id, &w->doc_meta);
}

/* The <target> of a trans-unit: the unit's own, or with
 * DEPECHE_WRITE_COPY_SOURCE a copy of the source; none otherwise. */
static depeche_status
x12_target(depeche_writer *w, const depeche_unit *u)
{
    depeche_out *o = &w->out;
    const depeche_unit_segment *v = u->target;
    size_t n = u->target_count;
    const char *state = u->target_state == DEPECHE_TARGET_NEEDS_REVIEW
                            ? "needs-review-translation"
                            : "translated";
    if (!depeche_export_has_target(u)) {
        if (!(w->opts.flags & DEPECHE_WRITE_COPY_SOURCE))
            return DEPECHE_OK;
        /* OmegaT 3's XLIFF filter reads only <target>: the copy is the
         * text it offers for translation. */
        v = u->source;
        n = u->source_count;
        state = "needs-translation";
    }
    depeche_status st =
        depeche_out_printf(o, "          <target state=\"%s\">", state);
    return st ? st : depeche_out_side_element(o, "", v, n, "</target>\n");
}

/* Closes the paragraph group before u and opens u's, when u starts one.
 * Both versions spell a group the same; indent is its depth (in <body>
 * for 1.2, in <file> for 2.1). */
static depeche_status
paragraph_group(depeche_writer *w, const depeche_unit *u, const char *indent)
{
    if (!depeche_export_new_paragraph(w, u))
        return DEPECHE_OK;
    depeche_status st = DEPECHE_OK;
    if (w->doc_units)
        st = depeche_out_printf(&w->out, "%s</group>\n", indent);
    if (!st)
        st = depeche_out_printf(&w->out, "%s<group id=\"p%zu\">\n", indent,
                                w->doc_groups++);
    return st;
}

static depeche_status
paragraph_group_close(depeche_writer *w, const char *indent)
{
    return w->doc_units ? depeche_out_printf(&w->out, "%s</group>\n", indent)
                        : DEPECHE_OK;
}

static depeche_status
x12_unit(depeche_writer *w, const depeche_unit *u)
{
    depeche_out *o = &w->out;
    depeche_status st = paragraph_group(w, u, "      ");
    if (!st)
        st = depeche_out_printf(o,
                                "        <trans-unit id=\"s%zu\""
                                " xml:space=\"preserve\">\n",
                                u->source[0].index);
    if (!st)
        st = depeche_out_side_element(o, "          <source>", u->source,
                                      u->source_count, "</source>\n");
    if (!st)
        st = x12_target(w, u);
    if (!st)
        st = depeche_out_printf(
            o,
            "          <context-group purpose=\"information\">"
            "<context context-type=\"x-kind\">%s</context>",
            depeche_kind_name(u->kind));
    for (size_t p = 0; !st && p < u->prop_count; p++) {
        st = depeche_out_element(o, u->props[p].value, "</context>",
                                 "<context context-type=\"x-%s\">",
                                 u->props[p].name);
    }
    if (!st)
        st = depeche_out_puts(o, "</context-group>\n");
    /* from="developer": translate-toolkit keeps only notes from a
     * "developer" (xliff2po's "#." comments) or a "translator". */
    for (size_t f = 0; !st && f < u->finding_count; f++) {
        if (!depeche_export_note_wanted(w, &u->findings[f]))
            continue;
        st = depeche_out_puts(o, "          <note from=\"developer\">");
        if (!st)
            st = depeche_export_finding_note(o, &u->findings[f]);
        if (!st)
            st = depeche_out_puts(o, "</note>\n");
    }
    if (!st)
        st = depeche_out_puts(o, "        </trans-unit>\n");
    return st;
}

static depeche_status
x12_doc_close(depeche_writer *w)
{
    depeche_status st = paragraph_group_close(w, "      ");
    return st ? st : depeche_out_puts(&w->out, "    </body>\n  </file>\n");
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

const depeche_format_ops depeche_xliff12_ops = {.begin = x12_begin,
                                                .doc_open = x12_doc_open,
                                                .unit = x12_unit,
                                                .doc_close = x12_doc_close,
                                                .end = x12_end};

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
x2_doc_open(depeche_writer *w)
{
    depeche_out *o = &w->out;
    /* file ids are NMTOKENs and must be unique in the file; a document id
     * (a path, say) is neither, so it goes to original. */
    depeche_status st = depeche_out_printf(o, "  <file id=\"f%zu\" original=\"",
                                           w->docs_written + 1);
    if (!st)
        st = xml_str(o, w->doc_id);
    if (!st)
        st = depeche_out_puts(o, "\">\n");
    depeche_meta_field mf[6];
    size_t nmeta = depeche_export_meta(&w->doc_meta, mf);
    if (!st && nmeta)
        st = depeche_out_puts(o, "    <notes>\n");
    for (size_t m = 0; !st && m < nmeta; m++) {
        st = depeche_out_element(o, mf[m].value, "</note>\n",
                                 "      <note category=\"%s\">", mf[m].name);
    }
    if (!st && nmeta)
        st = depeche_out_puts(o, "    </notes>\n");
    return st;
}

/* A unit's <notes>: its properties, then the findings the writer's flags
 * ask for; nothing when there are neither. */
static depeche_status
x2_unit_notes(depeche_writer *w, const depeche_unit *u)
{
    depeche_out *o = &w->out;
    size_t nf = 0;
    for (size_t f = 0; f < u->finding_count; f++)
        nf += depeche_export_note_wanted(w, &u->findings[f]);
    if (nf == 0 && u->prop_count == 0)
        return DEPECHE_OK;
    depeche_status st = depeche_out_puts(o, "        <notes>\n");
    for (size_t p = 0; !st && p < u->prop_count; p++) {
        st = depeche_out_element(o, u->props[p].value, "</note>\n",
                                 "          <note category=\"depeche:%s\">",
                                 u->props[p].name);
    }
    for (size_t f = 0; !st && f < u->finding_count; f++) {
        const depeche_finding *fi = &u->findings[f];
        if (!depeche_export_note_wanted(w, fi))
            continue;
        st = x2_note(o, "          ", depeche_finding_kind_name(fi->kind));
        if (!st)
            st = depeche_export_finding_note(o, fi);
        if (!st)
            st = depeche_out_puts(o, "</note>\n");
    }
    if (!st)
        st = depeche_out_puts(o, "        </notes>\n");
    return st;
}

/* The <segment> start tag: a unit's own target is translated (needing a
 * review when the unit says so); a copied source is initial. */
static const char *
x2_segment_tag(const depeche_writer *w, const depeche_unit *u)
{
    if (depeche_export_has_target(u))
        return u->target_state == DEPECHE_TARGET_NEEDS_REVIEW
                   ? "        <segment state=\"translated\""
                     " subState=\"depeche:needs-review\">\n"
                   : "        <segment state=\"translated\">\n";
    if (w->opts.flags & DEPECHE_WRITE_COPY_SOURCE)
        return "        <segment state=\"initial\">\n";
    return "        <segment>\n";
}

static depeche_status
x2_unit(depeche_writer *w, const depeche_unit *u)
{
    depeche_out *o = &w->out;
    int own = depeche_export_has_target(u);
    int copy = !own && (w->opts.flags & DEPECHE_WRITE_COPY_SOURCE);
    depeche_status st = paragraph_group(w, u, "    ");
    if (!st)
        st = depeche_out_printf(
            o, "      <unit id=\"s%zu\" type=\"depeche:%s\">\n",
            u->source[0].index, depeche_kind_name(u->kind));
    if (!st)
        st = x2_unit_notes(w, u);
    if (!st)
        st = depeche_out_puts(o, x2_segment_tag(w, u));
    if (!st)
        st = depeche_out_side_element(
            o, "          <source xml:space=\"preserve\">", u->source,
            u->source_count, "</source>\n");
    if (!st && (own || copy))
        st = depeche_out_side_element(
            o, "          <target xml:space=\"preserve\">",
            own ? u->target : u->source,
            own ? u->target_count : u->source_count, "</target>\n");
    if (!st)
        st = depeche_out_puts(o, "        </segment>\n      </unit>\n");
    return st;
}

static depeche_status
x2_doc_close(depeche_writer *w)
{
    /* A <file> needs a unit or a group: an empty document keeps its
     * <file>, with an empty group. */
    depeche_status st = paragraph_group_close(w, "    ");
    if (!st && w->doc_units == 0)
        st = depeche_out_puts(&w->out, "    <group id=\"empty\"/>\n");
    if (!st)
        st = depeche_out_puts(&w->out, "  </file>\n");
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

const depeche_format_ops depeche_xliff2_ops = {.begin = x2_begin,
                                               .doc_open = x2_doc_open,
                                               .unit = x2_unit,
                                               .doc_close = x2_doc_close,
                                               .end = x2_end};
