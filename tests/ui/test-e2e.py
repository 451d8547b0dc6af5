#!/usr/bin/python3
#
# test-e2e.py
#
# Copyright 2026 The Cercle developers
#
# SPDX-License-Identifier: GPL-3.0-or-later

"""End-to-end test of the real app through the accessibility tree.

  test-e2e.py [--lang fr] CERCLE_BINARY

Makes a demo club with `cercle --create-demo`, opens it with
`cercle --database`, and drives the window as a person (or a screen reader)
would: switches to each page with the view switcher, checks that each page
shows rows from the database, searches the members for "helene" and checks
that the "Hélène …" members are listed, then closes the window.

Prints TAP. Needs an X display and a D-Bus session bus, with at-spi2-core
installed: without them it re-runs itself under xvfb-run and
dbus-run-session. When the app binary does not exist yet it reports a skip.

With --lang fr the app runs in French (LANGUAGE=fr, LC_ALL=fr_FR.UTF-8,
translations from $CERCLE_LOCALEDIR, the build tree's po/ dir), and the test
uses the French names of the pages and controls.
"""

import os
import re
import shutil
import sqlite3
import subprocess
import sys
import tempfile
import time
import unicodedata

# libatspi warns about GTK 4's missing AT-SPI cache, and GTK 4.8 about screen
# coordinates when the tree is probed: neither process may abort on warnings.
# (GLib reads G_DEBUG when it is loaded, so this comes before any import of gi.)
os.environ['G_DEBUG'] = ','.join(f for f in os.environ.get('G_DEBUG', '').split(',')
                                 if f and f not in ('fatal-warnings', 'fatal-criticals'))

SEARCH = 'helene'
PAGES = ('Members', 'Calendar', 'Referrals')
NAMES = {
    'en': {'Members': 'Members', 'Calendar': 'Calendar', 'Referrals': 'Referrals',
           'Search members': 'Search members', 'Close': 'Close'},
    'fr': {'Members': 'Membres', 'Calendar': 'Agenda', 'Referrals': 'Recommandations',
           'Search members': 'Rechercher des membres', 'Close': 'Fermer'},
}
LOCALES = {'en': 'C.UTF-8', 'fr': 'fr_FR.UTF-8'}
APP_START_TIMEOUT = 30
UI_TIMEOUT = 15

# TAP goes to the real stdout; anything else printed (dogtail's logger,
# libraries) goes to stderr so that it cannot break the TAP stream.
tap = os.fdopen(os.dup(1), 'w', buffering=1)
os.dup2(2, 1)
sys.stdout = sys.stderr

START = time.monotonic()
n_tests = 0
n_failed = 0


def ok(cond, what, diag=None):
    global n_tests, n_failed
    n_tests += 1
    if not cond:
        n_failed += 1
    tap.write('{}ok {} - {} ({:.1f} s)\n'.format('' if cond else 'not ', n_tests, what,
                                               time.monotonic() - START))
    if diag and not cond:
        for line in str(diag).rstrip().splitlines():
            tap.write('# {}\n'.format(line))
    return cond


def note(text):
    for line in str(text).rstrip().splitlines():
        tap.write('# {}\n'.format(line))


def bail(text):
    tap.write('Bail out! {}\n'.format(text))
    sys.exit(1)


def fold(text):
    """Lower case, without accents: "Hélène" -> "helene"."""
    text = unicodedata.normalize('NFKD', text or '')
    return ''.join(c for c in text if not unicodedata.combining(c)).casefold()


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


def reexec_in_session():
    """Run again under a virtual display and a private session bus if needed."""
    if os.environ.get('CERCLE_E2E_NESTED'):
        return
    need_display = not os.environ.get('DISPLAY')
    need_bus = need_display or not os.environ.get('DBUS_SESSION_BUS_ADDRESS')
    if not need_display and not need_bus:
        return
    cmd = [sys.executable, os.path.abspath(__file__)] + sys.argv[1:]
    if need_bus:
        if not shutil.which('dbus-run-session'):
            bail('dbus-run-session is missing (Debian package dbus)')
        cmd = ['dbus-run-session', '--'] + cmd
    if need_display:
        if not shutil.which('xvfb-run'):
            bail('no $DISPLAY and xvfb-run is missing (Debian package xvfb)')
        cmd = ['xvfb-run', '-a', '-s', '-screen 0 1280x800x24'] + cmd
    env = dict(os.environ, CERCLE_E2E_NESTED='1')
    tap.flush()
    os.dup2(tap.fileno(), 1)
    os.execvpe(cmd[0], cmd, env)


# ---------------------------------------------------------------------------
# The demo database, read directly, so that the test knows what to look for.

class Demo:
    def __init__(self, path):
        db = sqlite3.connect('file:{}?mode=ro'.format(path), uri=True)
        self.members = db.execute(
            'SELECT first_name, last_name, company, job_title, sector, city, offers, needs '
            'FROM member WHERE deleted = 0').fetchall()
        self.event_titles = sorted({r[0] for r in db.execute(
            'SELECT title FROM event WHERE deleted = 0') if r[0]})
        self.referral_texts = sorted({t for r in db.execute(
            'SELECT prospect_name, prospect_company, need FROM referral WHERE deleted = 0')
            for t in r if t})
        db.close()

    @staticmethod
    def full_name(m):
        return '{} {}'.format(m[0] or '', m[1] or '').strip()

    def matching_members(self, query):
        """Members that a prefix search for query must find (any field)."""
        q = fold(query)
        found = []
        for m in self.members:
            words = re.split(r'\W+', fold(' '.join(f or '' for f in m)))
            if any(w.startswith(q) for w in words):
                found.append(m)
        return found


# ---------------------------------------------------------------------------
# Accessibility helpers (GTK 4.8 reports neither SHOWING nor screen
# coordinates, so the test relies on names, roles, states and actions).

def states(node):
    return set(node.getState().getStates()) if node else set()


# Without an AT-SPI cache in GTK 4, every name, role and child is one D-Bus
# round trip: walk lazily, stop early, and skip the big lists when looking
# for controls.
LIST_ROLES = ('list', 'list box', 'table', 'tree table', 'tree')


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


def descendants(node, limit=20000):
    return list(walk(node, limit))


def find_first(node, predicate, skip_roles=()):
    for n in walk(node, skip_roles=skip_roles):
        try:
            if predicate(n):
                return n
        except Exception:
            pass
    return None


def name_of(node):
    try:
        return node.name or ''
    except Exception:
        return ''


def role_of(node):
    try:
        return node.roleName or ''
    except Exception:
        return ''


def text_of(node):
    """The node's name and the names of all its descendants."""
    return ' '.join(filter(None, [name_of(node)] + [name_of(d) for d in descendants(node, 200)]))


def find_application(tree, pid):
    for app in tree.root.applications():
        try:
            if app.get_process_id() == pid:
                return app
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


def focus_and_type(node, text):
    """Focus an entry (pointer click at its window position, or the
    Component interface) and type text with synthesized key events."""
    import pyatspi
    from dogtail import rawinput

    if pyatspi.STATE_FOCUSED not in states(node):
        try:
            component = node.queryComponent()
            x, y, w, h = component.getExtents(pyatspi.WINDOW_COORDS)
            # Without a window manager, Xvfb places the window at (0, 0).
            rawinput.click(x + w // 2, y + h // 2)
        except Exception as e:
            note('pointer click failed: {}'.format(e))
        if not wait_for(lambda: pyatspi.STATE_FOCUSED in states(node), 3):
            try:
                node.queryComponent().grabFocus()
            except Exception:
                pass
    focused = wait_for(lambda: pyatspi.STATE_FOCUSED in states(node), 3)
    rawinput.typeText(text)
    return focused


# ---------------------------------------------------------------------------

def main():
    reexec_in_session()

    args = sys.argv[1:]
    lang = 'en'
    if len(args) >= 2 and args[0] == '--lang':
        lang = args[1]
        args = args[2:]
    if len(args) != 1 or lang not in NAMES:
        bail('usage: test-e2e.py [--lang fr] CERCLE_BINARY')
    names = NAMES[lang]
    binary = os.path.abspath(args[0])
    if not os.access(binary, os.X_OK):
        tap.write('1..0 # SKIP the app is not built yet ({} does not exist)\n'.format(binary))
        return 0
    if lang != 'en':
        locales = subprocess.run(['locale', '-a'], stdout=subprocess.PIPE, text=True).stdout
        if LOCALES[lang].lower().replace('utf-8', 'utf8') not in locales.lower():
            tap.write('1..0 # SKIP the {} locale is missing (build-aux/dev makes it)\n'.format(
                LOCALES[lang]))
            return 0

    # dogtail reads the a11y GSettings key at import; GTK 4 needs no switch,
    # and the key may live in a memory backend here, so skip that check.
    from dogtail.config import config
    config.checkForA11y = False
    config.logDebugToFile = False
    config.logDebugToStdOut = False
    config.defaultDelay = 0.2
    config.actionDelay = 0.2
    config.typingDelay = 0.05
    config.searchCutoffCount = 10
    import pyatspi
    import dogtail.tree as tree

    tmp = tempfile.mkdtemp(prefix='cercle-e2e-')
    app_proc = None
    app_log = os.path.join(tmp, 'app.log')
    try:
        env = dict(os.environ)
        for var in ('LANGUAGE', 'LANG', 'LC_MESSAGES', 'GTK_A11Y', 'NO_AT_BRIDGE',
                    'CERCLE_QUIT_AFTER_FIRST_FRAME', 'GTK_DEBUG'):
            env.pop(var, None)
        env['LC_ALL'] = LOCALES[lang]
        if lang != 'en':
            env['LANGUAGE'] = lang
        for xdg in ('XDG_DATA_HOME', 'XDG_CONFIG_HOME', 'XDG_CACHE_HOME', 'XDG_STATE_HOME'):
            env[xdg] = os.path.join(tmp, xdg.lower())
            os.makedirs(env[xdg], exist_ok=True)
        if 'GSETTINGS_SCHEMA_DIR' not in env:
            schema_dir = os.path.join(os.path.dirname(os.path.dirname(os.path.dirname(binary))), 'data')
            if os.path.exists(os.path.join(schema_dir, 'gschemas.compiled')):
                env['GSETTINGS_SCHEMA_DIR'] = schema_dir

        # 1. A demo club, from the command line, without a display.
        db_path = os.path.join(tmp, 'demo.db')
        no_display = {k: v for k, v in env.items() if k not in ('DISPLAY', 'WAYLAND_DISPLAY')}
        r = subprocess.run([binary, '--create-demo', db_path], env=no_display, timeout=120,
                           stdin=subprocess.DEVNULL, stdout=subprocess.PIPE,
                           stderr=subprocess.STDOUT, text=True)
        if not ok(r.returncode == 0 and os.path.exists(db_path),
                  'cercle --create-demo makes a demo club (without a display)', r.stdout):
            return 1
        demo = Demo(db_path)
        helenes = demo.matching_members(SEARCH)
        ok(len(demo.members) > 0 and demo.event_titles and demo.referral_texts,
           'the demo club has members ({}), events ({}) and referrals ({})'.format(
               len(demo.members), len(demo.event_titles), len(demo.referral_texts)))
        ok(any(fold(m[0]).startswith(SEARCH) for m in helenes),
           'the demo club has a member named Hélène',
           'members matching "{}": {}'.format(SEARCH, [Demo.full_name(m) for m in helenes]))

        # 2. The app, on that club.
        with open(app_log, 'w') as log:
            app_proc = subprocess.Popen([binary, '--database', db_path], env=env,
                                        stdin=subprocess.DEVNULL, stdout=log, stderr=log)
        app = wait_for(lambda: find_application(tree, app_proc.pid) or app_proc.poll() is not None,
                       APP_START_TIMEOUT, 0.5)
        if app is True:  # the app exited
            app = None
        if not ok(app is not None, 'the app appears on the accessibility bus',
                  'exit status: {}'.format(app_proc.poll())):
            return 1
        note('accessible application name: {!r}'.format(name_of(app)))

        window = wait_for(lambda: next((c for c in app.children if role_of(c) == 'frame'), None))
        ok(window is not None, 'the main window is shown',
           'toplevels: {}'.format([(role_of(c), name_of(c)) for c in app.children]))
        if window is None:
            return 1

        # 3. Each page, through the view switcher, shows data of the club.
        # The view switchers (a wide one and a narrow one, both bound to the
        # same stack) are found once; their tabs are read from them.
        switchers = wait_for(lambda: [n for n in walk(window, skip_roles=LIST_ROLES)
                                      if role_of(n) == 'page tab list'])
        ok(bool(switchers), 'the window has a view switcher')

        def all_tabs():
            return [t for sw in (switchers or []) for t in sw.children
                    if role_of(t) == 'page tab']

        def tabs_named(name):
            return [t for t in all_tabs() if name_of(t) == name]

        def page_has(texts):
            wanted = [fold(t) for t in texts if t]
            for n in walk(window):
                name = fold(name_of(n))
                for t in wanted:
                    if t in name:
                        return t
            return None

        expected = {
            'Members': [Demo.full_name(m) for m in demo.members],
            'Calendar': demo.event_titles,
            'Referrals': demo.referral_texts,
        }
        for key in PAGES:
            page = names[key]
            tabs = wait_for(lambda: tabs_named(page) or (page != key and tabs_named(key)))
            if page != key and tabs and name_of(tabs[0]) == key:
                ok(True, 'the app is in {} # SKIP it shows English: it did not load the '
                   'translations (from $CERCLE_LOCALEDIR)'.format(lang))
                return 0
            if not ok(bool(tabs), 'the view switcher has a "{}" page'.format(page),
                      'page tabs: {}'.format([name_of(t) for t in all_tabs()])):
                continue
            # GTK 4.8 does not say which switcher is on screen (no SHOWING
            # state): a click on the tab of a hidden one does nothing, so try
            # each tab until the page is selected.
            selected = False
            for tab in tabs:
                click_action(tab)
                selected = wait_for(lambda: all(pyatspi.STATE_SELECTED in states(t)
                                                for t in tabs_named(page)), 2)
                if selected:
                    break
            ok(selected, 'the "{}" page is selected after a click on its tab'.format(page),
               'tabs: {}'.format([(name_of(t), sorted(str(x) for x in states(t)))
                                  for t in all_tabs()]))
            found = wait_for(lambda: page_has(expected[key]))
            ok(found, 'the "{}" page shows data from the club'.format(page),
               'none of {} ... found in the window'.format(expected[key][:5]))
            if found:
                note('{}: found {!r}'.format(page, found))

        # 3b. Ctrl+F, from another page, brings the member search forward
        # with the keyboard focus in it.
        from dogtail import rawinput
        rawinput.keyCombo('<Control>f')
        members_selected = wait_for(lambda: any(pyatspi.STATE_SELECTED in states(t)
                                                for t in tabs_named(names['Members'])), 5)
        ok(members_selected, 'Ctrl+F switches to the "{}" page'.format(names['Members']))
        search_focused = wait_for(lambda: find_first(
            window, lambda n: name_of(n) == names['Search members']
            and pyatspi.STATE_FOCUSED in states(n), LIST_ROLES), 5)
        ok(search_focused is not None,
           'Ctrl+F puts the keyboard focus in "{}"'.format(names['Search members']))

        # 4. Search the members for "helene".
        for tab in tabs_named(names['Members']):
            click_action(tab)
            if wait_for(lambda: pyatspi.STATE_SELECTED in states(tab), 2):
                break
        entry = wait_for(lambda: find_first(
            window, lambda n: name_of(n) == names['Search members'], LIST_ROLES))
        if ok(entry is not None,
              'the members page has a "{}" entry'.format(names['Search members'])):
            focused = focus_and_type(entry, SEARCH)
            if not focused:
                note('the search entry did not report keyboard focus')
            helene_names = [Demo.full_name(m) for m in helenes if fold(m[0]).startswith(SEARCH)]
            others = [Demo.full_name(m) for m in demo.members if m not in helenes]

            def helene_row():
                return find_first(window, lambda n: 'Hélène' in name_of(n) and role_of(n) in (
                    'list item', 'table row', 'table cell', 'label', 'push button', 'panel'))

            row = wait_for(helene_row)
            ok(row is not None, 'searching "{}" lists a member named "Hélène …"'.format(SEARCH),
               'expected one of {}'.format(helene_names))

            # The search filters: after it, the list holds only matches.
            if row is not None:
                lst = row
                while lst is not None and role_of(lst) not in ('list', 'list box', 'table', 'tree table', 'tree'):
                    lst = lst.parent

                def stray_rows():
                    if lst is None:
                        return []
                    stray = []
                    for item in lst.children:
                        text = text_of(item)
                        if any(o in text for o in others) and not any(
                                Demo.full_name(m) in text for m in helenes):
                            stray.append(text)
                    return stray

                stray = wait_for(lambda: not stray_rows(), 5) or stray_rows()
                ok(stray is True or not stray,
                   'the search leaves only matching members in the list',
                   'rows that do not match: {}'.format(stray[:5] if stray is not True else ''))

        # 5. Close the window: the app exits cleanly.
        close = find_first(window, lambda n: role_of(n) == 'push button'
                           and name_of(n) in (names['Close'], 'Close'), LIST_ROLES)
        if close is not None:
            click_action(close)
        else:
            rawinput.keyCombo('<Control>q')
        try:
            status = app_proc.wait(timeout=15)
        except subprocess.TimeoutExpired:
            status = None
        ok(status == 0, 'closing the window quits the app', 'exit status: {}'.format(status))
        return 0
    finally:
        if app_proc is not None and app_proc.poll() is None:
            app_proc.terminate()
            try:
                app_proc.wait(timeout=5)
            except subprocess.TimeoutExpired:
                app_proc.kill()
        if os.path.exists(app_log):
            with open(app_log, errors='replace') as f:
                log = f.read()
            criticals = [l for l in log.splitlines() if 'CRITICAL' in l]
            if criticals:
                note('the app logged {} critical(s):'.format(len(criticals)))
                note('\n'.join(criticals[:20]))
            sys.stderr.write('--- app output ---\n' + log)
        shutil.rmtree(tmp, ignore_errors=True)
        if n_tests:
            tap.write('1..{}\n'.format(n_tests))


if __name__ == '__main__':
    status = main()
    sys.exit(1 if (status or n_failed) else 0)
