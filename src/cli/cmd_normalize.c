/* cmd_normalize.c -- `depeche normalize`: the normalized text only. */
#include <getopt.h>
#include <stdlib.h>
#include <string.h>

#include "cli.h"

static const char help[] =
    "usage: depeche normalize [--profile minimal|typo|mt] [--lossy]\n"
    "                         [-o FILE] [FILE...]\n\n"
    "Writes each FILE normalized: NFC, line ends to LF, invisible and\n"
    "control characters removed, spaces folded and trimmed; with\n"
    "--profile typo French typography (« », ’, no-break spaces U+00A0);\n"
    "with --profile mt the same mapped to ASCII punctuation for MT.\n\n"
    "  --profile P   minimal (default), typo or mt\n"
    "  --lossy       replace invalid UTF-8 with U+FFFD, drop NUL bytes\n"
    "                (each repair is reported on stderr)\n"
    "  -o FILE       write to FILE instead of standard output\n";

int
cmd_normalize(int argc, char **argv)
{
    static const struct option longopts[] = {
        {"profile", required_argument, NULL, 'p'},
        {"lossy", no_argument, NULL, 'L'},
        {"output", required_argument, NULL, 'o'},
        {"help", no_argument, NULL, 'h'},
        {NULL, 0, NULL, 0}};
    depeche_options opts;
    depeche_options_init(&opts);
    const char *output = NULL;
    int c;
    optind = 1;
    while ((c = getopt_long(argc, argv, "o:h", longopts, NULL)) != -1) {
        switch (c) {
        case 'p':
            if (depeche_profile_parse(optarg, &opts.profile))
                return cli_usage_error("normalize", "unknown profile '%s'",
                                       optarg);
            break;
        case 'L':
            opts.flags |= DEPECHE_LOSSY;
            break;
        case 'o':
            output = optarg;
            break;
        case 'h':
            fputs(help, stdout);
            return EXIT_OK;
        default:
            return cli_usage_error("normalize", "bad option");
        }
    }
    char *stdin_name[] = {"-"};
    char **files = optind < argc ? argv + optind : stdin_name;
    int nfiles = optind < argc ? argc - optind : 1;
    FILE *out;
    int rc = cli_open_output(output, files, nfiles, &out);
    if (rc)
        return rc;
    for (int i = 0; i < nfiles && rc == EXIT_OK; i++) {
        char *data, *text;
        size_t len, text_len;
        rc = cli_read_input(files[i], &data, &len);
        if (rc)
            break;
        const char *current = files[i];
        opts.warn_fn = cli_warn;
        opts.warn_user = (void *)&current;
        depeche_error err;
        depeche_status st =
            depeche_normalize(&opts, data, len, &text, &text_len, &err);
        free(data);
        if (st) {
            rc = cli_report(files[i], &err);
            break;
        }
        fwrite(text, 1, text_len, out);
        depeche_free(text);
    }
    int rc2 = cli_close_output(out, output);
    return rc ? rc : rc2;
}
