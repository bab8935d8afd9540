#!/bin/sh
# stream.sh -- `depeche normalize` reads its input a chunk at a time
# ($DEPECHE_CHUNK_BYTES): the output, the repairs reported and the error of
# bad input are the same at any chunk size as with the file read whole.
. "$TESTS_DIR/cli/lib.sh"

# Lines of every length, CRLF, a line with no end, repairs under --lossy.
printf 'Un « essai » ; deux\r\nl’été 1 000 €\n\n\n%s\nfin\342\200\250sans \377 fin' \
    "$(head -c 3000 "$SAMPLE" | tr '\n' ' ')" >"$TMP/mixed.txt"
for f in "$SAMPLE" "$TESTS_DIR/data/hostile.txt" "$TMP/mixed.txt"; do
    for p in minimal typo mt; do
        "$DEPECHE" normalize --lossy --profile $p "$f" >"$TMP/whole" 2>"$TMP/whole.err"
        for c in 1 5 64 1000; do
            run env DEPECHE_CHUNK_BYTES=$c "$DEPECHE" normalize --lossy \
                --profile $p "$f"
            expect_rc 0 "normalize $p chunk $c $f"
            checks=$((checks + 2))
            cmp -s "$TMP/out" "$TMP/whole" ||
                fail "normalize $p chunk $c $f: output differs from whole"
            cmp -s "$TMP/err" "$TMP/whole.err" ||
                fail "normalize $p chunk $c $f: repairs differ from whole"
        done
    done
done

# Standard input streams too.
run env DEPECHE_CHUNK_BYTES=3 "$DEPECHE" normalize --lossy - <"$TMP/mixed.txt"
expect_rc 0 "stdin"
"$DEPECHE" normalize --lossy "$TMP/mixed.txt" >"$TMP/whole" 2>/dev/null
checks=$((checks + 1))
cmp -s "$TMP/out" "$TMP/whole" || fail "stdin chunked differs from whole"

# Bad input in a later chunk: the same exit code and byte offset.
run env DEPECHE_CHUNK_BYTES=4 "$DEPECHE" normalize "$TMP/mixed.txt"
expect_rc 3 "invalid UTF-8 in a later chunk"
expect_err_grep "byte $(($(wc -c <"$TMP/mixed.txt") - 5)): invalid UTF-8" \
    "offset into the whole file"

finish
