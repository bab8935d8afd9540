/* dicts.c -- reading the project's plain-text word lists. */
#include "dicts.h"

#include <errno.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

static int
is_space(char c)
{
    return c == ' ' || c == '\t' || c == '\r';
}

int
depeche_dict_each_line(const char *data, size_t len,
                       int (*fn)(void *user, const char *s, size_t n,
                                 size_t lineno),
                       void *user)
{
    size_t lineno = 0;
    const char *p = data, *end = data + len;
    while (p < end) {
        const char *nl = memchr(p, '\n', (size_t)(end - p));
        const char *e = nl ? nl : end;
        lineno++;
        const char *s = p;
        while (s < e && is_space(*s))
            s++;
        const char *t = e;
        while (t > s && is_space(t[-1]))
            t--;
        if (t > s && *s != '#') {
            int rc = fn(user, s, (size_t)(t - s), lineno);
            if (rc)
                return rc;
        }
        p = nl ? nl + 1 : end;
    }
    return 0;
}

int
depeche_read_file(const char *path, char **out, size_t *len)
{
    FILE *f = fopen(path, "rb");
    if (!f)
        return errno ? errno : EIO;
    char *data = NULL;
    size_t n = 0, cap = 0;
    for (;;) {
        if (cap - n < 65536) {
            size_t ncap = cap ? cap * 2 : 65536;
            char *p = realloc(data, ncap + 1);
            if (!p) {
                free(data);
                fclose(f);
                return ENOMEM;
            }
            data = p;
            cap = ncap;
        }
        size_t got = fread(data + n, 1, cap - n, f);
        n += got;
        if (got == 0)
            break;
    }
    int failed = ferror(f);
    fclose(f);
    if (failed) {
        free(data);
        return EIO;
    }
    data[n] = '\0';
    *out = data;
    *len = n;
    return 0;
}
