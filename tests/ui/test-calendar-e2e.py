#!/usr/bin/python3
#
# test-calendar-e2e.py
#
# Copyright 2026 The Cercle developers
#
# SPDX-License-Identifier: GPL-3.0-or-later

"""End-to-end test of the calendar through the accessibility tree.

  test-calendar-e2e.py CERCLE_BINARY

As a club's staff member would, on a demo club: creates an event with two
places, answers "I'm coming", brings a guest (the event is full) and a
second one (who goes to the waitlist), checks the first guest in at the
door by typing their name without accents, then exports the event as an
iCalendar file. The club file is read at each step to check what was
saved.

Prints TAP; re-runs itself under xvfb-run and dbus-run-session when needed
and skips when the app is not built, like test-e2e.py.
"""

import os
import shutil
import sqlite3
import subprocess
import sys
import tempfile
import time

os.environ['G_DEBUG'] = ','.join(f for f in os.environ.get('G_DEBUG', '').split(',')
                                 if f and f not in ('fatal-warnings', 'fatal-criticals'))

sys.path.insert(0, os.path.join(os.path.dirname(os.path.abspath(__file__)), '..', 'lib'))
import cercle_e2e  # noqa: E402

TITLE = 'Soirée e2e Confluence'
GUEST = 'Gérard Ménard'
SECOND_GUEST = 'Zoé Lefèvre'
UI_TIMEOUT = 15

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
        # A picture of the screen at the first failure, when asked for
        shot = os.environ.get('CERCLE_E2E_SCREENSHOT')
        if shot and n_failed == 1:
            subprocess.run('xwd -root -silent | convert xwd:- "{}"'.format(shot), shell=True)
    tap.write('{}ok {} - {} ({:.1f} s)\n'.format('' if cond else 'not ', n_tests, what,
                                               time.monotonic() - START))
    if diag and not cond:
        for line in str(diag).rstrip().splitlines():
            tap.write('# {}\n'.format(line))
    return cond


def wait_for(predicate, timeout=UI_TIMEOUT, interval=0.25):
    deadline = time.monotonic() + timeout
    while True:
        try:
            result = predicate()
        except Exception:
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
        cmd = ['dbus-run-session', '--'] + cmd
    if need_display:
        cmd = ['xvfb-run', '-a', '-s', '-screen 0 1280x800x24'] + cmd
    env = dict(os.environ, CERCLE_E2E_NESTED='1')
    tap.flush()
    os.dup2(tap.fileno(), 1)
    os.execvpe(cmd[0], cmd, env)


def walk(node, limit=20000):
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


def find(root, predicate):
    for n in walk(root):
        try:
            if predicate(n):
                return n
        except Exception:
            pass
    return None


def click_action(node):
    for action in ('click', 'activate', 'press'):
        if action in node.actions:
            node.doActionNamed(action)
            return True
    return False


def window_origin(node):
    """Where the widget's window is on the screen: GTK 4.8 tells only
    window coordinates, and a dialog is placed over its parent."""
    import re
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
    return (pyatspi.STATE_FOCUSED in node.getState().getStates()
            or any(pyatspi.STATE_FOCUSED in c.getState().getStates() for c in walk(node, 20)))


def type_into(node, text, replace=True):
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


def db_rows(path, sql, *args):
    db = sqlite3.connect('file:{}?mode=ro'.format(path), uri=True)
    try:
        return db.execute(sql, args).fetchall()
    finally:
        db.close()


def main():
    reexec_in_session()

    if len(sys.argv) != 2:
        tap.write('Bail out! usage: test-calendar-e2e.py CERCLE_BINARY\n')
        return 1
    binary = os.path.abspath(sys.argv[1])
    if not os.access(binary, os.X_OK):
        tap.write('1..0 # SKIP the app is not built yet\n')
        return 0

    from dogtail.config import config
    config.checkForA11y = False
    config.logDebugToFile = False
    config.logDebugToStdOut = False
    config.defaultDelay = 0.2
    config.actionDelay = 0.2
    config.typingDelay = 0.03
    import pyatspi
    import dogtail.tree as tree
    from dogtail import rawinput

    tmp = tempfile.mkdtemp(prefix='cercle-calendar-e2e-')
    app_proc = None
    app_log = os.path.join(tmp, 'app.log')
    try:
        env = dict(os.environ)
        for var in ('LANGUAGE', 'LANG', 'LC_MESSAGES', 'NO_AT_BRIDGE', 'GTK_DEBUG'):
            env.pop(var, None)
        env['LC_ALL'] = 'C.UTF-8'
        for xdg in ('XDG_DATA_HOME', 'XDG_CONFIG_HOME', 'XDG_CACHE_HOME', 'XDG_STATE_HOME'):
            env[xdg] = os.path.join(tmp, xdg.lower())
            os.makedirs(env[xdg], exist_ok=True)
        # No portal here: the file chooser is GTK's own
        env['GTK_USE_PORTAL'] = '0'

        db_path = os.path.join(tmp, 'club.db')
        ics_path = os.path.join(tmp, 'exported.ics')
        r = subprocess.run([binary, '--create-demo', db_path, '--demo-members', '60'], env=env,
                           timeout=120, stdout=subprocess.PIPE, stderr=subprocess.STDOUT, text=True)
        if not ok(r.returncode == 0, 'a demo club to work on', r.stdout):
            return 1

        with open(app_log, 'w') as log:
            app_proc = subprocess.Popen([binary, '--database', db_path], env=env,
                                        stdin=subprocess.DEVNULL, stdout=log, stderr=log)

        def find_app():
            for a in tree.root.applications():
                try:
                    if a.get_process_id() == app_proc.pid:
                        return a
                except Exception:
                    pass
            return None

        app = wait_for(find_app, 30, 0.5)
        if not ok(app is not None, 'the app appears on the accessibility bus'):
            return 1
        window = wait_for(lambda: next((c for c in app.children if role_of(c) == 'frame'), None))
        if not ok(window is not None, 'the main window is shown'):
            return 1

        # The Calendar page: what follows is in it (the event, its
        # registrations, the door), and the other pages need not be read
        cercle_e2e.show_page(window, 'Calendar')
        calendar = cercle_e2e.page(window, 'CercleCalendarView')
        if not ok(calendar is not None, 'the Calendar page is shown'):
            return 1
        ok(wait_for(lambda: find(calendar, lambda n: name_of(n) == 'New Event'
                                 and role_of(n) == 'push button')),
           'the calendar offers "New Event" to the staff')

        # 1. Create an event with two places
        click_action(find(calendar, lambda n: name_of(n) == 'New Event' and role_of(n) == 'push button'))
        editor = wait_for(lambda: next((c for c in app.children if name_of(c) == 'New Event'), None))
        if not ok(editor is not None, 'the editor opens'):
            return 1
        title = wait_for(lambda: find(editor, lambda n: name_of(n) == 'Title' and role_of(n) in ('text', 'entry')))
        if title is None:
            tap.write('# editor: {}\n'.format([(role_of(n), name_of(n)) for n in walk(editor, 200)][:80]))
        type_into(title, TITLE)
        places = find(editor, lambda n: name_of(n) == 'Places' and role_of(n) == 'spin button')
        if places is None:
            tap.write('# editor: {}\n'.format([(role_of(n), name_of(n)) for n in walk(editor, 300)
                                                if 'lace' in name_of(n) or 'spin' in role_of(n)]))
        type_into(places, '2')
        rawinput.pressKey('Tab')
        save = find(editor, lambda n: name_of(n) == 'Save' and role_of(n) == 'push button')
        if save is None:
            tap.write('# editor: {}\n'.format([(role_of(n), name_of(n)) for n in walk(editor, 300)
                                                if 'button' in role_of(n)]))
        click_action(save)
        saved = wait_for(lambda: db_rows(db_path, 'SELECT id, capacity FROM event WHERE title = ?', TITLE))
        ok(saved and saved[0][1] == 2, 'the event is saved with two places',
           'found: {}; newest: {}; editor: {}'.format(saved, db_rows(db_path, 'SELECT title, capacity FROM event ORDER BY updated_at DESC LIMIT 2'), [(role_of(n), name_of(n)) for n in walk(editor, 300)
                                                 if role_of(n) in ('label', 'text', 'spin button')][:30]))
        if not saved:
            return 1
        event_id = saved[0][0]

        # 2. It is on today's list: open it
        row = wait_for(lambda: find(calendar, lambda n: role_of(n) == 'panel' and name_of(n).startswith(TITLE)))
        if not ok(row is not None, 'the new event is listed under the month'):
            return 1
        pointer_click(row)
        coming = wait_for(lambda: find(calendar, lambda n: name_of(n) == 'I’m Coming'
                                       and role_of(n) in ('toggle button', 'push button')))
        if not ok(coming is not None, 'the event page opens, with an answer to give'):
            return 1

        # 3. Register, fill it, see the waitlist
        click_action(coming)
        ok(wait_for(lambda: find(calendar, lambda n: name_of(n) == 'You are registered.')),
           'answering "I’m coming" registers me')

        def bring(guest):
            click_action(find(calendar, lambda n: name_of(n) == 'Bring a Guest…' and role_of(n) == 'push button'))
            dialog = wait_for(lambda: next((c for c in app.children if name_of(c) == 'Bring a Guest'
                                            or (name_of(c) != name_of(window)
                                                and find(c, lambda n: name_of(n) == 'Bring a Guest'))), None))
            name = wait_for(lambda: find(dialog, lambda n: name_of(n) == 'Name' and role_of(n) in ('text', 'entry')))
            type_into(name, guest)
            click_action(find(dialog, lambda n: name_of(n) == 'Add Guest' and role_of(n) == 'push button'))

        bring(GUEST)
        ok(wait_for(lambda: find(calendar, lambda n: 'Full: 2 registered, 0 waiting' in name_of(n))),
           'with a guest the event is full')
        bring(SECOND_GUEST)
        ok(wait_for(lambda: find(calendar, lambda n: 'Full: 2 registered, 1 waiting' in name_of(n))),
           'a second guest goes to the waitlist')
        waiting = db_rows(db_path, 'SELECT guest_name FROM registration WHERE event_id = ? AND response = ?',
                          event_id, 'waitlist')
        ok(waiting == [(SECOND_GUEST,)], 'the club file has her on the waitlist', 'found: {}'.format(waiting))

        # 4. At the door: "gerard", without accents, then Enter
        check_in = find(calendar, lambda n: name_of(n).startswith('Check In at the Door'))
        pointer_click(check_in)
        search = wait_for(lambda: find(calendar, lambda n: name_of(n) == 'Search registrants'))
        if not ok(search is not None, 'the check-in list has a search field'):
            return 1
        type_into(search, 'gerard', replace=False)
        found = wait_for(lambda: find(calendar, lambda n: role_of(n) == 'panel' and name_of(n).startswith(GUEST)))
        ok(found is not None, 'typing "gerard" finds "{}"'.format(GUEST))
        rawinput.pressKey('Return')
        present = wait_for(lambda: db_rows(db_path, 'SELECT attendance, checked_in_at FROM registration'
                                                    ' WHERE event_id = ? AND guest_name = ?', event_id, GUEST)
                           [0][0] == 'present')
        ok(present, 'Enter marks the guest present in the club file')
        ok(wait_for(lambda: find(calendar, lambda n: name_of(n) == 'Arrived: 1 of 2')),
           'the count at the door says Arrived: 1 of 2')

        # 5. Export the event
        click_action(find(calendar, lambda n: name_of(n) == 'Back to the Event' and role_of(n) == 'push button'))
        menu = wait_for(lambda: find(calendar, lambda n: name_of(n) == 'Event Menu' and role_of(n) != 'label'))
        time.sleep(1)
        pointer_click(menu)
        item = wait_for(lambda: find(app, lambda n: name_of(n) == 'Export as iCalendar…'
                                     and role_of(n) != 'label'))
        if item is None:
            tap.write('# menu: {} {}\n'.format(role_of(menu), [(role_of(n), n.name) for n in walk(app)
                                                                 if 'xport' in (n.name or '')]))
        if not ok(item is not None, 'the event menu offers "Export as iCalendar…"'):
            return 1
        click_action(item)
        chooser = wait_for(lambda: next((c for c in app.children if name_of(c) == 'Export as iCalendar'), None))
        if not ok(chooser is not None, 'a file chooser asks where'):
            return 1
        time.sleep(1)
        rawinput.keyCombo('<Control>a')
        rawinput.typeText(ics_path)
        rawinput.pressKey('Return')
        exported = wait_for(lambda: os.path.exists(ics_path) and open(ics_path).read())
        ok(exported and 'SUMMARY:' + TITLE in exported.replace('\r\n ', '').replace('\n ', '')
           and 'UID:' + event_id in exported, 'the event is exported as iCalendar',
           exported[:400] if exported else 'no file')

        rawinput.keyCombo('<Control>q')
        try:
            status = app_proc.wait(timeout=15)
        except subprocess.TimeoutExpired:
            status = None
        ok(status == 0, 'the app quits cleanly', 'exit status: {}'.format(status))
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
                sys.stderr.write('--- app output ---\n' + f.read())
        shutil.rmtree(tmp, ignore_errors=True)
        if n_tests:
            tap.write('1..{}\n'.format(n_tests))


def run():
    try:
        return main()
    except Exception:
        import traceback
        ok(False, 'the test ran to its end', traceback.format_exc())
        return 1


if __name__ == '__main__':
    status = run()
    sys.exit(1 if (status or n_failed) else 0)
