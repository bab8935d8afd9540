/* pipeline.c -- clean -> normalize -> segment -> spell for one document.
 *
 * Each stage lives in its own module; this file only wires them and keeps
 * the offsets honest: all normalized text of a document goes into one
 * buffer with one offset map, so a segment or finding anywhere in it maps
 * back to the input's bytes. */
#include <stdlib.h>
#include <string.h>

#include "clean.h"
#include "doc.h"
#include "html_doc.h"
#include "lang.h"
#include "normalize.h"
#include "segment.h"
#include "spell.h"
#include "utf8.h"

struct depeche_pipeline {
    depeche_options opts;
    char *lang, *dict_path, *personal_dict, *abbrev_file;
    depeche_abbrevs *abbrevs;
    depeche_cleaner *cleaner;
    depeche_speller *speller; /* NULL under DEPECHE_NO_SPELL */
    depeche_extractor *extractor;
    /* The page being processed, when it is HTML. */
    depeche_html *html;
    size_t *html_index;     /* its block of each doc block */
    depeche_omap block_map; /* a block's normalized text -> page text */
    /* Scratch reused from document to document. */
    depeche_buf text;
    depeche_omap map;
    size_t *seg_out; /* where each segment starts in `text` */
    size_t seg_out_cap;
};

static char *
dup_opt(const char *s, int *failed)
{
    if (!s)
        return NULL;
    char *d = strdup(s);
    if (!d)
        *failed = 1;
    return d;
}

depeche_status
depeche_pipeline_new(const depeche_options *opts, depeche_pipeline **out,
                     depeche_error *err)
{
    depeche_options defaults;
    if (!opts) {
        depeche_options_init(&defaults);
        opts = &defaults;
    }
    if ((unsigned)opts->profile > DEPECHE_PROFILE_MT ||
        (unsigned)opts->suggest > DEPECHE_SUGGEST_NONE)
        return depeche_fail(err, DEPECHE_ERR_INVALID_ARG, DEPECHE_NO_OFFSET,
                            "unknown profile or suggestion mode");
    /* The tag names files (the dictionary): checked before any is read. */
    if (opts->lang && depeche_lang_check(opts->lang, err))
        return DEPECHE_ERR_INVALID_ARG;
    depeche_pipeline *p = calloc(1, sizeof *p);
    if (!p)
        return depeche_fail(err, DEPECHE_ERR_NOMEM, DEPECHE_NO_OFFSET,
                            "out of memory");
    int failed = 0;
    p->opts = *opts;
    p->opts.lang = p->lang =
        dup_opt(opts->lang ? opts->lang : "fr-FR", &failed);
    if (p->lang)
        depeche_lang_canonicalize(p->lang); /* fr_FR -> fr-FR */
    p->opts.dict_path = p->dict_path = dup_opt(opts->dict_path, &failed);
    p->opts.personal_dict = p->personal_dict =
        dup_opt(opts->personal_dict, &failed);
    p->opts.abbrev_file = p->abbrev_file = dup_opt(opts->abbrev_file, &failed);
    depeche_status st = DEPECHE_OK;
    if (failed)
        st = depeche_fail(err, DEPECHE_ERR_NOMEM, DEPECHE_NO_OFFSET,
                          "out of memory");
    if (!st)
        st = depeche_abbrevs_new(p->lang, p->abbrev_file, &p->abbrevs, err);
    if (!st)
        st = depeche_cleaner_new(&p->opts, &p->cleaner, err);
    if (!st && depeche_extractor_new(&p->extractor))
        st = depeche_fail(err, DEPECHE_ERR_NOMEM, DEPECHE_NO_OFFSET,
                          "out of memory");
    if (!st && !(p->opts.flags & DEPECHE_NO_SPELL))
        st = depeche_speller_new(&p->opts, &p->speller, err);
    if (!st && p->speller)
        depeche_speller_set_suggest(p->speller, p->opts.suggest);
    if (st) {
        depeche_pipeline_free(p);
        return st;
    }
    *out = p;
    return DEPECHE_OK;
}

void
depeche_pipeline_free(depeche_pipeline *p)
{
    if (!p)
        return;
    depeche_speller_free(p->speller);
    depeche_cleaner_free(p->cleaner);
    depeche_extractor_free(p->extractor);
    depeche_omap_free(&p->block_map);
    depeche_abbrevs_free(p->abbrevs);
    depeche_buf_free(&p->text);
    depeche_omap_free(&p->map);
    free(p->seg_out);
    free(p->lang);
    free(p->dict_path);
    free(p->personal_dict);
    free(p->abbrev_file);
    free(p);
}

/* Bad bytes are found before any stage runs, so that an error names the
 * first one wherever it lies, and under DEPECHE_LOSSY every repair is
 * reported even in text the clean stage drops. */
static depeche_status
check_input(depeche_pipeline *p, depeche_doc *d, depeche_error *err)
{
    const unsigned char *u = (const unsigned char *)d->input;
    size_t len = d->input_len;
    int lossy = p->opts.flags & DEPECHE_LOSSY;
    depeche_status bom = depeche_reject_utf16_32(d->input, len, err);
    if (bom)
        return bom;
    for (size_t i = 0; i < len;) {
        i += depeche_utf8_check_text(d->input + i, len - i);
        if (i >= len)
            break;
        int32_t cp;
        size_t k = depeche_utf8_decode(u + i, len - i, &cp);
        const char *code = cp == 0 ? "DEPECHE-002" : "DEPECHE-001";
        if (!lossy)
            return cp == 0 ? depeche_fail(err, DEPECHE_ERR_BAD_INPUT, i,
                                          "NUL byte (binary data?)")
                           : depeche_fail(err, DEPECHE_ERR_BAD_INPUT, i,
                                          "invalid UTF-8 (byte 0x%02X)", u[i]);
        const char *msg =
            cp == 0 ? "NUL byte removed" : "invalid UTF-8 replaced with U+FFFD";
        depeche_status st = depeche_doc_add_repair(d, code, i, i + k, msg);
        if (st)
            return st;
        if (p->opts.warn_fn)
            p->opts.warn_fn(p->opts.warn_user, code, i, msg);
        i += k;
    }
    return DEPECHE_OK;
}

typedef struct repair_ctx {
    depeche_pipeline *p;
    depeche_doc *d;
    depeche_status st;
} repair_ctx;

static void
on_repair(void *user, const char *code, uint64_t start, uint64_t end,
          const char *message)
{
    repair_ctx *r = user;
    /* Invalid bytes and NULs were reported by check_input already. */
    if (!strcmp(code, "DEPECHE-001") || !strcmp(code, "DEPECHE-002"))
        return;
    if (r->p->html) { /* offsets in the page's decoded text */
        uint64_t a = depeche_omap_start(&r->p->html->map, start);
        end = end > start ? depeche_omap_end(&r->p->html->map, end) : a;
        start = a;
    }
    if (!r->st)
        r->st = depeche_doc_add_repair(r->d, code, start, end, message);
    if (r->p->opts.warn_fn)
        r->p->opts.warn_fn(r->p->opts.warn_user, code, start, message);
}

typedef struct seg_ctx {
    depeche_pipeline *p;
    depeche_doc *d;
    size_t base; /* where the block's text starts in p->text */
    depeche_kind kind;
    size_t paragraph; /* of the segments made so far */
    int para_pending; /* a paragraph break since the last segment */
    depeche_status st;
} seg_ctx;

static int
add_segment(void *user, size_t start, size_t end)
{
    seg_ctx *c = user;
    depeche_pipeline *p = c->p;
    size_t s = c->base + start, e = c->base + end;
    size_t i = c->d->segment_count;
    /* As the segmenter counts them: a break before the first segment, or
     * between two, starts one paragraph. */
    if (c->para_pending && i > 0)
        c->paragraph++;
    c->para_pending = 0;
    c->st = depeche_grow((void **)&p->seg_out, &p->seg_out_cap, i + 1,
                         sizeof *p->seg_out);
    if (!c->st)
        c->st =
            depeche_doc_add_segment(c->d, p->text.data + s, e - s, c->kind,
                                    depeche_omap_start(&p->map, s),
                                    depeche_omap_end(&p->map, e), c->paragraph);
    if (!c->st)
        p->seg_out[i] = s;
    return c->st != DEPECHE_OK;
}

/* FR-SB16 (segment.c): text with no letter or digit, alone in its line,
 * is no segment.  Its block stays as the clean stage made it (so blocks
 * still tile the input); it is reported, with its text. */
static int
drop_segment(void *user, size_t start, size_t end)
{
    seg_ctx *c = user;
    depeche_pipeline *p = c->p;
    if (!p->opts.warn_fn)
        return 0;
    char msg[DEPECHE_DROPPED_MESSAGE_MAX];
    depeche_dropped_message(msg, p->text.data + c->base + start, end - start);
    p->opts.warn_fn(p->opts.warn_user, DEPECHE_DROPPED_CODE,
                    depeche_omap_start(&p->map, c->base + start), msg);
    return 0;
}

/* A kept block of an HTML page: its decoded text is normalized, and the
 * map goes through the page's map back to the page's bytes. */
static depeche_status
normalize_page_block(depeche_pipeline *p, const depeche_norm_config *cfg,
                     const depeche_doc *d, size_t i, depeche_error *err)
{
    const depeche_html_block *hb = &p->html->blocks[p->html_index[i]];
    depeche_omap_clear(&p->block_map);
    depeche_status st = depeche_normalize_append(
        cfg, depeche_html_block_text(p->html, p->html_index[i]), hb->text_len,
        hb->text, &p->text, &p->block_map, err);
    if (!st)
        st = depeche_omap_append_through(&p->map, &p->block_map, &p->html->map);
    return st;
}

/* Normalizes each kept block and splits it into segments.  A title or a
 * dateline is one segment whatever its punctuation, if it has a letter or
 * a digit. */
static depeche_status
segment_blocks(depeche_pipeline *p, depeche_doc *d, depeche_error *err)
{
    repair_ctx rc = {p, d, DEPECHE_OK};
    depeche_norm_config cfg = {
        .profile = p->opts.profile,
        .flags = p->opts.flags & DEPECHE_LOSSY,
        .repair = on_repair,
        .repair_user = &rc,
    };
    seg_ctx c = {p, d, 0, DEPECHE_KIND_BODY, 0, 0, DEPECHE_OK};
    const depeche_block *prev = NULL;
    for (size_t i = 0; i < d->block_count; i++) {
        const depeche_block *b = &d->blocks[i];
        if (!depeche_block_is_text(b))
            continue;
        /* Paragraphs as the input's text has them (utf8.h): the lines
         * the clean stage dropped between two kept blocks may hold one. */
        if (prev && (p->html || depeche_has_paragraph_break(
                                    d->input, prev->start, b->start)))
            c.para_pending = 1; /* every block of a page is a paragraph */
        prev = b;
        size_t base = p->text.len;
        depeche_status st =
            p->html ? normalize_page_block(p, &cfg, d, i, err)
                    : depeche_normalize_append(&cfg, d->input + b->start,
                                               b->end - b->start, b->start,
                                               &p->text, &p->map, err);
        if (!st)
            st = rc.st;
        if (st)
            return st;
        /* The block's line break is not part of its text. */
        size_t end = p->text.len;
        while (end > base && p->text.data[end - 1] == '\n')
            end--;
        c.base = base;
        c.kind = b->kind;
        if (b->kind == DEPECHE_KIND_BODY) {
            st = depeche_split_line(p->abbrevs, p->text.data + base, end - base,
                                    add_segment, drop_segment, &c);
        } else if (depeche_has_word_char(p->text.data + base, end - base)) {
            add_segment(&c, 0, end - base);
        } else if (end > base) {
            drop_segment(&c, 0, end - base);
        }
        if (c.st)
            st = c.st;
        if (st)
            return depeche_fail(err, st, DEPECHE_NO_OFFSET, "%s",
                                depeche_strerror(st));
        if (depeche_buf_putc(&p->text, '\n'))
            return DEPECHE_ERR_NOMEM;
    }
    return DEPECHE_OK;
}

typedef struct hit_ctx {
    depeche_pipeline *p;
    depeche_doc *d;
    depeche_status st;
} hit_ctx;

static int
add_finding(void *user, const depeche_spell_hit *h)
{
    hit_ctx *c = user;
    const depeche_segment *s = &c->d->segments[h->segment];
    size_t base = c->p->seg_out[h->segment];
    c->st = depeche_doc_add_finding(
        c->d, h->kind, s->text + h->start, h->end - h->start,
        depeche_omap_start(&c->p->map, base + h->start),
        depeche_omap_end(&c->p->map, base + h->end), h->segment, h->suggestions,
        h->suggestion_count);
    return c->st != DEPECHE_OK;
}

static depeche_status
spell_segments(depeche_pipeline *p, depeche_doc *d, depeche_error *err)
{
    if (!p->speller || d->segment_count == 0)
        return DEPECHE_OK;
    depeche_spell_text *texts = malloc(d->segment_count * sizeof *texts);
    if (!texts)
        return DEPECHE_ERR_NOMEM;
    for (size_t i = 0; i < d->segment_count; i++)
        texts[i] = (depeche_spell_text){d->segments[i].text, d->segments[i].len,
                                        d->segments[i].kind};
    hit_ctx c = {p, d, DEPECHE_OK};
    depeche_status st = depeche_speller_check(
        p->speller, texts, d->segment_count, add_finding, &c, err);
    free(texts);
    return c.st ? c.st : st;
}

depeche_status
depeche_pipeline_observe(depeche_pipeline *p, const char *bytes, size_t len,
                         depeche_error *err)
{
    if (!p || (!bytes && len))
        return depeche_fail(err, DEPECHE_ERR_INVALID_ARG, DEPECHE_NO_OFFSET,
                            "NULL argument");
    /* Lines recurring across pages are a text scrape's boilerplate; an
     * HTML page is read by its markup. */
    unsigned flags = p->opts.flags;
    if ((flags & DEPECHE_INPUT_HTML) ||
        (!(flags & DEPECHE_INPUT_TEXT) && depeche_html_sniff(bytes, len)))
        return DEPECHE_OK;
    depeche_doc *d = NULL;
    depeche_status st = depeche_doc_create("", bytes, len, &d);
    if (!st)
        st = depeche_cleaner_observe(p->cleaner, d);
    depeche_doc_free(d);
    if (st)
        return depeche_fail(err, st, DEPECHE_NO_OFFSET, "%s",
                            depeche_strerror(st));
    return DEPECHE_OK;
}

depeche_status
depeche_process(depeche_pipeline *p, const char *id, const char *bytes,
                size_t len, depeche_doc **out, depeche_error *err)
{
    if (!p || !out || (!bytes && len))
        return depeche_fail(err, DEPECHE_ERR_INVALID_ARG, DEPECHE_NO_OFFSET,
                            "NULL argument");
    depeche_doc *d = NULL;
    /* The stages fill this one, never the caller's: its status is only
     * read when the library wrote it (the caller's may be uninitialized). */
    depeche_error stage = {.status = DEPECHE_OK,
                           .byte_offset = DEPECHE_NO_OFFSET};
    depeche_status st = depeche_doc_create(id, bytes, len, &d);
    depeche_buf_clear(&p->text);
    depeche_omap_clear(&p->map);
    unsigned flags = p->opts.flags;
    int html = (flags & DEPECHE_INPUT_HTML) || (!(flags & DEPECHE_INPUT_TEXT) &&
                                                depeche_html_sniff(bytes, len));
    if (!st && html)
        st = depeche_html_clean_doc(p->extractor, d, flags & DEPECHE_LOSSY,
                                    &p->html, &p->html_index, &stage);
    if (!st && !html)
        st = check_input(p, d, &stage);
    if (!st && !html)
        st = depeche_clean_doc(p->cleaner, d, &stage);
    if (!st)
        st = segment_blocks(p, d, &stage);
    depeche_html_free(p->html);
    p->html = NULL;
    free(p->html_index);
    p->html_index = NULL;
    if (!st)
        st = spell_segments(p, d, &stage);
    if (!st)
        st = depeche_doc_locate_findings(d);
    if (st) {
        if (stage.status != st) /* a stage failed without saying why */
            depeche_fail(&stage, st, DEPECHE_NO_OFFSET, "%s",
                         depeche_strerror(st));
        if (err)
            *err = stage;
        depeche_doc_free(d);
        return st;
    }
    *out = d;
    return DEPECHE_OK;
}

static void
forward_repair(void *user, const char *code, uint64_t start, uint64_t end,
               const char *message)
{
    const depeche_options *o = user;
    if (o->warn_fn)
        o->warn_fn(o->warn_user, code, start, message);
}

depeche_status
depeche_normalize(const depeche_options *opts, const char *in, size_t len,
                  char **out, size_t *out_len, depeche_error *err)
{
    depeche_options defaults;
    if (!opts) {
        depeche_options_init(&defaults);
        opts = &defaults;
    }
    if (!out || (!in && len))
        return depeche_fail(err, DEPECHE_ERR_INVALID_ARG, DEPECHE_NO_OFFSET,
                            "NULL argument");
    if ((unsigned)opts->profile > DEPECHE_PROFILE_MT)
        return depeche_fail(err, DEPECHE_ERR_INVALID_ARG, DEPECHE_NO_OFFSET,
                            "unknown profile %d", (int)opts->profile);
    if (opts->lang && depeche_lang_check(opts->lang, err))
        return DEPECHE_ERR_INVALID_ARG;
    depeche_norm_config cfg = {
        .profile = opts->profile,
        .flags = opts->flags & DEPECHE_LOSSY,
        .repair = forward_repair,
        .repair_user = (void *)opts,
    };
    depeche_buf b = {0};
    depeche_status st = opts->input_offset == 0
                            ? depeche_reject_utf16_32(in, len, err)
                            : DEPECHE_OK;
    if (!st)
        st = depeche_normalize_append(&cfg, in, len, opts->input_offset, &b,
                                      NULL, err);
    if (st) {
        depeche_buf_free(&b);
        return st;
    }
    if (out_len)
        *out_len = b.len;
    *out = depeche_buf_detach(&b);
    return *out ? DEPECHE_OK : DEPECHE_ERR_NOMEM;
}

void
depeche_free(void *ptr)
{
    free(ptr);
}
