// test_cxx.cpp -- the public header compiles as C++ and links from C++.
#include <depeche.h>

#include <cstdio>
#include <cstring>

int
main()
{
    depeche_options o;
    depeche_options_init(&o);
    o.flags = DEPECHE_NO_SPELL;
    depeche_pipeline *p = nullptr;
    depeche_error err;
    if (depeche_pipeline_new(&o, &p, &err) != DEPECHE_OK)
        return 1;
    const char text[] = "Il dort. Il mange.\n";
    depeche_doc *d = nullptr;
    int rc = depeche_process(p, "t", text, std::strlen(text), &d, &err) ==
                         DEPECHE_OK &&
                     depeche_doc_segment_count(d) == 2
                 ? 0
                 : 1;
    std::printf("%s\n", depeche_strerror(DEPECHE_ERR_BAD_INPUT));
    depeche_doc_free(d);
    depeche_pipeline_free(p);
    return rc;
}
