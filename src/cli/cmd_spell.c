/* cmd_spell.c -- `depeche spell`: findings with line:column. */
#include <getopt.h>
#include <string.h>

#include "cli.h"

static const char *const help[] = {
    "usage: depeche spell [--to text|jsonl] [options] [FILE...]\n\n"
    "Audits the spelling of each FILE with hunspell and a French dictionary\n"
    "(Debian's hunspell-fr-classical by default).  Prints one finding a\n"
    "line, FILE:LINE:COL: KIND: WORD -> s1, s2, s3, where KIND is\n"
    "misspelling, name (an unknown proper name), accent (Etats -> États) or\n"
    "foreign; --to jsonl prints {\"file\",\"line\",\"col\",\"start\",\"end\",\n"
    "\"word\",\"kind\",\"suggestions\"} records.  A summary goes to standard\n"
    "error.  Exit status 1 when a misspelling is found, 0 when none.\n\n"
    "  --to FORMAT       text (default) or jsonl\n"
    "  --context         the sentence under each finding, a caret under the\n"
    "                    word (jsonl: \"context\", "
    "\"context_start\")\n",
    CLI_COMMON_HELP, NULL};

static int
spell_option(const char *cmd, int opt, const char *arg, cli_args *a)
{
    if (opt == OPT_CONTEXT) {
        a->wo.flags |= DEPECHE_WRITE_CONTEXT;
        return 0;
    }
    if (opt != OPT_TO)
        return -1;
    if (!strcmp(arg, "text"))
        a->wo.format = DEPECHE_FORMAT_SPELL_TEXT;
    else if (!strcmp(arg, "jsonl"))
        a->wo.format = DEPECHE_FORMAT_SPELL_JSONL;
    else
        return cli_usage_error(cmd, "unknown format '%s'", arg);
    return 0;
}

int
cmd_spell(int argc, char **argv)
{
    static const struct option longopts[] = {
        CLI_COMMON_OPTIONS,
        {"to", required_argument, NULL, OPT_TO},
        {"context", no_argument, NULL, OPT_CONTEXT},
        {NULL, 0, NULL, 0}};
    cli_args a = {0};
    depeche_options_init(&a.opts);
    depeche_writer_options_init(&a.wo);
    a.wo.format = DEPECHE_FORMAT_SPELL_TEXT;
    int rc = cli_parse("spell", argc, argv, longopts, help, spell_option, &a);
    if (rc >= 0)
        return rc;
    cli_summary sum = {0};
    rc = cli_run_files(&a, &a.opts, &a.wo, argv + a.first_file,
                       argc - a.first_file, a.output, NULL, &sum);
    if (rc == EXIT_OK && !sum.learned) {
        fprintf(stderr,
                "depeche: %zu document%s, %zu segment%s: %zu finding%s, %zu "
                "misspelling%s\n",
                sum.docs, sum.docs == 1 ? "" : "s", sum.segments,
                sum.segments == 1 ? "" : "s", sum.findings,
                sum.findings == 1 ? "" : "s", sum.misspellings,
                sum.misspellings == 1 ? "" : "s");
        if (sum.misspellings)
            return EXIT_FINDINGS;
    }
    return rc;
}
