/* out.c -- STUB */
#include "export.h"
