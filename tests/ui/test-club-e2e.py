#!/usr/bin/python3
#
# test-club-e2e.py
#
# Copyright 2026 The Cercle developers
#
# SPDX-License-Identifier: GPL-3.0-or-later

"""End-to-end test of the club's announcements, through the accessibility tree.

  test-club-e2e.py CERCLE_BINARY CERCLE_SERVER_BINARY

A demo club on a real cercle-server on 127.0.0.1, and two apps, one per
role, as two people at their own desks: the staff member joins the club
("Add a Club…"), opens the Club page, writes a new announcement and posts
it; a member joins the club from the other app and finds it on their Club
page, unread. Each app has a session bus and an unlocked keyring (Secret
Service) of its own; both are on one display and one accessibility bus.

Set CERCLE_E2E_SHOTS=DIR to keep screenshots of each step.
"""

import os
import shutil
import sqlite3
import subprocess
import sys
import tempfile

HERE = os.path.dirname(os.path.abspath(__file__))
sys.path.insert(0, os.path.join(HERE, '..', 'lib'))
import cercle_e2e as e2e  # noqa: E402
from cercle_e2e import LIST_ROLES, click_action, find, name_of, role_of, wait_for  # noqa: E402

PASSWORD = 'mot de passe e2e'
TITLE = 'Assemblée générale le 12 décembre'
BODY = 'Ordre du jour : https://exemple.fr/ag'
tap = e2e.Tap()
ok, note = tap.ok, tap.note


def show_club_page(window):
    """The Club page, shown; its subtree, where the test looks next"""
    if not e2e.show_page(window, 'Club'):
        return None
    return e2e.page(window, 'CercleClubView')


def start_app(binary, env, database, log_path):
    with open(log_path, 'w') as log:
        return subprocess.Popen([binary, '--database', database], env=env, stdin=subprocess.DEVNULL,
                                stdout=log, stderr=log)


def local_club(binary, env, path):
    """The club the app opens on before joining: a small demo"""
    subprocess.run([binary, '--create-demo', path, '--demo-members', '10'],
                   env={k: v for k, v in env.items() if k != 'DISPLAY'}, timeout=120,
                   stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL)


def first_window(app):
    return wait_for(lambda: next((c for c in app.children if role_of(c) == 'frame'), None))


def main():
    e2e.reexec_on_display(tap, __file__)

    if len(sys.argv) != 3:
        tap.out.write('Bail out! usage: test-club-e2e.py CERCLE_BINARY CERCLE_SERVER_BINARY\n')
        return 1
    binary, server_binary = (os.path.abspath(a) for a in sys.argv[1:])
    if not os.access(binary, os.X_OK) or not os.access(server_binary, os.X_OK):
        tap.skip_all('the app or the server is not built yet')
        return 0

    tree = e2e.configure_dogtail()
    tmp = tempfile.mkdtemp(prefix='cercle-club-e2e-')
    procs = []
    logs = []
    member_session = None
    try:
        # The staff member's desk is the test's own session
        staff_env = e2e.person_env(tmp, 'staff', binary)
        if not ok(e2e.start_keyring(staff_env), 'an unlocked Secret Service runs in the staff session'):
            return 1

        # A club on a real server, with a staff account and members' accounts
        club_db = os.path.join(tmp, 'server.db')
        r = subprocess.run([server_binary, 'demo', '--database', club_db, '--members', '30'],
                           env=dict(staff_env, CERCLE_DEMO_PASSWORD=PASSWORD), stdout=subprocess.PIPE,
                           stderr=subprocess.STDOUT, text=True, timeout=120)
        staff = next((l.split(': ', 1)[1] for l in r.stdout.splitlines() if l.startswith('Staff account')), None)
        if not ok(r.returncode == 0 and staff, 'cercle-server demo makes a club', r.stdout):
            return 1
        db = sqlite3.connect(club_db)
        member = db.execute("SELECT a.email FROM account a JOIN membership s ON s.account_id = a.id"
                            " JOIN member m ON m.id = s.member_id AND m.club_id = s.club_id"
                            " WHERE m.role = 'member' AND m.status = 'active' AND a.disabled = 0"
                            " ORDER BY a.email LIMIT 1").fetchone()[0]
        db.close()
        port = e2e.free_port()
        url = 'http://127.0.0.1:{}'.format(port)
        server = e2e.start_server(server_binary, club_db, port, staff_env)
        procs.append(server)
        if not ok(server is not None, 'the server listens on 127.0.0.1'):
            return 1

        # The staff member's app, on a local club first, joins the club
        staff_db = os.path.join(tmp, 'staff-local.db')
        local_club(binary, staff_env, staff_db)
        logs.append(os.path.join(tmp, 'staff.log'))
        staff_proc = start_app(binary, staff_env, staff_db, logs[-1])
        procs.append(staff_proc)
        staff_app = wait_for(lambda: e2e.find_application(tree, staff_proc.pid), e2e.APP_START_TIMEOUT, 0.5)
        if not ok(staff_app is not None, 'the staff member\'s app appears on the accessibility bus'):
            return 1
        window = e2e.join_club(staff_app, first_window(staff_app), url, staff, PASSWORD, staff_env)
        if not ok(window is not None, 'the staff member joins the club'):
            return 1

        # The Club page; New Announcement; title and text; Post
        club_page = show_club_page(window)
        if not ok(club_page is not None, 'the staff member opens the Club page'):
            return 1
        new = wait_for(lambda: find(club_page, lambda n: name_of(n).startswith('New Announcement')
                                    and 'button' in role_of(n), skip_roles=LIST_ROLES))
        if not ok(new is not None, 'the Club page offers the staff "New Announcement"',
                  [(role_of(n), name_of(n)) for n in e2e.descendants(club_page, 3000) if 'button' in role_of(n)]):
            return 1
        click_action(new)
        form = wait_for(lambda: next((c for c in staff_app.children if name_of(c) == 'New Announcement'), None))
        if not ok(form is not None, 'the New Announcement form opens'):
            return 1
        title = wait_for(lambda: find(form, lambda n: name_of(n).startswith('Title')
                                      and role_of(n) in ('text', 'entry')))
        text = wait_for(lambda: find(form, lambda n: name_of(n) == 'Text of the announcement'))
        if not ok(title is not None and text is not None, 'the form asks for a title and a text',
                  [(role_of(n), name_of(n)) for n in e2e.descendants(form, 300)]):
            return 1
        title.text = TITLE
        text.text = BODY
        e2e.shot('club-1-form')
        post = find(form, lambda n: name_of(n).replace('_', '').startswith('Post') and 'button' in role_of(n))
        click_action(post)
        gone = wait_for(lambda: not any(name_of(c) == 'New Announcement' for c in staff_app.children), 10)
        ok(gone, 'posting closes the form')
        row = wait_for(lambda: find(club_page, lambda n: TITLE in name_of(n)), 10)
        ok(row is not None, 'the announcement is on the staff member\'s Club page')

        def on_server():
            db = sqlite3.connect('file:{}?mode=ro'.format(club_db), uri=True, timeout=10)
            try:
                return db.execute('SELECT count (*) FROM announcement WHERE title = ?', (TITLE,)).fetchone()[0]
            finally:
                db.close()
        # Edits go out once the user paused (1.5 s), not at the sync's
        # two-minute timer: soon after posting, or it is a bug
        ok(wait_for(on_server, 30, 0.5), 'the announcement reaches the club\'s server soon after posting')

        # The member, at another desk: a session bus and a keyring of
        # their own, the same display and accessibility bus
        member_env = e2e.person_env(tmp, 'member', binary)
        member_session = e2e.PrivateSession(member_env)
        if not ok(member_session.keyring, 'an unlocked Secret Service runs in the member\'s own session'):
            return 1
        member_db = os.path.join(tmp, 'member-local.db')
        local_club(binary, member_env, member_db)
        logs.append(os.path.join(tmp, 'member.log'))
        member_proc = start_app(binary, member_env, member_db, logs[-1])
        procs.append(member_proc)
        app = wait_for(lambda: e2e.find_application(tree, member_proc.pid), e2e.APP_START_TIMEOUT, 0.5)
        if not ok(app is not None, 'the member\'s app appears on the accessibility bus'):
            return 1
        window = e2e.join_club(app, first_window(app), url, member, PASSWORD, member_env)
        if not ok(window is not None, 'the member joins the club from their own app'):
            return 1
        club_page = show_club_page(window)
        if not ok(club_page is not None, 'the member opens the Club page'):
            return 1
        row = wait_for(lambda: find(club_page, lambda n: TITLE in name_of(n)), 30)
        ok(row is not None and name_of(row).startswith('Unread'),
           'the member sees the staff\'s announcement, unread', name_of(row) if row else None)
        e2e.shot('club-2-member')
        return 0
    finally:
        e2e.stop(procs)
        if member_session is not None:
            member_session.stop()
        if tap.n_failed:
            for path in logs:
                if os.path.exists(path):
                    with open(path, errors='replace') as f:
                        sys.stderr.write('--- {} ---\n'.format(path) + f.read()[-4000:])
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
