#!/usr/bin/env bash
# score_segment.sh -- `depeche segment` on the UD French-GSD dev text, scored
# by the shared score.py (P, R, F1, R_punct); misses go to $ERRORS.
#
#   bench/score_segment.sh [EVAL_DIR]
#
# EVAL_DIR (default /work/shared/eval/seg, or $EVAL) holds dev_gsd.raw.txt,
# dev_gsd.gold.txt and score.py.  $DEPECHE names the program (default
# build/depeche); $ERRORS the error list (default /tmp/errs.txt).
set -eu
here=$(cd "$(dirname "$0")" && pwd)
eval_dir=${1:-${EVAL:-/work/shared/eval/seg}}
depeche=${DEPECHE:-$here/../build/depeche}
errors=${ERRORS:-/tmp/errs.txt}
out=$(mktemp)
trap 'rm -f "$out"' EXIT
"$depeche" segment "$eval_dir/dev_gsd.raw.txt" >"$out"
python3 "$eval_dir/score.py" "$eval_dir/dev_gsd.gold.txt" "$out" \
    --errors "$errors" --name "depeche segment"
echo "errors: $errors ($(wc -l <"$errors") lines)"
