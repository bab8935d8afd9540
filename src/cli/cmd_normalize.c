/* cmd_normalize.c -- STUB */
#include "cli.h"

int
cmd_normalize(int argc, char **argv)
{
    return EXIT_USAGE;
}
