#!/bin/sh
# -o FILE never destroys a user's file: a failed run leaves it as it was,
# with no temporary left behind; an output that is also an input (standard
# input included) is refused; --split refuses two inputs of one name;
# write errors are exit 4 in every format.
. "$(dirname "$0")/lib.sh"
cd "$TMP" || exit 99

cp "$SAMPLE" good.txt
printf 'ab\000cd\n' >nul.txt
printf 'Le chat\n\ndort ici \377 et l\303\240.\n' >bad.txt
mkdir dst

# expect_kept WHAT: dst/keep.xml still holds "OLD", mode 640, and nothing
# else is in dst/ (no temporary left).
expect_kept() {
    checks=$((checks + 1))
    [ "$(cat dst/keep.xml)" = OLD ] || fail "dst/keep.xml changed ($1)"
    checks=$((checks + 1))
    [ "$(ls -A dst)" = keep.xml ] || fail "dst/ holds $(ls -A dst | tr '\n' ' ') ($1)"
    checks=$((checks + 1))
    [ "$(stat -c %a dst/keep.xml)" = 640 ] || fail "mode changed ($1)"
}
printf 'OLD\n' >dst/keep.xml
chmod 640 dst/keep.xml

run "$DEPECHE" prep --target-lang '<&"' -o dst/keep.xml good.txt
expect_rc 2 "bad --target-lang"
expect_kept "usage error"
run "$DEPECHE" prep -o dst/keep.xml bad.txt
expect_rc 3 "bad input"
expect_kept "bad input"
run "$DEPECHE" prep -o dst/keep.xml missing.txt
expect_rc 4 "missing input"
expect_kept "missing input"
run "$DEPECHE" prep -o dst/keep.xml good.txt nul.txt
expect_rc 3 "a NUL byte in the second file"
expect_kept "a good file, then a bad one"
for cmd in clean normalize segment spell; do
    run "$DEPECHE" $cmd -o dst/keep.xml good.txt bad.txt
    expect_rc 3 "$cmd: bad input"
    expect_kept "$cmd: a good file, then a bad one"
done
run "$DEPECHE" spell --dict "$TMP/nowhere/fr_XX" -o dst/keep.xml good.txt
expect_rc 4 "missing dictionary"
expect_kept "missing dictionary"

# A run that succeeds replaces the file, keeping its permissions.
run "$DEPECHE" prep --to moses -o dst/keep.xml.fr good.txt
run "$DEPECHE" prep -o dst/keep.xml good.txt
expect_rc 0 "prep -o an existing file"
expect_true grep -q '^<tmx version' dst/keep.xml
expect_true test "$(stat -c %a dst/keep.xml)" = 640
expect_true test "$(ls -A dst | tr '\n' ' ')" = "keep.xml keep.xml.fr "
# A new file gets 0666 less the umask.
(umask 027 && "$DEPECHE" prep -o dst/new.xml good.txt 2>/dev/null)
expect_true test "$(stat -c %a dst/new.xml)" = 640
(umask 002 && "$DEPECHE" normalize -o dst/new.txt good.txt 2>/dev/null)
expect_true test "$(stat -c %a dst/new.txt)" = 664
# A symlink: the file it names is written, the link stays.
ln -s keep.xml dst/link.xml
printf 'OLD\n' >dst/keep.xml
run "$DEPECHE" prep --to moses -o dst/link.xml.fr good.txt
run "$DEPECHE" normalize -o dst/link.xml good.txt
expect_rc 0 "-o a symlink"
expect_true test -L dst/link.xml
"$DEPECHE" normalize good.txt >out.norm 2>/dev/null
expect_true cmp -s dst/keep.xml out.norm
run "$DEPECHE" normalize -o dst/link.xml bad.txt
expect_rc 3 "-o a symlink, bad input"
expect_true cmp -s dst/keep.xml out.norm
ln -s target.txt dst/dangling.txt
run "$DEPECHE" normalize -o dst/dangling.txt good.txt
expect_true test -L dst/dangling.txt
expect_true cmp -s dst/target.txt out.norm
# Not a regular file: written directly (no temporary next to it).
run "$DEPECHE" prep -o /dev/null good.txt
expect_rc 0 "-o /dev/null"
expect_true test -c /dev/null
mkfifo fifo
cat fifo >fifo.out &
run "$DEPECHE" normalize -o fifo good.txt
wait
expect_rc 0 "-o a FIFO"
expect_true test -p fifo
expect_true cmp -s fifo.out out.norm
mkdir adir
run "$DEPECHE" normalize -o adir good.txt
expect_rc 4 "-o a directory"
expect_true test "$(ls -A adir)" = ""

# The output is also an input, read through standard input: refused.
for cmd in normalize spell clean prep segment; do
    cp good.txt same.txt
    run "$DEPECHE" $cmd -o same.txt - <same.txt
    expect_rc 2 "$cmd -o FILE - <FILE"
    expect_err_grep '^depeche: same\.txt: is also an input' "$cmd names the clash"
    expect_true cmp -s good.txt same.txt
    run "$DEPECHE" $cmd -o same.txt <same.txt
    expect_rc 2 "$cmd -o FILE <FILE"
    expect_true cmp -s good.txt same.txt
done
# Standard input that is not read does not count.
run "$DEPECHE" normalize -o same.txt good.txt <same.txt
expect_rc 0 "stdin unread"

# --split: two inputs of one base name are refused before anything is
# written, naming both.
mkdir x y
cp good.txt x/a.txt
cp good.txt y/a.txt
cp good.txt a.md
run "$DEPECHE" prep --split -o split x/a.txt y/a.txt
expect_rc 2 "--split x/a.txt y/a.txt"
expect_err_grep 'x/a\.txt and y/a\.txt would both be written to split/a\.tmx' "both named"
expect_true test ! -e split
run "$DEPECHE" prep --split --to moses -o split a.md good.txt x/a.txt
expect_rc 2 "--split a.md x/a.txt"
expect_err_grep 'a\.md and x/a\.txt would both be written to split/a\.fr' "both named"
expect_true test ! -e split
# A failed --split replaces none of its outputs.
mkdir split
printf 'OLD\n' >split/a.tmx
run "$DEPECHE" prep --split -o split x/a.txt nul.txt
expect_rc 3 "--split, a bad second file"
expect_true test "$(cat split/a.tmx)" = OLD
expect_true test "$(ls -A split)" = a.tmx
run "$DEPECHE" prep --split -o split x/a.txt good.txt
expect_rc 0 "--split"
expect_true grep -q '^<tmx version' split/a.tmx
expect_err_grep 'wrote 2 files in split' "split summary"

# Moses names: the language is added unless the name has it or names a
# device.
run "$DEPECHE" prep --to moses -o corpus.fr good.txt
expect_rc 0 "-o corpus.fr"
expect_true test -s corpus.fr
expect_true test ! -e corpus.fr.fr
rm corpus.fr
run "$DEPECHE" prep --to moses -o corpus good.txt
expect_true test -s corpus.fr
run "$DEPECHE" prep --to moses -o /dev/null good.txt
expect_rc 0 "--to moses -o /dev/null"
expect_true test ! -e /dev/null.fr
rm -f /dev/null.fr 2>/dev/null

# Write errors: exit 4 and a message, in every format, to a file or to
# standard output; no suffix added to the device.
if [ -c /dev/full ]; then
    for fmt in tmx xliff xliff2 moses tsv jsonl text; do
        run "$DEPECHE" prep --to $fmt -o /dev/full good.txt
        expect_rc 4 "prep --to $fmt -o /dev/full"
        expect_err_grep '^depeche: /dev/full: write error: No space left' "$fmt names the output"
        expect_true test ! -e /dev/full.fr
        rm -f /dev/full.fr 2>/dev/null
        "$DEPECHE" prep --to $fmt good.txt >/dev/full 2>"$TMP/err"
        rc=$?
        expect_rc 4 "prep --to $fmt >/dev/full"
        expect_err_grep '^depeche: standard output: write error' "$fmt to stdout"
    done
    printf 'Le gouvernment a pris une décission.\n' >typo.txt
    for cmd in "clean" "clean --explain" "normalize" "segment" \
        "segment --to jsonl" "spell" "spell --to jsonl"; do
        run "$DEPECHE" $cmd -o /dev/full good.txt typo.txt
        expect_rc 4 "$cmd -o /dev/full"
        expect_err_grep '^depeche: /dev/full: write error: No space left' "$cmd names the output"
        "$DEPECHE" $cmd good.txt typo.txt >/dev/full 2>"$TMP/err"
        rc=$?
        expect_rc 4 "$cmd >/dev/full"
        expect_err_grep '^depeche: standard output: write error: No space left' "$cmd to stdout"
    done
fi

finish
