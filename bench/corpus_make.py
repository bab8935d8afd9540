#!/usr/bin/env python3
"""corpus_make.py -- a JSONL corpus of distinct French documents for
bench/corpus.sh, built from the eval text.

    corpus_make.py OUT.jsonl MB [SEED]

Sentences come from the French side of the WMT dev documents
(../shared/eval/align/wmt_dev/*.fr) and the UD French GSD dev text
(../shared/eval/seg/dev_gsd.raw.txt), or from the files named in $DEV
(colon-separated).  Each document gets a headline, then 2 to 14 paragraphs of
2 to 6 sentences drawn in a seeded random order, one of which carries a
number of the document's own: no two documents, and no two paragraphs, are
copies, so neither the clean stage's dedup nor a cache sees repeats.
Documents range from a few hundred bytes to tens of kilobytes."""
import glob
import json
import os
import random
import re
import sys


def sentences(paths):
    out = []
    for path in paths:
        with open(path, encoding="utf-8", errors="replace") as f:
            for line in f:
                out += [s for s in re.split(r"(?<=[.?!…])\s+", line.strip())
                        if len(s) > 3]
    return out


def main():
    out, mb = sys.argv[1], float(sys.argv[2])
    rng = random.Random(int(sys.argv[3]) if len(sys.argv) > 3 else 13)
    here = os.path.dirname(os.path.abspath(__file__))
    shared = os.path.join(here, "..", "..", "shared", "eval")
    paths = (os.environ["DEV"].split(":") if os.environ.get("DEV") else
             sorted(glob.glob(os.path.join(shared, "align", "wmt_dev", "*.fr")))
             + [os.path.join(shared, "seg", "dev_gsd.raw.txt")])
    sents = sentences(paths)
    if not sents:
        sys.exit("corpus_make.py: no sentences in %s" % paths)
    size, n = int(mb * 1e6), 0
    with open(out, "w", encoding="utf-8") as f:
        written = 0
        while written < size:
            n += 1
            paras = ["%s (%d)" % (rng.choice(sents), n)]
            for p in range(rng.randint(2, 14)):
                k = rng.randint(2, 6)
                chosen = [rng.choice(sents) for _ in range(k)]
                chosen.insert(rng.randint(0, k), "Le relevé %d.%d compte %d "
                              "entrées." % (n, p, rng.randint(2, 99999)))
                paras.append(" ".join(chosen))
            text = "\n\n".join(paras) + "\n"
            line = json.dumps({"id": "doc%d" % n, "text": text},
                              ensure_ascii=False) + "\n"
            f.write(line)
            written += len(text.encode("utf-8"))


if __name__ == "__main__":
    main()
