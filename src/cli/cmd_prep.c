/* cmd_prep.c -- STUB */
#include "cli.h"

int
cmd_prep(int argc, char **argv)
{
    return EXIT_USAGE;
}
