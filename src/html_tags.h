/* html_tags.h -- what the HTML reader knows of each element name. */
#pragma once

#include <stddef.h>
#include <stdint.h>

enum {
    TAG_BLOCK = 1u << 0,   /* starts and ends a block of text */
    TAG_VOID = 1u << 1,    /* never has an end tag */
    TAG_RAW = 1u << 2,     /* raw text up to its end tag (<script>) */
    TAG_RCDATA = 1u << 3,  /* raw text with references (<title>) */
    TAG_CLOSES_P = 1u << 4 /* an open <p> ends before it */
};

typedef struct html_tag_info {
    const char *name;
    unsigned props; /* TAG_* */
    uint32_t flags; /* HTML_IN_* it gives its content */
} html_tag_info;

/* The entry for a lowercase name of n bytes, or NULL for an element the
 * reader treats as inline with no meaning. */
const html_tag_info *depeche_html_tag(const char *name, size_t n);

/* FNV-1a of the name, lowercased: end tags are matched by it. */
uint32_t depeche_html_name_hash(const char *name, size_t n);
