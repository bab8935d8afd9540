/* test_spell.c -- the speller on French sentences, with the system French
 * dictionary (hunspell-fr-classical).  Without one the test is skipped
 * (exit 77), except the missing-dictionary checks, which run anyway.
 *
 * The sentences marked "sample" are from the Xinhua dispatch of 2021-02-24
 * used as the project's reference sample (short quotations for testing). */
#include <pthread.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include "harness.h"
#include "src/spell.h"

typedef struct got {
    depeche_spell_hit hit;
    char word[128];
    char sugg[4][128];
} got;

typedef struct result {
    got v[64];
    size_t n;
    const depeche_spell_text *segs;
    int stop_after; /* 0: never */
} result;

static int
collect(void *user, const depeche_spell_hit *h)
{
    result *r = user;
    if (r->n < 64) {
        got *g = &r->v[r->n];
        g->hit = *h;
        snprintf(g->word, sizeof g->word, "%.*s", (int)(h->end - h->start),
                 r->segs[h->segment].text + h->start);
        for (size_t i = 0; i < 4; i++)
            snprintf(g->sugg[i], sizeof g->sugg[i], "%s",
                     i < h->suggestion_count ? h->suggestions[i] : "");
        r->n++;
    }
    return r->stop_after && r->n >= (size_t)r->stop_after;
}

static depeche_status
check_segs(depeche_speller *s, const depeche_spell_text *segs, size_t n,
           result *r)
{
    memset(r, 0, sizeof *r);
    r->segs = segs;
    return depeche_speller_check(s, segs, n, collect, r, NULL);
}

static void
check1(depeche_speller *s, const char *text, depeche_kind kind, result *r)
{
    static depeche_spell_text seg;
    seg.text = text;
    seg.len = strlen(text);
    seg.kind = kind;
    depeche_status st = check_segs(s, &seg, 1, r);
    CHECK_INT(st, DEPECHE_OK);
}

static size_t
count_kind(const result *r, depeche_finding_kind kind)
{
    size_t n = 0;
    for (size_t i = 0; i < r->n; i++)
        n += r->v[i].hit.kind == kind;
    return n;
}

static const got *
find(const result *r, const char *word)
{
    for (size_t i = 0; i < r->n; i++)
        if (!strcmp(r->v[i].word, word))
            return &r->v[i];
    return NULL;
}

/* The text is clean: no finding at all. */
static void
expect_clean(depeche_speller *s, const char *text)
{
    result r;
    check1(s, text, DEPECHE_KIND_BODY, &r);
    if (r.n) {
        fprintf(stderr, "unexpected finding in \"%s\": %s \"%s\"\n", text,
                depeche_finding_kind_name(r.v[0].hit.kind), r.v[0].word);
    }
    CHECK_INT(r.n, 0);
}

/* The text has one misspelling, `word`, whose first suggestion is top. */
static void
expect_typo(depeche_speller *s, const char *text, const char *word,
            const char *top)
{
    result r;
    check1(s, text, DEPECHE_KIND_BODY, &r);
    const got *g = find(&r, word);
    CHECK(g != NULL);
    if (!g) {
        fprintf(stderr, "no finding \"%s\" in \"%s\"\n", word, text);
        return;
    }
    CHECK_INT(g->hit.kind, DEPECHE_FINDING_MISSPELLING);
    CHECK_STR(g->sugg[0], top);
    CHECK_INT(count_kind(&r, DEPECHE_FINDING_MISSPELLING), 1);
}

static void
expect_kind(depeche_speller *s, const char *text, depeche_kind seg_kind,
            const char *word, depeche_finding_kind kind, const char *top)
{
    result r;
    check1(s, text, seg_kind, &r);
    const got *g = find(&r, word);
    CHECK(g != NULL);
    if (!g) {
        fprintf(stderr, "no finding \"%s\" in \"%s\"\n", word, text);
        return;
    }
    CHECK_INT(g->hit.kind, kind);
    if (top)
        CHECK_STR(g->sugg[0], top);
    CHECK_INT(count_kind(&r, DEPECHE_FINDING_MISSPELLING),
              kind == DEPECHE_FINDING_MISSPELLING);
}

static const char *const sample[] = {
    "Joe Biden et le PM irakien discutent des attaques visant des missions "
    "diplomatiques en Irak",
    "BAGDAD, 24 février (Xinhua) --",
    "Le président américain Joe Biden et le Premier ministre irakien "
    "Moustafa al-Kazimi se sont entretenus par téléphone des tirs de "
    "roquette sur des missions diplomatiques en Irak, convenant de "
    "l'importance de les protéger, ont indiqué mercredi les services de M. "
    "Kazimi dans un communiqué.",
    "D'après eux, ce dernier a reçu un appel téléphonique de M. Biden tard "
    "mardi soir et les deux parties ont discuté des relations bilatérales et "
    "des moyens de renforcer la coopération dans divers domaines, notamment "
    "en matière de sécurité et de lutte contre le terrorisme.",
    "Le communiqué a indiqué qu'ils avaient également \"souligné "
    "l'importance de protéger les missions diplomatiques en Irak et de "
    "contrer les tentatives visant à menacer la sécurité et la stabilité en "
    "Irak et dans la région\".",
    "Cet appel est survenu après une série d'attaques à la roquette et au "
    "mortier menées par des groupes inconnus contre des bases militaires "
    "irakiennes abritant des forces américaines dans tout le pays, en plus "
    "de l'ambassade des Etats-Unis située dans la \"zone verte\" fortifiée "
    "de Bagdad.",
    "Ces attaques se sont multipliées depuis que les Etats-Unis ont tué le "
    "puissant général iranien Qassem Soleimani lors d'un bombardement ciblé "
    "à Bagdad en janvier 2020, une action largement critiquée par les forces "
    "politiques irakiennes et les milices pro-iraniennes du pays.",
    "M. Kazimi avait indiqué dans un autre communiqué mardi qu'il refusait "
    "\"de faire de l'Irak une arène où l'on règle ses comptes\", soulignant "
    "que \"ces tirs de roquette vains constituent une tentative visant à "
    "entraver les progrès du gouvernement et de le mettre dans "
    "l'embarras\".",
};

static void
test_sample(depeche_speller *s)
{
    size_t n = sizeof sample / sizeof *sample;
    depeche_spell_text segs[sizeof sample / sizeof *sample];
    for (size_t i = 0; i < n; i++) {
        segs[i].text = sample[i];
        segs[i].len = strlen(sample[i]);
        segs[i].kind = i == 0   ? DEPECHE_KIND_TITLE
                       : i == 1 ? DEPECHE_KIND_DATELINE
                                : DEPECHE_KIND_BODY;
    }
    static result r;
    CHECK_INT(check_segs(s, segs, n, &r), DEPECHE_OK);
    CHECK_INT(count_kind(&r, DEPECHE_FINDING_MISSPELLING), 0);
    CHECK_INT(count_kind(&r, DEPECHE_FINDING_FOREIGN), 0);
    static const char *const names[] = {"Kazimi",    "al-Kazimi", "Moustafa",
                                        "Soleimani", "Qassem",    "Xinhua",
                                        "Biden"};
    size_t accents = 0;
    for (size_t i = 0; i < r.n; i++) {
        const got *g = &r.v[i];
        if (g->hit.kind == DEPECHE_FINDING_ACCENT) {
            CHECK_STR(g->word, "Etats-Unis");
            CHECK_STR(g->sugg[0], "États-Unis");
            CHECK_INT(g->hit.suggestion_count, 1);
            accents++;
            continue;
        }
        int known = 0;
        for (size_t k = 0; k < sizeof names / sizeof *names; k++)
            known |= !strcmp(g->word, names[k]);
        if (!known)
            fprintf(stderr, "sample: unexpected %s \"%s\"\n",
                    depeche_finding_kind_name(g->hit.kind), g->word);
        CHECK(known);
        CHECK_INT(g->hit.kind, DEPECHE_FINDING_NAME);
    }
    CHECK_INT(accents, 2);
    /* ordered by segment then start, offsets in the segment's text */
    for (size_t i = 1; i < r.n; i++) {
        const depeche_spell_hit *a = &r.v[i - 1].hit, *b = &r.v[i].hit;
        CHECK(a->segment < b->segment ||
              (a->segment == b->segment && a->start < b->start));
    }
    const got *g = find(&r, "Etats-Unis");
    CHECK(g && g->hit.segment == 5 &&
          !memcmp(sample[5] + g->hit.start, "Etats-Unis", 10));
}

static void
test_misspellings(depeche_speller *s)
{
    expect_typo(s, "Il a baucoup plu hier.", "baucoup", "beaucoup");
    expect_typo(s, "Le developpement du pays.", "developpement",
                "développement");
    expect_typo(s, "Un professionel de la santé.", "professionel",
                "professionnel");
    expect_typo(s, "Il est trés fatigué.", "trés", "très");
    expect_typo(s, "Les dictionaires sont là.", "dictionaires",
                "dictionnaires");
    expect_typo(s, "Que dira-t'il demain ?", "dira-t'il", "dira-t-il");
    expect_typo(s, "Il attend jusqu'a midi.", "jusqu'a", "jusqu'à");
    expect_typo(s, "Elle viendra aujourdhui.", "aujourdhui", "aujourd'hui");
    expect_typo(s, "C'est une bibliotèque.", "bibliotèque", "bibliothèque");
    /* two or three edits away, sounding the same (spell_phonetic.c) */
    expect_typo(s, "Un travail exelent.", "exelent", "excellent");
    expect_typo(s, "La troixieme fois.", "troixieme", "troisième");
    expect_typo(s, "Un roi monoteiste.", "monoteiste", "monothéiste");
    /* a first word that is a typo, not a name */
    expect_typo(s, "Baucoup de gens sont venus.", "Baucoup", "Beaucoup");
    /* the curly apostrophe is kept in suggestions */
    expect_typo(s,
                "Il attend jusqu\xE2\x80\x99"
                "a midi.",
                "jusqu\xE2\x80\x99"
                "a",
                "jusqu\xE2\x80\x99"
                "à");
    /* the finding covers the word, not its elision */
    result r;
    check1(s, "Selon l'importanse du texte.", DEPECHE_KIND_BODY, &r);
    CHECK_INT(r.n, 1);
    CHECK_STR(r.v[0].word, "importanse");
    CHECK_STR(r.v[0].sugg[0], "importance");
}

static void
test_clean_text(depeche_speller *s)
{
    /* elisions, straight and curly */
    expect_clean(s, "Aujourd'hui, la presqu'île est calme jusqu'alors.");
    expect_clean(s, "Lorsqu'il vient, puisqu'elle part, quoiqu'il arrive.");
    expect_clean(s, "L\xE2\x80\x99importance de l\xE2\x80\x99"
                    "État qu\xE2\x80\x99il défend aujourd\xE2\x80\x99hui.");
    expect_clean(s, "Quelqu'un l'a vu, c'est-à-dire qu'on l'a su.");
    /* hyphens */
    expect_clean(s, "Les milices pro-iraniennes, a-t-il dit, va-t-elle "
                    "partir ? Peut-être.");
    expect_clean(s, "Un accord franco-allemand et un ex-ministre.");
    /* numbers, units, ordinals */
    expect_clean(s, "Une hausse de 20 % sur 3,5 km à 12h30, le 1er mai.");
    expect_clean(s, "Au XXe siècle et au XIXe, les 2e et 3es places.");
    expect_clean(s, "Il pèse 80 kg et mesure 1,85 m pour 25 MW.");
    /* URLs, e-mails, hashtags, mentions, acronyms */
    expect_clean(s, "Voir https://example.org/a?b=1 ou www.example.fr/x.");
    expect_clean(s, "Écrire à jean.dupont@example.fr ou xinhuanet_french@"
                    "news.cn.");
    expect_clean(s, "Le mot-dièse #Irak et @AFP selon l'ONU et l'OTAN.");
    expect_clean(s, "Le SMIC, la BCE, le FMI et la CGT.");
    /* the news supplement */
    expect_clean(s, "Selon Xinhua et Reuters, l'OMS et l'Unesco.");
}

static void
test_names(depeche_speller *s)
{
    /* mid-sentence capital */
    expect_kind(s, "Il a rencontré Zorblatt hier.", DEPECHE_KIND_BODY,
                "Zorblatt", DEPECHE_FINDING_NAME, NULL);
    /* after a title */
    expect_kind(s, "Le ministre Quuxberg a parlé.", DEPECHE_KIND_BODY,
                "Quuxberg", DEPECHE_FINDING_NAME, NULL);
    /* part of a capitalized sequence, first word */
    expect_kind(s, "Rajesh Bhagwan est secrétaire.", DEPECHE_KIND_BODY,
                "Rajesh", DEPECHE_FINDING_NAME, NULL);
    /* a title segment */
    expect_kind(s, "Zorblatt discute avec Paris", DEPECHE_KIND_TITLE,
                "Zorblatt", DEPECHE_FINDING_NAME, NULL);
    /* recurring in the document, first word of each sentence */
    depeche_spell_text segs[2] = {
        {"Vlorbek est venu.", 17, DEPECHE_KIND_BODY},
        {"Vlorbek est reparti.", 20, DEPECHE_KIND_BODY}};
    result r;
    CHECK_INT(check_segs(s, segs, 2, &r), DEPECHE_OK);
    CHECK_INT(count_kind(&r, DEPECHE_FINDING_NAME), 2);
    CHECK_INT(r.n, 2);
    /* a name particle is part of the name */
    check1(s, "La fusée de Wernher von Braun.", DEPECHE_KIND_BODY, &r);
    CHECK(find(&r, "von") == NULL);
    CHECK_INT(count_kind(&r, DEPECHE_FINDING_MISSPELLING), 0);
}

static void
test_accent_and_foreign(depeche_speller *s)
{
    result r;
    expect_kind(s, "Le coeur du sujet.", DEPECHE_KIND_BODY, "coeur",
                DEPECHE_FINDING_ACCENT, "cœur");
    expect_kind(s, "Une messe à l'Eglise.", DEPECHE_KIND_BODY, "Eglise",
                DEPECHE_FINDING_ACCENT, "Église");
    expect_kind(s, "Un coup d'Etat manqué.", DEPECHE_KIND_BODY, "Etat",
                DEPECHE_FINDING_ACCENT, "État");
    expect_kind(s, "Il faut connaitre la loi.", DEPECHE_KIND_BODY, "connaitre",
                DEPECHE_FINDING_ACCENT, "connaître");
    expect_kind(s, "Joyeux Noel à tous.", DEPECHE_KIND_BODY, "Noel",
                DEPECHE_FINDING_ACCENT, "Noël");
    /* the variants French spelling allows are still tried: ç before a, o,
     * u; a tréma after a vowel */
    expect_kind(s, "Le peuple Francais vote.", DEPECHE_KIND_BODY, "Francais",
                DEPECHE_FINDING_ACCENT, "Français");
    expect_kind(s, "Il vit en Haiti depuis longtemps.", DEPECHE_KIND_BODY,
                "Haiti", DEPECHE_FINDING_ACCENT, "Haïti");
    /* a capitalized common word misspelt mid-sentence is no name */
    expect_kind(s, "Il a traversé la Méditerannée en bateau.",
                DEPECHE_KIND_BODY, "Méditerannée", DEPECHE_FINDING_MISSPELLING,
                "Méditerranée");
    expect_kind(s, "La Commision européenne a décidé.", DEPECHE_KIND_BODY,
                "Commision", DEPECHE_FINDING_MISSPELLING, "Commission");
    /* English inside a hyphenated word */
    {
        result h;
        check1(s, "Le modèle web-of-trust est connu.", DEPECHE_KIND_BODY, &h);
        CHECK_INT(h.n, 1);
        CHECK_INT(h.v[0].hit.kind, DEPECHE_FINDING_FOREIGN);
    }
    /* a run of English, reported once */
    check1(s, "Il a chanté The Lord of the Rings hier soir.", DEPECHE_KIND_BODY,
           &r);
    CHECK_INT(r.n, 1);
    CHECK_INT(r.v[0].hit.kind, DEPECHE_FINDING_FOREIGN);
    CHECK_STR(r.v[0].word, "The Lord of the Rings");
    /* another alphabet */
    check1(s, "Le mot naučný est tchèque.", DEPECHE_KIND_BODY, &r);
    CHECK_INT(r.n, 1);
    CHECK_INT(r.v[0].hit.kind, DEPECHE_FINDING_FOREIGN);
}

static void
test_abort(depeche_speller *s)
{
    depeche_spell_text seg = {"Il a baucoup plu sur le developpement.", 38,
                              DEPECHE_KIND_BODY};
    result r;
    memset(&r, 0, sizeof r);
    r.segs = &seg;
    r.stop_after = 1;
    CHECK_INT(depeche_speller_check(s, &seg, 1, collect, &r, NULL),
              DEPECHE_ERR_ABORTED);
    CHECK_INT(r.n, 1);
}

/* A token far longer than any word (a megabyte of letters) is one
 * misspelling covering it, with no suggestion, and so is one just past the
 * 120 bytes a word may have; one at the limit is analysed as a word. */
static void
test_overlong(depeche_speller *s)
{
    size_t sizes[] = {1u << 20, 121};
    for (size_t k = 0; k < 2; k++) {
        size_t n = sizes[k];
        char *text = malloc(n + 16);
        CHECK(text != NULL);
        if (!text)
            return;
        memcpy(text, "Le mot ", 7);
        memset(text + 7, 'a', n);
        memcpy(text + 7 + n, " ici.", 6);
        result r;
        check1(s, text, DEPECHE_KIND_BODY, &r);
        CHECK_INT(r.n, 1);
        CHECK_INT(r.v[0].hit.kind, DEPECHE_FINDING_MISSPELLING);
        CHECK_INT(r.v[0].hit.start, 7);
        CHECK_INT(r.v[0].hit.end, 7 + n);
        CHECK_INT(r.v[0].hit.suggestion_count, 0);
        free(text);
    }
    /* 120 bytes of a word's parts: a compound of known words */
    char compound[160] = "Le ";
    while (strlen(compound) < 3 + 114)
        strcat(compound, "porte-");
    strcat(compound, "porte est là.");
    expect_clean(s, compound);
}

static void
test_suggest_none(const depeche_options *o)
{
    depeche_speller *s;
    CHECK_INT(depeche_speller_new(o, &s, NULL), DEPECHE_OK);
    depeche_speller_set_suggest(s, DEPECHE_SUGGEST_NONE);
    result r;
    check1(s, "Il a baucoup plu.", DEPECHE_KIND_BODY, &r);
    CHECK_INT(r.n, 1);
    CHECK_INT(r.v[0].hit.suggestion_count, 0);
    depeche_speller_free(s);
}

static void
test_personal(void)
{
    char path[] = "/tmp/depeche-test-personal-XXXXXX";
    int fd = mkstemp(path);
    CHECK(fd >= 0);
    if (fd < 0)
        return;
    const char *list = "# my words\nAngiox\nfrobnicateur\n"
                       "blurgification organisation\n";
    CHECK(write(fd, list, strlen(list)) == (ssize_t)strlen(list));
    close(fd);
    depeche_options o;
    depeche_options_init(&o);
    o.personal_dict = path;
    depeche_speller *s;
    depeche_error err;
    CHECK_INT(depeche_speller_new(&o, &s, &err), DEPECHE_OK);
    expect_clean(s, "Le frobnicateur d'Angiox et l'Angiox.");
    expect_clean(s, "La ville d\xE2\x80\x99"
                    "Angiox.");
    /* a model lends its affixes: plural and elision */
    expect_clean(s, "Les blurgifications et l'blurgification.");
    depeche_speller_free(s);
    unlink(path);
    o.personal_dict = "/nonexistent/depeche/personal.txt";
    CHECK_INT(depeche_speller_new(&o, &s, &err), DEPECHE_ERR_IO);
    CHECK(s == NULL);
}

static void
write_file(const char *path, const char *text)
{
    FILE *f = fopen(path, "wb");
    CHECK(f != NULL);
    if (f) {
        fputs(text, f);
        fclose(f);
    }
}

/* What a dictionary or a personal list gets wrong is told by
 * depeche_speller_new, though hunspell's handles are made later, when a
 * word first needs one. */
static void
test_refused_before_loading(void)
{
    char dir[] = "/tmp/depeche-test-dict-XXXXXX";
    CHECK(mkdtemp(dir) != NULL);
    char aff[64], dic[64], base[64], list[64];
    snprintf(aff, sizeof aff, "%s/xx.aff", dir);
    snprintf(dic, sizeof dic, "%s/xx.dic", dir);
    snprintf(base, sizeof base, "%s/xx", dir);
    snprintf(list, sizeof list, "%s/list.txt", dir);
    write_file(aff, "# a Latin-1 dictionary\nSET ISO8859-1\nTRY esiant\n");
    write_file(dic, "1\nmot\n");
    write_file(list, "Angiox\nmauvais \xE9t\xE9\n");
    for (unsigned threads = 1; threads <= 2; threads++) {
        depeche_options o;
        depeche_options_init(&o);
        o.threads = threads;
        o.dict_path = base;
        depeche_speller *s = NULL;
        depeche_error err;
        CHECK_INT(depeche_speller_new(&o, &s, &err), DEPECHE_ERR_DICT);
        CHECK(s == NULL && strstr(err.message, "ISO8859-1") != NULL);
        o.dict_path = NULL; /* the system's French dictionary */
        o.personal_dict = list;
        CHECK_INT(depeche_speller_new(&o, &s, &err), DEPECHE_ERR_BAD_INPUT);
        CHECK(s == NULL && strstr(err.message, "UTF-8") != NULL);
        CHECK_INT(err.byte_offset, 7 + 8); /* the byte after "mauvais " */
    }
    unlink(aff);
    unlink(dic);
    unlink(list);
    rmdir(dir);
}

static void
test_missing_dict(void)
{
    depeche_options o;
    depeche_options_init(&o);
    depeche_speller *s = (depeche_speller *)&o;
    depeche_error err;
    o.dict_path = "/nonexistent/depeche/fr_XX";
    CHECK_INT(depeche_speller_new(&o, &s, &err), DEPECHE_ERR_DICT);
    CHECK(s == NULL);
    CHECK_INT(err.status, DEPECHE_ERR_DICT);
    CHECK(strstr(err.message, "/nonexistent/depeche/fr_XX") != NULL);

    o.dict_path = NULL;
    o.lang = "xx-YY";
    setenv("DICPATH", "/nonexistent/one:/nonexistent/two", 1);
    CHECK_INT(depeche_speller_new(&o, &s, &err), DEPECHE_ERR_DICT);
    CHECK(strstr(err.message, "xx_YY") != NULL);
    CHECK(strstr(err.message, " xx ") != NULL);
    CHECK(strstr(err.message, "/nonexistent/one") != NULL);
    CHECK(strstr(err.message, "/nonexistent/two") != NULL);
    CHECK(strstr(err.message, "/usr/share/hunspell") != NULL);
    CHECK(strstr(err.message, "/usr/share/myspell") != NULL);
    CHECK(strstr(err.message, "/usr/share/myspell/dicts") != NULL);

    /* a long $DICPATH is abbreviated, the system folders still named */
    char longpath[600];
    memset(longpath, 'a', sizeof longpath - 1);
    longpath[0] = '/';
    longpath[sizeof longpath - 1] = '\0';
    setenv("DICPATH", longpath, 1);
    CHECK_INT(depeche_speller_new(&o, &s, &err), DEPECHE_ERR_DICT);
    CHECK(strstr(err.message, "/usr/share/myspell/dicts") != NULL);
    unsetenv("DICPATH");

    /* a region the system lacks falls back on the language */
    o.lang = "fr-XX";
    if (depeche_speller_new(&o, &s, &err) == DEPECHE_OK)
        depeche_speller_free(s);
    else
        CHECK(strstr(err.message, "fr_XX or fr") != NULL);

    /* the dictionary found through $DICPATH */
    setenv("DICPATH", "/nonexistent/one:/usr/share/hunspell", 1);
    o.lang = "fr-FR";
    if (depeche_speller_new(&o, &s, &err) == DEPECHE_OK)
        depeche_speller_free(s);
    unsetenv("DICPATH");
    depeche_speller_free(NULL);
}

/* What plain hunspell catches in news and the tokens hid (issue 14): a
 * letter O in a number, a time with a capital H, an inversion parted by a
 * space; not the names with digits, nor a dash between two clauses. */
static void
test_number_and_inversion_misses(depeche_speller *s)
{
    expect_typo(s, "Le total est de 1O.365 euros.", "1O.365", "10.365");
    expect_typo(s, "Il est né en 2O18 à Lyon.", "2O18", "2018");
    expect_typo(s, "Rendez-vous à 11H00 demain.", "11H00", "11h00");
    expect_typo(s, "Qu'en pensent-ils et qu'auraient- ils fait ?",
                "auraient- ils", "auraient-ils");
    expect_typo(s, "Viendront -elles demain ?", "Viendront -elles",
                "Viendront-elles");
    expect_typo(s, "Que pense -t-on de lui ?", "pense -t-on", "pense-t-on");
    expect_clean(s, "Un A380, du H2O, la 4G, le CO2 et le 1er mai à 11h00.");
    expect_clean(s, "Il pleut à Paris - il pleut aussi à Lyon.");
    expect_typo(s, "Savez- vous nager ?", "Savez- vous", "Savez-vous");
    expect_typo(s, "Puis- je venir ?", "Puis- je", "Puis-je");
    /* a dash glued to the word before: the pronoun starts a clause */
    expect_clean(s, "Le maire- nous présenterons le plan.");
    expect_clean(s, "Dans la note- il ressort que tout va bien.");
    expect_clean(s, "Nous étions embrassés- je le sais.");
    expect_clean(s, "Écoutez- vous ne pouvez pas tout mélanger.");
    expect_clean(s, "À 25H30 ou 10H5 : pas une heure.");
}

/* Hunspell's handle is made when a word first needs it, not before: words
 * the compiled form knows need none, capitalized or not; an elided word
 * is hunspell's to answer. */
static void
test_handle_when_needed(depeche_options *o)
{
    depeche_speller *s = NULL;
    CHECK_INT(depeche_speller_new(o, &s, NULL), DEPECHE_OK);
    if (!s)
        return;
    CHECK_INT(spell_speller_handles(s), 0);
    result r;
    check1(s, "Paris est une belle ville, disait Marcel.", DEPECHE_KIND_BODY,
           &r);
    CHECK_INT(count_kind(&r, DEPECHE_FINDING_MISSPELLING), 0);
    CHECK_INT(spell_speller_handles(s), 0);
    check1(s, "Il a vu l'homme et l'hommme.", DEPECHE_KIND_BODY, &r);
    CHECK_INT(count_kind(&r, DEPECHE_FINDING_MISSPELLING), 1);
    CHECK_INT(spell_speller_handles(s), 1);
    depeche_speller_free(s);
}

#define LONG_WORD                                                              \
    ("aaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaa"   \
     "aaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaa")

/* Random French-ish text made of the pieces the tokenizer cares about:
 * findings stay inside their segment, in order, whatever the input. */
static void
test_random(depeche_speller *s)
{
    static const char *const pieces[] = {"l'",
                                         "L\xE2\x80\x99",
                                         "-",
                                         "--",
                                         "t-il",
                                         "a-t'il",
                                         "\xC3\x89",
                                         "oe",
                                         "http://x.fr/a",
                                         "@afp",
                                         "#Irak",
                                         "12h30",
                                         "3,5",
                                         "1er",
                                         "XXe",
                                         " ",
                                         " ",
                                         ". ",
                                         ", ",
                                         "\"",
                                         "\xC2\xAB ",
                                         " \xC2\xBB",
                                         "Kazimi",
                                         "la",
                                         "maison",
                                         "baucoup",
                                         "Etats-Unis",
                                         "coeur",
                                         "the",
                                         "of",
                                         "M. ",
                                         "\xE2\x80\x99",
                                         "\xE2\x80\xA6",
                                         "na\xC4\x8Dn\xC3\xBD",
                                         "a",
                                         "Z",
                                         LONG_WORD,
                                         "\xFF",
                                         "\xC3",
                                         "'",
                                         "\xE2\x80"};
    unsigned seed = 12345;
    static char texts[4][512];
    for (int round = 0; round < 300; round++) {
        depeche_spell_text segs[4];
        for (size_t k = 0; k < 4; k++) {
            size_t len = 0;
            int parts = (int)((seed = seed * 1103515245u + 12345u) >> 16) % 12;
            for (int i = 0; i < parts; i++) {
                seed = seed * 1103515245u + 12345u;
                const char *p =
                    pieces[(seed >> 16) % (sizeof pieces / sizeof *pieces)];
                size_t pl = strlen(p);
                if (len + pl >= sizeof texts[k])
                    break;
                memcpy(texts[k] + len, p, pl);
                len += pl;
            }
            texts[k][len] = '\0';
            segs[k].text = texts[k];
            segs[k].len = len;
            segs[k].kind = k == 0 ? DEPECHE_KIND_TITLE : DEPECHE_KIND_BODY;
        }
        static result r;
        CHECK_INT(check_segs(s, segs, 4, &r), DEPECHE_OK);
        for (size_t i = 0; i < r.n; i++) {
            const depeche_spell_hit *h = &r.v[i].hit;
            CHECK(h->segment < 4 && h->start < h->end &&
                  h->end <= segs[h->segment].len);
            if (i)
                CHECK(r.v[i - 1].hit.segment < h->segment ||
                      (r.v[i - 1].hit.segment == h->segment &&
                       r.v[i - 1].hit.end <= h->start));
        }
    }
    /* empty and blank segments */
    depeche_spell_text empty[2] = {{"", 0, DEPECHE_KIND_BODY},
                                   {"  ", 2, DEPECHE_KIND_BODY}};
    result r;
    CHECK_INT(check_segs(s, empty, 2, &r), DEPECHE_OK);
    CHECK_INT(r.n, 0);
    CHECK_INT(check_segs(s, NULL, 0, &r), DEPECHE_OK);
}

/* Every finding as a line, for comparing two runs whole. */
typedef struct transcript {
    char text[1 << 20];
    size_t len, count;
} transcript;

static int
transcribe(void *user, const depeche_spell_hit *h)
{
    transcript *t = user;
    int k = snprintf(t->text + t->len, sizeof t->text - t->len,
                     "%zu:%zu-%zu %s", h->segment, h->start, h->end,
                     depeche_finding_kind_name(h->kind));
    for (size_t i = 0; k > 0 && i < h->suggestion_count; i++)
        if ((size_t)k < sizeof t->text - t->len)
            k += snprintf(t->text + t->len + k, sizeof t->text - t->len - k,
                          " %s", h->suggestions[i]);
    if (k > 0 && (size_t)k + 1 < sizeof t->text - t->len) {
        t->len += (size_t)k;
        t->text[t->len++] = '\n';
        t->text[t->len] = '\0';
    }
    t->count++;
    return 0;
}

/* Many new word types are analysed by several threads, the helpers without
 * hunspell: the findings must be exactly those of one thread. */
static void
test_threads(const depeche_options *base)
{
    static const char *const syllables[] = {
        "ma",    "son", "Ka",  "zi",    "mi",  "tr",  "ou",  "ve",
        "ré",    "pu",  "bli", "que",   "Eta", "ts",  "coe", "ur",
        "gou",   "ver", "ne",  "ment",  "Bag", "dad", "pr",  "és",
        "ident", "nn",  "ll",  "ation", "-",   "d'",  "l'"};
    static char texts[8][2048];
    depeche_spell_text segs[8];
    unsigned seed = 2021;
    for (size_t k = 0; k < 8; k++) {
        size_t len = 0;
        while (len + 64 < sizeof texts[k]) {
            int parts =
                2 + (int)((seed = seed * 1103515245u + 12345u) >> 16) % 3;
            for (int i = 0; i < parts; i++) {
                seed = seed * 1103515245u + 12345u;
                const char *p = syllables[(seed >> 16) % (sizeof syllables /
                                                          sizeof *syllables)];
                memcpy(texts[k] + len, p, strlen(p));
                len += strlen(p);
            }
            texts[k][len++] = (seed >> 20) % 9 ? ' ' : '.';
            if (texts[k][len - 1] == '.')
                texts[k][len++] = ' ';
        }
        texts[k][len] = '\0';
        segs[k] = (depeche_spell_text){texts[k], len, DEPECHE_KIND_BODY};
    }
    static transcript runs[2];
    for (int r = 0; r < 2; r++) {
        depeche_options o = *base;
        o.threads = r ? 3 : 1;
        depeche_speller *s;
        CHECK_INT(depeche_speller_new(&o, &s, NULL), DEPECHE_OK);
        /* Suggestions are made after the analysis, on one thread. */
        depeche_speller_set_suggest(s, DEPECHE_SUGGEST_NONE);
        runs[r].len = runs[r].count = 0;
        runs[r].text[0] = '\0';
        CHECK_INT(depeche_speller_check(s, segs, 8, transcribe, &runs[r], NULL),
                  DEPECHE_OK);
        /* helpers leave the types hunspell must answer (d'..., l'...) to
         * the calling thread: one handle, whatever the threads */
        CHECK_INT(spell_speller_handles(s), 1);
        depeche_speller_free(s);
    }
    CHECK(runs[0].count > 500); /* enough new types for the helpers */
    CHECK_INT(runs[1].count, runs[0].count);
    CHECK(!strcmp(runs[0].text, runs[1].text));
}

/* Suggestions do not depend on the threads either (issue 18): hunspell's
 * own search stops after a quarter of a second of the process's CPU time,
 * which a loader or helper thread spends too, so the default mode does
 * without it.  ~500 new names start the helpers; stéréotypique is two words
 * run together, found by no edit (--jobs 1 gave 6 suggestions, --jobs 2
 * gave 4); exelent is found by sound alone (spell_phonetic.c). */
static void
test_threads_suggestions(const depeche_options *base)
{
    static const char *const syllables[] = {"Ka",  "zu", "mo",  "ri",
                                            "tel", "bo", "gan", "dré"};
    static const char typos[] =
        "Un comportement stéréotypique du gouvernment, baucoup de "
        "developement autour de la Méditerannée, un travail exelent. ";
    static char text[16384];
    size_t len = 0;
    memcpy(text, typos, sizeof typos - 1);
    len += sizeof typos - 1;
    for (size_t a = 0; a < 8; a++)
        for (size_t b = 0; b < 8; b++)
            for (size_t c = 0; c < 8; c++) {
                len += (size_t)snprintf(
                    text + len, sizeof text - len, "%s %s%s%s",
                    c ? "," : "avec", syllables[a], syllables[b], syllables[c]);
                if (c == 7)
                    len +=
                        (size_t)snprintf(text + len, sizeof text - len, ". ");
            }
    depeche_spell_text seg = {text, len, DEPECHE_KIND_BODY};
    static transcript runs[3];
    for (int r = 0; r < 3; r++) {
        depeche_options o = *base;
        o.threads = (unsigned)r + 1;
        depeche_speller *s;
        CHECK_INT(depeche_speller_new(&o, &s, NULL), DEPECHE_OK);
        runs[r].len = runs[r].count = 0;
        runs[r].text[0] = '\0';
        CHECK_INT(depeche_speller_check(s, &seg, 1, transcribe, &runs[r], NULL),
                  DEPECHE_OK);
        depeche_speller_free(s);
        CHECK(strstr(runs[r].text, "misspelling stéréo-typique "));
        CHECK(strstr(runs[r].text, "misspelling excellent ")); /* by sound */
        if (r) {
            CHECK_INT(runs[r].count, runs[0].count);
            CHECK(!strcmp(runs[r].text, runs[0].text));
        }
    }
    CHECK(runs[0].count > 500); /* enough new types for the helpers */
}

/* A document past BIG_DOC (1 MB) is read in two passes, names counted in
 * the first: each copy of a paragraph must get the findings it gets in a
 * small document of two copies (where its names recur too).  A sentence
 * starts with eMule, a name only because it recurs (alone, it would be a
 * misspelling of "émule").  Each document gets a fresh speller: counts
 * left from an earlier document must not stand in for this one's. */
static void
test_big_document(const depeche_options *o)
{
    static const char para[] =
        "eMule plait au camp anti-Trump. Moustafa al-Kazimi a parlé aux "
        "Etats-Unis du gouvernment et de Joe Biden, selon Kazimi.";
    size_t copies = (1u << 20) / (sizeof para - 1) + 64;
    depeche_spell_text *segs = calloc(copies, sizeof *segs);
    CHECK(segs != NULL);
    if (!segs)
        return;
    for (size_t i = 0; i < copies; i++)
        segs[i] =
            (depeche_spell_text){para, sizeof para - 1, DEPECHE_KIND_BODY};
    static transcript runs[2];
    size_t n[2] = {copies, 2};
    for (int r = 0; r < 2; r++) {
        depeche_speller *s;
        CHECK_INT(depeche_speller_new(o, &s, NULL), DEPECHE_OK);
        depeche_speller_set_suggest(s, DEPECHE_SUGGEST_NONE);
        runs[r].len = runs[r].count = 0;
        runs[r].text[0] = '\0';
        CHECK_INT(
            depeche_speller_check(s, segs, n[r], transcribe, &runs[r], NULL),
            DEPECHE_OK);
        depeche_speller_free(s);
    }
    transcript *big = &runs[0], *small = &runs[1];
    CHECK(small->count >= 4);
    CHECK_INT(big->count, small->count / 2 * copies);
    /* the first two copies' lines, segment numbers and all */
    CHECK(big->len >= small->len &&
          !memcmp(big->text, small->text, small->len));
    free(segs);
}

/* Spellers made (all at once), used and freed on several threads, each
 * with a loader thread of its own: each gets its findings.  Whether two
 * Hunspell_create calls would collide without handle_create's lock
 * depends on timing; this run did not show it without the lock, so it is a
 * smoke test of the threads, not a proof of the lock. */
typedef struct speller_job {
    const depeche_options *o;
    pthread_barrier_t *start; /* all make their speller at once */
    size_t findings;
} speller_job;

static int
count_hits(void *user, const depeche_spell_hit *h)
{
    (void)h;
    ++*(size_t *)user;
    return 0;
}

static void *
speller_job_run(void *arg)
{
    speller_job *j = arg;
    depeche_speller *s;
    pthread_barrier_wait(j->start);
    if (depeche_speller_new(j->o, &s, NULL) != DEPECHE_OK)
        return NULL;
    depeche_speller_set_suggest(s, DEPECHE_SUGGEST_NONE);
    static const char text[] = "Le gouvernment de Moustafa al-Kazimi.";
    depeche_spell_text seg = {text, sizeof text - 1, DEPECHE_KIND_BODY};
    depeche_speller_check(s, &seg, 1, count_hits, &j->findings, NULL);
    depeche_speller_free(s);
    return NULL;
}

static void
test_spellers_on_threads(const depeche_options *base)
{
    depeche_options o = *base;
    o.threads = 2; /* each with a loader thread too */
    pthread_t th[3];
    speller_job jobs[3];
    int started[3];
    pthread_barrier_t start;
    if (pthread_barrier_init(&start, NULL, 3)) {
        CHECK(!"pthread_barrier_init");
        return;
    }
    for (int k = 0; k < 3; k++) {
        jobs[k] = (speller_job){&o, &start, 0};
        started[k] = !pthread_create(&th[k], NULL, speller_job_run, &jobs[k]);
    }
    for (int k = 0; k < 3; k++) {
        if (started[k])
            pthread_join(th[k], NULL);
        CHECK(started[k] && jobs[k].findings == 3);
    }
    pthread_barrier_destroy(&start);
}

int
main(void)
{
    test_missing_dict();
    depeche_options o;
    depeche_options_init(&o);
    depeche_speller *s;
    depeche_error err;
    if (depeche_speller_new(&o, &s, &err) != DEPECHE_OK) {
        fprintf(stderr, "skipped: %s\n", err.message);
        harness_done();
        return 77;
    }
    test_sample(s);
    test_misspellings(s);
    test_clean_text(s);
    test_names(s);
    test_accent_and_foreign(s);
    test_abort(s);
    test_random(s);
    test_overlong(s);
    test_number_and_inversion_misses(s);
    /* the cache gives the same answers the second time */
    test_sample(s);
    test_misspellings(s);
    depeche_speller_free(s);
    test_suggest_none(&o);
    test_threads(&o);
    test_threads_suggestions(&o);
    test_big_document(&o);
    test_spellers_on_threads(&o);
    test_personal();
    test_refused_before_loading();
    test_handle_when_needed(&o);
    return harness_done();
}
