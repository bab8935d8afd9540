/* status.c -- version, status texts, enum names and option defaults. */
#include <stdio.h>
#include <string.h>

#include "context.h"

const char *
depeche_version_string(void)
{
    return DEPECHE_VERSION_STRING;
}

const char *
depeche_strerror(depeche_status s)
{
    switch (s) {
    case DEPECHE_OK:
        return "success";
    case DEPECHE_ERR_NOMEM:
        return "out of memory";
    case DEPECHE_ERR_INVALID_ARG:
        return "invalid argument";
    case DEPECHE_ERR_BAD_INPUT:
        return "bad input";
    case DEPECHE_ERR_IO:
        return "input/output error";
    case DEPECHE_ERR_DICT:
        return "dictionary error";
    case DEPECHE_ERR_STATE:
        return "call not allowed in this state";
    case DEPECHE_ERR_LIMIT:
        return "size limit reached";
    case DEPECHE_ERR_ABORTED:
        return "stopped by a callback";
    }
    return "unknown status";
}

const char *
depeche_kind_name(depeche_kind k)
{
    static const char *const names[] = {
        "body", "title",  "dateline",    "blank",
        "site", "byline", "boilerplate", "junk",
    };
    return (unsigned)k < sizeof names / sizeof *names ? names[k] : "body";
}

const char *
depeche_reason_name(depeche_reason r)
{
    static const char *const names[] = {
        NULL,        "blank",   "site",    "byline", "boilerplate",
        "duplicate", "junk",    "markup",  "hidden", "navigation",
        "form",      "outside", "caption", "code",
    };
    return (unsigned)r < sizeof names / sizeof *names ? names[r] : NULL;
}

const char *
depeche_finding_kind_name(depeche_finding_kind k)
{
    static const char *const names[] = {"misspelling", "name", "accent",
                                        "foreign"};
    return (unsigned)k < sizeof names / sizeof *names ? names[k]
                                                      : "misspelling";
}

void
depeche_options_init(depeche_options *o)
{
    memset(o, 0, sizeof *o);
    o->size = sizeof *o;
    o->profile = DEPECHE_PROFILE_MINIMAL;
    o->lang = "fr-FR";
}

depeche_status
depeche_profile_parse(const char *name, depeche_profile *out)
{
    static const char *const names[] = {"minimal", "typo", "mt"};
    for (int i = 0; i < 3; i++)
        if (name && strcmp(name, names[i]) == 0) {
            *out = (depeche_profile)i;
            return DEPECHE_OK;
        }
    return DEPECHE_ERR_INVALID_ARG;
}

depeche_status
depeche_format_parse(const char *name, depeche_format *out)
{
    static const char *const names[] = {"tmx", "xliff", "xliff2", "moses",
                                        "tsv", "jsonl", "text"};
    for (int i = 0; i < 7; i++)
        if (name && strcmp(name, names[i]) == 0) {
            *out = (depeche_format)i;
            return DEPECHE_OK;
        }
    return DEPECHE_ERR_INVALID_ARG;
}

int
depeche_block_is_text(const depeche_block *b)
{
    return b->reason == DEPECHE_REASON_NONE &&
           (b->kind == DEPECHE_KIND_BODY || b->kind == DEPECHE_KIND_TITLE ||
            b->kind == DEPECHE_KIND_DATELINE);
}

depeche_status
depeche_suggest_parse(const char *name, depeche_suggest *out)
{
    static const char *const names[] = {"fast", "full", "none"};
    for (int i = 0; i < 3; i++)
        if (name && strcmp(name, names[i]) == 0) {
            *out = (depeche_suggest)i;
            return DEPECHE_OK;
        }
    return DEPECHE_ERR_INVALID_ARG;
}

const char *
depeche_source_name(depeche_source s)
{
    static const char *const names[] = {
        "", "input", "lang", "abbreviation list", "personal list", "dictionary",
    };
    return (unsigned)s < sizeof names / sizeof *names ? names[s] : "";
}

void
depeche_error_at(depeche_error *err, depeche_source source, const char *file)
{
    if (!err)
        return;
    err->source = source;
    snprintf(err->file, sizeof err->file, "%s", file ? file : "");
}
