/* plain.c -- STUB */
#include "export.h"
