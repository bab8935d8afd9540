#!/usr/bin/env bash
# check_clients.sh - writes every export format for the hostile test input
# and has real clients read it (shared/formats/check_export.sh: xmllint
# against the schemas, translate-toolkit, XML::TMX, OmegaT headless).
#
# Usage: check_clients.sh DRIVER [INPUT...]
#        check_clients.sh --selftest   (the fallback line checks fail on
#                                       bad JSONL: invalid JSON, wrong keys)
#   DRIVER  the export_driver built from tests/export/export_driver.c, or
#           the depeche CLI (a program named depeche): then the inputs go
#           through the whole pipeline, `depeche prep --lossy --to FORMAT`
#   INPUT   text files, one segment a line (default: tests/data/hostile.txt,
#           tests/data/second.txt, tests/data/empty.txt, in one output file)
# Env:
#   DEPECHE_FORMATS_DIR  folder holding check_export.sh
#                        (default: ../shared/formats beside the repository)
#   SOURCE_DATE_EPOCH    creationdate of the TMX (default 0)
#   NO_OMEGAT=1          passed on: skip the OmegaT runs
#   KEEP=1               keep the output folder and print its path
#
# Without check_export.sh it falls back to xmllint (well-formedness, and the
# TMX DTD copied in tests/data) and Python's json module.  Every check
# prints one line PASS|FAIL|WARN|SKIP; exit 1 on any FAIL, including a
# missing driver or a missing xmllint: it never passes without checking.
set -u
ROOT=$(cd "$(dirname "$0")/../.." && pwd)
DRIVER=${1:-}
[ $# -ge 1 ] && shift
if [ $# -gt 0 ]; then INPUTS=("$@")
else INPUTS=("$ROOT/tests/data/hostile.txt" "$ROOT/tests/data/second.txt"
             "$ROOT/tests/data/empty.txt"); fi
FORMATS_DIR=${DEPECHE_FORMATS_DIR:-$ROOT/../shared/formats}
CHECKER=$FORMATS_DIR/check_export.sh
DATE=${SOURCE_DATE_EPOCH:-0}
FAILS=0

line() { # STATUS TOOL CHECK [REASON]
  printf '%s [%s] %s%s\n' "$1" "$2" "$3" "${4:+: $4}"
  [ "$1" = FAIL ] && FAILS=$((FAILS + 1))
  return 0
}

SELFTEST=0
[ "$DRIVER" = --selftest ] && SELFTEST=1
if [ $SELFTEST = 0 ] && { [ -z "$DRIVER" ] || [ ! -x "$DRIVER" ]; }; then
  line FAIL driver exists "export_driver not found or not executable: '$DRIVER'"
  exit 1
fi
for f in "${INPUTS[@]}"; do
  [ -f "$f" ] || { line FAIL input exists "$f not found"; exit 1; }
done

OUT=$(mktemp -d "${TMPDIR:-/tmp}/depeche-export.XXXXXX")
if [ "${KEEP:-0}" = 1 ]; then echo "# output in $OUT"
else trap 'rm -rf "$OUT"' EXIT; fi

CLI=0
[ "$(basename -- "$DRIVER")" = depeche ] && CLI=1

write() { # FORMAT FILE [DRIVER OPTIONS...]
  local fmt=$1 file=$2; shift 2
  local err
  if [ $CLI = 1 ]; then
    # The CLI names Moses output PREFIX.<language subtag>; --meta is the
    # driver's own (the pipeline finds the real metadata).
    local args=() a
    for a in "$@"; do [ "$a" = --meta ] || args+=("$a"); done
    [ "$fmt" = moses ] && file=${file%.fr}
    if ! err=$("$DRIVER" prep --lossy --to "$fmt" --date "$DATE" \
               ${args[@]+"${args[@]}"} -o "$file" "${INPUTS[@]}" 2>&1); then
      line FAIL depeche "prep --to $fmt" "$(echo "$err" | head -2 | tr '\n' ' ')"
      return 1
    fi
    return 0
  fi
  if ! err=$("$DRIVER" "$fmt" "$file" --time "$DATE" "$@" "${INPUTS[@]}" 2>&1); then
    line FAIL export_driver "$fmt" "$err"
    return 1
  fi
}

# The shared checker: relay its lines, count its FAILs.
check() { # LABEL ARGS...
  local label=$1; shift
  echo "# $label"
  local out rc
  out=$("$CHECKER" "$@" 2>&1); rc=$?
  printf '%s\n' "$out" | grep -v '^# [0-9]* failure' 
  local n; n=$(printf '%s\n' "$out" | grep -c '^FAIL ')
  FAILS=$((FAILS + n))
  if [ "$rc" -ne 0 ] && [ "$n" -eq 0 ]; then
    line FAIL checker "$label" "check_export.sh exited $rc without a FAIL line"
  fi
}

# Without the checker: what xmllint and python can tell.
fallback_xml() { # LABEL FILE [--dtdvalid DTD]
  local label=$1 file=$2; shift 2
  echo "# $label (fallback)"
  if err=$(xmllint --noout --nonet "$@" "$file" 2>&1); then
    line PASS xmllint "well-formed${1:+ and valid ($(basename "$2"))}"
  else
    line FAIL xmllint "well-formed${1:+ and valid}" "$(echo "$err" | head -2 | tr '\n' ' ')"
  fi
}

fallback_lines() { # LABEL FILE KIND
  echo "# $1 (fallback)"
  if ! command -v python3 >/dev/null; then
    line FAIL python3 "$3" "python3 not found: cannot check"
    return
  fi
  local r
  r=$(python3 - "$2" "$3" <<'PY'
import json, re, sys
data = open(sys.argv[1], 'rb').read()
try:
    text = data.decode('utf-8')
except UnicodeDecodeError as e:
    print('FAIL utf-8 at byte %d' % e.start); sys.exit()
bad = re.search('[\x00-\x08\x0b-\x1f\ufffe\uffff\r\x85\u2028\u2029]', text)
if bad:
    print('FAIL control or line-break character U+%04X' % ord(bad.group())); sys.exit()
if text and not text.endswith('\n'):
    print('FAIL no final newline'); sys.exit()
if sys.argv[2] == 'jsonl':
    keys = ['doc', 'seg', 'kind', 'text', 'start', 'end', 'findings']
    for i, l in enumerate(text.splitlines(), 1):
        try:
            o = json.loads(l)
        except ValueError as e:
            print('FAIL line %d is not JSON (%s)' % (i, e)); sys.exit()
        if not isinstance(o, dict) or list(o) != keys:
            print('FAIL line %d is not an object with keys %s' % (i, keys))
            sys.exit()
print('PASS %d lines' % len(text.splitlines()))
PY
  )
  # Anything but a PASS line (a crash, no output) is a failure.
  case $r in
    PASS\ *) line PASS python3 "$3" "${r#* }" ;;
    FAIL\ *) line FAIL python3 "$3" "${r#* }" ;;
    *) line FAIL python3 "$3" "checker gave no verdict: $(printf '%s' "$r" | head -c 200)" ;;
  esac
}

# --selftest: the line checks must reject what is wrong.  Each bad file
# has to FAIL and the good one to PASS; exit 1 otherwise.
if [ $SELFTEST = 1 ]; then
  T=$OUT
  good='{"doc":"d","seg":1,"kind":"body","text":"Bonjour.","start":0,"end":8,"findings":[]}'
  printf '%s\n' "$good" >"$T/good.jsonl"
  printf '%s\n' "$good" '{"doc":"d","seg":2,' >"$T/truncated.jsonl"
  printf '%s\n' '{"doc":"d" "seg":1}' >"$T/no-comma.jsonl"
  printf '%s\n' '[1, 2]' >"$T/array.jsonl"
  printf '%s\n' '{"doc":"d","seg":1}' >"$T/keys.jsonl"
  printf '%s' "$good" >"$T/no-newline.jsonl"
  wrong=0
  expect() { # VERDICT FILE
    local got; got=$(FAILS=0; fallback_lines "$2" "$T/$2" jsonl | tail -1)
    echo "$got"
    case $got in "$1 "*) ;; *) echo "selftest: $2 should be $1" >&2; wrong=1 ;; esac
  }
  expect PASS good.jsonl
  for f in truncated no-comma array keys no-newline; do expect FAIL $f.jsonl; done
  exit $wrong
fi

# Plain text has no client in the checker: the same byte rules as Moses.
write text "$OUT/hostile.txt" && fallback_lines "text $OUT/hostile.txt" "$OUT/hostile.txt" text

if [ -x "$CHECKER" ]; then
  write tmx "$OUT/hostile.tmx" --notes --meta &&
    check "tmx" "$OUT/hostile.tmx" tmx fr-FR
  write xliff "$OUT/hostile.xlf" --notes --meta &&
    check "xliff 1.2" "$OUT/hostile.xlf" xliff12 fr-FR
  write xliff "$OUT/hostile-copy.xlf" --notes --meta --copy-source --target-lang en-GB &&
    check "xliff 1.2 --copy-source" "$OUT/hostile-copy.xlf" xliff12 fr-FR en-GB
  write xliff2 "$OUT/hostile.xlf2" --notes --meta &&
    check "xliff 2.1" "$OUT/hostile.xlf2" xliff20 fr-FR
  write xliff2 "$OUT/hostile-copy.xlf2" --notes --meta --copy-source --target-lang en-GB &&
    check "xliff 2.1 --copy-source" "$OUT/hostile-copy.xlf2" xliff20 fr-FR en-GB
  write moses "$OUT/hostile.fr" &&
    check "moses" "$OUT/hostile" moses fr -
  write tsv "$OUT/hostile.tsv" && check "tsv" "$OUT/hostile.tsv" tsv
  write jsonl "$OUT/hostile.jsonl" --notes && check "jsonl" "$OUT/hostile.jsonl" jsonl
else
  line WARN checker found "$CHECKER absent (set DEPECHE_FORMATS_DIR): fallback checks only"
  if ! command -v xmllint >/dev/null; then
    line FAIL xmllint found "xmllint not installed (libxml2-utils): XML exports unchecked"
  else
    write tmx "$OUT/hostile.tmx" --notes --meta &&
      fallback_xml tmx "$OUT/hostile.tmx" --dtdvalid "$ROOT/tests/data/tmx14.dtd"
    write xliff "$OUT/hostile.xlf" --notes --meta --copy-source &&
      fallback_xml "xliff 1.2" "$OUT/hostile.xlf"
    write xliff2 "$OUT/hostile.xlf2" --notes --meta --copy-source --target-lang en-GB &&
      fallback_xml "xliff 2.1" "$OUT/hostile.xlf2"
  fi
  write moses "$OUT/hostile.fr" && fallback_lines moses "$OUT/hostile.fr" moses
  write tsv "$OUT/hostile.tsv" && fallback_lines tsv "$OUT/hostile.tsv" tsv
  write jsonl "$OUT/hostile.jsonl" --notes && fallback_lines jsonl "$OUT/hostile.jsonl" jsonl
fi

echo "# $FAILS failure(s)"
[ "$FAILS" -eq 0 ]
