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

import os
import shutil
import subprocess
import sys
import tempfile

HERE = os.path.dirname(os.path.abspath(__file__))
sys.path.insert(0, os.path.join(HERE, '..', 'lib'))
import cercle_e2e as e2e  # noqa: E402
from cercle_e2e import LIST_ROLES, click_action, db_rows, find, name_of, role_of, wait_for  # noqa: E402

PASSWORD = 'mot de passe e2e'
JOB_TITLE = 'Gérante (modifié hors ligne)'
tap = e2e.Tap()
ok, note = tap.ok, tap.note


def second_client_value(port, email, club_id, row_id, field):
    """A field of a row as another device of the account pulls it, through
    the protocol itself"""
    import json
    import urllib.parse
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
    return any(name_of(n) == title for n in e2e.walk(window, 600, skip_roles=LIST_ROLES))


def edit_job_title(window, full_name):
    """Search the member, open their profile, Edit, a new job title, Save"""
    from dogtail import rawinput
    entry = wait_for(lambda: find(window, lambda n: name_of(n) == 'Search members', skip_roles=LIST_ROLES))
    if entry is None:
        return False
    e2e.type_into(entry, full_name)
    row = wait_for(lambda: find(window, lambda n: name_of(n).startswith(full_name + ',')))
    if row is None:
        return False
    rawinput.pressKey('Return')
    menu = wait_for(lambda: find(window, lambda n: name_of(n) == 'More actions on this member',
                                 skip_roles=LIST_ROLES))
    while menu is not None and role_of(menu) == 'label':
        menu = menu.parent
    edit = menu and wait_for(lambda: find(menu.parent, lambda n: name_of(n) == 'Edit'
                                          and role_of(n) == 'push button'))
    if not edit:
        return False
    click_action(edit)
    job = wait_for(lambda: find(window, lambda n: name_of(n) == 'Job title' and role_of(n) == 'text'))
    if job is None:
        return False
    job.queryEditableText().setTextContents(JOB_TITLE)
    save = find(window, lambda n: name_of(n) == 'Save' and role_of(n) == 'push button', skip_roles=LIST_ROLES)
    if save is None:
        return False
    click_action(save)
    return True


def main():
    e2e.reexec_on_display(tap, __file__)

    if len(sys.argv) != 3:
        tap.out.write('Bail out! usage: test-sync-e2e.py CERCLE_BINARY CERCLE_SERVER_BINARY\n')
        return 1
    binary, server_binary = (os.path.abspath(a) for a in sys.argv[1:])
    if not os.access(binary, os.X_OK) or not os.access(server_binary, os.X_OK):
        tap.skip_all('the app or the server is not built yet')
        return 0

    tree = e2e.configure_dogtail()
    tmp = tempfile.mkdtemp(prefix='cercle-sync-e2e-')
    procs = []
    server = None
    app_log = os.path.join(tmp, 'app.log')
    try:
        env = e2e.person_env(tmp, 'user', binary)
        if not ok(e2e.start_keyring(env), 'an unlocked Secret Service runs in the test session'):
            return 1

        # 1. A club on a real server
        club_db = os.path.join(tmp, 'server.db')
        r = subprocess.run([server_binary, 'demo', '--database', club_db, '--members', '40'],
                           env=dict(env, CERCLE_DEMO_PASSWORD=PASSWORD), stdout=subprocess.PIPE,
                           stderr=subprocess.STDOUT, text=True, timeout=120)
        staff = next((l.split(': ', 1)[1] for l in r.stdout.splitlines() if l.startswith('Staff account')), None)
        if not ok(r.returncode == 0 and staff, 'cercle-server demo makes a club', r.stdout):
            return 1
        port = e2e.free_port()
        server = e2e.start_server(server_binary, club_db, port, env)
        ok(server is not None, 'the server listens on 127.0.0.1')

        # 2. The app, on a local club
        local_db = os.path.join(tmp, 'local.db')
        subprocess.run([binary, '--create-demo', local_db, '--demo-members', '20'],
                       env={k: v for k, v in env.items() if k != 'DISPLAY'}, timeout=120,
                       stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL)
        with open(app_log, 'w') as log:
            app_proc = subprocess.Popen([binary, '--database', local_db], env=env,
                                        stdin=subprocess.DEVNULL, stdout=log, stderr=log)
        procs.append(app_proc)
        app = wait_for(lambda: e2e.find_application(tree, app_proc.pid), e2e.APP_START_TIMEOUT, 0.5)
        if not ok(app is not None, 'the app appears on the accessibility bus'):
            return 1
        window = wait_for(lambda: next((c for c in app.children if role_of(c) == 'frame'), None))
        if not ok(window is not None, 'the main window is shown'):
            return 1

        # 3. "Add a Club…" from the main menu: the server's address, an
        # e-mail and the password; the account's club, joined; each step a
        # test of its own. 4. A window on the joined club, synced
        joined = e2e.join_club(app, window, 'http://127.0.0.1:{}'.format(port), staff, PASSWORD, env, tap)
        if joined is None:
            return 1
        member = wait_for(lambda: find(joined, lambda n: role_of(n) in ('list item', 'row')
                                       and name_of(n).strip() != ''), 30)
        ok(member is not None, 'the joined club\'s members are listed', name_of(member) if member else None)
        e2e.shot('3-joined')
        files = os.listdir(os.path.join(env['XDG_DATA_HOME'], 'cercle'))
        ok(any(f.endswith('.cercle') for f in files), 'the club has a file of its own', files)

        # 5. The server stops; the user edits their profile, offline
        club_file = next(os.path.join(env['XDG_DATA_HOME'], 'cercle', f) for f in files if f.endswith('.cercle'))
        (me_id, me_name), = db_rows(club_file,
                                    "SELECT m.id, m.first_name || ' ' || m.last_name FROM member m"
                                    " JOIN meta ON meta.key = 'local_member_id' AND meta.value = m.id")
        e2e.stop([server])
        server = None
        if not ok(edit_job_title(joined, me_name), 'the user edits their profile with the server stopped'):
            return 1
        saved = wait_for(lambda: db_rows(club_file, 'SELECT job_title FROM member WHERE id = ?',
                                         me_id)[0][0] == JOB_TITLE, 10)
        ok(saved, 'the edit is saved in the club file at once')
        offline = wait_for(lambda: says(joined, 'Offline — 1 change waiting'), 60)
        ok(offline, 'the indicator says "Offline — 1 change waiting"',
           [name_of(n) for n in e2e.descendants(joined, 400) if 'ync' in name_of(n) or 'ffline' in name_of(n)])
        e2e.shot('4-offline')

        # 6. The server comes back: the change is sent, and a second client
        # of the club (another device of the same account) gets it
        server = e2e.start_server(server_binary, club_db, port, env)
        synced = wait_for(lambda: says(joined, 'Synced'), 90)
        ok(synced, 'once the server is back, the indicator says "Synced"')
        ok(db_rows(club_file, 'SELECT count(*) FROM outbox')[0][0] == 0, 'nothing waits in the outbox')
        club_id = db_rows(club_file, "SELECT value FROM meta WHERE key = 'sync_club_id'")[0][0]
        seen = second_client_value(port, staff, club_id, me_id, 'job_title')
        ok(seen == JOB_TITLE, 'a second client pulling the club sees the new job title', seen)
        e2e.shot('5-synced')
        return 0
    finally:
        e2e.stop(procs + [server])
        if (tap.n_failed or sys.exc_info()[0] is not None) and os.path.exists(app_log):
            with open(app_log, errors='replace') as f:
                sys.stderr.write('--- app output ---\n' + f.read())
        shutil.rmtree(tmp, ignore_errors=True)
        tap.plan()


if __name__ == '__main__':
    try:
        status = main()
    except Exception:
        import traceback
        note(traceback.format_exc())
        status = 1
    sys.exit(1 if (status or tap.n_failed) else 0)
