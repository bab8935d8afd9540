#!/bin/sh
# The real dispatch of tests/data through every command: golden files
# (reviewed by reading them), the tiling of clean --explain, TMX validity.
. "$(dirname "$0")/lib.sh"
G="$TESTS_DIR/golden"
cd "$TESTS_DIR/data" || exit 99
NAME=xinhua-2021-02-24-biden-kazimi.txt

# The 8 segments of the .expected.md, in order, with their kinds.
run "$DEPECHE" prep --to jsonl --profile minimal "$NAME"
expect_rc 0 "prep --to jsonl"
expect_out_file "$G/prep/xinhua.minimal.jsonl" "prep --to jsonl --profile minimal"
# The removed text blocks (site, byline, boilerplate, duplicate, junk)
# are counted apart from the blank ones.
expect_err_grep '^depeche: wrote standard output: 1 document, 8 segments, 5 removed blocks, 11 blank blocks, [0-9]+ findings \(0 misspellings\)$' "summary"
# Offsets point into the original file: each finding's range is its
# word, each segment's range its text (minimal only folds spaces).
python3 - "$TMP/out" "$NAME" <<'PY' || fail "prep offsets do not point at their text"
import json, re, sys
data = open(sys.argv[2], 'rb').read()
for line in open(sys.argv[1], encoding='utf-8'):
    r = json.loads(line)
    src = data[r['start']:r['end']].decode('utf-8')
    assert re.sub(r'\s+', ' ', src.replace('\u00a0', ' ')).strip() == r['text'], r
    for f in r['findings']:
        assert data[f['start']:f['end']].decode('utf-8') == f['word'], f
PY
checks=$((checks + 1))

# Each removed part with its reason and byte range.
run "$DEPECHE" clean --explain "$NAME"
expect_rc 0 "clean --explain"
expect_out_file "$G/clean/xinhua.explain.jsonl" "clean --explain"
for reason in blank site byline boilerplate duplicate junk; do
    expect_out_grep "\"action\":\"drop\",\"reason\":\"$reason\"" "a $reason block"
done
# Nothing lost: the blocks' texts, in order, are the input.
python3 - "$TMP/out" "$NAME" <<'PY' || fail "clean --explain does not tile the input"
import json, sys
recs = [json.loads(l) for l in open(sys.argv[1], encoding='utf-8')]
blocks = [r for r in recs if 'meta' not in r]
data = open(sys.argv[2], 'rb').read()
at = 0
for b in blocks:
    assert b['start'] == at, (b, at)
    assert data[b['start']:b['end']].decode('utf-8') == b['text'], b
    at = b['end']
assert at == len(data), (at, len(data))
PY
checks=$((checks + 1))

run "$DEPECHE" clean "$NAME"
expect_rc 0 "clean"
expect_out_file "$G/clean/xinhua.txt" "clean"
# --keep-duplicates keeps the pasted second copy: the title comes twice.
run "$DEPECHE" clean --keep-duplicates "$NAME"
expect_rc 0 "clean --keep-duplicates"
expect_true test "$(grep -c '^Joe Biden et le PM' "$TMP/out")" -eq 2
# A paragraph repeated alone is kept, and told on stderr.
printf 'Un titre\nLe maire a d\303\251missionn\303\251 lundi.\nLes \303\251lus votent.\nLe maire a d\303\251missionn\303\251 lundi.\n' >"$TMP/rep.txt"
run "$DEPECHE" clean "$TMP/rep.txt"
expect_rc 0 "clean, a repeated paragraph"
expect_true test "$(grep -c '^Le maire' "$TMP/out")" -eq 2
expect_err_grep 'rep.txt: byte 59: \[DEPECHE-007\] ' "the repeat told"

# Profiles: typo turns the straight quotes into « » with U+00A0 inside.
run "$DEPECHE" prep --to text --profile typo "$NAME"
expect_rc 0 "prep --to text --profile typo"
expect_out_file "$G/prep/xinhua.typo.txt" "typo profile"
expect_out_grep "qu’ils avaient également «.souligné l’importance" "guillemets and apostrophe"
run "$DEPECHE" prep --to text --profile mt "$NAME"
expect_rc 0 "prep --to text --profile mt"
expect_out_file "$G/prep/xinhua.mt.txt" "mt profile"

# The default export: TMX valid against the TMX 1.4b DTD, reproducible.
run "$DEPECHE" prep --date 1614194280 "$NAME"
expect_rc 0 "prep (tmx)"
expect_out_file "$G/prep/xinhua.tmx" "tmx"
checks=$((checks + 1))
xmllint --noout --nonet --dtdvalid "$TESTS_DIR/data/tmx14.dtd" "$TMP/out" \
    2>"$TMP/err" || fail "TMX not valid against tmx14.dtd"
cp "$TMP/out" "$TMP/first.tmx"
run env SOURCE_DATE_EPOCH=1614194280 "$DEPECHE" prep "$NAME"
checks=$((checks + 1))
cmp -s "$TMP/out" "$TMP/first.tmx" || fail "SOURCE_DATE_EPOCH run differs"

# The spell audit: no misspelling in this dispatch, so exit 0.
run "$DEPECHE" spell "$NAME"
expect_rc 0 "spell"
expect_out_file "$G/spell/xinhua.txt" "spell"
expect_err_grep '0 misspellings' "spell summary"

finish
