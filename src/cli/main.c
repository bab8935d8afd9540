/* main.c -- STUB */
#include "cli.h"

int
main(int argc, char **argv)
{
    return EXIT_USAGE;
}
