/* eval_spell.c -- recall, suggestion accuracy and false alarms of the
 * speller, side by side with raw hunspell on the same dictionary.
 *
 *   eval_spell ERRORS.tsv CLEAN.txt [--dict PATH] [--full] [--show]
 *
 * ERRORS.tsv: misspelled, correct, context, source, tag (a header line);
 * rows tagged realword are skipped.  Each misspelled word is checked inside
 * its context sentence when there is one, alone otherwise.  CLEAN.txt is
 * edited text, one paragraph a line: every misspelling finding there is a
 * false alarm.  Raw hunspell is Hunspell_spell on whitespace tokens with
 * the punctuation around them stripped, and Hunspell_suggest.  Recall
 * counts misspelling and accent findings (the advice names the fix); the
 * share found as misspellings alone is printed below it.  --full measures
 * DEPECHE_SUGGEST_FULL instead of the default. */
#include <hunspell.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>

#include "src/buf.h"
#include "src/dicts.h"
#include "src/spell.h"

typedef struct hits {
    depeche_spell_hit *v;
    char ***sugg; /* copies: hits borrow suggestions for the call only */
    size_t n, cap;
} hits;

static int
collect(void *user, const depeche_spell_hit *h)
{
    hits *hs = user;
    if (hs->n == hs->cap) {
        hs->cap = hs->cap ? hs->cap * 2 : 16;
        hs->v = realloc(hs->v, hs->cap * sizeof *hs->v);
        hs->sugg = realloc(hs->sugg, hs->cap * sizeof *hs->sugg);
        if (!hs->v || !hs->sugg)
            return 1;
    }
    char **copy = calloc(h->suggestion_count + 1, sizeof *copy);
    for (size_t i = 0; i < h->suggestion_count; i++)
        copy[i] = strdup(h->suggestions[i]);
    hs->sugg[hs->n] = copy;
    hs->v[hs->n++] = *h;
    return 0;
}

static void
hits_clear(hits *hs)
{
    for (size_t i = 0; i < hs->n; i++) {
        for (char **p = hs->sugg[i]; *p; p++)
            free(*p);
        free(hs->sugg[i]);
    }
    hs->n = 0;
}

/* ’ and ' compare equal. */
static void
fold_apos(char *s)
{
    char *o = s;
    for (char *p = s; *p;) {
        if ((unsigned char)p[0] == 0xE2 && (unsigned char)p[1] == 0x80 &&
            (unsigned char)p[2] == 0x99) {
            *o++ = '\'';
            p += 3;
        } else {
            *o++ = *p++;
        }
    }
    *o = '\0';
}

static int
same(const char *a, const char *b)
{
    char x[512], y[512];
    snprintf(x, sizeof x, "%s", a);
    snprintf(y, sizeof y, "%s", b);
    fold_apos(x);
    fold_apos(y);
    return strcmp(x, y) == 0;
}

static int
is_edge_punct(unsigned char c)
{
    return c && strchr(".,;:!?()[]{}\"«»<>/*", c) != NULL;
}

/* Raw hunspell's view of one whitespace token: strip ASCII punctuation and
 * « » around it.  Returns 1 when flagged. */
static int
raw_flags(Hunhandle *h, const char *tok, size_t n)
{
    char buf[512];
    if (n >= sizeof buf)
        return 0;
    size_t a = 0, b = n;
    for (;;) {
        if (a < b && is_edge_punct((unsigned char)tok[a]))
            a++;
        else if (a + 1 < b && (unsigned char)tok[a] == 0xC2 &&
                 ((unsigned char)tok[a + 1] == 0xAB ||
                  (unsigned char)tok[a + 1] == 0xBB))
            a += 2;
        else
            break;
    }
    for (;;) {
        if (b > a && is_edge_punct((unsigned char)tok[b - 1]))
            b--;
        else if (b >= a + 2 && (unsigned char)tok[b - 2] == 0xC2 &&
                 ((unsigned char)tok[b - 1] == 0xAB ||
                  (unsigned char)tok[b - 1] == 0xBB))
            b -= 2;
        else
            break;
    }
    int letter = 0;
    for (size_t i = a; i < b; i++)
        letter |= ((tok[i] | 0x20) >= 'a' && (tok[i] | 0x20) <= 'z') ||
                  (unsigned char)tok[i] >= 0xC3;
    if (!letter)
        return 0;
    memcpy(buf, tok + a, b - a);
    buf[b - a] = '\0';
    return !Hunspell_spell(h, buf);
}

/* Splits a paragraph into sentences after . ! ? followed by a space and
 * an uppercase letter, a digit or a quote; not after M. or a capital. */
static size_t
split_sentences(const char *p, size_t n, depeche_spell_text *out, size_t max)
{
    size_t k = 0, start = 0;
    for (size_t i = 0; i + 2 < n && k + 1 < max; i++) {
        if (!strchr(".!?", p[i]) || p[i + 1] != ' ')
            continue;
        unsigned char nx = (unsigned char)p[i + 2];
        if (!((nx >= 'A' && nx <= 'Z') || nx == 0xC3 || nx == 0xC2 ||
              nx == '"'))
            continue;
        if (p[i] == '.' && i >= 1 && p[i - 1] >= 'A' && p[i - 1] <= 'Z' &&
            (i < 2 || p[i - 2] == ' '))
            continue;
        out[k].text = p + start;
        out[k].len = i + 1 - start;
        out[k].kind = DEPECHE_KIND_BODY;
        k++;
        start = i + 2;
    }
    out[k].text = p + start;
    out[k].len = n - start;
    out[k].kind = DEPECHE_KIND_BODY;
    return k + 1;
}

static double
now(void)
{
    struct timespec t;
    clock_gettime(CLOCK_MONOTONIC, &t);
    return (double)t.tv_sec + (double)t.tv_nsec / 1e9;
}

int
main(int argc, char **argv)
{
    const char *errors = NULL, *clean = NULL, *dict = NULL;
    int full = 0, show = 0;
    for (int i = 1; i < argc; i++) {
        if (!strcmp(argv[i], "--dict") && i + 1 < argc)
            dict = argv[++i];
        else if (!strcmp(argv[i], "--full"))
            full = 1;
        else if (!strcmp(argv[i], "--show"))
            show = 1;
        else if (!errors)
            errors = argv[i];
        else
            clean = argv[i];
    }
    if (!errors || !clean) {
        fprintf(stderr, "usage: eval_spell ERRORS.tsv CLEAN.txt [--dict "
                        "PATH] [--full] [--show]\n");
        return 2;
    }
    depeche_options o;
    depeche_options_init(&o);
    o.dict_path = dict;
    depeche_speller *s;
    depeche_error err;
    if (depeche_speller_new(&o, &s, &err)) {
        fprintf(stderr, "eval_spell: %s\n", err.message);
        return 1;
    }
    if (full)
        depeche_speller_set_suggest(s, DEPECHE_SUGGEST_FULL);
    /* raw hunspell: the same files the speller found */
    depeche_buf aff = {0}, dic = {0};
    if (dict) {
        depeche_buf_printf(&aff, "%s.aff", dict);
        depeche_buf_printf(&dic, "%s.dic", dict);
    } else {
        depeche_buf_puts(&aff, "/usr/share/hunspell/fr_FR.aff");
        depeche_buf_puts(&dic, "/usr/share/hunspell/fr_FR.dic");
    }
    Hunhandle *raw = Hunspell_create(aff.data, dic.data);

    char *data;
    size_t len;
    if (depeche_read_file(errors, &data, &len)) {
        fprintf(stderr, "eval_spell: cannot read %s\n", errors);
        return 1;
    }
    hits hs = {0};
    size_t total = 0, found = 0, top1 = 0, top5 = 0;
    size_t raw_found = 0, raw_top1 = 0, raw_top5 = 0;
    size_t found_miss = 0;
    double t_ours = 0, t_raw = 0;
    char *line = data, *end = data + len;
    int header = 1;
    while (line < end) {
        char *nl = memchr(line, '\n', (size_t)(end - line));
        if (!nl)
            nl = end;
        *nl = '\0';
        char *f[5] = {0};
        size_t nf = 0;
        for (char *p = line; nf < 5;) {
            f[nf++] = p;
            char *t = strchr(p, '\t');
            if (!t)
                break;
            *t = '\0';
            p = t + 1;
        }
        line = nl + 1;
        if (header) {
            header = 0;
            continue;
        }
        if (nf < 2 || !*f[0] || (nf >= 5 && !strcmp(f[4], "realword")))
            continue;
        const char *wrong = f[0], *right = f[1];
        const char *ctx = nf >= 3 && *f[2] ? f[2] : wrong;
        const char *at = strstr(ctx, wrong);
        if (!at)
            continue;
        size_t ws = (size_t)(at - ctx), we = ws + strlen(wrong);
        total++;
        /* ours */
        depeche_spell_text seg = {ctx, strlen(ctx), DEPECHE_KIND_BODY};
        hits_clear(&hs);
        double t0 = now();
        depeche_speller_check(s, &seg, 1, collect, &hs, NULL);
        t_ours += now() - t0;
        int hit = 0, ok1 = 0, ok5 = 0;
        for (size_t i = 0; i < hs.n; i++) {
            depeche_spell_hit *h = &hs.v[i];
            if (h->end <= ws || h->start >= we)
                continue;
            if (h->kind != DEPECHE_FINDING_MISSPELLING &&
                h->kind != DEPECHE_FINDING_ACCENT)
                continue;
            hit = 1;
            found_miss += h->kind == DEPECHE_FINDING_MISSPELLING;
            for (size_t k = 0; hs.sugg[i][k] && k < 5; k++) {
                /* the suggestion in place of the finding's range */
                char fixed[512];
                snprintf(fixed, sizeof fixed, "%.*s%s%.*s",
                         (int)(h->start - ws), ctx + ws, hs.sugg[i][k],
                         (int)(we - h->end), ctx + h->end);
                if (same(fixed, right)) {
                    ok1 |= k == 0;
                    ok5 = 1;
                }
            }
            break;
        }
        found += hit;
        top1 += ok1;
        top5 += ok5;
        /* raw */
        t0 = now();
        int rflag = raw_flags(raw, wrong, strlen(wrong));
        int r1 = 0, r5 = 0;
        if (rflag) {
            char **list;
            int k = Hunspell_suggest(raw, &list, wrong);
            for (int i = 0; i < k && i < 5; i++)
                if (same(list[i], right)) {
                    r1 |= i == 0;
                    r5 = 1;
                }
            Hunspell_free_list(raw, &list, k);
        }
        t_raw += now() - t0;
        raw_found += rflag;
        raw_top1 += r1;
        raw_top5 += r5;
        if (show && (!hit || !ok1)) {
            printf("MISS %-18s -> %-18s %s", wrong, right,
                   hit ? "sugg:" : "not flagged");
            for (size_t i = 0; i < hs.n; i++)
                if (hs.v[i].end > ws && hs.v[i].start < we) {
                    printf(" [%s]", depeche_finding_kind_name(hs.v[i].kind));
                    for (size_t k = 0; hs.sugg[i][k] && k < 5; k++)
                        printf(" %s", hs.sugg[i][k]);
                }
            printf("\n");
        }
    }
    free(data);

    /* false alarms on clean text */
    if (depeche_read_file(clean, &data, &len)) {
        fprintf(stderr, "eval_spell: cannot read %s\n", clean);
        return 1;
    }
    size_t words = 0, fa = 0, names = 0, accents = 0, foreign = 0, raw_fa = 0;
    static depeche_spell_text segs[4096];
    line = data;
    end = data + len;
    while (line < end) {
        char *nl = memchr(line, '\n', (size_t)(end - line));
        if (!nl)
            nl = end;
        size_t n = (size_t)(nl - line);
        if (n) {
            for (char *p = line; p < nl;) {
                while (p < nl && *p == ' ')
                    p++;
                char *q = p;
                while (q < nl && *q != ' ')
                    q++;
                if (q > p) {
                    int letter = 0;
                    for (char *c = p; c < q; c++)
                        letter |= ((*c | 0x20) >= 'a' && (*c | 0x20) <= 'z') ||
                                  (unsigned char)*c >= 0xC3;
                    words += letter;
                    raw_fa += raw_flags(raw, p, (size_t)(q - p));
                }
                p = q;
            }
            size_t ns = split_sentences(line, n, segs, 4096);
            hits_clear(&hs);
            depeche_speller_check(s, segs, ns, collect, &hs, NULL);
            for (size_t i = 0; i < hs.n; i++) {
                depeche_spell_hit *h = &hs.v[i];
                switch (h->kind) {
                case DEPECHE_FINDING_MISSPELLING:
                    fa++;
                    if (show) {
                        printf("FA %.*s", (int)(h->end - h->start),
                               segs[h->segment].text + h->start);
                        for (size_t k = 0; hs.sugg[i][k] && k < 3; k++)
                            printf(" %s", hs.sugg[i][k]);
                        printf("\n");
                    }
                    break;
                case DEPECHE_FINDING_NAME:
                    names++;
                    break;
                case DEPECHE_FINDING_ACCENT:
                    accents++;
                    break;
                case DEPECHE_FINDING_FOREIGN:
                    foreign++;
                    if (show)
                        printf("FOREIGN %.*s\n", (int)(h->end - h->start),
                               segs[h->segment].text + h->start);
                    break;
                }
            }
        }
        line = nl + 1;
    }
    free(data);

    printf("misspellings: %zu non-word errors (%s)\n", total, errors);
    printf("%-28s %10s %10s\n", "", "depeche", "hunspell");
    printf("%-28s %9.1f%% %9.1f%%\n", "recall", 100.0 * found / total,
           100.0 * raw_found / total);
    printf("%-28s %9.1f%% %9s\n", "  as misspelling (no accent)",
           100.0 * found_miss / total, "");
    printf("%-28s %9.1f%% %9.1f%%\n", "right word first (top-1)",
           100.0 * top1 / total, 100.0 * raw_top1 / total);
    printf("%-28s %9.1f%% %9.1f%%\n", "right word in top 5",
           100.0 * top5 / total, 100.0 * raw_top5 / total);
    printf("%-28s %9.1f  %9.1f\n", "ms per error (check+suggest)",
           1000 * t_ours / total, 1000 * t_raw / total);
    printf("clean text: %zu words (%s)\n", words, clean);
    printf("%-28s %10.2f %10.2f\n", "false alarms / 1000 words",
           1000.0 * fa / words, 1000.0 * raw_fa / words);
    printf("%-28s %10.2f\n", "names / 1000 words", 1000.0 * names / words);
    printf("%-28s %10.2f\n", "accent advice / 1000 words",
           1000.0 * accents / words);
    printf("%-28s %10.2f\n", "foreign runs / 1000 words",
           1000.0 * foreign / words);
    hits_clear(&hs);
    free(hs.v);
    free(hs.sugg);
    Hunspell_destroy(raw);
    depeche_buf_free(&aff);
    depeche_buf_free(&dic);
    depeche_speller_free(s);
    return 0;
}
