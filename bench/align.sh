#!/usr/bin/env bash
# bench/align.sh [BUILD_DIR] -- sentence alignment: strict / lax F1 per dev
# set and per gold bead type, and sentences per second (median of RUNS
# runs, one process a document as a user runs it), side by side with
# hunalign when it can be built here in the same run.
#
# The dev sets live outside the repository (../shared/eval/align: WMT news
# may not be redistributed); ALIGN_EVAL overrides where.  hunalign has no
# Debian package: the script builds it from a source tree named by
# HUNALIGN_SRC (a clone of github.com/danielvarga/hunalign); without one it
# says so and prints the published baselines of the eval README, labelled
# as such.
set -uo pipefail
here=$(cd "$(dirname "$0")/.." && pwd)
build=${1:-$here/build}
depeche=$build/depeche
eval_dir=${ALIGN_EVAL:-$here/../shared/eval/align}
[ -d "$eval_dir" ] || eval_dir=/work/shared/eval/align
runs=${RUNS:-3}
score=$eval_dir/score_align.py
[ -x "$depeche" ] || { echo "align.sh: no $depeche (build first)" >&2; exit 1; }
[ -f "$score" ] || { echo "align.sh: no dev sets in $eval_dir" >&2; exit 1; }
tmp=$(mktemp -d)
trap 'rm -rf "$tmp"' EXIT

# align_set MODE NAME DIR SRC_EXT TGT_EXT SRC_LANG TGT_LANG: one run into
# $tmp/NAME, printing its wall seconds.  MODE docs: one process a document;
# pairs: one process for the set (--pairs, the dictionary loaded once, the
# lexicon re-estimated over the whole set); pairs-nolearn: the same with
# --no-learn (one pass: what learning costs and gives).
align_set() {
    local mode=$1 name=$2 dir=$3 se=$4 te=$5 sl=$6 tl=$7
    rm -rf "${tmp:?}/$name" && mkdir -p "$tmp/$name"
    local f stem t0 t1
    : >"$tmp/$name.list"
    for f in "$dir"/*."$se"; do
        stem=$(basename "$f" ."$se")
        printf '%s\t%s\n' "$f" "$dir/$stem.$te" >>"$tmp/$name.list"
    done
    t0=$(date +%s.%N)
    if [ "$mode" != docs ]; then
        local extra=()
        [ "$mode" = pairs-nolearn ] && extra=(--no-learn)
        "$depeche" align --presegmented --lang "$sl" --target-lang "$tl" \
            "${extra[@]}" --pairs "$tmp/$name.list" -o "$tmp/$name" || return 1
    else
        while IFS=$'\t' read -r f g; do
            stem=$(basename "$f" ."$se")
            "$depeche" align --presegmented --lang "$sl" --target-lang "$tl" \
                "$f" "$g" -o "$tmp/$name/$stem.sys" || return 1
        done <"$tmp/$name.list"
    fi
    t1=$(date +%s.%N)
    python3 -c "import sys; print(float(sys.argv[2]) - float(sys.argv[1]))" "$t0" "$t1"
}

median() { sort -g | awk '{a[NR]=$1} END {print a[int((NR+1)/2)]}'; }

report() { # MODE NAME DIR SRC_EXT TGT_EXT SRC_LANG TGT_LANG
    local mode=$1 name=$2 dir=$3 se=$4 te=$5
    local times=()
    for _ in $(seq "$runs"); do
        times+=("$(align_set "$@")") || { echo "align.sh: $name failed" >&2; return 1; }
    done
    local wall sents
    wall=$(printf '%s\n' "${times[@]}" | median)
    sents=$(cat "$dir"/*."$se" "$dir"/*."$te" | wc -l)
    python3 "$score" --by-type "$dir/" "$tmp/$name/" >"$tmp/$name.json"
    python3 - "$name ($mode)" "$wall" "$sents" "$tmp/$name.json" <<'PY'
import json, sys
name, wall, sents = sys.argv[1], float(sys.argv[2]), int(sys.argv[3])
r = json.load(open(sys.argv[4]))
f1s, f1l = 100 * r["f1_strict"], 100 * r["f1_lax"]
ps, rs = 100 * r["precision_strict"], 100 * r["recall_strict"]
print(f"{name}: depeche strict F1 {f1s:.1f}  lax F1 {f1l:.1f}  "
      f"(strict P {ps:.1f} / R {rs:.1f})  {sents / wall:,.0f} sentences/s "
      f"(median wall {wall:.2f} s, {sents} sentences)")
types = sorted(r["by_gold_type"].items())
print("  gold beads found exactly, by type: "
      + "  ".join(f"{t} {h}/{n}" for t, (h, n) in types))
PY
}

echo "== depeche align (this build: $depeche), $runs runs each"
echo "   docs: one process a document; pairs: one process (--pairs);"
echo "   pairs-nolearn: --pairs --no-learn (no lexicon re-estimation)"
for mode in docs pairs pairs-nolearn; do
    report $mode wmt_dev "$eval_dir/wmt_dev" fr en fr-FR en-US
    report $mode textberg_dev "$eval_dir/textberg_dev" de fr de-DE fr-FR
done

echo
if [ -n "${HUNALIGN_SRC:-}" ] && make -C "$HUNALIGN_SRC/src/hunalign" >/dev/null 2>&1; then
    echo "== hunalign built from $HUNALIGN_SRC: run it with the same inputs"
    echo "   (not automated yet: see the eval README for its dictionaries)"
else
    echo "== hunalign: no source tree here (HUNALIGN_SRC unset or not buildable;"
    echo "   Debian 12 has no hunalign package: apt-cache policy/search find none"
    echo "   after apt-get update; this machine has no network), so these are"
    echo "   the PUBLISHED baselines of $eval_dir/README.md, NOT measured in this run:"
    echo "   wmt_dev      hunalign + FreeDict: strict F1 87.3  lax 96.2  ~712 sent/s"
    echo "                (one process a document), ~2,112 sent/s with -batch"
    echo "   textberg_dev hunalign + FreeDict: strict F1 73.6  lax 94.8  ~1,286 sent/s"
fi
