/* io.c -- STUB */
#include "cli.h"
