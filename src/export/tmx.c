/* tmx.c -- TMX 1.4b (GALA/LISA), source-only translation units.
 *
 * No DOCTYPE: readers would try to fetch tmx14.dtd, and the schema check
 * names the DTD itself. */
#include "export.h"

#include <stdio.h>
#include <string.h>
#include <time.h>

static depeche_status
tmx_begin(depeche_writer *w)
{
    depeche_out *o = &w->out;
    time_t t = w->opts.creation_time == -1 ? time(NULL)
                                           : (time_t)w->opts.creation_time;
    struct tm tm;
    char date[32] = "";
    /* creationdate is optional: leave it out rather than write a wrong
     * one if the clock cannot be read. */
    if (t != (time_t)-1 && gmtime_r(&t, &tm))
        strftime(date, sizeof date, "%Y%m%dT%H%M%SZ", &tm);
    depeche_status st = depeche_out_printf(
        o,
        "<?xml version=\"1.0\" encoding=\"UTF-8\"?>\n"
        "<tmx version=\"1.4\">\n"
        "  <header creationtool=\"depeche\" creationtoolversion=\"%s\""
        " segtype=\"sentence\" o-tmf=\"depeche\" adminlang=\"en-US\""
        " srclang=\"%s\" datatype=\"plaintext\"",
        DEPECHE_VERSION_STRING, w->source_lang);
    if (!st && date[0])
        st = depeche_out_printf(o, " creationdate=\"%s\"", date);
    if (!st)
        st = depeche_out_puts(o, "/>\n  <body>\n");
    return st;
}

static depeche_status
prop(depeche_out *o, const char *type, const char *value)
{
    depeche_status st =
        depeche_out_printf(o, "      <prop type=\"x-%s\">", type);
    if (!st)
        st = depeche_out_xml(o, value, strlen(value));
    if (!st)
        st = depeche_out_puts(o, "</prop>\n");
    return st;
}

static depeche_status
tmx_doc(depeche_writer *w, const depeche_doc *d)
{
    depeche_out *o = &w->out;
    const char *id = depeche_doc_id(d);
    uint64_t h = depeche_export_hash(id);
    depeche_meta_field meta[6];
    size_t nmeta = depeche_export_meta(depeche_doc_meta(d), meta);
    depeche_status st = DEPECHE_OK;
    size_t n = depeche_doc_segment_count(d);
    for (size_t i = 0; !st && i < n; i++) {
        const depeche_segment *s = depeche_export_segment(d, i);
        /* TMX readers take an empty <seg/> for an empty translation. */
        if (!s)
            continue;
        size_t nf = s->finding_count;
        char num[24];
        snprintf(num, sizeof num, "%zu", i);
        /* tuid: no white space allowed, and the same document id and
         * index give the same id in every run. */
        st = depeche_out_printf(o, "    <tu tuid=\"%016llx-%zu\">\n",
                                (unsigned long long)h, i);
        if (!st)
            st = prop(o, "doc", id);
        if (!st)
            st = prop(o, "seg", num);
        if (!st)
            st = prop(o, "kind", depeche_kind_name(s->kind));
        for (size_t m = 0; !st && m < nmeta; m++)
            st = prop(o, meta[m].name, meta[m].value);
        if (w->opts.flags & DEPECHE_WRITE_NOTES) {
            for (size_t f = 0; !st && f < nf; f++) {
                const depeche_finding *fi =
                    depeche_doc_finding(d, s->first_finding + f);
                st = depeche_out_puts(o, "      <note>");
                if (!st)
                    st = depeche_export_finding_note(o, fi);
                if (!st)
                    st = depeche_out_puts(o, "</note>\n");
            }
        }
        if (!st)
            st = depeche_out_printf(o, "      <tuv xml:lang=\"%s\"><seg>",
                                    w->source_lang);
        if (!st)
            st = depeche_out_xml(o, s->text, s->len);
        if (!st)
            st = depeche_out_puts(o, "</seg></tuv>\n    </tu>\n");
    }
    return st;
}

static depeche_status
tmx_end(depeche_writer *w)
{
    return depeche_out_puts(&w->out, "  </body>\n</tmx>\n");
}

const depeche_format_ops depeche_tmx_ops = {tmx_begin, tmx_doc, tmx_end};
