#!/usr/bin/env python3
"""make_memory_inputs.py -- the inputs of bench/memory.sh, built from the
eval text so that no two paragraphs repeat (the clean stage's dedup must not
hide the cost of a paragraph).

    make_memory_inputs.py DEV_TEXT OUT_DIR [BIG_MB]

Writes OUT_DIR/big.txt, one document of BIG_MB (default 200) megabytes: a
headline, then paragraphs of three to six sentences of DEV_TEXT drawn in a
seeded random order, each with a number of its own; and OUT_DIR/tiny.txt,
4 MB of one-sentence paragraphs, each numbered too.  Paragraphs are
separated by a blank line."""
import random
import re
import sys


def sentences(path):
    text = open(path, encoding="utf-8").read()
    out = []
    for line in text.splitlines():
        out += [s for s in re.split(r"(?<=[.?!])\s+", line.strip()) if s]
    return out


def write_big(sents, path, size, rng):
    n = 0
    with open(path, "w", encoding="utf-8") as f:
        f.write("Les chiffres de la semaine\n\n")
        written = 0
        while written < size:
            n += 1
            k = rng.randint(3, 6)
            chosen = [rng.choice(sents) for _ in range(k)]
            # A number of its own in every paragraph: never a repeat.
            chosen.insert(rng.randint(0, k),
                          "Le relevé %d compte %d entrées." % (n, rng.randint(2, 99999)))
            para = " ".join(chosen) + "\n\n"
            f.write(para)
            written += len(para.encode("utf-8"))


def write_tiny(sents, path, size, rng):
    short = [s for s in sents if len(s) < 80] or sents
    with open(path, "w", encoding="utf-8") as f:
        written, n = 0, 0
        while written < size:
            n += 1
            para = "%s (%d)\n\n" % (rng.choice(short), n)
            f.write(para)
            written += len(para.encode("utf-8"))


def main():
    dev, out = sys.argv[1], sys.argv[2]
    big_mb = int(sys.argv[3]) if len(sys.argv) > 3 else 200
    sents = sentences(dev)
    rng = random.Random(18)
    write_big(sents, out + "/big.txt", big_mb * 1000 * 1000, rng)
    write_tiny(sents, out + "/tiny.txt", 4 * 1000 * 1000, rng)


if __name__ == "__main__":
    main()
