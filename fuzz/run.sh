#!/usr/bin/env bash
# run.sh -- runs every fuzz target for a fixed time each.
#
#   fuzz/run.sh [BUILD_DIR [SECONDS [TARGET...]]]
#     BUILD_DIR  a build configured with
#                  CC=clang meson setup BUILD_DIR -Dfuzz=true \
#                    -Db_sanitize=address,undefined -Db_lundef=false
#                (default build-fuzz; configured and built when missing)
#     SECONDS    per target (default 300; CI runs 20)
#     TARGET     fuzz_pipeline fuzz_pipeline_spell fuzz_normalize
#                fuzz_segment fuzz_clean fuzz_jsonl fuzz_html fuzz_align
#                (default: all)
#
# Each target first runs the inputs of fuzz/repro/ that once broke it
# (regressions), then starts from its seeds in fuzz/corpus/ and grows a working
# corpus in BUILD_DIR/fuzz-corpus/ (the seeds are never written to).  A
# crash, a sanitizer report or a broken invariant leaves its input in
# BUILD_DIR/fuzz-crashes/ and the log in BUILD_DIR/fuzz-logs/.  One line a
# target: `PASS|FAIL TARGET: N runs in S s`; exit 1 if any failed.
#
# Env: FUZZ_JOBS (parallel targets, default 1), FUZZ_MAX_LEN (default 4096)
set -uo pipefail
ROOT=$(cd "$(dirname "$0")/.." && pwd)
BUILD=${1:-build-fuzz}
SECONDS_EACH=${2:-300}
shift $(($# < 2 ? $# : 2))
TARGETS=("$@")
[ ${#TARGETS[@]} -gt 0 ] || TARGETS=(fuzz_pipeline fuzz_pipeline_spell
    fuzz_normalize fuzz_segment fuzz_clean fuzz_jsonl
    fuzz_html fuzz_align)

if [ ! -f "$BUILD/build.ninja" ]; then
    mkdir -p "$BUILD"
    CC=clang meson setup "$BUILD" "$ROOT" -Dfuzz=true -Dcli=false \
        -Dtests=false -Db_sanitize=address,undefined -Db_lundef=false \
        -Dbuildtype=debugoptimized >"$BUILD/setup.log" 2>&1 ||
        { cat "$BUILD/setup.log" >&2; exit 1; }
fi
ninja -C "$BUILD" >"$BUILD/ninja.log" 2>&1 || { tail -40 "$BUILD/ninja.log" >&2; exit 1; }

# Sanitizer reports stop the run; known, reported bugs are listed in
# known-bugs.supp until their fix lands.
export ASAN_OPTIONS=detect_leaks=1:abort_on_error=1
export UBSAN_OPTIONS=halt_on_error=1:print_stacktrace=1:suppressions=$ROOT/fuzz/known-bugs.supp
mkdir -p "$BUILD/fuzz-logs" "$BUILD/fuzz-crashes"

run_one() { # TARGET
    local t=$1 name=${1#fuzz_}
    name=${name%_spell} # fuzz_pipeline_spell reads the pipeline's inputs
    local work=$BUILD/fuzz-corpus/$t log=$BUILD/fuzz-logs/$t.log
    local dirs=("$work" "$ROOT/fuzz/corpus/$name")
    # Inputs that once broke a target run first, every time.
    [ -d "$ROOT/fuzz/repro/$name" ] && dirs+=("$ROOT/fuzz/repro/$name")
    mkdir -p "$work"
    "$BUILD/fuzz/$t" -max_total_time="$SECONDS_EACH" \
        -max_len="${FUZZ_MAX_LEN:-4096}" -timeout=25 -rss_limit_mb=2048 \
        -print_final_stats=1 -artifact_prefix="$BUILD/fuzz-crashes/$t-" \
        "${dirs[@]}" >"$log" 2>&1
    local rc=$? runs time
    runs=$(sed -n 's/^stat::number_of_executed_units: *//p' "$log" | tail -1)
    time=$(sed -n 's/^Done [0-9]* runs in \([0-9]*\) second.*/\1/p' "$log" | tail -1)
    if [ $rc -eq 0 ]; then
        echo "PASS $t: ${runs:-0} runs in ${time:-?} s"
    else
        echo "FAIL $t: exit $rc after ${runs:-?} runs; log $log"
        grep -m3 -E 'invariant broken|ERROR:|runtime error' "$log" | sed 's/^/    /'
    fi
    return $rc
}

fails=0
if [ "${FUZZ_JOBS:-1}" -gt 1 ]; then
    # The verdict files, not wait's statuses, say what failed: a job
    # reaped by `wait -n` has no status left for a later wait.
    for t in "${TARGETS[@]}"; do
        rm -f "$BUILD/fuzz-logs/$t.verdict"
        run_one "$t" >"$BUILD/fuzz-logs/$t.verdict" &
        while [ "$(jobs -rp | wc -l)" -ge "$FUZZ_JOBS" ]; do wait -n; done
    done
    wait
    for t in "${TARGETS[@]}"; do
        cat "$BUILD/fuzz-logs/$t.verdict"
        grep -q '^PASS ' "$BUILD/fuzz-logs/$t.verdict" || fails=$((fails + 1))
    done
else
    for t in "${TARGETS[@]}"; do run_one "$t" || fails=$((fails + 1)); done
fi
[ "$fails" -eq 0 ]
