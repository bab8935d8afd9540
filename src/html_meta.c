/* html_meta.c -- what an HTML page says about itself, and the class/id
 * words that hint at chrome or content. */
#include "html_meta.h"

#include <stdlib.h>
#include <string.h>

#include "buf.h"
#include "dicts.h"

static char **
field(depeche_html_meta *m, const char *key)
{
    static const struct {
        const char *key;
        size_t offset;
    } fields[] = {
        {"title", offsetof(depeche_html_meta, title)},
        {"og:title", offsetof(depeche_html_meta, og_title)},
        {"twitter:title", offsetof(depeche_html_meta, og_title)},
        {"og:site_name", offsetof(depeche_html_meta, site_name)},
        {"application-name", offsetof(depeche_html_meta, site_name)},
        {"author", offsetof(depeche_html_meta, author)},
        {"article:author", offsetof(depeche_html_meta, author)},
        {"byl", offsetof(depeche_html_meta, author)},
        {"dc.creator", offsetof(depeche_html_meta, author)},
        {"article:published_time", offsetof(depeche_html_meta, published)},
        {"datepublished", offsetof(depeche_html_meta, published)},
        {"date", offsetof(depeche_html_meta, published)},
        {"pubdate", offsetof(depeche_html_meta, published)},
        {"publishdate", offsetof(depeche_html_meta, published)},
        {"dc.date", offsetof(depeche_html_meta, published)},
        {"dc.date.issued", offsetof(depeche_html_meta, published)},
        {"og:published_time", offsetof(depeche_html_meta, published)},
        {"lang", offsetof(depeche_html_meta, lang)},
        {"content-language", offsetof(depeche_html_meta, lang)},
        {"og:locale", offsetof(depeche_html_meta, lang)},
        {"headline", offsetof(depeche_html_meta, headline)},
        {"description", offsetof(depeche_html_meta, description)},
        {"og:description", offsetof(depeche_html_meta, description)},
    };
    for (size_t i = 0; i < sizeof fields / sizeof *fields; i++)
        if (!strcmp(fields[i].key, key))
            return (char **)((char *)m + fields[i].offset);
    return NULL;
}

void
depeche_html_meta_take(depeche_html_meta *m, const char *key, char *value)
{
    if (!strcmp(key, "og:type") && strstr(value, "article"))
        m->is_article = 1;
    char **f = field(m, key);
    /* An author given as a profile URL says nothing to a translator. */
    if (f && !*f && *value && !(f == &m->author && !strncmp(value, "http", 4)))
        *f = value;
    else
        free(value);
}

/* The JSON string value after `"key"` in s[0, n), decoded from the common
 * escapes; NULL when absent. */
static char *
json_string(const char *s, size_t n, const char *key)
{
    size_t k = strlen(key);
    for (size_t i = 0; i + k + 2 < n; i++) {
        if (s[i] != '"' || memcmp(s + i + 1, key, k) || s[i + k + 1] != '"')
            continue;
        size_t j = i + k + 2;
        while (j < n && (s[j] == ' ' || s[j] == '\n' || s[j] == '\t' ||
                         s[j] == '\r' || s[j] == ':'))
            j++;
        if (j < n && (s[j] == '{' || s[j] == '[')) {
            /* An object (author: {"name": ...}): its name. */
            size_t end = j + 400 < n ? j + 400 : n;
            return json_string(s + j, end - j, "name");
        }
        if (j >= n || s[j] != '"')
            continue;
        depeche_buf b = {0};
        for (j++; j < n && s[j] != '"'; j++) {
            char c = s[j];
            if (c == '\\' && j + 1 < n) {
                c = s[++j];
                c = c == 'n' || c == 't' ? ' ' : c;
            }
            if (depeche_buf_putc(&b, c)) {
                depeche_buf_free(&b);
                return NULL;
            }
        }
        if (!b.len) {
            depeche_buf_free(&b);
            continue;
        }
        return depeche_buf_detach(&b);
    }
    return NULL;
}

void
depeche_html_meta_jsonld(depeche_html_meta *m, const char *s, size_t n)
{
    static const char *const keys[] = {"headline", "datePublished", "author"};
    static const char *const into[] = {"headline", "datepublished", "author"};
    for (size_t i = 0; i < 3; i++) {
        char *v = json_string(s, n, keys[i]);
        if (v)
            depeche_html_meta_take(m, into[i], v);
    }
    char *type = json_string(s, n, "@type");
    if (type && strstr(type, "Article"))
        m->is_article = 1;
    free(type);
}

static size_t
count_words(const char *s, size_t n)
{
    size_t w = 0;
    for (size_t i = 0; i < n; i++)
        if (s[i] != ' ' && (i == 0 || s[i - 1] == ' '))
            w++;
    return w;
}

static int
same_nocase(const char *a, size_t an, const char *b)
{
    size_t bn = strlen(b);
    if (an != bn)
        return 0;
    for (size_t i = 0; i < an; i++) {
        char x = a[i], y = b[i];
        if (x >= 'A' && x <= 'Z')
            x = (char)(x + 32);
        if (y >= 'A' && y <= 'Z')
            y = (char)(y + 32);
        if (x != y)
            return 0;
    }
    return 1;
}

/* The title without the site's name: "Headline | Site", "Headline - Site",
 * "Site: Headline" when the site is known. */
static char *
strip_site(const char *t, const char *site)
{
    static const char *const seps[] = {
        " | ",        " - ",  " \xE2\x80\x93 ", " \xE2\x80\x94 ",
        " \xC2\xB7 ", " :: ", " // ",           " \xC2\xBB "};
    size_t n = strlen(t);
    for (size_t k = 0; k < sizeof seps / sizeof *seps; k++) {
        const char *sep = NULL;
        /* The last separator: "A - B | Site" keeps "A - B". */
        for (const char *p = strstr(t, seps[k]); p; p = strstr(p + 1, seps[k]))
            sep = p;
        if (!sep)
            continue;
        size_t head = (size_t)(sep - t), sl = strlen(seps[k]);
        const char *tail = sep + sl;
        size_t tail_n = n - head - sl;
        int tail_is_site =
            site ? same_nocase(tail, tail_n, site)
                 : count_words(tail, tail_n) <= 4 && count_words(t, head) >= 3;
        if (tail_is_site)
            return strndup(t, head);
        /* "Site | Headline" */
        const char *first = strstr(t, seps[k]);
        if (site && same_nocase(t, (size_t)(first - t), site))
            return strdup(first + sl);
    }
    return strdup(t);
}

depeche_status
depeche_html_meta_finish(depeche_html_meta *m)
{
    const char *t = m->og_title   ? m->og_title
                    : m->headline ? m->headline
                                  : m->title;
    if (!t)
        return DEPECHE_OK;
    m->clean_title = strip_site(t, m->site_name);
    return m->clean_title ? DEPECHE_OK : DEPECHE_ERR_NOMEM;
}

void
depeche_html_meta_free(depeche_html_meta *m)
{
    free(m->title);
    free(m->og_title);
    free(m->site_name);
    free(m->author);
    free(m->published);
    free(m->lang);
    free(m->headline);
    free(m->description);
    free(m->clean_title);
}

/* ---- class and id words ----------------------------------------------- */

typedef struct name_word {
    char word[24];
    int32_t weight;
    int prefix; /* written WORD*: matches every word starting so */
} name_word;

struct depeche_html_names {
    name_word *words;
    size_t count, cap;
};

static int
add_name(void *user, const char *s, size_t n, size_t lineno)
{
    depeche_html_names *names = user;
    const char *sp = memchr(s, ' ', n);
    if (!sp || (size_t)(sp - s) >= sizeof names->words->word)
        return 0; /* no weight, or too long to be a class word: skipped */
    if (depeche_grow((void **)&names->words, &names->cap, names->count + 1,
                     sizeof *names->words))
        return 1;
    name_word *w = &names->words[names->count++];
    size_t wn = (size_t)(sp - s);
    w->prefix = wn > 1 && s[wn - 1] == '*';
    wn -= (size_t)w->prefix;
    memcpy(w->word, s, wn);
    w->word[wn] = 0;
    w->weight = (int32_t)strtol(sp + 1, NULL, 10);
    return 0;
}

depeche_status
depeche_html_names_new(depeche_html_names **out)
{
    depeche_html_names *n = calloc(1, sizeof *n);
    if (!n)
        return DEPECHE_ERR_NOMEM;
    if (depeche_dict_each_line(depeche_dict_html_names,
                               depeche_dict_html_names_len, add_name, n)) {
        depeche_html_names_free(n);
        return DEPECHE_ERR_NOMEM;
    }
    *out = n;
    return DEPECHE_OK;
}

void
depeche_html_names_free(depeche_html_names *n)
{
    if (!n)
        return;
    free(n->words);
    free(n);
}

/* The entry of a word, or -1. */
static long
word_entry(const depeche_html_names *names, const char *w, size_t n)
{
    for (size_t i = 0; i < names->count; i++) {
        const name_word *e = &names->words[i];
        size_t en = strlen(e->word);
        if ((e->prefix ? n >= en : n == en) && !memcmp(w, e->word, en))
            return (long)i;
    }
    return -1;
}

int32_t
depeche_html_names_hint(const depeche_html_names *names, const char *value,
                        size_t len)
{
    int32_t sum = 0;
    char w[24];
    size_t wn = 0;
    /* Each word counts once: WordPress writes "tag-a tag-b tag-c" on the
     * article itself. */
    long seen[16];
    size_t seen_count = 0;
    for (size_t i = 0; i <= len && i < 512; i++) {
        char c = i < len ? value[i] : ' ';
        int alnum = (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z') ||
                    (c >= '0' && c <= '9');
        if (alnum) {
            if (wn < sizeof w)
                w[wn] = (char)(c >= 'A' && c <= 'Z' ? c + 32 : c);
            wn++;
            continue;
        }
        long e = wn && wn < sizeof w ? word_entry(names, w, wn) : -1;
        wn = 0;
        int again = 0;
        for (size_t k = 0; k < seen_count && !again; k++)
            again = seen[k] == e;
        if (e < 0 || again)
            continue;
        if (seen_count < sizeof seen / sizeof *seen)
            seen[seen_count++] = e;
        sum += names->words[e].weight;
    }
    return sum;
}
