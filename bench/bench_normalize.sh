#!/usr/bin/env bash
# bench_normalize.sh -- `depeche normalize` against ICU's `uconv -x any-nfc`
# (package icu-devtools) on the same ~10 MB French file, in the same run.
#
#   bench/bench_normalize.sh [DEV_TEXT]
#
# DEV_TEXT (default ../shared/eval/seg/dev_gsd.raw.txt beside the repository,
# or $DEV) is copied into a ~10 MB file, each copy's lines made distinct by
# a number of their own ("... (17.342)"), so no stretch of the file is the
# same as another (a file repeated would let caches and branch predictors
# learn it).  Each command runs $RUNS times
# (default 5), interleaved, output to /dev/null; the median wall time and CPU time of the
# whole process is reported with MB/s (10^6 bytes) and the ratio to uconv.
# The last rows normalize text that needs no change (the typo output fed
# back), the fast path.  $DEPECHE names the binary (default: a release build
# in build-release/, made if missing); $OLD_DEPECHE, when set, adds a row
# for another build's typo on one thread, timed in the same run.
set -eu
here=$(cd "$(dirname "$0")" && pwd)
top=$here/..
dev=${1:-${DEV:-$top/../shared/eval/seg/dev_gsd.raw.txt}}
runs=${RUNS:-5}
. "$here/release.sh"
command -v uconv >/dev/null || { echo "bench_normalize: uconv missing (apt-get install icu-devtools)" >&2; exit 2; }
[ -r "$dev" ] || { echo "bench_normalize: cannot read $dev" >&2; exit 2; }

tmp=$(mktemp -d)
trap 'rm -rf "$tmp"' EXIT
copy=0
while [ "$(stat -c %s "$tmp/in.txt" 2>/dev/null || echo 0)" -lt 10000000 ]; do
    copy=$((copy + 1))
    awk -v c="$copy" '{ if (length($0)) print $0 " (" c "." NR ")"; else print }' \
        "$dev" >>"$tmp/in.txt"
done
"$depeche" normalize --profile typo "$tmp/in.txt" >"$tmp/clean.txt"
bytes=$(stat -c %s "$tmp/in.txt")

run() { # CMD...: wall and CPU (user + system) time of one run, in ms
    local TIMEFORMAT='%3R %3U %3S' t
    t=$({ time "$@" >/dev/null 2>&1; } 2>&1)
    awk -v t="$t" 'BEGIN { split(t, a, " ");
        printf "%.0f %.0f\n", a[1] * 1000, (a[2] + a[3]) * 1000 }'
}
median() { # COLUMN < FILE
    awk -v c="$1" '{ print $c }' | sort -n |
        awk '{ a[NR] = $1 } END { print a[int((NR + 1) / 2)] }'
}

jobs=$(nproc 2>/dev/null || echo 1)
names=(uconv "minimal, 1 thread" "typo, 1 thread" "mt, 1 thread"
    "typo no-change, 1 thread" "typo, $jobs threads")
cmds=("uconv -x any-nfc $tmp/in.txt"
    "$depeche normalize --jobs 1 --profile minimal $tmp/in.txt"
    "$depeche normalize --jobs 1 --profile typo $tmp/in.txt"
    "$depeche normalize --jobs 1 --profile mt $tmp/in.txt"
    "$depeche normalize --jobs 1 --profile typo $tmp/clean.txt"
    "$depeche normalize --profile typo $tmp/in.txt")
if [ -n "${OLD_DEPECHE:-}" ]; then
    names+=("typo, 1 thread, OLD_DEPECHE")
    cmds+=("$OLD_DEPECHE normalize --jobs 1 --profile typo $tmp/in.txt")
fi
for r in $(seq "$runs"); do
    for k in "${!cmds[@]}"; do
        run ${cmds[$k]} >>"$tmp/t$k"
    done
done
echo "input: $bytes bytes; $runs runs each, medians of the whole process's wall"
echo "time and of its CPU time (user + system: what a loaded machine changes least)"
printf '%-42s %8s %8s %9s %8s %9s\n' command "wall ms" MB/s "x uconv" "CPU ms" "x uconv"
base=$(median 1 <"$tmp/t0")
cbase=$(median 2 <"$tmp/t0")
for k in "${!cmds[@]}"; do
    m=$(median 1 <"$tmp/t$k")
    c=$(median 2 <"$tmp/t$k")
    label="depeche normalize ${names[$k]}"
    [ "$k" -eq 0 ] && label="uconv -x any-nfc"
    awk -v l="$label" -v m="$m" -v c="$c" -v b="$bytes" -v base="$base" \
        -v cbase="$cbase" 'BEGIN { printf "%-42s %8.1f %8.1f %9.2f %8.1f %9.2f\n",
        l, m, b / m / 1000, base / m, c, cbase / c }'
done
