#!/bin/sh
# Bad input: a clear error naming the file and byte offset (exit 3), or a
# documented repair that is reported (--lossy); never a crash or lost text.
. "$(dirname "$0")/lib.sh"
cd "$TMP" || exit 99

printf 'Le chat\n\ndort ici \377 et l\303\240.\n' >bad.txt
for cmd in prep clean normalize segment spell; do
    run "$DEPECHE" $cmd bad.txt
    expect_rc 3 "$cmd on invalid UTF-8"
    expect_err_grep '^depeche: bad\.txt: byte 18: invalid UTF-8' "$cmd names the offset"
done

# --lossy replaces with U+FFFD and reports each replacement.
run "$DEPECHE" prep --lossy --to jsonl --no-clean bad.txt
expect_rc 0 "prep --lossy"
expect_err_grep 'bad\.txt: byte 18: \[DEPECHE-001\] invalid UTF-8 replaced' "repair reported"
expect_out_grep 'dort ici � et là\.' "U+FFFD in the text"
run "$DEPECHE" normalize --lossy bad.txt
expect_rc 0 "normalize --lossy"
expect_err_grep 'byte 18: \[DEPECHE-001\]' "normalize reports the repair"

# A truncated sequence at the very end.
printf 'abc\303' >cut.txt
run "$DEPECHE" prep cut.txt
expect_rc 3 "truncated UTF-8"
expect_err_grep '^depeche: cut\.txt: byte 3: invalid UTF-8' "offset of the cut"

# NUL bytes: binary data.
printf 'ab\000cd\n' >nul.txt
run "$DEPECHE" prep nul.txt
expect_rc 3 "NUL byte"
expect_err_grep '^depeche: nul\.txt: byte 2: NUL byte' "NUL offset"
run "$DEPECHE" prep --lossy --to jsonl --no-clean nul.txt
expect_rc 0 "NUL --lossy"
expect_err_grep 'byte 2: \[DEPECHE-002\] NUL byte removed' "NUL repair reported"
expect_out_grep '"text":"abcd"' "NUL dropped, the rest kept"

# A binary file.
head -c 4096 "$DEPECHE" >binary.bin
run "$DEPECHE" prep binary.bin
expect_rc 3 "binary"
expect_err_grep '^depeche: binary\.bin: byte [0-9]+: ' "binary names an offset"

# An empty file: no segments, exit 0, every format.
: >empty.txt
for fmt in tmx xliff xliff2 moses tsv jsonl text; do
    run "$DEPECHE" prep --to $fmt empty.txt
    expect_rc 0 "empty file to $fmt"
done
run "$DEPECHE" prep --to jsonl empty.txt
expect_true test ! -s "$TMP/out"
expect_err_grep '0 segments' "empty summary"
run "$DEPECHE" segment empty.txt
expect_rc 0 "segment empty"

# A missing file, a directory given as a file: I/O errors, exit 4.
run "$DEPECHE" prep missing.txt
expect_rc 4 "missing file"
expect_err_grep '^depeche: missing\.txt: No such file' "missing named"
mkdir adir
run "$DEPECHE" prep adir
expect_rc 4 "directory"
expect_err_grep '^depeche: adir: is a directory' "directory named"

# A missing dictionary names where it looked.
printf 'Bonjour.\n' >ok.txt
run "$DEPECHE" spell --dict "$TMP/nowhere/fr_XX" ok.txt
expect_rc 4 "missing dictionary"
expect_err_grep 'nowhere/fr_XX' "dictionary path named"

# A 50 MB single line: no crash, no quadratic time (meson's timeout), and
# every sentence comes out.
python3 -c '
import sys
s = "Le chat de M. Dupont dort au soleil. "
n = 50 * 1024 * 1024 // len(s)
sys.stdout.write(s * n)
print(n, file=sys.stderr)' >big.txt 2>big.count
run "$DEPECHE" prep --to moses --no-clean big.txt
expect_rc 0 "50 MB line"
checks=$((checks + 1))
[ "$(wc -l <"$TMP/out")" -eq "$(cat big.count)" ] ||
    fail "50 MB line: $(wc -l <"$TMP/out") sentences, want $(cat big.count)"
run "$DEPECHE" segment big.txt
expect_rc 0 "segment 50 MB line"
checks=$((checks + 1))
[ "$(wc -l <"$TMP/out")" -eq "$(cat big.count)" ] || fail "segment 50 MB line"
run "$DEPECHE" normalize --profile typo big.txt
expect_rc 0 "normalize 50 MB line"
checks=$((checks + 1))
# Only the final space goes (trimmed); NBSP before nothing here.
[ "$(wc -c <"$TMP/out")" -eq $(($(wc -c <big.txt) - 1)) ] ||
    fail "normalize 50 MB line: $(wc -c <"$TMP/out") bytes"
run "$DEPECHE" clean big.txt
expect_rc 0 "clean 50 MB line"
run "$DEPECHE" spell --to jsonl big.txt
expect_rc 0 "spell 50 MB line (names, no misspelling)"

# normalize cuts large files into pieces for threads: the same bytes and
# the same reports (absolute offsets, in order) as one piece.
python3 -c '
import sys
line = "Le caf&eacute; de l\x27\xc3\xa9t\xc3\xa9 : 10%.\n"
sys.stdout.write(line * 120000)' >pieces.txt
run "$DEPECHE" normalize --profile typo --jobs 1 pieces.txt
cp "$TMP/out" one.out
cp "$TMP/err" one.err
run "$DEPECHE" normalize --profile typo --jobs 4 pieces.txt
expect_rc 0 "normalize --jobs 4"
expect_true cmp -s one.out "$TMP/out"
expect_true cmp -s one.err "$TMP/err"
expect_err_grep '^depeche: pieces\.txt: byte 4439988: \[DEPECHE-004\]' "last repair, absolute offset"
printf '\377' >>pieces.txt
run "$DEPECHE" normalize --jobs 4 pieces.txt
expect_rc 3 "invalid byte in the last piece"
expect_err_grep '^depeche: pieces\.txt: byte 4440000: invalid UTF-8' "absolute offset"
expect_true test ! -s "$TMP/out"

# Inputs that once took quadratic time: CR-only line ends, a long line
# full of "’" (E2 bytes), NULs under --lossy.  Each must finish quickly
# (meson's timeout) with every character accounted for.
python3 -c 'import sys; sys.stdout.write("ligne\r" * 2000000)' >cr.txt
run "$DEPECHE" normalize cr.txt
expect_rc 0 "CR-only line ends"
checks=$((checks + 1))
[ "$(wc -l <"$TMP/out")" -eq 2000000 ] || fail "CR-only: $(wc -l <"$TMP/out") lines"
python3 -c 'import sys; sys.stdout.write("l\u2019\u00e9t\u00e9 " * 1000000)' >apos.txt
run "$DEPECHE" clean apos.txt
expect_rc 0 "a long line of apostrophes"
python3 -c 'import sys; sys.stdout.buffer.write(b"a\x00" * 1000000)' >nuls.txt
run "$DEPECHE" prep --lossy --no-clean --to moses nuls.txt
expect_rc 0 "a million NULs under --lossy"
checks=$((checks + 1))
[ "$(wc -c <"$TMP/out")" -eq 1000001 ] || fail "NULs: $(wc -c <"$TMP/out") bytes"

# A bad list is named, not the input (the library's error says which file).
run "$DEPECHE" prep --personal "$TMP/no-such-personal.txt" "$SAMPLE"
expect_rc 4 "missing personal list"
expect_err_grep "^depeche: $TMP/no-such-personal.txt: cannot read the personal" \
    "the personal list named"
run "$DEPECHE" prep --no-clean --abbrev "$TMP/no-such-abbrev.txt" "$SAMPLE"
expect_err_grep "^depeche: $TMP/no-such-abbrev.txt: cannot read the abbrev" \
    "the abbreviation list named"
run "$DEPECHE" segment --lang ../x "$SAMPLE"
expect_rc 2 "segment --lang ../x"
expect_err_grep "^depeche: --lang: invalid language tag" "segment names --lang"

finish
