/* main.c -- `depeche <command> [options] [FILE...]`: dispatch only. */
#include <signal.h>
#include <string.h>

#include "cli.h"

typedef struct command {
    const char *name;
    int (*run)(int argc, char **argv);
    const char *summary;
} command;

static const command commands[] = {
    {"prep", cmd_prep,
     "clean, normalize, segment, spell and export (TMX, XLIFF, ...)"},
    {"clean", cmd_clean, "drop site names, bylines, boilerplate, repeats"},
    {"normalize", cmd_normalize, "Unicode and French typography"},
    {"segment", cmd_segment, "one sentence a line"},
    {"spell", cmd_spell, "spell audit with hunspell and a French dictionary"},
    {"align", cmd_align,
     "align a text with its translation, sentence by sentence"},
    {"dedup", cmd_dedup,
     "drop lines said before, from merged outputs, in bounded memory"},
};

static void
usage(FILE *f)
{
    fprintf(f, "usage: depeche <command> [options] [FILE...]\n"
               "       depeche help [COMMAND] | --help | --version\n\n"
               "French news copy to translator-ready and MT-ready "
               "segments.\n\ncommands:\n");
    for (size_t i = 0; i < sizeof commands / sizeof *commands; i++)
        fprintf(f, "  %-10s %s\n", commands[i].name, commands[i].summary);
    fprintf(f, "\nFILE '-' or none reads standard input.  "
               "'depeche COMMAND --help' tells more.\n\n"
               "-o FILE is written whole or not at all: the old FILE stays "
               "as it was\nwhen a run fails, and FILE may not be an input.\n\n"
               "exit status: 0 ok, 1 misspellings found (spell), "
               "2 usage error,\n"
               "             3 bad input, 4 I/O or dictionary failure,\n"
               "             141 the reader of standard output went away "
               "(| head): no message\n");
}

static int
run_command(const char *name, int argc, char **argv)
{
    for (size_t i = 0; i < sizeof commands / sizeof *commands; i++)
        if (!strcmp(name, commands[i].name))
            return commands[i].run(argc, argv);
    fprintf(stderr, "depeche: unknown command '%s'\n", name);
    usage(stderr);
    return EXIT_USAGE;
}

/* `depeche help [COMMAND]`: what --help prints. */
static int
help(int argc, char **argv)
{
    if (argc < 3) {
        usage(stdout);
        return EXIT_OK;
    }
    if (argc > 3) {
        fprintf(stderr, "depeche help: one command at most\n");
        return EXIT_USAGE;
    }
    char *args[] = {argv[2], "--help", NULL};
    return run_command(argv[2], 2, args);
}

int
main(int argc, char **argv)
{
    /* A closed pipe is a failed write (EPIPE), which cli_end_output turns
     * into a quiet EXIT_PIPE once the run has stopped cleanly; never a death
     * by signal halfway (with a temporary left behind), whatever the parent
     * left SIGPIPE at. */
    signal(SIGPIPE, SIG_IGN);
    if (argc < 2) {
        usage(stderr);
        return EXIT_USAGE;
    }
    const char *cmd = argv[1];
    if (!strcmp(cmd, "--help") || !strcmp(cmd, "-h") || !strcmp(cmd, "help"))
        return help(argc, argv);
    if (!strcmp(cmd, "--version") || !strcmp(cmd, "-V")) {
        printf("depeche %s (libdepeche %s)\n", DEPECHE_VERSION_STRING,
               depeche_version_string());
        return EXIT_OK;
    }
    return run_command(cmd, argc - 1, argv + 1);
}
