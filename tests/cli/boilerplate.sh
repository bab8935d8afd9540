#!/bin/sh
# boilerplate.sh -- boilerplate models (rule CL-X, issue 13): a learning run
# counts the lines that recur across the documents of a source and writes a
# model; later runs load it.  A document's output depends on the model
# given, never on the other documents of its run, so shards give the bytes
# of one run; models of shards put together are the model of the whole.
. "$TESTS_DIR/cli/lib.sh"

# doc N SITE: a document of SITE with a line every page of it carries.
doc() {
    printf '%s\nTitre numéro %d\n\nLe texte %d est unique, vraiment %d fois.\n\nSuivez toute l’actualité avec nous.\n' \
        "$2" "$1" "$1" "$1"
}
mkdir "$TMP/c"
for i in 1 2 3 4 5 6; do doc $i www.exemple.fr >"$TMP/c/e$i.txt"; done
doc 7 autre.fr >"$TMP/c/a7.txt"
doc 8 autre.fr >"$TMP/c/a8.txt"

# Learning: a model, nothing else.
run "$DEPECHE" prep --learn-boilerplate "$TMP/model" "$TMP"/c/*.txt
expect_rc 0 "learning run"
expect_true test ! -s "$TMP/out"
expect_err_grep '^depeche: learned boilerplate from 8 documents: wrote ' \
    "what it learned"
expect_true test "$(head -n 1 "$TMP/model")" = "depeche boilerplate model 1"
checks=$((checks + 1))
grep -q 'actualit' "$TMP/model" && fail "the model holds text"
# Keys in order: the same corpus in another order, the same bytes.
run "$DEPECHE" prep --learn-boilerplate "$TMP/model2" $(ls "$TMP"/c/*.txt | sort -r)
expect_true cmp -s "$TMP/model" "$TMP/model2"

# Without a model, a document's output is its own, whatever shares the run.
run "$DEPECHE" prep --to moses --no-spell "$TMP/c/e1.txt"
cp "$TMP/out" "$TMP/e1.alone"
run "$DEPECHE" prep --to moses --no-spell "$TMP"/c/e*.txt
expect_out_grep 'Suivez toute' "no model: the line stays"
checks=$((checks + 1))
head -n "$(wc -l <"$TMP/e1.alone")" "$TMP/out" | cmp -s - "$TMP/e1.alone" ||
    fail "no model: e1 changed by the documents beside it"

# With it: the line goes from the source's pages, not from another
# source's; and e1 alone gives what e1 gives in the whole run.
run "$DEPECHE" prep --to moses --no-spell --boilerplate "$TMP/model" \
    "$TMP"/c/*.txt
expect_rc 0 "--boilerplate"
expect_true test "$(grep -c 'Suivez toute' "$TMP/out")" -eq 2
cp "$TMP/out" "$TMP/all"
run "$DEPECHE" prep --to moses --no-spell --boilerplate "$TMP/model" \
    "$TMP/c/e1.txt"
checks=$((checks + 1))
grep -q 'Suivez toute' "$TMP/out" && fail "the model's line stayed in e1"
run "$DEPECHE" clean --explain --boilerplate "$TMP/model" "$TMP/c/e2.txt"
expect_out_grep '"reason":"boilerplate","start":[0-9]+,"end":[0-9]+,"text":"Suivez' \
    "clean says why"

# Shards: models learned apart, put one after the other, are the model of
# the whole (JSONL in and standard input too).
run "$DEPECHE" prep --learn-boilerplate "$TMP/m1" "$TMP"/c/e1.txt "$TMP"/c/e2.txt "$TMP"/c/a7.txt
run "$DEPECHE" prep --learn-boilerplate "$TMP/m2" "$TMP"/c/e3.txt "$TMP"/c/e4.txt
for f in "$TMP"/c/e5.txt "$TMP"/c/e6.txt "$TMP"/c/a8.txt; do
    python3 -c 'import json,sys; print(json.dumps({"text": open(sys.argv[1]).read()}))' "$f"
done >"$TMP/rest.jsonl"
run sh -c "\"$DEPECHE\" prep --in jsonl --learn-boilerplate \"$TMP/m3\" - <\"$TMP/rest.jsonl\""
expect_rc 0 "learning from JSONL on standard input"
cat "$TMP/m1" "$TMP/m2" "$TMP/m3" >"$TMP/merged"
run "$DEPECHE" prep --to moses --no-spell --boilerplate "$TMP/merged" \
    "$TMP"/c/*.txt
expect_out_file "$TMP/all" "merged models of shards: the whole's output"

# A file that is no model: named, with its byte; usage errors.
printf 'depeche boilerplate model 1\ns 0123 12\n' >"$TMP/bad"
run "$DEPECHE" prep --boilerplate "$TMP/bad" "$TMP/c/e1.txt"
expect_rc 3 "a bad model"
expect_err_grep 'bad: byte 28: line 2 is not a line of a boilerplate model' \
    "where the model is bad"
run "$DEPECHE" prep --learn-boilerplate "$TMP/m" -o "$TMP/x" "$TMP/c/e1.txt"
expect_rc 2 "learning with -o"
run "$DEPECHE" prep --learn-boilerplate "$TMP/m" --split -o "$TMP" "$TMP/c/e1.txt"
expect_rc 2 "learning with --split"

finish
