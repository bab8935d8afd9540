#!/bin/sh
# corpus.sh -- `depeche prep` over a corpus: -j N gives the bytes of -j 1
# in every format, from files and from JSONL (plain, gzip, zstd, standard
# input); --files-from; bad records and documents stop the run with their
# file, line and byte, or are reported and skipped under --skip-bad.
. "$TESTS_DIR/cli/lib.sh"

# 30 documents, each different: a title, then the sample from a line on.
mkdir "$TMP/d"
lines=$(wc -l <"$SAMPLE")
i=0
while [ $i -lt 30 ]; do
    {
        printf 'Dépêche numéro %d\n\n' $i
        tail -n +$((i % lines + 1)) "$SAMPLE" | head -n $((i * 3 % 40 + 2))
    } >"$TMP/d/doc$i.txt"
    i=$((i + 1))
done
# The same documents as JSONL: backslashes and quotes escaped, each line
# end written \n, tabs \t.
tab=$(printf '\t')
for f in $(ls "$TMP/d" | sort -V); do
    printf '{"id":"%s","n":[1,{"x":null}],"text":"' "${f%.txt}"
    sed -e 's/\\/\\\\/g' -e 's/"/\\"/g' -e "s/$tab/\\\\t/g" "$TMP/d/$f" |
        awk '{ printf "%s\\n", $0 }'
    printf '"}\n'
done >"$TMP/c.jsonl"
ls "$TMP/d"/*.txt | sort -V >"$TMP/list"

export SOURCE_DATE_EPOCH=1
for fmt in tmx xliff xliff2 moses tsv jsonl text; do
    for in in jsonl files; do
        if [ $in = jsonl ]; then
            set -- --in jsonl "$TMP/c.jsonl"
        else
            set -- --files-from "$TMP/list"
        fi
        "$DEPECHE" prep -j 1 --to $fmt "$@" >"$TMP/one" 2>"$TMP/one.err"
        checks=$((checks + 1))
        grep -q "wrote standard output: 30 documents" "$TMP/one.err" ||
            fail "$fmt $in -j 1: $(cat "$TMP/one.err")"
        for j in 2 3; do
            run "$DEPECHE" prep -j $j --to $fmt "$@"
            expect_rc 0 "$fmt $in -j $j"
            checks=$((checks + 2))
            cmp -s "$TMP/out" "$TMP/one" || fail "$fmt $in: -j $j differs"
            cmp -s "$TMP/err" "$TMP/one.err" ||
                fail "$fmt $in: -j $j reports differ"
        done
    done
done

# Files named on the command line, or in a list: one corpus.
"$DEPECHE" prep -j 2 --to tsv $(cat "$TMP/list") >"$TMP/args" 2>/dev/null
run "$DEPECHE" prep -j 2 --to tsv --files-from "$TMP/list"
expect_out_file "$TMP/args" "--files-from as arguments"
run "$DEPECHE" prep -j 2 --to tsv --files-from - <"$TMP/list"
expect_out_file "$TMP/args" "--files-from standard input"

# Compressed, from a file or standard input: the same output.
"$DEPECHE" prep -j 2 --to jsonl --in jsonl "$TMP/c.jsonl" >"$TMP/plain" \
    2>/dev/null
gzip -c "$TMP/c.jsonl" >"$TMP/c.jsonl.gz"
run "$DEPECHE" prep -j 2 --to jsonl --in jsonl "$TMP/c.jsonl.gz"
expect_rc 0 "gzip"
expect_out_file "$TMP/plain" "gzip as plain"
run "$DEPECHE" prep -j 2 --to jsonl --in jsonl - <"$TMP/c.jsonl.gz"
expect_out_file "$TMP/plain" "gzip on standard input"
# Two gzip members one after the other are one stream.
head -n 10 "$TMP/c.jsonl" | gzip -c >"$TMP/two.gz"
tail -n +11 "$TMP/c.jsonl" | gzip -c >>"$TMP/two.gz"
run "$DEPECHE" prep -j 2 --to jsonl --in jsonl "$TMP/two.gz"
expect_out_file "$TMP/plain" "gzip members"
if command -v zstd >/dev/null; then
    zstd -q -c "$TMP/c.jsonl" >"$TMP/c.jsonl.zst"
    run "$DEPECHE" prep -j 2 --to jsonl --in jsonl "$TMP/c.jsonl.zst"
    expect_rc 0 "zstd"
    expect_out_file "$TMP/plain" "zstd as plain"
    head -c $(($(wc -c <"$TMP/c.jsonl.zst") / 2)) "$TMP/c.jsonl.zst" \
        >"$TMP/cut.zst"
    run "$DEPECHE" prep --in jsonl "$TMP/cut.zst"
    expect_rc 3 "truncated zstd"
    expect_err_grep "cut.zst: byte [0-9]+: the compressed data ends early" \
        "truncated zstd named"
fi
# A compressed document file, too.
gzip -c "$SAMPLE" >"$TMP/sample.txt.gz"
"$DEPECHE" prep --to moses "$SAMPLE" >"$TMP/sample.moses" 2>/dev/null
run "$DEPECHE" prep --to moses "$TMP/sample.txt.gz"
expect_out_file "$TMP/sample.moses" "a gzipped document"
half=$(($(wc -c <"$TMP/c.jsonl.gz") / 2))
head -c $half "$TMP/c.jsonl.gz" >"$TMP/cut.gz"
run "$DEPECHE" prep --in jsonl "$TMP/cut.gz"
expect_rc 3 "truncated gzip"
expect_err_grep "cut.gz: byte $half: the compressed data ends early" \
    "truncated gzip named"

# A malformed record: its file, line and byte (in the whole stream).
{
    head -n 4 "$TMP/c.jsonl"
    printf '{"id":"bad","text":"sans fin}\n'
    tail -n +5 "$TMP/c.jsonl"
} >"$TMP/bad.jsonl"
at=$(($(head -n 4 "$TMP/c.jsonl" | wc -c) + 19))
run "$DEPECHE" prep --to moses --in jsonl "$TMP/bad.jsonl"
expect_rc 3 "malformed record"
expect_err_grep "bad.jsonl: line 5: byte $at: malformed JSON: a string that does not end" \
    "malformed record named"
"$DEPECHE" prep -j 2 --to moses --in jsonl "$TMP/c.jsonl" >"$TMP/good" \
    2>/dev/null
run "$DEPECHE" prep -j 2 --to moses --in jsonl --skip-bad "$TMP/bad.jsonl"
expect_rc 0 "--skip-bad"
expect_err_grep "line 5: byte $at: .*skipped" "--skip-bad reports"
expect_err_grep "30 documents, .*, 1 skipped" "--skip-bad counts"
expect_out_file "$TMP/good" "--skip-bad keeps the others"

# A document that fails (invalid UTF-8 in its text): named by its line.
{
    head -n 2 "$TMP/c.jsonl"
    printf '{"id":"x","text":"un \377 octet"}\n'
    tail -n +3 "$TMP/c.jsonl"
} >"$TMP/utf.jsonl"
run "$DEPECHE" prep -j 3 --to moses --in jsonl "$TMP/utf.jsonl"
expect_rc 3 "bad document"
expect_err_grep "utf.jsonl: line 3: byte 3: invalid UTF-8" "bad document named"
run "$DEPECHE" prep -j 3 --to moses --in jsonl --skip-bad "$TMP/utf.jsonl"
expect_rc 0 "bad document skipped"
expect_out_file "$TMP/good" "bad document skipped, others kept"
# Other fields; a record without an id is named by its line.
printf '{"url":"u1","body":"Une phrase. Une autre."}\n{"body":"Fin."}\n' \
    >"$TMP/fields.jsonl"
run "$DEPECHE" prep --to tsv --in jsonl --id-field url --text-field body \
    "$TMP/fields.jsonl"
expect_rc 0 "--id-field --text-field"
expect_out_grep "^u1	1	body	12	22	Une autre\.$" "the id field"
expect_out_grep "^2	0	body" "no id: the line"
run "$DEPECHE" prep --in jsonl "$TMP/fields.jsonl"
expect_rc 3 "no text field"
expect_err_grep "fields.jsonl: line 1: byte 0: the record has no \"text\" field" \
    "no text field named"

# Filters: dedup across documents (exact, normalized), bounds; counted.
printf '%s\n' \
    '{"id":"a","text":"L’État a dit non. Bonjour à tous.\n\nUn texte assez long pour passer."}' \
    '{"id":"b","text":"l etat a dit non 2022. Bonjour à tous.\n\nAutre."}' \
    '{"id":"c","text":"L’État a dit non. Bonjour à tous.\n\nUn texte assez long pour passer."}' \
    '{"id":"d","text":"Ce mot est mal ecrit: baucoup de fotes."}' >"$TMP/f.jsonl"
filtered() { # OPTIONS...: "doc:seg" of each segment written, on one line
    "$DEPECHE" prep -j 2 --to tsv --in jsonl "$@" "$TMP/f.jsonl" \
        2>"$TMP/err" | tail -n +2 | cut -f1,2 | tr '\t\n' ': '
}
expect_filtered() { # WANT OPTIONS...
    want=$1
    shift
    got=$(filtered "$@")
    checks=$((checks + 1))
    [ "$got" = "$want" ] || fail "prep $*: wrote '$got', want '$want'"
}
expect_filtered "a:0 a:1 a:2 b:0 b:2 d:0 " --dedup exact
expect_err_grep "dropped \(duplicate document: 1, duplicate segment: 1\)" \
    "--dedup exact counted"
expect_filtered "a:0 a:1 a:2 b:2 d:0 " --dedup normalized
expect_err_grep "duplicate document: 1, duplicate segment: 2\)" \
    "--dedup normalized counted"
expect_filtered "a:0 a:1 a:2 b:0 b:1 c:0 c:1 c:2 d:0 " --min-chars 10
expect_err_grep "dropped \(too short: 1\)" "--min-chars counted"
expect_filtered "a:2 b:0 c:2 " --min-words 6 --max-words 6
expect_filtered "a:0 a:1 a:2 b:1 b:2 c:0 c:1 c:2 " --max-misspellings 0
expect_err_grep "dropped \(misspelled: 2\)" "--max-misspellings counted"
printf '%s\n' '{"text":"12 345 678 910 x.\n\nUne vraie phrase."}' \
    >"$TMP/f.jsonl"
expect_filtered "1:1 " --min-letters 0.5
expect_filtered "1:0 1:1 " --dedup none
run "$DEPECHE" prep --no-spell --max-misspellings 1 "$SAMPLE"
expect_rc 2 "--max-misspellings needs the audit"
run "$DEPECHE" prep --dedup sometimes "$SAMPLE"
expect_rc 2 "--dedup takes a mode"

# --split writes a file an input: not for records or lists (yet).
run "$DEPECHE" prep --split -o "$TMP/s" --in jsonl "$TMP/c.jsonl"
expect_rc 2 "--split --in jsonl"
run "$DEPECHE" prep --split -o "$TMP/s" --files-from "$TMP/list"
expect_rc 2 "--split --files-from"

# --no-spell: the same segments, no findings; no progress off a terminal.
run "$DEPECHE" prep --no-spell --to moses --in jsonl "$TMP/c.jsonl"
expect_out_file "$TMP/good" "--no-spell segments"
expect_err_grep " 0 findings \(0 misspellings\)" "--no-spell: no audit"
checks=$((checks + 1))
grep -q "MB/s" "$TMP/err" && fail "progress written to a file"
# On a terminal (script(1) makes one, when installed): progress.
if command -v script >/dev/null; then
    script -qc "'$DEPECHE' prep --no-spell --in jsonl '$TMP/c.jsonl' -o '$TMP/o'" \
        /dev/null >"$TMP/tty" 2>&1 </dev/null
    checks=$((checks + 1))
    grep -q "30 documents, [0-9.]* MB, [0-9.]* MB/s" "$TMP/tty" ||
        fail "no progress on a terminal: $(cat "$TMP/tty")"
fi

finish
