#!/usr/bin/python3
#
# po-tool.py
#
# Copyright 2026 The Cercle developers
#
# SPDX-License-Identifier: GPL-3.0-or-later

"""Keep po/ in step with the sources.

  po-tool.py potfiles [--write]   list the files with translatable strings
                                  (and write po/POTFILES with --write)
  po-tool.py pot FILE             extract a fresh template into FILE
  po-tool.py update               merge a fresh template into every po/LL.po
  po-tool.py check                fail unless POTFILES lists every file with
                                  strings and every LL.po translates every
                                  string of a fresh template (no fuzzy, no
                                  untranslated, msgfmt --check clean)
"""

import argparse
import os
import re
import subprocess
import sys
import tempfile

DOMAIN = 'cercle'

# Same keywords and flags as meson's i18n.gettext(preset: 'glib').
XGETTEXT_ARGS = [
    '--from-code=UTF-8',
    '--add-comments',
    '--keyword=_',
    '--keyword=N_',
    '--keyword=C_:1c,2',
    '--keyword=NC_:1c,2',
    '--keyword=g_dcgettext:2',
    '--keyword=g_dngettext:2,3',
    '--keyword=g_dpgettext2:2c,3',
    '--flag=N_:1:pass-c-format',
    '--flag=C_:2:pass-c-format',
    '--flag=NC_:2:pass-c-format',
    '--flag=g_dngettext:2:pass-c-format',
    '--flag=g_strdup_printf:1:c-format',
    '--flag=g_string_printf:2:c-format',
    '--flag=g_string_append_printf:2:c-format',
    '--flag=g_error_new:3:c-format',
    '--flag=g_set_error:4:c-format',
    '--flag=g_markup_printf_escaped:1:c-format',
    '--flag=g_log:3:c-format',
    '--flag=g_print:1:c-format',
    '--flag=g_printerr:1:c-format',
    '--flag=g_printf:1:c-format',
    '--flag=g_fprintf:2:c-format',
    '--flag=g_sprintf:2:c-format',
    '--flag=g_snprintf:3:c-format',
]

# Data files always listed, whatever they contain.
DATA_FILES = [
    'data/io.github.cercle.Cercle.desktop.in',
    'data/io.github.cercle.Cercle.metainfo.xml.in',
    'data/io.github.cercle.Cercle.gschema.xml.in',
]

C_MARKERS = re.compile(r'(?<![A-Za-z0-9_])(?:_|N_|C_|NC_|ngettext|g_dngettext|g_dpgettext2)\s*\(')
UI_MARKERS = re.compile(r'translatable\s*=\s*["\']yes["\']')


def srcdir_default():
    return os.path.dirname(os.path.dirname(os.path.abspath(__file__)))


def run(cmd, **kwargs):
    return subprocess.run(cmd, check=False, text=True,
                          stdout=subprocess.PIPE, stderr=subprocess.STDOUT, **kwargs)


def files_with_strings(srcdir):
    found = []
    for top in ('src',):
        for root, dirs, files in os.walk(os.path.join(srcdir, top)):
            dirs[:] = sorted(d for d in dirs if not d.startswith('.'))
            for name in sorted(files):
                path = os.path.join(root, name)
                rel = os.path.relpath(path, srcdir)
                try:
                    with open(path, encoding='utf-8') as f:
                        text = f.read()
                except (UnicodeDecodeError, OSError):
                    continue
                if name.endswith('.c') and C_MARKERS.search(text):
                    found.append(rel)
                elif name.endswith('.ui') and UI_MARKERS.search(text):
                    found.append(rel)
    return DATA_FILES + found


def read_potfiles(srcdir):
    entries = []
    with open(os.path.join(srcdir, 'po', 'POTFILES'), encoding='utf-8') as f:
        for line in f:
            line = line.strip()
            if line and not line.startswith('#'):
                entries.append(line)
    return entries


def read_linguas(srcdir):
    langs = []
    with open(os.path.join(srcdir, 'po', 'LINGUAS'), encoding='utf-8') as f:
        for line in f:
            line = line.split('#', 1)[0]
            langs.extend(line.split())
    return langs


def make_pot(srcdir, output):
    potfiles = [p for p in read_potfiles(srcdir) if os.path.exists(os.path.join(srcdir, p))]
    with tempfile.NamedTemporaryFile('w', suffix='.list', delete=False) as lst:
        lst.write('\n'.join(potfiles) + '\n')
        list_path = lst.name
    try:
        cmd = ['xgettext', '--package-name=' + DOMAIN, '--msgid-bugs-address=https://github.com/cercle/cercle/issues',
               '--directory=' + srcdir, '--files-from=' + list_path,
               '--output=' + output] + XGETTEXT_ARGS
        r = run(cmd)
        if r.returncode != 0:
            sys.stderr.write(r.stdout)
            raise SystemExit('xgettext failed')
    finally:
        os.unlink(list_path)


def cmd_potfiles(args):
    wanted = files_with_strings(args.srcdir)
    if args.write:
        with open(os.path.join(args.srcdir, 'po', 'POTFILES'), 'w', encoding='utf-8') as f:
            f.write('# List of source files containing translatable strings.\n')
            f.write('# Regenerate with: build-aux/po-tool.py potfiles --write\n')
            f.write('\n'.join(wanted) + '\n')
    else:
        print('\n'.join(wanted))
    return 0


def cmd_pot(args):
    make_pot(args.srcdir, args.output)
    return 0


def cmd_update(args):
    with tempfile.TemporaryDirectory() as tmp:
        pot = os.path.join(tmp, DOMAIN + '.pot')
        make_pot(args.srcdir, pot)
        for lang in read_linguas(args.srcdir):
            po = os.path.join(args.srcdir, 'po', lang + '.po')
            r = run(['msgmerge', '--quiet', '--update', '--backup=none', '--no-fuzzy-matching', po, pot])
            sys.stdout.write(r.stdout)
            r = run(['msgattrib', '--no-obsolete', '--output-file=' + po, po])
            sys.stdout.write(r.stdout)
            r = run(['msgfmt', '--check', '--statistics', '--output-file=/dev/null', po])
            print('{}: {}'.format(lang, r.stdout.strip()))
    return 0


def untranslated_msgids(po):
    """msgids that are untranslated or fuzzy, for a readable report."""
    r = run(['msgattrib', '--untranslated', '--no-obsolete', po])
    r2 = run(['msgattrib', '--only-fuzzy', '--no-obsolete', po])
    ids = []
    for out in (r.stdout, r2.stdout):
        for m in re.finditer(r'^msgid ((?:".*"\n)+)', out, re.M):
            text = ''.join(re.findall(r'"(.*)"', m.group(1)))
            if text:
                ids.append(text)
    return ids


def cmd_check(args):
    failures = 0
    ntest = 0

    def ok(cond, what, detail=''):
        nonlocal failures, ntest
        ntest += 1
        print('{} {} - {}'.format('ok' if cond else 'not ok', ntest, what))
        if not cond:
            failures += 1
            for line in detail.rstrip().splitlines():
                print('# ' + line)

    listed = read_potfiles(args.srcdir)
    missing_files = [p for p in listed if not os.path.exists(os.path.join(args.srcdir, p))]
    ok(not missing_files, 'every file in po/POTFILES exists', '\n'.join(missing_files))

    unlisted = [p for p in files_with_strings(args.srcdir) if p not in listed]
    ok(not unlisted, 'po/POTFILES lists every file with translatable strings',
       'not listed (run build-aux/po-tool.py potfiles --write):\n' + '\n'.join(unlisted))

    with tempfile.TemporaryDirectory() as tmp:
        pot = os.path.join(tmp, DOMAIN + '.pot')
        make_pot(args.srcdir, pot)
        for lang in read_linguas(args.srcdir):
            po = os.path.join(args.srcdir, 'po', lang + '.po')
            r = run(['msgfmt', '--check', '--statistics', '--output-file=/dev/null', po])
            stats = r.stdout.strip()
            clean = r.returncode == 0 and 'untranslated' not in stats and 'fuzzy' not in stats
            ok(clean, '{}.po: msgfmt --check: {}'.format(lang, stats.splitlines()[-1] if stats else ''),
               stats + '\n' + '\n'.join('untranslated or fuzzy: ' + i for i in untranslated_msgids(po)))

            # Every string of a fresh template must be translated in LL.po.
            # msgcmp ignores fuzzy and untranslated entries of LL.po by default.
            r = run(['msgcmp', po, pot])
            ok(r.returncode == 0, '{}.po translates every string of a fresh template'.format(lang),
               r.stdout + '(run build-aux/po-tool.py update, then translate)')

    print('1..{}'.format(ntest))
    return 1 if failures else 0


def main():
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument('--srcdir', default=srcdir_default())
    sub = parser.add_subparsers(dest='command', required=True)
    p = sub.add_parser('potfiles')
    p.add_argument('--write', action='store_true')
    p.set_defaults(func=cmd_potfiles)
    p = sub.add_parser('pot')
    p.add_argument('output')
    p.set_defaults(func=cmd_pot)
    sub.add_parser('update').set_defaults(func=cmd_update)
    sub.add_parser('check').set_defaults(func=cmd_check)
    args = parser.parse_args()
    args.srcdir = os.path.abspath(args.srcdir)
    return args.func(args)


if __name__ == '__main__':
    sys.exit(main())
