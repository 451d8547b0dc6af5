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


def walk_depth_first(node, limit=20000, skip_roles=()):
    """Descendants, depth first: what comes early in the window (its header
    bar and view switcher) is read before the pages below it."""
    stack = [node]
    seen = 0
    while stack and seen < limit:
        n = stack.pop()
        try:
            children = [c for c in n.children if c is not None]
        except Exception:
            continue
        for c in children:
            seen += 1
            yield c
        stack.extend(reversed([c for c in children if not (skip_roles and role_of(c) in skip_roles)]))


def show_page(window, name, timeout=UI_TIMEOUT):
    """Click the page tabs named @name until one is selected (GTK 4.8 does
    not say which of the header's and the bottom bar's switchers is on
    screen), reading the tree only as far as the first one that takes."""
    import pyatspi

    def select():
        for tab in walk_depth_first(window, skip_roles=LIST_ROLES):
            if role_of(tab) == 'page tab' and name_of(tab) == name:
                click_action(tab)
                if wait_for(lambda: pyatspi.STATE_SELECTED in states(tab), 5):
                    return True
        return False
    return bool(wait_for(select, timeout))


def page(window, view, timeout=UI_TIMEOUT):
    """One page of the window, by its view's type name (GTK 4.8 names a
    widget with no label by its type: "CercleClubView"): every page is on
    the accessibility bus, shown or not, and searching one rather than the
    window saves reading the others."""
    return wait_for(lambda: find(window, lambda n: role_of(n) == 'filler' and name_of(n) == view,
                                 skip_roles=LIST_ROLES), timeout)


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


# ---------------------------------------------------------------------------
# Sessions, servers and people: what the tests of a club on a server share
# (test-club-e2e.py, test-messages-e2e.py)

LIST_ROLES = ('list', 'list box', 'table', 'tree table', 'tree')
APP_START_TIMEOUT = 30


def reexec_on_display(tap, script):
    """Run again under a display and a session bus of their own: the
    accessibility bus of a session is announced on the X display, and this
    session ends with the test."""
    if os.environ.get('CERCLE_E2E_NESTED'):
        return
    cmd = (['xvfb-run', '-a', '-s', '-screen 0 1280x800x24', 'dbus-run-session', '--',
            sys.executable, os.path.abspath(script)] + sys.argv[1:])
    env = dict(os.environ, CERCLE_E2E_NESTED='1')
    tap.out.flush()
    os.dup2(tap.out.fileno(), 1)
    os.execvpe(cmd[0], cmd, env)


def configure_dogtail():
    from dogtail.config import config
    config.checkForA11y = False
    config.logDebugToFile = False
    config.logDebugToStdOut = False
    config.defaultDelay = 0.2
    config.actionDelay = 0.2
    config.typingDelay = 0.02
    config.searchCutoffCount = 10
    import dogtail.tree
    return dogtail.tree


def free_port():
    import socket
    with socket.socket() as s:
        s.bind(('127.0.0.1', 0))
        return s.getsockname()[1]


def shot(name):
    """Each toplevel of the display, as a PNG of its own in
    $CERCLE_E2E_SHOTS (a root capture shows only what X composed last)."""
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


def person_env(tmp, who, binary):
    """A person at a desk of their own: data, settings and a runtime
    folder of their own, in English; the build tree's settings schema."""
    env = dict(os.environ)
    for var in ('LANGUAGE', 'LANG', 'LC_MESSAGES', 'GTK_A11Y', 'NO_AT_BRIDGE', 'GTK_DEBUG',
                'CERCLE_QUIT_AFTER_FIRST_FRAME'):
        env.pop(var, None)
    env['LC_ALL'] = 'C.UTF-8'
    home = os.path.join(tmp, who)
    for xdg in ('XDG_DATA_HOME', 'XDG_CONFIG_HOME', 'XDG_CACHE_HOME', 'XDG_STATE_HOME'):
        env[xdg] = os.path.join(home, xdg.lower())
        os.makedirs(env[xdg], exist_ok=True)
    # The keyring's daemons find each other through the runtime folder
    env['XDG_RUNTIME_DIR'] = os.path.join(home, 'runtime')
    os.makedirs(env['XDG_RUNTIME_DIR'], mode=0o700, exist_ok=True)
    if 'GSETTINGS_SCHEMA_DIR' not in env:
        schema_dir = os.path.join(os.path.dirname(os.path.dirname(os.path.dirname(binary))), 'data')
        if os.path.exists(os.path.join(schema_dir, 'gschemas.compiled')):
            env['GSETTINGS_SCHEMA_DIR'] = schema_dir
    return env


def start_keyring(env):
    """A login keyring, unlocked, on @env's session bus, as at a desktop
    login: the default collection that libsecret stores into. Waits until
    it answers on the bus, so that the app's first store finds it."""
    import shutil
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
    if r.returncode != 0:
        return False

    def default_collection():
        out = subprocess.run(['gdbus', 'call', '--session', '--dest', 'org.freedesktop.secrets',
                              '--object-path', '/org/freedesktop/secrets',
                              '--method', 'org.freedesktop.Secret.Service.ReadAlias', 'default'],
                             env=env, stdout=subprocess.PIPE, stderr=subprocess.DEVNULL, text=True,
                             timeout=10).stdout
        return '/collection/' in out
    return bool(wait_for(default_collection, 20, 0.2))


class PrivateSession:
    """A session bus of its own, with its own unlocked keyring: a second
    person's desk on the same display and accessibility bus, so that two
    apps (one per person) keep their tokens and device keys apart."""

    def __init__(self, env):
        self.env = env
        self.pids = []
        config = os.path.join(env['XDG_RUNTIME_DIR'], 'session.conf')
        with open(config, 'w') as f:
            f.write('<!DOCTYPE busconfig PUBLIC "-//freedesktop//DTD D-Bus Bus Configuration 1.0//EN"'
                    ' "http://www.freedesktop.org/standards/dbus/1.0/busconfig.dtd">\n'
                    '<busconfig><type>session</type>'
                    '<listen>unix:dir={}</listen>'
                    '<auth>EXTERNAL</auth>'
                    '<policy context="default"><allow send_destination="*" eavesdrop="true"/>'
                    '<allow eavesdrop="true"/><allow own="*"/></policy>'
                    '</busconfig>\n'.format(env['XDG_RUNTIME_DIR']))
        r = subprocess.run(['dbus-daemon', '--config-file', config, '--fork', '--print-address=1',
                            '--print-pid=1'], env=env, stdout=subprocess.PIPE, text=True, timeout=30)
        lines = r.stdout.split()
        self.address = lines[0] if lines else None
        if len(lines) > 1 and lines[1].isdigit():
            self.pids.append(int(lines[1]))
        if self.address:
            env['DBUS_SESSION_BUS_ADDRESS'] = self.address
        # The accessibility bus stays the display's: one tree for both apps
        a11y = subprocess.run(['gdbus', 'call', '--session', '--dest', 'org.a11y.Bus', '--object-path',
                               '/org/a11y/bus', '--method', 'org.a11y.Bus.GetAddress'],
                              stdout=subprocess.PIPE, stderr=subprocess.DEVNULL, text=True).stdout
        address = a11y.strip().strip('(),').strip("'")
        if address:
            env['AT_SPI_BUS_ADDRESS'] = address
        self.keyring = bool(self.address) and start_keyring(env)
        if env.get('GNOME_KEYRING_PID', '').isdigit():
            self.pids.append(int(env['GNOME_KEYRING_PID']))

    def stop(self):
        import signal
        for pid in reversed(self.pids):
            try:
                os.kill(pid, signal.SIGTERM)
            except OSError:
                pass
        self.pids = []


def start_server(server_binary, club_db, port, env):
    server = subprocess.Popen([server_binary, 'serve', '--database', club_db, '--port', str(port),
                               '--password-cost', 'minimum'], env=env, stdout=subprocess.PIPE,
                              stderr=subprocess.DEVNULL, text=True)
    if 'http' in (server.stdout.readline() or ''):
        return server
    server.kill()
    return None


def stop(procs):
    for proc in reversed(procs):
        if proc is not None and proc.poll() is None:
            proc.terminate()
            try:
                proc.wait(10)
            except subprocess.TimeoutExpired:
                proc.kill()


def descendants(node, limit=20000):
    return list(walk(node, limit))


def join_club(app, window, url, email, password, env, tap=None):
    """"Add a Club…" from the main menu, signed in as @email with
    @password, the first club chosen and joined; returns the joined club's
    window once it says it is synced. With @tap, each step is a test of
    its own (and a screenshot in $CERCLE_E2E_SHOTS)."""
    def check(cond, what, diag=None):
        return tap.ok(cond, what, diag) if tap is not None else cond

    menu = wait_for(lambda: find(window, lambda n: name_of(n) == 'Main Menu', skip_roles=LIST_ROLES))
    if not check(menu is not None, 'the main menu button is there'):
        return None
    click_action(menu)
    item = wait_for(lambda: find(app, lambda n: name_of(n).replace('_', '') == 'Add a Club…'
                                 and role_of(n) != 'frame', skip_roles=LIST_ROLES), 5)
    if item is not None:
        click_action(item)
    else:
        if tap is not None:
            tap.note('the menu popover is not on the bus: activating app.add-club with gapplication')
        subprocess.run(['gapplication', 'action', 'io.github.cercle.Cercle', 'add-club'], env=env, timeout=30)
    dialog = wait_for(lambda: next((c for c in app.children if name_of(c) == 'Add a Club'), None))
    if not check(dialog is not None, 'the "Add a Club" dialog opens'):
        return None

    def field(label):
        return wait_for(lambda: find(dialog, lambda n: name_of(n).startswith(label)
                                     and role_of(n) in ('text', 'entry', 'password text')))

    fields = [field('Server Address'), field('E-mail Address'), field('Password')]
    if not check(all(fields), 'the dialog asks for an address, an e-mail and a password',
                 tap and [(role_of(n), name_of(n)) for n in descendants(dialog, 200)]):
        return None
    for node, text in zip(fields, (url, email, password)):
        node.text = text
    if tap is not None:
        shot('join-1-sign-in')
    click_action(find(dialog, lambda n: name_of(n).replace('_', '').startswith('Sign In')
                      and 'button' in role_of(n)))
    club = wait_for(lambda: find(dialog, lambda n: role_of(n) == 'check box' and 'Club' in name_of(n)), 30)
    if not check(club is not None, 'signing in lists the account\'s clubs',
                 tap and [(role_of(n), name_of(n)) for n in descendants(dialog, 200)]):
        return None
    if tap is not None:
        tap.note('joining {!r}'.format(name_of(club)))
        shot('join-2-clubs')
    click_action(find(dialog, lambda n: name_of(n).replace('_', '').startswith('Join')
                      and 'button' in role_of(n)))

    # The local club and the joined one may have the same name: the new
    # window is the other frame
    def new_window():
        frames = [c for c in app.children if role_of(c) == 'frame' and name_of(c) != 'Add a Club']
        return frames[-1] if len(frames) >= 2 else None

    joined = wait_for(new_window, 120)
    if not check(joined is not None, 'the joined club opens in a window of its own',
                 tap and [(role_of(c), name_of(c)) for c in app.children]):
        return None
    synced = wait_for(lambda: find(joined, lambda n: name_of(n).startswith('Synced'), skip_roles=LIST_ROLES), 30)
    check(synced is not None, 'the sync indicator says "Synced"')
    return joined
