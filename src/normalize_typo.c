/* normalize_typo.c -- the French typography rules (NZ-T, profiles typo
 * and mt) and the MT mapping (NZ-M, profile mt): passes over the token
 * vector of normalize.c (normalize_impl.h), run after decoding, NFC and
 * spaces. */
#include <string.h>

#include "dicts_lang.h"
#include "normalize_impl.h"
#include "utf8.h"

/* ---- NZ-T: French typography (profiles typo and mt) -------------------- */

/* Number units that take a no-break space after the figure (NZ-T6). */
static int
is_unit_symbol(int32_t c)
{
    return c == '%' || c == 0x2030 || c == 0x00B0 || c == 0x20AC || c == '$' ||
           c == 0x00A3 || c == 0x00A5 || c == 0x00B5;
}

static tok *
last(toks *t)
{
    return t->n ? &t->v[t->n - 1] : NULL;
}

/* The character k places back in the output (k = 1: the last), reaching
 * into the previous window of the line for the one before b's start. */
static int32_t
back_cp(const norm *n, size_t k)
{
    const toks *b = &n->b;
    if (b->n >= k)
        return b->v[b->n - k].last;
    return b->n + 1 == k ? n->carry_last : 0;
}

static int32_t
peek(const norm *n, size_t i)
{
    return i < n->a.n ? n->a.v[i].cp : 0;
}

/* Removes trailing spaces from the output; returns the input range they
 * covered (len 0 when there were none) so a replacement can take it. */
static tok
pop_spaces(toks *b)
{
    tok r = {.changed = 1};
    int found = 0;
    while (b->n && is_space(b->v[b->n - 1].cp)) {
        tok t = b->v[--b->n];
        size_t end = found ? r.in + r.len : t.in + t.len;
        r.in = t.in;
        r.len = end - t.in;
        found = 1;
    }
    if (!found && b->n) {
        tok *l = last(b);
        r.in = l->in + l->len;
    }
    return r;
}

/* 1 when `gap` stands for a single ' ' of the input, which a space put
 * back copies; anything else folded into one space (a tab, a run) is a
 * replacement in the offset map. */
static int
is_one_space(const norm *n, tok gap)
{
    return gap.len == 1 && n->in[gap.in] == ' ';
}

/* Emits a no-break space standing for `gap` (the spaces it replaces). */
static depeche_status
push_nbsp(toks *b, tok gap)
{
    return push(b, CP_NBSP, gap.in, gap.len, 1);
}

/* Bytes of a run up to the first of the separators in `stop` (run_end). */
static size_t
run_word_len(const norm *n, const tok *t, const char *stop)
{
    size_t k = 0;
    while (k < t->len && !strchr(stop, n->in[t->in + k]))
        k++;
    return k;
}

static int
word_is_unit(const norm *n, size_t i)
{
    /* Units start with one of these: most words after a number do not. */
    if (i >= n->a.n || n->a.v[i].cp >= 0x80 ||
        !strchr("kmcghtlLsnHWVAMGTKod", (int)n->a.v[i].cp) || !n->a.v[i].cp)
        return 0;
    char w[16];
    size_t wl = 0;
    for (; i < n->a.n; i++) {
        const tok *t = &n->a.v[i];
        int32_t c = t->cp;
        /* A unit is letters, a slash and the exponents ² ³: it ends at
         * anything else ("kg»", "km/h\"" are units too). */
        if (!is_letter(c) && c != '/' && c != 0xB2 && c != 0xB3)
            break;
        char enc[4];
        const char *bytes = enc;
        size_t k = t->run ? run_word_len(n, t, " ,.-\xE2")
                          : depeche_utf8_encode(c, enc);
        if (t->run)
            bytes = n->in + t->in;
        if (wl + k >= sizeof w)
            return 0;
        memcpy(w + wl, bytes, k);
        wl += k;
        if (t->run && k < t->len)
            break; /* the run goes on past a space or punctuation */
    }
    w[wl] = '\0';
    depeche_dict_text units = depeche_bundle_list("fr", DEPECHE_LIST_UNITS);
    return depeche_dict_has(&units, w, wl);
}

/* Length of the digit run ending at the output's end. */
static size_t
digits_before(const toks *b)
{
    size_t k = 0;
    while (k < b->n && is_digit(b->v[b->n - 1 - k].cp))
        k++;
    return k;
}

/* NZ-T7: "1 000" -> "1 000" with NBSP when the left group has 1-3 digits
 * and the right exactly 3, so "en 2020 100 personnes" stays apart. */
static int
is_digit_group_gap(const norm *n, size_t i)
{
    size_t left = digits_before(&n->b);
    if (left == 0 || left > 3)
        return 0;
    size_t j = i + 1, right = 0;
    while (j < n->a.n && is_digit(n->a.v[j].cp)) {
        j++;
        right++;
    }
    return right == 3;
}

/* NZ-T11: what keyboards and OCR type for an apostrophe: a backtick, an
 * acute accent, a prime.  Only between two letters is it one. */
static int
is_apostrophe_lookalike(int32_t c)
{
    return c == '`' || c == 0x00B4 || c == 0x2032;
}

/* What may stand before an opening quote (spaces skipped). */
static int
opens_quote(int32_t before)
{
    return before == 0 || before == '(' || before == '[' ||
           before == CP_MDASH || before == CP_NDASH || before == '\'' ||
           before == CP_RSQUO || before == CP_LAQUO || before == CP_LDQUO ||
           before == 0x2018 || before == 0x201B || before == 0x2032;
}

/* What may follow a closing quote. */
static int
closes_before(int32_t next)
{
    return next == 0 || is_space(next) || next == '.' || next == ',' ||
           next == ';' || next == ':' || next == '!' || next == '?' ||
           next == ')' || next == ']' || next == CP_RAQUO || next == CP_HELLIP;
}

/* Whether another straight double quote follows token i in the window. */
static int
quote_follows(const norm *n, size_t i)
{
    for (size_t j = i + 1; j < n->a.n; j++)
        if (n->a.v[j].cp == '"')
            return 1;
    return 0;
}

/* Whether the straight double quote at token i is the first of a pair
 * spaced the wrong way ("cette" assassine" du"): the next straight quote
 * of the window (the line, but for a huge one) is glued to the text
 * before it too, and an even number of them stand from i on. */
static int
pair_spaced_backwards(const norm *n, size_t i)
{
    size_t count = 1, partner = 0;
    for (size_t j = i + 1; j < n->a.n; j++)
        if (n->a.v[j].cp == '"' && count++ == 1)
            partner = j;
    return partner && count % 2 == 0 && !is_space(n->a.v[partner - 1].cp);
}

/* NZ-T3: is the straight double quote at token i an opening one?  By what
 * stands on each side; when both sides agree (" Monde " or a"b), by
 * alternation within the line. */
static int
straight_quote_opens(norm *n, size_t i, int space_before, int32_t before,
                     int32_t next)
{
    int after_text = !closes_before(next);
    int before_open = space_before || opens_quote(before);
    if (before == 0)
        return 1; /* nothing before it on the line: a quotation opens */
    if (before_open && after_text)
        /* Shaped as an opening quote; but the line's last quote, with one
         * open, closes it: 'obstacles, "explique' is spaced the wrong
         * way, as a quotation inside a quotation would not end. */
        return !n->dq_open || n->cfg->profile != DEPECHE_PROFILE_TYPO ||
               before == CP_LAQUO || quote_follows(n, i);
    if (!before_open && !after_text)
        /* Shaped as a closing quote, and it closes ('demain" Puis', a
         * quotation of the lines before), unless none is open on the line
         * and it starts a pair spaced the wrong way.  Not in mt, whose own
         * output writes a closing quote in that shape: a second reading
         * would count the quotes that were « » the first time. */
        return !n->dq_open && is_space(next) &&
               n->cfg->profile == DEPECHE_PROFILE_TYPO &&
               pair_spaced_backwards(n, i);
    /* Both sides alike.  An ellipsis may open a quotation ("...je pars")
     * when none is open; otherwise a quote right before punctuation or the
     * line's end closes, after a colon one opens, and elsewhere open and
     * close alternate.  A full stop before the quote says nothing on its
     * own: ". \" Non \"" opens, "pars. \"" closes what was open. */
    if ((next == '.' || next == CP_HELLIP) && before_open)
        return !n->dq_open;
    if ((next == 0 || !is_space(next)) && !after_text)
        return 0;
    if (before == ':')
        return 1;
    return !n->dq_open;
}

/* "marre …" -> "marre…": an ellipsis between a word and a space or the
 * line's end follows the word (NZ-T8). */
static int
ellipsis_follows_word(const norm *n, int32_t next)
{
    /* mt sets "(" off with a space (NZ-M2), which a second pass reads. */
    int spaced = next == '(' && n->cfg->profile == DEPECHE_PROFILE_MT;
    return is_space(back_cp(n, 1)) && is_letter(back_cp(n, 2)) &&
           (next == 0 || is_space(next) || next == '!' || next == '?' ||
            next == ':' || next == ';' || spaced);
}

/* The character after the dots from token i on: "…." is one ellipsis. */
static int32_t
past_dots(const norm *n, size_t i)
{
    while (peek(n, i) == '.')
        i++;
    return peek(n, i);
}

static int32_t mt_map(int32_t c);

/* One half of a Moses double quote: a backtick, or what mt writes as '. */
static int
is_moses_half(int32_t c)
{
    return c == '`' || c == '\'' || mt_map(c) == '\'';
}

/* Whether c and the next character are Moses' '' or `` (NZ-M3).  In mt,
 * any two apostrophes mt writes as '' count ("′'"), or its own output
 * would read as a quote the second time. */
static int
is_moses_quote(const norm *n, int32_t c, int32_t next)
{
    if (n->cfg->profile == DEPECHE_PROFILE_MT)
        return is_moses_half(c) && is_moses_half(next) &&
               mt_map(c) == mt_map(next);
    return (c == '`' || c == '\'') && next == c;
}

static depeche_status
typo_char(norm *n, size_t *ip, int line_start)
{
    size_t i = *ip;
    tok t = n->a.v[i];
    toks *b = &n->b;
    if (t.run || (t.cp < 0x80 && is_letter(t.cp)))
        return push_tok(b, t); /* no rule changes a letter */
    int32_t c = t.cp, next = peek(n, i + 1);
    int32_t prev = back_cp(n, 1);
    depeche_status st;

    if (is_moses_quote(n, c, next)) {
        /* NZ-M3: Moses' '' and `` are a double quote: NZ-T3 pairs it;
         * between two letters ("C''est") they are an apostrophe typed
         * twice. */
        tok second = n->a.v[++*ip];
        t.len = second.in + second.len - t.in;
        next = peek(n, *ip + 1);
        t.cp = c = is_letter(prev) && is_letter(next) ? '\'' : '"';
        t.changed = 1;
    }
    if (c == CP_NNBSP) { /* NZ-T1 */
        t.cp = CP_NBSP;
        t.changed = 1;
        return push_tok(b, t);
    }
    if ((c == '\'' && is_letter(prev)) ||
        (is_apostrophe_lookalike(c) && is_letter(prev) && is_letter(next))) {
        /* NZ-T2: l'été -> l’été; NZ-T11: l`avion, d´abord, s′il -> ’ */
        t.cp = CP_RSQUO;
        t.changed = 1;
        return push_tok(b, t);
    }
    if (c == '"' || c == CP_LAQUO || c == CP_RAQUO) { /* NZ-T3 */
        size_t k = b->n;
        while (k && is_space(b->v[k - 1].cp))
            k--;
        int32_t before = k ? b->v[k - 1].last : n->carry_last;
        int open =
            c == CP_LAQUO ||
            (c == '"' && straight_quote_opens(n, i, k < b->n, before, next));
        n->dq_open = open;
        if (open) {
            /* The space before an opening quote stays as it is; typo
             * adds one where a word touches it ("cette"assassine"). */
            st = k == b->n && is_letter(before) &&
                         n->cfg->profile == DEPECHE_PROFILE_TYPO
                     ? push(b, ' ', t.in, 0, 1)
                     : DEPECHE_OK;
            if (!st)
                st = push(b, CP_LAQUO, t.in, t.len, t.changed || c != CP_LAQUO);
            /* The spaces after « become the one no-break space. */
            tok after = {.in = t.in + t.len, .changed = 1};
            while (*ip + 1 < n->a.n && is_space(n->a.v[*ip + 1].cp)) {
                tok s = n->a.v[++*ip];
                after.len = s.in + s.len - after.in;
            }
            if (!st)
                st = push_nbsp(b, after);
            return st;
        }
        st = push_nbsp(b, pop_spaces(b));
        if (!st)
            st = push(b, CP_RAQUO, t.in, t.len, t.changed || c != CP_RAQUO);
        /* typo sets a word off the » that touches it ("obstacles,"
         * explique'). */
        if (!st && is_letter(next) && n->cfg->profile == DEPECHE_PROFILE_TYPO)
            st = push(b, ' ', t.in + t.len, 0, 1);
        return st;
    }
    if (c == CP_LDQUO) { /* NZ-T4: “ excuses” -> “excuses” */
        st = push_tok(b, t);
        while (*ip + 1 < n->a.n && is_space(n->a.v[*ip + 1].cp))
            ++*ip;
        return st;
    }
    if (c == CP_RDQUO) {
        pop_spaces(b);
        return push_tok(b, t);
    }
    if (c == ':' || c == ';' || c == '!' || c == '?') { /* NZ-T5 */
        tok gap = pop_spaces(b);
        int32_t before = back_cp(n, 1);
        int ends = next == 0 || is_space(next) || next == '!' || next == '?' ||
                   next == CP_RAQUO || next == '"' || next == ')' ||
                   next == '.';
        int time = c == ':' && is_digit(before) && is_digit(next);
        int doubled =
            (c == '!' || c == '?') && (before == '!' || before == '?');
        if (before && !doubled && !time &&
            (gap.len || ((is_alnum(before) || before == CP_RAQUO ||
                          before == ')' || before == CP_HELLIP) &&
                         ends))) {
            st = push_nbsp(b, gap);
            return st ? st : push_tok(b, t);
        }
        if (gap.len) /* not ours to change: put the space back */
            st = push(b, ' ', gap.in, gap.len, !is_one_space(n, gap));
        else
            st = DEPECHE_OK;
        return st ? st : push_tok(b, t);
    }
    if (is_unit_symbol(c)) { /* NZ-T6: 10% -> 10 % */
        tok gap = pop_spaces(b);
        if (is_digit(back_cp(n, 1)) && c != '$') {
            st = push_nbsp(b, gap);
        } else if (gap.len) {
            st = push(b, ' ', gap.in, gap.len, !is_one_space(n, gap));
        } else {
            st = DEPECHE_OK;
        }
        return st ? st : push_tok(b, t);
    }
    if (c == ' ' && is_digit(prev) && is_digit(next) &&
        is_digit_group_gap(n, i)) { /* NZ-T7 */
        t.cp = CP_NBSP;
        t.changed = 1;
        return push_tok(b, t);
    }
    if (c == ' ' && is_digit(prev) && word_is_unit(n, i + 1)) { /* NZ-T6 */
        t.cp = CP_NBSP;
        t.changed = 1;
        return push_tok(b, t);
    }
    if (c == '.' && next == '.' && peek(n, i + 2) == '.') { /* NZ-T8 */
        size_t e = i;
        while (e < n->a.n && n->a.v[e].cp == '.')
            e++;
        tok last_dot = n->a.v[e - 1];
        *ip = e - 1;
        if (e - i < 5 && ellipsis_follows_word(n, peek(n, e)))
            pop_spaces(b);
        if (e - i >= 5) {
            /* A leader (".......... 12") is not an ellipsis: kept whole. */
            for (st = DEPECHE_OK; i < e && !st; i++)
                st = push_tok(b, n->a.v[i]);
            return st;
        }
        if (prev == CP_HELLIP)
            return DEPECHE_OK; /* "…." -> "…" */
        return push(b, CP_HELLIP, t.in, last_dot.in + last_dot.len - t.in, 1);
    }
    if (c == CP_HELLIP) {
        if (ellipsis_follows_word(n, past_dots(n, i + 1)))
            pop_spaces(b);
        return push_tok(b, t);
    }
    if (c == '.' && prev == CP_HELLIP)
        return DEPECHE_OK; /* NZ-T8: "…." -> "…" */
    if ((c == ',' || c == '.' || c == ')' || c == ']') && is_space(prev) &&
        back_cp(n, 2) && !is_space(back_cp(n, 2)) &&
        !(c == '.' && is_digit(next))) { /* NZ-T9: "oui , c" -> "oui, c" */
        pop_spaces(b);
        if (c == '.' && back_cp(n, 1) == CP_HELLIP)
            return DEPECHE_OK; /* NZ-T8: "... ." -> "…" */
        return push_tok(b, t);
    }
    if ((c == '(' || c == '[') && is_space(next)) { /* NZ-T9 */
        st = push_tok(b, t);
        while (*ip + 1 < n->a.n && is_space(n->a.v[*ip + 1].cp))
            ++*ip;
        return st;
    }
    if (c == '-' && is_space(next)) { /* NZ-T10: dashes */
        if (line_start && b->n == 0) {
            st = push(b, CP_MDASH, t.in, t.len, 1);
            tok s = n->a.v[++*ip];
            return st ? st : push(b, CP_NBSP, s.in, s.len, 1);
        }
        if (is_space(prev)) {
            t.cp = CP_NDASH;
            t.changed = 1;
            return push_tok(b, t);
        }
    }
    if (c == CP_MDASH && line_start && b->n == 0 && next == ' ') {
        st = push_tok(b, t);
        tok s = n->a.v[++*ip];
        return st ? st : push(b, CP_NBSP, s.in, s.len, 1);
    }
    if ((c == CP_MDASH || c == CP_NDASH) && line_start && b->n == 0 &&
        (is_letter(next) || next == '"' || next == CP_LAQUO ||
         is_moses_quote(n, next, peek(n, i + 2)))) {
        /* NZ-T12: "—Partez !" -> "— Partez !": a dialogue or incise dash
         * opening the line is set off like NZ-T10's. */
        st = push(b, CP_MDASH, t.in, t.len, t.changed || c != CP_MDASH);
        return st ? st : push(b, CP_NBSP, t.in + t.len, 0, 1);
    }
    return push_tok(b, t);
}

/* The ASCII letters from token i (runs or single letters) as a lower-case
 * word; returns the index of the token after them, or 0 when the word
 * ends inside a run, at one of run_end's separators. */
static size_t
ascii_word(const norm *n, size_t i, char *w, size_t cap)
{
    size_t k = 0;
    for (; i < n->a.n; i++) {
        const tok *t = &n->a.v[i];
        if (t->run) {
            size_t len = run_word_len(n, t, " -,.");
            for (size_t j = 0; j < len && k + 1 < cap; j++)
                w[k++] = (char)(n->in[t->in + j] | 0x20);
            if (len < t->len) {
                w[k] = '\0';
                return 0;
            }
        } else if (t->cp < 0x80 && is_letter(t->cp) && k + 1 < cap) {
            w[k++] = (char)(t->cp | 0x20);
        } else {
            break;
        }
    }
    w[k] = '\0';
    return i;
}

/* NZ-T0: "https://…", "www.…": a URL runs to the next space. */
static int
url_starts(const norm *n, size_t i)
{
    char w[8];
    size_t j = ascii_word(n, i, w, sizeof w);
    if (j == 0)
        return 0; /* a space, hyphen, ", ", ". " or ’ follows: no URL
                   * ("www. " would be one, with nothing in it to keep) */
    if (!strcmp(w, "www"))
        return peek(n, j) == '.';
    return (!strcmp(w, "http") || !strcmp(w, "https") || !strcmp(w, "ftp")) &&
           peek(n, j) == ':' && peek(n, j + 1) == '/' && peek(n, j + 2) == '/';
}

/* NZ-T0: a URL is copied as it stands ("10%20b" is not a percentage,
 * "a?b=1" no question) up to the next space, which may lie inside a run;
 * *ip moves to the token after it. */
static depeche_status
copy_url(norm *n, size_t *ip)
{
    for (size_t i = *ip; i < n->a.n && !is_space(n->a.v[i].cp); i++) {
        tok t = n->a.v[i];
        t.url = 1;
        depeche_status st = push_tok(&n->b, t);
        *ip = i + 1;
        if (st || (t.run && memchr(n->in + t.in, ' ', t.len)))
            return st;
    }
    return DEPECHE_OK;
}

depeche_status
depeche_norm_pass_typo(norm *n, int line_start)
{
    for (size_t i = 0; i < n->a.n; i++) {
        depeche_status st;
        int32_t c = n->a.v[i].cp;
        if ((c == 'h' || c == 'H' || c == 'w' || c == 'W' || c == 'f' ||
             c == 'F') &&
            (i == 0 || !is_letter(n->a.v[i - 1].last)) && url_starts(n, i)) {
            if ((st = copy_url(n, &i)))
                return st;
            if (i == n->a.n)
                break;
        }
        const tok *t = &n->a.v[i];
        if (t->run || (t->cp < 0x80 && is_letter(t->cp))) {
            /* No rule changes a letter: the bulk of the text, kept out of
             * typo_char's call. */
            if ((st = push_tok(&n->b, *t)))
                return st;
            continue;
        }
        st = typo_char(n, &i, line_start);
        if (st)
            return st;
    }
    swap(n);
    return DEPECHE_OK;
}

/* ---- NZ-M: MT mapping (profile mt) ------------------------------------ */

/* ASCII for the punctuation MT pipelines tokenise (Moses conventions),
 * keeping what Moses' normalizer breaks: l'été keeps its apostrophe, digit
 * groups keep a space (never 1,000), no NBSP is left. */
static int32_t
mt_map(int32_t c)
{
    switch (c) {
    case CP_RSQUO:
    case 0x2018:
    case 0x201B:
    case 0x2032:
        return '\'';
    case CP_LAQUO:
    case CP_RAQUO:
    case CP_LDQUO:
    case CP_RDQUO:
    case 0x201E:
    case 0x300A:
    case 0x300B:
    case 0x300C:
    case 0x300D:
        return '"';
    case CP_NDASH:
    case CP_MDASH:
    case 0x2212:
        return '-';
    case 0x3010:
        return '[';
    case 0x3011:
        return ']';
    default:
        return c;
    }
}

/* Moses writes "prêts!", "10%" and "Oui" inside quotes with no space; a
 * no-break space elsewhere is a plain space. */
static int
mt_glues_nbsp(const norm *n, size_t i)
{
    int32_t next = peek(n, i + 1);
    int32_t prev = i ? n->a.v[i - 1].last : 0;
    return next == ':' || next == ';' || next == '!' || next == '?' ||
           next == '%' || next == CP_RAQUO || prev == CP_LAQUO;
}

/* NZ-M4: a quote mt writes as a straight " loses the direction typo gave
 * it, and normalizing the output again reads that direction from its
 * neighbours (NZ-T3).  Where those neighbours decide it, the quote is
 * spaced as that reading will space it, so mt's output is a fixed point:
 * nothing before it on the line, it opens and loses the spaces after it
 * ("” 1 000" at a line start -> "\"1 000"); punctuation or the line's end
 * after it, it closes and loses the spaces before it ("gare « ?" ->
 * "gare\"?"). */
static depeche_status
mt_quote(norm *n, size_t *ip)
{
    toks *b = &n->b;
    tok t = n->a.v[*ip];
    size_t k = b->n;
    while (k && is_space(b->v[k - 1].cp))
        k--;
    int32_t before = k ? b->v[k - 1].last : n->carry_last;
    size_t j = *ip + 1;
    while (j < n->a.n && is_nbsp(n->a.v[j].cp) && mt_glues_nbsp(n, j))
        j++;
    int32_t next = mt_map(peek(n, j)); /* as the second reading sees it */
    if (before == 0) {
        while (*ip + 1 < n->a.n && is_space(n->a.v[*ip + 1].cp))
            ++*ip;
    } else if (k < b->n && !is_space(next) && closes_before(next) &&
               !(next == '.' && opens_quote(before))) {
        pop_spaces(b);
    }
    return push(b, '"', t.in, t.len, t.changed || t.cp != '"');
}

depeche_status
depeche_norm_pass_mt(norm *n)
{
    toks *b = &n->b;
    for (size_t i = 0; i < n->a.n; i++) {
        tok t = n->a.v[i];
        int32_t next = peek(n, i + 1);
        depeche_status st = DEPECHE_OK;
        if (t.url) {
            st = push_tok(b, t);
        } else if (t.cp == CP_HELLIP) {
            st = push(b, '.', t.in, t.len, 1);
            for (int k = 0; k < 2 && !st; k++)
                st = push(b, '.', t.in + t.len, 0, 1);
        } else if (is_nbsp(t.cp)) {
            if (!mt_glues_nbsp(n, i))
                st = push(b, ' ', t.in, t.len, 1);
        } else if (!t.run && mt_map(t.cp) == '"') {
            st = mt_quote(n, &i);
        } else if (t.cp == '(' && back_cp(n, 1) && back_cp(n, 1) != ' ' &&
                   back_cp(n, 1) != '(' && back_cp(n, 1) != '"') {
            /* NZ-M2: Moses' spacing of parentheses, "--(1)" -> "-- (1)";
             * a straight quote has no side to be spaced from (NZ-M4). */
            st = push(b, ' ', t.in, 0, 1);
            if (!st)
                st = push_tok(b, t);
        } else if (t.cp == ')' && next && !is_space(next) && next != ')' &&
                   !strchr(".!:?;,\"'",
                           (int)(mt_map(next) < 0x80 ? mt_map(next) : 1))) {
            st = push_tok(b, t); /* ".)]" -> ".) ]" */
            if (!st)
                st = push(b, ' ', t.in + t.len, 0, 1);
        } else if (t.run) {
            st = push_tok(b, t);
        } else {
            int32_t m = mt_map(t.cp);
            st = push(b, m, t.in, t.len, t.changed || m != t.cp);
        }
        if (st)
            return st;
    }
    swap(n);
    return DEPECHE_OK;
}
