/* test_normalize.c -- profiles, rule ids NZ-*, offset map, bad input. */
#include <stdlib.h>
#include <string.h>

#include "harness.h"
#include "normalize.h"

typedef struct norm_case {
    const char *rule;
    depeche_profile profile;
    const char *in, *want;
} norm_case;

#define NBSP "\xC2\xA0"
#define NNBSP "\xE2\x80\xAF"

static const norm_case cases[] = {
    /* minimal */
    {"NZ-D4 CRLF and CR", DEPECHE_PROFILE_MINIMAL, "a\r\nb\rc\n", "a\nb\nc\n"},
    /* CRs are looked for a line at a time: before and after LFs. */
    {"NZ-D4 CR between LFs", DEPECHE_PROFILE_MINIMAL,
     "a\rb\r\nc\n\rd\xE2\x80\xA8"
     "e\rf",
     "a\nb\nc\n\nd\ne\nf"},
    {"NZ-D4 U+2028", DEPECHE_PROFILE_MINIMAL,
     "a\xE2\x80\xA8"
     "b",
     "a\nb"},
    {"NZ-D3 C1 as cp1252", DEPECHE_PROFILE_MINIMAL, "parl\xC3\xA9\xC2\x85",
     "parl\xC3\xA9\xE2\x80\xA6"},
    {"NZ-I1 invisibles", DEPECHE_PROFILE_MINIMAL,
     "\xEF\xBB\xBFinfor\xC2\xADma\xE2\x80\x8Btion\x01", "information"},
    {"NZ-I3 format characters", DEPECHE_PROFILE_MINIMAL,
     "a\xE2\x81\xA0"
     "b\xE2\x81\xA3"
     "c\xE2\x81\xA6"
     "d\xE2\x81\xA9"
     "e\xE2\x81\xAF\xE2\x80\x8F"
     "f\xE2\x80\xAE"
     "g\xEF\xBF\xB9"
     "h",
     "abcdefgh"},
    {"NZ-I3 format characters in typo", DEPECHE_PROFILE_TYPO,
     "Oui\xE2\x81\xA2 !", "Oui" NBSP "!"},
    {"NZ-I1 ZWJ kept", DEPECHE_PROFILE_MINIMAL,
     "\xF0\x9F\x91\xA9\xE2\x80\x8D\xF0\x9F\x92\xBB",
     "\xF0\x9F\x91\xA9\xE2\x80\x8D\xF0\x9F\x92\xBB"},
    {"NZ-D5 noncharacters", DEPECHE_PROFILE_MINIMAL,
     "a\xEF\xBF\xBE b\xEF\xB7\x90", "a\xEF\xBF\xBD b\xEF\xBF\xBD"},
    {"NZ-I2 ligature", DEPECHE_PROFILE_MINIMAL, "un \xEF\xAC\x82ottement",
     "un flottement"},
    {"NZ-I2 no NFKC", DEPECHE_PROFILE_MINIMAL,
     "\xC2\xBD 10\xC2\xB3 \xE2\x80\xA6", "\xC2\xBD 10\xC2\xB3 \xE2\x80\xA6"},
    {"NZ-N NFC", DEPECHE_PROFILE_MINIMAL, "e\xCC\x81te\xCC\x81",
     "\xC3\xA9t\xC3\xA9"},
    {"NZ-N singleton", DEPECHE_PROFILE_MINIMAL, "\xE2\x84\xAB", "\xC3\x85"},
    {"NZ-S1 fold", DEPECHE_PROFILE_MINIMAL, "a  b\tc", "a b c"},
    {"NZ-S1 nbsp kept", DEPECHE_PROFILE_MINIMAL, "a " NBSP " b", "a" NBSP "b"},
    {"NZ-S2 trim", DEPECHE_PROFILE_MINIMAL, "  a b \t\n", "a b\n"},
    {"minimal keeps quotes", DEPECHE_PROFILE_MINIMAL, "l'a dit \"oui\" : 10%",
     "l'a dit \"oui\" : 10%"},
    /* encoding repair (repair.c) */
    {"NZ-R1 cp1252", DEPECHE_PROFILE_MINIMAL,
     "\xC3\x83\xC2\xA9t\xC3\x83\xC2\xA9", "\xC3\xA9t\xC3\xA9"},
    {"NZ-R1 cp1252 quote", DEPECHE_PROFILE_MINIMAL,
     "l\xC3\xA2\xE2\x82\xAC\xE2\x84\xA2un", "l\xE2\x80\x99un"},
    {"NZ-R1 latin-1 C1", DEPECHE_PROFILE_MINIMAL,
     "\xC3\x83\xC2\x89t\xC3\x83\xC2\xA9", "\xC3\x89t\xC3\xA9"},
    {"NZ-R1 cp1251", DEPECHE_PROFILE_MINIMAL, "r\xD0\x93\xC2\xA9gion",
     "r\xC3\xA9gion"},
    {"NZ-R1 emoji", DEPECHE_PROFILE_MINIMAL,
     "ok \xC3\xB0\xC5\xB8\xCB\x9C\xE2\x82\xAC", "ok \xF0\x9F\x98\x80"},
    {"NZ-R2 lost NBSP", DEPECHE_PROFILE_MINIMAL, "voil\xC3\x83  le",
     "voil\xC3\xA0 le"},
    {"NZ-R2 capitals stay", DEPECHE_PROFILE_MINIMAL, "C O N C L U S \xC3\x83 O",
     "C O N C L U S \xC3\x83 O"},
    {"NZ-R1 no repair of typography", DEPECHE_PROFILE_MINIMAL,
     "arriv\xC3\xA9" NBSP "\xC2\xBB, MARQU\xC3\x89\xE2\x80\xA6, 3 \xC3\x97" NBSP
     "4",
     "arriv\xC3\xA9" NBSP "\xC2\xBB, MARQU\xC3\x89\xE2\x80\xA6, 3 \xC3\x97" NBSP
     "4"},
    {"NZ-R1 legit capitals", DEPECHE_PROFILE_MINIMAL,
     "\xC3\x82ge \xC3\x8Ele \xC3\x89t\xC3\xA9",
     "\xC3\x82ge \xC3\x8Ele \xC3\x89t\xC3\xA9"},
    {"NZ-R1 dashes and Cyrillic stay", DEPECHE_PROFILE_MINIMAL,
     "2020\xE2\x80\x94\xC3\x89lections, Paris\xE2\x80\x93\xC3\x89vian, "
     "\xC2\xAB\xD0\xA1\xD0\xA1\xD0\xA1\xD0\xA0\xC2\xBB",
     "2020\xE2\x80\x94\xC3\x89lections, Paris\xE2\x80\x93\xC3\x89vian, "
     "\xC2\xAB\xD0\xA1\xD0\xA1\xD0\xA1\xD0\xA0\xC2\xBB"},
    {"NZ-R1 one foreign letter stays", DEPECHE_PROFILE_MINIMAL,
     "ESPA\xC3\x91\xC2\xBB", "ESPA\xC3\x91\xC2\xBB"},
    {"NZ-R1 Arabic run", DEPECHE_PROFILE_MINIMAL,
     "\xC3\x98\xC2\xB9\xC3\x99\xC5\xA0\xC3\x98\xC2\xAF",
     "\xD8\xB9\xD9\x8A\xD8\xAF"},
    {"NZ-R2 not for a root sign", DEPECHE_PROFILE_MINIMAL,
     "la racine \xE2\x88\x9A de deux", "la racine \xE2\x88\x9A de deux"},
    {"NZ-R3 numeric references as HTML reads them", DEPECHE_PROFILE_MINIMAL,
     "&#133; &#xFFFE; &#1;", "\xE2\x80\xA6 \xEF\xBF\xBD \xEF\xBF\xBD"},
    {"NZ-R3 entities", DEPECHE_PROFILE_MINIMAL,
     "caf&eacute; &Agrave; &#191;&#x41; &amp; AT&T &unknown; &#0;",
     "caf\xC3\xA9 \xC3\x80 \xC2\xBF"
     "A & AT&T &unknown; &#0;"},
    /* typo */
    {"NZ-T1 NNBSP", DEPECHE_PROFILE_TYPO, "Oui" NNBSP "!", "Oui" NBSP "!"},
    {"NZ-T2 apostrophe", DEPECHE_PROFILE_TYPO, "l'\xC3\xA9t\xC3\xA9",
     "l\xE2\x80\x99\xC3\xA9t\xC3\xA9"},
    {"NZ-T11 apostrophe look-alikes", DEPECHE_PROFILE_TYPO,
     "l`avion, d\xC2\xB4"
     "abord, s\xE2\x80\xB2"
     "il",
     "l\xE2\x80\x99"
     "avion, d\xE2\x80\x99"
     "abord, s\xE2\x80\x99"
     "il"},
    {"NZ-T11 apostrophe look-alikes in mt", DEPECHE_PROFILE_MT,
     "l`avion, d\xC2\xB4"
     "abord",
     "l'avion, d'abord"},
    {"NZ-T11 only between letters", DEPECHE_PROFILE_TYPO,
     "a ` b 5\xE2\x80\xB2 x\xC2\xB4", "a ` b 5\xE2\x80\xB2 x\xC2\xB4"},
    {"NZ-T3 quotes", DEPECHE_PROFILE_TYPO, "dit \"Bonjour\" et",
     "dit \xC2\xAB" NBSP "Bonjour" NBSP "\xC2\xBB et"},
    {"NZ-T3 quote after colon", DEPECHE_PROFILE_TYPO, "a dit: \"Oui\".",
     "a dit" NBSP ": \xC2\xAB" NBSP "Oui" NBSP "\xC2\xBB."},
    {"NZ-T3 quotes inside guillemets", DEPECHE_PROFILE_TYPO,
     "\xC2\xAB\"Non\"\xC2\xBB",
     "\xC2\xAB" NBSP "\xC2\xAB" NBSP "Non" NBSP "\xC2\xBB" NBSP "\xC2\xBB"},
    {"NZ-T3 spaced quotes alternate", DEPECHE_PROFILE_TYPO,
     "Le \" Monde \" titre.",
     "Le \xC2\xAB" NBSP "Monde" NBSP "\xC2\xBB titre."},
    {"NZ-T3 quote after an apostrophe", DEPECHE_PROFILE_TYPO, "l'\"Europe\"",
     "l\xE2\x80\x99\xC2\xAB" NBSP "Europe" NBSP "\xC2\xBB"},
    {"NZ-T3 spaced quote after a full stop opens", DEPECHE_PROFILE_TYPO,
     "Fin. \" Non \", dit-elle.",
     "Fin. \xC2\xAB" NBSP "Non" NBSP "\xC2\xBB, dit-elle."},
    {"NZ-T3 quote glued to a full stop opens", DEPECHE_PROFILE_TYPO,
     "Fin.\"Non\", dit-elle.",
     "Fin.\xC2\xAB" NBSP "Non" NBSP "\xC2\xBB, dit-elle."},
    {"NZ-T3 quote after a full stop closes an open one", DEPECHE_PROFILE_TYPO,
     "Il dit \"Je pars. \" Puis",
     "Il dit \xC2\xAB" NBSP "Je pars." NBSP "\xC2\xBB Puis"},
    {"NZ-T3 quote before an ellipsis opens", DEPECHE_PROFILE_TYPO,
     "\"...je pars\", dit \"\xE2\x80\xA6rien\".",
     "\xC2\xAB" NBSP "\xE2\x80\xA6je pars" NBSP "\xC2\xBB, dit \xC2\xAB" NBSP
     "\xE2\x80\xA6rien" NBSP "\xC2\xBB."},
    {"NZ-T3 pairing starts over on each line", DEPECHE_PROFILE_TYPO,
     "Il dit \"oui.\n\" Non \", dit-elle.\n\"...\"",
     "Il dit \xC2\xAB" NBSP "oui.\n\xC2\xAB" NBSP "Non" NBSP
     "\xC2\xBB, dit-elle.\n\xC2\xAB" NBSP "\xE2\x80\xA6" NBSP "\xC2\xBB"},
    {"NZ-T3 quote after a dateline", DEPECHE_PROFILE_TYPO,
     "PARIS, 3 mars (AFP) -\"Je pars\". Puis (AFP)\"Oui\"",
     "PARIS, 3 mars (AFP) -\xC2\xAB" NBSP "Je pars" NBSP
     "\xC2\xBB. Puis (AFP)\xC2\xAB" NBSP "Oui" NBSP "\xC2\xBB"},
    {"NZ-T0 URLs stay", DEPECHE_PROFILE_TYPO,
     "Voir https://x.fr/10%20b?x=1 et www.y.fr/a:b !",
     "Voir https://x.fr/10%20b?x=1 et www.y.fr/a:b" NBSP "!"},
    {"NZ-T0 URLs stay in mt", DEPECHE_PROFILE_MT,
     "https://fr.wikipedia.org/wiki/Paris_(France) ici",
     "https://fr.wikipedia.org/wiki/Paris_(France) ici"},
    {"NZ-T3 guillemets", DEPECHE_PROFILE_TYPO, "\xC2\xABOui \xC2\xBB",
     "\xC2\xAB" NBSP "Oui" NBSP "\xC2\xBB"},
    {"NZ-T5 punctuation", DEPECHE_PROFILE_TYPO, "Quoi ? Voici: un; deux!",
     "Quoi" NBSP "? Voici" NBSP ": un" NBSP "; deux" NBSP "!"},
    {"NZ-T5 time and URL", DEPECHE_PROFILE_TYPO,
     "\xC3\xA0 12:30 sur https://x.fr/a?b=1",
     "\xC3\xA0 12:30 sur https://x.fr/a?b=1"},
    {"NZ-T5 ?!", DEPECHE_PROFILE_TYPO, "Vraiment?!", "Vraiment" NBSP "?!"},
    {"NZ-T6 percent", DEPECHE_PROFILE_TYPO, "10% et 3 km",
     "10" NBSP "% et 3" NBSP "km"},
    {"NZ-T6 unit before a quote", DEPECHE_PROFILE_TYPO,
     "Il a dit \"25 kg\" et \"90 km/h\". En 3D, 3 degr\xC3\xA9s",
     "Il a dit \xC2\xAB" NBSP "25" NBSP "kg" NBSP "\xC2\xBB et \xC2\xAB" NBSP
     "90" NBSP "km/h" NBSP "\xC2\xBB. En 3D, 3 degr\xC3\xA9s"},
    {"NZ-T6 units and symbols", DEPECHE_PROFILE_TYPO,
     "3 m/s, 12 \xC2\xB0"
     "C, 5 \xE2\x82\xAC, 40 cm\xC2\xB2, 18h30, 3D, 25kg",
     "3" NBSP "m/s, 12" NBSP "\xC2\xB0"
     "C, 5" NBSP "\xE2\x82\xAC, 40" NBSP "cm\xC2\xB2, 18h30, 3D, 25kg"},
    {"NZ-T6 units in mt", DEPECHE_PROFILE_MT,
     "3 m/s, 12 \xC2\xB0"
     "C, 5 \xE2\x82\xAC",
     "3 m/s, 12 \xC2\xB0"
     "C, 5 \xE2\x82\xAC"},
    {"NZ-T7 digit groups", DEPECHE_PROFILE_TYPO, "1 000 et en 2020 100 fois",
     "1" NBSP "000 et en 2020 100 fois"},
    {"NZ-T8 ellipsis", DEPECHE_PROFILE_TYPO, "Bon.... et...",
     "Bon\xE2\x80\xA6 et\xE2\x80\xA6"},
    {"NZ-T8 leaders kept, a spaced stop after an ellipsis goes",
     DEPECHE_PROFILE_TYPO, "Page .......... 12. Oui... . Non",
     "Page .......... 12. Oui\xE2\x80\xA6 Non"},
    {"NZ-T8 leaders kept in mt", DEPECHE_PROFILE_MT,
     "Page .......... 12 et.... fin\xE2\x80\xA6",
     "Page .......... 12 et... fin..."},
    {"NZ-T8 dots after a tab follow their word", DEPECHE_PROFILE_TYPO,
     "gare\t....", "gare\xE2\x80\xA6"},
    {"NZ-M2 no space between ) and a no-break space", DEPECHE_PROFILE_MT,
     "(AFP)\" Puis", "(AFP)\" Puis"},
    {"NZ-T9 space before comma", DEPECHE_PROFILE_TYPO, "oui , ( non )",
     "oui, (non)"},
    {"NZ-T10 dialogue dash", DEPECHE_PROFILE_TYPO, "- Oui.",
     "\xE2\x80\x94" NBSP "Oui."},
    {"NZ-T12 dash glued at the line start", DEPECHE_PROFILE_TYPO,
     "\xE2\x80\x94Partez !\n\xE2\x80\x93\"Non\"\nun \xE2\x80\x94x",
     "\xE2\x80\x94" NBSP "Partez" NBSP "!\n\xE2\x80\x94" NBSP "\xC2\xAB" NBSP
     "Non" NBSP "\xC2\xBB\nun \xE2\x80\x94x"},
    {"NZ-T12 dash glued at the line start in mt", DEPECHE_PROFILE_MT,
     "\xE2\x80\x94Partez !", "- Partez!"},
    {"NZ-T10 en dash", DEPECHE_PROFILE_TYPO, "x - 200", "x \xE2\x80\x93 200"},
    {"typo keeps hyphens", DEPECHE_PROFILE_TYPO, "Etats-Unis -t-il",
     "Etats-Unis -t-il"},
    /* mt */
    {"NZ-M quotes", DEPECHE_PROFILE_MT,
     "dit \xC2\xAB Oui \xC2\xBB et l'\xC3\xA9t\xC3\xA9",
     "dit \"Oui\" et l'\xC3\xA9t\xC3\xA9"},
    {"NZ-M digits", DEPECHE_PROFILE_MT, "1" NBSP "000 personnes, 10 %",
     "1 000 personnes, 10%"},
    {"NZ-M punctuation", DEPECHE_PROFILE_MT, "Pourquoi ? Fin\xE2\x80\xA6",
     "Pourquoi? Fin..."},
    {"NZ-M3 Moses double quotes", DEPECHE_PROFILE_MT,
     "Il dit ``Oui'' et ''non'' : `` Bon '' !",
     "Il dit \"Oui\" et \"non\": \"Bon\"!"},
    {"NZ-M3 in typo too", DEPECHE_PROFILE_TYPO, "``Oui''",
     "\xC2\xAB" NBSP "Oui" NBSP "\xC2\xBB"},
    {"NZ-M3 doubled apostrophe", DEPECHE_PROFILE_TYPO, "C''est",
     "C\xE2\x80\x99"
     "est"},
    {"NZ-M3 doubled apostrophe in mt", DEPECHE_PROFILE_MT, "C''est", "C'est"},
    {"NZ-M no NBSP left", DEPECHE_PROFILE_MT, "a" NBSP "b" NNBSP "c", "a b c"},
    /* mt's straight " is read again from its neighbours: each of these
     * once came out different the second time (property test). */
    {"NZ-M3 two apostrophes of different kinds", DEPECHE_PROFILE_MT,
     "pas\xE2\x80\xB2' Puis", "pas\" Puis"},
    {"NZ-M2 no space between a quote and (", DEPECHE_PROFILE_MT,
     "dit \xE2\x80\x9C(PARIS)", "dit \"(PARIS)"},
    {"NZ-M4 closing quote glued to a word", DEPECHE_PROFILE_MT,
     "PARIS (AFP) \xC2\xBBIl part", "PARIS (AFP)\"Il part"},
    {"NZ-M4 quote opening the line", DEPECHE_PROFILE_MT,
     "\xE2\x80\x9D 1 000 personnes", "\"1 000 personnes"},
    {"NZ-M4 quote before punctuation", DEPECHE_PROFILE_MT,
     "la gare \xC2\xAB ?\nla gare \xC2\xAB ", "la gare\"?\nla gare\""},
    {"NZ-M4 quote after a prime", DEPECHE_PROFILE_MT, "en 3D\xE2\x80\xB2\" La",
     "en 3D'\"La"},
    {"NZ-T8 ellipsis before ( in mt", DEPECHE_PROFILE_MT, "en 3D  ....(Il",
     "en 3D... (Il"},
    {"NZ-T8 ellipsis follows the word before !", DEPECHE_PROFILE_TYPO,
     "retraites\t\xE2\x80\xA6! 25 kg",
     "retraites\xE2\x80\xA6" NBSP "! 25" NBSP "kg"},
    {"NZ-T8 ellipsis and dots after it", DEPECHE_PROFILE_TYPO,
     "en 3D  \xE2\x80\xA6... Selon", "en 3D\xE2\x80\xA6 Selon"},
    /* NZ-N: a run of letters, then a dropped control, then a character
     * NFC changes (U+037E -> ;): the run's letters all stay (fuzz_normalize
     * found "t\xC3\xAA" written "t"). */
    {"NZ-N keeps a run before a dropped control", DEPECHE_PROFILE_MINIMAL,
     "t\xC3\xAA\x08\xCD\xBE", "t\xC3\xAA;"},
    {"NZ-N keeps a long run before a dropped control", DEPECHE_PROFILE_MINIMAL,
     "Il part d\xC3\xA9sormais\x07\xCD\xBE fin",
     "Il part d\xC3\xA9sormais; fin"},
};

static char *
normalize(depeche_profile p, const char *in, size_t len, depeche_omap *map)
{
    depeche_norm_config cfg = {.profile = p};
    depeche_buf out = {0};
    depeche_error err;
    if (depeche_normalize_append(&cfg, in, len, 0, &out, map, &err)) {
        depeche_buf_free(&out);
        return NULL;
    }
    return depeche_buf_detach(&out);
}

static void
test_cases(void)
{
    for (size_t i = 0; i < sizeof cases / sizeof *cases; i++) {
        const norm_case *c = &cases[i];
        char *got = normalize(c->profile, c->in, strlen(c->in), NULL);
        if (!got || strcmp(got, c->want))
            fprintf(stderr, "case %s:\n", c->rule);
        CHECK_STR(got, c->want);
        /* Idempotent: normalizing the output again changes nothing. */
        char *again =
            got ? normalize(c->profile, got, strlen(got), NULL) : NULL;
        if (!again || !got || strcmp(again, got))
            fprintf(stderr, "case %s is not idempotent\n", c->rule);
        CHECK(again && got && !strcmp(again, got));
        free(got);
        free(again);
    }
}

/* Every output byte maps into the input; copied text maps exactly. */
static void
test_offset_map(void)
{
    const char in[] =
        "  Il a dit: \"Oui\".\r\nL'\xC3\xA9t\xC3\xA9  e\xCC\x81t\xC3\xA9.";
    depeche_omap map = {0};
    char *out = normalize(DEPECHE_PROFILE_TYPO, in, sizeof in - 1, &map);
    CHECK(out != NULL);
    if (!out)
        return;
    size_t n = strlen(out);
    uint64_t prev = 0;
    for (size_t i = 0; i < n; i++) {
        uint64_t s = depeche_omap_start(&map, i);
        uint64_t e = depeche_omap_end(&map, i + 1);
        CHECK(s <= e && e <= sizeof in - 1);
        CHECK(s >= prev); /* monotonic */
        prev = s;
    }
    /* "Il" starts at byte 2 of the input, after the trimmed spaces. */
    CHECK_INT(depeche_omap_start(&map, 0), 2);
    /* "Oui" keeps its bytes. */
    const char *oui = strstr(out, "Oui");
    size_t o = (size_t)(oui - out);
    CHECK_INT(depeche_omap_start(&map, o), strstr(in, "Oui") - in);
    CHECK_INT(depeche_omap_end(&map, o + 3), strstr(in, "Oui") - in + 3);
    /* The composed é maps to the two code points it came from. */
    const char *ete = strstr(out, "\xC3\xA9t\xC3\xA9.");
    size_t k = (size_t)(ete - out);
    CHECK_INT(depeche_omap_start(&map, k), strstr(in, "e\xCC\x81") - in);
    CHECK_INT(depeche_omap_end(&map, k + 2), strstr(in, "e\xCC\x81") - in + 3);
    CHECK_INT(depeche_omap_end(&map, n), sizeof in - 1);
    free(out);
    depeche_omap_free(&map);
}

/* A « or » that a repair made ("Â«" read back) is no copy of its bytes:
 * the map replaces them (fuzz_normalize found the MacRoman layers of
 * "«" copied as "¬¨¬¥" ...). */
static void
test_repaired_quotes_map(void)
{
    const char in[] = "dit \xC3\x82\xC2\xAB Oui \xC3\x82\xC2\xBB : "
                      "\xC2\xAC\xC2\xA8\xC2\xAC\xC2\xA5 non";
    for (int p = DEPECHE_PROFILE_TYPO; p <= DEPECHE_PROFILE_MT; p++) {
        depeche_omap map = {0};
        char *out = normalize((depeche_profile)p, in, sizeof in - 1, &map);
        CHECK(out != NULL);
        for (size_t i = 0; out && i < map.count; i++) {
            const depeche_piece *q = &map.pieces[i];
            CHECK(!q->copy || (q->in_len == q->out_len &&
                               !memcmp(out + q->out, in + q->in, q->out_len)));
        }
        free(out);
        depeche_omap_free(&map);
    }
}

static void
test_bad_input(void)
{
    depeche_norm_config cfg = {.profile = DEPECHE_PROFILE_MINIMAL};
    depeche_buf out = {0};
    depeche_error err = {0};
    const char bad[] = "abc\xE2\x82 def";
    CHECK_INT(depeche_normalize_append(&cfg, bad, sizeof bad - 1, 100, &out,
                                       NULL, &err),
              DEPECHE_ERR_BAD_INPUT);
    CHECK_INT(err.byte_offset, 103); /* base + offset in the slice */
    const char nul[] = "ab\0c";
    CHECK_INT(depeche_normalize_append(&cfg, nul, 4, 0, &out, NULL, &err),
              DEPECHE_ERR_BAD_INPUT);
    CHECK_INT(err.byte_offset, 2);
    depeche_buf_clear(&out);
    cfg.flags = DEPECHE_LOSSY;
    CHECK_INT(depeche_normalize_append(&cfg, bad, sizeof bad - 1, 0, &out, NULL,
                                       &err),
              DEPECHE_OK);
    CHECK_STR(out.data, "abc\xEF\xBF\xBD def");
    depeche_buf_free(&out);
}

/* A line far longer than one window (65536 code points) keeps every
 * character and is still folded where windows meet. */
static void
test_long_line(void)
{
    size_t n = 300000;
    char *in = malloc(n + 1);
    for (size_t i = 0; i < n; i++)
        in[i] = i % 10 == 9 ? ' ' : (i % 10 == 8 ? '\'' : 'a');
    in[n] = '\0';
    char *out = normalize(DEPECHE_PROFILE_TYPO, in, n, NULL);
    CHECK(out != NULL);
    if (out) {
        size_t apos = 0, spaces = 0;
        for (const char *p = out; *p; p++) {
            apos += !strncmp(p, "\xE2\x80\x99", 3);
            spaces += *p == ' ';
        }
        CHECK_INT(apos, n / 10);
        CHECK_INT(spaces, n / 10 - 1); /* the last one is trimmed */
    }
    free(in);
    free(out);
}

/* Rules across the 65536-token windows of one line: the look behind and
 * the quote state carry over, trailing spaces go, NFC holds. */
static void
test_window_boundaries(void)
{
    depeche_buf in = {0};
    /* A quote opened far before the boundary closes after it; a colon
     * right after the boundary gets its no-break space. */
    CHECK(!depeche_buf_puts(&in, "\"oui"));
    for (int i = 0; i < 70000; i++)
        CHECK(!depeche_buf_puts(&in, " y"));
    CHECK(!depeche_buf_puts(&in, "\" et la suite : fin"));
    char *out = normalize(DEPECHE_PROFILE_TYPO, in.data, in.len, NULL);
    CHECK(out && !strncmp(out, "\xC2\xAB" NBSP "oui", 7));
    CHECK(out && strstr(out, " y" NBSP "\xC2\xBB et la suite" NBSP ": fin"));
    free(out);
    /* 70000 trailing spaces are trimmed. */
    depeche_buf_clear(&in);
    CHECK(!depeche_buf_puts(&in, "fin"));
    for (int i = 0; i < 70000; i++)
        CHECK(!depeche_buf_putc(&in, ' '));
    CHECK(!depeche_buf_puts(&in, "\nsuite"));
    out = normalize(DEPECHE_PROFILE_MINIMAL, in.data, in.len, NULL);
    CHECK_STR(out, "fin\nsuite");
    free(out);
    /* 40000 decomposed letters without a space compose to NFC. */
    depeche_buf_clear(&in);
    for (int i = 0; i < 40000; i++)
        CHECK(!depeche_buf_puts(&in, "e\xCC\x81"));
    out = normalize(DEPECHE_PROFILE_MINIMAL, in.data, in.len, NULL);
    CHECK(out && strlen(out) == 80000);
    int composed = 1;
    for (size_t i = 0; out && i < 80000; i += 2)
        composed &= !strncmp(out + i, "\xC3\xA9", 2);
    CHECK(composed);
    free(out);
    depeche_buf_free(&in);
}

/* Pieces of French news text and of what goes wrong with it, for the
 * differential test: words next to every rule's trigger. */
static const char *const fragments[] = {"le ",
                                        "pr\xC3\xA9sident",
                                        " ",
                                        "  ",
                                        "\t",
                                        ", ",
                                        ". ",
                                        "-",
                                        "'",
                                        "\"",
                                        "l'",
                                        "\xC3\xA9t\xC3\xA9",
                                        "Jean-Claude",
                                        "\xC5\x93uvre",
                                        "\xC2\xAB",
                                        "\xC2\xBB",
                                        NBSP,
                                        NNBSP,
                                        ":",
                                        ";",
                                        "!",
                                        "?",
                                        "%",
                                        "10",
                                        "1",
                                        "000",
                                        "km",
                                        "km/h",
                                        " h",
                                        "...",
                                        "\xE2\x80\xA6",
                                        "(",
                                        ")",
                                        "[",
                                        "]",
                                        "\n",
                                        "\r\n",
                                        "http://ex.com/a?b=1",
                                        "www.site.fr",
                                        " www",
                                        "fin",
                                        "Fox",
                                        "e\xCC\x81",
                                        "\xC3\x83\xC2\xA9",
                                        "\xC3\x83 ",
                                        "&amp;",
                                        "&eacute;",
                                        "\xE2\x80\x8B",
                                        "\xC2\xAD",
                                        "\xEF\xAC\x81",
                                        "\xE2\x80\x9C",
                                        "\xE2\x80\x9D",
                                        "\xE2\x80\x94 ",
                                        "\xE2\x80\x99",
                                        "\xD0\x9C\xD0\xBE",
                                        "\xE4\xB8\xAD",
                                        "\xC2\xB5",
                                        "5 ",
                                        "A",
                                        "ha",
                                        "www",
                                        " -- ",
                                        ",",
                                        ".",
                                        "l\xC3\xA2\xE2\x82\xAC\xE2\x84\xA2",
                                        "\xC3\x83\xC2\xA8",
                                        "la ville de "};

static uint64_t
next_random(uint64_t *s)
{
    *s ^= *s << 13;
    *s ^= *s >> 7;
    *s ^= *s << 17;
    return *s;
}

/* A fragment, a Latin-1 character (accented letters next to what may
 * start a mojibake repair), or an ASCII word. */
static void
add_random_piece(depeche_buf *in, uint64_t *seed, size_t nfrag)
{
    uint64_t r = next_random(seed);
    if (r % 4 == 0) {
        unsigned cp = 0xA0 + (unsigned)(r >> 8) % 0x60;
        char enc[2] = {(char)(0xC0 | cp >> 6), (char)(0x80 | (cp & 0x3F))};
        CHECK(!depeche_buf_put(in, enc, 2));
    } else if (r % 4 == 1) {
        static const char letters[] = "eaiunrstlodcpmvhwfEALWHF";
        size_t len = 1 + (r >> 8) % 8;
        for (size_t k = 0; k < len; k++)
            CHECK(!depeche_buf_putc(
                in, letters[(r >> (12 + 3 * k)) % (sizeof letters - 1)]));
    } else {
        CHECK(!depeche_buf_puts(in, fragments[(r >> 8) % nfrag]));
    }
}

/* Runs of inert text are an optimization: the output and the offset map
 * must be exactly those of one token a character. */
static void
test_runs_match_char_tokens(void)
{
    uint64_t seed = 0x9E3779B97F4A7C15u;
    size_t nfrag = sizeof fragments / sizeof *fragments;
    depeche_buf in = {0};
    int mismatches = 0;
    for (int round = 0; round < 6000 && mismatches < 5; round++) {
        depeche_buf_clear(&in);
        size_t count = 1 + next_random(&seed) % 60;
        for (size_t k = 0; k < count; k++)
            add_random_piece(&in, &seed, nfrag);
        for (int p = DEPECHE_PROFILE_MINIMAL; p <= DEPECHE_PROFILE_MT; p++) {
            depeche_buf out[2] = {{0}, {0}};
            depeche_omap map[2] = {{0}, {0}};
            for (int k = 0; k < 2; k++) {
                depeche_norm_config cfg = {.profile = (depeche_profile)p,
                                           .flags = DEPECHE_LOSSY,
                                           .char_tokens = k};
                CHECK(!depeche_normalize_append(&cfg, in.data, in.len, 0,
                                                &out[k], &map[k], NULL));
            }
            int same = out[0].len == out[1].len &&
                       !memcmp(out[0].data, out[1].data, out[0].len);
            for (size_t o = 0; same && o < out[0].len; o++)
                same = depeche_omap_start(&map[0], o) ==
                           depeche_omap_start(&map[1], o) &&
                       depeche_omap_end(&map[0], o + 1) ==
                           depeche_omap_end(&map[1], o + 1);
            if (!same && mismatches++ < 5)
                fprintf(stderr, "runs differ, profile %d, input \"%s\"\n", p,
                        in.data);
            for (int k = 0; k < 2; k++) {
                depeche_buf_free(&out[k]);
                depeche_omap_free(&map[k]);
            }
        }
    }
    CHECK_INT(mismatches, 0);
    depeche_buf_free(&in);
}

typedef struct told {
    char log[256];
    size_t len;
} told;

static void
tell(void *user, const char *code, uint64_t start, uint64_t end,
     const char *message)
{
    told *t = user;
    (void)message;
    int k = snprintf(t->log + t->len, sizeof t->log - t->len, "%s@%llu-%llu ",
                     code, (unsigned long long)start, (unsigned long long)end);
    if (k > 0 && (size_t)k < sizeof t->log - t->len)
        t->len += (size_t)k;
}

/* ---- property test: French news text with the issue-15 kinds ----------
 * Sentences written for this test, joined with the characters the rules
 * act on inserted at random: straight, curly and Moses quotes, guillemets,
 * apostrophe look-alikes, numbers and units, dots, dashes, format
 * characters, doubled spaces and line breaks. */
static const char *const sample_sentences[] = {
    "Le gouvernement a annonc\xC3\xA9 une r\xC3\xA9"
    "forme des retraites",
    "Les pompiers sont intervenus vers 18h30 pr\xC3\xA8s de la gare",
    "Il a d\xC3\xA9"
    "clar\xC3\xA9 qu'il ne se repr\xC3\xA9senterait pas",
    "La temp\xC3\xA9rature a atteint",
    "Selon la pr\xC3\xA9"
    "fecture",
    "L'\xC3\xA9quipe de France s'est qualifi\xC3\xA9"
    "e en 3D",
    "PARIS, 3 mars (AFP)",
    "aujourd'hui",
    "\xC3\x89lections",
    "Le ministre s'est rendu \xC3\xA0 Gen\xC3\xA8ve",
    "Puis il est parti",
};

static const char *const sample_inserts[] = {
    "\"",
    "\" ",
    " \"",
    "\xC2\xAB ",
    " \xC2\xBB",
    "\xE2\x80\x9C",
    "\xE2\x80\x9D",
    "``",
    "''",
    "'",
    "`",
    "\xC2\xB4",
    "\xE2\x80\xB2",
    ". ",
    "... ",
    "....",
    ".......... ",
    "\xE2\x80\xA6",
    " : ",
    " ; ",
    "!",
    " ?",
    ", ",
    " 25 kg",
    " 90 km/h",
    (" 12 \xC2\xB0"
     "C"),
    " 10%",
    " 5 \xE2\x82\xAC",
    " 1 000",
    " 3 m/s",
    "\n",
    "\n\n",
    "\xE2\x80\x94",
    "- ",
    " \xE2\x80\x93 ",
    "\xE2\x81\xA0",
    "\xE2\x80\x8E",
    "  ",
    "\t",
    "(",
    ")",
    " 300",
};

/* The letters of s in order (ASCII, and the two-byte Latin letters the
 * samples use), for "never changes a letter". */
static void
letters_of(const char *s, depeche_buf *letters)
{
    depeche_buf_clear(letters);
    for (const unsigned char *u = (const unsigned char *)s; *u; u++) {
        int ascii = (*u | 0x20) >= 'a' && (*u | 0x20) <= 'z';
        if (ascii || *u == 0xC3)
            CHECK(!depeche_buf_put(letters, (const char *)u, ascii ? 1 : 2));
        if (*u == 0xC3 && u[1])
            u++;
    }
}

/* Each output letter maps back to the very same bytes of the input. */
static void
check_letters_map_exactly(const char *in, size_t len, const char *out,
                          const depeche_omap *map)
{
    uint64_t prev = 0;
    size_t n = strlen(out);
    for (size_t o = 0; o < n; o++) {
        uint64_t s = depeche_omap_start(map, o);
        CHECK(s >= prev && s <= len);
        prev = s;
        unsigned char c = (unsigned char)out[o];
        size_t k = c == 0xC3 ? 2 : ((c | 0x20) >= 'a' && (c | 0x20) <= 'z');
        if (!k)
            continue;
        uint64_t e = depeche_omap_end(map, o + k);
        CHECK(e - s == k && e <= len && !memcmp(in + s, out + o, k));
        o += k - 1;
    }
}

static void
test_property_random_news(void)
{
    uint64_t seed = 0x5DEECE66Du;
    size_t ns = sizeof sample_sentences / sizeof *sample_sentences;
    size_t ni = sizeof sample_inserts / sizeof *sample_inserts;
    depeche_buf in = {0}, want = {0}, got = {0};
    int failures = 0;
    for (int round = 0; round < 3000 && failures < 5; round++) {
        depeche_buf_clear(&in);
        size_t count = 1 + next_random(&seed) % 12;
        for (size_t k = 0; k <= count; k++) {
            uint64_t r = next_random(&seed);
            if (r % 3 != 0)
                CHECK(!depeche_buf_puts(&in, sample_sentences[(r >> 8) % ns]));
            else
                CHECK(!depeche_buf_puts(&in, sample_inserts[(r >> 8) % ni]));
        }
        letters_of(in.data, &want);
        for (int p = DEPECHE_PROFILE_MINIMAL; p <= DEPECHE_PROFILE_MT; p++) {
            depeche_omap map = {0};
            char *out = normalize((depeche_profile)p, in.data, in.len, &map);
            char *again =
                out ? normalize((depeche_profile)p, out, strlen(out), NULL)
                    : NULL;
            /* Idempotent, letters kept and the map exact in every
             * profile (mt by NZ-M4: its straight " is spaced as a second
             * reading will take it). */
            int ok = out && again && !strcmp(out, again);
            if (out) {
                letters_of(out, &got);
                ok = ok && !strcmp(got.data, want.data);
                check_letters_map_exactly(in.data, in.len, out, &map);
            }
            if (!ok && failures++ < 5)
                fprintf(stderr,
                        "property fails, profile %d, input \"%s\"\n"
                        "  out   \"%s\"\n  again \"%s\"\n",
                        p, in.data, out ? out : "", again ? again : "");
            free(out);
            free(again);
            depeche_omap_free(&map);
        }
    }
    CHECK_INT(failures, 0);
    depeche_buf_free(&in);
    depeche_buf_free(&want);
    depeche_buf_free(&got);
}

/* Normalizes `in` in profile p and checks the output and the repairs
 * told, in order. */
static void
check_told(depeche_profile p, const char *in, const char *want,
           const char *want_log)
{
    told t = {0};
    depeche_norm_config cfg = {.profile = p, .repair = tell, .repair_user = &t};
    depeche_buf out = {0};
    CHECK(!depeche_normalize_append(&cfg, in, strlen(in), 0, &out, NULL, NULL));
    CHECK_STR(out.data, want);
    CHECK_STR(t.log, want_log);
    depeche_buf_free(&out);
}

/* Each repair is told once, even when a window is decoded twice (a C1
 * control in a line that also holds mojibake). */
static void
test_repairs_told_once(void)
{
    check_told(DEPECHE_PROFILE_MINIMAL,
               "a\xC2\x85 et l\xC3\x83\xC2\xA9t\xC3\x83\xC2\xA9",
               "a\xE2\x80\xA6 et l\xC3\xA9t\xC3\xA9",
               "DEPECHE-003@1-3 DEPECHE-004@8-12 DEPECHE-004@13-17 ");
}

/* NZ-R1 in layers: UTF-8 read as Windows-1252 twice ("dÃƒÂ©" for "dé")
 * is repaired one layer a pass, each layer told with its input bytes; a
 * single layer is repaired once, and "Ã©" that a first layer leaves
 * legitimately ("Ãƒ©" is "Ã©" read once) is the second layer. */
static void
test_mojibake_layers(void)
{
    check_told(DEPECHE_PROFILE_MINIMAL,
               "d\xC3\x83\xC6\x92\xC3\x82\xC2\xA9j\xC3\x83\xC2\xA0",
               "d\xC3\xA9j\xC3\xA0",
               "DEPECHE-004@1-5 DEPECHE-004@5-9 DEPECHE-004@10-14 "
               "DEPECHE-004@1-9 ");
    /* Two layers of a curly apostrophe (E2 80 99 read twice). */
    check_told(DEPECHE_PROFILE_TYPO,
               "l\xC3\x83\xC2\xA2\xC3\xA2\xE2\x80\x9A\xC2\xAC\xC3\xA2\xE2\x80"
               "\x9E\xC2\xA2"
               "avion",
               "l\xE2\x80\x99"
               "avion",
               "DEPECHE-004@1-5 DEPECHE-004@5-12 DEPECHE-004@12-19 "
               "DEPECHE-004@1-19 ");
}

/* NZ-R4: two and three layers of MacRoman are peeled at once, told once
 * with their count, a lone word ("à") as well as inside one. */
static void
test_macroman_layers(void)
{
    check_told(DEPECHE_PROFILE_MINIMAL,
               "pr\xE2\x80\x9A\xC3\x84\xC3\xB6\xE2\x88\x9A\xE2\x80\xA0\xE2"
               "\x88\x9A\xE2\x88\x82\xC2\xAC\xC2\xA8\xC2\xAC\xC2\xA9sident",
               "pr\xC3\xA9sident", "DEPECHE-004@2-29 ");
    check_told(DEPECHE_PROFILE_MINIMAL,
               "a dit \xE2\x80\x9A\xC3\xA0\xC3\xB6\xE2\x80\x9A\xC3\x84\xE2\x80"
               "\xA0 Paul",
               "a dit \xC3\xA0 Paul", "DEPECHE-004@6-21 ");
    check_told(DEPECHE_PROFILE_TYPO,
               "l\xE2\x80\x9A\xC3\x84\xC3\xB6\xE2\x88\x9A\xC3\x91\xE2\x88\x9A"
               "\xE2\x88\x82\xE2\x80\x9A\xC3\xA0\xC3\xB6\xE2\x88\x9A\xC3\xAB"
               "\xE2\x80\x9A\xC3\xA0\xC3\xB6\xC2\xAC\xE2\x80\xA2"
               "avion",
               "l\xE2\x80\x99"
               "avion",
               "DEPECHE-004@1-43 ");
    check_told(DEPECHE_PROFILE_MINIMAL,
               "\xE2\x80\x9A\xC3\xA2\xC3\xA0\xE2\x88\x9A\xC2\xA8uvre",
               "\xC5\x93uvre", "DEPECHE-004@0-12 ");
    /* A lone "√" stays: one layer needs a Latin letter beside it. */
    check_told(DEPECHE_PROFILE_MINIMAL, "la racine \xE2\x88\x9A de 2",
               "la racine \xE2\x88\x9A de 2", "");
}

/* NZ-I3 tells each format character it removes; the zero-width space
 * (NZ-I1) is dropped silently, as before. */
static void
test_format_characters_told(void)
{
    check_told(DEPECHE_PROFILE_TYPO,
               "a\xE2\x81\xA6"
               "b\xE2\x80\x8B"
               "c\xE2\x80\x8E",
               "abc", "DEPECHE-008@1-4 DEPECHE-008@9-12 ");
}

static void
test_key(void)
{
    depeche_buf a = {0}, b = {0};
    const char x[] = "Il a dit \"Oui\" , ici.";
    const char y[] = "il a dit \xC2\xAB" NBSP "oui" NBSP "\xC2\xBB, ici";
    CHECK(!depeche_normalize_key(x, sizeof x - 1, &a));
    CHECK(!depeche_normalize_key(y, sizeof y - 1, &b));
    CHECK_STR(a.data, "il a dit oui ici");
    CHECK_STR(b.data, a.data);
    /* Keys appended one after another start on their first word. */
    size_t at = a.len;
    CHECK(!depeche_normalize_key("\xC2\xAB Oui", 6, &a));
    CHECK_STR(a.data + at, "oui");
    depeche_buf_free(&a);
    depeche_buf_free(&b);
}

/* A large input takes the output buffer aligned on huge pages: the text
 * comes out whole, its map exact, and appending after it still works.  The
 * hint leaves a buffer's contents alone, whatever its size or alignment. */
static void
test_large_buffers(void)
{
    enum { LARGE = 5u << 20 };
    char *big = malloc(LARGE + 1);
    CHECK(big != NULL);
    if (!big)
        return;
    for (size_t i = 0; i < LARGE; i++)
        big[i] = i % 61 == 60 ? '\n' : (char)('a' + i % 26);
    big[LARGE] = '\0';
    depeche_norm_config cfg = {.profile = DEPECHE_PROFILE_TYPO};
    depeche_buf out = {0};
    depeche_omap map = {0};
    CHECK(!depeche_normalize_append(&cfg, big, LARGE, 0, &out, &map, NULL));
    CHECK(out.len == LARGE && !memcmp(out.data, big, LARGE));
    CHECK(depeche_omap_start(&map, LARGE / 2) == LARGE / 2);
    CHECK(!depeche_buf_puts(&out, "fin"));
    CHECK_STR(out.data + LARGE, "fin");
    depeche_buf_free(&out);
    depeche_omap_free(&map);

    char *copy = malloc(LARGE);
    CHECK(copy != NULL);
    if (copy) {
        memcpy(copy, big, LARGE);
        depeche_advise_large_buffer(big + 3, LARGE - 3);
        depeche_advise_large_buffer(big, 100);
        depeche_advise_large_buffer(NULL, 0);
        CHECK(!memcmp(copy, big, LARGE));
    }
    free(copy);
    free(big);
}

int
main(void)
{
    test_cases();
    test_offset_map();
    test_repaired_quotes_map();
    test_bad_input();
    test_long_line();
    test_window_boundaries();
    test_runs_match_char_tokens();
    test_property_random_news();
    test_repairs_told_once();
    test_mojibake_layers();
    test_macroman_layers();
    test_format_characters_told();
    test_key();
    test_large_buffers();
    return harness_done();
}
