#!/usr/bin/python3
#
# test-shortcuts.py
#
# Copyright 2026 The Cercle developers
#
# SPDX-License-Identifier: GPL-3.0-or-later

"""Every keyboard shortcut of the app is in its shortcuts window.

  test-shortcuts.py SRCDIR

Reads the shortcuts the sources set (gtk_widget_class_add_binding_action()
and gtk_application_set_accels_for_action() in src/app) and the ones
src/app/cercle-shortcuts-window.ui lists, and prints TAP: one line per shortcut
of the sources. The keys a widget handles itself (the month grid's arrows)
are listed by hand and not checked.
"""

import glob
import os
import re
import sys

MODIFIERS = {'GDK_CONTROL_MASK': '<Control>', 'GDK_ALT_MASK': '<Alt>',
             'GDK_SHIFT_MASK': '<Shift>', 'GDK_SUPER_MASK': '<Super>'}


def normalize(accel):
    mods = sorted(re.findall(r'<(\w+)>', accel))
    key = re.sub(r'<\w+>', '', accel)
    mods = ['Control' if m in ('Control', 'Primary', 'Ctrl') else m for m in mods]
    return ''.join('<{}>'.format(m) for m in sorted(mods)) + key.lower()


def from_sources(srcdir):
    found = {}
    for path in glob.glob(os.path.join(srcdir, 'src', 'app', '**', '*.c'), recursive=True):
        with open(path, encoding='utf-8') as f:
            text = f.read()
        rel = os.path.relpath(path, srcdir)
        for key, mask, action in re.findall(
                r'gtk_widget_class_add_binding_action\s*\(\s*\w+,\s*GDK_KEY_(\w+),\s*([\w |]+),\s*"([^"]+)"',
                text):
            mods = ''.join(MODIFIERS.get(m.strip(), '') for m in mask.split('|'))
            found.setdefault(normalize(mods + key), []).append('{} ({})'.format(action, rel))
        for accels in re.findall(r'\{\s*((?:"[^"]+",\s*)+)NULL\s*\}', text):
            for accel in re.findall(r'"([^"]+)"', accels):
                if accel.startswith('<') or len(accel) == 1:
                    found.setdefault(normalize(accel), []).append(rel)
    return found


def from_overlay(srcdir):
    with open(os.path.join(srcdir, 'src', 'app', 'cercle-shortcuts-window.ui'), encoding='utf-8') as f:
        text = f.read()
    listed = set()
    for accels in re.findall(r'<property name="accelerator">([^<]+)</property>', text):
        accels = accels.replace('&lt;', '<').replace('&gt;', '>')
        listed.update(normalize(a) for a in accels.split())
    return listed


def main():
    if len(sys.argv) != 2:
        print('Bail out! usage: test-shortcuts.py SRCDIR')
        return 1
    srcdir = sys.argv[1]
    found = from_sources(srcdir)
    listed = from_overlay(srcdir)
    failed = 0
    n = 0
    if not found:
        print('not ok 1 - the sources set shortcuts (the patterns found none)')
        print('1..1')
        return 1
    for accel in sorted(found):
        n += 1
        if accel in listed:
            print('ok {} - {} is in the shortcuts window'.format(n, accel))
        else:
            failed += 1
            print('not ok {} - {} is in the shortcuts window'.format(n, accel))
            print('# set by {}'.format(', '.join(found[accel])))
    # the shortcuts window itself: the application binds Ctrl+? to win.show-help-overlay
    n += 1
    ok = normalize('<Control>question') in listed
    failed += not ok
    print('{}ok {} - the shortcuts window lists its own shortcut'.format('' if ok else 'not ', n))
    print('1..{}'.format(n))
    return 1 if failed else 0


if __name__ == '__main__':
    sys.exit(main())
