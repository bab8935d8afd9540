/* test_spell_compiled.c -- the compiled dictionary against hunspell on the
 * whole French word list (hunspell-fr-classical): every word the compiled
 * form holds must be one hunspell accepts, and the dictionary's stems
 * hunspell accepts as written must be held (else the compiled form answers
 * for too little).  Prints both counts.  Also: a small dictionary of its
 * own for each rule kind, the cache file reused, a damaged cache ignored.
 * Skipped (77) without the French dictionary. */
#include <hunspell.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <unistd.h>

#include "harness.h"
#include "src/buf.h"
#include "src/dicts.h"
#include "src/spell_compiled.h"
#include "src/spell_hunspell.h"
#include "src/spell_phonetic.h"

typedef struct agree {
    Hunhandle *h;
    size_t words, rejected;
} agree;

static int
ask_hunspell(void *user, const char *w, size_t n)
{
    agree *a = user;
    (void)n;
    a->words++;
    if (!Hunspell_spell(a->h, w)) {
        if (a->rejected++ < 20)
            fprintf(stderr, "compiled holds, hunspell refuses: %s\n", w);
    }
    return 0;
}

typedef struct negatives {
    const spell_compiled *c;
    Hunhandle *h;
    size_t seen, asked, answered, disagree;
    int capitals; /* compare_cases tries capitalized forms too */
} negatives;

/* One edit: compiled and hunspell must agree where the compiled form
 * answers. */
static void
compare(negatives *g, const char *w)
{
    size_t n = strlen(w);
    int k = spell_compiled_check(g->c, w, n);
    g->asked++;
    if (k < 0)
        return;
    g->answered++;
    if (k != (Hunspell_spell(g->h, w) != 0) && g->disagree++ < 20)
        fprintf(stderr, "compiled says %d, hunspell not: %s\n", k, w);
}

/* The word and its form with a capital first (Maison, Élan, Œuvre): the
 * compiled form answers both. */
static void
compare_cases(negatives *g, const char *w)
{
    compare(g, w);
    char cap[300];
    size_t n = strlen(w);
    if (!g->capitals || n + 8 > sizeof cap)
        return;
    static const char *const upper[][2] = {
        {"é", "É"}, {"è", "È"}, {"ê", "Ê"}, {"à", "À"}, {"â", "Â"},
        {"î", "Î"}, {"ô", "Ô"}, {"œ", "Œ"}, {"ç", "Ç"}, {"û", "Û"}};
    if (w[0] >= 'a' && w[0] <= 'z') {
        memcpy(cap, w, n + 1);
        cap[0] = (char)(w[0] - 'a' + 'A');
        compare(g, cap);
        return;
    }
    for (size_t i = 0; i < sizeof upper / sizeof *upper; i++)
        if (!strncmp(w, upper[i][0], 2)) {
            memcpy(cap, upper[i][1], 2);
            memcpy(cap + 2, w + 2, n - 1);
            compare(g, cap);
        }
}

/* Every 24th word (a test of seconds under sanitizers): each byte dropped, each
 * pair swapped, an e made é and an s added (a form the rules may or may not
 * make); for every third of them, each of these with a capital first too
 * (hunspell takes three times as long over those). */
static int
ask_edits(void *user, const char *w, size_t n)
{
    negatives *g = user;
    if (g->seen++ % 24 || n + 3 > 250)
        return 0;
    char buf[256];
    g->capitals = g->seen % 72 == 1;
    compare_cases(g, w);
    for (size_t i = 0; i < n; i++) {
        if ((w[i] & 0xC0) == 0x80)
            continue;
        size_t cl = 1;
        while (i + cl < n && (w[i + cl] & 0xC0) == 0x80)
            cl++;
        memcpy(buf, w, i);
        memcpy(buf + i, w + i + cl, n - i - cl + 1);
        compare_cases(g, buf);
        if (cl == 1 && i + 1 < n && (w[i + 1] & 0x80) == 0) {
            memcpy(buf, w, n + 1);
            buf[i] = w[i + 1];
            buf[i + 1] = w[i];
            compare_cases(g, buf);
        }
        if (w[i] == 'e') {
            memcpy(buf, w, i);
            memcpy(buf + i, "\xC3\xA9", 2);
            memcpy(buf + i + 2, w + i + 1, n - i);
            compare_cases(g, buf);
        }
    }
    memcpy(buf, w, n);
    memcpy(buf + n, "s", 2);
    compare_cases(g, buf);
    return 0;
}

/* The stems of the .dic that hunspell takes as written and the compiled
 * form lacks (beyond elisions, dots and the like it leaves to hunspell). */
static size_t
missing_stems(const spell_compiled *c, Hunhandle *h, const char *dic_path,
              size_t *asked)
{
    char *dic;
    size_t len, missing = 0;
    if (depeche_read_file(dic_path, &dic, &len))
        return (size_t)-1;
    for (size_t i = 0; i < len;) {
        char *e = memchr(dic + i, '\n', len - i);
        size_t n = e ? (size_t)(e - (dic + i)) : len - i;
        size_t w = 0;
        while (w < n && dic[i + w] != '/' && dic[i + w] != '\t' &&
               dic[i + w] != ' ')
            w++;
        char word[256];
        if (i > 0 && w > 0 && w < sizeof word) {
            memcpy(word, dic + i, w);
            word[w] = '\0';
            if (Hunspell_spell(h, word)) {
                (*asked)++;
                if (!spell_compiled_has(c, word, w) && missing++ < 20)
                    fprintf(stderr, "hunspell takes, compiled lacks: %s\n",
                            word);
            }
        }
        i += n + 1;
    }
    free(dic);
    return missing;
}

static void
whole_french(void)
{
    depeche_options opts = {.lang = "fr-FR"};
    depeche_buf aff = {0}, dic = {0};
    depeche_error err = {0};
    if (spell_find_dict(&opts, &aff, &dic, &err)) {
        fprintf(stderr, "skipped: %s\n", err.message);
        exit(77);
    }
    spell_word_list news[1] = {
        {depeche_dict_news_fr, depeche_dict_news_fr_len}};
    spell_compiled *c = NULL;
    CHECK_INT(spell_compiled_open(aff.data, dic.data, news, 1, &c, &err),
              DEPECHE_OK);
    CHECK(c != NULL);
    if (!c)
        return;
    spell_dict d = {.aff_path = aff.data, .dic_path = dic.data};
    agree a = {0};
    CHECK_INT(spell_make_handle(&d, &a.h, &err), DEPECHE_OK);
    size_t n = spell_compiled_each(c, ask_hunspell, &a);
    printf("compiled words: %zu; refused by hunspell: %zu\n", n, a.rejected);
    CHECK(n > 400000);
    CHECK_INT(a.rejected, 0);
    size_t asked = 0;
    size_t missing = missing_stems(c, a.h, dic.data, &asked);
    printf("stems hunspell takes as written: %zu; not compiled: %zu\n", asked,
           missing);
    CHECK_INT(missing, 0);
    /* what it leaves to hunspell */
    CHECK(spell_compiled_has(c, "maison", 6));
    CHECK(spell_compiled_has(c, "chevaux", 7));
    CHECK(!spell_compiled_has(c, "l'homme", 7));
    CHECK(!spell_compiled_has(c, "maisonn", 7));
    /* a second open maps the file the first wrote */
    spell_compiled *again = NULL;
    CHECK_INT(spell_compiled_open(aff.data, dic.data, news, 1, &again, &err),
              DEPECHE_OK);
    CHECK(again && spell_compiled_has(again, "chevaux", 7));
    spell_compiled_close(again);
    /* the words it says are none: edits of its words, in lowercase */
    negatives n2 = {.c = c, .h = a.h};
    spell_compiled_each(c, ask_edits, &n2);
    printf("edits asked: %zu (compiled answers %zu); disagreements: %zu\n",
           n2.asked, n2.answered, n2.disagree);
    CHECK(n2.answered > 100000);
    CHECK_INT(n2.disagree, 0);
    /* the news supplement's words, affixes included */
    CHECK_INT(spell_compiled_check(c, "vaccinodrome", 12), 1);
    CHECK_INT(spell_compiled_check(c, "maisonn", 7), 0);
    CHECK_INT(spell_compiled_check(c, "Maisonn", 7), 0);
    CHECK_INT(spell_compiled_check(c, "Maison", 6), 1);
    CHECK_INT(spell_compiled_check(c, "Paris", 5), 1);
    CHECK_INT(spell_compiled_check(c, "MAISON", 6), -1);
    spell_handle_destroy(a.h);
    spell_compiled_close(c);
    depeche_buf_free(&aff);
    depeche_buf_free(&dic);
}

static void
write_text(const char *path, const char *text)
{
    FILE *f = fopen(path, "w");
    CHECK(f != NULL);
    if (f) {
        fputs(text, f);
        fclose(f);
    }
}

/* A dictionary of its own: each kind of rule, checked word by word. */
static void
small_dictionary(const char *dir)
{
    char aff[512], dic[512];
    snprintf(aff, sizeof aff, "%s/t.aff", dir);
    snprintf(dic, sizeof dic, "%s/t.dic", dir);
    write_text(aff, "SET UTF-8\nFLAG long\nNEEDAFFIX ()\n"
                    "FORBIDDENWORD {}\n"
                    "SFX S. Y 2\nSFX S. 0 s [^sxz]\nSFX S. 0 0 .\n"
                    "SFX X. N 1\nSFX X. al aux/() al\n"
                    "PFX Re Y 1\nPFX Re 0 re [^aeiou]\n"
                    "PFX L' Y 1\nPFX L' 0 l' .\n"
                    "PFX Um Y 1\nPFX Um 0 kilo/S.() .\n"
                    "KEEPCASE ||\n");
    write_text(dic, "6\nchat/S.Re\ncheval/X.\nfaire/ReL'\n"
                    "mètre/Um\nabri/()S.\ngal/||S.\n");
    spell_compiled *c = NULL;
    depeche_error err = {0};
    CHECK_INT(spell_compiled_open(aff, dic, NULL, 0, &c, &err), DEPECHE_OK);
    CHECK(c != NULL);
    if (!c)
        return;
    static const char *const yes[] = {
        "chat",    "chats", "rechat",     "rechats",   "cheval", "faire",
        "refaire", "mètre", "kilomètres", "kilomètre", "abris",  "abri"};
    static const char *const no[] = {"chevaux", "l'faire", "kilo",
                                     "reabri",  "chatss",  "refaires"};
    for (size_t i = 0; i < sizeof yes / sizeof *yes; i++)
        if (!spell_compiled_has(c, yes[i], strlen(yes[i]))) {
            fprintf(stderr, "missing: %s\n", yes[i]);
            CHECK(0);
        }
    for (size_t i = 0; i < sizeof no / sizeof *no; i++)
        if (spell_compiled_has(c, no[i], strlen(no[i]))) {
            fprintf(stderr, "wrongly held: %s\n", no[i]);
            CHECK(0);
        }
    CHECK_INT(spell_compiled_check(c, "chatss", 6), 0);
    CHECK_INT(spell_compiled_check(c, "Chatss", 6), 0);
    CHECK_INT(spell_compiled_check(c, "Rechats", 7), 1);
    /* KEEPCASE: gal as written only; hunspell answers for Gal */
    CHECK_INT(spell_compiled_check(c, "gals", 4), 1);
    CHECK_INT(spell_compiled_check(c, "Gals", 4), -1);
    CHECK_INT(spell_compiled_check(c, "\001gals", 5), -1);
    /* a damaged cache file is compiled again, not trusted */
    const char *path = spell_compiled_path(c);
    CHECK(path != NULL);
    if (path) {
        char copy[1024];
        snprintf(copy, sizeof copy, "%s", path);
        spell_compiled_close(c);
        c = NULL;
        FILE *f = fopen(copy, "r+");
        CHECK(f != NULL);
        if (f) {
            fseek(f, 8, SEEK_SET);
            fputs("XXXX", f);
            fclose(f);
        }
        CHECK_INT(spell_compiled_open(aff, dic, NULL, 0, &c, &err), DEPECHE_OK);
        CHECK(c && spell_compiled_has(c, "rechats", 7));
    }
    spell_compiled_close(c);
    /* what the compiler does not know leaves hunspell alone */
    write_text(aff, "SET UTF-8\nAF 1\nAF A\nSFX A Y 1\nSFX A 0 s .\n");
    c = (spell_compiled *)1;
    CHECK_INT(spell_compiled_open(aff, dic, NULL, 0, &c, &err), DEPECHE_OK);
    CHECK(c == NULL);
}

/* Words that sound alike share a key, others do not; the index finds a
 * word by the key of its misspelling. */
static void
phonetic_keys(void)
{
    static const char *const alike[][2] = {
        {"exelent", "excellent"},      {"troixieme", "troisième"},
        {"monoteiste", "monothéiste"}, {"rhytme", "rythme"},
        {"francofone", "francophone"}, {"guere", "guère"}};
    static const char *const apart[][2] = {
        {"maison", "raison"}, {"pain", "pont"}, {"chat", "chant"}};
    char a[64], b[64];
    for (size_t i = 0; i < sizeof alike / sizeof *alike; i++) {
        spell_phonetic_key(alike[i][0], strlen(alike[i][0]), a, sizeof a);
        spell_phonetic_key(alike[i][1], strlen(alike[i][1]), b, sizeof b);
        if (strcmp(a, b))
            fprintf(stderr, "keys differ: %s %s, %s %s\n", alike[i][0], a,
                    alike[i][1], b);
        CHECK_STR(a, b);
    }
    for (size_t i = 0; i < sizeof apart / sizeof *apart; i++) {
        spell_phonetic_key(apart[i][0], strlen(apart[i][0]), a, sizeof a);
        spell_phonetic_key(apart[i][1], strlen(apart[i][1]), b, sizeof b);
        CHECK(strcmp(a, b) != 0);
    }
    CHECK_INT(spell_phonetic_key("", 0, a, sizeof a), 0);
    CHECK_INT(spell_phonetic_key("-'", 2, a, sizeof a), 0);
}

static void
found(void *user, const char *w, size_t n)
{
    (void)n;
    if (!strcmp(w, "excellent"))
        *(int *)user = 1;
}

static void
phonetic_index(void)
{
    depeche_options opts = {.lang = "fr-FR"};
    depeche_buf aff = {0}, dic = {0};
    depeche_error err = {0};
    spell_compiled *c = NULL;
    if (spell_find_dict(&opts, &aff, &dic, &err) ||
        spell_compiled_open(aff.data, dic.data, NULL, 0, &c, &err) || !c) {
        depeche_buf_free(&aff);
        depeche_buf_free(&dic);
        return;
    }
    spell_phonetic *p = spell_phonetic_build(c);
    CHECK(p != NULL);
    char key[64];
    spell_phonetic_key("exelent", 7, key, sizeof key);
    int got = 0;
    CHECK(spell_phonetic_each(p, key, found, &got, 64) > 0);
    CHECK_INT(got, 1);
    spell_phonetic_free(p);
    spell_compiled_close(c);
    depeche_buf_free(&aff);
    depeche_buf_free(&dic);
}

int
main(void)
{
    char dir[] = "/tmp/depeche-compiled-XXXXXX";
    CHECK(mkdtemp(dir) != NULL);
    setenv("XDG_CACHE_HOME", dir, 1);
    small_dictionary(dir);
    phonetic_keys();
    whole_french();
    phonetic_index();
    char cmd[128];
    snprintf(cmd, sizeof cmd, "rm -rf '%s'", dir);
    CHECK_INT(system(cmd), 0);
    return harness_done();
}
