/* test_segment.c -- the French sentence splitter and its streaming API. */
#include "harness.h"

#include <stdint.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>

#include "src/buf.h"
#include "src/segment.h"
#include "src/utf8.h"

/* Everything the segmenter told, as text: "start-end p:text\n" a sentence,
 * so that two runs compare with one strcmp. */
typedef struct run {
    depeche_buf out;
    depeche_buf warns;
    const char *input; /* to check that text is the input's own bytes */
    int own_bytes_ok;
    size_t stop_after; /* abort at this sentence; 0: never */
    int quiet;         /* count only */
    size_t count;
    const char *lang; /* depeche_options.lang; NULL: the default */
    int bare;         /* a sentence without a letter or digit came */
} run;

static int
on_sentence(void *user, const depeche_sentence *s)
{
    run *r = user;
    r->count++;
    if (!depeche_has_word_char(s->text, s->len))
        r->bare = 1;
    if (r->quiet)
        return 0;
    depeche_buf_printf(&r->out, "%llu-%llu %zu:%.*s\n",
                       (unsigned long long)s->start, (unsigned long long)s->end,
                       s->paragraph, (int)s->len, s->text);
    if (r->input && (s->end - s->start != s->len ||
                     memcmp(r->input + s->start, s->text, s->len) != 0))
        r->own_bytes_ok = 0;
    return r->stop_after && r->count >= r->stop_after;
}

static void
on_warn(void *user, const char *code, uint64_t offset, const char *message)
{
    run *r = user;
    if (r->quiet) {
        r->count++;
        return;
    }
    depeche_buf_printf(&r->warns, "%s@%llu ", code, (unsigned long long)offset);
    (void)message;
}

/* Feeds len bytes in chunks of `chunk` (0: whole).  Returns the status of
 * the first failing call; *err receives its error. */
static depeche_status
segment(const char *in, size_t len, size_t chunk, unsigned flags, run *r,
        depeche_error *err)
{
    depeche_options o;
    depeche_options_init(&o);
    o.flags = flags;
    o.lang = r->lang;
    o.warn_fn = on_warn;
    o.warn_user = r;
    depeche_segmenter *s = NULL;
    depeche_status st = depeche_segmenter_new(&o, on_sentence, r, &s, err);
    if (st)
        return st;
    if (!chunk)
        chunk = len ? len : 1;
    for (size_t i = 0; i < len && !st; i += chunk)
        st = depeche_segmenter_feed(s, in + i,
                                    len - i < chunk ? len - i : chunk, err);
    if (!st)
        st = depeche_segmenter_finish(s, err);
    depeche_segmenter_free(s);
    return st;
}

static void
run_free(run *r)
{
    depeche_buf_free(&r->out);
    depeche_buf_free(&r->warns);
}

/* Sentences of `in` in language `lang` as "a|b||c" ('||' between
 * paragraphs), whole feed. */
static char *
split_lang(const char *in, const char *lang)
{
    run r = {0};
    r.lang = lang;
    depeche_error err;
    depeche_buf b = {0};
    depeche_buf_putc(&b, '\0');
    b.len = 0;
    if (segment(in, strlen(in), 0, 0, &r, &err) != DEPECHE_OK) {
        run_free(&r);
        depeche_buf_puts(&b, "ERROR");
        return depeche_buf_detach(&b);
    }
    size_t last = 0;
    int first = 1;
    for (char *p = r.out.data; p && *p;) {
        char *nl = strchr(p, '\n');
        size_t para = strtoul(strchr(p, ' ') + 1, NULL, 10);
        char *text = strchr(p, ':') + 1;
        if (!first)
            depeche_buf_puts(&b, para != last ? "||" : "|");
        depeche_buf_put(&b, text, (size_t)(nl - text));
        first = 0;
        last = para;
        p = nl + 1;
    }
    run_free(&r);
    return depeche_buf_detach(&b);
}

static char *
split(const char *in)
{
    return split_lang(in, NULL);
}

static const struct {
    const char *description;
    const char *in;
    const char *want;
} cases[] = {
    {.description = "empty", .in = "", .want = ""},
    {.description = "only spaces", .in = " \t\xC2\xA0\n\n \n", .want = ""},
    {.description = "one sentence", .in = "Il pleut.", .want = "Il pleut."},
    {.description = "two sentences",
     .in = "Il pleut. Il vente.",
     .want = "Il pleut.|Il vente."},
    {.description = "FR-SB1 line break without punctuation",
     .in = "Un titre\nLe texte.",
     .want = "Un titre|Le texte."},
    {.description = "FR-SB1 CRLF, CR and LF",
     .in = "Un.\r\nDeux.\rTrois.\nQuatre.",
     .want = "Un.|Deux.|Trois.|Quatre."},
    {.description = "FR-SB1 blank lines make paragraphs",
     .in = "\n\nUn.\n\n\n \nDeux.\nTrois.\r\n\r\nQuatre.\n\n",
     .want = "Un.||Deux.|Trois.||Quatre."},
    {.description = "NBSP and NNBSP trimmed around sentences",
     .in = "\xC2\xA0\xE2\x80\xAFIl pleut\xC2\xA0!\xE2\x80\xAF Il vente "
           "?\xC2\xA0\t",
     .want = "Il pleut\xC2\xA0!|Il vente ?"},
    {.description = "FR-SB2 no break inside numbers, URLs and e-mails",
     .in = "Le taux est de 3.5 % en 2019. Voir www.exemple.fr. Écrivez à "
           "x.y@z.fr. Merci.",
     .want = "Le taux est de 3.5 % en 2019.|Voir www.exemple.fr.|Écrivez à "
             "x.y@z.fr.|Merci."},
    {.description = "FR-SB3 question inside guillemets with NBSP",
     .in = "Il demande\xC2\xA0: «\xC2\xA0Qui est là\xC2\xA0?\xC2\xA0» "
           "Personne ne répond.",
     .want = "Il demande\xC2\xA0: «\xC2\xA0Qui est là\xC2\xA0?\xC2\xA0»|"
             "Personne ne répond."},
    {.description = "FR-SB3 question in guillemets then a lower-case verb",
     .in = "« Qui est là ? » demande-t-il. Rien.",
     .want = "« Qui est là ? » demande-t-il.|Rien."},
    {.description = "FR-SB3 period after a closing straight quote",
     .in = "Il a parlé de \"la région\". Le communiqué le dit.",
     .want = "Il a parlé de \"la région\".|Le communiqué le dit."},
    {.description = "FR-SB3 period before a closing straight quote",
     .in = "Il a dit \"Je pars.\" Elle est restée.",
     .want = "Il a dit \"Je pars.\"|Elle est restée."},
    {.description = "FR-SB3 guillemet of an earlier sentence's quotation",
     .in = "« Il part. Elle reste. » Ensuite ?",
     .want = "« Il part.|Elle reste. »|Ensuite ?"},
    {.description = "FR-SB15 an ellipsis before a number",
     .in = "Il y en a... 300. Puis\xE2\x80\xA6 20 morts. Fin... Deux.",
     .want = "Il y en a... 300.|Puis\xE2\x80\xA6 20 morts.|Fin...|Deux."},
    {.description = "FR-SB4 titles",
     .in = "M. Kazimi a appelé M. Biden. MM. Dupont et Mme Durand sont là.",
     .want = "M. Kazimi a appelé M. Biden.|MM. Dupont et Mme Durand sont là."},
    {.description = "FR-SB5 month abbreviation",
     .in = "Le 3 janv. Pierre est venu. Le 4 janv. Il est reparti.",
     .want = "Le 3 janv. Pierre est venu.|Le 4 janv.|Il est reparti."},
    {.description = "FR-SB6 numeric abbreviation",
     .in = "Voir p. 12 et art. 5. Le reste suit.",
     .want = "Voir p. 12 et art. 5.|Le reste suit."},
    {.description = "FR-SB7 etc. at the end and inside",
     .in = "Des pommes, des poires, etc. Le marché ouvre. Des pommes, etc. "
           "sont vendues.",
     .want = "Des pommes, des poires, etc.|Le marché ouvre.|Des pommes, etc. "
             "sont vendues."},
    {.description = "FR-SB8 initials and acronyms",
     .in = "J.-P. Sartre et Victor A. Smith ont écrit à l'O.N.U. Il pleut.",
     .want = "J.-P. Sartre et Victor A. Smith ont écrit à l'O.N.U.|Il "
             "pleut."},
    {.description = "FR-SB8 a single capital that ends a sentence",
     .in = "Il prend de la vitamine C. Elle est utile.",
     .want = "Il prend de la vitamine C.|Elle est utile."},
    {.description = "FR-SB9 list numbers",
     .in = "1. Le premier point. 2. Le second.",
     .want = "1. Le premier point.|2. Le second."},
    {.description = "FR-SB10 lower case after an abbreviation",
     .in = "Il y avait env. trois cents personnes.",
     .want = "Il y avait env. trois cents personnes."},
    {.description = "FR-SB11 elision in brackets",
     .in = "Il a dit (...) Pierre est venu. Puis [...] Il partit.",
     .want = "Il a dit (...) Pierre est venu.|Puis [...] Il partit."},
    {.description = "FR-SB12 ellipsis then a capital",
     .in = "Il attendit… Rien ne vint. Puis... au loin, un bruit.",
     .want = "Il attendit…|Rien ne vint.|Puis... au loin, un bruit."},
    {.description = "FR-SB13 lower case after a full word",
     .in = "Le verdict tombera lundi prochain. on verra bien.",
     .want = "Le verdict tombera lundi prochain.|on verra bien."},
    {.description = "exclamation and question runs",
     .in = "Quoi ?! Vraiment !!! Oui.",
     .want = "Quoi ?!|Vraiment !!!|Oui."},
    {.description = "dash opening a sentence",
     .in = "Il a fini. - Non, dit-elle.",
     .want = "Il a fini.|- Non, dit-elle."},
    {.description = "no final newline, trailing spaces",
     .in = "Fin.   ",
     .want = "Fin."},
    {.description = "FR-SB16 a stray period ends the sentence before it",
     .in = "Il a parl\xC3\xA9 longtemps... . Puis il est parti. .",
     .want = "Il a parl\xC3\xA9 longtemps... .|Puis il est parti. ."},
    {.description = "FR-SB16 a run of stray periods",
     .in = "Le texte s'arr\xC3\xAAte ici. . . .",
     .want = "Le texte s'arr\xC3\xAAte ici. . . ."},
    {.description = "FR-SB16 a quote closed after a period",
     .in = "\xC2\xAB Bonjour. \xC2\xBB . \xC2\xAB Il viendra demain. Nous "
           "verrons bien. \xC2\xBB",
     .want = "\xC2\xAB Bonjour. \xC2\xBB .|\xC2\xAB Il viendra demain.|"
             "Nous verrons bien. \xC2\xBB"},
    {.description = "FR-SB16 lines of punctuation alone are no sentences",
     .in = ".\n..\n\xC2\xBB\n\nUn.\n\n* * *\n\n\xE2\x80\xA6\nDeux.\n. Trois.",
     .want = "Un.||Deux.|Trois."},
    {.description = "FR-SB16 digits and letters of any script are words",
     .in = "Il a dit. 42 ! \xCE\xA9 !",
     .want = "Il a dit.|42 !|\xCE\xA9 !"},
};

static void
test_cases(void)
{
    for (size_t i = 0; i < sizeof cases / sizeof cases[0]; i++) {
        char *got = split(cases[i].in);
        if (strcmp(got, cases[i].want) != 0)
            fprintf(stderr, "case: %s\n", cases[i].description);
        CHECK_STR(got, cases[i].want);
        free(got);
    }
}

/* The same sentences and offsets whatever the chunking, and each
 * sentence's text is the input's own bytes at its offsets. */
static void
check_chunking(const char *in, size_t len, unsigned flags)
{
    static const size_t chunks[] = {1, 2, 3, 7, 4096};
    run whole = {0};
    depeche_error err;
    whole.input = flags ? NULL : in;
    whole.own_bytes_ok = 1;
    depeche_status st0 = segment(in, len, 0, flags, &whole, &err);
    if (!flags)
        CHECK(whole.own_bytes_ok);
    for (size_t c = 0; c < sizeof chunks / sizeof chunks[0]; c++) {
        run r = {0};
        depeche_error err2;
        depeche_status st = segment(in, len, chunks[c], flags, &r, &err2);
        CHECK_INT(st, st0);
        if (st && st0)
            CHECK_INT(err2.byte_offset, err.byte_offset);
        CHECK_STR(r.out.data ? r.out.data : "",
                  whole.out.data ? whole.out.data : "");
        CHECK_STR(r.warns.data ? r.warns.data : "",
                  whole.warns.data ? whole.warns.data : "");
        run_free(&r);
    }
    run_free(&whole);
}

static void
test_chunking(void)
{
    for (size_t i = 0; i < sizeof cases / sizeof cases[0]; i++)
        check_chunking(cases[i].in, strlen(cases[i].in), 0);
    static const char mixed[] =
        "BAGDAD, 24 février (Xinhua) -- M. Kazimi a parlé.\r\n"
        "\r\n"
        "Le communiqué dit que «\xE2\x80\xAFla région\xE2\x80\xAF». "
        "Il s'agit de l'O.N.U. Le 3 janv. Il part…\r"
        "\r"
        "J.-P. Sartre ! 1. Etc. Fin\n";
    check_chunking(mixed, sizeof mixed - 1, 0);
    check_chunking(mixed, sizeof mixed - 1, DEPECHE_LOSSY);
    static const char bad[] = "Un. Deux\xC3. Trois\0 quatre. \xE2\x82\n"
                              "\xF0\x9F\x98\x80 Cinq.\xED\xA0\x80";
    check_chunking(bad, sizeof bad - 1, 0);
    check_chunking(bad, sizeof bad - 1, DEPECHE_LOSSY);
}

/* Issue 18: a two-word abbreviation ("p. ex.") far into a line built its
 * lookup key as key + pe - ps, a pointer past the key's array once pe (an
 * offset in the line) exceeded it: clang's -fsanitize=undefined stops
 * here without the fix. */
static void
test_two_word_abbrev_far_in_line(void)
{
    char in[400];
    memset(in, 'x', 300);
    strcpy(in + 300, " p. ex. Le chat. Il dort.");
    char *got = split(in);
    CHECK(strstr(got, "p. ex. Le chat.|Il dort.") != NULL);
    free(got);
}

/* Issue 11: U+2028 ends a line, U+2029 a paragraph, as a blank line does
 * (one made of spaces, NBSP or a soft hyphen too); each separator may be
 * cut between feeds (check_chunking feeds 1, 2, 3... bytes at a time). */
static void
test_separators(void)
{
    static const char in[] = "Un\xE2\x80\xA8"
                             "deux.\xE2\x80\xA9Trois.\n\xC2\xA0\xC2\xAD\n"
                             "Quatre\xE2\x80\xA9\xE2\x80\xA9\rCinq.";
    run r = {0};
    depeche_error err;
    CHECK_INT(segment(in, sizeof in - 1, 0, 0, &r, &err), DEPECHE_OK);
    CHECK_STR(r.out.data, "0-2 0:Un\n5-10 0:deux.\n13-19 1:Trois.\n"
                          "25-31 2:Quatre\n38-43 3:Cinq.\n");
    run_free(&r);
    check_chunking(in, sizeof in - 1, 0);
    check_chunking(in, sizeof in - 1, DEPECHE_LOSSY);
}

/* Issue 11: --lang en-* reads dicts/en/abbrev.txt with the same rules. */
static void
test_english(void)
{
    static const struct {
        const char *in, *en, *fr;
    } english_cases[] = {
        {"Mr. Smith met Dr. Jones at 9 a.m. The meeting was short.",
         "Mr. Smith met Dr. Jones at 9 a.m.|The meeting was short.",
         "Mr. Smith met Dr. Jones at 9 a.m. The meeting was short."},
        {"He lives at No. 5 Baker St. in London. It is small.",
         "He lives at No. 5 Baker St. in London.|It is small.", NULL},
        {"The U.S. government said no. Apple Inc. said it would. It did.",
         "The U.S. government said no.|Apple Inc. said it would.|It did.",
         NULL},
        {"She moved to the U.S. The move was hard.",
         "She moved to the U.S.|The move was hard.", NULL},
        {"Prices rose, e.g. oil and gas. Then they fell.",
         "Prices rose, e.g. oil and gas.|Then they fell.", NULL},
        {"See Smith et al. The results hold.",
         "See Smith et al.|The results hold.",
         "See Smith et al. The results hold."},
        {"Gen. Lee and Sen. Warren spoke. Ms. Ito left at 5 p.m. on Monday.",
         "Gen. Lee and Sen. Warren spoke.|Ms. Ito left at 5 p.m. on Monday.",
         NULL},
        {"Rates rose in Jan. The Fed met in Feb. again.",
         "Rates rose in Jan.|The Fed met in Feb. again.", NULL},
    };
    static const char *const english[] = {"en", "en-US", "en_GB", "EN-au"};
    for (size_t i = 0; i < sizeof english_cases / sizeof english_cases[0];
         i++) {
        for (size_t k = 0; k < sizeof english / sizeof english[0]; k++) {
            char *got = split_lang(english_cases[i].in, english[k]);
            CHECK_STR(got, english_cases[i].en);
            free(got);
        }
        if (english_cases[i].fr) { /* French rules read these otherwise */
            char *got = split_lang(english_cases[i].in, "fr-FR");
            CHECK_STR(got, english_cases[i].fr);
            free(got);
        }
    }
}

static void
test_offsets(void)
{
    run r = {0};
    depeche_error err;
    static const char in[] = "  Un.  Deux !\r\n\r\nTrois.";
    CHECK_INT(segment(in, sizeof in - 1, 0, 0, &r, &err), DEPECHE_OK);
    CHECK_STR(r.out.data, "2-5 0:Un.\n7-13 0:Deux !\n17-23 1:Trois.\n");
    run_free(&r);
}

/* FR-SB16: what is no sentence is reported with its stream offset, makes
 * no paragraph of its own, and the same whatever the chunking. */
static void
test_dropped(void)
{
    run r = {0};
    depeche_error err;
    static const char in[] = "Un. .\n\xC2\xBB\n\n. . .\n\n  * * *. Deux.";
    CHECK_INT(segment(in, sizeof in - 1, 0, 0, &r, &err), DEPECHE_OK);
    CHECK_STR(r.out.data, "0-5 0:Un. .\n26-31 1:Deux.\n");
    CHECK_STR(r.warns.data, "DEPECHE-009@6 DEPECHE-009@10 DEPECHE-009@19 ");
    run_free(&r);
    check_chunking(in, sizeof in - 1, 0);

    /* The message names the text, cut on a character boundary. */
    char msg[DEPECHE_DROPPED_MESSAGE_MAX];
    depeche_dropped_message(msg, "\xC2\xBB", 2);
    CHECK_STR(msg, "no letter or digit, not a segment: dropped \xC2\xBB");
    char dashes[3 * 60 + 1];
    for (size_t i = 0; i < 60; i++)
        memcpy(dashes + 3 * i, "\xE2\x80\x94", 3);
    depeche_dropped_message(msg, dashes, 3 * 60);
    size_t n = strlen(msg);
    CHECK(n < sizeof msg);
    CHECK_INT(depeche_utf8_check(msg, n), n);
    CHECK(n > 3 && memcmp(msg + n - 6, "\xE2\x80\x94\xE2\x80\xA6", 6) == 0);
}

static void
test_bad_input(void)
{
    run r = {0};
    depeche_error err;
    /* An invalid byte in the second line: fails with its stream offset,
     * after the first line's sentences. */
    static const char bad[] = "Un.\nDeux \xFF trois.";
    CHECK_INT(segment(bad, sizeof bad - 1, 0, 0, &r, &err),
              DEPECHE_ERR_BAD_INPUT);
    CHECK_INT(err.status, DEPECHE_ERR_BAD_INPUT);
    CHECK_INT(err.byte_offset, 9);
    CHECK_STR(r.out.data, "0-3 0:Un.\n");
    run_free(&r);

    /* A sequence cut by the end of the stream. */
    static const char cut[] = "Il est all\xC3";
    memset(&r, 0, sizeof r);
    CHECK_INT(segment(cut, sizeof cut - 1, 1, 0, &r, &err),
              DEPECHE_ERR_BAD_INPUT);
    CHECK_INT(err.byte_offset, 10);
    run_free(&r);

    /* Surrogates and overlongs are ill-formed. */
    static const char sur[] = "ab\xED\xA0\x80";
    memset(&r, 0, sizeof r);
    CHECK_INT(segment(sur, sizeof sur - 1, 0, 0, &r, &err),
              DEPECHE_ERR_BAD_INPUT);
    CHECK_INT(err.byte_offset, 2);
    run_free(&r);

    static const char nul[] = "Un deux\0trois.";
    memset(&r, 0, sizeof r);
    CHECK_INT(segment(nul, sizeof nul - 1, 3, 0, &r, &err),
              DEPECHE_ERR_BAD_INPUT);
    CHECK_INT(err.byte_offset, 7);
    CHECK(strstr(err.message, "NUL") != NULL);
    run_free(&r);
}

static void
test_lossy(void)
{
    run r = {0};
    depeche_error err;
    /* E2 82 is one maximal subpart (one U+FFFD), FF another. */
    static const char in[] = "A\xE2\x82 b\xFF. C\0d.";
    CHECK_INT(segment(in, sizeof in - 1, 0, DEPECHE_LOSSY, &r, &err),
              DEPECHE_OK);
    CHECK_STR(r.out.data, "0-7 0:A\xEF\xBF\xBD b\xEF\xBF\xBD.\n"
                          "8-12 0:Cd.\n");
    CHECK_STR(r.warns.data, "DEPECHE-001@1 DEPECHE-001@5 DEPECHE-002@9 ");
    run_free(&r);

    /* A sentence ends before removed NULs and starts after them. */
    static const char nuls[] = "Un.\0\0 \0Deux\xFF\0";
    memset(&r, 0, sizeof r);
    CHECK_INT(segment(nuls, sizeof nuls - 1, 0, DEPECHE_LOSSY, &r, &err),
              DEPECHE_OK);
    CHECK_STR(r.out.data, "0-3 0:Un.\n7-12 0:Deux\xEF\xBF\xBD\n");
    run_free(&r);
}

static void
test_api(void)
{
    depeche_error err;
    depeche_segmenter *s = NULL;
    run r = {0};
    CHECK_INT(depeche_segmenter_new(NULL, NULL, NULL, &s, &err),
              DEPECHE_ERR_INVALID_ARG);
    CHECK_INT(depeche_segmenter_new(NULL, on_sentence, &r, NULL, &err),
              DEPECHE_ERR_INVALID_ARG);
    CHECK_INT(depeche_segmenter_feed(NULL, "a", 1, &err),
              DEPECHE_ERR_INVALID_ARG);
    CHECK_INT(depeche_segmenter_finish(NULL, NULL), DEPECHE_ERR_INVALID_ARG);
    depeche_segmenter_reset(NULL);
    depeche_segmenter_free(NULL);
    depeche_abbrevs_free(NULL);

    /* NULL options mean the defaults. */
    CHECK_INT(depeche_segmenter_new(NULL, on_sentence, &r, &s, NULL),
              DEPECHE_OK);
    CHECK_INT(depeche_segmenter_feed(s, NULL, 0, &err), DEPECHE_OK);
    CHECK_INT(depeche_segmenter_feed(s, NULL, 1, &err),
              DEPECHE_ERR_INVALID_ARG);
    CHECK_INT(depeche_segmenter_feed(s, "Un. Deux. Trois.", 16, &err),
              DEPECHE_OK);
    CHECK_INT(depeche_segmenter_finish(s, &err), DEPECHE_OK);
    CHECK_INT(r.count, 3);
    /* Finished: only reset and free. */
    CHECK_INT(depeche_segmenter_feed(s, "x", 1, &err), DEPECHE_ERR_STATE);
    CHECK_INT(depeche_segmenter_finish(s, &err), DEPECHE_ERR_STATE);

    /* An empty feed between the CR and the LF of a CRLF changes nothing. */
    depeche_segmenter_reset(s);
    depeche_buf_clear(&r.out);
    CHECK_INT(depeche_segmenter_feed(s, "A.\r", 3, &err), DEPECHE_OK);
    CHECK_INT(depeche_segmenter_feed(s, "", 0, &err), DEPECHE_OK);
    CHECK_INT(depeche_segmenter_feed(s, "\nB.", 3, &err), DEPECHE_OK);
    CHECK_INT(depeche_segmenter_finish(s, &err), DEPECHE_OK);
    CHECK_STR(r.out.data, "0-2 0:A.\n4-6 0:B.\n");

    /* Reset: offsets and paragraphs start again. */
    depeche_segmenter_reset(s);
    depeche_buf_clear(&r.out);
    CHECK_INT(depeche_segmenter_feed(s, "\n\nA.\n\nB", 7, &err), DEPECHE_OK);
    CHECK_INT(depeche_segmenter_finish(s, &err), DEPECHE_OK);
    CHECK_STR(r.out.data, "2-4 0:A.\n6-7 1:B\n");

    /* A callback that stops: ABORTED, then STATE until reset. */
    depeche_segmenter_reset(s);
    r.count = 0;
    r.stop_after = 2;
    CHECK_INT(depeche_segmenter_feed(s, "Un. Deux. Trois.\n", 17, &err),
              DEPECHE_ERR_ABORTED);
    CHECK_INT(r.count, 2);
    CHECK_INT(depeche_segmenter_feed(s, "x", 1, &err), DEPECHE_ERR_STATE);
    CHECK_INT(depeche_segmenter_finish(s, &err), DEPECHE_ERR_STATE);
    depeche_segmenter_free(s);
    run_free(&r);

    /* depeche_split_line directly. */
    depeche_abbrevs *a = NULL;
    CHECK_INT(depeche_abbrevs_new(NULL, NULL, NULL, &err),
              DEPECHE_ERR_INVALID_ARG);
    CHECK_INT(depeche_abbrevs_new(NULL, NULL, &a, &err), DEPECHE_OK);
    CHECK_INT(depeche_split_line(a, NULL, 0, NULL, NULL, NULL),
              DEPECHE_ERR_INVALID_ARG);
    CHECK_INT(depeche_split_line(NULL, "a", 1, NULL, NULL, NULL),
              DEPECHE_ERR_INVALID_ARG);
    depeche_abbrevs_free(a);
}

static int
count_span(void *user, size_t start, size_t end)
{
    size_t *n = user;
    (*n)++;
    (void)start;
    (void)end;
    return 0;
}

static void
test_user_abbrevs(void)
{
    char path[] = "/tmp/depeche-abbrev-XXXXXX";
    int fd = mkstemp(path);
    CHECK(fd >= 0);
    if (fd < 0)
        return;
    FILE *f = fdopen(fd, "w");
    fputs("# a user's list\nZorg.\n[title]\nCapt.\n", f);
    fclose(f);
    depeche_abbrevs *a = NULL;
    depeche_error err;
    CHECK_INT(depeche_abbrevs_new(NULL, path, &a, &err), DEPECHE_OK);
    static const char t1[] = "Le Capt. Haddock arrive. Voir Zorg. et la suite.";
    size_t n = 0;
    CHECK_INT(depeche_split_line(a, t1, sizeof t1 - 1, count_span, NULL, &n),
              DEPECHE_OK);
    CHECK_INT(n, 2);
    depeche_abbrevs_free(a);

    f = fopen(path, "w");
    fputs("Zorg.\n[nonsense]\n", f);
    fclose(f);
    a = NULL;
    CHECK_INT(depeche_abbrevs_new(NULL, path, &a, &err), DEPECHE_ERR_DICT);
    CHECK(a == NULL);
    CHECK(strstr(err.message, "line 2:") != NULL);
    remove(path);
    CHECK_INT(depeche_abbrevs_new(NULL, path, &a, &err), DEPECHE_ERR_DICT);

    depeche_options o;
    depeche_options_init(&o);
    o.abbrev_file = path;
    depeche_segmenter *s = NULL;
    CHECK_INT(depeche_segmenter_new(&o, on_sentence, NULL, &s, &err),
              DEPECHE_ERR_DICT);
    CHECK(s == NULL);
}

/* Random text from pieces that matter to the splitter and the UTF-8 check:
 * the strict error offset is the first NUL or ill-formed byte, and any
 * chunking gives the same result, strict or lossy. */
static void
test_random(void)
{
    static const char *const pieces[] = {
        "a",
        "Le",
        " ",
        ".",
        "!",
        "?",
        "\xE2\x80\xA6",
        "\xC3\xA9",
        "\xC2\xAB",
        "\xC2\xBB",
        "\"",
        "M.",
        "\xC2\xA0",
        "\xE2\x80\xAF",
        "\n",
        "\r",
        "\r\n",
        "\xFF",
        "\xC3",
        "\xE2\x82",
        "1",
        "J.-P.",
        "(",
        ")",
        "etc.",
        "'",
        "\xE2\x80\x99",
        "\xF0\x9F\x98\x80",
        "\xED\xA0\x80",
        "\xC0\xAF",
        "abcdefghijklmnopqrstuvwxyz",
        "\xC3\xA9\xC3\xA8\xC3\xA0",
        "Il",
        "\x80",
        "O.N.U.",
        "\t",
        "\xE0\x80\x80",
        "\xE0\xA0\x80",
        "\xED\x9F\xBF",
        "\xEF\xBF\xBD",
        "\xE2\x80",
        "\xBF",
        "\xF4\x90\x80\x80",
        "\xC1\xBF",
    };
    size_t npieces = sizeof pieces / sizeof pieces[0];
    uint64_t x = 0x9E3779B97F4A7C15u;
    char text[80 * 32];
    for (int round = 0; round < 1500; round++) {
        size_t len = 0;
        int count = (int)(x % 80);
        for (int k = 0; k < count; k++) {
            x ^= x << 13;
            x ^= x >> 7;
            x ^= x << 17;
            const char *p = pieces[x % npieces];
            size_t n = strlen(p);
            if (x % 97 == 0) {
                p = "\0";
                n = 1;
            }
            memcpy(text + len, p, n);
            len += n;
        }
        x ^= x << 13;
        x ^= x >> 7;
        x ^= x << 17;
        size_t bad = depeche_utf8_check(text, len);
        const char *nul = memchr(text, '\0', len);
        if (nul && (size_t)(nul - text) < bad)
            bad = (size_t)(nul - text);
        run r = {0};
        depeche_error err;
        depeche_status st = segment(text, len, 0, 0, &r, &err);
        CHECK_INT(st, bad < len ? DEPECHE_ERR_BAD_INPUT : DEPECHE_OK);
        CHECK(!r.bare); /* FR-SB16 */
        if (bad < len)
            CHECK_INT(err.byte_offset, bad);
        run_free(&r);
        check_chunking(text, len, 0);
        check_chunking(text, len, DEPECHE_LOSSY);
    }
}

/* A 50 MB line without a break finishes, in linear time. */
static void
test_huge_line(void)
{
    size_t len = 50u << 20;
    char *big = malloc(len);
    CHECK(big != NULL);
    if (!big)
        return;
    for (size_t i = 0; i < len; i++)
        big[i] = "abc d. e"[i % 8];
    run r = {0};
    depeche_error err;
    clock_t t0 = clock();
    CHECK_INT(segment(big, len, 65536, 0, &r, &err), DEPECHE_OK);
    double secs = (double)(clock() - t0) / CLOCKS_PER_SEC;
    CHECK(r.count == 1);
    CHECK(secs < 30);
    run_free(&r);

    /* The same size in sentences: one callback each. */
    for (size_t i = 0; i < len; i++)
        big[i] = "Il y va. "[i % 9];
    memset(&r, 0, sizeof r);
    r.quiet = 1;
    CHECK_INT(segment(big, len, 65536, 0, &r, &err), DEPECHE_OK);
    CHECK(r.count >= len / 9);
    run_free(&r);

    /* Lossy repairs of a line made of NULs stay linear. */
    memset(big, 0, 8u << 20);
    memset(&r, 0, sizeof r);
    r.quiet = 1;
    CHECK_INT(segment(big, 8u << 20, 65536, DEPECHE_LOSSY, &r, &err),
              DEPECHE_OK);
    CHECK_INT(r.count, 8u << 20); /* one warning each, no sentence */
    run_free(&r);
    free(big);
}

int
main(void)
{
    test_cases();
    test_chunking();
    test_two_word_abbrev_far_in_line();
    test_separators();
    test_english();
    test_offsets();
    test_dropped();
    test_bad_input();
    test_lossy();
    test_api();
    test_user_abbrevs();
    test_random();
    test_huge_line();
    return harness_done();
}
