/* test_dedup.c -- depeche_deduper: the first line of each key kept, in
 * order, the same bytes whether the hashes fit in memory or go to
 * partitions on disk (several levels deep), keys as prep --dedup makes
 * them, bad lines refused at their byte, temporary files never left. */
#include <dirent.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include "depeche.h"
#include "harness.h"

/* What the sink got. */
typedef struct text {
    char *data;
    size_t len, cap;
    int fail; /* the sink fails */
} text;

static int
sink(void *user, const char *bytes, size_t len)
{
    text *t = user;
    if (t->fail)
        return -1;
    if (t->len + len + 1 > t->cap) {
        t->cap = (t->len + len + 1) * 2;
        t->data = realloc(t->data, t->cap);
    }
    memcpy(t->data + t->len, bytes, len);
    t->len += len;
    t->data[t->len] = '\0';
    return 0;
}

static char tmp_dir[] = "/tmp/test-dedup-XXXXXX";

/* Whether the folder of the temporary files is empty. */
static int
tmp_dir_empty(void)
{
    DIR *dir = opendir(tmp_dir);
    int n = 0;
    for (struct dirent *e; dir && (e = readdir(dir));)
        n += strcmp(e->d_name, ".") && strcmp(e->d_name, "..");
    if (dir)
        closedir(dir);
    return dir && n == 0;
}

static depeche_deduper *
make(depeche_dedup key, int jsonl, size_t mem, text *out)
{
    depeche_dedup_options o;
    depeche_dedup_options_init(&o);
    o.key = key;
    o.jsonl = jsonl;
    o.max_memory = mem;
    o.tmp_dir = tmp_dir;
    depeche_deduper *d = NULL;
    CHECK_INT(depeche_deduper_new(&o, sink, out, &d, NULL), DEPECHE_OK);
    return d;
}

static void
add(depeche_deduper *d, const char *line)
{
    CHECK_INT(depeche_deduper_add(d, line, strlen(line), NULL), DEPECHE_OK);
}

/* Lines "n V" with V drawn among `values`, some blank; the first of each
 * V is kept, every blank line too: with 8 KiB (tables of 512 hashes) the
 * records go two levels deep and give the bytes of an unbounded table. */
static void
test_partitions(void)
{
    enum { LINES = 120000, VALUES = 40000 };
    unsigned char *seen = calloc(VALUES, 1);
    text want = {0}, small = {0}, big = {0};
    depeche_deduper *ds = make(DEPECHE_DEDUP_EXACT, 0, 8192, &small);
    depeche_deduper *db = make(DEPECHE_DEDUP_EXACT, 0, 64 << 20, &big);
    uint64_t x = 88172645463325252u, dropped = 0;
    char line[64];
    for (int i = 0; i < LINES; i++) {
        x ^= x << 13, x ^= x >> 7, x ^= x << 17; /* xorshift64 */
        unsigned v = (unsigned)(x % VALUES);
        if (x % 97 == 0)
            snprintf(line, sizeof line, "%*s", (int)(x % 3), "");
        else
            snprintf(line, sizeof line, "n %u", v);
        if (x % 97 && seen[v]++)
            dropped++;
        else {
            sink(&want, line, strlen(line));
            sink(&want, "\n", 1);
        }
        add(ds, line);
        add(db, line);
    }
    CHECK_INT(depeche_deduper_spilled(ds), 1);
    CHECK(tmp_dir_empty()); /* unlinked as soon as made */
    CHECK_INT(depeche_deduper_finish(ds, NULL), DEPECHE_OK);
    CHECK_INT(depeche_deduper_finish(db, NULL), DEPECHE_OK);
    CHECK_INT(depeche_deduper_spilled(db), 0);
    CHECK_INT(depeche_deduper_lines(ds), LINES);
    CHECK_INT(depeche_deduper_dropped(ds), dropped);
    CHECK_INT(depeche_deduper_dropped(db), dropped);
    CHECK(small.len == want.len && !memcmp(small.data, want.data, want.len));
    CHECK(big.len == want.len && !memcmp(big.data, want.data, want.len));
    /* Finished: no more lines. */
    CHECK_INT(depeche_deduper_add(ds, "x", 1, NULL), DEPECHE_ERR_STATE);
    CHECK_INT(depeche_deduper_finish(ds, NULL), DEPECHE_ERR_STATE);
    depeche_deduper_free(ds);
    depeche_deduper_free(db);
    CHECK(tmp_dir_empty());
    free(seen);
    free(want.data);
    free(small.data);
    free(big.data);
}

/* The same line over and over after the spill: a partition of repeats,
 * the first one kept. */
static void
test_one_hash(void)
{
    text out = {0};
    depeche_deduper *d = make(DEPECHE_DEDUP_EXACT, 0, 8192, &out);
    char line[32];
    for (int i = 0; i < 600; i++) {
        snprintf(line, sizeof line, "v%d", i);
        add(d, line);
    }
    for (int i = 0; i < 3000; i++)
        add(d, "encore");
    CHECK_INT(depeche_deduper_spilled(d), 1);
    CHECK_INT(depeche_deduper_finish(d, NULL), DEPECHE_OK);
    CHECK_INT(depeche_deduper_dropped(d), 2999);
    CHECK(out.len > 7 && !strcmp(out.data + out.len - 7, "encore\n"));
    depeche_deduper_free(d);
    free(out.data);
}

/* Normalized keys are prep --dedup normalized's; JSONL lines are keyed by
 * their text alone. */
static void
test_keys(void)
{
    text out = {0};
    depeche_deduper *d = make(DEPECHE_DEDUP_NORMALIZED, 0, 0, &out);
    add(d, "L'État, 2021.");
    add(d, "l etat 2022");
    add(d, "L'été");
    add(d, " \t");
    add(d, "");
    add(d, "");
    CHECK_INT(depeche_deduper_finish(d, NULL), DEPECHE_OK);
    CHECK_STR(out.data, "L'État, 2021.\nL'été\n \t\n\n\n");
    CHECK_INT(depeche_deduper_dropped(d), 1);
    depeche_deduper_free(d);

    out.len = 0;
    d = make(DEPECHE_DEDUP_EXACT, 1, 0, &out);
    add(d, "{\"doc\":\"a\",\"seg\":0,\"text\":\"Bonjour.\"}");
    add(d, "{\"doc\":\"b\",\"seg\":3,\"text\":\"Bonjour.\",\"id\":{}}");
    add(d, "{\"text\":\"bonjour.\"}");
    add(d, "{\"text\":\"\"}");
    add(d, "{\"text\":\"\"}");
    add(d, "  ");
    CHECK_INT(depeche_deduper_finish(d, NULL), DEPECHE_OK);
    CHECK_STR(out.data, "{\"doc\":\"a\",\"seg\":0,\"text\":\"Bonjour.\"}\n"
                        "{\"text\":\"bonjour.\"}\n{\"text\":\"\"}\n"
                        "{\"text\":\"\"}\n  \n");
    depeche_deduper_free(d);
    free(out.data);
}

/* Refused at byte: nothing counted, and the deduper goes on. */
static void
refused(depeche_deduper *d, const char *line, size_t len, uint64_t at)
{
    depeche_error err = {0};
    uint64_t lines = depeche_deduper_lines(d);
    CHECK_INT(depeche_deduper_add(d, line, len, &err), DEPECHE_ERR_BAD_INPUT);
    CHECK_INT(err.byte_offset, at);
    CHECK_INT(err.source, DEPECHE_SOURCE_INPUT);
    CHECK_INT(depeche_deduper_lines(d), lines);
}

static void
test_bad_input(void)
{
    text out = {0};
    depeche_deduper *d = make(DEPECHE_DEDUP_EXACT, 0, 0, &out);
    refused(d, "abc\xff", 4, 3);
    refused(d, "\xc3(", 2, 0);
    refused(d, "ab\0c", 4, 2);
    refused(d, "ab\ncd", 5, 2);
    add(d, "ok");
    CHECK_INT(depeche_deduper_finish(d, NULL), DEPECHE_OK);
    CHECK_STR(out.data, "ok\n");
    depeche_deduper_free(d);

    d = make(DEPECHE_DEDUP_EXACT, 1, 0, &out);
    refused(d, "{\"text\":1}", 10, 8);
    refused(d, "{\"id\":\"a\"}", 10, 0);
    refused(d, "[]", 2, 0);
    depeche_deduper_free(d);

    /* Options not made by _init, a key that is no dedup. */
    depeche_dedup_options o;
    memset(&o, 0, sizeof o);
    depeche_deduper *none = NULL;
    CHECK_INT(depeche_deduper_new(&o, sink, &out, &none, NULL),
              DEPECHE_ERR_INVALID_ARG);
    depeche_dedup_options_init(&o);
    o.key = DEPECHE_DEDUP_NONE;
    CHECK_INT(depeche_deduper_new(&o, sink, &out, &none, NULL),
              DEPECHE_ERR_INVALID_ARG);
    CHECK(none == NULL);
    free(out.data);
}

/* A sink that fails, a folder that cannot hold temporary files: errors,
 * told once; the deduper takes nothing more. */
static void
test_failures(void)
{
    text out = {.fail = 1};
    depeche_deduper *d = make(DEPECHE_DEDUP_EXACT, 0, 0, &out);
    CHECK_INT(depeche_deduper_add(d, "a", 1, NULL), DEPECHE_ERR_IO);
    CHECK_INT(depeche_deduper_add(d, "b", 1, NULL), DEPECHE_ERR_STATE);
    depeche_deduper_free(d);

    depeche_dedup_options o;
    depeche_dedup_options_init(&o);
    o.max_memory = 1;
    o.tmp_dir = "/nonexistent/folder";
    text ok = {0};
    CHECK_INT(depeche_deduper_new(&o, sink, &ok, &d, NULL), DEPECHE_OK);
    depeche_error err = {0};
    depeche_status st = DEPECHE_OK;
    char line[32];
    for (int i = 0; i < 1000 && !st; i++) {
        snprintf(line, sizeof line, "%d", i);
        st = depeche_deduper_add(d, line, strlen(line), &err);
    }
    CHECK_INT(st, DEPECHE_ERR_IO);
    CHECK(strstr(err.message, "/nonexistent/folder") != NULL);
    depeche_deduper_free(d);
    free(ok.data);
}

int
main(void)
{
    if (!mkdtemp(tmp_dir)) {
        perror("mkdtemp");
        return 1;
    }
    test_partitions();
    test_one_hash();
    test_keys();
    test_bad_input();
    test_failures();
    rmdir(tmp_dir);
    return harness_done();
}
