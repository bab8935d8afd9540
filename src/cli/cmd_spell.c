/* cmd_spell.c -- STUB */
#include "cli.h"

int
cmd_spell(int argc, char **argv)
{
    return EXIT_USAGE;
}
