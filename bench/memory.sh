#!/usr/bin/env bash
# memory.sh -- peak memory and wall time of `depeche prep --to moses` on one
# large document and on many tiny paragraphs (issue 18), for two builds side
# by side in one run.
#
#   bench/memory.sh BASELINE_DEPECHE [DEPECHE]
#
# The inputs are built from the eval text ($DEV, default
# ../shared/eval/seg/dev_gsd.raw.txt beside the repository) by
# make_memory_inputs.py: a $BIG_MB (default 200) MB single document and
# 4 MB of one-sentence paragraphs, no paragraph repeated.  Each command runs
# $RUNS times (default 3, interleaved); the medians of the peak resident
# set size (GNU time's "Maximum resident set size") and of the wall time
# are printed, with default options and with --suggest none.  DEPECHE
# defaults to a release build in build-release/ (made if missing).
set -eu
here=$(cd "$(dirname "$0")" && pwd)
top=$here/..
base=${1:?usage: bench/memory.sh BASELINE_DEPECHE [DEPECHE]}
if [ $# -ge 2 ]; then depeche=$2; else . "$here/release.sh"; fi
dev=${DEV:-$top/../shared/eval/seg/dev_gsd.raw.txt}
runs=${RUNS:-3}
[ -x /usr/bin/time ] || { echo "memory.sh: /usr/bin/time missing (apt-get install time)" >&2; exit 2; }
[ -r "$dev" ] || { echo "memory.sh: cannot read $dev" >&2; exit 2; }

tmp=$(mktemp -d)
trap 'rm -rf "$tmp"' EXIT
python3 "$here/make_memory_inputs.py" "$dev" "$tmp" "${BIG_MB:-200}"

one() { # BIN INPUT OPTS...: "KB SECONDS" of one run
    local bin=$1 in=$2
    shift 2
    /usr/bin/time -f '%M %e' -o "$tmp/time" \
        "$bin" prep --to moses "$@" -o "$tmp/out" "$in" 2>/dev/null ||
        { echo "memory.sh: $bin prep $* $in failed" >&2; exit 1; }
    cat "$tmp/time"
}
median() { sort -n | awk '{ a[NR] = $1 } END { print a[int((NR + 1) / 2)] }'; }

printf '%-22s %-15s %12s %10s %12s %10s\n' input options \
    "base MB" "base s" "this MB" "this s"
for in in big tiny; do
    mb=$(($(stat -c %s "$tmp/$in.txt") / 1000000))
    for opts in default "--suggest none"; do
        set -- ; [ "$opts" = default ] || set -- $opts
        : >"$tmp/b" ; : >"$tmp/t"
        for _ in $(seq "$runs"); do
            one "$base" "$tmp/$in.txt" "$@" >>"$tmp/b"
            one "$depeche" "$tmp/$in.txt" "$@" >>"$tmp/t"
        done
        printf '%-22s %-15s %12s %10s %12s %10s\n' "$in.txt ($mb MB)" "$opts" \
            "$(cut -d' ' -f1 "$tmp/b" | median | awk '{ printf "%.0f", $1 / 1024 }')" \
            "$(cut -d' ' -f2 "$tmp/b" | median)" \
            "$(cut -d' ' -f1 "$tmp/t" | median | awk '{ printf "%.0f", $1 / 1024 }')" \
            "$(cut -d' ' -f2 "$tmp/t" | median)"
    done
done
