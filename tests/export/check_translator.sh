#!/usr/bin/env bash
# check_translator.sh - the translator's path, end to end: `depeche prep`
# with its default options on a real dispatch, to TMX and XLIFF 1.2, read by
# the real clients (shared/formats/check_export.sh: xmllint, translate-toolkit,
# OmegaT headless).  Asserts that OmegaT loads the TMX and shows every
# segment of the XLIFF, that translate-toolkit counts no copied source as a
# translation and keeps the notes (xliff2po "#." comments), that names are
# notes only with --notes=all, and that the XLIFF has a <group> a paragraph.
#
# Usage: check_translator.sh DEPECHE INPUT
# Env:
#   DEPECHE_FORMATS_DIR  folder holding check_export.sh
#                        (default: ../shared/formats beside the repository,
#                        then /work/shared/formats)
#   NO_OMEGAT=1          skip the test (exit 77) rather than run OmegaT
# A missing OmegaT or translate-toolkit is a failure, not a skip:
# tools/bootstrap.sh installs them all.  A missing shared checker (it is
# not the project's own) is a skip.
set -u
ROOT=$(cd "$(dirname "$0")/../.." && pwd)
DEPECHE=${1:-}
INPUT=${2:-}
# The shared checker sits beside the repository (../shared/formats) on the
# project's machines; a clone elsewhere may not have it.
CHECKER=
for dir in ${DEPECHE_FORMATS_DIR:-} "$ROOT/../shared/formats" /work/shared/formats; do
  [ -x "$dir/check_export.sh" ] && { CHECKER=$dir/check_export.sh; break; }
done
FAILS=0

line() { # STATUS TOOL CHECK [REASON]
  printf '%s [%s] %s%s\n' "$1" "$2" "$3" "${4:+: $4}"
  [ "$1" = FAIL ] && FAILS=$((FAILS + 1))
  return 0
}
expect() { # CHECK CONDITION-STATUS REASON
  if [ "$2" = 0 ]; then line PASS translator "$1"
  else line FAIL translator "$1" "$3"; fi
}

if [ "${NO_OMEGAT:-0}" = 1 ]; then
  echo "SKIP [translator] NO_OMEGAT=1: the translator's path needs OmegaT"
  exit 77
fi
[ -x "$DEPECHE" ] || { line FAIL depeche exists "'$DEPECHE'"; exit 1; }
[ -f "$INPUT" ] || { line FAIL input exists "'$INPUT'"; exit 1; }
if [ -z "$CHECKER" ]; then
  # Not a pass: said as a skip, counted as one in CI's last line.
  echo "SKIP [checker] shared/formats/check_export.sh is not on this machine (set DEPECHE_FORMATS_DIR)"
  exit 77
fi
[ -f /usr/share/omegat/OmegaT.jar ] || { line FAIL omegat installed "/usr/share/omegat/OmegaT.jar (package omegat)"; exit 1; }
for tool in xliff2po pocount; do
  command -v "$tool" >/dev/null || { line FAIL "$tool" installed "translate-toolkit"; exit 1; }
done

OUT=$(mktemp -d "${TMPDIR:-/tmp}/depeche-translator.XXXXXX")
trap 'rm -rf "$OUT"' EXIT

prep() { # OUTPUT [OPTIONS...]: the summary line on stdout
  local out=$1; shift
  "$DEPECHE" prep "$@" -o "$out" "$INPUT" 2>&1 >/dev/null
}
# check_export.sh's lines, relayed; its FAILs count here.
check() { # FILE KIND
  local out
  out=$("$CHECKER" "$@" 2>&1)
  printf '%s\n' "$out" | sed 's/^/  /'
  FAILS=$((FAILS + $(printf '%s\n' "$out" | grep -c '^FAIL ')))
  CHECK_OUT=$out
}

sum=$(prep "$OUT/article.tmx") || { line FAIL depeche "prep" "$sum"; exit 1; }
segs=$(printf '%s\n' "$sum" | sed -n 's/.* \([0-9][0-9]*\) segments.*/\1/p')
[ -n "$segs" ] && [ "$segs" -gt 0 ] || { line FAIL depeche summary "$sum"; exit 1; }
echo "# prep (tmx, defaults): $segs segments"
check "$OUT/article.tmx" tmx
printf '%s\n' "$CHECK_OUT" | grep -qE '^PASS \[omegat\] (load|tm-auto-match)'
expect "OmegaT loads the default TMX" $? "no PASS [omegat] line"

sum=$(prep "$OUT/article.xlf" --to xliff) || { line FAIL depeche "prep --to xliff" "$sum"; exit 1; }
echo "# prep --to xliff (defaults)"
check "$OUT/article.xlf" xliff12
printf '%s\n' "$CHECK_OUT" | grep -qE "^PASS \[omegat\] xliff-filter: .* sees $segs segments"
expect "OmegaT shows all $segs segments of the default XLIFF" $? \
  "$(printf '%s\n' "$CHECK_OUT" | grep '\[omegat\]')"

# A copied source is no translation for translate-toolkit.
translated=$(pocount "$OUT/article.xlf" 2>&1 | sed 's/\x1b\[[0-9;]*m//g' |
             awk '/^Translated:/{print $2; exit}')
[ "$translated" = 0 ]
expect "pocount counts no copied source as translated" $? "Translated: ${translated:-?}"

# One <group> a paragraph: as many as the text export has paragraphs.
"$DEPECHE" prep --to text --profile typo -o "$OUT/article.txt" "$INPUT" 2>/dev/null
paras=$(awk 'BEGIN{n=0; blank=1} /^$/{blank=1; next} {if (blank) n++; blank=0} END{print n}' "$OUT/article.txt")
groups=$(grep -c '<group id="p' "$OUT/article.xlf")
[ "$groups" = "$paras" ] && [ "$paras" -gt 1 ]
expect "a <group> a paragraph" $? "$groups groups, $paras paragraphs"

# Notes: the default keeps the advice, xliff2po keeps it as "#." comments;
# names only with --notes=all.
xliff2po --progress=none "$OUT/article.xlf" "$OUT/article.po" >/dev/null 2>&1
grep -q '^#\. accent: ' "$OUT/article.po" && ! grep -q '^#\. name: ' "$OUT/article.po"
expect "default notes: accent advice kept by xliff2po, no name notes" $? \
  "$(grep -c '^#\.' "$OUT/article.po") #. comments"
prep "$OUT/all.xlf" --to xliff --notes=all >/dev/null
xliff2po --progress=none "$OUT/all.xlf" "$OUT/all.po" >/dev/null 2>&1
grep -q '^#\. name: ' "$OUT/all.po"
expect "--notes=all: name notes kept by xliff2po" $? "no '#. name:' comment"

# The other choices: no copy on request; XLIFF 2 copies (state initial)
# only with a target language for trgLang, and stays valid either way.
prep "$OUT/bare.xlf" --to xliff --no-copy-source >/dev/null
! grep -q '<target' "$OUT/bare.xlf"
expect "--no-copy-source: no <target>" $? "$(grep -c '<target' "$OUT/bare.xlf") targets"
prep "$OUT/article.xlf2" --to xliff2 >/dev/null
! grep -q '<target' "$OUT/article.xlf2"
expect "xliff2 without --target-lang: sources only" $? "targets without trgLang"
prep "$OUT/en.xlf2" --to xliff2 --target-lang en-GB >/dev/null
[ "$(grep -c '<segment state="initial">' "$OUT/en.xlf2")" = "$segs" ]
expect "xliff2 --target-lang: $segs copied sources, state initial" $? \
  "$(grep -c '<segment state="initial">' "$OUT/en.xlf2") of $segs"
for f in article.xlf2 en.xlf2; do
  echo "# $f"
  check "$OUT/$f" xliff20
done
"$DEPECHE" prep --notes=names "$INPUT" >/dev/null 2>&1
[ $? = 2 ]
expect "--notes=names: a usage error (exit 2)" $? "not refused"

echo "# $FAILS failure(s)"
[ "$FAILS" -eq 0 ]
