#!/usr/bin/env bash
# spell_speed.sh -- `depeche spell` against aspell and hunspell on ~4 MB of
# distinct French text, in one run (issue 14).
#
#   bench/spell_speed.sh [RUNS]
#
# The text: every distinct line of the French dev data (the WMT news
# documents of shared/eval/align, the GSD treebank text of shared/eval/seg,
# the textberg document), about 2.6 MB, then the same sentences again in
# another order, joined three to a paragraph, with one word in 150 given a
# typo (two letters swapped, a letter dropped or doubled; seeded, so the
# same every run): distinct lines to the end, never a file repeated.
# DEPECHE names the CLI (default: a release build in build-release/, made if
# missing); SHARED the shared/ folder (default: the one beside the
# repository).  Every tool runs with its default options on the same file;
# runs go round-robin over the tools, RUNS (default 3) each, and the median
# wall and CPU (user + system) time of each is printed with the ratios the
# issue asks for (> 1: depeche is faster), by wall time and by CPU time (on
# a loaded machine the wall time says more about the other processes).
# BASE names another depeche CLI (say a release build of main) timed in the
# same rounds, with depeche's speed-up over it.  Needs aspell, aspell-fr
# and hunspell (Debian).
set -euo pipefail

runs=${1:-3}
here=$(cd "$(dirname "$0")" && pwd)
. "$here/release.sh"
shared=${SHARED:-$here/../../shared}
eval_dir=$shared/eval
for f in "$eval_dir/seg/dev_gsd.raw.txt" "$eval_dir/align/textberg_dev/dev.fr"; do
    [ -r "$f" ] || { echo "spell_speed: no $f (set SHARED)" >&2; exit 1; }
done
for t in aspell hunspell; do
    command -v "$t" > /dev/null ||
        { echo "spell_speed: $t not installed (apt-get install aspell-fr hunspell)" >&2; exit 1; }
done

tmp=$(mktemp -d)
trap 'rm -rf "$tmp"' EXIT
text=$tmp/fr.txt
cat "$eval_dir"/align/wmt_dev/*.fr "$eval_dir/seg/dev_gsd.raw.txt" \
    "$eval_dir/align/textberg_dev/dev.fr" |
    awk 'NF && !seen[$0]++' > "$tmp/lines.txt"
{
    cat "$tmp/lines.txt"
    echo
    awk -v seed=14 '
        BEGIN { srand(seed) }
        { line[NR] = $0 }
        END {
            # a fixed permutation: every line once, in another order
            for (i = NR; i > 1; i--) {
                j = int(rand() * i) + 1
                t = line[i]; line[i] = line[j]; line[j] = t
            }
            for (i = 1; i <= NR; i++) {
                n = split(line[i], w, " ")
                out = ""
                for (k = 1; k <= n; k++) {
                    x = w[k]
                    if (x ~ /^[a-z]{5,}$/ && rand() < 1 / 150) {
                        p = int(rand() * (length(x) - 2)) + 2
                        r = int(rand() * 3)
                        if (r == 0)
                            x = substr(x, 1, p - 1) substr(x, p + 1, 1) substr(x, p, 1) substr(x, p + 2)
                        else if (r == 1)
                            x = substr(x, 1, p - 1) substr(x, p + 1)
                        else
                            x = substr(x, 1, p) substr(x, p)
                    }
                    out = out (k > 1 ? " " : "") x
                }
                printf "%s%s", out, (i % 3 == 0 ? "\n\n" : " ")
            }
            print ""
        }' "$tmp/lines.txt"
} > "$text"
bytes=$(wc -c < "$text")
words=$(wc -w < "$text")
printf 'input: %d bytes, %d words, %d distinct lines (%d lines in all); median of %d runs\n' \
    "$bytes" "$words" "$(sort -u "$text" | grep -c .)" "$(grep -c . "$text")" "$runs"

# one run: prints the wall time and the CPU time in seconds, as wall/cpu
one() {
    local t
    t=$( { TIMEFORMAT='%R %U %S'; time "$@" < "$text" > /dev/null 2>&1 || true; } 2>&1 )
    awk '{ printf "%s/%.3f\n", $1, $2 + $3 }' <<< "$t"
}
median() { sort -n | awk '{ v[NR] = $1 } END { print v[int((NR + 1) / 2)] }'; }

names=("depeche spell --suggest none" "depeche spell" "aspell --lang=fr list"
       "aspell --lang=fr -a" "hunspell -l")
cmds=("$depeche spell --suggest none -" "$depeche spell -"
      "aspell --lang=fr list" "aspell --lang=fr -a" "hunspell -l -d fr_FR")
if [ -n "${BASE:-}" ]; then
    names+=("base spell --suggest none" "base spell")
    cmds+=("$BASE spell --suggest none -" "$BASE spell -")
fi
declare -A runs_of wall cpu
for _ in $(seq "$runs"); do
    for i in "${!names[@]}"; do
        # shellcheck disable=SC2086 # the commands are word lists
        runs_of[${names[$i]}]+="$(one ${cmds[$i]}) "
    done
done
printf '%-30s %9s %9s %9s\n' tool "wall s" "CPU s" "MB/s"
for n in "${names[@]}"; do
    wall[$n]=$(tr ' ' '\n' <<< "${runs_of[$n]}" | grep . | cut -d/ -f1 | median)
    cpu[$n]=$(tr ' ' '\n' <<< "${runs_of[$n]}" | grep . | cut -d/ -f2 | median)
    awk -v n="$n" -v w="${wall[$n]}" -v c="${cpu[$n]}" -v b="$bytes" \
        'BEGIN { printf "%-30s %9.3f %9.3f %9.2f\n", n, w, c, b / 1e6 / w }'
done
ratio() {
    awk -v a="${wall[$2]}" -v d="${wall[$1]}" -v ac="${cpu[$2]}" \
        -v dc="${cpu[$1]}" -v l="$3" -v t="$4" \
        'BEGIN { printf "%-48s %6.2fx wall %6.2fx CPU%s\n", l, a / d, ac / dc, t }'
}
ratio "depeche spell --suggest none" "aspell --lang=fr list" \
    "depeche spell --suggest none vs aspell list:" " (target >= 2x)"
ratio "depeche spell" "aspell --lang=fr -a" "depeche spell vs aspell -a:" \
    " (target >= 2x)"
if [ -n "${BASE:-}" ]; then
    ratio "depeche spell --suggest none" "base spell --suggest none" \
        "depeche spell --suggest none vs base:" ""
    ratio "depeche spell" "base spell" "depeche spell vs base:" ""
fi
