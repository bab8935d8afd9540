#!/bin/sh
# A reader that goes away early (`depeche ... | head`): every command stops
# quietly with status 141, the status of cat or grep killed by SIGPIPE,
# even when the parent ignores SIGPIPE (then the write fails with EPIPE).
. "$(dirname "$0")/lib.sh"
cd "$TMP" || exit 99

# A closed pipe ends the CLI with _exit(141) while the speller's handle
# loader may still run, on purpose: ThreadSanitizer must not call that
# thread a leak here (and only here).
TSAN_OPTIONS="${TSAN_OPTIONS:+$TSAN_OPTIONS:}report_thread_leaks=0"
export TSAN_OPTIONS

# Far more than a pipe holds: the writes after head has gone fail.
python3 -c '
for i in range(40000):
    print("Le gouvernment a voté la loi numéro %d du pays." % i)' >big.txt

# closed CMD...: runs CMD into `head -c 10`, keeping its status in $rc.
closed() {
    { "$@" 2>"$TMP/err"; echo $? >"$TMP/status"; } | head -c 10 >/dev/null
    rc=$(cat "$TMP/status")
}

for cmd in "prep --to moses --no-clean" "prep --to tmx" "clean --no-clean" \
    "normalize" "segment" "spell --suggest none --no-clean"; do
    closed "$DEPECHE" $cmd big.txt
    expect_rc 141 "$cmd | head"
    checks=$((checks + 1))
    [ ! -s "$TMP/err" ] || fail "$cmd | head: a message"
    (
        trap '' PIPE
        closed "$DEPECHE" $cmd big.txt
        [ "$rc" -eq 141 ] && [ ! -s "$TMP/err" ]
    ) || fail "$cmd | head, SIGPIPE ignored: status $(cat "$TMP/status")"
    checks=$((checks + 1))
done

# A closed standard error (the reader of the repairs went away) does not
# stop a run writing to a file.
python3 -c 'import sys; sys.stdout.buffer.write(b"a\x00" * 100000)' >nuls.txt
"$DEPECHE" prep --lossy --no-clean --to moses -o ref.fr nuls.txt 2>/dev/null
"$DEPECHE" prep --lossy --no-clean --to moses -o got.fr nuls.txt 2>&1 |
    head -c 10 >/dev/null
expect_true test -s ref.fr
expect_true cmp -s ref.fr got.fr

finish
