/* spell_hunspell.c -- the speller's hunspell: finding the dictionary,
 * making handles (with the news supplement and the personal list) under
 * the process-wide lock hunspell 1.7 needs, and asking a handle about a
 * word through a memo. */
#include "spell_hunspell.h"

#include <pthread.h>
#include <stdlib.h>
#include <string.h>
#include <strings.h> /* strcasecmp */
#include <sys/stat.h>
#include <unistd.h> /* access */

#include "dicts.h"
#include "hash.h"
#include "spell_chars.h"
#include "utf8.h"

enum { MEMO_MAX = 1 << 19 }; /* strings; the memo starts over past this */

void
spell_memo_free(spell_memo *m)
{
    free(m->slots);
    depeche_buf_free(&m->text);
    memset(m, 0, sizeof *m);
}

/* FNV-1a, 64 bits: the memo's key, and (its low half) the type cache's. */
uint64_t
spell_hash_bytes(const char *w, size_t n)
{
    return depeche_hash(w, n);
}

static memo_slot *
memo_find(const spell_memo *m, const char *w, size_t n, uint64_t h)
{
    size_t j = (size_t)h & (m->cap - 1);
    while (m->slots[j].used) {
        const memo_slot *e = &m->slots[j];
        if (e->hash == h && e->len == n && !memcmp(m->text.data + e->off, w, n))
            break;
        j = (j + 1) & (m->cap - 1);
    }
    return &m->slots[j];
}

/* Room for one more string: the table doubles, or starts over when full.
 * Returns 0 when out of memory. */
static int
memo_room(spell_memo *m)
{
    if (m->n >= MEMO_MAX)
        spell_memo_free(m);
    if ((m->n + 1) * 2 <= m->cap)
        return 1;
    size_t ncap = m->cap ? m->cap * 2 : 4096;
    memo_slot *slots = calloc(ncap, sizeof *slots);
    if (!slots)
        return 0;
    for (size_t i = 0; i < m->cap; i++) {
        if (!m->slots[i].used)
            continue;
        size_t j = (size_t)m->slots[i].hash & (ncap - 1);
        while (slots[j].used)
            j = (j + 1) & (ncap - 1);
        slots[j] = m->slots[i];
    }
    free(m->slots);
    m->slots = slots;
    m->cap = ncap;
    return 1;
}

Hunhandle *
spell_worker_handle(spell_worker *s)
{
    if (!s->h && !s->dict)
        s->wanted_handle = 1;
    if (!s->h && !s->handle_failed && s->dict &&
        spell_make_handle(s->dict, &s->h, NULL))
        s->handle_failed = 1;
    return s->h;
}

int
spell_word(spell_worker *s, const char *w, size_t n)
{
    char buf[MAX_WORD * 2 + 8];
    if (n == 0 || n >= sizeof buf)
        return 0;
    /* most words asked are words: the compiled form knows them at once */
    int known = spell_compiled_check(s->compiled, w, n);
    if (known >= 0)
        return known;
    spell_memo *m = s->memo;
    uint64_t h = spell_hash_bytes(w, n);
    if (m && m->cap) {
        memo_slot *e = memo_find(m, w, n, h);
        if (e->used)
            return e->ok;
    }
    Hunhandle *hh = spell_worker_handle(s);
    if (!hh)
        return 0; /* the check reports it */
    memcpy(buf, w, n);
    buf[n] = '\0';
    int ok = Hunspell_spell(hh, buf) != 0;
    if (m && memo_room(m)) {
        memo_slot *e = memo_find(m, w, n, h);
        if (m->text.len <= UINT32_MAX - n && !depeche_buf_put(&m->text, w, n)) {
            *e = (memo_slot){.hash = h,
                             .off = (uint32_t)(m->text.len - n),
                             .len = (uint16_t)n,
                             .used = 1,
                             .ok = (uint8_t)ok};
            m->n++;
        }
    }
    return ok;
}

static int
readable_file(const char *path)
{
    struct stat st;
    return stat(path, &st) == 0 && S_ISREG(st.st_mode) &&
           access(path, R_OK) == 0;
}

static int
pair_exists(depeche_buf *aff, depeche_buf *dic, const char *dir,
            const char *name)
{
    depeche_buf_clear(aff);
    depeche_buf_clear(dic);
    if (dir)
        depeche_buf_printf(aff, "%s/%s", dir, name);
    else
        depeche_buf_puts(aff, name);
    if (!aff->data || depeche_buf_puts(dic, aff->data) ||
        depeche_buf_puts(aff, ".aff") || depeche_buf_puts(dic, ".dic"))
        return 0;
    return readable_file(aff->data) && readable_file(dic->data);
}

static const char *const system_dirs[] = {
#ifdef DEPECHE_DEFAULT_DICT_DIR
    DEPECHE_DEFAULT_DICT_DIR,
#endif
    "/usr/share/hunspell", "/usr/share/myspell", "/usr/share/myspell/dicts"};

/* Finds NAME.aff and NAME.dic; aff and dic receive the paths. */
depeche_status
spell_find_dict(const depeche_options *opts, depeche_buf *aff, depeche_buf *dic,
                depeche_error *err)
{
    if (opts && opts->dict_path) {
        if (pair_exists(aff, dic, NULL, opts->dict_path))
            return DEPECHE_OK;
        return depeche_fail(err, DEPECHE_ERR_DICT, DEPECHE_NO_OFFSET,
                            "no readable hunspell dictionary %.100s.aff and "
                            ".dic",
                            opts->dict_path);
    }
    const char *lang = opts && opts->lang ? opts->lang : "fr-FR";
    char names[2][32];
    size_t nn = 0;
    size_t i = 0;
    for (; lang[i] && i < sizeof names[0] - 1; i++)
        names[0][i] = lang[i] == '-' ? '_' : lang[i];
    names[0][i] = '\0';
    nn = 1;
    char *us = strchr(names[0], '_');
    if (us) {
        memcpy(names[1], names[0], (size_t)(us - names[0]));
        names[1][us - names[0]] = '\0';
        nn = 2;
    }
    const char *dicpath = getenv("DICPATH");
    for (size_t k = 0; k < nn; k++) {
        if (dicpath) {
            const char *p = dicpath;
            while (*p) {
                const char *c = strchr(p, ':');
                size_t len = c ? (size_t)(c - p) : strlen(p);
                if (len > 0 && len < 1024) {
                    char dir[1024];
                    memcpy(dir, p, len);
                    dir[len] = '\0';
                    if (pair_exists(aff, dic, dir, names[k]))
                        return DEPECHE_OK;
                }
                p += len + (c ? 1 : 0);
            }
        }
        for (size_t d = 0; d < sizeof system_dirs / sizeof *system_dirs; d++)
            if (pair_exists(aff, dic, system_dirs[d], names[k]))
                return DEPECHE_OK;
    }
    depeche_buf msg = {0};
    depeche_buf_printf(&msg, "no hunspell dictionary %s", names[0]);
    if (nn > 1)
        depeche_buf_printf(&msg, " or %s", names[1]);
    depeche_buf_puts(&msg, " (.aff+.dic) in ");
    if (dicpath && *dicpath) {
        if (strlen(dicpath) > 80)
            depeche_buf_printf(&msg, "$DICPATH=%.77s..., ", dicpath);
        else
            depeche_buf_printf(&msg, "$DICPATH=%s, ", dicpath);
    } else {
        depeche_buf_puts(&msg, "$DICPATH (unset), ");
    }
    for (size_t d = 0; d < sizeof system_dirs / sizeof *system_dirs; d++)
        depeche_buf_printf(&msg, "%s%s", d ? ", " : "", system_dirs[d]);
    depeche_status st =
        depeche_fail(err, DEPECHE_ERR_DICT, DEPECHE_NO_OFFSET, "%s",
                     msg.data ? msg.data : "no hunspell dictionary found");
    depeche_buf_free(&msg);
    return st;
}

/* hunspell 1.7 counts the users of a table it shares between handles
 * without a lock: two handles made or destroyed at once, on two threads,
 * leak it or free it under the other.  Every speller of the process makes
 * and destroys its handles under this one lock (the only state the library
 * shares between objects; it guards hunspell's). */
static pthread_mutex_t hunspell_lifetime = PTHREAD_MUTEX_INITIALIZER;

static Hunhandle *
handle_create(const char *aff, const char *dic)
{
    pthread_mutex_lock(&hunspell_lifetime);
    Hunhandle *h = Hunspell_create(aff, dic);
    pthread_mutex_unlock(&hunspell_lifetime);
    return h;
}

void
spell_handle_destroy(Hunhandle *h)
{
    pthread_mutex_lock(&hunspell_lifetime);
    Hunspell_destroy(h);
    pthread_mutex_unlock(&hunspell_lifetime);
}

static depeche_status load_list(Hunhandle *h, const char *data, size_t len,
                                depeche_error *err);

depeche_status
spell_make_handle(const spell_dict *d, Hunhandle **out, depeche_error *err)
{
    *out = NULL;
    Hunhandle *h = handle_create(d->aff_path, d->dic_path);
    if (!h)
        return depeche_fail(err, DEPECHE_ERR_DICT, DEPECHE_NO_OFFSET,
                            "hunspell could not load the dictionary");
    const char *enc = Hunspell_get_dic_encoding(h);
    depeche_status st = DEPECHE_OK;
    if (!enc || (strcasecmp(enc, "UTF-8") && strcasecmp(enc, "UTF8")))
        st = depeche_fail(err, DEPECHE_ERR_DICT, DEPECHE_NO_OFFSET,
                          "dictionary encoding is %.40s; only UTF-8 "
                          "dictionaries (SET UTF-8) are supported",
                          enc ? enc : "unknown");
    if (!st)
        st = load_list(h, depeche_dict_news_fr, depeche_dict_news_fr_len, err);
    if (!st && d->personal)
        st = load_list(h, d->personal, d->personal_len, err);
    if (st) {
        spell_handle_destroy(h);
        return st;
    }
    *out = h;
    return DEPECHE_OK;
}

typedef struct load_ctx {
    Hunhandle *h;
    int bad_line;
} load_ctx;

/* One entry of a word list: `word` or `word model`; the model lends its
 * affixes (elision, plural), a capitalized word defaults to Paris's.
 * Returns 1 when a part does not fit its 256 bytes. */
int
spell_list_entry(const char *p, size_t n, char *word, char *model)
{
    size_t i = 0;
    while (i < n && p[i] != ' ' && p[i] != '\t')
        i++;
    if (i >= SPELL_ENTRY_MAX || n - i >= SPELL_ENTRY_MAX)
        return 1;
    memcpy(word, p, i);
    word[i] = '\0';
    while (i < n && (p[i] == ' ' || p[i] == '\t'))
        i++;
    memcpy(model, p + i, n - i);
    model[n - i] = '\0';
    if (!*model) {
        int32_t cp;
        spell_next_cp(word, strlen(word), 0, &cp);
        if (spell_is_upper(cp) && spell_shape_of(word, strlen(word)) == S_CAP)
            strcpy(model, "Paris");
    }
    return 0;
}

static int
add_line(void *user, const char *p, size_t n, size_t lineno)
{
    load_ctx *lc = user;
    char word[SPELL_ENTRY_MAX], model[SPELL_ENTRY_MAX];
    if (spell_list_entry(p, n, word, model)) {
        lc->bad_line = (int)lineno;
        return 1;
    }
    if (!lc->h)
        return 0; /* checking only (check_list) */
    if (*model)
        Hunspell_add_with_affix(lc->h, word, model);
    else
        Hunspell_add(lc->h, word);
    return 0;
}

static depeche_status
load_list(Hunhandle *h, const char *data, size_t len, depeche_error *err)
{
    size_t bad = depeche_utf8_check(data, len);
    if (bad < len)
        return depeche_fail(err, DEPECHE_ERR_BAD_INPUT, bad,
                            "word list is not valid UTF-8");
    load_ctx lc = {h, 0};
    if (depeche_dict_each_line(data, len, add_line, &lc))
        return depeche_fail(err, DEPECHE_ERR_BAD_INPUT, DEPECHE_NO_OFFSET,
                            "word list line %d is too long", lc.bad_line);
    return DEPECHE_OK;
}

/* What load_list would refuse, found without a handle: a handle made in
 * the middle of a check has no one to tell. */
depeche_status
spell_check_list(const char *data, size_t len, depeche_error *err)
{
    return load_list(NULL, data, len, err);
}

/* The encoding the .aff declares (SET; hunspell reads ISO8859-1 without
 * one), read before the speller's handle is made, when first needed. */
depeche_status
spell_check_aff_encoding(const char *aff_path, depeche_error *err)
{
    char *data;
    size_t len;
    if (depeche_read_file(aff_path, &data, &len))
        return depeche_fail(err, DEPECHE_ERR_DICT, DEPECHE_NO_OFFSET,
                            "cannot read %s", aff_path);
    const char *enc = "ISO8859-1";
    size_t enc_len = 9;
    for (size_t i = 0; i < len;) {
        size_t e = i;
        while (e < len && data[e] != '\n')
            e++;
        size_t j = i;
        if (i == 0 && len >= 3 && !memcmp(data, "\xEF\xBB\xBF", 3))
            j = 3;
        if (e - j > 4 && !memcmp(data + j, "SET", 3) &&
            (data[j + 3] == ' ' || data[j + 3] == '\t')) {
            j += 4;
            while (j < e && (data[j] == ' ' || data[j] == '\t'))
                j++;
            size_t k = j;
            while (k < e && data[k] != ' ' && data[k] != '\t' &&
                   data[k] != '\r')
                k++;
            enc = data + j;
            enc_len = k - j;
            break;
        }
        i = e + 1;
    }
    int utf8 = (enc_len == 5 && !strncasecmp(enc, "UTF-8", 5)) ||
               (enc_len == 4 && !strncasecmp(enc, "UTF8", 4));
    depeche_status st =
        utf8 ? DEPECHE_OK
             : depeche_fail(err, DEPECHE_ERR_DICT, DEPECHE_NO_OFFSET,
                            "dictionary encoding is %.*s; only UTF-8 "
                            "dictionaries (SET UTF-8) are supported",
                            (int)(enc_len < 40 ? enc_len : 40), enc);
    free(data);
    return st;
}
