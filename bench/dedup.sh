#!/usr/bin/env bash
# dedup.sh -- `depeche dedup` over ~50 MB of Moses lines (the output of
# `prep --to moses --no-spell` on bench/corpus_make.py's distinct French
# documents, whose sentences recur across documents as news copy's do):
# MB/s and peak RSS with the hashes in memory and with a small --mem (on
# disk), side by side in one run with awk '!seen[$0]++' (the same result,
# all in memory) and `sort -u -S MEM` (bounded memory, order lost).
#
#   bench/dedup.sh [DEPECHE]
#
# MB=50 (document text given to prep), RUNS=3 (each command; medians;
# runs interleaved), MEM=1M (the small --mem: a table of 65536 lines, so
# the ~120,000 distinct ones spill to disk).  DEPECHE defaults to a release
# build in build-release/ (made if missing).  The machine's load
# moves the absolute figures; compare within one run.
set -eu
here=$(cd "$(dirname "$0")" && pwd)
if [ $# -ge 1 ]; then depeche=$1; else . "$here/release.sh"; fi
runs=${RUNS:-3}
mb=${MB:-50}
mem=${MEM:-1M}
[ -x /usr/bin/time ] || { echo "dedup.sh: /usr/bin/time missing (apt-get install time)" >&2; exit 2; }

tmp=$(mktemp -d)
trap 'rm -rf "$tmp"' EXIT
python3 "$here/corpus_make.py" "$tmp/c.jsonl" "$mb"
"$depeche" prep --in jsonl --to moses --no-spell "$tmp/c.jsonl" \
    >"$tmp/lines" 2>/dev/null
rm "$tmp/c.jsonl"
in_mb=$(awk -v b="$(wc -c <"$tmp/lines")" 'BEGIN { printf "%.1f", b / 1e6 }')

names=("depeche dedup (in memory)" "depeche dedup --mem $mem"
    "depeche dedup --key normalized --mem $mem"
    "awk '!seen[\$0]++' (in memory)" "sort -u -S $mem (order lost)")
command_of() { # INDEX: sets cmd
    case $1 in
    0) cmd=("$depeche" dedup "$tmp/lines") ;;
    1) cmd=("$depeche" dedup --mem "$mem" "$tmp/lines") ;;
    2) cmd=("$depeche" dedup --key normalized --mem "$mem" "$tmp/lines") ;;
    3) cmd=(awk '!seen[$0]++' "$tmp/lines") ;;
    4) cmd=(sort -u -S "$mem" -T "$tmp" "$tmp/lines") ;;
    esac
}
for r in $(seq "$runs"); do
    for i in "${!names[@]}"; do
        command_of "$i"
        /usr/bin/time -f '%M %e' -o "$tmp/time" \
            env TMPDIR="$tmp" LC_ALL=C.UTF-8 "${cmd[@]}" \
            >"$tmp/out.$i" 2>"$tmp/err.$i" ||
            { echo "dedup.sh: ${names[$i]} failed: $(cat "$tmp/err.$i")" >&2; exit 1; }
        cat "$tmp/time" >>"$tmp/t.$i"
    done
done
cmp -s "$tmp/out.0" "$tmp/out.1" && cmp -s "$tmp/out.0" "$tmp/out.3" ||
    { echo "dedup.sh: outputs differ" >&2; exit 1; }
median() { sort -n | awk '{ a[NR] = $1 } END { print a[int((NR + 1) / 2)] }'; }

echo "dedup of $in_mb MB of Moses lines ($(wc -l <"$tmp/lines") lines," \
    "$(wc -l <"$tmp/out.0") distinct); medians of $runs runs"
grep -h "^depeche: dedup" "$tmp/err.0" "$tmp/err.1" "$tmp/err.2" | sed 's/^/  /'
printf '%-44s %8s %8s %10s\n' command "MB/s" seconds "max RSS"
for i in "${!names[@]}"; do
    s=$(cut -d' ' -f2 "$tmp/t.$i" | median)
    kb=$(cut -d' ' -f1 "$tmp/t.$i" | median)
    awk -v n="${names[$i]}" -v mb="$in_mb" -v s="$s" -v kb="$kb" 'BEGIN {
        printf "%-44s %8.1f %8.2f %7.1f MB\n", n, mb / s, s, kb / 1024 }'
done
echo "load average: $(cut -d' ' -f1-3 /proc/loadavg) on $(nproc) processors"
