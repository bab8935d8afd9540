/* extract.c -- the article among the blocks of an HTML page.
 *
 * Each block gets a value: running prose (enough words, few of them in
 * links, a fair share of function words) counts for its characters, page
 * chrome (navigation, link lists, class names like "sidebar" or
 * "comments", chrome phrases) against them, the rest for nothing.  The
 * article is the element whose blocks add up to the most (the best
 * subtree): it takes in every paragraph of a story split over sibling
 * <div>s, and stops growing where the menus and footers around it weigh
 * more than the text they would add.  Inside it, blocks are dropped by
 * local rules (links, captions, phrases); outside it only the headline is
 * kept.  Nothing here depends on one site: the rules are about the shape
 * of text and markup. */
#include "extract.h"

#include <stdlib.h>
#include <string.h>
#include <utf8proc.h>

#include "dicts.h"
#include "hash.h"

enum {
    PROSE_MIN_WORDS = 8,    /* fewer: a label, a byline, a date */
    CHROME_PHRASE_MAX = 30, /* a longer block starting with one is text */
    HINT_CHROME = -3,       /* class/id words this bad make chrome */
    KEY_MAX = 4096          /* bytes of a block compared with the lists */
};

typedef struct phrase {
    char *key;
    size_t len;
    int date_label; /* "date: Publié le": chrome only before a date */
} phrase;

struct depeche_extractor {
    depeche_html_names *names;
    uint64_t *words; /* function words, by hash; open addressing, 0 empty */
    size_t word_slots;
    phrase *phrases;
    size_t phrase_count, phrase_cap;
};

static uint64_t
hash_bytes(const char *s, size_t n)
{
    return depeche_hash(s, n) | 1; /* never 0, the empty slot */
}

/* The comparison key of a text: letters and digits lowercased, every other
 * run of characters one space, no space at the ends.  Returns its length
 * (at most cap - 1; the key is NUL-terminated). */
static size_t
text_key(const char *s, size_t n, char *key, size_t cap)
{
    size_t k = 0;
    int space = 0;
    for (size_t i = 0; i < n && k + 5 < cap;) {
        utf8proc_int32_t cp;
        utf8proc_ssize_t len = utf8proc_iterate((const utf8proc_uint8_t *)s + i,
                                                (utf8proc_ssize_t)(n - i), &cp);
        if (len <= 0) {
            i++;
            continue;
        }
        i += (size_t)len;
        utf8proc_category_t c = utf8proc_category(cp);
        int alnum = (c >= UTF8PROC_CATEGORY_LU && c <= UTF8PROC_CATEGORY_LO) ||
                    c == UTF8PROC_CATEGORY_ND || c == UTF8PROC_CATEGORY_MN;
        if (!alnum) {
            space = k > 0;
            continue;
        }
        if (space)
            key[k++] = ' ';
        space = 0;
        k += (size_t)utf8proc_encode_char(utf8proc_tolower(cp),
                                          (utf8proc_uint8_t *)key + k);
    }
    key[k] = 0;
    return k;
}

static int
add_word(void *user, const char *s, size_t n, size_t lineno)
{
    depeche_extractor *x = user;
    uint64_t h = hash_bytes(s, n);
    size_t i = (size_t)h & (x->word_slots - 1);
    while (x->words[i] && x->words[i] != h)
        i = (i + 1) & (x->word_slots - 1);
    x->words[i] = h;
    return 0;
}

static int
add_phrase(void *user, const char *s, size_t n, size_t lineno)
{
    depeche_extractor *x = user;
    char key[256];
    int date_label = n > 6 && !memcmp(s, "date: ", 6);
    if (date_label) {
        s += 6;
        n -= 6;
    }
    size_t k = text_key(s, n, key, sizeof key);
    if (!k)
        return 0;
    if (depeche_grow((void **)&x->phrases, &x->phrase_cap, x->phrase_count + 1,
                     sizeof *x->phrases))
        return 1;
    char *d = strndup(key, k);
    if (!d)
        return 1;
    x->phrases[x->phrase_count++] = (phrase){d, k, date_label};
    return 0;
}

depeche_status
depeche_extractor_new(depeche_extractor **out)
{
    depeche_extractor *x = calloc(1, sizeof *x);
    if (!x)
        return DEPECHE_ERR_NOMEM;
    x->word_slots = 1024; /* a power of two, over twice the list */
    x->words = calloc(x->word_slots, sizeof *x->words);
    depeche_status st =
        x->words ? depeche_html_names_new(&x->names) : DEPECHE_ERR_NOMEM;
    if (!st && (depeche_dict_each_line(depeche_dict_html_function_words,
                                       depeche_dict_html_function_words_len,
                                       add_word, x) ||
                depeche_dict_each_line(depeche_dict_html_boilerplate,
                                       depeche_dict_html_boilerplate_len,
                                       add_phrase, x)))
        st = DEPECHE_ERR_NOMEM;
    if (st) {
        depeche_extractor_free(x);
        return st;
    }
    *out = x;
    return DEPECHE_OK;
}

void
depeche_extractor_free(depeche_extractor *x)
{
    if (!x)
        return;
    depeche_html_names_free(x->names);
    free(x->words);
    for (size_t i = 0; i < x->phrase_count; i++)
        free(x->phrases[i].key);
    free(x->phrases);
    free(x);
}

const depeche_html_names *
depeche_extractor_names(const depeche_extractor *x)
{
    return x->names;
}

static int
is_function_word(const depeche_extractor *x, const char *w, size_t n)
{
    uint64_t h = hash_bytes(w, n);
    size_t i = (size_t)h & (x->word_slots - 1);
    while (x->words[i]) {
        if (x->words[i] == h)
            return 1;
        i = (i + 1) & (x->word_slots - 1);
    }
    return 0;
}

/* What the text of a block says about it. */
typedef struct text_shape {
    uint32_t words, function_words;
    int sentence; /* ends with . ! ? or a closing quote */
    int chrome;   /* a chrome phrase, a copyright line */
    int credit;   /* a photo credit */
    int stamp;    /* a date, a time, "4 min read": numbers and few words */
    int contact;  /* a short line giving an e-mail address */
} text_shape;

static int
key_starts(const char *key, size_t n, const char *p, size_t pn)
{
    return n >= pn && !memcmp(key, p, pn) && (n == pn || key[pn] == ' ');
}

/* How many words a line starting with the phrase may have and still be
 * chrome: "Partager" is a button, "Partager les richesses est le but du
 * gouvernement" a sentence; "Nous utilisons des cookies pour ..." is a
 * banner however it goes on. */
static uint32_t
phrase_reach(const phrase *p)
{
    uint32_t words = 1;
    for (size_t i = 0; i < p->len; i++)
        words += p->key[i] == ' ';
    return words == 1 ? 3 : words == 2 ? 15 : CHROME_PHRASE_MAX;
}

static int
has_copyright(const char *s, size_t n)
{
    for (size_t i = 0; i + 1 < n; i++)
        if ((unsigned char)s[i] == 0xC2 && (unsigned char)s[i + 1] == 0xA9)
            return 1;
    return 0;
}

static int
is_mail_char(unsigned char c)
{
    return (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z') ||
           (c >= '0' && c <= '9') || c == '.' || c == '-' || c == '_';
}

/* An e-mail address ("name@site.fr", "name[at]site.fr"): a short block
 * that gives one is a contact line, not the story. */
static int
has_email(const char *s, size_t n)
{
    for (size_t i = 1; i + 1 < n; i++) {
        size_t at = s[i] == '@'                                 ? 1
                    : (n - i >= 4 && !memcmp(s + i, "[at]", 4)) ? 4
                                                                : 0;
        if (!at || !is_mail_char((unsigned char)s[i - 1]))
            continue;
        size_t j = i + at, dot = 0;
        while (j < n && is_mail_char((unsigned char)s[j]))
            dot |= s[j++] == '.';
        if (dot && j > i + at + 3)
            return 1;
    }
    return 0;
}

enum {
    CREDIT_TAIL_WORDS = 4, /* words of a name after "Foto:" ending a caption */
    CREDIT_MAX_BYTES = 1024
};

static int
is_credit_word(const char *w, size_t n)
{
    static const char *const credits[] = {
        "photo",   "photos",   "foto",    "fotos",  "bild",
        "image",   "credit",   "credits", "crédit", "crédits",
        "crédito", "créditos", "quelle"};
    for (size_t i = 0; i < sizeof credits / sizeof *credits; i++)
        if (strlen(credits[i]) == n && !memcmp(credits[i], w, n))
            return 1;
    return 0;
}

/* A photo credit: "Photo : AFP" alone, or ending a caption ("Les
 * vacances scolaires. Foto: Andina"): a credit word, a colon, then a
 * short name (or anything, in a line of at most 12 words starting with
 * the credit word). */
static int
credit_at(const char *s, size_t n, uint32_t words_in_all)
{
    if (n > CREDIT_MAX_BYTES)
        return 0; /* no caption; and each colon costs a look around it */
    for (size_t colon = 0; colon < n; colon++) {
        if (s[colon] != ':')
            continue;
        char key[64];
        size_t from = colon > 24 ? colon - 24 : 0;
        size_t k = text_key(s + from, colon - from, key, sizeof key);
        size_t w = k;
        while (w > 0 && key[w - 1] != ' ')
            w--;
        if (!is_credit_word(key + w, k - w))
            continue;
        if (w == 0 && from == 0 && words_in_all <= 12)
            return 1; /* a short line that starts with it */
        char tail[256];
        size_t tk = text_key(s + colon + 1, n - colon - 1, tail, sizeof tail);
        size_t words = tk > 0;
        for (size_t i = 0; i < tk; i++)
            words += tail[i] == ' ';
        if (words <= CREDIT_TAIL_WORDS && tk < sizeof tail - 1)
            return 1;
    }
    return 0;
}

static void
shape_of(const depeche_extractor *x, const char *s, size_t n, text_shape *t)
{
    char key[KEY_MAX];
    size_t k = text_key(s, n, key, sizeof key);
    memset(t, 0, sizeof *t);
    uint32_t numeric = 0;
    for (size_t i = 0; i < k;) {
        size_t e = i;
        while (e < k && key[e] != ' ')
            e++;
        t->words++;
        numeric += key[i] >= '0' && key[i] <= '9';
        t->function_words += (uint32_t)is_function_word(x, key + i, e - i);
        i = e + 1;
    }
    size_t end = n;
    while (end > 0 && (s[end - 1] == ' ' || s[end - 1] == '\n'))
        end--;
    if (end > 0) {
        unsigned char c = (unsigned char)s[end - 1];
        t->sentence = c == '.' || c == '!' || c == '?' || c == '"' ||
                      c == ')' || c == 0xBB /* » */ || c == 0x9D /* ” */;
    }
    /* "12:30", "15. Mai 2019, 05:28 Uhr", "4 min read" */
    t->stamp = t->function_words == 0 && !t->sentence &&
               ((t->words <= 5 && numeric * 3 >= t->words) ||
                (t->words <= 8 && numeric * 2 >= t->words));
    if (t->words <= CHROME_PHRASE_MAX) {
        for (size_t i = 0; i < x->phrase_count && !t->chrome; i++)
            t->chrome =
                key_starts(key, k, x->phrases[i].key, x->phrases[i].len) &&
                t->words <= phrase_reach(&x->phrases[i]) &&
                (!x->phrases[i].date_label || numeric * 3 + 2 >= t->words);
        if (has_copyright(s, n) || key_starts(key, k, "copyright", 9))
            t->chrome = 1;
        t->contact = has_email(s, n);
    }
    t->credit = t->words <= 40 && credit_at(s, n, t->words);
}

double
depeche_extractor_line_value(const depeche_extractor *x, const char *s,
                             size_t n, int *menu_item)
{
    text_shape t;
    shape_of(x, s, n, &t);
    *menu_item = 0;
    if (t.chrome || t.stamp || t.credit || t.contact)
        return -(double)n;
    if (t.words >= PROSE_MIN_WORDS && t.function_words * 8 >= t.words)
        return (double)n * (t.sentence ? 1.0 : 0.6);
    if (t.sentence && t.words >= 4)
        return 0; /* "Gefällt Ihnen dieser Artikel?": neither way */
    *menu_item = t.words <= 3 ? 1 : 2;
    return -(double)n - 10; /* a label: each weighs, however short */
}

int
depeche_extractor_is_chrome_line(const depeche_extractor *x, const char *s,
                                 size_t n)
{
    text_shape t;
    shape_of(x, s, n, &t);
    return t.chrome;
}

typedef struct block_info {
    text_shape shape;
    double value;
    uint8_t hard; /* a verdict no context changes, or 0 */
} block_info;

static int
is_prose(const depeche_html_block *b, const text_shape *t, int use_words)
{
    double links = b->chars ? (double)b->link_chars / b->chars : 0;
    return t->words >= PROSE_MIN_WORDS && links < 0.3 && !t->chrome &&
           (!use_words || t->function_words * 8 >= t->words);
}

static int
is_chrome(const depeche_html_block *b, const text_shape *t)
{
    double links = b->chars ? (double)b->link_chars / b->chars : 0;
    /* The nearest elements only: a page's outer wrappers often carry
     * words like "content-sidebar-wrap" around the article too. */
    return t->chrome || links > 0.5 || b->local_hint <= HINT_CHROME ||
           (b->flags & (HTML_IN_NAV | HTML_IN_FOOTER | HTML_IN_ASIDE));
}

/* Verdicts that hold wherever the block is. */
static uint8_t
hard_verdict(const depeche_html_block *b)
{
    if (b->flags & HTML_IN_HIDDEN)
        return VERDICT_HIDDEN;
    if (b->flags & HTML_IN_CODE)
        return VERDICT_CODE;
    if (b->flags & (HTML_IN_FORM | HTML_IN_DIALOG))
        return VERDICT_FORM;
    if (b->flags & HTML_IN_HEAD)
        return VERDICT_OUTSIDE; /* text in <head> */
    return 0;
}

static void
value_blocks(const depeche_extractor *x, const depeche_html *h,
             block_info *info)
{
    /* Pages in a language the function words miss (CJK...) are judged on
     * shape alone. */
    size_t with_words = 0;
    for (size_t i = 0; i < h->block_count; i++) {
        const depeche_html_block *b = &h->blocks[i];
        shape_of(x, depeche_html_block_text(h, i), b->text_len, &info[i].shape);
        info[i].hard = hard_verdict(b);
        with_words += is_prose(b, &info[i].shape, 1);
    }
    for (size_t i = 0; i < h->block_count; i++) {
        const depeche_html_block *b = &h->blocks[i];
        const text_shape *t = &info[i].shape;
        double v = 0;
        if (info[i].hard)
            v = 0;
        else if (is_chrome(b, t))
            v = -(double)b->chars;
        else if (t->contact)
            v = 0; /* neither the story nor chrome around it */
        else if (is_prose(b, t, with_words > 0))
            v = (double)b->chars * (t->sentence ? 1.0 : 0.6);
        else if (t->sentence && !(b->flags & HTML_IN_LIST))
            v = (double)b->chars * 0.3;
        info[i].value = v;
    }
}

/* The element whose blocks add up to the most; UINT32_MAX (the whole
 * page) when no element does better. */
static uint32_t
best_subtree(const depeche_html *h, const block_info *info, double *sum)
{
    for (size_t i = 0; i < h->node_count; i++)
        sum[i] = 0;
    for (size_t i = 0; i < h->block_count; i++)
        if (h->blocks[i].node != UINT32_MAX)
            sum[h->blocks[i].node] += info[i].value;
    /* Children come after their parent: one backward pass adds up. */
    for (size_t i = h->node_count; i-- > 0;) {
        const depeche_html_node *n = &h->nodes[i];
        uint32_t own =
            n->flags &
            ~(n->parent != UINT32_MAX ? h->nodes[n->parent].flags : 0u);
        double s = sum[i];
        if (s > 0 &&
            (own & (HTML_IN_ARTICLE | HTML_IN_MAIN | HTML_IN_BODYPROP)))
            s *= 1.1; /* the page says where its article is */
        if (n->parent != UINT32_MAX)
            sum[n->parent] += sum[i];
        sum[i] = s;
    }
    uint32_t best = UINT32_MAX;
    double best_sum = 0, page_sum = 0;
    for (size_t i = 0; i < h->block_count; i++)
        page_sum += info[i].value;
    for (size_t i = 0; i < h->node_count; i++)
        if (sum[i] > 0 && sum[i] >= best_sum) {
            best = (uint32_t)i;
            best_sum = sum[i];
        }
    /* Paragraphs with no element around them all (a page without <body>,
     * unclosed <p>s): the page is the article. */
    return page_sum > best_sum ? UINT32_MAX : best;
}

static int
is_inside(const depeche_html *h, uint32_t node, uint32_t ancestor)
{
    if (ancestor == UINT32_MAX)
        return 1;
    for (; node != UINT32_MAX; node = h->nodes[node].parent)
        if (node == ancestor)
            return 1;
    return 0;
}

enum {
    GAP_MAX = 3 /* blocks without prose crossed between article and prose */
};

/* Walks from block `from` by `step` (+1 or -1) while the blocks outside
 * the article go on with prose: a standfirst above the chosen element, the
 * first section of a story its page split around a photo carousel.  Short
 * blocks (a subheading, a date) are taken only when prose follows them;
 * chrome, a form or GAP_MAX blocks without prose stop the walk. */
static void
extend_article(const depeche_html *h, const block_info *info, uint8_t *in,
               size_t from, int step)
{
    size_t pending = 0, gap = 0;
    for (size_t i = from + (size_t)step; i < h->block_count;
         i += (size_t)step) {
        if (in[i])
            break;
        uint8_t hard = info[i].hard;
        if (hard == VERDICT_HIDDEN || hard == VERDICT_CODE)
            continue;
        if (hard || info[i].value < 0)
            break;
        if (info[i].value == 0) {
            if (++gap > GAP_MAX)
                break;
            pending = pending ? pending : i;
            continue;
        }
        for (size_t j = pending ? pending : i; j != i; j += (size_t)step)
            in[j] = !info[j].hard;
        in[i] = 1;
        pending = gap = 0;
    }
}

enum {
    SISTER_LEVELS = 5, /* how far up the article a sister section meets it */
    SISTERS_MAX = 8
};

/* The level (1 = the parent) of the article's nearest ancestor that node
 * sits in, among up[0..levels); 0 when none. */
static size_t
meeting_level(const depeche_html *h, uint32_t node, const uint32_t *up,
              size_t levels)
{
    for (; node != UINT32_MAX; node = h->nodes[node].parent)
        for (size_t l = 0; l < levels; l++)
            if (up[l] == node)
                return l + 1;
    return 0;
}

/* Sections of the same story that the page set apart, a gallery or a box
 * of tips between them: elements outside the article that meet it at most
 * SISTER_LEVELS elements up and add up to at least half as much.  Fills
 * roots[] after the article; returns their count. */
static size_t
sister_sections(const depeche_html *h, const double *sum, uint32_t article,
                uint32_t *roots)
{
    uint32_t up[SISTER_LEVELS];
    size_t levels = 0, n = 1;
    roots[0] = article;
    for (uint32_t a = h->nodes[article].parent;
         a != UINT32_MAX && levels < SISTER_LEVELS; a = h->nodes[a].parent)
        up[levels++] = a;
    for (uint32_t i = 0; i < h->node_count && n < SISTERS_MAX; i++) {
        if (sum[i] < 0.5 * sum[article] || is_inside(h, article, i) ||
            !meeting_level(h, i, up, levels))
            continue;
        int nested = 0;
        for (size_t r = 0; r < n && !nested; r++)
            nested = is_inside(h, i, roots[r]);
        if (!nested)
            roots[n++] = i;
    }
    return n;
}

/* Which blocks are the article's: those inside the chosen element or its
 * sister sections, and the prose that goes on around them. */
static void
article_blocks(const depeche_html *h, const block_info *info, const double *sum,
               uint32_t article, uint8_t *in)
{
    uint32_t roots[SISTERS_MAX];
    size_t nroots =
        article != UINT32_MAX ? sister_sections(h, sum, article, roots) : 0;
    size_t first = SIZE_MAX, last = 0;
    for (size_t i = 0; i < h->block_count; i++) {
        in[i] = article == UINT32_MAX;
        for (size_t r = 0; r < nroots && !in[i]; r++)
            in[i] = is_inside(h, h->blocks[i].node, roots[r]);
        if (in[i]) {
            first = first == SIZE_MAX ? i : first;
            last = i;
        }
    }
    if (first == SIZE_MAX || article == UINT32_MAX)
        return;
    extend_article(h, info, in, first, -1);
    extend_article(h, info, in, last, +1);
}

/* A block inside the article, judged on its own. */
static uint8_t
inside_verdict(const depeche_html *h, uint32_t article, int32_t article_hint,
               const depeche_html_block *b, const text_shape *t)
{
    uint32_t around = article != UINT32_MAX ? h->nodes[article].flags : 0;
    double links = b->chars ? (double)b->link_chars / b->chars : 0;
    if ((b->flags & ~around) & HTML_IN_NAV)
        return VERDICT_NAVIGATION;
    if (links > 0.5 && t->words < 40)
        return VERDICT_NAVIGATION;
    if (t->chrome || t->stamp || t->contact)
        return VERDICT_BOILERPLATE;
    if (t->credit || (b->flags & HTML_IN_CAPTION))
        return VERDICT_CAPTION;
    if (b->hint - article_hint <= HINT_CHROME ||
        ((b->flags & ~around) & (HTML_IN_FOOTER | HTML_IN_ASIDE)))
        return VERDICT_BOILERPLATE;
    return VERDICT_BODY;
}

static int32_t
path_hint(const depeche_html *h, uint32_t node)
{
    int32_t s = 0;
    for (; node != UINT32_MAX; node = h->nodes[node].parent)
        s += h->nodes[node].hint;
    return s;
}

/* The headline: the heading that says the page's title, else the last
 * <h1> before the article's first kept block.  Returns its index, or
 * SIZE_MAX. */
static size_t
mark_title(const depeche_html *h, uint8_t *verdict, size_t first_kept)
{
    const char *title = h->meta.clean_title;
    size_t pick = SIZE_MAX;
    for (size_t i = 0; i < h->block_count; i++) {
        const depeche_html_block *b = &h->blocks[i];
        if (!(b->flags & HTML_IN_HEADING) || verdict[i] == VERDICT_HIDDEN)
            continue;
        const char *s = depeche_html_block_text(h, i);
        if (title && b->text_len >= 8 && strlen(title) >= b->text_len &&
            !memcmp(title, s, b->text_len)) {
            pick = i;
            break;
        }
        if ((b->flags & HTML_IN_H1) && i <= first_kept)
            pick = i;
    }
    if (pick != SIZE_MAX)
        verdict[pick] = VERDICT_TITLE;
    return pick;
}

enum {
    STANDFIRST_REACH = 4 /* blocks looked at after the headline */
};

/* The standfirst: the sentence under the headline that sums the story up,
 * often set apart from the article's element by a byline, a date or a
 * photo.  The first prose sentence among the few blocks after the
 * headline, before the article starts, is kept; chrome stops the search. */
static void
mark_standfirst(const depeche_html *h, const block_info *info, uint8_t *verdict,
                size_t title, size_t first_kept)
{
    size_t seen = 0;
    for (size_t i = title + 1;
         i < h->block_count && i < first_kept && seen < STANDFIRST_REACH; i++) {
        if (info[i].hard)
            continue;
        seen++;
        const text_shape *t = &info[i].shape;
        if (info[i].value < 0)
            return;
        if (verdict[i] == VERDICT_OUTSIDE && info[i].value > 0 && t->sentence &&
            !t->stamp && !t->credit) {
            verdict[i] = VERDICT_BODY;
            return;
        }
    }
}

/* Dropped inside the article, by its own shape or links. */
static int
is_chrome_verdict(uint8_t v)
{
    return v == VERDICT_NAVIGATION || v == VERDICT_BOILERPLATE;
}

/* A short block kept between two blocks of chrome inside the article
 * (links, phrases) is an island of that chrome ("Redakteur in der Wirtschaft."
 * between an author's name and a link), not a sentence of the story, which runs
 * on in longer blocks. */
static void
drop_islands(const depeche_html *h, const block_info *info, uint8_t *verdict)
{
    size_t prev = SIZE_MAX;
    for (size_t i = 0; i < h->block_count; i++) {
        if (info[i].hard)
            continue;
        size_t next = i + 1;
        while (next < h->block_count && info[next].hard)
            next++;
        if (verdict[i] == VERDICT_BODY &&
            info[i].shape.words < PROSE_MIN_WORDS &&
            !(h->blocks[i].flags & HTML_IN_HEADING) && prev != SIZE_MAX &&
            next < h->block_count && is_chrome_verdict(verdict[prev]) &&
            is_chrome_verdict(verdict[next]))
            verdict[i] = VERDICT_BOILERPLATE;
        prev = i;
    }
}

depeche_status
depeche_extract(const depeche_extractor *x, const depeche_html *h,
                uint8_t *verdict)
{
    if (h->block_count == 0)
        return DEPECHE_OK;
    block_info *info = calloc(h->block_count, sizeof *info);
    double *sum = calloc(h->node_count + 1, sizeof *sum);
    uint8_t *in = calloc(h->block_count, 1);
    if (!info || !sum || !in) {
        free(info);
        free(sum);
        free(in);
        return DEPECHE_ERR_NOMEM;
    }
    value_blocks(x, h, info);
    uint32_t article = best_subtree(h, info, sum);
    article_blocks(h, info, sum, article, in);
    int32_t article_hint = path_hint(h, article);
    size_t first_kept = SIZE_MAX, largest = SIZE_MAX;
    for (size_t i = 0; i < h->block_count; i++) {
        const depeche_html_block *b = &h->blocks[i];
        if (info[i].hard)
            verdict[i] = info[i].hard;
        else if (!in[i])
            verdict[i] = VERDICT_OUTSIDE;
        else
            verdict[i] =
                inside_verdict(h, article, article_hint, b, &info[i].shape);
        if (verdict[i] == VERDICT_BODY && first_kept == SIZE_MAX)
            first_kept = i;
        if (!info[i].hard &&
            (largest == SIZE_MAX || b->chars > h->blocks[largest].chars))
            largest = i;
    }
    drop_islands(h, info, verdict);
    for (first_kept = 0;
         first_kept < h->block_count && verdict[first_kept] != VERDICT_BODY;
         first_kept++)
        ;
    if (first_kept == h->block_count)
        first_kept = SIZE_MAX;
    size_t title = mark_title(h, verdict, first_kept);
    if (title != SIZE_MAX)
        mark_standfirst(h, info, verdict, title, first_kept);
    /* Never nothing: the longest visible block at least. */
    if (first_kept == SIZE_MAX && largest != SIZE_MAX &&
        verdict[largest] != VERDICT_TITLE)
        verdict[largest] = VERDICT_BODY;
    free(info);
    free(sum);
    free(in);
    return DEPECHE_OK;
}
