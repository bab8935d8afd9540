/* html_tags.c -- the element table of the HTML reader (from the HTML
 * Living Standard's content categories, reduced to what cutting text into
 * blocks needs). */
#include "html_tags.h"

#include <string.h>

#include "html.h"

#define B TAG_BLOCK
#define BP (TAG_BLOCK | TAG_CLOSES_P)

/* Sorted by name: looked up by binary search. */
static const html_tag_info tags[] = {
    {"a", 0, HTML_IN_LINK},
    {"address", BP, 0},
    {"area", TAG_VOID, 0},
    {"article", BP, HTML_IN_ARTICLE},
    {"aside", BP, HTML_IN_ASIDE},
    {"base", TAG_VOID, 0},
    {"blockquote", BP, HTML_IN_QUOTE},
    {"body", B, 0},
    {"br", TAG_VOID, 0},
    {"button", B, HTML_IN_FORM},
    {"canvas", 0, HTML_IN_CODE},
    {"caption", B, HTML_IN_CAPTION},
    {"center", BP, 0},
    {"col", TAG_VOID, 0},
    {"dd", BP, HTML_IN_LIST},
    {"details", BP, 0},
    {"dialog", BP, HTML_IN_DIALOG},
    {"dir", BP, 0},
    {"div", BP, 0},
    {"dl", BP, 0},
    {"dt", BP, HTML_IN_LIST},
    {"embed", TAG_VOID, 0},
    {"fieldset", BP, HTML_IN_FORM},
    {"figcaption", BP, HTML_IN_CAPTION},
    {"figure", BP, 0},
    {"footer", BP, HTML_IN_FOOTER},
    {"form", BP, HTML_IN_FORM},
    {"frameset", B, 0},
    {"h1", BP, HTML_IN_HEADING | HTML_IN_H1},
    {"h2", BP, HTML_IN_HEADING},
    {"h3", BP, HTML_IN_HEADING},
    {"h4", BP, HTML_IN_HEADING},
    {"h5", BP, HTML_IN_HEADING},
    {"h6", BP, HTML_IN_HEADING},
    {"head", B, HTML_IN_HEAD},
    {"header", BP, HTML_IN_HEADER},
    {"hgroup", BP, 0},
    {"hr", TAG_VOID | BP, 0},
    {"html", B, 0},
    {"iframe", TAG_RAW, HTML_IN_CODE},
    {"img", TAG_VOID, 0},
    {"input", TAG_VOID, HTML_IN_FORM},
    {"keygen", TAG_VOID, 0},
    {"label", 0, HTML_IN_FORM},
    {"legend", B, HTML_IN_FORM},
    {"li", BP, HTML_IN_LIST},
    {"link", TAG_VOID, 0},
    {"main", BP, HTML_IN_MAIN},
    {"math", 0, HTML_IN_CODE},
    {"menu", BP, HTML_IN_NAV},
    {"meta", TAG_VOID, 0},
    {"nav", BP, HTML_IN_NAV},
    {"noembed", TAG_RAW, 0},
    {"noframes", TAG_RAW, 0},
    {"noscript", TAG_RAW, 0},
    {"object", 0, HTML_IN_CODE},
    {"ol", BP, 0},
    {"optgroup", B, HTML_IN_FORM},
    {"option", B, HTML_IN_FORM},
    {"p", BP, 0},
    {"param", TAG_VOID, 0},
    {"plaintext", TAG_RAW, 0},
    {"pre", BP, HTML_IN_PRE},
    {"script", TAG_RAW, 0},
    {"section", BP, 0},
    {"select", B, HTML_IN_FORM},
    {"source", TAG_VOID, 0},
    {"style", TAG_RAW, 0},
    {"summary", BP, 0},
    {"svg", 0, HTML_IN_CODE},
    {"table", BP, 0},
    {"tbody", B, 0},
    {"td", B, HTML_IN_TABLE},
    {"template", TAG_RAW, 0},
    {"textarea", TAG_RCDATA, HTML_IN_FORM},
    {"tfoot", B, 0},
    {"th", B, HTML_IN_TABLE},
    {"thead", B, 0},
    {"time", 0, HTML_IN_TIME},
    {"title", TAG_RCDATA, 0},
    {"tr", B, 0},
    {"track", TAG_VOID, 0},
    {"ul", BP, 0},
    {"video", B, 0},
    {"wbr", TAG_VOID, 0},
    {"xmp", TAG_RAW, 0},
};

const html_tag_info *
depeche_html_tag(const char *name, size_t n)
{
    size_t lo = 0, hi = sizeof tags / sizeof *tags;
    while (lo < hi) {
        size_t mid = lo + (hi - lo) / 2;
        const char *t = tags[mid].name;
        size_t tn = strlen(t);
        int c = strncmp(name, t, n < tn ? n : tn);
        if (c == 0)
            c = n < tn ? -1 : n > tn;
        if (c == 0)
            return &tags[mid];
        if (c < 0)
            hi = mid;
        else
            lo = mid + 1;
    }
    return NULL;
}

uint32_t
depeche_html_name_hash(const char *name, size_t n)
{
    uint32_t h = 2166136261u;
    for (size_t i = 0; i < n; i++) {
        unsigned char c = (unsigned char)name[i];
        if (c >= 'A' && c <= 'Z')
            c = (unsigned char)(c + 32);
        h = (h ^ c) * 16777619u;
    }
    return h;
}
