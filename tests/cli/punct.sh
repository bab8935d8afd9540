#!/bin/sh
# Issue 17: no segment made only of punctuation, symbols or spaces reaches
# an export, and no text is lost for it.  A stray `.` or `»` after a
# sentence of its line ends that sentence; alone in its line it is no
# segment, and is reported ([DEPECHE-009] ... dropped TEXT) at its offset.
# For every format, with and without the clean stage: each segment has a
# letter or a digit, and the kept text's characters (spaces aside), less
# the reported ones, are the segments', in order.
. "$(dirname "$0")/lib.sh"
cat >"$TMP/bare.txt" <<'EOF'
Le ministre est arrivé hier soir à Paris. Il repart demain.
.
..
»

Il a parlé longtemps... . Puis il s'est tu. .

« Bonjour. » . « Il viendra demain. Nous verrons bien. »

Le texte s'arrête ici. . . .
. Puis il est reparti.

* * *

…

Fin de la dépêche & de l'article (suite) : 3 € !
EOF

check() { # FORMAT MODE: the checks above on $TMP/out and $TMP/err
    checks=$((checks + 1))
    python3 - "$1" "$2" "$TMP/bare.txt" "$TMP/out" "$TMP/err" "$TMP/explain" \
        <<'PY' || fail "prep --to $1 $2: a bare segment, or text lost"
import json, re, sys, unicodedata
import xml.etree.ElementTree as ET
fmt, mode, src, out, err, explain = sys.argv[1:]
data = open(src, 'rb').read()
text = open(out, encoding='utf-8').read()
if fmt in ('text', 'moses'):
    segs = [l for l in text.split('\n') if l]
elif fmt == 'tsv':
    segs = [l.split('\t')[5] for l in text.split('\n')[1:] if l]
elif fmt == 'jsonl':
    segs = [r['text'] for r in map(json.loads, text.splitlines()) if 'seg' in r]
else:
    root = ET.fromstring(text.encode('utf-8'))
    tag = 'seg' if fmt == 'tmx' else 'source'
    segs = [''.join(e.itertext()) for e in root.iter()
            if e.tag.split('}')[-1] == tag]
assert segs, 'no segment at all'
def word(c):
    cat = unicodedata.category(c)
    return cat[0] == 'L' or cat == 'Nd'
bare = [s for s in segs if not any(map(word, s))]
assert not bare, bare
# What was kept: everything, or the blocks clean --explain keeps.
kept = bytearray(b' ' * len(data))
if mode == '--no-clean':
    kept[:] = data
else:
    for r in map(json.loads, open(explain, encoding='utf-8')):
        if r.get('action') == 'keep':
            kept[r['start']:r['end']] = data[r['start']:r['end']]
drops = re.findall(r'byte (\d+): \[DEPECHE-009\] .*?dropped (.*)',
                   open(err, encoding='utf-8').read())
if mode == '--no-clean':
    assert len(drops) == 6, drops
for at, what in drops:
    at, what = int(at), what.encode('utf-8')
    assert kept[at:at + len(what)] == what, (at, what)
    kept[at:at + len(what)] = b' ' * len(what)
squeeze = lambda s: re.sub(r'\s', '', s)
want = squeeze(kept.decode('utf-8'))
got = squeeze(''.join(segs))
assert got == want, (got, want)
PY
}

run "$DEPECHE" clean --explain "$TMP/bare.txt"
expect_rc 0 "clean --explain"
cp "$TMP/out" "$TMP/explain"
for fmt in tmx xliff xliff2 moses tsv jsonl text; do
    for mode in --no-clean ''; do
        run "$DEPECHE" prep --to "$fmt" --profile minimal $mode "$TMP/bare.txt"
        expect_rc 0 "prep --to $fmt $mode"
        check "$fmt" "$mode"
    done
done

# The other profiles change the text (spaces, quotes), not the rule.
for fmt in tmx moses; do
    for profile in typo mt; do
        run "$DEPECHE" prep --no-clean --to "$fmt" --profile "$profile" \
            "$TMP/bare.txt"
        expect_rc 0 "prep --to $fmt --profile $profile"
        expect_err_grep '\[DEPECHE-009\]' "$fmt $profile reports drops"
        checks=$((checks + 1))
        python3 - "$fmt" "$TMP/out" <<'PY' || fail "$fmt $profile: bare segment"
import re, sys, unicodedata
text = open(sys.argv[2], encoding='utf-8').read()
if sys.argv[1] == 'tmx':
    text = '\n'.join(re.findall(r'<seg>(.*?)</seg>', text))
for line in text.splitlines():
    assert any(unicodedata.category(c)[0] == 'L' or
               unicodedata.category(c) == 'Nd' for c in line), line
PY
    done
done

# The splitter alone agrees with prep, and reports the same drops.
run "$DEPECHE" segment "$TMP/bare.txt"
expect_rc 0 "segment"
cp "$TMP/out" "$TMP/segment.out"
grep 'DEPECHE-009' "$TMP/err" >"$TMP/segment.err"
run "$DEPECHE" prep --to text --no-clean --profile minimal "$TMP/bare.txt"
expect_rc 0 "prep --to text --no-clean"
expect_out_file "$TMP/segment.out" "segment and prep --to text --no-clean"
checks=$((checks + 1))
grep 'DEPECHE-009' "$TMP/err" | cmp -s - "$TMP/segment.err" ||
    fail "segment and prep report different drops"
finish
