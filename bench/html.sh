#!/usr/bin/env bash
# bench/html.sh [BUNDLE [REPS]] -- main-content extraction on the dev pages
# of ../shared/eval/html (README there): depeche beside readability-lxml
# (Debian python3-readability), both scored in the same run by the bundle's
# score_html.py.
#
# Prints, per extractor: required snippets found and boilerplate snippets
# leaked (totals over the snippet pages), micro word recall and precision
# over the pages with full-article gold, and the median over REPS runs
# (default 3) of the wall time for all pages, per page.  Each runs in one
# process for all pages: `depeche clean --in html PAGES` (default options,
# the whole clean stage: extraction, normalization, segmentation) and the
# bundle's runner for readability-lxml (which also decodes each page).
# A row "depeche, page.txt" scores `clean --in text` on the pages' text
# renderings (not timed).  readability-lxml is skipped,
# with a message, when /usr/bin/python3 cannot import it.
set -euo pipefail
here=$(cd "$(dirname "$0")" && pwd)
bundle=${1:-$here/../../shared/eval/html}
reps=${2:-3}
depeche=${DEPECHE:-$here/../build/depeche}
sys_python=/usr/bin/python3
[ -f "$bundle/score_html.py" ] || { echo "no bundle at $bundle" >&2; exit 2; }
[ -x "$depeche" ] || { echo "no depeche at $depeche (set DEPECHE)" >&2; exit 2; }
tmp=$(mktemp -d)
trap 'rm -rf "$tmp"' EXIT
pages=$(ls -d "$bundle"/*/ | while read -r d; do [ -f "$d/page.html" ] && basename "$d"; done)
npages=$(echo "$pages" | wc -l)

# One process for all pages, as readability-lxml's runner; clean writes a
# blank line between documents, and a page's text has none.
run_depeche() {
    local out=$1 files=()
    mkdir -p "$out"
    for id in $pages; do files+=("$bundle/$id/page.html"); done
    "$depeche" clean --in html "${files[@]}" > "$out/all" 2> /dev/null || true
    python3 - "$out" $pages <<'PY'
import sys
out, ids = sys.argv[1], sys.argv[2:]
docs = open(out + '/all', encoding='utf-8').read().split('\n\n')
assert len(docs) == len(ids), (len(docs), len(ids))
for i, d in zip(ids, docs):
    open('%s/%s.txt' % (out, i), 'w', encoding='utf-8').write(d + '\n')
PY
}
# The pages' text renderings (page.txt: every block's text, chrome and
# all), one process a page: what CL-W makes of a scrape.  Scored only.
run_depeche_text() {
    mkdir -p "$1"
    for id in $pages; do
        "$depeche" clean --in text "$bundle/$id/page.txt" > "$1/$id.txt" 2> /dev/null || true
    done
}
run_readability() {
    "$sys_python" "$bundle/tools/run_py.py" readability_lxml "$bundle" "$1" > /dev/null 2>&1
}

# Median wall seconds of REPS runs of $1 (each into a fresh folder).
time_runs() {
    local fn=$1 name=$2 times=()
    for r in $(seq "$reps"); do
        local t0 t1
        t0=$(date +%s.%N)
        "$fn" "$tmp/$name.$r"
        t1=$(date +%s.%N)
        times+=("$(echo "$t1 - $t0" | bc)")
    done
    printf '%s\n' "${times[@]}" | sort -n | awk '{a[NR]=$1} END {print a[int((NR+1)/2)]}'
}

score() {
    python3 "$bundle/score_html.py" "$bundle" "$1" | python3 -c '
import json, sys
s = json.load(sys.stdin)["summary"]
sn, fu = s["snippets"], s["full"]
print("%5.1f %% (%d/%d)  %5.1f %% (%d/%d)  %5.3f  %5.3f" % (
    100 * sn["with_share_total"], sn["with_found_total"], sn["with_total"],
    100 * sn["leak_share_total"], sn["without_found_total"], sn["without_total"],
    fu["micro_recall"], fu["micro_precision"]))'
}

printf '%d pages, median of %d runs\n\n' "$npages" "$reps"
printf '%-18s %-20s %-20s %-6s %-6s %s\n' extractor "required found" \
    "boilerplate leaked" recall prec "s/page"
t=$(time_runs run_depeche depeche)
printf '%-18s %s  %.4f\n' depeche "$(score "$tmp/depeche.1")" "$(echo "$t / $npages" | bc -l)"
run_depeche_text "$tmp/depeche-text"
printf '%-18s %s  (scored only)\n' "depeche, page.txt" "$(score "$tmp/depeche-text")"
if "$sys_python" -c 'import readability, lxml' 2> /dev/null; then
    tr=$(time_runs run_readability readability)
    printf '%-18s %s  %.4f\n' readability-lxml "$(score "$tmp/readability.1")" "$(echo "$tr / $npages" | bc -l)"
    printf '\ndepeche is %.1fx as fast per page\n' "$(echo "$tr / $t" | bc -l)"
else
    echo "readability-lxml: skipped (apt-get install python3-readability)"
fi
