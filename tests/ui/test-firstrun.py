#!/usr/bin/python3
#
# test-firstrun.py
#
# Copyright 2026 The Cercle developers
#
# SPDX-License-Identifier: GPL-3.0-or-later

"""A first run of the real app, through the accessibility tree, at 360 px
wide and in the dark style.

  test-firstrun.py [--lang fr] CERCLE_BINARY SCREENSHOT_DIR

Starts the app with no club (empty data and settings folders): the window
greets the user. Drives "Create a Local Club…" as a person would: a wrong
e-mail address is refused inline, then the club is created and its window
opens with the club's name. Then visits each page (members, a member's
profile, calendar, referrals), saves a screenshot of each into
SCREENSHOT_DIR and checks that no labelled control lies outside the window
(what is below the fold of a scrolled list may, what sticks out sideways may
not). Last, quits and starts the app again: it opens the new club at once.

With --lang fr the app runs in French (LANGUAGE=fr, LC_ALL=fr_FR.UTF-8,
translations from $CERCLE_LOCALEDIR, the build tree's po/ dir) and the test
looks for the French labels, as a French speaker reads them.

Prints TAP. Needs an X display and a D-Bus session bus with at-spi2-core:
without them it re-runs itself under xvfb-run and dbus-run-session. Reports
a skip when the app is not built.
"""

import glob
import os
import shutil
import sqlite3
import subprocess
import sys
import tempfile
import time

# GTK 4.8 warns while its tree is probed: no process may abort on warnings.
os.environ['G_DEBUG'] = ','.join(f for f in os.environ.get('G_DEBUG', '').split(',')
                                 if f and f not in ('fatal-warnings', 'fatal-criticals'))

WIDTH = 360
HEIGHT = 720
CLUB = 'Club des Dirigeants de Brest'
CITY = 'Brest'
FIRST, LAST = 'Maëlle', 'Le Goff'
EMAIL = 'maelle.legoff@exemple.fr'
# The labels a person reads, in each language the test runs in
NAMES = {
    'en': {'Join a Club…': 'Join a Club…', 'Create a Local Club…': 'Create a Local Club…',
           'Explore a Demo Club': 'Explore a Demo Club',
           'Create a Local Club': 'Create a Local Club', 'Club Name': 'Club Name',
           'City': 'City', 'First Name': 'First Name', 'Last Name': 'Last Name',
           'E-mail': 'E-mail', 'Create': 'Create', 'domain': 'domain',
           'Members': 'Members', 'Calendar': 'Calendar', 'Referrals': 'Referrals',
           'Messages': 'Messages', 'Back to Members': 'Back to Members'},
    'fr': {'Join a Club…': 'Rejoindre un club…', 'Create a Local Club…': 'Créer un club local…',
           'Explore a Demo Club': 'Découvrir un club de démo',
           'Create a Local Club': 'Créer un club local', 'Club Name': 'Nom du club',
           'City': 'Ville', 'First Name': 'Prénom', 'Last Name': 'Nom',
           'E-mail': 'Courriel', 'Create': 'Créer', 'domain': 'domaine',
           'Members': 'Membres', 'Calendar': 'Agenda', 'Referrals': 'Recommandations',
           'Messages': 'Messages', 'Back to Members': 'Retour aux membres'},
}
LOCALES = {'en': 'C.UTF-8', 'fr': 'fr_FR.UTF-8'}
APP_START_TIMEOUT = 30
UI_TIMEOUT = 15
# Roles of the controls a person acts on
CONTROL_ROLES = ('push button', 'toggle button', 'page tab', 'text', 'entry', 'check box',
                 'radio button', 'combo box', 'spin button', 'menu button', 'link', 'slider')
LIST_ROLES = ('list', 'list box', 'table', 'tree table', 'tree')

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


def states(node):
    return set(node.getState().getStates()) if node else set()


def inside(inner, outer):
    return (inner[0] >= outer[0] and inner[1] >= outer[1]
            and inner[0] + inner[2] <= outer[0] + outer[2]
            and inner[1] + inner[3] <= outer[1] + outer[3])


def hidden_by_squeezer(child, parent):
    """An AdwSqueezer shows the one child that fits it, a folded AdwLeaflet
    one of its pages; GTK 4.8 reports no SHOWING state, and the others keep
    a place beside or where they last were."""
    if not name_of(parent).startswith(('AdwSqueezer', 'AdwLeaflet')):
        return False
    pe, ce = extents(parent), extents(child)
    return bool(pe and ce and ce[2] > 0 and not inside(ce, pe))


def walk(node, limit=20000, skip_roles=(), skip_names=()):
    """Descendants, breadth first, with the path of their ancestors; what a
    squeezer hides is left out, and what is below a node of a role in
    @skip_roles or named one of @skip_names."""
    queue = [(node, ())]
    seen = 0
    while queue and seen < limit:
        n, path = queue.pop(0)
        try:
            children = n.children
        except Exception:
            continue
        for c in children:
            if c is None:
                continue
            if role_of(n) == 'filler' and hidden_by_squeezer(c, n):
                continue
            seen += 1
            yield c, path
            if skip_roles and role_of(c) in skip_roles:
                continue
            if skip_names and name_of(c) in skip_names:
                continue
            queue.append((c, path + (c,)))


def find_first(node, predicate, skip_roles=()):
    for n, _ in walk(node, skip_roles=skip_roles):
        try:
            if predicate(n):
                return n
        except Exception:
            pass
    return None


def named(node, name):
    """GTK 4.8 names a button with a label twice ("Create Create")."""
    n = name_of(node)
    return n == name or n == '{} {}'.format(name, name)


def extents(node):
    import pyatspi
    try:
        e = node.queryComponent().getExtents(pyatspi.WINDOW_COORDS)
        return (e.x, e.y, e.width, e.height)
    except Exception:
        return None


def find_application(tree, pid):
    for app in tree.root.applications():
        try:
            if app.get_process_id() == pid:
                return app
        except Exception:
            pass
    return None


def frames(app):
    return [c for c in app.children if role_of(c) in ('frame', 'dialog')]


def click_action(node):
    for action in ('click', 'activate', 'press'):
        if action in node.actions:
            node.doActionNamed(action)
            return True
    return False


def type_into(node, text, replace=False):
    """Focus an entry with a pointer click (windows sit at the top left
    corner without a window manager) and type, as a person does."""
    import pyatspi
    from dogtail import rawinput

    e = extents(node)
    if e:
        rawinput.click(e[0] + e[2] // 2, e[1] + e[3] // 2)
    if not wait_for(lambda: pyatspi.STATE_FOCUSED in states(node)
                    or any(pyatspi.STATE_FOCUSED in states(c) for c, _ in walk(node, 50)), 3):
        try:
            node.queryComponent().grabFocus()
        except Exception:
            pass
    if replace:
        rawinput.keyCombo('<Control>a')
        rawinput.pressKey('BackSpace')
    rawinput.typeText(text)


def grab(path, geometry):
    import gi
    gi.require_version('Gdk', '3.0')
    from gi.repository import Gdk

    x, y, w, h = geometry
    pixbuf = Gdk.pixbuf_get_from_window(Gdk.get_default_root_window(), x, y, w, h)
    if pixbuf is None:
        return False
    pixbuf.savev(path, 'png', [], [])
    return True


# The pages' views: GTK 4.8 names a widget with no label by its type
PAGE_VIEWS = {'Members': 'CercleMembersView', 'Calendar': 'CercleCalendarView',
              'Referrals': 'CercleReferralsView', 'Club': 'CercleClubView', 'Messages': 'CercleMessagesView'}


def outside_controls(window, page):
    """Labelled controls that lie outside the window: sideways at all, or
    above and below it unless a scrolled area holds them. The pages other
    than @page are not read: their controls have no size, and reading
    them took most of the test's time."""
    we = extents(window)
    if not we:
        return ['the window has no extents']
    _, _, width, height = we
    bad = []
    others = tuple(view for name, view in PAGE_VIEWS.items() if name != page)
    for node, path in walk(window, skip_names=others):
        if role_of(node) not in CONTROL_ROLES or not name_of(node):
            continue
        e = extents(node)
        # a control of a page not shown has no size (GTK 4.8 reports no
        # SHOWING state)
        if not e or e[2] <= 0 or e[3] <= 0:
            continue
        x, y, w, h = e
        scrolled = any(role_of(a) == 'scroll pane' for a in path)
        if x < 0 or x + w > width or (not scrolled and (y < 0 or y + h > height)):
            bad.append('{} "{}" at {} in a {}x{} window, states {}, ancestors {}'.format(
                role_of(node), name_of(node), e, width, height,
                sorted(str(s) for s in states(node)),
                [(role_of(a), name_of(a), sorted(str(s) for s in states(a))) for a in path[-4:]]))
    return bad


def write_settings(config_home):
    """The window's size, as if the user had left it 360 px wide."""
    folder = os.path.join(config_home, 'glib-2.0', 'settings')
    os.makedirs(folder, exist_ok=True)
    with open(os.path.join(folder, 'keyfile'), 'w') as f:
        f.write('[io/github/cercle/Cercle]\nwindow-width={}\nwindow-height={}\n'.format(
            WIDTH, HEIGHT))


def main():
    reexec_in_session()

    args = sys.argv[1:]
    lang = 'en'
    if len(args) >= 2 and args[0] == '--lang':
        lang = args[1]
        args = args[2:]
    if len(args) != 2 or lang not in NAMES:
        bail('usage: test-firstrun.py [--lang fr] CERCLE_BINARY SCREENSHOT_DIR')
    t = NAMES[lang]
    binary = os.path.abspath(args[0])
    shots = os.path.abspath(args[1])
    if not os.access(binary, os.X_OK):
        tap.write('1..0 # SKIP the app is not built yet ({} does not exist)\n'.format(binary))
        return 0
    if lang != 'en':
        locales = subprocess.run(['locale', '-a'], stdout=subprocess.PIPE, text=True).stdout
        if LOCALES[lang].lower().replace('utf-8', 'utf8') not in locales.lower():
            tap.write('1..0 # SKIP the {} locale is missing (build-aux/dev makes it)\n'.format(
                LOCALES[lang]))
            return 0
    os.makedirs(shots, exist_ok=True)

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
    from dogtail import rawinput

    tmp = tempfile.mkdtemp(prefix='cercle-firstrun-')
    procs = []
    app_log = os.path.join(tmp, 'app.log')
    try:
        env = dict(os.environ)
        for var in ('LANGUAGE', 'LANG', 'LC_MESSAGES', 'GTK_A11Y', 'NO_AT_BRIDGE', 'GTK_DEBUG',
                    'GTK_THEME'):
            env.pop(var, None)
        env['LC_ALL'] = LOCALES[lang]
        if lang != 'en':
            env['LANGUAGE'] = lang
        env['ADW_DEBUG_COLOR_SCHEME'] = 'prefer-dark'
        # Settings that outlive the process, so that a restart finds the club
        env['GSETTINGS_BACKEND'] = 'keyfile'
        for xdg in ('XDG_DATA_HOME', 'XDG_CONFIG_HOME', 'XDG_CACHE_HOME', 'XDG_STATE_HOME'):
            env[xdg] = os.path.join(tmp, xdg.lower())
            os.makedirs(env[xdg], exist_ok=True)
        if 'GSETTINGS_SCHEMA_DIR' not in env:
            schema_dir = os.path.join(os.path.dirname(os.path.dirname(os.path.dirname(binary))), 'data')
            env['GSETTINGS_SCHEMA_DIR'] = schema_dir
        write_settings(env['XDG_CONFIG_HOME'])

        def start():
            log = open(app_log, 'a')
            proc = subprocess.Popen([binary], env=env, stdin=subprocess.DEVNULL,
                                    stdout=log, stderr=log)
            procs.append(proc)
            app = wait_for(lambda: find_application(tree, proc.pid) or proc.poll() is not None,
                           APP_START_TIMEOUT, 0.5)
            return proc, (None if app is True else app)

        # 1. No club yet: the window greets the user.
        proc, app = start()
        if not ok(app is not None, 'the app starts with no club',
                  'exit status: {}'.format(proc.poll())):
            return 1
        window = wait_for(lambda: next(iter(frames(app)), None))
        greeting = (t['Join a Club…'], t['Create a Local Club…'], t['Explore a Demo Club'])

        def greeting_buttons():
            shown = {name_of(n): n for n, _ in walk(window, skip_roles=LIST_ROLES)
                     if role_of(n) == 'push button' and (extents(n) or (0, 0, 0, 0))[2] > 0}
            found = [shown.get(g) or shown.get('{} {}'.format(g, g)) for g in greeting]
            if not all(found):
                note('buttons shown: {}'.format(sorted(shown)))
            return found if all(found) else None

        buttons = window and wait_for(greeting_buttons)
        ok(buttons and all(buttons), 'the window greets the user with {}'.format(greeting),
           'buttons found: {}'.format(buttons))
        we = window and wait_for(lambda: extents(window), 5)
        ok(we and we[2] <= WIDTH, 'the window is {} px wide'.format(WIDTH),
           'extents: {}'.format(we))
        if we:
            grab(os.path.join(shots, 'greeting.png'), (0, 0, we[2], we[3]))
            bad = outside_controls(window, None)
            ok(not bad, 'no control of the greeting lies outside the window', '\n'.join(bad))

        # 2. Create a local club, as a person would.
        if not (buttons and buttons[1]):
            return 1
        click_action(buttons[1])
        dialog = wait_for(lambda: next((f for f in frames(app)
                                        if name_of(f) == t['Create a Local Club']), None))
        if not ok(dialog is not None, '"{}" opens its dialog'.format(t['Create a Local Club…']),
                  'windows: {}'.format([name_of(f) for f in frames(app)])):
            return 1
        fields = {}
        for title in ('Club Name', 'City', 'First Name', 'Last Name', 'E-mail'):
            fields[title] = wait_for(lambda label=t[title]: find_first(
                dialog, lambda n: role_of(n) == 'text' and name_of(n) == label))
        ok(all(fields.values()), 'the dialog asks for the club and its first staff member',
           'fields: {}'.format(fields))
        create = find_first(dialog, lambda n: role_of(n) == 'push button' and named(n, t['Create']))
        ok(create is not None and pyatspi.STATE_SENSITIVE not in states(create),
           'nothing can be created before anything is typed')

        type_into(fields['Club Name'], CLUB)
        type_into(fields['City'], CITY)
        type_into(fields['First Name'], FIRST)
        type_into(fields['Last Name'], LAST)
        type_into(fields['E-mail'], 'maelle.legoff@')
        error = wait_for(lambda: find_first(
            dialog, lambda n: role_of(n) == 'label' and t['domain'] in name_of(n)), 5)
        ok(error is not None and pyatspi.STATE_SENSITIVE not in states(create),
           'a wrong e-mail address is refused inline, and the club cannot be created yet',
           'labels: {}'.format([name_of(n) for n, _ in walk(dialog) if role_of(n) == 'label']))
        grab(os.path.join(shots, 'create-club-error.png'), extents(dialog) or (0, 0, 480, 620))
        type_into(fields['E-mail'], EMAIL, replace=True)
        sensitive = wait_for(lambda: pyatspi.STATE_SENSITIVE in states(create), 5)
        ok(sensitive, 'with a right e-mail address the club can be created')
        grab(os.path.join(shots, 'create-club.png'), extents(dialog) or (0, 0, 480, 620))
        try:
            click_action(create)
        except Exception as e:
            # GTK 4.8 may fail to answer while the dialog goes away (it
            # logs a critical about an object path): the click was made
            note('the click on "Create" got no answer: {}'.format(e))

        window = wait_for(lambda: next((f for f in frames(app) if name_of(f) == CLUB), None))
        if not ok(window is not None, 'the new club opens in a window named after it',
                  'windows: {}'.format([name_of(f) for f in frames(app)])):
            return 1
        ok(wait_for(lambda: len(frames(app)) == 1, 5),
           'the greeting is gone', 'windows: {}'.format([name_of(f) for f in frames(app)]))

        clubs = glob.glob(os.path.join(env['XDG_DATA_HOME'], 'cercle', '*.db'))
        row = None
        if ok(len(clubs) == 1, 'the club is one file in the data folder', clubs):
            db = sqlite3.connect('file:{}?mode=ro'.format(clubs[0]), uri=True)
            row = db.execute(
                "SELECT c.name, c.city, m.first_name, m.last_name, m.email, m.role"
                " FROM club c, member m, meta"
                " WHERE meta.key = 'local_member_id' AND meta.value = m.id").fetchone()
            db.close()
        ok(row == (CLUB, CITY, FIRST, LAST, EMAIL, 'staff'),
           'the club file holds the club and its first staff member, the local user',
           'row: {}'.format(row))

        # 3. Each page at 360 px in the dark style: a screenshot, and no
        # labelled control outside the window.
        # AT-SPI may fail for a moment while the dialog goes away
        we = wait_for(lambda: extents(window), 5)
        if not ok(we is not None and we[2] <= WIDTH, 'the club window is {} px wide'.format(WIDTH),
                  'extents: {}'.format(we)):
            return 1
        title = find_first(window, lambda n: role_of(n) == 'label' and name_of(n) == CLUB
                           and (extents(n) or (0, 0, 0, 0))[2] > 0, LIST_ROLES)
        ok(title is not None, 'the header shows the club\'s name at {} px'.format(WIDTH))
        tabs = [n for n, _ in walk(window, skip_roles=LIST_ROLES) if role_of(n) == 'page tab']
        shown_tabs = [tab for tab in tabs if (extents(tab) or (0, 0, 0, 0))[2] > 0]
        ok({t[p] for p in ('Members', 'Calendar', 'Referrals', 'Messages')}
           <= {name_of(tab) for tab in shown_tabs}
           and all(extents(tab)[1] > we[3] // 2 for tab in shown_tabs),
           'the view switcher is in a bar at the bottom',
           'tabs shown: {}'.format([(name_of(tab), extents(tab)) for tab in shown_tabs]))

        for page in ('Members', 'Calendar', 'Referrals'):
            tab = next((tab for tab in shown_tabs if name_of(tab) == t[page]), None)
            if tab is None:
                ok(False, 'the {} page can be shown'.format(page))
                continue
            click_action(tab)
            wait_for(lambda: pyatspi.STATE_SELECTED in states(tab), 3)
            time.sleep(1.5)
            grab(os.path.join(shots, '{}.png'.format(page.lower())), (0, 0, we[2], we[3]))
            bad = outside_controls(window, page)
            ok(not bad, 'no control of the {} page lies outside the window'.format(page),
               '\n'.join(bad))

        # A member's profile: on a narrow window, in place of the list
        members = next((tab for tab in shown_tabs if name_of(tab) == t['Members']), None)
        if members is not None:
            click_action(members)
            time.sleep(1)
            member = wait_for(lambda: find_first(window, lambda n: FIRST in name_of(n) and role_of(n) in (
                'list item', 'table row', 'table cell', 'label', 'push button', 'panel')
                and (extents(n) or (0, 0, 0, 0))[2] > 0))
            if ok(member is not None, 'the members page lists the staff member',
                  'list items: {}'.format([name_of(n) for n, _ in walk(window)
                                           if role_of(n) == 'list item'][:20])):
                e = extents(member)
                rawinput.click(e[0] + e[2] // 2, e[1] + e[3] // 2)
                back = wait_for(lambda: find_first(
                    window, lambda n: role_of(n) == 'push button' and named(n, t['Back to Members'])
                    and (extents(n) or (0, 0, 0, 0))[2] > 0, LIST_ROLES), 5)
                ok(back is not None, 'a member\'s profile takes the place of the list, with a '
                   '"{}" button'.format(t['Back to Members']))
                time.sleep(1)
                grab(os.path.join(shots, 'member.png'), (0, 0, we[2], we[3]))
                bad = outside_controls(window, 'Members')
                ok(not bad, 'no control of a member\'s profile lies outside the window',
                   '\n'.join(bad))
        note('screenshots in {}'.format(shots))

        # 4. Quit and start again: the club opens at once.
        rawinput.keyCombo('<Control>q')
        try:
            status = proc.wait(timeout=15)
        except subprocess.TimeoutExpired:
            status = None
        ok(status == 0, 'Ctrl+Q quits the app', 'exit status: {}'.format(status))

        proc, app = start()
        window = app and wait_for(lambda: next(iter(frames(app)), None))
        ok(window is not None and wait_for(lambda: name_of(window) == CLUB),
           'started again, the app opens the club it had open',
           'window: {}'.format(name_of(window)))
        rawinput.keyCombo('<Control>q')
        try:
            proc.wait(timeout=15)
        except subprocess.TimeoutExpired:
            pass
        return 0
    except Exception:
        import traceback
        sys.stderr.write(traceback.format_exc())
        ok(False, 'the test ran to its end', traceback.format_exc())
        return 1
    finally:
        for proc in procs:
            if proc.poll() is None:
                proc.terminate()
                try:
                    proc.wait(timeout=5)
                except subprocess.TimeoutExpired:
                    proc.kill()
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
