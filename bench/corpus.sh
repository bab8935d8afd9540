#!/usr/bin/env bash
# corpus.sh -- `depeche prep` over a JSONL corpus of distinct French
# documents (bench/corpus_make.py): MB/s at -j 1 and -j 2, side by side in
# one run, and the peak RSS as the corpus grows.
#
#   bench/corpus.sh [DEPECHE]
#
# MB=20 (corpus size, MB of document text), RUNS=3 (each command; medians
# printed; runs interleaved), RSS_MB="10 40" (corpora whose peak RSS is
# compared: flat when memory is bounded by the queue).  DEPECHE defaults to
# a release build in build-release/ (made if missing).  The machine's load
# moves the absolute figures; the ratios are measured in the same run.
set -eu
here=$(cd "$(dirname "$0")" && pwd)
if [ $# -ge 1 ]; then depeche=$1; else . "$here/release.sh"; fi
runs=${RUNS:-3}
mb=${MB:-20}
[ -x /usr/bin/time ] || { echo "corpus.sh: /usr/bin/time missing (apt-get install time)" >&2; exit 2; }

tmp=$(mktemp -d)
trap 'rm -rf "$tmp"' EXIT
python3 "$here/corpus_make.py" "$tmp/c.jsonl" "$mb"
# The MB counted: the documents' text, as prep's progress counts it.
text_mb=$mb

one() { # OUT_TIME_FILE INPUT OPTS...: one run, "KB SECONDS CPU_SECONDS" appended
    local t=$1 in=$2
    shift 2
    /usr/bin/time -f '%M %e %U %S' -o "$tmp/time" \
        "$depeche" prep --in jsonl "$@" -o "$tmp/out" "$in" 2>"$tmp/err" ||
        { echo "corpus.sh: prep $* failed: $(cat "$tmp/err")" >&2; exit 1; }
    awk '{ print $1, $2, $3 + $4 }' "$tmp/time" >>"$t"
}
median() { sort -n | awk '{ a[NR] = $1 } END { print a[int((NR + 1) / 2)] }'; }

configs=("--to moses --no-spell" "--to moses")
names=("moses --no-spell" "moses, audit, no suggestions")
for r in $(seq "$runs"); do
    for c in "${!configs[@]}"; do
        for j in 1 2; do
            # shellcheck disable=SC2086
            one "$tmp/t.$c.$j" "$tmp/c.jsonl" -j $j ${configs[$c]}
        done
    done
done
echo "depeche prep --in jsonl, $mb MB of distinct French documents," \
    "$(wc -l <"$tmp/c.jsonl") documents; medians of $runs runs"
echo "(MB/CPU-s: MB per second of CPU time, user + system, -j 1: what one"
echo "core does when the machine's load leaves it less than a core)"
printf '%-30s %9s %9s %8s %8s %8s %10s\n' options "-j1 MB/s" "-j2 MB/s" \
    "-j2/-j1" "-j1 s" "-j2 s" "MB/CPU-s"
for c in "${!configs[@]}"; do
    s1=$(cut -d' ' -f2 "$tmp/t.$c.1" | median)
    s2=$(cut -d' ' -f2 "$tmp/t.$c.2" | median)
    u1=$(cut -d' ' -f3 "$tmp/t.$c.1" | median)
    awk -v n="${names[$c]}" -v mb="$text_mb" -v a="$s1" -v b="$s2" -v u="$u1" 'BEGIN {
        printf "%-30s %9.1f %9.1f %7.2fx %8.2f %8.2f %10.1f\n", n, mb / a,
            mb / b, a / b, a, b, mb / u }'
done
echo "load average: $(cut -d' ' -f1-3 /proc/loadavg) on $(nproc) processors"

# Peak RSS: corpora of growing size, -j 2, --no-spell and with the audit.
printf '\n%-32s' "peak RSS (MB), -j 2"
for size in ${RSS_MB:-10 40}; do printf ' %8s' "${size}MB"; done
echo
for c in "${!configs[@]}"; do
    printf '%-32s' "${names[$c]}"
    for size in ${RSS_MB:-10 40}; do
        python3 "$here/corpus_make.py" "$tmp/r.jsonl" "$size" 7
        : >"$tmp/rss"
        one "$tmp/rss" "$tmp/r.jsonl" -j 2 ${configs[$c]}
        awk '{ printf " %8.0f", $1 / 1024 }' "$tmp/rss"
    done
    echo
done
