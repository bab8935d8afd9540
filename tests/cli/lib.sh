# lib.sh -- helpers for the CLI tests (sourced).  Each test script runs
# commands through `run`, then checks the exit status, stdout and stderr;
# every failed check is printed and makes the script exit 1 at the end.
set -u
: "${DEPECHE:?DEPECHE must name the depeche binary}"
: "${TESTS_DIR:?TESTS_DIR must name the tests folder}"
SAMPLE="$TESTS_DIR/data/xinhua-2021-02-24-biden-kazimi.txt"
TMP=$(mktemp -d)
trap 'rm -rf "$TMP"' EXIT
failures=0
checks=0

# run CMD...: runs it, keeping status in $rc, output in $TMP/out, $TMP/err
run() {
    "$@" >"$TMP/out" 2>"$TMP/err"
    rc=$?
}

fail() {
    failures=$((failures + 1))
    echo "FAIL: $*" >&2
    echo "  stderr: $(head -c 600 "$TMP/err")" >&2
}

expect_rc() {
    checks=$((checks + 1))
    [ "$rc" -eq "$1" ] || fail "exit status $rc, want $1 ($2)"
}

# expect_err_grep REGEX WHAT: stderr matches the extended regex
expect_err_grep() {
    checks=$((checks + 1))
    grep -Eq -- "$1" "$TMP/err" || fail "stderr lacks /$1/ ($2)"
}

expect_out_grep() {
    checks=$((checks + 1))
    grep -Eq -- "$1" "$TMP/out" || fail "stdout lacks /$1/ ($2)"
}

# expect_out_file FILE WHAT: stdout is exactly FILE's bytes
expect_out_file() {
    checks=$((checks + 1))
    if [ "${DEPECHE_UPDATE_GOLDEN:-0}" = 1 ]; then
        cp "$TMP/out" "$1"
        echo "updated $1" >&2
        return
    fi
    cmp -s "$TMP/out" "$1" || {
        fail "stdout differs from $1 ($2)"
        diff "$1" "$TMP/out" | head -20 >&2
    }
}

expect_true() {
    checks=$((checks + 1))
    "$@" || fail "not true: $*"
}

finish() {
    echo "$checks checks, $failures failed"
    [ "$failures" -eq 0 ]
}
