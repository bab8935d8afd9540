#!/bin/sh
# parallel.sh -- the README's GNU parallel recipe, run locally on 3 MB of
# distinct JSONL: shards of `prep --in jsonl` put together with -k are the
# bytes of one process (Moses and JSONL, --pipe-part on a file, --pipe on
# standard input, --sshlogin with the local machine), and `depeche dedup`
# over the merged Moses lines gives what one `prep --dedup` gives.
# Skipped (77) only when parallel is missing: tools/bootstrap.sh installs it.
. "$TESTS_DIR/cli/lib.sh"

command -v parallel >/dev/null || {
    echo "GNU parallel missing: skipped"
    exit 77
}

# 2000 documents built from the sample and second.txt: each its own title
# and clauses with its number, sharing sentences with others (repeated
# segments), and every 50th one a copy of an earlier one (a repeated
# document).
awk -v n=2000 '
    { gsub(/\\/, "\\\\"); gsub(/"/, "\\\""); gsub(/\t/, "\\t"); line[NR] = $0 }
    END {
        for (i = 0; i < n; i++) {
            d = i % 50 == 49 ? i - 7 : i
            text = "Dépêche numéro " d "\\n\\n"
            for (k = 0; k < 14; k++) {
                l = line[(d * 5 + k * 3) % NR + 1]
                if (k % 3 == 1)
                    l = l " Selon la source " d * 7 + k ", rien n’a changé."
                text = text l "\\n"
            }
            printf "{\"id\":\"doc%d\",\"text\":\"%s\"}\n", i, text
        }
    }' "$SAMPLE" "$TESTS_DIR/data/second.txt" >"$TMP/c.jsonl"
expect_true test "$(wc -c <"$TMP/c.jsonl")" -gt 3000000

# One process, then the recipe: blocks of 300 kB, about ten shards.
prep() {
    "$DEPECHE" prep --in jsonl --no-spell -j 1 "$@"
}
prep --to moses "$TMP/c.jsonl" >"$TMP/one.txt" 2>/dev/null
# recipe "PARALLEL OPTIONS" FORMAT: the shards of prep --to FORMAT, in
# order (-k).  The options are split on spaces ($TMP has none).
recipe() {
    # shellcheck disable=SC2086
    parallel --will-cite $1 -k "$DEPECHE" prep --in jsonl --no-spell -j 1 \
        --to "$2" -
}
run recipe "--pipe-part -a $TMP/c.jsonl --block 300k" moses
expect_rc 0 "--pipe-part"
expect_out_file "$TMP/one.txt" "--pipe-part: the bytes of one process"
checks=$((checks + 1))
[ "$(grep -c '^depeche: wrote standard output' "$TMP/err")" -ge 5 ] ||
    fail "--pipe-part: fewer than 5 shards"
cp "$TMP/out" "$TMP/par.txt"

# Standard input (a compressed corpus: decompressed before parallel).
gzip -c "$TMP/c.jsonl" >"$TMP/c.jsonl.gz"
gzip -dc "$TMP/c.jsonl.gz" >"$TMP/in"
run recipe "--pipe --block 300k" moses <"$TMP/in"
expect_rc 0 "--pipe"
expect_out_file "$TMP/one.txt" "--pipe: the bytes of one process"

# The --sshlogin form, with the local machine (":") as the login.
run recipe "--pipe-part -a $TMP/c.jsonl --block 300k -S 2/:" moses
expect_rc 0 "--sshlogin :"
expect_out_file "$TMP/one.txt" "--sshlogin: the bytes of one process"

# JSONL out: the records carry their own ids, so the shards name
# documents as one process does.
prep --to jsonl "$TMP/c.jsonl" >"$TMP/one.jsonl" 2>/dev/null
run recipe "--pipe-part -a $TMP/c.jsonl --block 300k" jsonl
expect_rc 0 "--to jsonl"
expect_out_file "$TMP/one.jsonl" "--to jsonl: the bytes of one process"

# Dedup as a second pass over the merged output = prep's own --dedup in
# one process, exact and normalized, with the hashes in memory or on disk.
for key in exact normalized; do
    prep --to moses --dedup $key "$TMP/c.jsonl" >"$TMP/one.$key" 2>/dev/null
    for mem in 64K 256M; do
        run "$DEPECHE" dedup --key $key --mem $mem "$TMP/par.txt"
        expect_rc 0 "dedup --key $key --mem $mem"
        expect_out_file "$TMP/one.$key" \
            "dedup --key $key --mem $mem = prep --dedup $key"
    done
done
expect_true test "$(wc -l <"$TMP/one.exact")" -lt "$(wc -l <"$TMP/one.txt")"

finish
