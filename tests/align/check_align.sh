#!/usr/bin/env bash
# check_align.sh DEPECHE -- `depeche align` on small documents of our own:
#   - beads.fr/.en: every bead type (1-1, 1-2, 2-1, 2-2, 1-3, 3-1) and an
#     omission on each side, against beads.expected;
#   - reorder.fr/.en: the second paragraph translated first: one paragraph
#     aligns, the other is reported as omissions on both sides, never a
#     bead going backwards (reorder.expected);
#   - --pairs --no-learn gives each pair the beads it gets alone (with
#     corpus learning, beads that still tile both sides); with an export
#     format, one output holds every pair's links, a document a pair;
#   - raw input (clean, normalize, segment) gives the beads --presegmented
#     gives on the same text;
#   - bilingual TMX and Moses through ../shared/formats/check_export.sh
#     (OmegaT must see both languages), when that checker is here;
#   - invalid UTF-8 is refused with its byte; empty sides give no bead;
#   - a bad dictionary is refused with its file and byte offset.
# Dictionaries are given with --dict-bi so that results do not depend on
# the FreeDict packages installed.
set -u
DEPECHE=${1:?usage: check_align.sh DEPECHE}
HERE=$(cd "$(dirname "$0")" && pwd)
ROOT=$(cd "$HERE/../.." && pwd)
tmp=$(mktemp -d)
trap 'rm -rf "$tmp"' EXIT
fails=0
ok() { echo "PASS $1"; }
bad() { echo "FAIL $1${2:+: $2}"; fails=$((fails + 1)); }

for t in beads reorder; do
    if "$DEPECHE" align --presegmented --dict-bi "$HERE/$t.dict" \
        "$HERE/$t.fr" "$HERE/$t.en" >"$tmp/$t.beads" &&
        diff -u "$HERE/$t.expected" "$tmp/$t.beads"; then
        ok "golden $t"
    else
        bad "golden $t"
    fi
done

"$DEPECHE" align --dict-bi "$HERE/reorder.dict" "$HERE/reorder.fr" \
    "$HERE/reorder.en" >"$tmp/raw.beads" &&
    cmp -s "$tmp/raw.beads" "$tmp/reorder.beads" &&
    ok "raw input = --presegmented" || bad "raw input = --presegmented"

printf 'no separator here\n' >"$tmp/broken.dict"
"$DEPECHE" align --presegmented --dict-bi "$tmp/broken.dict" \
    "$HERE/beads.fr" "$HERE/beads.en" >/dev/null 2>"$tmp/err"
rc=$?
[ $rc = 4 ] && grep -q 'broken.dict: byte 0' "$tmp/err" &&
    ok "bad dictionary refused" || bad "bad dictionary refused" "rc $rc: $(cat "$tmp/err")"

# Bad input names the file and byte; empty input aligns to nothing.
printf 'Bonjour.\nCaf\xe9 noir.\n' >"$tmp/bad.fr"
"$DEPECHE" align --presegmented "$tmp/bad.fr" "$HERE/beads.en" \
    >/dev/null 2>"$tmp/err"
rc=$?
[ $rc = 3 ] && grep -q 'bad.fr: byte 12' "$tmp/err" &&
    ok "invalid UTF-8 named" || bad "invalid UTF-8 named" "rc $rc"
: >"$tmp/empty"
out=$("$DEPECHE" align --presegmented --no-dict "$tmp/empty" "$tmp/empty") &&
    [ -z "$out" ] && ok "empty sides" || bad "empty sides"

# --pairs: the beads each pair gets alone, one file a pair.
mkdir -p "$tmp/pairs"
printf '%s\t%s\n' "$HERE/beads.fr" "$HERE/beads.en" "$HERE/reorder.fr" \
    "$HERE/reorder.en" >"$tmp/list"
for t in beads reorder; do
    "$DEPECHE" align --presegmented --no-learn --dict-bi "$HERE/beads.dict" \
        "$HERE/$t.fr" "$HERE/$t.en" >"$tmp/$t.alone"
done
if "$DEPECHE" align --presegmented --no-learn --dict-bi "$HERE/beads.dict" \
    --pairs "$tmp/list" -o "$tmp/pairs" &&
    cmp -s "$tmp/pairs/beads.sys" "$tmp/beads.alone" &&
    cmp -s "$tmp/pairs/reorder.sys" "$tmp/reorder.alone"; then
    ok "--pairs --no-learn = one run a pair"
else
    bad "--pairs --no-learn = one run a pair"
fi
# With corpus learning (the default) each pair still gets all its sentences.
mkdir -p "$tmp/learnt"
tiles() { # BEADS NSRC NTGT: the beads cover 0..NSRC-1 and 0..NTGT-1 in order
    python3 - "$@" <<'PY'
import re, sys
src, tgt = [], []
for line in open(sys.argv[1]):
    s, t = line.split(":")[:2]
    src += [int(x) for x in re.findall(r"\d+", s)]
    tgt += [int(x) for x in re.findall(r"\d+", t)]
ok = src == list(range(int(sys.argv[2]))) and tgt == list(range(int(sys.argv[3])))
sys.exit(0 if ok else 1)
PY
}
if "$DEPECHE" align --presegmented --dict-bi "$HERE/beads.dict" \
    --pairs "$tmp/list" -o "$tmp/learnt" &&
    tiles "$tmp/learnt/beads.sys" "$(grep -c . "$HERE/beads.fr")" \
        "$(grep -c . "$HERE/beads.en")" &&
    tiles "$tmp/learnt/reorder.sys" "$(grep -c . "$HERE/reorder.fr")" \
        "$(grep -c . "$HERE/reorder.en")"; then
    ok "--pairs with corpus learning tiles each pair"
else
    bad "--pairs with corpus learning tiles each pair"
fi

# --in jsonl: the same pairs as records {"id","src","tgt"} give the same
# beads, in DIR/ID.sys; a bad record is named by its line and byte.
python3 - "$HERE" "$tmp/list.jsonl" <<'PY'
import json, sys
here, out = sys.argv[1], sys.argv[2]
with open(out, "w", encoding="utf-8") as f:
    for t in ("beads", "reorder"):
        rec = {"id": t, "src": open(f"{here}/{t}.fr", encoding="utf-8").read(),
               "tgt": open(f"{here}/{t}.en", encoding="utf-8").read()}
        f.write(json.dumps(rec, ensure_ascii=False) + "\n")
PY
mkdir -p "$tmp/jpairs"
if "$DEPECHE" align --presegmented --no-learn --dict-bi "$HERE/beads.dict" \
    --in jsonl --pairs "$tmp/list.jsonl" -o "$tmp/jpairs" &&
    cmp -s "$tmp/jpairs/beads.sys" "$tmp/beads.alone" &&
    cmp -s "$tmp/jpairs/reorder.sys" "$tmp/reorder.alone"; then
    ok "--in jsonl --pairs = the same pairs from files"
else
    bad "--in jsonl --pairs = the same pairs from files"
fi
printf '{"id":"a","src":"Oui.","tgt":"Yes."}\n\n{"id":"b","src":"Non.","tgt":"N' \
    >"$tmp/trunc.jsonl"
"$DEPECHE" align --in jsonl --pairs "$tmp/trunc.jsonl" -o "$tmp/jpairs" \
    2>"$tmp/err"
rc=$?
[ $rc = 3 ] && grep -q 'trunc.jsonl: line 3, byte 29' "$tmp/err" &&
    ok "--in jsonl: a truncated record named" ||
    bad "--in jsonl: a truncated record named" "rc $rc: $(cat "$tmp/err")"

# --pairs with an export: one output, a document a pair, the links each
# pair gets alone (TSV: one line a link, the pair's source as doc id).
tsv_alone=0
for t in beads reorder; do
    n=$("$DEPECHE" align --presegmented --dict-bi "$HERE/beads.dict" --to tsv \
        "$HERE/$t.fr" "$HERE/$t.en" 2>/dev/null | tail -n +2 | wc -l)
    tsv_alone=$((tsv_alone + n))
done
if "$DEPECHE" align --presegmented --dict-bi "$HERE/beads.dict" --to tsv \
    --pairs "$tmp/list" -o "$tmp/pairs.tsv" 2>/dev/null &&
    [ "$(tail -n +2 "$tmp/pairs.tsv" | wc -l)" = "$tsv_alone" ] &&
    [ "$(grep -c "^$HERE/beads.fr	" "$tmp/pairs.tsv")" -gt 0 ] &&
    [ "$(grep -c "^$HERE/reorder.fr	" "$tmp/pairs.tsv")" -gt 0 ]; then
    ok "--pairs tsv: one file, both documents"
else
    bad "--pairs tsv: one file, both documents" "$tsv_alone links alone"
fi
if "$DEPECHE" align --presegmented --dict-bi "$HERE/beads.dict" --to moses \
    --pairs "$tmp/list" -o "$tmp/pm" 2>/dev/null &&
    [ "$(wc -l <"$tmp/pm.fr")" = "$tsv_alone" ] &&
    [ "$(wc -l <"$tmp/pm.en")" = "$tsv_alone" ]; then
    ok "--pairs moses line-parallel"
else
    bad "--pairs moses line-parallel"
fi

# Moses: two files, line for line.
if "$DEPECHE" align --presegmented --dict-bi "$HERE/beads.dict" --to moses \
    -o "$tmp/m" "$HERE/beads.fr" "$HERE/beads.en" 2>/dev/null &&
    [ "$(wc -l <"$tmp/m.fr")" = "$(wc -l <"$tmp/m.en")" ] &&
    [ "$(wc -l <"$tmp/m.fr")" -gt 5 ]; then
    ok "moses line-parallel"
else
    bad "moses line-parallel"
fi

# --min-score leaves weak links out of exports, and says how many.
"$DEPECHE" align --presegmented --dict-bi "$HERE/beads.dict" --to jsonl \
    --min-score 0.9 "$HERE/beads.fr" "$HERE/beads.en" >"$tmp/strong.jsonl" \
    2>"$tmp/err"
all=$("$DEPECHE" align --presegmented --dict-bi "$HERE/beads.dict" --to jsonl \
    "$HERE/beads.fr" "$HERE/beads.en" 2>/dev/null | wc -l)
strong=$(wc -l <"$tmp/strong.jsonl")
[ "$strong" -gt 0 ] && [ "$strong" -lt "$all" ] &&
    grep -q "$((all - strong)) links below --min-score" "$tmp/err" &&
    grep -q '"bead":"1-3"' <("$DEPECHE" align --presegmented --dict-bi \
        "$HERE/beads.dict" --to jsonl "$HERE/beads.fr" "$HERE/beads.en" 2>/dev/null) &&
    ok "--min-score" || bad "--min-score" "$strong of $all: $(cat "$tmp/err")"

CHECKER=
for dir in ${DEPECHE_FORMATS_DIR:-} "$ROOT/../shared/formats" /work/shared/formats; do
    [ -x "$dir/check_export.sh" ] && { CHECKER=$dir/check_export.sh; break; }
done
if [ -z "$CHECKER" ]; then
    echo "SKIP shared export checker not found"
else
    "$DEPECHE" align --presegmented --dict-bi "$HERE/beads.dict" --to tmx \
        -o "$tmp/b.tmx" "$HERE/beads.fr" "$HERE/beads.en" 2>/dev/null
    "$CHECKER" "$tmp/b.tmx" tmx fr-FR en-US >"$tmp/tmx.log" 2>&1 &&
        ok "tmx through check_export.sh" ||
        bad "tmx through check_export.sh" "$(grep FAIL "$tmp/tmx.log")"
    grep -q 'en-US' "$tmp/b.tmx" && grep -q 'Claire Dubois, asked' "$tmp/b.tmx" &&
        ok "tmx holds both languages" || bad "tmx holds both languages"
    "$DEPECHE" align --presegmented --dict-bi "$HERE/beads.dict" --to xliff \
        -o "$tmp/b.xlf" "$HERE/beads.fr" "$HERE/beads.en" 2>/dev/null
    "$CHECKER" "$tmp/b.xlf" xliff12 fr-FR en-US >"$tmp/xlf.log" 2>&1 &&
        ok "xliff through check_export.sh" ||
        bad "xliff through check_export.sh" "$(grep FAIL "$tmp/xlf.log")"
    "$DEPECHE" align --presegmented --dict-bi "$HERE/beads.dict" --to tmx \
        --pairs "$tmp/list" -o "$tmp/pairs.tmx" 2>/dev/null
    "$CHECKER" "$tmp/pairs.tmx" tmx fr-FR en-US >"$tmp/ptmx.log" 2>&1 &&
        [ "$(grep -c '<prop type="x-doc">' "$tmp/pairs.tmx")" = "$tsv_alone" ] &&
        grep -q "x-doc\">$HERE/reorder.fr<" "$tmp/pairs.tmx" &&
        ok "--pairs tmx through check_export.sh" ||
        bad "--pairs tmx through check_export.sh" "$(grep FAIL "$tmp/ptmx.log")"
    "$DEPECHE" align --presegmented --dict-bi "$HERE/beads.dict" --to xliff \
        --pairs "$tmp/list" -o "$tmp/pairs.xlf" 2>/dev/null
    "$CHECKER" "$tmp/pairs.xlf" xliff12 fr-FR en-US >"$tmp/pxlf.log" 2>&1 &&
        [ "$(grep -c '<file ' "$tmp/pairs.xlf")" = 2 ] &&
        ok "--pairs xliff through check_export.sh" ||
        bad "--pairs xliff through check_export.sh" "$(grep FAIL "$tmp/pxlf.log")"
    "$CHECKER" "$tmp/m" moses fr en >"$tmp/moses.log" 2>&1 &&
        ok "moses through check_export.sh" ||
        bad "moses through check_export.sh" "$(grep FAIL "$tmp/moses.log")"
fi
echo "$fails failed"
[ $fails = 0 ]
