/* test_dicts_lang.c -- language bundles (src/dicts_lang.c): which files of
 * dicts/ a language tag reads, and the lookups the stages make in them. */
#include <stdio.h>
#include <string.h>

#include "harness.h"
#include "src/dicts_lang.h"

static int
has(const char *lang, depeche_list_id id, const char *w)
{
    depeche_dict_text t = depeche_bundle_list(lang, id);
    return depeche_dict_has(&t, w, strlen(w));
}

static int
month(const char *lang, const char *w)
{
    depeche_dict_text t = depeche_bundle_list(lang, DEPECHE_LIST_MONTHS);
    return depeche_dict_line_of(&t, w, strlen(w));
}

static void
test_choice(void)
{
    static const char *const english[] = {"en", "en-US", "EN_gb", "En"};
    for (size_t i = 0; i < sizeof english / sizeof *english; i++)
        CHECK_STR(depeche_bundle_lang(english[i]), "en");
    static const char *const french[] = {"fr", "fr-FR", "de", "eng", "e"};
    for (size_t i = 0; i < sizeof french / sizeof *french; i++)
        CHECK_STR(depeche_bundle_lang(french[i]), "fr");
    CHECK_STR(depeche_bundle_lang(NULL), "fr");
    CHECK_STR(depeche_bundle_list("en-US", DEPECHE_LIST_ABBREV).name,
              "en/abbrev.txt");
    CHECK_STR(depeche_bundle_list(NULL, DEPECHE_LIST_ABBREV).name,
              "fr/abbrev.txt");
}

static void
test_lookups(void)
{
    CHECK_INT(month("fr", "janvier"), 1);
    CHECK_INT(month("fr", "fevrier"), 2);
    CHECK_INT(month("fr", "f\xC3\xA9vr"), 2);
    CHECK_INT(month("fr", "d\xC3\xA9"
                          "c"),
              12);
    CHECK_INT(month("fr", "decembre"), 12);
    CHECK_INT(month("fr", "janvi"), 0);        /* whole spellings only */
    CHECK_INT(month("fr", "janvier janv"), 0); /* one word, not the line */
    CHECK_INT(month("fr", ""), 0);
    CHECK_INT(month("en", "may"), 5);
    CHECK_INT(month("en", "sep"), 9);
    CHECK(has("fr", DEPECHE_LIST_DAYS, "dimanche"));
    CHECK(!has("fr", DEPECHE_LIST_DAYS, "sunday"));
    CHECK(has("en", DEPECHE_LIST_DAYS, "sunday"));
    CHECK(has("fr", DEPECHE_LIST_UNITS, "km/h"));
    CHECK(has("fr", DEPECHE_LIST_UNITS, "L"));
    CHECK(!has("fr", DEPECHE_LIST_UNITS, "M"));   /* case matters */
    CHECK(!has("fr", DEPECHE_LIST_UNITS, "kmh")); /* whole entries */
    CHECK(!has("fr", DEPECHE_LIST_UNITS, "#"));   /* comments are none */
    CHECK(has("fr", DEPECHE_LIST_PLACE_WORDS, "l\xC3\xA8s"));
    CHECK(has("fr", DEPECHE_LIST_BYLINE_WORDS,
              "envoy\xC3\xA9"
              "e"));
    CHECK(has("fr", DEPECHE_LIST_CLAUSE_WORDS, "selon"));
    CHECK(!has("fr", DEPECHE_LIST_CLAUSE_WORDS, "Selon"));
    /* a list English lacks is empty, not French */
    CHECK_INT(depeche_bundle_list("en", DEPECHE_LIST_UNITS).len, 0);
    CHECK(!has("en", DEPECHE_LIST_UNITS, "km"));
}

int
main(void)
{
    test_choice();
    test_lookups();
    return harness_done();
}
