#!/bin/sh
# snapshot_outputs.sh DEPECHE OUTDIR -- writes what every command prints on
# the sample and test documents (tests/data, tests/html/pages): prep in
# every format and profile, segment (fr and en), clean, normalize, spell.
# Run it with two builds and `diff -r` the folders to show a change kept
# every output byte-identical.  Run from the source root.
set -u
bin=$1
out=$2
mkdir -p "$out"
for f in tests/data/*.txt tests/data/*.md tests/html/pages/*; do
    n=$(basename "$f")
    for fmt in tmx xliff xliff2 moses tsv jsonl text; do
        for p in minimal typo mt; do
            SOURCE_DATE_EPOCH=1 "$bin" prep --to $fmt --profile $p --date 1 \
                "$f" >"$out/$n.$fmt.$p" 2>"$out/$n.$fmt.$p.err"
            echo $? >>"$out/$n.$fmt.$p.err"
        done
    done
    "$bin" segment "$f" >"$out/$n.seg" 2>&1
    "$bin" segment --lang en "$f" >"$out/$n.segen" 2>&1
    "$bin" clean "$f" >"$out/$n.clean" 2>&1
    "$bin" normalize --profile typo "$f" >"$out/$n.norm" 2>&1
    "$bin" spell "$f" >"$out/$n.spell" 2>&1
done
