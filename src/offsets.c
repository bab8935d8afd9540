/* offsets.c -- code-point offsets beside byte offsets (depeche_cp_offsets,
 * and the cp_start/cp_end of a document's segments and findings), for
 * callers whose strings index code points: Python, JavaScript (after
 * their own UTF-16 step), most binding generators. */
#include <stdint.h>

#include "doc.h"
#include "utf8.h"

/* A position walked forward through the text: byte and code point. */
typedef struct cp_cursor {
    const unsigned char *text;
    size_t len, pos;
    uint64_t cp;
} cp_cursor;

/* The code points that start before byte `offset`; the cursor moves on, or
 * starts over when asked about an earlier offset. */
static uint64_t
cp_at(cp_cursor *c, uint64_t offset)
{
    if (offset > c->len)
        offset = c->len;
    if (offset < c->pos) {
        c->pos = 0;
        c->cp = 0;
    }
    while (c->pos < offset) {
        int32_t cp;
        /* an ill-formed sequence reads as one U+FFFD (utf8.h), so counts
         * one, like the code point it stands for */
        c->pos +=
            c->text[c->pos] < 0x80
                ? 1
                : depeche_utf8_decode(c->text + c->pos, c->len - c->pos, &cp);
        c->cp++;
    }
    return c->cp;
}

void
depeche_cp_offsets(const char *text, size_t len, uint64_t *offsets,
                   size_t count)
{
    cp_cursor c = {(const unsigned char *)text, text ? len : 0, 0, 0};
    for (size_t i = 0; i < count; i++)
        offsets[i] = cp_at(&c, offsets[i]);
}

void
depeche_doc_locate_cps(depeche_doc *d)
{
    cp_cursor c = {(const unsigned char *)d->input, d->input_len, 0, 0};
    for (size_t i = 0; i < d->segment_count; i++) {
        depeche_segment *s = &d->segments[i];
        s->cp_start = cp_at(&c, s->start);
        s->cp_end = cp_at(&c, s->end);
    }
    for (size_t i = 0; i < d->finding_count; i++) {
        depeche_finding *f = &d->findings[i];
        f->cp_start = cp_at(&c, f->start);
        f->cp_end = cp_at(&c, f->end);
    }
}
