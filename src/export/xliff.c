/* xliff.c -- STUB */
#include "export.h"
