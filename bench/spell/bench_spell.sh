#!/usr/bin/env bash
# bench_spell.sh -- times `depeche spell` against `hunspell -l` and
# `aspell list` on the same ~10 MB of French text, built from the dev
# treebank text.
#
#   bench/spell/bench_spell.sh [SPELL_LIST] [RUNS]
#
# DEPECHE names the CLI (default: a release build in build-release/, made if
# missing); it runs the whole pipeline.  SPELL_LIST, when given
# (build/bench/spell/spell_list), adds rows for the library's speller
# alone.  SHARED is the shared/ folder (default: the one beside the
# repository).  Prints the median wall and CPU time of RUNS
# runs (default 3; hunspell -l, which takes minutes, runs once) of each
# tool, and its speed against aspell's (> 1 is faster).  The CLI analyses
# new word types on every processor (--jobs); the --jobs 1 row shows one
# thread against aspell's one.  hunspell -l and
# aspell list give no suggestions, so the fair line is depeche's
# --suggest none; the others show what suggestions cost.
set -euo pipefail

spell_list=
if [ $# -gt 0 ] && ! [[ $1 =~ ^[0-9]+$ ]]; then
    spell_list=$1
    shift
fi
runs=${1:-3}
here=$(cd "$(dirname "$0")" && pwd)
. "$here/../release.sh"
shared=${SHARED:-$here/../../../shared}
src=$shared/eval/seg/dev_gsd.raw.txt
[ -r "$src" ] || { echo "bench_spell: no $src (set SHARED)" >&2; exit 1; }

tmp=$(mktemp -d)
trap 'rm -rf "$tmp"' EXIT
big=$tmp/fr-10mb.txt
size=$(wc -c < "$src")
copies=$(( (10000000 + size - 1) / size ))
for _ in $(seq "$copies"); do cat "$src"; echo; done > "$big"
bytes=$(wc -c < "$big")
words=$(wc -w < "$big")
printf 'input: %s copies of %s: %d bytes, %d words; median of %d runs\n' \
    "$copies" "$(basename "$src")" "$bytes" "$words" "$runs"

# one run: prints "wall user+sys"
one() {
    local t
    t=$( { TIMEFORMAT='%R %U %S'; time "$@" < "$big" > /dev/null 2>&1 || true; } 2>&1 )
    awk '{ printf "%.3f %.3f\n", $1, $2 + $3 }' <<< "$t"
}

median() { sort -n | awk '{ v[NR] = $1 } END { print v[int((NR + 1) / 2)] }'; }

# Runs go round-robin over the tools, so that a busy machine slows them
# all alike rather than whichever ran at the time.
declare -A wall cpu walls cpus count
names=()
cmds=()
add() {
    local n=$1; shift
    names+=("$1"); count[$1]=$n; shift
    cmds+=("$(printf '%q ' "$@")")
}

# --no-clean: the copies would otherwise go as duplicates
add "$runs" "depeche spell --suggest none" "$depeche" spell --no-clean --suggest none -
add "$runs" "  the same, --jobs 1" "$depeche" spell --jobs 1 --no-clean --suggest none -
add "$runs" "depeche spell (default suggestions)" "$depeche" spell --no-clean -
if [ -n "$spell_list" ]; then
    add "$runs" "speller alone (no suggestions)" "$spell_list" --suggest none /dev/stdin
fi
if command -v aspell > /dev/null && aspell dump dicts 2>/dev/null | grep -q '^fr'; then
    add "$runs" "aspell list --lang=fr" aspell list --lang=fr
else
    echo "bench_spell: aspell with aspell-fr not installed: skipped" >&2
fi
if command -v hunspell > /dev/null; then
    add 1 "hunspell -l -d fr_FR" hunspell -l -d fr_FR
else
    echo "bench_spell: hunspell not installed: skipped" >&2
fi

for r in $(seq "$runs"); do
    for i in "${!names[@]}"; do
        n=${names[$i]}
        [ "$r" -le "${count[$n]}" ] || continue
        read -r a b < <(eval "one ${cmds[$i]}")
        walls[$n]+="$a "
        cpus[$n]+="$b "
    done
done
for n in "${names[@]}"; do
    wall[$n]=$(tr ' ' '\n' <<< "${walls[$n]}" | grep . | median)
    cpu[$n]=$(tr ' ' '\n' <<< "${cpus[$n]}" | grep . | median)
done

ref=${wall["aspell list --lang=fr"]:-}
printf '%-30s %9s %9s %9s %11s\n' tool "wall s" "cpu s" "MB/s" "vs aspell"
for n in "${names[@]}"; do
    w=${wall[$n]}
    awk -v n="$n" -v w="$w" -v c="${cpu[$n]}" -v b="$bytes" -v r="$ref" \
        'BEGIN { printf "%-30s %9.3f %9.3f %9.1f %11s\n", n, w, c,
                 b / 1e6 / w, r == "" ? "-" : sprintf("%.2fx", r / w) }'
done
