/* spell_compiled.c -- the words of a hunspell dictionary in one hash table,
 * compiled once (spell_affix.c) and kept in a cache file that later runs
 * map into memory: asking it about a word costs a hash and a compare,
 * where libhunspell strips every affix rule that could apply.
 *
 * The file: a header, then `nslots` 32-bit slots (0: empty, else one past
 * the word's offset in the text), then the text: each word as a length
 * byte and its bytes.  Open addressing with linear probing, at most half
 * full.  Numbers are in the machine's byte order: the key includes it. */
#include "spell_compiled.h"

#include <errno.h>
#include <fcntl.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/mman.h>
#include <sys/stat.h>
#include <unistd.h>

#include "buf.h"
#include "dicts.h"
#include "hash.h"
#include "spell_affix.h"
#include "spell_chars.h"
#include "spell_hunspell.h"

enum { FORMAT_VERSION = 2, MAX_LEN = 255 };

typedef struct file_header {
    char magic[8];
    uint64_t key;
    uint32_t nslots, nwords;
    uint64_t text_len;
    uint32_t complete, unused;
} file_header;

struct spell_compiled {
    const uint32_t *slots;
    const unsigned char *text;
    uint32_t nslots, nwords;
    size_t text_len;
    int complete; /* a plain lowercase word not held is no word */
    void *map;    /* the mapped file, or NULL */
    size_t map_len;
    uint32_t *own_slots; /* compiled in memory when the cache is unwritable */
    unsigned char *own_text;
    char *path;
};

static uint64_t
hash_word(const char *w, size_t n)
{
    return depeche_hash(w, n);
}

/* ----- the table while it is compiled ----- */

typedef struct table {
    uint32_t *slots;
    uint32_t nslots, nwords;
    depeche_buf text;
    int failed;
} table;

static int
table_grow(table *t)
{
    uint32_t ncap = t->nslots ? t->nslots * 2 : 1u << 16;
    uint32_t *ns = calloc(ncap, sizeof *ns);
    if (!ns)
        return 1;
    for (uint32_t i = 0; i < t->nslots; i++) {
        uint32_t v = t->slots[i];
        if (!v)
            continue;
        const unsigned char *e = (unsigned char *)t->text.data + v - 1;
        uint32_t j =
            (uint32_t)hash_word((const char *)e + 1, e[0]) & (ncap - 1);
        while (ns[j])
            j = (j + 1) & (ncap - 1);
        ns[j] = v;
    }
    free(t->slots);
    t->slots = ns;
    t->nslots = ncap;
    return 0;
}

/* The slot of w, or the empty one where it would go; UINT32_MAX when a
 * damaged file has neither (a slot past the text, no empty slot). */
static uint32_t
probe(const uint32_t *slots, uint32_t nslots, const unsigned char *text,
      size_t text_len, const char *w, size_t n)
{
    uint32_t j = (uint32_t)hash_word(w, n) & (nslots - 1);
    for (uint32_t step = 0; step < nslots; step++) {
        uint32_t v = slots[j];
        if (!v)
            return j;
        if (v > text_len || text[v - 1] > text_len - v)
            return UINT32_MAX;
        const unsigned char *e = text + v - 1;
        if (e[0] == n && !memcmp(e + 1, w, n))
            return j;
        j = (j + 1) & (nslots - 1);
    }
    return UINT32_MAX;
}

static int
table_add(void *user, const char *w, size_t n)
{
    table *t = user;
    if (n > MAX_LEN)
        return 0; /* hunspell's to answer */
    if ((t->nwords + 1) * 2 > t->nslots && table_grow(t)) {
        t->failed = 1;
        return 1;
    }
    uint32_t j = probe(t->slots, t->nslots, (unsigned char *)t->text.data,
                       t->text.len, w, n);
    if (t->slots[j])
        return 0;
    if (t->text.len + n + 2 > UINT32_MAX) {
        t->failed = 1;
        return 1;
    }
    unsigned char len = (unsigned char)n;
    uint32_t off = (uint32_t)t->text.len;
    if (depeche_buf_put(&t->text, &len, 1) || depeche_buf_put(&t->text, w, n)) {
        t->failed = 1;
        return 1;
    }
    t->slots[j] = off + 1;
    t->nwords++;
    return 0;
}

/* ----- the cache file ----- */

static char *
cache_dir(void)
{
    depeche_buf b = {0};
    const char *xdg = getenv("XDG_CACHE_HOME");
    const char *home = getenv("HOME");
    if (xdg && *xdg == '/')
        depeche_buf_printf(&b, "%s/depeche", xdg);
    else if (home && *home == '/')
        depeche_buf_printf(&b, "%s/.cache/depeche", home);
    return depeche_buf_detach(&b);
}

/* mkdir -p for the cache folder; errors show when the file is written. */
static void
make_dirs(char *path)
{
    for (char *p = path + 1; *p; p++)
        if (*p == '/') {
            *p = '\0';
            mkdir(path, 0777);
            *p = '/';
        }
    mkdir(path, 0777);
}

static int
write_all(int fd, const void *p, size_t n)
{
    const char *b = p;
    while (n > 0) {
        ssize_t k = write(fd, b, n);
        if (k < 0 && errno == EINTR)
            continue;
        if (k <= 0)
            return 1;
        b += k;
        n -= (size_t)k;
    }
    return 0;
}

/* Writes the table whole under a temporary name, then renames it: a
 * reader never maps half a file, and two writers race harmlessly. */
static int
write_cache(const char *path, uint64_t key, const table *t, int complete)
{
    depeche_buf tmp = {0};
    if (depeche_buf_printf(&tmp, "%s.XXXXXX", path))
        return 1;
    int fd = mkstemp(tmp.data);
    if (fd < 0) {
        depeche_buf_free(&tmp);
        return 1;
    }
    file_header h = {.key = key,
                     .nslots = t->nslots,
                     .nwords = t->nwords,
                     .text_len = t->text.len,
                     .complete = (uint32_t)complete};
    memcpy(h.magic, "DPCSPEL1", 8);
    int bad = write_all(fd, &h, sizeof h) ||
              write_all(fd, t->slots, (size_t)t->nslots * sizeof *t->slots) ||
              write_all(fd, t->text.data, t->text.len);
    bad |= close(fd) != 0;
    if (!bad)
        bad = rename(tmp.data, path) != 0;
    if (bad)
        unlink(tmp.data);
    depeche_buf_free(&tmp);
    return bad;
}

/* Maps the cache file when it is whole and made for key. */
static int
map_cache(spell_compiled *c, const char *path, uint64_t key)
{
    int fd = open(path, O_RDONLY | O_CLOEXEC);
    if (fd < 0)
        return 1;
    struct stat st;
    void *m = MAP_FAILED;
    if (fstat(fd, &st) == 0 && (size_t)st.st_size >= sizeof(file_header))
        m = mmap(NULL, (size_t)st.st_size, PROT_READ, MAP_PRIVATE, fd, 0);
    close(fd);
    if (m == MAP_FAILED)
        return 1;
    const file_header *h = m;
    size_t need = sizeof *h + (size_t)h->nslots * 4 + h->text_len;
    if (memcmp(h->magic, "DPCSPEL1", 8) || h->key != key ||
        need != (size_t)st.st_size || h->nslots == 0 ||
        (h->nslots & (h->nslots - 1))) {
        munmap(m, (size_t)st.st_size);
        return 1;
    }
    c->map = m;
    c->map_len = (size_t)st.st_size;
    c->slots = (const uint32_t *)(h + 1);
    c->text = (const unsigned char *)(c->slots + h->nslots);
    c->nslots = h->nslots;
    c->nwords = h->nwords;
    c->text_len = (size_t)h->text_len;
    c->complete = h->complete == 1;
    return 0;
}

/* ----- opening ----- */

typedef struct extras {
    affix_extra *v;
    size_t n, cap;
    depeche_buf text; /* word NUL model NUL, one after the other */
    int failed;
} extras;

static int
add_extra(void *user, const char *p, size_t n, size_t lineno)
{
    extras *x = user;
    (void)lineno;
    char word[SPELL_ENTRY_MAX], model[SPELL_ENTRY_MAX];
    if (spell_list_entry(p, n, word, model))
        return 0; /* refused when the list is loaded */
    if (depeche_grow((void **)&x->v, &x->cap, x->n + 1, sizeof *x->v) ||
        depeche_buf_put(&x->text, word, strlen(word) + 1) ||
        depeche_buf_put(&x->text, model, strlen(model) + 1)) {
        x->failed = 1;
        return 1;
    }
    x->n++;
    return 0;
}

/* Points the extras at their text once it has stopped moving. */
static void
extras_resolve(extras *x)
{
    const char *p = x->text.data;
    for (size_t k = 0; k < x->n; k++) {
        x->v[k].word = p;
        p += strlen(p) + 1;
        x->v[k].model = p;
        p += strlen(p) + 1;
    }
}

depeche_status
spell_compiled_open(const char *aff_path, const char *dic_path,
                    const spell_word_list *lists, size_t nlists,
                    spell_compiled **out, depeche_error *err)
{
    *out = NULL;
    char *aff = NULL, *dic = NULL;
    size_t aff_len = 0, dic_len = 0;
    if (depeche_read_file(aff_path, &aff, &aff_len) ||
        depeche_read_file(dic_path, &dic, &dic_len)) {
        free(aff);
        return depeche_fail(err, DEPECHE_ERR_DICT, DEPECHE_NO_OFFSET,
                            "cannot read %s", aff ? dic_path : aff_path);
    }
    const char version[] = {FORMAT_VERSION, (char)sizeof(size_t), 1, 0};
    uint16_t order = 1; /* byte order: a file is for one kind of machine */
    uint64_t key = depeche_hash(version, sizeof version);
    key = depeche_hash_more(key, &order, sizeof order);
    key = depeche_hash_more(key, aff, aff_len);
    key = depeche_hash_more(key, "\n--dic--\n", 9);
    key = depeche_hash_more(key, dic, dic_len);
    extras x = {0};
    for (size_t k = 0; k < nlists; k++) {
        key = depeche_hash_more(key, "\n--list--\n", 10);
        key = depeche_hash_more(key, lists[k].data, lists[k].len);
        depeche_dict_each_line(lists[k].data, lists[k].len, add_extra, &x);
    }
    extras_resolve(&x);
    depeche_status st = DEPECHE_OK;
    spell_compiled *c = calloc(1, sizeof *c);
    char *dir = cache_dir();
    if (!c || x.failed) {
        st = depeche_fail(err, DEPECHE_ERR_NOMEM, DEPECHE_NO_OFFSET,
                          "out of memory");
        goto done;
    }
    if (dir) {
        depeche_buf p = {0};
        depeche_buf_printf(&p, "%s/spell-%016llx.bin", dir,
                           (unsigned long long)key);
        c->path = depeche_buf_detach(&p);
    }
    if (c->path && !map_cache(c, c->path, key))
        goto done;
    table t = {0};
    int complete = 0;
    int rc = affix_expand(aff, aff_len, dic, dic_len, x.v, x.n, table_add, &t,
                          &complete);
    if (rc == AFFIX_UNSUPPORTED || (rc == AFFIX_OK && t.nwords == 0)) {
        free(t.slots);
        depeche_buf_free(&t.text);
        free(c->path);
        free(c);
        c = NULL;
        goto done;
    }
    if (rc || t.failed) {
        free(t.slots);
        depeche_buf_free(&t.text);
        st = depeche_fail(err, DEPECHE_ERR_NOMEM, DEPECHE_NO_OFFSET,
                          "out of memory compiling the dictionary");
        goto done;
    }
    if (c->path) {
        make_dirs(dir);
        if (!write_cache(c->path, key, &t, complete) &&
            !map_cache(c, c->path, key)) {
            free(t.slots);
            depeche_buf_free(&t.text);
            goto done;
        }
    }
    /* no cache: the compiled table stays in memory */
    free(c->path);
    c->path = NULL;
    c->own_slots = t.slots;
    c->text_len = t.text.len;
    c->own_text = (unsigned char *)depeche_buf_detach(&t.text);
    c->slots = c->own_slots;
    c->text = c->own_text;
    c->nslots = t.nslots;
    c->nwords = t.nwords;
    c->complete = complete;
done:
    free(x.v);
    depeche_buf_free(&x.text);
    free(dir);
    free(aff);
    free(dic);
    if (st && c) {
        spell_compiled_close(c);
        c = NULL;
    }
    *out = c;
    return st;
}

void
spell_compiled_close(spell_compiled *c)
{
    if (!c)
        return;
    if (c->map)
        munmap(c->map, c->map_len);
    free(c->own_slots);
    free(c->own_text);
    free(c->path);
    free(c);
}

int
spell_compiled_has(const spell_compiled *c, const char *w, size_t n)
{
    if (!c || n == 0 || n > MAX_LEN)
        return 0;
    /* a final dot is an abbreviation hunspell tries with and without;
     * the KEEPCASE marks are no words */
    if (w[n - 1] == '.' || w[0] == AFFIX_KEEPCASE)
        return 0;
    uint32_t j = probe(c->slots, c->nslots, c->text, c->text_len, w, n);
    return j != UINT32_MAX && c->slots[j] != 0;
}

/* Letters hunspell reads as written (no ICONV, no capital): with none
 * but these, a word is whatever checkword says of it as a whole. */
static int
plain_lowercase(const char *w, size_t n)
{
    static const int32_t accented[] = {0xE0, 0xE2, 0xE4, 0xE6, 0xE7, 0xE8,
                                       0xE9, 0xEA, 0xEB, 0xEE, 0xEF, 0xF4,
                                       0xF6, 0xF9, 0xFB, 0xFC, 0xFF, 0x153};
    for (size_t i = 0; i < n;) {
        int32_t cp;
        i += spell_next_cp(w, n, i, &cp);
        if (cp >= 'a' && cp <= 'z')
            continue;
        size_t k = 0;
        while (k < sizeof accented / sizeof *accented && accented[k] != cp)
            k++;
        if (k == sizeof accented / sizeof *accented)
            return 0;
    }
    return 1;
}

/* An uppercase letter and then plain lowercase ones (Paris, Maison):
 * hunspell reads such a word as written, then in lowercase (the .aff has
 * no KEEPCASE when the dictionary compiled whole).  Writes the lowercase
 * form into low; returns its length, 0 for any other word. */
static size_t
initial_capital(const char *w, size_t n, char *low, size_t max)
{
    int32_t first;
    size_t k = spell_next_cp(w, n, 0, &first);
    if (first < 0 || !spell_is_upper(first) || k >= n ||
        !plain_lowercase(w + k, n - k))
        return 0;
    size_t m = spell_lower_copy(w, k, low, max);
    if (m == 0 || m + n - k >= max || !plain_lowercase(low, m))
        return 0;
    memcpy(low + m, w + k, n - k);
    return m + n - k;
}

int
spell_compiled_check(const spell_compiled *c, const char *w, size_t n)
{
    if (spell_compiled_has(c, w, n))
        return 1;
    if (!c || !c->complete || n == 0 || n > MAX_LEN)
        return -1;
    if (plain_lowercase(w, n))
        return 0;
    char low[MAX_LEN + 8];
    size_t m = initial_capital(w, n, low + 1, sizeof low - 1);
    if (!m)
        return -1;
    if (spell_compiled_has(c, low + 1, m)) {
        /* a KEEPCASE homonym may hide the other: hunspell's to say */
        low[0] = AFFIX_KEEPCASE;
        uint32_t j =
            probe(c->slots, c->nslots, c->text, c->text_len, low, m + 1);
        return j != UINT32_MAX && c->slots[j] ? -1 : 1;
    }
    return 0;
}

size_t
spell_compiled_each(const spell_compiled *c,
                    int (*fn)(void *user, const char *w, size_t n), void *user)
{
    size_t k = 0;
    char buf[MAX_LEN + 1];
    for (uint32_t i = 0; i < c->nslots; i++) {
        if (!c->slots[i])
            continue;
        uint32_t v = c->slots[i];
        if (v > c->text_len || c->text[v - 1] > c->text_len - v)
            break;
        const unsigned char *e = c->text + v - 1;
        if (e[0] && e[1] == AFFIX_KEEPCASE)
            continue;
        memcpy(buf, e + 1, e[0]);
        buf[e[0]] = '\0';
        k++;
        if (fn(user, buf, e[0]))
            break;
    }
    return k;
}

uint32_t
spell_compiled_slots(const spell_compiled *c)
{
    return c ? c->nslots : 0;
}

const char *
spell_compiled_word(const spell_compiled *c, uint32_t slot, size_t *n)
{
    uint32_t v = slot < c->nslots ? c->slots[slot] : 0;
    if (!v || v > c->text_len || c->text[v - 1] > c->text_len - v)
        return NULL;
    const unsigned char *e = c->text + v - 1;
    if (e[0] == 0 || e[1] == AFFIX_KEEPCASE)
        return NULL;
    *n = e[0];
    return (const char *)e + 1;
}

const char *
spell_compiled_path(const spell_compiled *c)
{
    return c ? c->path : NULL;
}
