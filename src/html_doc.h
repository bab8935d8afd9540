/* html_doc.h -- an HTML page as the pipeline's document: blocks that tile
 * the page, the decoded text of the kept ones, and the page's metadata. */
#pragma once

#include "doc.h"
#include "extract.h"
#include "html.h"
#include "omap.h"

/* Reads the doc's input as a page, chooses the article and fills the doc's
 * blocks, their texts and its metadata.  *out receives the page (free it
 * with depeche_html_free after the later stages) and (*index)[i] the page
 * block of doc block i, SIZE_MAX for dropped stretches (free() it). */
depeche_status depeche_html_clean_doc(const depeche_extractor *x,
                                      depeche_doc *d, int lossy,
                                      depeche_html **out, size_t **index,
                                      depeche_error *err);
