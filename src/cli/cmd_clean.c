/* cmd_clean.c -- `depeche clean`: the kept text, or why each block went. */
#include <getopt.h>

#include "cli.h"

static const char *const help[] = {
    "usage: depeche clean [--explain] [options] [FILE...]\n\n"
    "Writes the text each FILE keeps once site names, bylines, boilerplate,\n"
    "repeated runs of paragraphs, junk and blank lines are dropped: one\n"
    "paragraph a line.\n\n"
    "  --explain         JSONL instead: a {\"doc\",\"meta\":{...}} record a\n"
    "                    document, then one record a block\n"
    "                    {\"doc\",\"kind\",\"action\",\"reason\",\"start\","
    "\"end\",\"text\"}\n"
    "                    (blocks tile the input: nothing is lost)\n"
    "  --keep-duplicates keep paragraphs said again in the same order (by\n"
    "                    default such a run, an article pasted twice, goes;\n"
    "                    a paragraph repeated alone always stays)\n"
    "  --lossy           replace invalid UTF-8 with U+FFFD, drop NUL bytes\n"
    "  --in html|text    what FILE is (default: HTML when it opens like a\n"
    "                    page: its article is kept, the rest "
    "dropped)\n" CLI_CORPUS_HELP
    "  -o FILE           write to FILE instead of standard output\n",
    NULL};

static int
clean_option(const char *cmd, int opt, const char *arg, cli_args *a)
{
    if (opt != OPT_EXPLAIN)
        return -1;
    a->wo.format = DEPECHE_FORMAT_CLEAN_JSONL;
    return 0;
}

int
cmd_clean(int argc, char **argv)
{
    static const struct option longopts[] = {
        CLI_COMMON_OPTIONS,
        {"explain", no_argument, NULL, OPT_EXPLAIN},
        {NULL, 0, NULL, 0}};
    cli_args a = {0};
    depeche_options_init(&a.opts);
    depeche_writer_options_init(&a.wo);
    a.opts.flags |= DEPECHE_NO_SPELL;
    a.wo.format = DEPECHE_FORMAT_CLEAN_TEXT;
    int rc = cli_parse("clean", argc, argv, longopts, help, clean_option, &a);
    if (rc >= 0)
        return rc;
    cli_summary sum = {0};
    return cli_run_files(&a, &a.opts, &a.wo, argv + a.first_file,
                         argc - a.first_file, a.output, NULL, &sum);
}
