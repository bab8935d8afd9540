/* align.h -- internals of the aligner that tests read. */
#pragma once

#include <stddef.h>

#include "depeche.h"

/* DP cells the last depeche_align() allocated at its widest band: grows
 * linearly with the sentences, never with their product. */
size_t align_last_cells(const depeche_aligner *a);
