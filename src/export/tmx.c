/* tmx.c -- STUB */
#include "export.h"
