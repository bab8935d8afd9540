/* cmd_clean.c -- STUB */
#include "cli.h"

int
cmd_clean(int argc, char **argv)
{
    return EXIT_USAGE;
}
