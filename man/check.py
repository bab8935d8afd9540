#!/usr/bin/env python3
"""check.py DEPECHE PAGE -- depeche(1) renders cleanly and says what --help says.

man -l (else groff -man) must render PAGE without a warning, and each
command of `DEPECHE --help` must have its section in the rendered page,
naming every option `DEPECHE help COMMAND` lists, and the exit statuses
the general help gives must be in EXIT STATUS.  Exits 77 (skipped) when
neither man nor groff is installed.
"""
import os
import re
import shutil
import subprocess
import sys

ENV = dict(os.environ, LC_ALL='C.UTF-8', MANWIDTH='80', MAN_KEEP_FORMATTING='',
           MANPAGER='cat', PAGER='cat')


def help_text(exe, *args):
    return subprocess.run([exe, *args], check=True, capture_output=True,
                          text=True).stdout


def render(page):
    """The page as text, or None when nothing can render it; stops on
    any warning."""
    if shutil.which('man'):
        cmd = ['man', '--warnings=w', '-l', page]
    elif shutil.which('groff'):
        cmd = ['groff', '-man', '-Tutf8', '-ww', page]
    else:
        return None
    r = subprocess.run(cmd, capture_output=True, text=True, env=ENV)
    if r.returncode != 0 or r.stderr.strip():
        sys.exit('%s: status %d, warnings:\n%s' % (' '.join(cmd),
                                                   r.returncode, r.stderr))
    text = re.sub(r'.\x08', '', r.stdout)  # overstrikes, if any
    # Dashes as some troffs draw \- and -: typed options are ASCII.
    return text.replace('\u2212', '-').replace('\u2010', '-')


def sections(text):
    """{subsection title: its text} for the page's .SS headings."""
    found, title = {}, None
    for line in text.split('\n'):
        m = re.match(r'^   (\S.*)$', line)
        if m:
            title = m.group(1).strip()
            found[title] = ''
        elif re.match(r'^\S', line):
            title = None
        elif title:
            found[title] += line + '\n'
    return found


def option_names(help_out):
    """Every option an indented option line of the help names."""
    names = set()
    for line in help_out.split('\n'):
        m = re.match(r'^  (-\S.*?)(?:  |$)', line)
        if m:
            names.update(re.findall(r'(?<![\w-])(--?[a-z][\w-]*)', m.group(1)))
    return names


def mentions(text, option):
    return re.search(r'(?<![\w-])' + re.escape(option) + r'(?![\w-])', text)


def main():
    exe, page = sys.argv[1], sys.argv[2]
    text = render(page)
    if text is None:
        print('neither man nor groff is installed')
        return 77
    general = help_text(exe, '--help')
    listing = re.search(r'^commands:\n((?:  .*\n)+)', general, re.M)
    commands = [l.split()[0] for l in listing.group(1).splitlines()]
    by_section = sections(text)
    problems = []
    for command in commands:
        body = by_section.get(command)
        if body is None:
            problems.append('no section for the command ' + command)
            continue
        options = option_names(help_text(exe, 'help', command))
        if not options:
            problems.append('depeche help %s lists no option' % command)
        problems += ['%s: %s is not in its section' % (command, o)
                     for o in sorted(options) if not mentions(body, o)]
    status = re.search(r'^EXIT STATUS\n(.*?)(?:^\S|\Z)', text, re.M | re.S)
    codes = re.findall(r'(?:^|,)\s*(\d+)\s', re.search(
        r'^exit status:(.*?)(?:\n\n|\Z)', general, re.M | re.S | re.I).group(1))
    for code in codes:
        if not status or not re.search(r'^\s+%s\s' % code, status.group(1), re.M):
            problems.append('exit status %s is not in EXIT STATUS' % code)
    if not codes:
        problems.append('depeche --help gives no exit status')
    for p in problems:
        print(p)
    return 1 if problems else 0


if __name__ == '__main__':
    sys.exit(main())
