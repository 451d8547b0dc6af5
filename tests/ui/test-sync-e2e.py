#!/usr/bin/python3
#
# test-sync-e2e.py
#
# Copyright 2026 The Cercle developers
#
# SPDX-License-Identifier: GPL-3.0-or-later

"""End-to-end test of joining a club, through the accessibility tree.

  test-sync-e2e.py CERCLE_BINARY CERCLE_SERVER_BINARY

Makes a demo club on a real cercle-server on 127.0.0.1, opens the app on a
local demo club, and, as a person would: opens "Add a Club…" from the main
menu, types the server's address, an e-mail and the password, signs in,
chooses the club and joins it; then checks that the club's members are
listed in the new window. Then the server stops; the user edits their
profile and the indicator says "Offline — 1 change waiting"; the server
starts again, the change is sent ("Synced"), and a second client of the
club (another device, pulling through the protocol) sees it.

The token goes to the Secret Service: the test runs gnome-keyring-daemon
with a login keyring unlocked by a test password, in its own session bus.

Set CERCLE_E2E_SHOTS=DIR to keep screenshots of each step.
"""

import importlib.util
import os
import re
import shutil
import socket
import subprocess
import sys
import tempfile
import time

HERE = os.path.dirname(os.path.abspath(__file__))
sys.path.insert(0, os.path.join(HERE, '..', 'lib'))
import cercle_e2e  # noqa: E402
spec = importlib.util.spec_from_file_location('e2e', os.path.join(HERE, 'test-e2e.py'))
e2e = importlib.util.module_from_spec(spec)
spec.loader.exec_module(e2e)

PASSWORD = 'mot de passe e2e'
ok, note, bail, wait_for, walk = e2e.ok, e2e.note, e2e.bail, e2e.wait_for, e2e.walk
name_of, role_of, click_action = e2e.name_of, e2e.role_of, e2e.click_action


def free_port():
    with socket.socket() as s:
        s.bind(('127.0.0.1', 0))
        return s.getsockname()[1]


def shot(name):
    """Each toplevel of the display, as a PNG of its own (a root capture
    shows only what the X server composed last)."""
    folder = os.environ.get('CERCLE_E2E_SHOTS')
    if not folder:
        return
    os.makedirs(folder, exist_ok=True)
    out = subprocess.run(['xwininfo', '-root', '-children'], stdout=subprocess.PIPE,
                         stderr=subprocess.DEVNULL, text=True).stdout
    n = 0
    for line in out.splitlines():
        m = re.match(r'\s+(0x[0-9a-f]+) "([^"]*)".*\s(\d+)x(\d+)\+', line)
        if not m or int(m.group(3)) < 200 or int(m.group(4)) < 200:
            continue
        n += 1
        subprocess.run('xwd -silent -id {} | convert xwd:- "{}"'.format(
            m.group(1), os.path.join(folder, '{}-{}.png'.format(name, n))), shell=True)


def start_keyring(env):
    """A login keyring, unlocked, for this session bus, as at a desktop
    login: the default collection that libsecret stores into."""
    if not shutil.which('gnome-keyring-daemon'):
        return False
    subprocess.run(['gnome-keyring-daemon', '--login'], input='cercle-tests', env=env,
                   stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL, text=True, timeout=30)
    r = subprocess.run(['gnome-keyring-daemon', '--start', '--components=secrets'],
                       env=env, stdout=subprocess.PIPE, stderr=subprocess.DEVNULL, text=True, timeout=30)
    for line in r.stdout.splitlines():
        if '=' in line:
            key, value = line.split('=', 1)
            env[key] = value
    return r.returncode == 0


JOB_TITLE = 'Gérante (modifié hors ligne)'


def start_server(server_binary, club_db, port, env):
    server = subprocess.Popen([server_binary, 'serve', '--database', club_db, '--port', str(port),
                               '--password-cost', 'minimum'], env=env, stdout=subprocess.PIPE,
                              stderr=subprocess.DEVNULL, text=True)
    return server if 'http' in (server.stdout.readline() or '') else None


def db_rows(path, sql, *args):
    import sqlite3
    db = sqlite3.connect('file:{}?mode=ro'.format(path), uri=True, timeout=10)
    try:
        return db.execute(sql, args).fetchall()
    finally:
        db.close()


def second_client_value(port, email, club_id, row_id, field):
    """A field of a row as another device of the account pulls it, through
    the protocol itself"""
    import json
    import urllib.request
    base = 'http://127.0.0.1:{}/api/v1'.format(port)
    login = urllib.request.Request(base + '/session', method='POST', data=json.dumps(
        {'email': email, 'password': PASSWORD, 'device_name': 'second client'}).encode(),
        headers={'Content-Type': 'application/json'})
    token = json.load(urllib.request.urlopen(login, timeout=30))['token']
    cursor, value = None, None
    while True:
        url = base + '/clubs/{}/sync/pull?limit=1000'.format(club_id)
        if cursor:
            url += '&cursor=' + urllib.parse.quote(cursor)
        page = json.load(urllib.request.urlopen(urllib.request.Request(
            url, headers={'Authorization': 'Bearer ' + token}), timeout=30))
        for row in page['rows']:
            if row['id'] == row_id:
                value = row['fields'].get(field)
        cursor = page['next_cursor']
        if not page['has_more']:
            return value


def says(window, title):
    """Whether the sync indicator (near the top of the window's tree, its
    name its title) says @title"""
    return any(name_of(n) == title for n in e2e.walk(window, 600, skip_roles=e2e.LIST_ROLES))


def edit_job_title(window, full_name):
    """Search the member, open their profile, Edit, a new job title, Save"""
    from dogtail import rawinput
    entry = wait_for(lambda: e2e.find_first(window, lambda n: name_of(n) == 'Search members',
                                            skip_roles=e2e.LIST_ROLES))
    if entry is None:
        return False
    cercle_e2e.type_into(entry, full_name)
    row = wait_for(lambda: e2e.find_first(window, lambda n: name_of(n).startswith(full_name + ',')))
    if row is None:
        return False
    rawinput.pressKey('Return')
    menu = wait_for(lambda: e2e.find_first(window, lambda n: name_of(n) == 'More actions on this member',
                                           skip_roles=e2e.LIST_ROLES))
    while menu is not None and role_of(menu) == 'label':
        menu = menu.parent
    edit = menu and wait_for(lambda: e2e.find_first(menu.parent, lambda n: name_of(n) == 'Edit'
                                                    and role_of(n) == 'push button'))
    if not edit:
        return False
    click_action(edit)
    job = wait_for(lambda: e2e.find_first(window, lambda n: name_of(n) == 'Job title' and role_of(n) == 'text'))
    if job is None:
        return False
    job.queryEditableText().setTextContents(JOB_TITLE)
    save = e2e.find_first(window, lambda n: name_of(n) == 'Save' and role_of(n) == 'push button',
                          skip_roles=e2e.LIST_ROLES)
    if save is None:
        return False
    click_action(save)
    return True


def reexec_in_session():
    """Run again under a virtual display and a session bus of its own."""
    if os.environ.get('CERCLE_E2E_NESTED'):
        return
    # A display of its own too: the accessibility bus of a session is
    # announced on the X display, and this session ends with the test
    cmd = (['xvfb-run', '-a', '-s', '-screen 0 1280x800x24', 'dbus-run-session', '--',
            sys.executable, os.path.abspath(__file__)] + sys.argv[1:])
    env = dict(os.environ, CERCLE_E2E_NESTED='1')
    e2e.tap.flush()
    os.dup2(e2e.tap.fileno(), 1)
    os.execvpe(cmd[0], cmd, env)


def main():
    reexec_in_session()

    if len(sys.argv) != 3:
        bail('usage: test-sync-e2e.py CERCLE_BINARY CERCLE_SERVER_BINARY')
    binary, server_binary = (os.path.abspath(a) for a in sys.argv[1:])
    if not os.access(binary, os.X_OK) or not os.access(server_binary, os.X_OK):
        e2e.tap.write('1..0 # SKIP the app or the server is not built yet\n')
        return 0

    from dogtail.config import config
    config.checkForA11y = False
    config.logDebugToFile = False
    config.logDebugToStdOut = False
    config.defaultDelay = 0.2
    config.actionDelay = 0.2
    config.typingDelay = 0.02
    config.searchCutoffCount = 10
    import dogtail.tree as tree

    tmp = tempfile.mkdtemp(prefix='cercle-sync-e2e-')
    server = app_proc = None
    app_log = os.path.join(tmp, 'app.log')
    try:
        env = dict(os.environ)
        for var in ('LANGUAGE', 'LANG', 'LC_MESSAGES', 'GTK_A11Y', 'NO_AT_BRIDGE', 'GTK_DEBUG'):
            env.pop(var, None)
        env['LC_ALL'] = 'C.UTF-8'
        for xdg in ('XDG_DATA_HOME', 'XDG_CONFIG_HOME', 'XDG_CACHE_HOME', 'XDG_STATE_HOME'):
            env[xdg] = os.path.join(tmp, xdg.lower())
            os.makedirs(env[xdg], exist_ok=True)
        if 'GSETTINGS_SCHEMA_DIR' not in env:
            schema_dir = os.path.join(os.path.dirname(os.path.dirname(os.path.dirname(binary))), 'data')
            if os.path.exists(os.path.join(schema_dir, 'gschemas.compiled')):
                env['GSETTINGS_SCHEMA_DIR'] = schema_dir

        # The keyring's daemons find each other through the runtime dir
        env['XDG_RUNTIME_DIR'] = os.path.join(tmp, 'runtime')
        os.makedirs(env['XDG_RUNTIME_DIR'], mode=0o700, exist_ok=True)
        if not ok(start_keyring(env), 'an unlocked Secret Service runs in the test session'):
            return 1

        # 1. A club on a real server
        club_db = os.path.join(tmp, 'server.db')
        r = subprocess.run([server_binary, 'demo', '--database', club_db, '--members', '40'],
                           env=dict(env, CERCLE_DEMO_PASSWORD=PASSWORD), stdout=subprocess.PIPE,
                           stderr=subprocess.STDOUT, text=True, timeout=120)
        staff = next((l.split(': ', 1)[1] for l in r.stdout.splitlines() if l.startswith('Staff account')), None)
        if not ok(r.returncode == 0 and staff, 'cercle-server demo makes a club', r.stdout):
            return 1
        port = free_port()
        server = start_server(server_binary, club_db, port, env)
        ok(server is not None, 'the server listens on 127.0.0.1')

        # 2. The app, on a local club
        local_db = os.path.join(tmp, 'local.db')
        subprocess.run([binary, '--create-demo', local_db, '--demo-members', '20'],
                       env={k: v for k, v in env.items() if k != 'DISPLAY'}, timeout=120,
                       stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL)
        with open(app_log, 'w') as log:
            app_proc = subprocess.Popen([binary, '--database', local_db], env=env,
                                        stdin=subprocess.DEVNULL, stdout=log, stderr=log)
        app = wait_for(lambda: e2e.find_application(tree, app_proc.pid), e2e.APP_START_TIMEOUT, 0.5)
        if not ok(app is not None, 'the app appears on the accessibility bus'):
            return 1
        window = wait_for(lambda: next((c for c in app.children if role_of(c) == 'frame'), None))
        ok(window is not None, 'the main window is shown')

        # 3. "Add a Club…": from the main menu when its popover shows on the
        # accessibility bus, else through the same action from outside
        menu = wait_for(lambda: e2e.find_first(window, lambda n: name_of(n) == 'Main Menu',
                                               skip_roles=e2e.LIST_ROLES))
        ok(menu is not None, 'the main menu button is there')
        click_action(menu)
        item = wait_for(lambda: e2e.find_first(app, lambda n: name_of(n).replace('_', '') == 'Add a Club…'
                                               and role_of(n) != 'frame', skip_roles=e2e.LIST_ROLES), 5)
        if item is not None:
            click_action(item)
        else:
            note('the menu popover is not on the bus: activating app.add-club with gapplication')
            subprocess.run(['gapplication', 'action', 'io.github.cercle.Cercle', 'add-club'], env=env,
                           timeout=30)
        dialog = wait_for(lambda: next((c for c in app.children if name_of(c) == 'Add a Club'), None))
        if not ok(dialog is not None, 'the "Add a Club" dialog opens'):
            return 1

        def field(label):
            return wait_for(lambda: e2e.find_first(dialog, lambda n: name_of(n).startswith(label)
                                                   and role_of(n) in ('text', 'entry', 'password text')))

        address = field('Server Address')
        email = field('E-mail Address')
        password = field('Password')
        ok(address and email and password, 'the dialog asks for an address, an e-mail and a password',
           [(role_of(n), name_of(n)) for n in e2e.descendants(dialog, 200)])
        if not (address and email and password):
            return 1
        address.text = 'http://127.0.0.1:{}'.format(port)
        email.text = staff
        password.text = PASSWORD
        shot('1-sign-in')
        sign_in = e2e.find_first(dialog, lambda n: name_of(n).replace('_', '').startswith('Sign In')
                                 and 'button' in role_of(n))
        click_action(sign_in)

        # 4. The account's clubs; join the one there is
        check = wait_for(lambda: e2e.find_first(dialog, lambda n: role_of(n) == 'check box'
                                                and 'Club' in name_of(n)), 30)
        if not ok(check is not None, 'signing in lists the account\'s clubs',
                  [(role_of(n), name_of(n)) for n in e2e.descendants(dialog, 200)]):
            return 1
        club_name = name_of(check)
        shot('2-clubs')
        join = e2e.find_first(dialog, lambda n: name_of(n).replace('_', '').startswith('Join') and 'button' in role_of(n))
        click_action(join)

        # 5. A window on the joined club, with its members
        note('joining {!r}'.format(club_name))
        # Both demo clubs have the same name: the new window is the other frame
        def new_window():
            frames = [c for c in app.children if role_of(c) == 'frame' and name_of(c) != 'Add a Club']
            return frames[-1] if len(frames) >= 2 else None

        joined = wait_for(new_window, 120)
        if not ok(joined is not None, 'the joined club opens in a window of its own',
                  [(role_of(c), name_of(c)) for c in app.children]):
            return 1
        member = wait_for(lambda: e2e.find_first(joined, lambda n: role_of(n) in ('list item', 'row')
                                                 and name_of(n).strip() != ''), 30)
        ok(member is not None, 'the joined club\'s members are listed', name_of(member) if member else None)
        synced = wait_for(lambda: e2e.find_first(joined, lambda n: name_of(n).startswith('Synced'),
                                                 skip_roles=e2e.LIST_ROLES), 30)
        ok(synced is not None, 'the sync indicator says "Synced"')
        shot('3-joined')
        files = os.listdir(os.path.join(env['XDG_DATA_HOME'], 'cercle'))
        ok(any(f.endswith('.cercle') for f in files), 'the club has a file of its own', files)

        # 6. The server stops; the user edits their profile, offline
        club_file = next(os.path.join(env['XDG_DATA_HOME'], 'cercle', f) for f in files if f.endswith('.cercle'))
        (me_id, me_name), = db_rows(club_file,
                                    "SELECT m.id, m.first_name || ' ' || m.last_name FROM member m"
                                    " JOIN meta ON meta.key = 'local_member_id' AND meta.value = m.id")
        server.terminate()
        server.wait(10)
        server = None
        if not ok(edit_job_title(joined, me_name), 'the user edits their profile with the server stopped'):
            return 1
        saved = wait_for(lambda: db_rows(club_file, 'SELECT job_title FROM member WHERE id = ?',
                                         me_id)[0][0] == JOB_TITLE, 10)
        ok(saved, 'the edit is saved in the club file at once')
        offline = wait_for(lambda: says(joined, 'Offline — 1 change waiting'), 60)
        ok(offline, 'the indicator says "Offline — 1 change waiting"',
           [name_of(n) for n in e2e.descendants(joined, 400) if 'ync' in name_of(n) or 'ffline' in name_of(n)])
        shot('4-offline')

        # 7. The server comes back: the change is sent, and a second client
        # of the club (another device of the same account) gets it
        server = start_server(server_binary, club_db, port, env)
        synced = wait_for(lambda: says(joined, 'Synced'), 90)
        ok(synced, 'once the server is back, the indicator says "Synced"')
        ok(db_rows(club_file, 'SELECT count(*) FROM outbox')[0][0] == 0, 'nothing waits in the outbox')
        club_id = db_rows(club_file, "SELECT value FROM meta WHERE key = 'sync_club_id'")[0][0]
        seen = second_client_value(port, staff, club_id, me_id, 'job_title')
        ok(seen == JOB_TITLE, 'a second client pulling the club sees the new job title', seen)
        shot('5-synced')
        return 0
    finally:
        for proc in (app_proc, server):
            if proc is not None and proc.poll() is None:
                proc.terminate()
                try:
                    proc.wait(10)
                except subprocess.TimeoutExpired:
                    proc.kill()
        if (e2e.n_failed or sys.exc_info()[0] is not None) and os.path.exists(app_log):
            with open(app_log, errors='replace') as f:
                sys.stderr.write('--- app output ---\n' + f.read())
        shutil.rmtree(tmp, ignore_errors=True)
        if e2e.n_tests:
            e2e.tap.write('1..{}\n'.format(e2e.n_tests))


if __name__ == '__main__':
    try:
        status = main()
    except Exception:
        import traceback
        note(traceback.format_exc())
        status = 1
    sys.exit(1 if (status or e2e.n_failed) else 0)
