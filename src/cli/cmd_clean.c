/* cmd_clean.c -- `depeche clean`: the kept text, or why each block went. */
#include <getopt.h>

#include "cli.h"

static const char help[] =
    "usage: depeche clean [--explain] [options] [FILE...]\n\n"
    "Writes the text each FILE keeps once site names, bylines, boilerplate,\n"
    "repeats, junk and blank lines are dropped: one paragraph a line.\n\n"
    "  --explain         JSONL instead: one record a block\n"
    "                    {\"doc\",\"kind\",\"action\",\"reason\",\"start\","
    "\"end\",\"text\"}\n"
    "                    (blocks tile the input: nothing is lost), then one\n"
    "                    {\"doc\",\"meta\":{...}} record a document\n"
    "  --lossy           replace invalid UTF-8 with U+FFFD, drop NUL bytes\n"
    "  -o FILE           write to FILE instead of standard output\n";

int
cmd_clean(int argc, char **argv)
{
    static const struct option longopts[] = {
        CLI_COMMON_OPTIONS,
        {"explain", no_argument, NULL, OPT_EXPLAIN},
        {NULL, 0, NULL, 0}};
    depeche_options opts;
    depeche_writer_options wo;
    depeche_options_init(&opts);
    depeche_writer_options_init(&wo);
    opts.flags |= DEPECHE_NO_SPELL;
    wo.format = DEPECHE_FORMAT_CLEAN_TEXT;
    const char *output = NULL;
    int profile_set = 0, c, rc;
    optind = 1;
    while ((c = getopt_long(argc, argv, "o:h", longopts, NULL)) != -1) {
        if ((rc = cli_common_option("clean", c, optarg, &opts, &profile_set)) >=
            0) {
            if (rc)
                return rc;
            continue;
        }
        switch (c) {
        case 'o':
            output = optarg;
            break;
        case OPT_EXPLAIN:
            wo.format = DEPECHE_FORMAT_CLEAN_JSONL;
            break;
        case 'h':
            fputs(help, stdout);
            return EXIT_OK;
        default:
            return cli_usage_error("clean", "bad option");
        }
    }
    cli_summary sum = {0};
    rc = cli_run_files(&opts, &wo, argv + optind, argc - optind, output, NULL,
                       &sum);
    return rc;
}
