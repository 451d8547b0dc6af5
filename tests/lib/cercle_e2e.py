#
# cercle_e2e.py
#
# Copyright 2026 The Cercle developers
#
# SPDX-License-Identifier: GPL-3.0-or-later

"""What the end-to-end tests share: TAP output, the session they run in,
and reading and driving the app through the accessibility tree.

GTK 4.8 reports neither SHOWING nor screen coordinates over AT-SPI, and has
no AT-SPI cache: every name, role and child is one D-Bus round trip, so the
helpers walk lazily and stop early.
"""

import os
import re
import sqlite3
import subprocess
import sys
import time

# libatspi warns about GTK 4's missing AT-SPI cache: neither process may
# abort on warnings (GLib reads G_DEBUG when it is loaded, before gi).
os.environ['G_DEBUG'] = ','.join(f for f in os.environ.get('G_DEBUG', '').split(',')
                                 if f and f not in ('fatal-warnings', 'fatal-criticals'))

UI_TIMEOUT = 15


class Tap:
    """TAP on the real stdout; anything else printed (dogtail's logger,
    libraries) goes to stderr, where it cannot break the TAP stream."""

    def __init__(self):
        self.out = os.fdopen(os.dup(1), 'w', buffering=1)
        os.dup2(2, 1)
        sys.stdout = sys.stderr
        self.start = time.monotonic()
        self.n_tests = 0
        self.n_failed = 0

    def ok(self, cond, what, diag=None):
        self.n_tests += 1
        if not cond:
            self.n_failed += 1
            # A picture of the screen at the first failure, when asked for
            shot = os.environ.get('CERCLE_E2E_SCREENSHOT')
            if shot and self.n_failed == 1:
                subprocess.run('xwd -root -silent | convert xwd:- "{}"'.format(shot), shell=True)
        self.out.write('{}ok {} - {} ({:.1f} s)\n'.format('' if cond else 'not ', self.n_tests, what,
                                                        time.monotonic() - self.start))
        if diag and not cond:
            self.note(diag)
        return cond

    def note(self, text):
        for line in str(text).rstrip().splitlines():
            self.out.write('# {}\n'.format(line))

    def plan(self):
        if self.n_tests:
            self.out.write('1..{}\n'.format(self.n_tests))

    def skip_all(self, why):
        self.out.write('1..0 # SKIP {}\n'.format(why))

    def reexec_in_session(self, script):
        """Run again under a virtual display and a private session bus."""
        if os.environ.get('CERCLE_E2E_NESTED'):
            return
        need_display = not os.environ.get('DISPLAY')
        need_bus = need_display or not os.environ.get('DBUS_SESSION_BUS_ADDRESS')
        if not need_display and not need_bus:
            return
        cmd = [sys.executable, os.path.abspath(script)] + sys.argv[1:]
        if need_bus:
            cmd = ['dbus-run-session', '--'] + cmd
        if need_display:
            cmd = ['xvfb-run', '-a', '-s', '-screen 0 1280x800x24'] + cmd
        env = dict(os.environ, CERCLE_E2E_NESTED='1')
        self.out.flush()
        os.dup2(self.out.fileno(), 1)
        os.execvpe(cmd[0], cmd, env)


def wait_for(predicate, timeout=UI_TIMEOUT, interval=0.25):
    deadline = time.monotonic() + timeout
    while True:
        try:
            result = predicate()
        except Exception:  # nodes come and go while the UI updates
            result = None
        if result or time.monotonic() > deadline:
            return result
        time.sleep(interval)


def walk(node, limit=20000, skip_roles=()):
    """Descendants, breadth first, yielded as they are read."""
    queue = [node]
    seen = 0
    while queue and seen < limit:
        n = queue.pop(0)
        try:
            children = n.children
        except Exception:
            continue
        for c in children:
            if c is None:
                continue
            seen += 1
            yield c
            if skip_roles and role_of(c) in skip_roles:
                continue
            queue.append(c)


def name_of(node):
    """The accessible name; GTK 4.8 names a button with a mnemonic by its
    raw label and its text ("_Save Save"): the text is what a person reads."""
    try:
        name = node.name or ''
    except Exception:
        return ''
    for i, c in enumerate(name):
        if c == ' ' and '_' in name[:i] and name[:i].replace('_', '') == name[i + 1:]:
            return name[i + 1:]
    return name


def role_of(node):
    try:
        return node.roleName or ''
    except Exception:
        return ''


def states(node):
    try:
        return set(node.getState().getStates())
    except Exception:
        return set()


def find(root, predicate, skip_roles=()):
    for n in walk(root, skip_roles=skip_roles):
        try:
            if predicate(n):
                return n
        except Exception:
            pass
    return None


def click_action(node):
    """Activate a control the way an assistive technology does."""
    for action in ('click', 'activate', 'press'):
        if action in node.actions:
            node.doActionNamed(action)
            return True
    return False


def window_origin(node):
    """Where the widget's window is on the screen: GTK 4.8 tells only
    window coordinates, and a dialog is placed over its parent."""
    top = node
    while top is not None and role_of(top) not in ('frame', 'dialog', 'window'):
        top = top.parent
    title = name_of(top) if top is not None else ''
    if not title:
        return 0, 0
    try:
        out = subprocess.run(['xwininfo', '-name', title], stdout=subprocess.PIPE,
                             stderr=subprocess.DEVNULL, text=True, timeout=10).stdout
        x = int(re.search(r'Absolute upper-left X:\s+(-?\d+)', out).group(1))
        y = int(re.search(r'Absolute upper-left Y:\s+(-?\d+)', out).group(1))
        return x, y
    except Exception:
        return 0, 0


def pointer_click(node):
    """Click in the middle of a widget: GTK 4.8 gives list rows no action."""
    import pyatspi
    from dogtail import rawinput
    x, y, w, h = node.queryComponent().getExtents(pyatspi.WINDOW_COORDS)
    ox, oy = window_origin(node)
    rawinput.click(ox + x + w // 2, oy + y + h // 2)


def focused(node):
    import pyatspi
    return (pyatspi.STATE_FOCUSED in states(node)
            or any(pyatspi.STATE_FOCUSED in states(c) for c in walk(node, 20)))


def type_into(node, text, replace=True):
    """Focus a text field and type, as a person does, replacing what it
    held unless told otherwise."""
    from dogtail import rawinput
    try:
        node.queryComponent().grabFocus()
    except Exception:
        pass
    if not wait_for(lambda: focused(node), 2):
        pointer_click(node)
        wait_for(lambda: focused(node), 3)
    if replace:
        rawinput.keyCombo('<Control>a')
    rawinput.typeText(text)


def find_application(tree, pid):
    for app in tree.root.applications():
        try:
            if app.get_process_id() == pid:
                return app
        except Exception:
            pass
    return None


def db_rows(path, sql, *args):
    """What the club file holds, read as another program would."""
    db = sqlite3.connect('file:{}?mode=ro'.format(path), uri=True)
    try:
        return db.execute(sql, args).fetchall()
    finally:
        db.close()


def app_env(tmp, lang_env='C.UTF-8'):
    """The app's environment: a locale, and data and settings of its own."""
    env = dict(os.environ)
    for var in ('LANGUAGE', 'LANG', 'LC_MESSAGES', 'NO_AT_BRIDGE', 'GTK_DEBUG',
                'CERCLE_QUIT_AFTER_FIRST_FRAME'):
        env.pop(var, None)
    env['LC_ALL'] = lang_env
    for xdg in ('XDG_DATA_HOME', 'XDG_CONFIG_HOME', 'XDG_CACHE_HOME', 'XDG_STATE_HOME'):
        env[xdg] = os.path.join(tmp, xdg.lower())
        os.makedirs(env[xdg], exist_ok=True)
    # No portal here: the file chooser is GTK's own
    env['GTK_USE_PORTAL'] = '0'
    return env
