/* consumer.c -- a program built against the INSTALLED libdepeche (through
 * pkg-config), as a user would: the header, the .pc file and the library
 * must be enough. */
#include <depeche.h>
#include <stdio.h>
#include <string.h>

int
main(void)
{
    depeche_options o;
    depeche_options_init(&o);
    o.flags = DEPECHE_NO_SPELL;
    depeche_pipeline *p = NULL;
    depeche_error err;
    if (depeche_pipeline_new(&o, &p, &err))
        return 1;
    const char text[] = "Titre\nPARIS (AFP) -- M. Dupont est venu. Il part.\n";
    depeche_doc *d = NULL;
    if (depeche_process(p, "t", text, strlen(text), &d, &err))
        return 1;
    size_t n = depeche_doc_segment_count(d);
    printf("%s: %zu segments\n", depeche_version_string(), n);
    depeche_doc_free(d);
    depeche_pipeline_free(p);
    return n == 4 ? 0 : 1;
}
