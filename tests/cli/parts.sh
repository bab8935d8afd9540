#!/bin/sh
# parts.sh -- a document longer than --part-size is read and processed in
# parts (issue 18: memory follows the part, not the document).  Where the
# parts cannot change an answer (no spelling audit: the speller's name
# evidence is counted within a part), the output is byte for byte the one
# of the whole document, in every format; offsets, lines and errors count
# from the whole document's start.
. "$TESTS_DIR/cli/lib.sh"

# make_doc FILE PARAS [SEP]: a title, a dateline, then PARAS numbered
# paragraphs of three sentences separated by SEP (default a blank line).
make_doc() {
    awk -v n="$2" -v sep="${3-blank}" 'BEGIN {
        print "Les chiffres de la semaine"; print ""
        print "PARIS, 3 mars (AFP) -- Le relevé commence ici."
        for (i = 1; i <= n; i++) {
            if (sep == "blank") print ""
            printf "Le relevé %d compte %d entrées à Lyon. M. Dupont " \
                   "l’a dit : « C’est fini. » La suite viendra le %d mai.\n",
                   i, (i * 7919) % 100000, i % 28 + 1
            if (i % 40 == 0)
                print "Kowalczyk parle du developement de Zanzibarville."
        }
    }' >"$1"
}
make_doc "$TMP/doc.txt" 4000 # ~475 KB: about 8 parts of 64K

# same_as_whole WHAT OPTS...: prep with --part-size 64K gives the bytes of
# --part-size 0 (never cut).
same_as_whole() {
    what=$1
    shift
    run "$DEPECHE" prep --date 0 --part-size 0 "$@"
    expect_rc 0 "$what, whole"
    cp "$TMP/out" "$TMP/whole"
    run "$DEPECHE" prep --date 0 --part-size 64K "$@"
    expect_rc 0 "$what, in parts"
    expect_out_file "$TMP/whole" "$what: parts give the whole's bytes"
}

for to in jsonl tmx xliff xliff2 tsv moses text; do
    same_as_whole "--to $to" --to $to --no-spell "$TMP/doc.txt"
done
# The title and dateline of the first part are the document's.
expect_out_grep '^Les chiffres de la semaine$' "title kept"
run "$DEPECHE" prep --to jsonl --no-spell --part-size 64K "$TMP/doc.txt"
expect_out_grep '"seg":0,"kind":"title"' "title from the first part"
expect_out_grep '"seg":1,"kind":"dateline"' "dateline from the first part"
expect_err_grep ': 1 document, 12103 segments' "one document, counted once"

# The last segment's offsets are the whole document's.
last=$(tail -n 1 "$TMP/out")
size=$(wc -c <"$TMP/doc.txt")
expect_true test "$(printf '%s' "$last" | sed 's/.*"end":\([0-9]*\).*/\1/')" \
    -eq $((size - 1))

# With the audit: the same segments; every finding of the whole document
# is found in parts at the same line and column (only the names the
# speller is unsure of may differ).
run "$DEPECHE" prep --date 0 --notes=all --part-size 0 "$TMP/doc.txt"
grep -o '<note>[^<]*</note>' "$TMP/out" | sort >"$TMP/notes.whole"
run "$DEPECHE" prep --date 0 --notes=all --part-size 64K "$TMP/doc.txt"
grep -o '<note>[^<]*</note>' "$TMP/out" | sort >"$TMP/notes.parts"
expect_true test -s "$TMP/notes.whole"
expect_true test -z "$(comm -23 "$TMP/notes.whole" "$TMP/notes.parts" |
    grep -v '^<note>name')"

# Several documents, one of them in parts: the same at -j 1 and -j 2.
run "$DEPECHE" prep --to jsonl --no-spell --part-size 64K -j 1 \
    "$SAMPLE" "$TMP/doc.txt" "$SAMPLE"
cp "$TMP/out" "$TMP/j1"
run "$DEPECHE" prep --to jsonl --no-spell --part-size 64K -j 2 \
    "$SAMPLE" "$TMP/doc.txt" "$SAMPLE"
expect_rc 0 "-j 2"
expect_out_file "$TMP/j1" "-j 2 is -j 1"
expect_err_grep ': 3 documents,' "three documents"

# Read compressed, and from standard input.
gzip -c "$TMP/doc.txt" >"$TMP/doc.txt.gz"
run "$DEPECHE" prep --to moses --no-spell --part-size 0 "$TMP/doc.txt"
cp "$TMP/out" "$TMP/whole"
run "$DEPECHE" prep --to moses --no-spell --part-size 64K "$TMP/doc.txt.gz"
expect_out_file "$TMP/whole" "gzip in parts"
run sh -c "\"$DEPECHE\" prep --to moses --no-spell --part-size 64K - <\"$TMP/doc.txt\""
expect_out_file "$TMP/whole" "standard input in parts"

# CRLF line breaks: the cuts fall after whole breaks.
sed 's/$/\r/' "$TMP/doc.txt" >"$TMP/crlf.txt"
same_as_whole "CRLF" --to jsonl --no-spell "$TMP/crlf.txt"

# No blank line at all: parts end at a line break, each cut reported.
make_doc "$TMP/lines.txt" 4000 none
same_as_whole "a paragraph a line" --to moses --no-spell "$TMP/lines.txt"
expect_err_grep 'lines.txt: byte [0-9]+: \[DEPECHE-010\] no paragraph break' \
    "a cut at a line break is reported"

# One line longer than a part: never cut, nor reported.
awk 'BEGIN { for (i = 0; i < 20000; i++) printf "Phrase %d ici. ", i;
    print "" }' >"$TMP/long.txt"
same_as_whole "a long line" --to moses --no-spell "$TMP/long.txt"
checks=$((checks + 1))
grep -q 'DEPECHE-010' "$TMP/err" && fail "a long line was cut"

# A page read as HTML is never cut.
{
    echo '<!DOCTYPE html><html><head><title>Relevés</title></head><body>'
    echo '<article><h1>Les relevés</h1>'
    awk 'BEGIN { for (i = 1; i <= 3000; i++)
        printf "<p>Le relevé %d compte %d entrées à Lyon.</p>\n", i, i * 7 }'
    echo '</article></body></html>'
} >"$TMP/page.html"
same_as_whole "HTML" --to jsonl --no-spell "$TMP/page.html"

# Invalid UTF-8 in a late part: the error names the byte in the whole
# file, and an existing -o is left as it was.
cp "$TMP/doc.txt" "$TMP/bad.txt"
printf 'Un octet \377 de trop.\n' >>"$TMP/bad.txt"
at=$(($(wc -c <"$TMP/doc.txt") + 9))
echo keep >"$TMP/keep.jsonl"
run "$DEPECHE" prep --to jsonl --no-spell --part-size 64K -o "$TMP/keep.jsonl" \
    "$TMP/bad.txt"
expect_rc 3 "invalid UTF-8 in a late part"
expect_err_grep "bad.txt: byte $at: invalid UTF-8" "the whole file's byte"
expect_true test "$(cat "$TMP/keep.jsonl")" = keep
# Under --lossy, the repair is reported at that byte, and the text kept.
run "$DEPECHE" prep --to jsonl --no-spell --lossy --part-size 64K "$TMP/bad.txt"
expect_rc 0 "--lossy"
expect_err_grep "bad.txt: byte $at: \[DEPECHE-001\]" "repair at the whole's byte"
expect_out_grep '"text":"Un octet � de trop."' "the repaired text"

# clean and spell read their files the same way: the kept text, the
# blocks (their bytes tile the input, the metadata record first), the
# findings and their lines.
same_cmd() { # WHAT CMD OPTS...: as same_as_whole, for another command
    what=$1
    shift
    run "$DEPECHE" "$@" --part-size 0
    cp "$TMP/out" "$TMP/whole"
    run "$DEPECHE" "$@" --part-size 64K
    expect_out_file "$TMP/whole" "$what: parts give the whole's bytes"
}
same_cmd "clean" clean "$TMP/doc.txt"
same_cmd "clean --explain" clean --explain "$TMP/doc.txt"
expect_true test "$(grep -c '"meta"' "$TMP/out")" -eq 1
checks=$((checks + 1))
python3 -c '
import json, sys
recs = [json.loads(l) for l in open(sys.argv[1], encoding="utf-8")]
text = "".join(r["text"] for r in recs if "text" in r)
sys.exit(text != open(sys.argv[2], encoding="utf-8").read())
' "$TMP/out" "$TMP/doc.txt" || fail "clean --explain in parts: blocks do not tile the input"
run "$DEPECHE" spell --to jsonl --part-size 64K "$TMP/doc.txt"
expect_rc 1 "spell in parts: misspellings"
grep '"kind":"misspelling"' "$TMP/out" | sed 's/"suggestions".*//' >"$TMP/sp.parts"
run "$DEPECHE" spell --to jsonl --part-size 0 "$TMP/doc.txt"
grep '"kind":"misspelling"' "$TMP/out" | sed 's/"suggestions".*//' >"$TMP/sp.whole"
expect_true test -s "$TMP/sp.whole"
expect_true cmp -s "$TMP/sp.whole" "$TMP/sp.parts"
# The last paragraph's misspelling, on its line of the whole file.
line=$(grep -n developement "$TMP/doc.txt" | tail -n 1 | cut -d: -f1)
run "$DEPECHE" spell --part-size 64K "$TMP/doc.txt"
expect_out_grep "doc.txt:$line:[0-9]+: misspelling: developement" \
    "the line in the whole file"

# Usage.
run "$DEPECHE" prep --part-size 12Q "$TMP/doc.txt"
expect_rc 2 "bad --part-size"
expect_err_grep "bad --part-size '12Q'" "names the option"

finish
