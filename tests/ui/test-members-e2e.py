#!/usr/bin/python3
#
# test-members-e2e.py
#
# Copyright 2026 The Cercle developers
#
# SPDX-License-Identifier: GPL-3.0-or-later

"""End-to-end test of the member directory through the accessibility tree.

  test-members-e2e.py CERCLE_BINARY

On a demo club whose user is staff: searches their own name and opens
their profile with Enter, edits their job title, is asked before the
unsaved change could be lost, saves; imports a CSV file through the import
dialog; then, after a restart, finds the new job title on the profile.
Then, as a plain member of the same club: edits their own profile but not
the staff member's. The club file is read at each step to check what was
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

sys.path.insert(0, os.path.join(os.path.dirname(os.path.abspath(__file__)), '..', 'lib'))
from cercle_e2e import (Tap, app_env, click_action, db_rows, find, find_application,  # noqa: E402
                        name_of, pointer_click, role_of, states, type_into, wait_for, walk)

JOB_TITLE = 'Torréfactrice e2e'
CSV = ('Nom;Prénom;Société;E-mail;Ville\r\n'
       'Lebœuf;Noémie;Brûlerie Lebœuf;noemie@brulerie-e2e.fr;Lyon\r\n'
       'Garçon;Étienne;Œuvres Garçon;etienne@oeuvres-e2e.fr;Nantes\r\n')
LISTS = ('list', 'list box', 'table', 'tree table', 'tree')

t = Tap()


def start(binary, db_path, env, log_path):
    import dogtail.tree as tree
    log = open(log_path, 'a')
    proc = subprocess.Popen([binary, '--database', db_path], env=env,
                            stdin=subprocess.DEVNULL, stdout=log, stderr=log)
    app = wait_for(lambda: find_application(tree, proc.pid) or proc.poll() is not None, 30, 0.5)
    if app is True:
        app = None
    window = app and wait_for(lambda: next((c for c in app.children if role_of(c) == 'frame'), None))
    return proc, app, window


def quit_app(proc):
    from dogtail import rawinput
    rawinput.keyCombo('<Control>q')
    try:
        return proc.wait(timeout=15)
    except subprocess.TimeoutExpired:
        return None


def profile_menu(window):
    menu = find(window, lambda n: name_of(n) == 'More actions on this member', LISTS)
    while menu is not None and role_of(menu) == 'label':
        menu = menu.parent
    return menu


def edit_button(window):
    """The profile's Edit button, beside its menu (the calendar has an Edit
    button of its own); None when the profile offers none"""
    menu = profile_menu(window)
    return menu and find(menu.parent, lambda n: name_of(n) == 'Edit' and role_of(n) == 'push button')


def enabled(node):
    import pyatspi
    return node is not None and pyatspi.STATE_SENSITIVE in states(node)


def open_profile(window, full_name):
    """Search a member by name and open the best match with Enter, as a
    person does with the keyboard."""
    from dogtail import rawinput
    entry = wait_for(lambda: find(window, lambda n: name_of(n) == 'Search members', LISTS))
    if entry is None:
        return False
    type_into(entry, full_name)
    row = wait_for(lambda: find(window, lambda n: name_of(n).startswith(full_name + ',')))
    if row is None:
        return False
    rawinput.pressKey('Return')
    # The profile's title is the member's name, in a label outside the lists
    return wait_for(lambda: find(window, lambda n: role_of(n) == 'label' and name_of(n) == full_name,
                                 LISTS))


def set_text(node, text):
    """Replace a field's text as an assistive technology does (GTK 4.8
    gives no keyboard focus to a field asked for it over AT-SPI)."""
    return node.queryEditableText().setTextContents(text)


def toplevel(app, name):
    return next((c for c in app.children if name_of(c) == name), None)


def main():
    t.reexec_in_session(__file__)

    if len(sys.argv) != 2:
        t.out.write('Bail out! usage: test-members-e2e.py CERCLE_BINARY\n')
        return 1
    binary = os.path.abspath(sys.argv[1])
    if not os.access(binary, os.X_OK):
        t.skip_all('the app is not built yet')
        return 0

    from dogtail.config import config
    config.checkForA11y = False
    config.logDebugToFile = False
    config.logDebugToStdOut = False
    config.defaultDelay = 0.2
    config.actionDelay = 0.2
    config.typingDelay = 0.03
    import pyatspi  # noqa: F401
    from dogtail import rawinput

    tmp = tempfile.mkdtemp(prefix='cercle-members-e2e-')
    proc = None
    app_log = os.path.join(tmp, 'app.log')
    try:
        env = app_env(tmp)
        db_path = os.path.join(tmp, 'club.db')
        csv_path = os.path.join(tmp, 'membres.csv')
        with open(csv_path, 'w', encoding='utf-8-sig', newline='') as f:
            f.write(CSV)

        r = subprocess.run([binary, '--create-demo', db_path, '--demo-members', '60'], env=env,
                           timeout=120, stdout=subprocess.PIPE, stderr=subprocess.STDOUT, text=True)
        if not t.ok(r.returncode == 0, 'a demo club to work on', r.stdout):
            return 1
        (me_id, me_name), = db_rows(db_path,
                                    "SELECT m.id, m.first_name || ' ' || m.last_name FROM member m"
                                    " JOIN meta ON meta.key = 'local_member_id' AND meta.value = m.id")
        (other_id, other_name), = db_rows(db_path,
                                          "SELECT id, first_name || ' ' || last_name FROM member"
                                          " WHERE role = 'member' AND status = 'active' AND deleted = 0"
                                          " AND id <> ? ORDER BY sort_key LIMIT 1", me_id)
        t.note('the user: {} (staff); a member: {}'.format(me_name, other_name))

        # 1. Staff: their own profile, with Enter from the search
        proc, app, window = start(binary, db_path, env, app_log)
        if not t.ok(window is not None, 'the app shows its window'):
            return 1
        t.ok(open_profile(window, me_name), 'searching "{}" and Enter opens the profile'.format(me_name))
        edit = wait_for(lambda: enabled(edit_button(window)) and edit_button(window))
        if not t.ok(edit, 'the user may edit their own profile'):
            return 1

        # 2. Leaving the editor without a change asks nothing
        click_action(edit)
        job = wait_for(lambda: find(window, lambda n: name_of(n) == 'Job title' and role_of(n) == 'text'))
        if not t.ok(job is not None, 'the editor has a "Job title" field'):
            return 1
        cancel = find(window, lambda n: name_of(n) == 'Cancel' and role_of(n) == 'push button', LISTS)
        click_action(cancel)
        time.sleep(1)
        t.ok(toplevel(app, 'Save Changes?') is None,
             'Cancel without a change leaves the editor without a question')

        # 3. Edit the job title; Cancel asks before the change is lost
        click_action(edit_button(window))
        job = wait_for(lambda: find(window, lambda n: name_of(n) == 'Job title' and role_of(n) == 'text'))
        set_text(job, JOB_TITLE)
        cancel = find(window, lambda n: name_of(n) == 'Cancel' and role_of(n) == 'push button', LISTS)
        click_action(cancel)
        question = wait_for(lambda: toplevel(app, 'Save Changes?'))
        t.ok(question is not None, 'leaving the editor with a change asks "Save Changes?"')
        if question is not None:
            keep = find(question, lambda n: name_of(n) == 'Keep Editing' and role_of(n) == 'push button')
            click_action(keep)
            t.ok(wait_for(lambda: toplevel(app, 'Save Changes?') is None, 5),
                 '"Keep Editing" goes back to the editor')
        t.ok(db_rows(db_path, 'SELECT job_title FROM member WHERE id = ?', me_id)[0][0] != JOB_TITLE,
             'nothing is saved before Save')
        save = find(window, lambda n: name_of(n) == 'Save' and role_of(n) == 'push button', LISTS)
        click_action(save)
        saved = wait_for(lambda: db_rows(db_path, 'SELECT job_title FROM member WHERE id = ?',
                                         me_id)[0][0] == JOB_TITLE)
        t.ok(saved, 'Save writes the new job title to the club file',
             db_rows(db_path, 'SELECT job_title FROM member WHERE id = ?', me_id))

        # 4. Import a CSV file through the dialog
        menu = wait_for(lambda: find(window, lambda n: name_of(n) == 'More actions on members'
                                     and role_of(n) != 'label', LISTS))
        time.sleep(0.5)
        pointer_click(menu)
        item = wait_for(lambda: find(app, lambda n: name_of(n) == 'Import Members…'
                                     and role_of(n) != 'label'))
        if t.ok(item is not None, 'staff find "Import Members…" in the list\'s menu'):
            click_action(item)
            chooser = wait_for(lambda: next((c for c in app.children
                                             if name_of(c) == 'Import Members'), None))
            t.ok(chooser is not None, 'a file chooser asks which file')
            time.sleep(1)
            rawinput.typeText(csv_path)
            rawinput.pressKey('Return')
            import_button = wait_for(lambda: next((b for c in app.children if c != window
                                                   for b in [find(c, lambda n: name_of(n) == 'Import'
                                                                  and role_of(n) == 'push button')]
                                                   if b is not None), None), 20)
            dialog = import_button
            while dialog is not None and role_of(dialog) not in ('dialog', 'frame', 'window'):
                dialog = dialog.parent
            preview = dialog and wait_for(lambda: find(dialog, lambda n: 'Noémie' in name_of(n)))
            t.ok(preview, 'the import dialog shows the file\'s columns with examples',
                 dialog and [(role_of(n), name_of(n)) for n in walk(dialog, 300)][:60])
            if import_button is not None:
                click_action(import_button)
            done = dialog and wait_for(lambda: find(dialog, lambda n: name_of(n) == 'Members Imported'))
            t.ok(done, 'the dialog says the members were imported',
                 dialog and [(role_of(n), name_of(n)) for n in walk(dialog, 300)][:60])
            rows = db_rows(db_path, "SELECT first_name, last_name, company, city FROM member"
                                    " WHERE email LIKE '%-e2e.fr' ORDER BY last_name")
            t.ok(rows == [('Étienne', 'Garçon', 'Œuvres Garçon', 'Nantes'),
                          ('Noémie', 'Lebœuf', 'Brûlerie Lebœuf', 'Lyon')],
                 'both rows are in the club, accents and Œ intact', rows)
            close = dialog and find(dialog, lambda n: name_of(n) == 'Close' and role_of(n) == 'push button')
            if close is not None:
                click_action(close)
            wait_for(lambda: dialog not in app.children, 5)

        t.ok(quit_app(proc) == 0, 'the app quits cleanly')

        # 5. After a restart, the profile shows what was saved
        proc, app, window = start(binary, db_path, env, app_log)
        t.ok(window is not None and open_profile(window, me_name), 'after a restart, the profile opens')
        shown = window and wait_for(lambda: find(window, lambda n: JOB_TITLE in name_of(n)
                                                 and role_of(n) != 'list item', LISTS))
        t.ok(shown, 'the profile shows the job title saved before the restart')
        t.ok(quit_app(proc) == 0, 'the app quits cleanly')

        # 6. A plain member edits their own profile, not someone else's
        db = sqlite3.connect(db_path)
        db.execute("UPDATE meta SET value = ? WHERE key = 'local_member_id'", (other_id,))
        db.commit()
        db.close()
        proc, app, window = start(binary, db_path, env, app_log)
        t.ok(window is not None and open_profile(window, other_name),
             'a member opens their own profile')
        t.ok(wait_for(lambda: enabled(edit_button(window))), 'a member may edit their own profile')
        t.ok(open_profile(window, me_name), "the member opens the staff member's profile")
        # The profile is shown (its menu is there), without an Edit button
        # that works: hidden, or insensitive
        t.ok(wait_for(lambda: profile_menu(window) is not None and not enabled(edit_button(window)), 5),
             "a member may not edit another member's profile (no Edit button)",
             edit_button(window) and sorted(str(s) for s in states(edit_button(window))))
        t.ok(quit_app(proc) == 0, 'the app quits cleanly')
        return 0
    finally:
        if proc is not None and proc.poll() is None:
            proc.terminate()
            try:
                proc.wait(timeout=5)
            except subprocess.TimeoutExpired:
                proc.kill()
        if os.path.exists(app_log):
            with open(app_log, errors='replace') as f:
                sys.stderr.write('--- app output ---\n' + f.read())
        shutil.rmtree(tmp, ignore_errors=True)


def run():
    try:
        return main()
    except Exception:
        import traceback
        t.ok(False, 'the test ran to its end', traceback.format_exc())
        return 1
    finally:
        t.plan()


if __name__ == '__main__':
    status = run()
    sys.exit(1 if (status or t.n_failed) else 0)
