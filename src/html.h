/* html.h -- an HTML page as blocks of text with byte offsets into the
 * original bytes.
 *
 * The reader tokenizes the page itself (tags, comments, raw-text elements,
 * character references) so that every character of text it decodes maps
 * back to the exact bytes it came from; libxml2 supplies the table of named
 * character references.  The element nesting is rebuilt with HTML's usual
 * implied end tags (a <p> closes at the next block, an <li> at the next
 * <li>).  Text is cut into blocks at block-level elements; a block knows its
 * nearest block element, what kinds of element it sits in (nav, footer,
 * hidden, a link...) and how much of it is link text.  extract.c decides
 * which blocks are the article. */
#pragma once

#include <stdint.h>

#include "buf.h"
#include "depeche.h"
#include "html_meta.h"
#include "omap.h"

/* What an element, or a block through its ancestors, sits in. */
enum {
    HTML_IN_NAV = 1u << 0,       /* <nav>, role=navigation, <menu> */
    HTML_IN_HEADER = 1u << 1,    /* <header>, role=banner */
    HTML_IN_FOOTER = 1u << 2,    /* <footer>, role=contentinfo */
    HTML_IN_ASIDE = 1u << 3,     /* <aside>, role=complementary */
    HTML_IN_FORM = 1u << 4,      /* <form>, <button>, <select>, <label> */
    HTML_IN_HIDDEN = 1u << 5,    /* hidden, aria-hidden, display:none */
    HTML_IN_ARTICLE = 1u << 6,   /* <article> */
    HTML_IN_MAIN = 1u << 7,      /* <main>, role=main */
    HTML_IN_LINK = 1u << 8,      /* <a href> */
    HTML_IN_HEADING = 1u << 9,   /* <h1>..<h6> */
    HTML_IN_LIST = 1u << 10,     /* <li>, <dt>, <dd> */
    HTML_IN_CAPTION = 1u << 11,  /* <figcaption>, <caption> */
    HTML_IN_TABLE = 1u << 12,    /* <td>, <th> */
    HTML_IN_BODYPROP = 1u << 13, /* itemprop=articleBody or text */
    HTML_IN_QUOTE = 1u << 14,    /* <blockquote> */
    HTML_IN_PRE = 1u << 15,      /* <pre>: a line a block */
    HTML_IN_H1 = 1u << 16,       /* <h1> */
    HTML_IN_CODE = 1u << 17,     /* <svg>, <math>, <object>: no prose */
    HTML_IN_DIALOG = 1u << 18,   /* <dialog>, role=dialog, alertdialog */
    HTML_IN_TIME = 1u << 19,     /* <time> */
    HTML_IN_HEAD = 1u << 20,     /* inside <head> */
};

typedef struct depeche_html_node {
    uint32_t parent; /* UINT32_MAX for a top element */
    uint32_t flags;  /* own flags | the parent's */
    int32_t hint;    /* class/id/role words: < 0 chrome, > 0 content */
    uint32_t depth;
    uint32_t name_hash; /* of the lowercase tag name */
    int block;          /* a block-level element */
} depeche_html_node;

enum { LOCAL_HINT_DEPTH = 4 };

typedef struct depeche_html_block {
    uint64_t start, end;   /* bytes of the page, first to last character */
    size_t text, text_len; /* decoded text in depeche_html.text */
    uint32_t node;         /* nearest block-level element */
    uint32_t flags;        /* of the elements around its text */
    uint32_t chars;        /* characters (code points) of its text */
    uint32_t link_chars;   /* of them, inside links */
    int32_t hint;          /* sum of the hints on its way to the root */
    int32_t local_hint;    /* of its nearest LOCAL_HINT_DEPTH elements */
} depeche_html_block;

/* A stretch of the page that is no text: <script>, <style>, <template>,
 * <noscript> elements, whole, so that a drop can name them. */
typedef struct depeche_html_span {
    uint64_t start, end;
    const char *what; /* "script", "style", ... */
} depeche_html_span;

typedef enum depeche_html_charset {
    DEPECHE_HTML_UTF8 = 0,
    DEPECHE_HTML_CP1252 = 1,
} depeche_html_charset;

typedef struct depeche_html {
    depeche_html_charset charset;
    char charset_note[96]; /* how it was chosen, for the report */
    int charset_fallback;  /* declared UTF-8 or none, but not UTF-8 */
    depeche_buf text;      /* decoded text of every block, one after another */
    depeche_omap map;      /* text offsets -> page offsets */
    depeche_html_node *nodes;
    size_t node_count, node_cap;
    depeche_html_block *blocks;
    size_t block_count, block_cap;
    depeche_html_span *spans;
    size_t span_count, span_cap;
    depeche_html_meta meta;
} depeche_html;

/* True when the bytes look like an HTML page: after a BOM, spaces and
 * comments, they open with <!DOCTYPE html, <html, <head, <meta or <body. */
int depeche_html_sniff(const char *bytes, size_t len);

/* Reads a page.  Never fails on malformed HTML (truncated tags, stray end
 * tags, binary bytes: what cannot be read as markup is text or dropped);
 * fails only when out of memory, or with DEPECHE_ERR_BAD_INPUT at byte 0
 * for UTF-16/32 pages and at the first NUL of binary data. */
depeche_status depeche_html_read(const char *bytes, size_t len, int lossy,
                                 const depeche_html_names *names,
                                 depeche_html **out, depeche_error *err);
void depeche_html_free(depeche_html *h);

/* The decoded text of block i (not NUL-terminated). */
static inline const char *
depeche_html_block_text(const depeche_html *h, size_t i)
{
    return h->text.data + h->blocks[i].text;
}
