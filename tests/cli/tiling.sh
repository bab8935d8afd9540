#!/bin/sh
# Nothing lost: on every test document, the blocks of `clean --explain`
# tile the input exactly (their byte ranges follow each other from 0 to the
# end, and their texts, concatenated, are the file).
. "$(dirname "$0")/lib.sh"
for f in "$TESTS_DIR"/data/*.txt; do
    run "$DEPECHE" clean --explain --lossy "$f"
    expect_rc 0 "clean --explain $(basename "$f")"
    checks=$((checks + 1))
    python3 - "$TMP/out" "$f" <<'PY' || fail "$(basename "$f") is not tiled"
import json, sys
data = open(sys.argv[2], 'rb').read()
at = 0
for line in open(sys.argv[1], encoding='utf-8'):
    r = json.loads(line)
    if 'meta' in r:
        continue
    assert r['start'] == at, (r, at)
    piece = data[r['start']:r['end']].decode('utf-8', 'replace')
    assert piece == r['text'], (piece, r['text'])
    at = r['end']
assert at == len(data), (at, len(data))
PY
done
finish
