#!/bin/sh
# What the commands accept as input, the same way in each.
#
# One definition of a line and of a paragraph for every command (issue 11,
# src/utf8.h): a line ends at LF, CR, CRLF, U+2028 or U+2029; a paragraph
# at U+2029 or a blank line (spaces, NBSP, a soft hyphen...).  `segment`
# and `prep --to text --no-clean --profile minimal` print the same bytes,
# and `spell` counts the same lines.
. "$(dirname "$0")/lib.sh"
LS=$(printf '\342\200\250')
PS=$(printf '\342\200\251')
NBSP=$(printf '\302\240')
printf 'Un. Deux.\nTrois.\n\nQuatre.\n   \nCinq.\r\nSix.\rSept.\n' >"$TMP/breaks.txt"
printf 'Ligne%sdeux. Fin.%sAutre paragraphe.\n%s\t\nDernier.' \
    "$LS" "$PS" "$NBSP" >"$TMP/separators.txt"
printf '\r\n\r\nDébut.%s%sMilieu.\r\rFin.\r\n\r\n' "$PS" "$PS" \
    >"$TMP/edges.txt"
printf 'Le gouvernment.%sUne décission.%sLa populasion.\r\nUn tst.\rFin.\n' \
    "$LS" "$PS" >"$TMP/spell.txt"

for f in breaks separators edges spell; do
    run "$DEPECHE" segment "$TMP/$f.txt"
    expect_rc 0 "segment $f"
    cp "$TMP/out" "$TMP/$f.segment"
    run "$DEPECHE" prep --to text --no-clean --profile minimal "$TMP/$f.txt"
    expect_rc 0 "prep $f"
    checks=$((checks + 1))
    cmp -s "$TMP/out" "$TMP/$f.segment" || {
        fail "segment and prep --to text --no-clean differ on $f"
        diff "$TMP/$f.segment" "$TMP/out" >&2
    }
done

# The definition itself, not only agreement: where paragraphs break.
run "$DEPECHE" segment "$TMP/separators.txt"
printf 'Ligne\ndeux.\nFin.\n\nAutre paragraphe.\n\nDernier.\n' >"$TMP/want"
expect_out_file "$TMP/want" "U+2028 ends a line, U+2029 and an NBSP line a paragraph"
run "$DEPECHE" segment "$TMP/edges.txt"
printf 'Début.\n\nMilieu.\n\nFin.\n' >"$TMP/want"
expect_out_file "$TMP/want" "leading, repeated and trailing breaks"

# spell's line:column, against lines counted here by the same definition.
run "$DEPECHE" spell --to jsonl "$TMP/spell.txt"
checks=$((checks + 1))
python3 - "$TMP/out" "$TMP/spell.txt" <<'PY' || fail "spell line numbers"
import json, re, sys
text = open(sys.argv[2], encoding='utf-8', newline='').read()
data = text.encode('utf-8')
starts = [0] + [m.end() for m in re.finditer('\r\n|\r|\n|\u2028|\u2029', text)]
found = [json.loads(l) for l in open(sys.argv[1], encoding='utf-8')]
assert len(found) >= 4, found
for f in found:
    at = len(data[:f['start']].decode('utf-8'))
    line = max(i for i, s in enumerate(starts) if s <= at)
    assert (f['line'], f['col']) == (line + 1, at - starts[line] + 1), f
words = {f['word']: f['line'] for f in found}
assert words.get('populasion') == 3 and words.get('tst') == 4, words
PY

# --lang names dictionary files: only a BCP-47 tag gets there (issue 18).
printf 'Un. Deux.\n' >"$TMP/short.txt"
for tag in ../../x fr/FR '' f fr- -fr fr-FR-x 'fr FR' verylonglanguage; do
    for cmd in prep spell; do
        run "$DEPECHE" $cmd --lang "$tag" "$TMP/short.txt"
        expect_rc 2 "$cmd --lang '$tag'"
        expect_err_grep "invalid language tag" "$cmd --lang '$tag' says why"
    done
done
for tag in fr fr-FR fr_FR fr-CA fr-1996; do
    run "$DEPECHE" prep --to text --lang "$tag" "$TMP/short.txt"
    expect_rc 0 "prep --lang $tag"
done

# English text gets English abbreviations (dicts/en/abbrev.txt).
printf 'Mr. Smith met Dr. Jones at 9 a.m. The talks ended. Smith et al. The end.\n' \
    >"$TMP/en.txt"
run "$DEPECHE" segment --lang en-US "$TMP/en.txt"
printf 'Mr. Smith met Dr. Jones at 9 a.m.\nThe talks ended.\nSmith et al.\nThe end.\n' \
    >"$TMP/want"
expect_out_file "$TMP/want" "segment --lang en-US"
run "$DEPECHE" segment --lang ../x "$TMP/en.txt"
expect_rc 2 "segment --lang ../x"
expect_err_grep "invalid language tag" "segment --lang ../x says why"

# UTF-16 and UTF-32 are named, with the way out, by every command (exit 3).
printf 'Un. Deux.\n' | iconv -f UTF-8 -t UTF-16LE >"$TMP/body16"
printf '\377\376' | cat - "$TMP/body16" >"$TMP/utf16le.txt"
printf 'Un. Deux.\n' | iconv -f UTF-8 -t UTF-32BE >"$TMP/body32"
printf '\0\0\376\377' | cat - "$TMP/body32" >"$TMP/utf32be.txt"
for f in utf16le:UTF-16LE utf32be:UTF-32BE; do
    for cmd in segment prep clean spell normalize 'segment --lossy' \
        'prep --lossy'; do
        run "$DEPECHE" $cmd "$TMP/${f%%:*}.txt"
        expect_rc 3 "$cmd on ${f#*:}"
        expect_err_grep "byte 0: ${f#*:} text .*iconv -f UTF-" \
            "$cmd names ${f#*:}"
    done
done
finish
