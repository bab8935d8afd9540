#!/bin/sh
# dedup.sh -- `depeche dedup`: the first line of each key, in order; the
# same bytes with a tiny --mem (partitions on disk) as with the default;
# counts on standard error; bad lines named by file, line and byte; JSONL
# records keyed by their text; prep's own --dedup matched on merged output.
. "$TESTS_DIR/cli/lib.sh"

# 60000 lines, 20000 distinct, first seen in scattered order.
awk 'BEGIN { for (i = 0; i < 60000; i++)
    printf "Ligne numéro %d, dite à Paris.\n", (i * 7919) % 20000 }' \
    >"$TMP/lines"
awk '!seen[$0]++' "$TMP/lines" >"$TMP/want"
mkdir "$TMP/tmp"
for mem in 16K 1 256M; do
    TMPDIR="$TMP/tmp" run "$DEPECHE" dedup --mem $mem "$TMP/lines"
    expect_rc 0 "--mem $mem"
    expect_out_file "$TMP/want" "--mem $mem: awk's first of each line"
    expect_err_grep '^depeche: dedup: 60000 lines, 40000 dropped as repeats \(exact\), 20000 written' \
        "--mem $mem: counts"
    if [ $mem = 16K ]; then
        expect_err_grep "past --mem, on disk in $TMP/tmp\$" "16K: on disk"
    fi
done
expect_true test -z "$(ls -A "$TMP/tmp")"

# Several files are one stream; gzip is read decompressed; -o.
head -n 30000 "$TMP/lines" >"$TMP/a"
tail -n +30001 "$TMP/lines" | gzip -c >"$TMP/b.gz"
run "$DEPECHE" dedup --mem 16K -o "$TMP/o" "$TMP/a" "$TMP/b.gz"
expect_rc 0 "two files, -o"
checks=$((checks + 1))
cmp -s "$TMP/o" "$TMP/want" || fail "two files: not the lines of one"

# Normalized keys: case, accents, punctuation, digits and spaces folded;
# a line with no visible character is always kept; a last line without
# its LF gets one.
printf "L'État, 2021.\n\nl etat 2022\n\nÉtat\nfin" >"$TMP/n"
run "$DEPECHE" dedup --key normalized "$TMP/n"
printf "L'État, 2021.\n\n\nÉtat\nfin\n" >"$TMP/n.want"
expect_out_file "$TMP/n.want" "normalized"
expect_err_grep '6 lines, 1 dropped as repeats \(normalized\)' "normalized count"

# Bad input: exit 3 naming file, line and byte; -o left as it was.
printf 'un\ndeux\ntr\377ois\nun\n' >"$TMP/bad"
echo old >"$TMP/keep"
run "$DEPECHE" dedup -o "$TMP/keep" "$TMP/bad"
expect_rc 3 "invalid UTF-8"
expect_err_grep "^depeche: $TMP/bad: line 3: byte 10: invalid UTF-8\$" \
    "invalid UTF-8 named"
expect_true test "$(cat "$TMP/keep")" = old
expect_true test "$(ls "$TMP" | grep -c '^\.depeche')" = 0
printf 'a\0b\n' >"$TMP/nul"
run "$DEPECHE" dedup "$TMP/nul"
expect_rc 3 "NUL byte"
expect_err_grep "line 1: byte 1: NUL byte" "NUL named"
run "$DEPECHE" dedup --skip-bad "$TMP/bad"
expect_rc 0 "--skip-bad"
printf 'un\ndeux\n' >"$TMP/skip.want"
expect_out_file "$TMP/skip.want" "--skip-bad: the bad line left out"
expect_err_grep 'line 3: byte 10: invalid UTF-8; skipped' "--skip-bad told"
expect_err_grep '3 lines, 1 dropped .*, 1 bad line skipped' "--skip-bad count"

# Temporary files that cannot be made: exit 4, said why.
TMPDIR="$TMP/none" run "$DEPECHE" dedup --mem 16K "$TMP/lines"
expect_rc 4 "no temporary folder"
expect_err_grep "temporary file in $TMP/none" "temporary folder named"

# Usage.
for bad in "--mem 0" "--mem 5X" "--mem -1" "--key none" "--in xml" \
    "--text-field doc"; do
    run "$DEPECHE" dedup $bad "$TMP/n"
    expect_rc 2 "$bad"
done

# The merged outputs of prep: Moses lines, and JSONL records keyed by
# their text.  30 documents, 10 of them said twice.
export SOURCE_DATE_EPOCH=1
lines=$(wc -l <"$SAMPLE")
i=0
while [ $i -lt 40 ]; do
    n=$((i % 30))
    {
        printf 'Dépêche numéro %d\n\n' $n
        tail -n +$((n % lines + 1)) "$SAMPLE" | head -n $((n * 3 % 40 + 2))
    } >"$TMP/doc$i.txt"
    echo "$TMP/doc$i.txt"
    i=$((i + 1))
done >"$TMP/list"
"$DEPECHE" prep --no-spell --to moses --files-from "$TMP/list" \
    --dedup exact >"$TMP/prep.dedup" 2>/dev/null
"$DEPECHE" prep --no-spell --to moses --files-from "$TMP/list" \
    >"$TMP/prep.all" 2>/dev/null
run "$DEPECHE" dedup "$TMP/prep.all"
expect_rc 0 "moses"
expect_out_file "$TMP/prep.dedup" "dedup of Moses lines = prep --dedup exact"
"$DEPECHE" prep --no-spell --to moses --files-from "$TMP/list" \
    --dedup normalized >"$TMP/prep.norm" 2>/dev/null
run "$DEPECHE" dedup --key normalized --mem 16K "$TMP/prep.all"
expect_out_file "$TMP/prep.norm" "normalized = prep --dedup normalized"
"$DEPECHE" prep --no-spell --to jsonl --files-from "$TMP/list" \
    >"$TMP/prep.jsonl" 2>/dev/null
run "$DEPECHE" dedup --in jsonl "$TMP/prep.jsonl"
expect_rc 0 "jsonl"
# As many records kept as prep --dedup kept segments (which ones: the
# unit test).
expect_true test "$(wc -l <"$TMP/out")" = "$(wc -l <"$TMP/prep.dedup")"
run "$DEPECHE" dedup --in jsonl --text-field doc "$TMP/prep.jsonl"
expect_err_grep " 40 written" "--text-field doc: one record a document"

finish
