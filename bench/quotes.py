#!/usr/bin/env python3
"""quotes.py [--depeche PATH] FILE... -- how `typo` reads straight quotes.

For each line of the inputs that holds an even number of straight double
quotes and no other double quote, the quotes pair up in order (open, close,
open, ...); `depeche normalize --profile typo` must write « » in that order
on the same output line: a quote written the other way is a
quote-direction error.  Then `depeche prep --profile typo --to jsonl`
splits the files, and a segment that starts with a closing quote (» ” or a
straight one that closes) is counted.  Lines with an odd count are left
out of the first figure (their pairing is unknown) but not of the second.
Prints the counts and each error with its file and line."""
import argparse, json, os, subprocess, sys

here = os.path.dirname(os.path.abspath(__file__))
ap = argparse.ArgumentParser()
ap.add_argument('--depeche', default=os.path.join(here, '..', 'build', 'depeche'))
ap.add_argument('files', nargs='+')
args = ap.parse_args()

OTHER = '«»“”„'
pairs = lines_checked = quotes_checked = direction_errors = 0
examples = []
for path in args.files:
    src = open(path, encoding='utf-8').read().split('\n')
    out = subprocess.run([args.depeche, 'normalize', '--profile', 'typo', path],
                         capture_output=True, check=True).stdout.decode().split('\n')
    if len(out) != len(src):
        sys.exit(f'{path}: {len(src)} lines in, {len(out)} out')
    for no, (a, b) in enumerate(zip(src, out), 1):
        n = a.count('"')
        if n == 0 or n % 2 or any(c in a for c in OTHER):
            continue
        got = [c for c in b if c in '«»"']
        want = ['«', '»'] * (n // 2)
        lines_checked += 1
        quotes_checked += n
        bad = sum(1 for g, w in zip(got, want) if g != w) + abs(len(got) - len(want))
        if bad:
            direction_errors += bad
            examples.append(f'{path}:{no}: {b}')

segments = closing_starts = 0
jsonl = subprocess.run([args.depeche, 'prep', '--profile', 'typo', '--no-spell',
                        '--to', 'jsonl'] + args.files,
                       capture_output=True, check=True).stdout.decode()
for line in jsonl.splitlines():
    rec = json.loads(line)
    if 'text' not in rec:
        continue
    segments += 1
    t = rec['text'].lstrip()
    if t[:1] in ('»', '”'):
        closing_starts += 1
        examples.append(f"{rec['doc']} seg {rec['seg']}: {t}")

print(f'files {len(args.files)}  lines with paired straight quotes {lines_checked}'
      f'  quotes {quotes_checked}  direction errors {direction_errors}')
print(f'segments {segments}  starting with a closing quote {closing_starts}')
for e in examples:
    print('  ' + e)
