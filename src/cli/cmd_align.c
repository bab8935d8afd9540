/* cmd_align.c -- `depeche align SRC TGT`: reads both sides (segmented by
 * the pipeline, or one sentence a line), aligns them with the library's
 * aligner and writes beads or a bilingual export. */
#include <stdlib.h>
#include <string.h>

#include "align_pairs.h"
#include "cli.h"

static const char usage[] =
    "usage: depeche align [options] SRC TGT\n"
    "       depeche align [options] --pairs LIST -o DIR|FILE\n"
    "\n"
    "Aligns a text (SRC, in --lang) with its translation (TGT, in\n"
    "--target-lang) sentence by sentence.  Both go through clean,\n"
    "normalize and segment unless --presegmented.\n"
    "\n"
    "  --lang TAG         source language (default fr-FR)\n"
    "  --target-lang TAG  target language (default en-US)\n"
    "  --presegmented     one sentence a line as given; blank lines are\n"
    "                     ignored but end a paragraph\n"
    "  --dict-bi FILE     hunalign dictionary (TARGET @ SOURCE a line);\n"
    "                     default: the FreeDict packages of the pair\n"
    "  --no-dict          no bilingual dictionary\n"
    "  --no-learn         no second pass with the word pairs learnt from\n"
    "                     the first pass's confident links (of each\n"
    "                     document, and with --pairs of the whole list)\n"
    "  --to FORMAT        beads (default: [i]:[j] a line, 0-based), tsv,\n"
    "                     jsonl, moses, tmx, xliff, xliff2\n"
    "  --pairs LIST       align each SRC<TAB>TGT line of LIST, the dictionary\n"
    "                     loaded once; beads of SRC go to DIR/STEM.sys, an\n"
    "                     export to one output (-o FILE), a document a pair\n"
    "  --in jsonl         LIST is a JSONL corpus, a record a line:\n"
    "                     {\"id\": ..., \"src\": TEXT, \"tgt\": TEXT}; beads\n"
    "                     go to DIR/ID.sys (default --in tsv: paths)\n"
    "  --min-score X      leave links scoring below X (0 to 1) out of the\n"
    "                     exports (never out of beads)\n"
    "  -o FILE            write to FILE (moses: FILE.SRC and FILE.TGT, the\n"
    "                     languages' primary subtags)\n"
    "  -h, --help         show this help\n"
    "\n"
    "Omissions are beads with an empty side: beads lists them; the exports\n"
    "count them on stderr.\n"
    "\n"
    "Exit status: 0 ok, 2 usage, 3 bad input, 4 I/O or dictionary error.\n";

/* One side: its bytes, its sentences and where each lies in the bytes. */
typedef struct side {
    const char *path;
    char *data;
    size_t len;
    depeche_doc *doc; /* raw input: the pipeline's document */
    depeche_align_sentence *sent;
    uint64_t *start, *end;
    size_t count;
} side;

static int
grow_side(side *s, size_t *cap)
{
    if (s->count < *cap)
        return 0;
    *cap = *cap ? *cap * 2 : 64;
    void *a = realloc(s->sent, *cap * sizeof *s->sent);
    if (a)
        s->sent = a;
    void *b = realloc(s->start, *cap * sizeof *s->start);
    if (b)
        s->start = b;
    void *c = realloc(s->end, *cap * sizeof *s->end);
    if (c)
        s->end = c;
    return a && b && c ? 0 : -1;
}

/* One sentence a line; blank lines end paragraphs.  The text is checked
 * first (invalid UTF-8, NUL bytes) so that an error names its byte. */
static int
read_lines(side *s)
{
    depeche_options o;
    depeche_options_init(&o);
    char *checked = NULL;
    size_t checked_len;
    depeche_error err;
    if (depeche_normalize(&o, s->data, s->len, &checked, &checked_len, &err))
        return cli_report(s->path, &err);
    depeche_free(checked);
    size_t cap = 0, para = 0;
    int blank_seen = 0;
    for (size_t i = 0; i < s->len;) {
        size_t j = i;
        while (j < s->len && s->data[j] != '\n')
            j++;
        size_t e = j > i && s->data[j - 1] == '\r' ? j - 1 : j;
        size_t k = i;
        while (k < e && (s->data[k] == ' ' || s->data[k] == '\t'))
            k++;
        if (k == e) {
            blank_seen = 1;
        } else {
            if (blank_seen && s->count)
                para++;
            blank_seen = 0;
            if (grow_side(s, &cap))
                return EXIT_IO;
            s->sent[s->count] =
                (depeche_align_sentence){s->data + i, e - i, para};
            s->start[s->count] = i;
            s->end[s->count++] = e;
        }
        i = j + 1;
    }
    return EXIT_OK;
}

/* The pipeline's segments (clean, normalize, segment; no spell). */
static int
read_doc(side *s, const char *lang)
{
    depeche_options o;
    depeche_options_init(&o);
    o.lang = lang;
    o.flags |= DEPECHE_NO_SPELL;
    depeche_pipeline *p = NULL;
    depeche_error err;
    depeche_status st = depeche_pipeline_new(&o, &p, &err);
    if (!st)
        st = depeche_process(p, s->path, s->data, s->len, &s->doc, &err);
    depeche_pipeline_free(p);
    if (st)
        return cli_report(s->path, &err);
    size_t cap = 0;
    for (size_t i = 0; i < depeche_doc_segment_count(s->doc); i++) {
        const depeche_segment *g = depeche_doc_segment(s->doc, i);
        if (grow_side(s, &cap))
            return EXIT_IO;
        s->sent[s->count] =
            (depeche_align_sentence){g->text, g->len, g->paragraph};
        s->start[s->count] = g->start;
        s->end[s->count++] = g->end;
    }
    return EXIT_OK;
}

static void
side_free(side *s)
{
    free(s->data);
    depeche_doc_free(s->doc);
    free(s->sent);
    free(s->start);
    free(s->end);
}

static void
print_indices(FILE *f, size_t first, size_t n)
{
    fputc('[', f);
    for (size_t k = 0; k < n; k++)
        fprintf(f, k ? ", %zu" : "%zu", first + k);
    fputc(']', f);
}

static void
write_beads(FILE *f, const depeche_bead *b, size_t n)
{
    for (size_t i = 0; i < n; i++) {
        print_indices(f, b[i].src_first, b[i].src_count);
        fputc(':', f);
        print_indices(f, b[i].tgt_first, b[i].tgt_count);
        fprintf(f, ":%.3f\n", b[i].score);
    }
}

static void
fill_segments(const side *s, size_t first, size_t n, depeche_unit_segment *out)
{
    for (size_t k = 0; k < n; k++)
        out[k] = (depeche_unit_segment){s->sent[first + k].text,
                                        s->sent[first + k].len, first + k,
                                        s->start[first + k], s->end[first + k]};
}

enum { MAX_BEAD_SIDE = 8 };

/* One unit a link scoring at least min_score; omissions are counted. */
static depeche_status
write_units(depeche_writer *w, const side *src, const side *tgt,
            const depeche_bead *b, size_t n, double min_score, size_t *omitted,
            size_t *weak, depeche_error *err)
{
    depeche_status st = depeche_writer_begin_doc(w, src->path, NULL, err);
    for (size_t i = 0; !st && i < n; i++) {
        if (!b[i].src_count || !b[i].tgt_count) {
            (*omitted)++;
            continue;
        }
        if (b[i].score < min_score || b[i].src_count > MAX_BEAD_SIDE ||
            b[i].tgt_count > MAX_BEAD_SIDE) {
            (*weak)++;
            continue;
        }
        depeche_unit_segment ss[MAX_BEAD_SIDE], ts[MAX_BEAD_SIDE];
        fill_segments(src, b[i].src_first, b[i].src_count, ss);
        fill_segments(tgt, b[i].tgt_first, b[i].tgt_count, ts);
        char score[16], type[16];
        snprintf(score, sizeof score, "%.3f", b[i].score);
        snprintf(type, sizeof type, "%zu-%zu", b[i].src_count, b[i].tgt_count);
        depeche_unit_prop props[] = {{"bead", type}, {"score", score}};
        depeche_unit u;
        memset(&u, 0, sizeof u);
        u.source = ss;
        u.source_count = b[i].src_count;
        u.target = ts;
        u.target_count = b[i].tgt_count;
        u.target_state = b[i].score < 0.5 ? DEPECHE_TARGET_NEEDS_REVIEW
                                          : DEPECHE_TARGET_TRANSLATED;
        u.kind = DEPECHE_KIND_BODY;
        u.paragraph = src->sent[b[i].src_first].paragraph;
        u.props = props;
        u.prop_count = 2;
        st = depeche_writer_add_unit(w, &u, err);
    }
    if (!st)
        st = depeche_writer_end_doc(w, err);
    return st;
}

/* The primary subtag of a language tag ("en-US" -> "en"). */
static void
primary_subtag(const char *tag, char *out, size_t cap)
{
    size_t n = strcspn(tag, "-_");
    if (n >= cap)
        n = cap - 1;
    memcpy(out, tag, n);
    out[n] = '\0';
}

typedef struct align_args {
    const char *lang, *target_lang, *dict_bi, *output, *to, *pairs;
    int presegmented, no_dict, no_learn, in_jsonl;
    double min_score;
} align_args;

/* One bilingual export: a writer and its output file(s), for one pair or
 * for all the pairs of --pairs (one document each). */
typedef struct export_out {
    depeche_writer *w;
    cli_output out, tout;
    int has_tout;
    char *names[2]; /* moses: PREFIX.SRC, PREFIX.TGT */
    size_t omitted, weak;
} export_out;

/* Moses file names: PREFIX.SRC and PREFIX.TGT. */
static int
moses_names(const align_args *g, char *names[2])
{
    char sl[16], tl[16];
    primary_subtag(g->lang, sl, sizeof sl);
    primary_subtag(g->target_lang, tl, sizeof tl);
    size_t len = strlen(g->output) + 20;
    names[0] = malloc(len);
    names[1] = malloc(len);
    if (!names[0] || !names[1])
        return EXIT_IO;
    snprintf(names[0], len, "%s.%s", g->output, sl);
    snprintf(names[1], len, "%s.%s", g->output, tl);
    return EXIT_OK;
}

static void
export_free(export_out *e)
{
    depeche_writer_free(e->w);
    free(e->names[0]);
    free(e->names[1]);
    memset(e, 0, sizeof *e);
}

/* Opens the writer on g->output (stdout when NULL); `inputs` are the files
 * the output must not replace. */
static int
export_open(const align_args *g, char **inputs, int ninputs, export_out *e)
{
    memset(e, 0, sizeof *e);
    depeche_writer_options wo;
    depeche_writer_options_init(&wo);
    if (depeche_format_parse(g->to, &wo.format) ||
        wo.format == DEPECHE_FORMAT_TEXT)
        return cli_usage_error("align", "unknown format '%s'", g->to);
    wo.source_lang = g->lang;
    wo.target_lang = g->target_lang;
    wo.flags = DEPECHE_WRITE_BILINGUAL;
    const char *path = g->output;
    if (wo.format == DEPECHE_FORMAT_MOSES) {
        if (!g->output)
            return cli_usage_error("align", "--to moses needs -o PREFIX");
        int rc = moses_names(g, e->names);
        if (rc) {
            export_free(e);
            return rc;
        }
        path = e->names[0];
    }
    int rc = cli_open_output(path, inputs, ninputs, &e->out);
    if (!rc && e->names[1]) {
        rc = cli_open_output(e->names[1], inputs, ninputs, &e->tout);
        if (rc)
            cli_close_output(&e->out, rc);
        e->has_tout = !rc;
        wo.target_sink = cli_file_sink;
        wo.target_user = &e->tout;
    }
    if (rc) {
        export_free(e);
        return rc;
    }
    depeche_error err;
    if (depeche_writer_new(&wo, cli_file_sink, &e->out, &e->w, &err)) {
        rc = cli_report(path ? path : "-", &err);
        if (e->has_tout)
            cli_close_output(&e->tout, rc);
        cli_close_output(&e->out, rc);
        export_free(e);
    }
    return rc;
}

/* Writes the footer and closes the files (rc: the run's code so far). */
static int
export_close(export_out *e, const align_args *g, int rc)
{
    depeche_error err;
    if (!rc && depeche_writer_finish(e->w, &err))
        rc = cli_report(g->output ? g->output : "-", &err);
    if (e->has_tout)
        rc = cli_close_output(&e->tout, rc) ? (rc ? rc : EXIT_IO) : rc;
    rc = cli_close_output(&e->out, rc);
    if (!rc && (e->omitted || e->weak))
        fprintf(stderr,
                "depeche: %zu omissions (sentences without counterpart), "
                "%zu links below --min-score left out\n",
                e->omitted, e->weak);
    export_free(e);
    return rc;
}

/* One pair's links as one document of the export. */
static int
export_pair(export_out *e, const align_args *g, const side *src,
            const side *tgt, const depeche_bead *b, size_t n)
{
    depeche_error err;
    if (write_units(e->w, src, tgt, b, n, g->min_score, &e->omitted, &e->weak,
                    &err))
        return cli_report(g->output ? g->output : "-", &err);
    return EXIT_OK;
}

static int
parse_args(int argc, char **argv, align_args *g)
{
    enum {
        O_LANG = 256,
        O_TLANG,
        O_PRESEG,
        O_DICT_BI,
        O_NO_DICT,
        O_TO,
        O_MIN,
        O_PAIRS,
        O_NO_LEARN,
        O_IN
    };
    static const struct option longopts[] = {
        {"lang", required_argument, NULL, O_LANG},
        {"target-lang", required_argument, NULL, O_TLANG},
        {"presegmented", no_argument, NULL, O_PRESEG},
        {"dict-bi", required_argument, NULL, O_DICT_BI},
        {"no-dict", no_argument, NULL, O_NO_DICT},
        {"to", required_argument, NULL, O_TO},
        {"min-score", required_argument, NULL, O_MIN},
        {"pairs", required_argument, NULL, O_PAIRS},
        {"no-learn", no_argument, NULL, O_NO_LEARN},
        {"in", required_argument, NULL, O_IN},
        {"output", required_argument, NULL, 'o'},
        {"help", no_argument, NULL, 'h'},
        {NULL, 0, NULL, 0}};
    int opt;
    char *end;
    optind = 1;
    while ((opt = getopt_long(argc, argv, "o:h", longopts, NULL)) != -1) {
        switch (opt) {
        case O_LANG:
            g->lang = optarg;
            break;
        case O_TLANG:
            g->target_lang = optarg;
            break;
        case O_PRESEG:
            g->presegmented = 1;
            break;
        case O_DICT_BI:
            g->dict_bi = optarg;
            break;
        case O_NO_DICT:
            g->no_dict = 1;
            break;
        case O_TO:
            g->to = optarg;
            break;
        case O_MIN:
            g->min_score = strtod(optarg, &end);
            if (*end || end == optarg || g->min_score < 0 || g->min_score > 1)
                return cli_usage_error("align", "--min-score wants 0 to 1");
            break;
        case O_PAIRS:
            g->pairs = optarg;
            break;
        case O_NO_LEARN:
            g->no_learn = 1;
            break;
        case O_IN:
            if (strcmp(optarg, "tsv") && strcmp(optarg, "jsonl"))
                return cli_usage_error("align", "--in wants tsv or jsonl");
            g->in_jsonl = !strcmp(optarg, "jsonl");
            break;
        case 'o':
            g->output = optarg;
            break;
        case 'h':
            fputs(usage, stdout);
            return fflush(stdout) ? EXIT_IO : EXIT_OK;
        default:
            return cli_usage_error("align", "bad option");
        }
    }
    if (argc - optind != (g->pairs ? 0 : 2))
        return cli_usage_error("align", g->pairs ? "--pairs takes no FILE"
                                                 : "want two files, SRC and "
                                                   "TGT");
    return -1;
}

/* Splits both sides of a pair into sentences (segmented, or one sentence
 * a line). */
static int
segment_pair(const align_args *g, side *src, side *tgt)
{
    int rc = g->presegmented ? read_lines(src) : read_doc(src, g->lang);
    if (!rc)
        rc = g->presegmented ? read_lines(tgt) : read_doc(tgt, g->target_lang);
    return rc;
}

/* The sides of a loaded pair: they take its bytes (freed by side_free)
 * and borrow its names. */
static void
take_pair(pair_text *t, side *src, side *tgt)
{
    memset(src, 0, sizeof *src);
    memset(tgt, 0, sizeof *tgt);
    src->path = t->src_name;
    src->data = t->src;
    src->len = t->src_len;
    tgt->path = t->tgt_name;
    tgt->data = t->tgt;
    tgt->len = t->tgt_len;
    t->src = t->tgt = NULL;
}

/* Splits and aligns a pair, writes its beads to `output` or its links to
 * the export e, and frees both sides. */
static int
align_pair(const align_args *g, depeche_aligner *a, side *src, side *tgt,
           const char *output, export_out *e)
{
    int rc = segment_pair(g, src, tgt);
    depeche_error err;
    const depeche_bead *beads = NULL;
    size_t n = 0;
    if (!rc && depeche_align(a, src->sent, src->count, tgt->sent, tgt->count,
                             &beads, &n, &err))
        rc = cli_report(src->path, &err);
    char *inputs[2] = {(char *)src->path, (char *)tgt->path};
    if (!rc && !e) {
        cli_output out;
        rc = cli_open_output(output, inputs, 2, &out);
        if (!rc) {
            write_beads(out.f, beads, n);
            rc = cli_close_output(&out, EXIT_OK);
        }
    } else if (!rc) {
        rc = export_pair(e, g, src, tgt, beads, n);
    }
    side_free(src);
    side_free(tgt);
    return rc;
}

/* Counts a pair's confident links toward the corpus lexicon. */
static int
study_pair(const align_args *g, depeche_aligner *a, side *src, side *tgt)
{
    int rc = segment_pair(g, src, tgt);
    depeche_error err;
    if (!rc && depeche_aligner_study(a, src->sent, src->count, tgt->sent,
                                     tgt->count, &err))
        rc = cli_report(src->path, &err);
    side_free(src);
    side_free(tgt);
    return rc;
}

/* The beads file of a pair: DIR/STEM.sys, STEM being the pair's name
 * without folder and extension; NULL when out of memory. */
static char *
beads_path(const char *dir, const char *src)
{
    const char *base = strrchr(src, '/');
    base = base ? base + 1 : src;
    const char *dot = strrchr(base, '.');
    int stem = dot && dot > base ? (int)(dot - base) : (int)strlen(base);
    size_t cap = strlen(dir) + strlen(base) + 8;
    char *out = malloc(cap);
    if (out)
        snprintf(out, cap, "%s/%.*s.sys", dir, stem, base);
    return out;
}

/* Loads pair k of the list and studies it, or aligns it into the export
 * e, or (e NULL) into its beads file. */
static int
list_pair(const align_args *g, depeche_aligner *a, align_pairs *list, size_t k,
          int study, export_out *e)
{
    pair_text t;
    int rc = align_pairs_load(list, k, &t);
    if (rc)
        return rc;
    side src, tgt;
    take_pair(&t, &src, &tgt);
    if (study) {
        rc = study_pair(g, a, &src, &tgt);
    } else if (e) {
        rc = align_pair(g, a, &src, &tgt, NULL, e);
    } else {
        char *out = beads_path(g->output, t.src_name);
        rc = out ? align_pair(g, a, &src, &tgt, out, NULL) : EXIT_IO;
        if (!out) {
            side_free(&src);
            side_free(&tgt);
        }
        free(out);
    }
    pair_text_free(&t);
    return rc;
}

/* --pairs LIST: each line `SRC<TAB>TGT`, or with --in jsonl a record
 * {"id","src","tgt"}.  Beads go to DIR/STEM.sys, one file a pair; an
 * export goes to one output, a document a pair.  The dictionary is loaded
 * once for all; unless --no-learn, a first pass over every pair learns
 * word pairs from the whole corpus. */
static int
align_list(const align_args *g, depeche_aligner *a)
{
    int beads = !strcmp(g->to, "beads");
    if (beads && !g->output)
        return cli_usage_error("align", "--pairs --to beads writes into "
                                        "-o DIR (one STEM.sys a pair)");
    align_pairs *list = NULL;
    int rc = align_pairs_open(g->pairs, g->in_jsonl, &list);
    size_t n = rc ? 0 : align_pairs_count(list);
    for (size_t k = 0; !rc && !g->no_learn && k < n; k++)
        rc = list_pair(g, a, list, k, 1, NULL);
    depeche_error err;
    if (!rc && depeche_aligner_learn(a, NULL, &err))
        rc = cli_report(g->pairs, &err);
    export_out e;
    char *inputs[1] = {(char *)g->pairs};
    if (!rc && !beads)
        rc = export_open(g, inputs, 1, &e);
    if (rc) {
        align_pairs_free(list);
        return rc;
    }
    for (size_t k = 0; !rc && k < n; k++)
        rc = list_pair(g, a, list, k, 0, beads ? NULL : &e);
    if (!beads)
        rc = export_close(&e, g, rc);
    align_pairs_free(list);
    return rc;
}

/* Reads a pair of files given on the command line. */
static int
read_files(char *src_path, char *tgt_path, side *src, side *tgt)
{
    memset(src, 0, sizeof *src);
    memset(tgt, 0, sizeof *tgt);
    src->path = src_path;
    tgt->path = tgt_path;
    int rc = cli_read_input(src->path, &src->data, &src->len);
    if (!rc)
        rc = cli_read_input(tgt->path, &tgt->data, &tgt->len);
    if (rc) {
        side_free(src);
        side_free(tgt);
    }
    return rc;
}

/* One pair: its beads, or an export of its links. */
static int
align_one(const align_args *g, depeche_aligner *a, char *src_path,
          char *tgt_path)
{
    side src, tgt;
    int rc = read_files(src_path, tgt_path, &src, &tgt);
    if (rc)
        return rc;
    if (!strcmp(g->to, "beads"))
        return align_pair(g, a, &src, &tgt, g->output, NULL);
    export_out e;
    char *inputs[2] = {src_path, tgt_path};
    rc = export_open(g, inputs, 2, &e);
    if (rc) {
        side_free(&src);
        side_free(&tgt);
        return rc;
    }
    rc = align_pair(g, a, &src, &tgt, NULL, &e);
    return export_close(&e, g, rc);
}

int
cmd_align(int argc, char **argv)
{
    align_args g = {"fr-FR", "en-US", NULL, NULL, "beads", NULL,
                    0,       0,       0,    0,    0.0};
    int rc = parse_args(argc, argv, &g);
    if (rc >= 0)
        return rc;
    depeche_align_options ao;
    depeche_align_options_init(&ao);
    ao.source_lang = g.lang;
    ao.target_lang = g.target_lang;
    ao.dict_bi = g.dict_bi;
    ao.flags = (g.no_dict ? DEPECHE_ALIGN_NO_DICT : 0) |
               (g.no_learn ? DEPECHE_ALIGN_NO_LEARN : 0);
    depeche_aligner *a = NULL;
    depeche_error err;
    depeche_status st = depeche_aligner_new(&ao, &a, &err);
    if (st)
        return cli_report(g.dict_bi ? g.dict_bi : "--lang", &err);
    rc = g.pairs ? align_list(&g, a)
                 : align_one(&g, a, argv[optind], argv[optind + 1]);
    depeche_aligner_free(a);
    return rc;
}
