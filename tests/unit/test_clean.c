/* test_clean.c -- the clean stage: reasons, tiling, metadata, datelines. */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "clean.h"
#include "depeche.h"
#include "doc.h"
#include "harness.h"

/* Warnings told by the clean stage. */
typedef struct warnings {
    size_t count;
    char codes[8][16];
    uint64_t offsets[8];
} warnings;

static void
record_warning(void *user, const char *code, uint64_t offset,
               const char *message)
{
    warnings *w = user;
    CHECK(message && *message);
    if (w->count < 8) {
        snprintf(w->codes[w->count], sizeof w->codes[0], "%s", code);
        w->offsets[w->count] = offset;
    }
    w->count++;
}

static depeche_doc *
clean_text_with(const char *text, size_t len, unsigned flags, warnings *w)
{
    depeche_options o;
    depeche_options_init(&o);
    o.flags = DEPECHE_LOSSY | flags;
    o.warn_fn = w ? record_warning : NULL;
    o.warn_user = w;
    depeche_cleaner *c = NULL;
    depeche_doc *d = NULL;
    CHECK(depeche_cleaner_new(&o, &c, NULL) == DEPECHE_OK);
    CHECK(depeche_doc_create("t", text, len, &d) == DEPECHE_OK);
    CHECK(depeche_clean_doc(c, d, NULL) == DEPECHE_OK);
    depeche_cleaner_free(c);
    return d;
}

static depeche_doc *
clean_text(const char *text, size_t len)
{
    return clean_text_with(text, len, 0, NULL);
}

/* Blocks must tile the input: no byte lost, none counted twice. */
static void
check_tiling(const depeche_doc *d)
{
    uint64_t at = 0;
    for (size_t i = 0; i < d->block_count; i++) {
        CHECK_INT(d->blocks[i].start, at);
        CHECK(d->blocks[i].end > d->blocks[i].start);
        at = d->blocks[i].end;
    }
    CHECK_INT(at, d->input_len);
}

static const depeche_block *
block_at(const depeche_doc *d, const char *needle)
{
    const char *p = strstr(d->input, needle);
    if (!p)
        return NULL;
    uint64_t off = (uint64_t)(p - d->input);
    for (size_t i = 0; i < d->block_count; i++)
        if (d->blocks[i].start <= off && off < d->blocks[i].end)
            return &d->blocks[i];
    return NULL;
}

static size_t
count_reason(const depeche_doc *d, depeche_reason reason)
{
    size_t n = 0;
    for (size_t i = 0; i < d->block_count; i++)
        n += d->blocks[i].reason == reason;
    return n;
}

/* The reason of the block holding the n-th (0-based) occurrence of needle. */
static int
reason_of_nth(const depeche_doc *d, const char *needle, int nth)
{
    const char *p = d->input;
    for (int i = 0; p && i <= nth; i++)
        p = strstr(i ? p + 1 : p, needle);
    if (!p)
        return -1;
    uint64_t off = (uint64_t)(p - d->input);
    for (size_t i = 0; i < d->block_count; i++)
        if (d->blocks[i].start <= off && off < d->blocks[i].end)
            return (int)d->blocks[i].reason;
    return -1;
}

static void
test_sample(void)
{
    char *text;
    size_t len;
    const char *dir = getenv("TESTS_DIR");
    char path[4096];
    snprintf(path, sizeof path, "%s/data/xinhua-2021-02-24-biden-kazimi.txt",
             dir ? dir : "tests");
    FILE *f = fopen(path, "rb");
    CHECK(f != NULL);
    if (!f)
        return;
    text = malloc(1 << 16);
    len = fread(text, 1, 1 << 16, f);
    fclose(f);
    text[len] = '\0';
    depeche_doc *d = clean_text(text, len);
    check_tiling(d);

    const depeche_block *b = block_at(d, "french.xinhuanet.com\n");
    CHECK(b && b->reason == DEPECHE_REASON_SITE);
    b = block_at(d, "Joe Biden et le PM");
    CHECK(b && b->kind == DEPECHE_KIND_TITLE && !b->reason);
    b = block_at(d, "French.xinhuanet.com | Publi");
    CHECK(b && b->reason == DEPECHE_REASON_BYLINE);
    b = block_at(d, "BAGDAD, 24");
    CHECK(b && b->kind == DEPECHE_KIND_DATELINE && !b->reason);
    CHECK(b && !strncmp(d->input + b->start,
                        "BAGDAD, 24 f\xC3\xA9vrier "
                        "(Xinhua) -- Le",
                        b->end - b->start + 2));
    b = block_at(d, "Vous avez une question");
    CHECK(b && b->reason == DEPECHE_REASON_BOILERPLATE);
    b = block_at(d, "0100200707");
    CHECK(b && b->reason == DEPECHE_REASON_JUNK);

    /* The second copy of the article is one duplicate block, from the
     * repeated title to the last repeated paragraph. */
    const char *second = strstr(strstr(d->input, "Joe Biden et le PM") + 1,
                                "Joe Biden et le PM");
    CHECK(second != NULL);
    b = block_at(d, "xinhuanet_french@news.cn\n\nJoe");
    size_t dups = 0;
    for (size_t i = 0; i < d->block_count; i++)
        if (d->blocks[i].reason == DEPECHE_REASON_DUPLICATE) {
            dups++;
            CHECK_INT(d->blocks[i].start, second - d->input);
            CHECK(strstr(d->input + d->blocks[i].end - 40, "l'embarras\".\n") !=
                  NULL);
        }
    CHECK_INT(dups, 1);

    size_t kept = 0;
    for (size_t i = 0; i < d->block_count; i++)
        kept += d->blocks[i].reason == DEPECHE_REASON_NONE;
    CHECK_INT(kept, 8); /* title, dateline, 6 body paragraphs */

    CHECK_STR(d->meta.source, "french.xinhuanet.com");
    CHECK_STR(d->meta.title, "Joe Biden et le PM irakien discutent des "
                             "attaques visant des missions diplomatiques "
                             "en Irak");
    CHECK_STR(d->meta.published, "2021-02-24T19:18");
    CHECK_STR(d->meta.dateline_place, "BAGDAD");
    CHECK_STR(d->meta.dateline_date, "2021-02-24");
    CHECK_STR(d->meta.dateline_agency, "Xinhua");
    depeche_doc_free(d);
    free(text);
}

static void
test_edge_cases(void)
{
    depeche_doc *d = clean_text("", 0);
    CHECK_INT(d->block_count, 0);
    depeche_doc_free(d);

    d = clean_text("\n\n", 2);
    check_tiling(d);
    CHECK_INT(d->block_count, 1);
    CHECK_INT(d->blocks[0].reason, DEPECHE_REASON_BLANK);
    depeche_doc_free(d);

    const char crlf[] = "Titre sans point\r\nPARIS (AFP) - Le texte.\r\n"
                        "\xC2\xA0\r\n";
    d = clean_text(crlf, sizeof crlf - 1);
    check_tiling(d);
    CHECK_STR(d->meta.dateline_place, "PARIS");
    CHECK_STR(d->meta.dateline_agency, "AFP");
    CHECK(d->meta.dateline_date == NULL);
    depeche_doc_free(d);

    /* Prose in capitals with a hyphen is not a dateline. */
    const char caps[] = "Un titre\nLE MONDE - est une phrase ici.\n";
    d = clean_text(caps, sizeof caps - 1);
    CHECK(d->meta.dateline_place == NULL);
    depeche_doc_free(d);

    /* Two lines said again in the same order go, compared on their words
     * ("x" and « x » are the same); the first copies stay. */
    const char rep[] = "Merci.\nUne longue phrase qui se répète ici.\n"
                       "Merci.\n« Une longue phrase qui se répète ici »\n";
    d = clean_text(rep, sizeof rep - 1);
    check_tiling(d);
    CHECK_INT(count_reason(d, DEPECHE_REASON_DUPLICATE), 1);
    CHECK_INT(reason_of_nth(d, "Merci", 0), DEPECHE_REASON_NONE);
    CHECK_INT(reason_of_nth(d, "Merci", 1), DEPECHE_REASON_DUPLICATE);
    depeche_doc_free(d);

    /* "C'est ..." is prose, "© ..." a copyright line, "Lire aussi : ..." a
     * reading link, "Le Monde.fr" a site's name. */
    const char cest[] = "Le Monde.fr\nUn titre\nC'est la fin.\n"
                        "Lire aussi : La r\xC3\xA9"
                        "forme en questions\n"
                        "\xC2\xA9 Le Monde 2021\n";
    d = clean_text(cest, sizeof cest - 1);
    check_tiling(d);
    CHECK(block_at(d, "C'est") && !block_at(d, "C'est")->reason);
    CHECK(block_at(d, "Lire aussi") &&
          block_at(d, "Lire aussi")->reason == DEPECHE_REASON_BOILERPLATE);
    CHECK(block_at(d, "\xC2\xA9") &&
          block_at(d, "\xC2\xA9")->reason == DEPECHE_REASON_BOILERPLATE);
    CHECK(block_at(d, "Le Monde.fr") &&
          block_at(d, "Le Monde.fr")->reason == DEPECHE_REASON_SITE);
    CHECK_STR(d->meta.source, "Le Monde.fr");
    CHECK_STR(d->meta.title, "Un titre");
    depeche_doc_free(d);

    /* "Par NAME" is a byline, "Par ailleurs ..." prose. */
    const char par[] = "Un titre\nPar Jean Dupont\nPar ailleurs rien n'a "
                       "chang\xC3\xA9\nPar notre envoy\xC3\xA9 sp\xC3\xA9"
                       "cial\n";
    d = clean_text(par, sizeof par - 1);
    CHECK(block_at(d, "Par Jean") &&
          block_at(d, "Par Jean")->reason == DEPECHE_REASON_BYLINE);
    CHECK(block_at(d, "Par ailleurs") && !block_at(d, "Par ailleurs")->reason);
    CHECK(block_at(d, "Par notre") &&
          block_at(d, "Par notre")->reason == DEPECHE_REASON_BYLINE);
    depeche_doc_free(d);

    /* A sentence that merely starts with a boilerplate word is kept. */
    const char part[] = "Titre\nPartager les richesses est le but du "
                        "gouvernement, a-t-il dit.\n";
    d = clean_text(part, sizeof part - 1);
    CHECK_INT(d->blocks[d->block_count - 1].reason, DEPECHE_REASON_NONE);
    depeche_doc_free(d);

    /* Invalid UTF-8 (lossy) and a 1 MB line: tiled, no crash. */
    size_t big = 1 << 20;
    char *s = malloc(big);
    for (size_t i = 0; i < big; i++)
        s[i] = i % 7 == 6 ? ' ' : (char)('a' + i % 26);
    s[100] = (char)0xFF;
    d = clean_text(s, big);
    check_tiling(d);
    depeche_doc_free(d);
    free(s);
}

/* CL-X: a line in most documents of one source is its boilerplate; the
 * same line from another source, or in too few documents, stays. */
static void
test_recurring_lines(void)
{
    depeche_options o;
    depeche_options_init(&o);
    depeche_cleaner *c = NULL;
    CHECK(depeche_cleaner_new(&o, &c, NULL) == DEPECHE_OK);
    char text[4][256];
    for (int i = 0; i < 4; i++) {
        snprintf(text[i], sizeof text[i],
                 "%s\nTitre %d\nLe texte %d est unique, vraiment %d.\n"
                 "Suivez toute l'actualit\xC3\xA9 avec nous.\n",
                 i < 3 ? "www.exemple.fr" : "autre.fr", i, i, i);
        depeche_doc *d = NULL;
        CHECK(!depeche_doc_create("t", text[i], strlen(text[i]), &d));
        CHECK(!depeche_cleaner_observe(c, d));
        depeche_doc_free(d);
    }
    for (int i = 0; i < 4; i++) {
        depeche_doc *d = NULL;
        CHECK(!depeche_doc_create("t", text[i], strlen(text[i]), &d));
        CHECK(!depeche_clean_doc(c, d, NULL));
        check_tiling(d);
        const depeche_block *b = block_at(d, "Suivez");
        CHECK(b != NULL);
        if (b)
            CHECK_INT(b->reason,
                      i < 3 ? DEPECHE_REASON_BOILERPLATE : DEPECHE_REASON_NONE);
        b = block_at(d, "Le texte");
        CHECK(b && b->reason == DEPECHE_REASON_NONE);
        depeche_doc_free(d);
    }
    depeche_cleaner_free(c);
}

/* CL-R: a paragraph the article repeats alone is content; a run of
 * paragraphs repeated in the same order is a paste. */
static void
test_repeats(void)
{
    /* Two briefs under one title, and a lede said again at the end. */
    const char briefs[] = "Les br\xC3\xA8ves du jour\n\n"
                          "M\xC3\xA9t\xC3\xA9o : alerte orange aux orages\n"
                          "La Dr\xC3\xB4me est plac\xC3\xA9"
                          "e en vigilance jusqu'\xC3\xA0 demain matin.\n\n"
                          "M\xC3\xA9t\xC3\xA9o : alerte orange aux orages\n"
                          "L'Ard\xC3\xA8"
                          "che aussi, annonce la pr\xC3\xA9"
                          "fecture dans un communiqu\xC3\xA9.\n\n"
                          "Le maire a d\xC3\xA9missionn\xC3\xA9 lundi soir.\n"
                          "Les \xC3\xA9lus se r\xC3\xA9uniront jeudi.\n"
                          "Le maire a d\xC3\xA9missionn\xC3\xA9 lundi soir.\n";
    warnings w = {0};
    depeche_doc *d = clean_text_with(briefs, sizeof briefs - 1, 0, &w);
    check_tiling(d);
    CHECK_INT(count_reason(d, DEPECHE_REASON_DUPLICATE), 0);
    CHECK_INT(reason_of_nth(d, "alerte orange", 1), DEPECHE_REASON_NONE);
    CHECK_INT(reason_of_nth(d, "Le maire", 1), DEPECHE_REASON_NONE);
    CHECK_INT(w.count, 2); /* each kept repeat is told, once */
    CHECK_STR(w.codes[0], "DEPECHE-007");
    CHECK_INT(w.offsets[0],
              strstr(strstr(briefs, "alerte orange") + 1, "M\xC3\xA9t") -
                  briefs);
    CHECK_STR(w.codes[1], "DEPECHE-007");
    depeche_doc_free(d);

    /* Three paragraphs pasted again, with a blank line between copies:
     * one duplicate block, from the first repeated line to the last. */
    const char pasted[] =
        "Le gouvernement pr\xC3\xA9sente son budget.\n"
        "Les d\xC3\xA9penses militaires augmentent de 3 %.\n"
        "L'opposition d\xC3\xA9nonce un budget d'aust\xC3\xA9rit\xC3\xA9.\n"
        "\n"
        "Le gouvernement pr\xC3\xA9sente son budget.\n\n"
        "Les d\xC3\xA9penses militaires augmentent de 3 %.\n"
        "L'opposition d\xC3\xA9nonce un budget d'aust\xC3\xA9rit\xC3\xA9.\n";
    w = (warnings){0};
    d = clean_text_with(pasted, sizeof pasted - 1, 0, &w);
    check_tiling(d);
    CHECK_INT(count_reason(d, DEPECHE_REASON_DUPLICATE), 1);
    CHECK_INT(reason_of_nth(d, "Le gouvernement", 0), DEPECHE_REASON_NONE);
    CHECK_INT(reason_of_nth(d, "Le gouvernement", 1), DEPECHE_REASON_DUPLICATE);
    CHECK_INT(reason_of_nth(d, "L'opposition", 1), DEPECHE_REASON_DUPLICATE);
    CHECK_INT(w.count, 0);
    depeche_doc_free(d);

    /* ...all kept when the user asks, and no warning then. */
    w = (warnings){0};
    d = clean_text_with(pasted, sizeof pasted - 1, DEPECHE_KEEP_DUPLICATES, &w);
    check_tiling(d);
    CHECK_INT(count_reason(d, DEPECHE_REASON_DUPLICATE), 0);
    CHECK_INT(w.count, 0);
    depeche_doc_free(d);

    /* A run of short lines only stays ("Merci." / "Au revoir." in an
     * interview), and so do three copies of a line in a row: "A A A" is
     * not "A A" repeated. */
    const char shorts[] = "Merci.\nAu revoir.\nOui, bien s\xC3\xBBr.\n"
                          "Merci.\nAu revoir.\n"
                          "On entend : \xC2\xAB Libert\xC3\xA9 ! \xC2\xBB\n"
                          "On entend : \xC2\xAB Libert\xC3\xA9 ! \xC2\xBB\n"
                          "On entend : \xC2\xAB Libert\xC3\xA9 ! \xC2\xBB\n";
    d = clean_text(shorts, sizeof shorts - 1);
    check_tiling(d);
    CHECK_INT(count_reason(d, DEPECHE_REASON_DUPLICATE), 0);
    depeche_doc_free(d);
}

/* CL-Y: a byline is short and names people, an agency or a date; a
 * sentence that holds a stamp word or starts with "Par" is not one. */
static void
test_bylines(void)
{
    static const char *const bylines[] = {
        "Par Jean-Marie Le Guen et Anne d'Arc (AFP)",
        "Par notre envoy\xC3\xA9"
        "e sp\xC3\xA9"
        "ciale \xC3\xA0 Kiev",
        "Par la r\xC3\xA9"
        "daction",
        "Publi\xC3\xA9 le 3 mars 2021 \xC3\xA0 10h05",
        "lemonde.fr | Mis \xC3\xA0 jour le lundi 3 mai 2021 \xC3\xA0 08:12",
        "Publi\xC3\xA9 aujourd'hui \xC3\xA0 10:05",
        NULL};
    static const char *const prose[] = {
        "Sur James Joyce : \xC2\xAB L\xE2\x80\x99Ulysse a \xC3\xA9t\xC3\xA9 "
        "publi\xC3\xA9 \xC3\xA0 Paris en 1922 par Sylvia Beach. \xC2\xBB",
        "Son journal a publi\xC3\xA9 \xC3\xA0 deux reprises un appel.",
        "Bode a publi\xC3\xA9 le sondage Mardi avec 1001 personnes",
        "Le livre publi\xC3\xA9 le 3 mars 2021 se vend bien",
        "Publi\xC3\xA9 le 3 mars 2021, le rapport est accablant",
        "Par Internet on ach\xC3\xA8te tout",
        "Par la suite des \xC3\xA9v\xC3\xA9nements",
        "Par Toutatis !",
        "Par Jean Dupont qui a tout vu",
        "Par \xC2\xAB Le Monde \xC2\xBB",
        NULL};
    for (int pass = 0; pass < 2; pass++) {
        const char *const *lines = pass ? prose : bylines;
        for (size_t i = 0; lines[i]; i++) {
            char text[512];
            snprintf(text, sizeof text, "Un titre\n%s\nLe texte suit.\n",
                     lines[i]);
            depeche_doc *d = clean_text(text, strlen(text));
            check_tiling(d);
            const depeche_block *b = block_at(d, lines[i]);
            CHECK(b != NULL);
            if (b && (int)b->reason !=
                         (pass ? DEPECHE_REASON_NONE : DEPECHE_REASON_BYLINE))
                CHECK_STR(lines[i], pass ? "(kept as prose)" : "(a byline)");
            depeche_doc_free(d);
        }
    }
}

int
main(void)
{
    test_bylines();
    test_repeats();
    test_recurring_lines();
    test_sample();
    test_edge_cases();
    return harness_done();
}
