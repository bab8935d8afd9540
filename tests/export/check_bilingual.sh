#!/usr/bin/env bash
# check_bilingual.sh - writes bilingual exports through depeche_writer_add_unit
# (export_driver --pairs: the hostile file against second.txt both ways
# round, an empty document, the sample dispatch against the hostile file)
# and validates them: TMX against the TMX 1.4b DTD, XLIFF 1.2 and
# 2.1 against their schemas with xmllint, the two Moses files line for
# line, the JSONL with Python's json module.
#
# Usage: check_bilingual.sh DRIVER
# Env:
#   DEPECHE_FORMATS_DIR  folder holding schemas/ (default: ../shared/formats
#                        beside the repository).  Without it the TMX is
#                        checked against tests/data/tmx14.dtd and the XLIFF
#                        files for well-formedness only (said by SKIP lines).
# One line PASS|FAIL|SKIP a check; exit 1 on any FAIL, including a missing
# driver or xmllint: it never passes without checking.
set -u
ROOT=$(cd "$(dirname "$0")/../.." && pwd)
DRIVER=${1:-}
SCHEMAS=${DEPECHE_FORMATS_DIR:-$ROOT/../shared/formats}/schemas
DATA=$ROOT/tests/data
FAILS=0

line() { # STATUS CHECK [REASON]
  printf '%s %s%s\n' "$1" "$2" "${3:+: $3}"
  [ "$1" = FAIL ] && FAILS=$((FAILS + 1))
  return 0
}

if [ -z "$DRIVER" ] || [ ! -x "$DRIVER" ]; then
  line FAIL "driver exists" "'$DRIVER'"; exit 1
fi
if ! command -v xmllint >/dev/null; then
  line FAIL "xmllint exists" "install libxml2-utils"; exit 1
fi
OUT=$(mktemp -d "${TMPDIR:-/tmp}/depeche-bilingual.XXXXXX")
trap 'rm -rf "$OUT"' EXIT
PAIRS=("$DATA/hostile.txt" "$DATA/second.txt" "$DATA/second.txt"
       "$DATA/hostile.txt" "$DATA/empty.txt" "$DATA/second.txt"
       "$DATA/xinhua-2021-02-24-biden-kazimi.txt" "$DATA/hostile.txt")

for fmt in tmx xliff xliff2 tsv jsonl; do
  if err=$("$DRIVER" "$fmt" "$OUT/b.$fmt" --pairs --notes --meta "${PAIRS[@]}" 2>&1)
  then line PASS "$fmt written"
  else line FAIL "$fmt written" "$err"; fi
done

[ -d "$SCHEMAS" ] && export XML_CATALOG_FILES="$SCHEMAS/catalog.xml"
validate() { # FILE NAME SCHEMA XMLLINT-OPTION
  local file=$1 name=$2 schema=$3 opt=$4 err
  if [ ! -f "$schema" ]; then
    line SKIP "$name valid" "no $schema (set DEPECHE_FORMATS_DIR)"
    if err=$(xmllint --noout --nonet "$file" 2>&1); then
      line PASS "$name well-formed"
    else line FAIL "$name well-formed" "$(echo "$err" | head -2)"; fi
    return
  fi
  if err=$(xmllint --noout --nonet "$opt" "$schema" "$file" 2>&1); then
    line PASS "$name valid ($(basename "$schema"))"
  else line FAIL "$name valid" "$(echo "$err" | head -3 | tr '\n' ' ')"; fi
}
TMX_DTD=$SCHEMAS/tmx/tmx14.dtd
[ -f "$TMX_DTD" ] || TMX_DTD=$DATA/tmx14.dtd
validate "$OUT/b.tmx" tmx "$TMX_DTD" --dtdvalid
validate "$OUT/b.xliff" xliff12 "$SCHEMAS/xliff12/xliff-core-1.2-strict.xsd" --schema
validate "$OUT/b.xliff2" xliff21 "$SCHEMAS/xliff21/xliff_core_2.0.xsd" --schema

# Both languages are there: a target <tuv> for each unit with a partner
# line, and filled <target>s.
want=$(grep -c 'xml:lang="en-US"' "$OUT/b.tmx")
if [ "$want" -gt 0 ]; then line PASS "tmx target tuvs" "$want"
else line FAIL "tmx target tuvs" "none"; fi
for f in xliff xliff2; do
  n=$(grep -c '<target' "$OUT/b.$f")
  if [ "$n" = "$want" ]; then line PASS "$f targets" "$n"
  else line FAIL "$f targets" "$n, TMX has $want"; fi
done

if err=$("$DRIVER" moses "$OUT/m.fr" --pairs --target-out "$OUT/m.en" "${PAIRS[@]}" 2>&1)
then
  nf=$(wc -l < "$OUT/m.fr"); ne=$(wc -l < "$OUT/m.en")
  if [ "$nf" = "$ne" ] && [ "$nf" = "$want" ]; then
    line PASS "moses line-parallel" "$nf lines each"
  else line FAIL "moses line-parallel" "fr $nf, en $ne, pairs $want"; fi
else line FAIL "moses written" "$err"; fi

if command -v python3 >/dev/null; then
  if err=$(python3 - "$OUT/b.jsonl" "$want" <<'PY' 2>&1
import json, sys
recs = [json.loads(l) for l in open(sys.argv[1], encoding="utf-8")]
pairs = [r for r in recs if r["target"] is not None]
assert len(pairs) == int(sys.argv[2]), (len(pairs), sys.argv[2])
assert all(r["target_segs"] and "score" in r["props"] for r in pairs)
PY
  ); then line PASS "jsonl parses, targets" "$want"
  else line FAIL "jsonl parses, targets" "$(echo "$err" | tail -1)"; fi
else line SKIP "jsonl parses" "no python3"; fi

echo "# $FAILS failure(s)"
[ "$FAILS" -eq 0 ]
