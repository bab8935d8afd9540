#!/bin/sh
# Arguments, streams and exit codes of the CLI contract.
. "$(dirname "$0")/lib.sh"

run "$DEPECHE" --help
expect_rc 0 "--help"
expect_out_grep '^usage: depeche <command>' "--help on stdout"
run "$DEPECHE" --version
expect_rc 0 "--version"
expect_out_grep '^depeche [0-9]+\.[0-9]+\.[0-9]+' "--version"
for cmd in prep clean normalize segment spell; do
    run "$DEPECHE" $cmd --help
    expect_rc 0 "$cmd --help"
    expect_out_grep "^usage: depeche $cmd" "$cmd --help on stdout"
    run "$DEPECHE" $cmd --no-such-option
    expect_rc 2 "$cmd bad option"
done
# `depeche help [COMMAND]` prints what --help prints.
run "$DEPECHE" help
expect_rc 0 "help"
expect_out_grep '^usage: depeche <command>' "help on stdout"
for cmd in prep clean normalize segment spell; do
    run "$DEPECHE" help $cmd
    expect_rc 0 "help $cmd"
    expect_out_grep "^usage: depeche $cmd" "help $cmd on stdout"
done
run "$DEPECHE" help frobnicate
expect_rc 2 "help of an unknown command"
expect_err_grep "unknown command 'frobnicate'" "help names it"
run "$DEPECHE"
expect_rc 2 "no command"
run "$DEPECHE" frobnicate
expect_rc 2 "unknown command"
run "$DEPECHE" prep --to docx "$SAMPLE"
expect_rc 2 "unknown format"
run "$DEPECHE" normalize --profile fancy "$SAMPLE"
expect_rc 2 "unknown profile"

# stdin when no FILE or '-'.
printf 'Il dort. Il mange.\n' | "$DEPECHE" segment >"$TMP/out" 2>"$TMP/err"
rc=$?
expect_rc 0 "segment from stdin"
checks=$((checks + 1))
[ "$(cat "$TMP/out")" = "$(printf 'Il dort.\nIl mange.')" ] || fail "segment stdin output"
printf 'Il dort.\n' | "$DEPECHE" prep --to moses - >"$TMP/out" 2>"$TMP/err"
rc=$?
expect_rc 0 "prep from stdin"
expect_out_grep '^Il dort\.$' "prep stdin output"

# -o FILE and the summary naming it; Moses files take the language.
run "$DEPECHE" prep --to moses -o "$TMP/corpus" "$SAMPLE"
expect_rc 0 "prep -o"
expect_true test -s "$TMP/corpus.fr"
expect_err_grep "wrote $TMP/corpus.fr: 1 document, 8 segments" "summary names the file"

# --split: one output a document, named after its input.
run "$DEPECHE" prep --split -o "$TMP/split" --to xliff "$SAMPLE" "$TESTS_DIR/data/second.txt"
expect_rc 0 "prep --split"
expect_true test -s "$TMP/split/xinhua-2021-02-24-biden-kazimi.xlf"
expect_true test -s "$TMP/split/second.xlf"
expect_err_grep "wrote 2 files in $TMP/split" "split summary"
run "$DEPECHE" prep --split --to xliff "$SAMPLE"
expect_rc 2 "--split without -o"
printf 'ok\n\377\n' >"$TMP/bad.txt"
run "$DEPECHE" prep --split -o "$TMP/split2" "$SAMPLE" "$TMP/bad.txt"
expect_rc 3 "--split stops at a bad file"
expect_true test ! -e "$TMP/split2/bad.tmx"

# -o naming an input: refused (exit 2), the input left whole.
for cmd in prep normalize segment clean; do
    cp "$SAMPLE" "$TMP/same.txt"
    run "$DEPECHE" $cmd -o "$TMP/same.txt" "$TMP/same.txt"
    expect_rc 2 "$cmd -o INPUT INPUT"
    expect_err_grep 'is also an input' "$cmd names the clash"
    checks=$((checks + 1))
    cmp -s "$SAMPLE" "$TMP/same.txt" || fail "$cmd -o INPUT emptied its input"
done

# spell exits 1 when a misspelling is found.
printf 'Le gouvernment a pris une décission.\n' >"$TMP/typo.txt"
run "$DEPECHE" spell "$TMP/typo.txt"
expect_rc 1 "spell finds misspellings"
expect_out_grep 'typo\.txt:1:4: misspelling: gouvernment -> gouvernement' "FILE:LINE:COL: KIND: WORD -> suggestion"
run "$DEPECHE" spell --suggest none "$TMP/typo.txt"
expect_rc 1 "spell --suggest none"
expect_out_grep 'typo\.txt:1:4: misspelling: gouvernment$' "no suggestions"
run "$DEPECHE" spell --suggest maybe "$TMP/typo.txt"
expect_rc 2 "unknown suggestion mode"
run "$DEPECHE" spell --to jsonl "$TMP/typo.txt"
expect_rc 1 "spell --to jsonl"
expect_out_grep '"line":1,"col":4,"start":3,"end":14,"word":"gouvernment","kind":"misspelling","suggestions":\["gouvernement"' "jsonl finding"
# --context: the sentence under each finding, a caret under the word
# (columns count characters: décission follows "une ").
run "$DEPECHE" spell --context "$TMP/typo.txt"
expect_rc 1 "spell --context"
expect_true test "$(sed -n 2p "$TMP/out")" = "    Le gouvernment a pris une décission."
expect_true test "$(sed -n 3p "$TMP/out")" = "       ^~~~~~~~~~~"
expect_true test "$(sed -n 6p "$TMP/out")" = "                              ^~~~~~~~~"
run "$DEPECHE" spell --context --to jsonl "$TMP/typo.txt"
expect_out_grep '"suggestions":\["gouvernement",.*\],"context":"Le gouvernment a pris une décission\.","context_start":0}$' "jsonl context"
# A long sentence is cut 60 characters each side of the word.
long=$(printf ' mot%.0s' $(seq 40))
printf 'Un%s gouvernment%s.\n' "$long" "$long" >"$TMP/long.txt"
run "$DEPECHE" spell --context --suggest none "$TMP/long.txt"
expect_out_grep '^    …(mot ){15}gouvernment( mot){15}…$' "context cut at words, 60 characters at most, marked …"
expect_out_grep '^ {65}\^~{10}$' "caret after the … mark"
run "$DEPECHE" spell --jobs 0 "$TMP/typo.txt"
expect_rc 2 "--jobs takes 1 to 8"
# Helper threads analyse new words: the findings are those of one thread.
run "$DEPECHE" spell --jobs 1 "$SAMPLE" "$TMP/typo.txt"
cp "$TMP/out" "$TMP/jobs1"
run "$DEPECHE" spell --jobs 3 "$SAMPLE" "$TMP/typo.txt"
expect_rc 1 "spell --jobs 3"
expect_true cmp -s "$TMP/jobs1" "$TMP/out"

finish
