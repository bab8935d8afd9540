/* tmx.c -- TMX 1.4b (GALA/LISA): a <tu> a unit, with a second <tuv>
 * when the unit has a target.
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
    return depeche_out_element(o, value, "</prop>\n",
                               "      <prop type=\"x-%s\">", type);
}

static depeche_status
notes(const depeche_writer *w, depeche_out *o, const depeche_unit *u)
{
    depeche_status st = DEPECHE_OK;
    for (size_t f = 0; !st && f < u->finding_count; f++) {
        if (!depeche_export_note_wanted(w, &u->findings[f]))
            continue;
        st = depeche_out_puts(o, "      <note>");
        if (!st)
            st = depeche_export_finding_note(o, &u->findings[f]);
        if (!st)
            st = depeche_out_puts(o, "</note>\n");
    }
    return st;
}

/* A <prop> whose value is the indices of a side ("3" or "3,4"). */
static depeche_status
indices_prop(depeche_out *o, const char *type, const depeche_unit_segment *v,
             size_t n)
{
    depeche_status st =
        depeche_out_printf(o, "      <prop type=\"x-%s\">", type);
    if (!st)
        st = depeche_out_indices(o, v, n, ",");
    if (!st)
        st = depeche_out_puts(o, "</prop>\n");
    return st;
}

static depeche_status
tuv(depeche_out *o, const char *lang, const depeche_unit_segment *v, size_t n)
{
    depeche_status st =
        depeche_out_printf(o, "      <tuv xml:lang=\"%s\">", lang);
    return st ? st
              : depeche_out_side_element(o, "<seg>", v, n, "</seg></tuv>\n");
}

static depeche_status
tmx_unit(depeche_writer *w, const depeche_unit *u)
{
    depeche_out *o = &w->out;
    const char *id = w->doc_id;
    int target = depeche_export_has_target(u);
    depeche_meta_field meta[6];
    size_t nmeta = depeche_export_meta(&w->doc_meta, meta);
    /* tuid: no white space allowed, and the same document id and index
     * give the same id in every run. */
    depeche_status st = depeche_out_printf(
        o, "    <tu tuid=\"%016llx-%zu\">\n",
        (unsigned long long)depeche_export_hash(id), u->source[0].index);
    if (!st)
        st = prop(o, "doc", id);
    if (!st)
        st = indices_prop(o, "seg", u->source, u->source_count);
    if (!st && target)
        st = indices_prop(o, "target-seg", u->target, u->target_count);
    if (!st)
        st = prop(o, "kind", depeche_kind_name(u->kind));
    for (size_t m = 0; !st && m < nmeta; m++)
        st = prop(o, meta[m].name, meta[m].value);
    for (size_t p = 0; !st && p < u->prop_count; p++)
        st = prop(o, u->props[p].name, u->props[p].value);
    if (!st)
        st = notes(w, o, u);
    if (!st)
        st = tuv(o, w->source_lang, u->source, u->source_count);
    /* Never an empty target: readers take it for an empty translation. */
    if (!st && target)
        st = tuv(o, w->target_lang, u->target, u->target_count);
    if (!st)
        st = depeche_out_puts(o, "    </tu>\n");
    return st;
}

static depeche_status
tmx_end(depeche_writer *w)
{
    return depeche_out_puts(&w->out, "  </body>\n</tmx>\n");
}

const depeche_format_ops depeche_tmx_ops = {
    .begin = tmx_begin, .unit = tmx_unit, .end = tmx_end};
