#!/usr/bin/python3
#
# test-messages-e2e.py
#
# Copyright 2026 The Cercle developers
#
# SPDX-License-Identifier: GPL-3.0-or-later

"""Two members exchange a private message through a local server, one of
them in the real app, through the accessibility tree.

  test-messages-e2e.py CERCLE_BINARY CERCLE_SERVER_BINARY CERCLE_TEST_DEVICE

A club on a real cercle-server on 127.0.0.1 with two members. Bruno's
device is tests/lib/cercle-test-device (no window); Alice uses the app on
the club joined from the server. Alice opens Bruno's profile, presses
"Send Message", types and sends; Bruno's device reads it; Bruno answers;
the answer appears in Alice's thread. The server's database never holds
the text.

Set CERCLE_E2E_SHOTS=DIR to keep screenshots; CERCLE_E2E_LANG=fr,
CERCLE_E2E_DARK=1 and CERCLE_E2E_WIDTH=360 to take them in French, in the
dark style or narrow.
"""

import os
import shutil
import subprocess
import sys
import tempfile
import time

HERE = os.path.dirname(os.path.abspath(__file__))
sys.path.insert(0, os.path.join(HERE, '..', 'lib'))
import cercle_e2e as e2e  # noqa: E402
from cercle_e2e import LIST_ROLES, find, name_of, role_of, wait_for  # noqa: E402

PASSWORD = 'mot de passe e2e'
ALICE = 'alice@alpha.exemple.fr'
BRUNO = 'bruno@alpha.exemple.fr'
FIRST = 'Bonjour Bruno, on se voit jeudi pour le devis Zanzibar ?'
REPLY = 'Avec plaisir Alice, je viens avec les plans Quetzalcoatl.'
SEARCH_NAMES = ('Search members', 'Rechercher des membres')
SEND_NAMES = ('Send Message', 'Envoyer un message')
tap = e2e.Tap()
ok, note = tap.ok, tap.note


def run(args, env, what):
    r = subprocess.run(args, env=env, stdout=subprocess.PIPE, stderr=subprocess.STDOUT, text=True, timeout=120)
    ok(r.returncode == 0, what, r.stdout)
    return r.stdout


def main():
    e2e.reexec_on_display(tap, __file__)

    if len(sys.argv) != 4:
        tap.out.write('Bail out! usage: test-messages-e2e.py CERCLE_BINARY CERCLE_SERVER_BINARY '
                      'CERCLE_TEST_DEVICE\n')
        return 1
    binary, server_binary, device = (os.path.abspath(a) for a in sys.argv[1:])
    if not all(os.access(p, os.X_OK) for p in (binary, server_binary, device)):
        tap.skip_all('the app, the server or the test device is not built yet')
        return 0

    tree = e2e.configure_dogtail()

    tmp = tempfile.mkdtemp(prefix='cercle-messages-e2e-')
    server = app_proc = None
    app_log = os.path.join(tmp, 'app.log')
    try:
        env = e2e.person_env(tmp, 'alice', binary)
        if not ok(e2e.start_keyring(env), 'an unlocked Secret Service runs in the test session'):
            return 1

        # 1. A club with two members on a real server
        club_db = os.path.join(tmp, 'server.db')
        server_env = dict(env, CERCLE_ADMIN_PASSWORD=PASSWORD, CERCLE_PASSWORD=PASSWORD)
        run([server_binary, 'init', '--database', club_db, '--club-name', 'Club Alpha',
             '--admin-email', 'staff@alpha.exemple.fr'], server_env, 'cercle-server init makes a club')
        clubs = run([server_binary, 'club', 'list', '--database', club_db], server_env, 'the club is listed')
        club_id = next((w for w in clubs.split() if len(w) == 36 and w.count('-') == 4), None)
        for email, first, last in ((ALICE, 'Alice', 'Martin'), (BRUNO, 'Bruno', 'Durand')):
            run([server_binary, 'account', 'add', '--database', club_db, '--email', email, '--club', club_id,
                 '--first-name', first, '--last-name', last], server_env, 'an account for ' + first)
        port = e2e.free_port()
        url = 'http://127.0.0.1:{}'.format(port)
        server = subprocess.Popen([server_binary, 'serve', '--database', club_db, '--port', str(port),
                                   '--password-cost', 'minimum'], env=env, stdout=subprocess.PIPE,
                                  stderr=subprocess.DEVNULL, text=True)
        ok('http' in (server.stdout.readline() or ''), 'the server listens on 127.0.0.1')

        # 2. Bruno's device publishes its key; Alice's club file is joined
        bruno_db = os.path.join(tmp, 'bruno.cercle')
        alice_db = os.path.join(env['XDG_DATA_HOME'], 'alice.cercle')
        run([device, 'sign-in', url, BRUNO, PASSWORD, bruno_db], env, 'Bruno signs in on his device')
        run([device, 'sync', bruno_db], env, 'Bruno\'s device publishes its key')
        run([device, 'join', url, ALICE, PASSWORD, alice_db], env, 'Alice joins the club')

        # 3. Alice's app
        app_env = dict(env)
        lang = os.environ.get('CERCLE_E2E_LANG')
        if lang == 'fr':
            app_env.update(LANGUAGE='fr', LC_ALL='fr_FR.UTF-8')
            app_env.setdefault('CERCLE_LOCALEDIR',
                               os.path.join(os.path.dirname(os.path.dirname(os.path.dirname(binary))), 'po'))
        if os.environ.get('CERCLE_E2E_DARK'):
            app_env['ADW_DEBUG_COLOR_SCHEME'] = 'prefer-dark'
        width = os.environ.get('CERCLE_E2E_WIDTH')
        if width:
            folder = os.path.join(env['XDG_CONFIG_HOME'], 'glib-2.0', 'settings')
            os.makedirs(folder, exist_ok=True)
            with open(os.path.join(folder, 'keyfile'), 'w') as f:
                f.write('[io/github/cercle/Cercle]\nwindow-width={}\nwindow-height=720\n'.format(width))
            app_env['GSETTINGS_BACKEND'] = 'keyfile'
        with open(app_log, 'w') as log:
            app_proc = subprocess.Popen([binary, '--database', alice_db], env=app_env,
                                        stdin=subprocess.DEVNULL, stdout=log, stderr=log)
        app = wait_for(lambda: e2e.find_application(tree, app_proc.pid), e2e.APP_START_TIMEOUT, 0.5)
        if not ok(app is not None, 'the app appears on the accessibility bus'):
            return 1
        window = wait_for(lambda: next((c for c in app.children if role_of(c) == 'frame'), None))
        synced = wait_for(lambda: find(window, lambda n: name_of(n).startswith(('Synced', 'Synchronis')),
                                                 skip_roles=LIST_ROLES), 60)
        ok(synced is not None, 'the app syncs with the server')

        # 4. Bruno writes first, once Alice's app has published its key
        def alice_id():
            out = subprocess.run(['sqlite3', alice_db, "SELECT value FROM meta WHERE key = 'local_member_id'"],
                                 stdout=subprocess.PIPE, text=True).stdout.strip()
            return out or None
        me = wait_for(alice_id, 30)
        sent = None
        for _ in range(30):
            r = subprocess.run([device, 'send', bruno_db, me or '', FIRST], env=env, stdout=subprocess.PIPE,
                               stderr=subprocess.STDOUT, text=True, timeout=60)
            if r.returncode == 0:
                sent = True
                break
            time.sleep(2)
        ok(sent, 'Bruno writes to Alice once her device\'s key is published')

        # 5. Alice opens the Messages page and the conversation
        tab = wait_for(lambda: find(window, lambda n: role_of(n) == 'page tab'
                                              and name_of(n) in ('Messages',)), 30)
        if not ok(tab is not None, 'the window has a Messages page'):
            return 1
        row = wait_for(lambda: find(window, lambda n: name_of(n).startswith('Bruno Durand')
                                              and FIRST in name_of(n)), 60)
        if not ok(row is not None, 'the conversation with Bruno is listed with his message, unread',
                  [(role_of(n), name_of(n)) for n in e2e.descendants(window, 2000) if 'Bruno' in name_of(n)]):
            return 1
        ok('1 unread' in name_of(row) or '1 message non lu' in name_of(row),
           'the conversation counts one unread message', name_of(row))
        # Alt+5, as the window's shortcuts say: the latest conversation opens
        from dogtail import rawinput
        rawinput.keyCombo('<Alt>5')
        time.sleep(2)
        e2e.shot('1-conversation')

        composer = wait_for(lambda: find(window, lambda n: name_of(n) in ('Message',)
                                                   and role_of(n) in ('text', 'entry'), skip_roles=LIST_ROLES), 30)
        if not ok(composer is not None, 'the conversation with Bruno opens with its composer'):
            return 1
        received = wait_for(lambda: find(window, lambda n: FIRST in name_of(n)
                                                   and name_of(n).startswith('Bruno')
                                                   and role_of(n) not in ('list item',) or False), 30)
        ok(received is not None, 'Bruno\'s message shows in the thread')
        # The composer has the focus: type, and Enter sends
        rawinput.typeText(REPLY)
        rawinput.pressKey('Return')
        mine = wait_for(lambda: find(window, lambda n: name_of(n).startswith(('You', 'Vous')) and REPLY in name_of(n)), 30)
        ok(mine is not None, 'Alice\'s answer shows in her thread')
        e2e.shot('2-thread')

        # Bruno's device reads the answer
        def bruno_reads():
            out = subprocess.run([device, 'read', bruno_db], env=env, stdout=subprocess.PIPE,
                                 stderr=subprocess.STDOUT, text=True, timeout=60).stdout
            return REPLY in out
        ok(wait_for(bruno_reads, 60, 2), 'Bruno\'s device decrypts Alice\'s answer')

        # 6. The server never held the text
        with open(club_db, 'rb') as f:
            data = f.read()
        wal = club_db + '-wal'
        if os.path.exists(wal):
            with open(wal, 'rb') as f:
                data += f.read()
        ok(b'Zanzibar' not in data and b'Quetzalcoatl' not in data, 'the server\'s database holds no plaintext')
        return 0
    finally:
        for proc in (app_proc, server):
            if proc is not None and proc.poll() is None:
                proc.terminate()
                try:
                    proc.wait(10)
                except subprocess.TimeoutExpired:
                    proc.kill()
        if tap.n_failed and os.path.exists(app_log):
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
