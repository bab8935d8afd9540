#!/usr/bin/env bash
# HTML input tests.  Usage: run.sh HTML_DUMP [DEPECHE]
#  - each pages/NAME.html gives html_dump -v's output in pages/NAME.expected
#    (charset, metadata, then every block with its verdict and bytes);
#  - through the CLI: clean --explain tiles the page (the "text" fields
#    put together give the page back, byte for byte), binary data fails
#    with the byte offset, a huge attribute and a truncated page are read.
set -u
dump=$1
cli=${2:-}
here=$(cd "$(dirname "$0")" && pwd)
tmp=$(mktemp -d)
trap 'rm -rf "$tmp"' EXIT
fail=0
for page in "$here"/pages/*.html; do
    expected=${page%.html}.expected
    [ -f "$expected" ] || continue
    if ! "$dump" -v "$page" > "$tmp/out" 2>&1 ||
        ! diff -u "$expected" "$tmp/out"; then
        echo "FAIL: $(basename "$page")"
        fail=1
    fi
done
# Binary data: refused at the first NUL, with its offset.
if "$dump" "$here/pages/binary.html" 2> "$tmp/err" ||
    ! grep -q "byte 15: NUL byte" "$tmp/err"; then
    echo "FAIL: binary page not refused at byte 15"
    fail=1
fi
# A 300 kB attribute value: read in one pass, the text after it kept.
python3 -c "
import sys
sys.stdout.write('<!DOCTYPE html><html><body><div data-x=\"' + 'a' * 300000 +
    '\"><p>Apr\u00e8s un attribut immense, le texte de la page reste lisible.</p></div></body></html>')
" > "$tmp/huge.html"
if ! "$dump" "$tmp/huge.html" | grep -q "reste lisible"; then
    echo "FAIL: text after a huge attribute lost"
    fail=1
fi
if [ -n "$cli" ]; then
    for page in "$here"/pages/*.html "$tmp/huge.html"; do
        case $page in */binary.html) continue ;; esac
        "$cli" clean --explain --in html "$page" > "$tmp/explain" || {
            echo "FAIL: clean --explain $(basename "$page")"
            fail=1
            continue
        }
        python3 - "$tmp/explain" "$page" <<'PY' || { echo "FAIL: tiling of $(basename "$page")"; fail=1; }
import json, sys
recs = [json.loads(l) for l in open(sys.argv[1], encoding='utf-8')]
blocks = [r for r in recs if 'start' in r]
page = open(sys.argv[2], 'rb').read()
pos = 0
for b in blocks:
    assert b['start'] == pos, (b, pos)
    assert b['action'] == 'keep' or b['reason'], b
    pos = b['end']
assert pos == len(page), (pos, len(page))
# The texts are the page's bytes where the page is UTF-8.
if b'\xe9' not in page:
    assert ''.join(b['text'] for b in blocks).encode() == page
PY
    done
    # The article's text, decoded, through clean; the headline first.
    "$cli" clean "$here/pages/article.html" > "$tmp/clean"
    if ! head -1 "$tmp/clean" | grep -qx "Réforme des retraites : le vote repoussé" ||
        grep -q "cookies\|Accueil\|Tous droits\|caché\|AFP" "$tmp/clean"; then
        echo "FAIL: clean of article.html"; cat "$tmp/clean"
        fail=1
    fi
    # Detected by its opening; --in text reads it as text.
    if "$cli" clean --in text "$here/pages/article.html" | grep -q "<p>"; then :; else
        echo "FAIL: --in text"
        fail=1
    fi
    # CL-W, text scrapes: chrome phrases and copyright lines are dropped.
    printf 'Le maire a inauguré la nouvelle école du quartier lundi matin.\nNous utilisons des cookies pour améliorer votre expérience.\n© 2024 Le Quotidien\nLes élèves feront leur rentrée en septembre.\n' > "$tmp/scrape.txt"
    "$cli" clean "$tmp/scrape.txt" > "$tmp/scrape.out"
    if grep -q "cookies\|©" "$tmp/scrape.out" || ! grep -q "rentrée" "$tmp/scrape.out"; then
        echo "FAIL: CL-W on a text scrape"; cat "$tmp/scrape.out"
        fail=1
    fi
    # CL-W, a page saved as text: the menus, tags and footer links around
    # the article go, a subheading inside it stays.
    "$cli" clean --in text "$here/pages/scrape.txt" > "$tmp/scrape2.out"
    if ! diff -u "$here/pages/scrape.expected.txt" "$tmp/scrape2.out"; then
        echo "FAIL: CL-W article of a text scrape"
        fail=1
    fi
    # prep: segments with offsets into the page's bytes.
    "$cli" prep --to jsonl "$here/pages/article.html" -o "$tmp/prep.jsonl" 2> /dev/null
    python3 - "$tmp/prep.jsonl" "$here/pages/article.html" <<'PY' || { echo "FAIL: prep offsets"; fail=1; }
import json, sys
page = open(sys.argv[2], 'rb').read()
segs = [json.loads(l) for l in open(sys.argv[1], encoding='utf-8')]
assert segs[0]['kind'] == 'title', segs[0]
s = [x for x in segs if x['text'].startswith('Les discussions')][0]
assert page[s['start']:s['end']].decode() == s['text'], s
e = [x for x in segs if x['text'].startswith('Le gouvernement')][0]
assert page[e['end'] - 1:e['end']] == b'.', e
PY
fi
exit $fail
