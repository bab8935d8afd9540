/* cmd_prep.c -- `depeche prep`: every stage, then an export. */
#include <getopt.h>
#include <sys/stat.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>

#include "cli.h"
#include "run_corpus.h"

/* In pieces: C99 promises string literals of 4095 bytes only. */
static const char *const help[] = {
    "usage: depeche prep [options] [FILE...]\n\n"
    "Cleans, normalizes, segments and spell-checks each FILE (one document\n"
    "each; '-' or none: standard input) and writes the segments.\n\n"
    "  --to FORMAT       tmx (default), xliff, xliff2, moses, tsv, jsonl, "
    "text\n",
    CLI_COMMON_HELP,
    "  --notes[=WHICH]   TMX/XLIFF notes: fix (default: misspellings and\n"
    "                    accent advice), all (also names and foreign\n"
    "                    runs; --notes alone), none\n"
    "  --no-copy-source  XLIFF: no <target> (by default the source is\n"
    "                    copied there, marked untranslated, for OmegaT)\n"
    "  --copy-source     XLIFF 2: copy even so (needs --target-lang)\n"
    "  --target-lang TAG XLIFF: the target language (default: none said;\n"
    "                    XLIFF 2 then writes no <target>)\n"
    "  --date WHEN       TMX creationdate: seconds since 1970 (default\n"
    "                    $SOURCE_DATE_EPOCH, else now)\n"
    "  --split           one output a document: -o names a folder, each\n"
    "                    FILE goes to FOLDER/NAME.EXT (a.txt -> a.tmx); two\n"
    "                    FILEs of one NAME (x/a.txt y/a.txt, a.txt a.md) are\n"
    "                    refused before anything is written\n"
    "  --in html|text    what FILE is (default: HTML when it opens like a\n"
    "                    page: its article becomes the segments)\n"
    "  --in jsonl        each FILE: a document a line, a JSON object\n"
    "  --id-field NAME   --in jsonl: the id's field (default id)\n"
    "  --text-field NAME --in jsonl: the text's field (default text)\n"
    "  --files-from LIST also the FILEs LIST names, one a line\n"
    "  --skip-bad        report a malformed record or a document that\n"
    "                    fails, and go on (by default the run stops)\n"
    "  --no-spell        no spelling audit (the fastest run; no findings)\n"

    "  --dedup MODE      none (default), exact or normalized (case,\n"
    "                    accents, punctuation, digits folded): drop what\n"
    "                    the run said before\n"
    "  --min-chars N     drop segments of fewer characters\n"
    "  --max-chars N     drop segments of more characters\n"
    "  --min-words N     drop segments of fewer words\n"
    "  --max-words N     drop segments of more words\n"
    "  --min-letters F   drop segments whose share of letters (among the\n"
    "                    characters that are not spaces) is under F (0-1)\n"
    "  --max-misspellings N  drop segments with more misspellings\n"
    "                    (the summary counts what each drops)\n\n"
    "FILEs compressed with gzip or zstd (.gz, .zst) are read decompressed.\n"
    "With several documents, -j N processes N at a time (default: the\n"
    "processors, for 1 MB of input or more); the output is the same at any\n"
    "N.  Progress goes to standard error when it is a terminal.  Suggestions\n"
    "are computed only for the formats that show them (jsonl, and notes).\n"
    "The profile defaults to typo for tmx, xliff and xliff2, minimal for\n"
    "the others.  With --to moses, -o corpus writes corpus.fr (the language\n"
    "subtag; a name that ends so, or a device, is used as it is).  A\n"
    "one-line summary goes to standard error.\n",
    NULL};

static int
parse_date(const char *s, int64_t *out)
{
    char *end;
    long long v = strtoll(s, &end, 10);
    if (!*s || *end || v < 0)
        return -1;
    *out = (int64_t)v;
    return 0;
}

static const char *
lang_subtag(const char *lang, char *buf, size_t n)
{
    size_t k = strcspn(lang, "-_");
    if (k == 0 || k >= n)
        return "fr";
    memcpy(buf, lang, k);
    buf[k] = '\0';
    return buf;
}

/* Moses files come in pairs named by language: -o corpus writes corpus.fr.
 * A name that already ends so, or a device or FIFO (/dev/null), is used as
 * it is.  NULL when the name does not fit buf. */
static const char *
moses_name(const char *output, const char *subtag, char *buf, size_t n)
{
    size_t len = strlen(output), sub = strlen(subtag);
    struct stat st;
    if (len > sub + 1 && output[len - sub - 1] == '.' &&
        !strcmp(output + len - sub, subtag))
        return output;
    if (stat(output, &st) == 0 && !S_ISREG(st.st_mode) && !S_ISDIR(st.st_mode))
        return output;
    int k = snprintf(buf, n, "%s.%s", output, subtag);
    return k < 0 || (size_t)k >= n ? NULL : buf;
}

/* prep's own options beyond cli.h's list. */
enum {
    OPT_NO_COPY_SOURCE = 1000,
    OPT_NO_SPELL,
    OPT_FILES_FROM,
    OPT_ID_FIELD,
    OPT_TEXT_FIELD,
    OPT_SKIP_BAD,
    OPT_DEDUP,
    OPT_MIN_CHARS,
    OPT_MAX_CHARS,
    OPT_MIN_WORDS,
    OPT_MAX_WORDS,
    OPT_MIN_LETTERS,
    OPT_MAX_MISSPELLINGS
};

/* A bound of the filters: a number of 0 or more. */
static int
parse_count(const char *cmd, const char *arg, size_t *out)
{
    char *end;
    unsigned long long v = strtoull(arg, &end, 10);
    if (!*arg || *end || arg[0] == '-')
        return cli_usage_error(cmd, "a bound takes a number, not '%s'", arg);
    *out = (size_t)v;
    return 0;
}

/* The filter options: 0 when handled, -1 when not one of them. */
static int
filter_option(const char *cmd, int opt, const char *arg, cli_args *a)
{
    depeche_filter_options *f = &a->filter;
    size_t n = 0;
    int rc = 0;
    if (opt < OPT_DEDUP || opt > OPT_MAX_MISSPELLINGS)
        return -1;
    a->filtering = 1;
    switch (opt) {
    case OPT_DEDUP:
        if (depeche_dedup_parse(arg, &f->dedup))
            return cli_usage_error(cmd,
                                   "--dedup takes none, exact or "
                                   "normalized, not '%s'",
                                   arg);
        return 0;
    case OPT_MIN_CHARS:
        return parse_count(cmd, arg, &f->min_chars);
    case OPT_MAX_CHARS:
        return parse_count(cmd, arg, &f->max_chars);
    case OPT_MIN_WORDS:
        return parse_count(cmd, arg, &f->min_words);
    case OPT_MAX_WORDS:
        return parse_count(cmd, arg, &f->max_words);
    case OPT_MIN_LETTERS: {
        char *end;
        f->min_letters = strtod(arg, &end);
        if (!*arg || *end || !(f->min_letters >= 0 && f->min_letters <= 1))
            return cli_usage_error(cmd, "--min-letters takes 0 to 1");
        return 0;
    }
    case OPT_MAX_MISSPELLINGS:
        rc = parse_count(cmd, arg, &n);
        f->max_misspellings = (long)n;
        return rc;
    default:
        return -1;
    }
}

/* A bit of wo.flags that only the CLI uses, cleared before the writer is
 * made: --no-copy-source was given. */
#define PREP_NO_COPY (1u << 31)

static int
parse_notes(const char *arg, unsigned *flags)
{
    unsigned all = DEPECHE_WRITE_NOTES | DEPECHE_WRITE_NAME_NOTES;
    *flags &= ~all;
    if (!arg || !strcmp(arg, "all"))
        *flags |= all;
    else if (!strcmp(arg, "fix"))
        *flags |= DEPECHE_WRITE_NOTES;
    else if (strcmp(arg, "none"))
        return -1;
    return 0;
}

/* The source is copied into XLIFF targets unless --no-copy-source says
 * otherwise: always for XLIFF 1.2 (OmegaT 3 shows no segment without
 * them), for XLIFF 2 when there is a target language to give trgLang
 * (or --copy-source asked, and the writer says what is missing). */
static void
default_copy_source(depeche_writer_options *wo)
{
    if (wo->flags & PREP_NO_COPY)
        wo->flags &= ~(PREP_NO_COPY | DEPECHE_WRITE_COPY_SOURCE);
    else if (wo->format != DEPECHE_FORMAT_XLIFF2 || wo->target_lang)
        wo->flags |= DEPECHE_WRITE_COPY_SOURCE;
}

static int
prep_option(const char *cmd, int opt, const char *arg, cli_args *a)
{
    switch (opt) {
    case OPT_TO:
        if (depeche_format_parse(arg, &a->wo.format))
            return cli_usage_error(cmd, "unknown format '%s'", arg);
        return 0;
    case OPT_NOTES:
        if (parse_notes(arg, &a->wo.flags))
            return cli_usage_error(cmd, "bad --notes '%s' (fix, all, none)",
                                   arg);
        return 0;
    case OPT_COPY_SOURCE:
        a->wo.flags |= DEPECHE_WRITE_COPY_SOURCE;
        a->wo.flags &= ~PREP_NO_COPY;
        return 0;
    case OPT_NO_COPY_SOURCE:
        a->wo.flags |= PREP_NO_COPY;
        a->wo.flags &= ~DEPECHE_WRITE_COPY_SOURCE;
        return 0;
    case OPT_TARGET_LANG:
        a->wo.target_lang = arg;
        return 0;
    case OPT_SPLIT:
        a->split = 1;
        return 0;
    case OPT_NO_SPELL:
        a->opts.flags |= DEPECHE_NO_SPELL;
        return 0;
    case OPT_FILES_FROM:
        a->files_from = arg;
        return 0;
    case OPT_ID_FIELD:
        a->id_field = arg;
        return 0;
    case OPT_TEXT_FIELD:
        a->text_field = arg;
        return 0;
    case OPT_SKIP_BAD:
        a->skip_bad = 1;
        return 0;
    case OPT_DATE:
        if (parse_date(arg, &a->wo.creation_time))
            return cli_usage_error(cmd, "bad --date '%s'", arg);
        return 0;
    default:
        return filter_option(cmd, opt, arg, a);
    }
}

/* ", N skipped; dropped (duplicate document: N, ...)" or "". */
static const char *
skipped_note(const cli_summary *sum, char *buf, size_t n)
{
    size_t k = 0;
    buf[0] = '\0';
    if (sum->skipped)
        k += (size_t)snprintf(buf, n, ", %zu skipped", sum->skipped);
    const char *sep = "; dropped (";
    for (int why = 0; why < DEPECHE_DROP_COUNT && k < n; why++) {
        if (!sum->filtered[why])
            continue;
        k += (size_t)snprintf(buf + k, n - k, "%s%s: %zu", sep,
                              depeche_drop_name(why), sum->filtered[why]);
        sep = ", ";
    }
    if (*sep == ',' && k < n)
        snprintf(buf + k, n - k, ")");
    return buf;
}

static void
free_names(char **names, size_t n)
{
    for (size_t i = 0; i < n; i++)
        free(names[i]);
    free(names);
}

/* Every document (a file, or a JSONL record) through the corpus driver:
 * with several, -j N of them at a time, each on one thread; one document
 * gets the threads instead. */
static int
run_corpus(cli_args *a, char **files, int nfiles, const char *output,
           cli_summary *sum)
{
    static char *stdin_name[] = {"-"};
    char **names = NULL;
    size_t n = 0, cap = (size_t)(nfiles > 0 ? nfiles : 0);
    int rc = EXIT_OK;
    if (cap && !(names = malloc(cap * sizeof *names)))
        rc = EXIT_IO;
    for (size_t i = 0; !rc && i < cap; i++) {
        if (!(names[n] = strdup(files[i])))
            rc = EXIT_IO;
        else
            n++;
    }
    if (!rc && a->files_from)
        rc = prep_read_file_list(a->files_from, &names, &n);
    if (rc) {
        if (rc == EXIT_IO && !a->files_from)
            fprintf(stderr, "depeche: out of memory\n");
        free_names(names, n);
        return rc;
    }
    cli_corpus_args pa = {.opts = &a->opts,
                          .wo = &a->wo,
                          .inputs = n ? names : stdin_name,
                          .ninputs = n ? n : 1,
                          .jsonl = a->jsonl,
                          .id_field = a->id_field,
                          .text_field = a->text_field,
                          .skip_bad = a->skip_bad,
                          .part_bytes = a->part_bytes,
                          .learn_model = a->learn_model,
                          .model = a->model,
                          .filter = a->filtering ? &a->filter : NULL};
    pa.workers = 1;
    if (a->jsonl || pa.ninputs > 1) {
        pa.workers = a->opts.threads > 1 ? a->opts.threads : 1;
        a->opts.threads = 1;
    }
    rc = cli_run_corpus(&pa, output, sum);
    free_names(names, n);
    return rc;
}

int
cmd_prep(int argc, char **argv)
{
    static const struct option longopts[] = {
        CLI_COMMON_OPTIONS,
        {"to", required_argument, NULL, OPT_TO},
        {"notes", optional_argument, NULL, OPT_NOTES},
        {"copy-source", no_argument, NULL, OPT_COPY_SOURCE},
        {"no-copy-source", no_argument, NULL, OPT_NO_COPY_SOURCE},
        {"target-lang", required_argument, NULL, OPT_TARGET_LANG},
        {"date", required_argument, NULL, OPT_DATE},
        {"split", no_argument, NULL, OPT_SPLIT},
        {"no-spell", no_argument, NULL, OPT_NO_SPELL},
        {"files-from", required_argument, NULL, OPT_FILES_FROM},
        {"id-field", required_argument, NULL, OPT_ID_FIELD},
        {"text-field", required_argument, NULL, OPT_TEXT_FIELD},
        {"skip-bad", no_argument, NULL, OPT_SKIP_BAD},
        {"dedup", required_argument, NULL, OPT_DEDUP},
        {"min-chars", required_argument, NULL, OPT_MIN_CHARS},
        {"max-chars", required_argument, NULL, OPT_MAX_CHARS},
        {"min-words", required_argument, NULL, OPT_MIN_WORDS},
        {"max-words", required_argument, NULL, OPT_MAX_WORDS},
        {"min-letters", required_argument, NULL, OPT_MIN_LETTERS},
        {"max-misspellings", required_argument, NULL, OPT_MAX_MISSPELLINGS},
        {NULL, 0, NULL, 0}};
    cli_args a = {0};
    depeche_options_init(&a.opts);
    depeche_filter_options_init(&a.filter);
    depeche_writer_options_init(&a.wo);
    a.wo.flags |= DEPECHE_WRITE_NOTES;
    const char *epoch = getenv("SOURCE_DATE_EPOCH");
    if (epoch && parse_date(epoch, &a.wo.creation_time))
        return cli_usage_error("prep", "bad SOURCE_DATE_EPOCH '%s'", epoch);
    int rc = cli_parse("prep", argc, argv, longopts, help, prep_option, &a);
    if (rc >= 0)
        return rc;
    depeche_options *opts = &a.opts;
    depeche_writer_options *wo = &a.wo;
    const char *output = a.output;
    default_copy_source(wo);
    if (!a.profile_set)
        opts->profile = wo->format <= DEPECHE_FORMAT_XLIFF2
                            ? DEPECHE_PROFILE_TYPO
                            : DEPECHE_PROFILE_MINIMAL;
    wo->source_lang = opts->lang;
    char path[4096], sub[16];
    static const char *const exts[] = {"tmx", "xlf",   "xlf", NULL,
                                       "tsv", "jsonl", "txt"};
    const char *split_ext = NULL;
    if (a.filter.max_misspellings >= 0 && (opts->flags & DEPECHE_NO_SPELL))
        return cli_usage_error("prep", "--max-misspellings needs the audit "
                                       "(not --no-spell)");
    if (a.split && (a.jsonl || a.files_from || a.filtering))
        return cli_usage_error("prep", "--split takes files given as "
                                       "arguments, without --in jsonl, "
                                       "--files-from or filters");
    if (a.learn_model && (a.split || a.filtering))
        return cli_usage_error("prep", "--learn-boilerplate writes a model "
                                       "only: no --split or filters");
    if (a.split) {
        if (!output || !strcmp(output, "-") || a.first_file >= argc)
            return cli_usage_error("prep", "--split needs -o FOLDER and "
                                           "input files");
        split_ext = exts[wo->format] ? exts[wo->format]
                                     : lang_subtag(opts->lang, sub, sizeof sub);
    } else if (wo->format == DEPECHE_FORMAT_MOSES && output &&
               strcmp(output, "-")) {
        output = moses_name(output, lang_subtag(opts->lang, sub, sizeof sub),
                            path, sizeof path);
        if (!output) {
            fprintf(stderr, "depeche: %s: name too long\n", a.output);
            return EXIT_USAGE;
        }
    }
    depeche_options_fit_writer(opts, wo);
    cli_summary sum = {0};
    char note[512];
    if (a.split)
        rc = cli_run_files(&a, opts, wo, argv + a.first_file,
                           argc - a.first_file, output, split_ext, &sum);
    else
        rc = run_corpus(&a, argv + a.first_file, argc - a.first_file, output,
                        &sum);
    if (rc == EXIT_OK && sum.learned)
        ; /* the learning run said what it wrote */
    else if (rc == EXIT_OK && a.split)
        fprintf(stderr,
                "depeche: wrote %zu files in %s: %zu segments, %zu removed "
                "blocks, %zu blank blocks, %zu findings (%zu misspellings)\n",
                sum.outputs, output, sum.segments, sum.dropped, sum.blanks,
                sum.findings, sum.misspellings);
    else if (rc == EXIT_OK)
        fprintf(stderr,
                "depeche: wrote %s: %zu document%s, %zu segments, %zu "
                "removed blocks, %zu blank blocks, %zu findings (%zu "
                "misspellings)%s\n",
                output && strcmp(output, "-") ? output : "standard output",
                sum.docs, sum.docs == 1 ? "" : "s", sum.segments, sum.dropped,
                sum.blanks, sum.findings, sum.misspellings,
                skipped_note(&sum, note, sizeof note));
    return rc;
}
