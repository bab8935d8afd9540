#!/usr/bin/env python3
"""eval_norm.py [--depeche PATH] [--cases FILE] [-v]

Runs `depeche normalize --profile P` on every case of
../shared/eval/norm/cases.tsv (profile translator = our typo, mt = mt,
both = each) and prints the pass rate and each failure."""
import argparse, os, re, subprocess, sys

here = os.path.dirname(os.path.abspath(__file__))
ap = argparse.ArgumentParser()
ap.add_argument('--depeche', default=os.path.join(here, '..', 'build', 'depeche'))
ap.add_argument('--cases', default=os.path.join(here, '..', '..', 'shared', 'eval', 'norm', 'cases.tsv'))
ap.add_argument('-v', action='store_true')
args = ap.parse_args()

def unescape(s):
    def rep(m):
        t = m.group(0)
        if t[1] in 'uU':
            return chr(int(t[2:], 16))
        return {'\\\\': '\\', '\\t': '\t', '\\n': '\n', '\\r': '\r'}[t]
    return re.sub(r'\\U[0-9A-Fa-f]{8}|\\u[0-9A-Fa-f]{4}|\\[\\tnr]', rep, s)

def show(s):
    return ''.join(c if c.isprintable() and c not in '\u00a0\u202f' else '\\u%04X' % ord(c) for c in s)

total = passed = 0
for line in open(args.cases, encoding='utf-8'):
    if line.startswith('#') or line.startswith('id\t'):
        continue
    cid, profile, inp, exp = line.rstrip('\n').split('\t')[:4]
    profiles = {'translator': ['typo'], 'mt': ['mt'], 'both': ['typo', 'mt']}[profile]
    for p in profiles:
        total += 1
        r = subprocess.run([args.depeche, 'normalize', '--profile', p],
                           input=unescape(inp).encode(), capture_output=True)
        got = r.stdout.decode('utf-8', 'replace')
        if got.endswith('\n') and not unescape(inp).endswith('\n'):
            got = got[:-1]
        if got == unescape(exp):
            passed += 1
        else:
            print('FAIL %s [%s]\n  in   %s\n  got  %s\n  want %s' % (cid, p, show(unescape(inp)), show(got), show(unescape(exp))))
print('%d/%d passed (%.1f %%)' % (passed, total, 100.0 * passed / total))
