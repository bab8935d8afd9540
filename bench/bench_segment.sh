#!/usr/bin/env bash
# bench_segment.sh -- `depeche segment` against an ICU4C BreakIterator ("fr")
# on the same file, in the same run, then depeche alone at 1, 10 and 100 MB.
#
#   bench/bench_segment.sh [DEV_TEXT]
#
# DEV_TEXT (default /work/shared/eval/seg/dev_gsd.raw.txt, or $DEV) is
# repeated into a ~10 MB file.  Each program runs $RUNS times (default 5),
# interleaved, with output to /dev/null; the median wall time of the whole
# process is reported, with MB/s (10^6 bytes) and depeche's speed over ICU's.
# $DEPECHE and $SEG_ICU name the programs (default build/depeche and
# build/bench/seg_icu); $SIZES the linearity sizes in MB (default "1 10 100").
set -eu
here=$(cd "$(dirname "$0")" && pwd)
dev=${1:-${DEV:-/work/shared/eval/seg/dev_gsd.raw.txt}}
depeche=${DEPECHE:-$here/../build/depeche}
icu=${SEG_ICU:-$here/../build/bench/seg_icu}
runs=${RUNS:-5}
sizes=${SIZES:-1 10 100}

for p in "$depeche" "$icu"; do
    [ -x "$p" ] || { echo "bench_segment: $p not built (ninja -C build)" >&2; exit 2; }
done
[ -r "$dev" ] || { echo "bench_segment: cannot read $dev" >&2; exit 2; }

tmp=$(mktemp -d)
trap 'rm -rf "$tmp"' EXIT

# make_file MB OUT: repeats the dev text to at least MB * 10^6 bytes.
make_file() {
    local want=$(($1 * 1000000)) out=$2
    : >"$out"
    while [ "$(stat -c %s "$out")" -lt "$want" ]; do
        cat "$dev" >>"$out"
        # double once the file is big enough to be its own source
        if [ "$(stat -c %s "$out")" -lt $((want / 2)) ] &&
            [ "$(stat -c %s "$out")" -gt 1000000 ]; then
            cat "$out" "$out" >"$out.2" && mv "$out.2" "$out"
        fi
    done
}

# seconds CMD...: wall time of one run in microseconds, output discarded.
# Bash's own clock: no `date` process inside the measured span.
seconds() {
    local t0 t1
    t0=${EPOCHREALTIME/[.,]/}
    "$@" >/dev/null
    t1=${EPOCHREALTIME/[.,]/}
    echo $((t1 - t0))
}

median() { sort -n | awk '{ a[NR] = $1 } END { print a[int((NR + 1) / 2)] }'; }

mbps() { awk -v b="$1" -v us="$2" 'BEGIN { printf "%.1f", b / us }'; }

make_file 10 "$tmp/10.txt"
bytes=$(stat -c %s "$tmp/10.txt")
echo "input: $bytes bytes ($dev repeated); $runs runs each, median wall time"
: >"$tmp/d" ; : >"$tmp/i"
"$depeche" segment "$tmp/10.txt" >/dev/null # warm the page cache
for _ in $(seq "$runs"); do
    seconds "$depeche" segment "$tmp/10.txt" >>"$tmp/d"
    seconds "$icu" "$tmp/10.txt" >>"$tmp/i"
done
d=$(median <"$tmp/d")
i=$(median <"$tmp/i")
printf '%-28s %8.3f s %8s MB/s\n' "depeche segment" \
    "$(awk -v u="$d" 'BEGIN { print u / 1e6 }')" "$(mbps "$bytes" "$d")"
printf '%-28s %8.3f s %8s MB/s\n' "ICU BreakIterator (fr)" \
    "$(awk -v u="$i" 'BEGIN { print u / 1e6 }')" "$(mbps "$bytes" "$i")"
awk -v d="$d" -v i="$i" 'BEGIN { printf "ratio: depeche is %.1fx ICU\n", i / d }'
printf '%s %s\n' "$("$depeche" segment "$tmp/10.txt" | wc -l)" \
    "$("$icu" "$tmp/10.txt" | wc -l)" |
    awk '{ printf "sentences: depeche %d, ICU %d\n", $1, $2 }'

echo "linearity (depeche segment):"
for mb in $sizes; do
    f=$tmp/$mb.txt
    [ -f "$f" ] || make_file "$mb" "$f"
    b=$(stat -c %s "$f")
    : >"$tmp/l"
    for _ in $(seq "$runs"); do
        seconds "$depeche" segment "$f" >>"$tmp/l"
    done
    t=$(median <"$tmp/l")
    printf '  %4d MB %10d bytes %8.3f s %8s MB/s\n' "$mb" "$b" \
        "$(awk -v u="$t" 'BEGIN { print u / 1e6 }')" "$(mbps "$b" "$t")"
    [ "$mb" = 10 ] || rm -f "$f"
done
