/* cmd_segment.c -- STUB */
#include "cli.h"

int
cmd_segment(int argc, char **argv)
{
    return EXIT_USAGE;
}
