#!/usr/bin/python3
#
# test-manifests.py
#
# Copyright 2026 The Cercle developers
#
# SPDX-License-Identifier: GPL-3.0-or-later

"""Check the Flatpak manifests without building them.

  test-manifests.py [--builddir DIR] [--flatpak-builder PATH] SRCDIR
  test-manifests.py --broken [--flatpak-builder PATH] SRCDIR

The GNOME runtime cannot be downloaded where the tests run, so this test
checks what a build would trip on, or what Flathub's review would refuse:

- every manifest and module file is valid JSON, and flatpak-builder (when
  given) reads each without an error or an unknown property;
- each manifest's id is its file name, io.github.cercle.Cercle for the
  default build and io.github.cercle.Cercle.Devel for -Dprofile=development,
  and the desktop file, the metainfo (id and launchable), the GSettings
  schema and the icons that meson makes for that profile carry the same id
  (the templates in data/ are filled in as configure_file does, and the
  files of a configured build directory are compared too);
- both manifests use the same runtime, SDK and runtime version (a number,
  not a development branch) and the same library modules;
- every source fetched from elsewhere is pinned: a git source by commit,
  an archive or file by sha256, over https; the app's own source is the
  checkout (a dir source) and nothing else is;
- the sandbox gets exactly network, ipc, wayland with fallback-x11 and dri:
  no home or host file system (files go through the file chooser portal),
  no session or system bus, no Secret Service or other bus names (libsecret
  uses the Secret portal), no cups socket (printing uses the print portal);
- every library that a meson.build asks for is in the runtime or built by a
  module of the manifest;
- every summary of the metainfo, translations included, is under 35
  characters;
- the metainfo's screenshots are PNGs of data/screenshots, of the size it
  says, at the tag of the project's version (badges.png is a TODO until
  `cercle --export-badges` exists).

--broken runs the same checks on copies of the tree, each broken on purpose
in one way, and passes only when every copy fails: the check itself is
tested.

Prints TAP.
"""

import argparse
import glob
import json
import os
import re
import shutil
import subprocess
import sys
import tempfile

BASE_ID = 'io.github.cercle.Cercle'
DEVEL_ID = BASE_ID + '.Devel'
MANIFESTS = {BASE_ID: 'default', DEVEL_ID: 'development'}

FINISH_ARGS = {
    '--share=network',
    '--share=ipc',
    '--socket=wayland',
    '--socket=fallback-x11',
    '--device=dri',
}
# Why the usual suspects are refused, to say so when one shows up.
FORBIDDEN = [
    (r'^--filesystem=', 'no file system access: files go through the file chooser portal'),
    (r'^--socket=(session|system)-bus$', 'no bus access: the app talks to portals only'),
    (r'^--(system-)?talk-name=', 'no bus names: libsecret uses the Secret portal in the sandbox'),
    (r'^--socket=x11$', 'X11 only as --socket=fallback-x11, beside wayland'),
    (r'^--socket=cups$', 'printing goes through the print portal'),
    (r'^--device=all$', 'only --device=dri'),
]

# Pinned: what a remote source must carry.
REMOTE_PINS = {
    'git': ('commit', re.compile(r'^[0-9a-f]{40}$')),
    'archive': ('sha256', re.compile(r'^[0-9a-f]{64}$')),
    'file': ('sha256', re.compile(r'^[0-9a-f]{64}$')),
}
LOCAL_SOURCES = ('dir', 'patch', 'inline', 'script', 'shell')

# pkg-config names the GNOME runtime provides (org.gnome.Platform, on top of
# org.freedesktop.Platform); anything else a meson.build asks for needs a
# module, named in MODULE_PROVIDES.
RUNTIME_PROVIDES = {
    'threads', 'glib-2.0', 'gobject-2.0', 'gio-2.0', 'gio-unix-2.0', 'gmodule-2.0',
    'gthread-2.0', 'gtk4', 'gtk4-unix-print', 'gtk4-wayland', 'gtk4-x11', 'libadwaita-1',
    'libsoup-3.0', 'json-glib-1.0', 'libsecret-1', 'sqlite3', 'cairo', 'cairo-gobject',
    'cairo-pdf', 'cairo-ps', 'cairo-svg', 'pango', 'pangocairo', 'pangoft2', 'fontconfig',
    'freetype2', 'harfbuzz', 'gdk-pixbuf-2.0', 'librsvg-2.0', 'libxml-2.0', 'zlib',
    'gnutls', 'openssl', 'libcurl', 'libportal', 'libportal-gtk4', 'icu-uc', 'icu-i18n',
    'libsystemd', 'libpng', 'libjpeg', 'tinysparql-3.0', 'gsettings-desktop-schemas',
    'graphene-1.0', 'libnotify',
}
MODULE_PROVIDES = {
    'libical': {'libical'},
    'libqrencode': {'libqrencode'},
    'libsodium': {'libsodium'},
    'libstemmer': {'libstemmer'},
    'libcsv': {'libcsv'},
    'uchardet': {'uchardet'},
    'libpq': {'libpq'},
}


class Checks:
    def __init__(self):
        self.results = []
        self.todo = {}

    def ok(self, cond, what, detail='', todo=None):
        """todo: why a failure is known and expected for now (TAP # TODO)."""
        self.results.append((bool(cond), what, detail))
        if todo and not cond:
            self.todo[len(self.results)] = todo
        return cond

    @property
    def failed(self):
        return [r for i, r in enumerate(self.results, 1) if not r[0] and i not in self.todo]


def load_json(checks, path, what):
    try:
        with open(path, encoding='utf-8') as f:
            data = json.load(f)
    except (OSError, ValueError) as e:
        checks.ok(False, '{} is valid JSON'.format(what), str(e))
        return None
    checks.ok(isinstance(data, dict), '{} is valid JSON'.format(what),
              'the top level is not an object')
    return data if isinstance(data, dict) else None


def expand_modules(checks, manifest_dir, modules, where):
    """Modules, with those given as file names read from their files."""
    out = []
    for m in modules or []:
        if isinstance(m, str):
            path = os.path.join(manifest_dir, m)
            data = load_json(checks, path, '{}: module file {}'.format(where, m))
            if data is None:
                continue
            m = data
            manifest_dir_of_m = os.path.dirname(path)
        else:
            manifest_dir_of_m = manifest_dir
        out.append((m, manifest_dir_of_m))
        out += expand_modules(checks, manifest_dir_of_m, m.get('modules'), where)
    return out


def check_sources(checks, srcdir, name, module, module_dir, is_app):
    problems = []
    sources = module.get('sources') or []
    if not sources:
        problems.append('no sources')
    for s in sources:
        if isinstance(s, str):
            problems.append('source file {} (write sources inline)'.format(s))
            continue
        kind = s.get('type')
        if kind in REMOTE_PINS:
            key, pattern = REMOTE_PINS[kind]
            if not pattern.match(str(s.get(key, ''))):
                problems.append('{} source {} has no {}'.format(kind, s.get('url'), key))
            for url in [s.get('url')] + list(s.get('mirror-urls') or []):
                if not str(url or '').startswith('https://'):
                    problems.append('{} is not an https URL'.format(url))
            if kind == 'git' and 'branch' in s:
                problems.append('git source {} follows a branch'.format(s.get('url')))
        elif kind in LOCAL_SOURCES:
            if kind == 'dir':
                if not is_app:
                    problems.append('a dir source outside the app module')
                elif os.path.realpath(os.path.join(module_dir, s.get('path', ''))) != \
                        os.path.realpath(srcdir):
                    problems.append('the app source is {} instead of the checkout'.format(
                        s.get('path')))
            elif kind in ('patch', 'script') and 'path' in s:
                if not os.path.exists(os.path.join(module_dir, s['path'])):
                    problems.append('{} {} does not exist'.format(kind, s['path']))
        else:
            problems.append('source of type {} cannot be checked'.format(kind))
    checks.ok(not problems, '{}: every source is pinned'.format(name), '\n'.join(problems))


def check_finish_args(checks, app_id, args):
    args = list(args or [])
    problems = []
    for a in args:
        if a in FINISH_ARGS:
            continue
        why = next((w for pattern, w in FORBIDDEN if re.match(pattern, a)), None)
        problems.append('{}: {}'.format(a, why or 'not in the allowed set'))
    for a in sorted(FINISH_ARGS - set(args)):
        problems.append('{} is missing'.format(a))
    checks.ok(not problems,
              '{}: finish-args are exactly {}'.format(app_id, ' '.join(sorted(FINISH_ARGS))),
              '\n'.join(problems))


def fill_template(path, app_id, version):
    """The data template as meson's configure_file fills it for app_id."""
    with open(path, encoding='utf-8') as f:
        text = f.read()
    schema_path = '/' + app_id.replace('.', '/') + '/'
    return (text.replace('@APP_ID@', app_id).replace('@VERSION@', version)
            .replace('@SCHEMA_PATH@', schema_path))


def project_version(srcdir):
    with open(os.path.join(srcdir, 'meson.build'), encoding='utf-8') as f:
        m = re.search(r"version:\s*'([^']+)'", f.read())
    return m.group(1) if m else '0'


def desktop_key(text, key):
    m = re.search(r'^{}=(.*)$'.format(re.escape(key)), text, re.M)
    return m.group(1).strip() if m else None


def check_data_files(checks, srcdir, app_id, desktop, metainfo, gschema, where):
    """desktop, metainfo and gschema are the texts meson makes for app_id."""
    problems = []
    icon = desktop_key(desktop, 'Icon')
    if icon != app_id:
        problems.append('desktop file: Icon={} instead of {}'.format(icon, app_id))
    if desktop_key(desktop, 'Exec') != 'cercle':
        problems.append('desktop file: Exec is not cercle')
    m = re.search(r'<id>([^<]*)</id>', metainfo)
    if not m or m.group(1) != app_id:
        problems.append('metainfo: <id> is {} instead of {}'.format(m and m.group(1), app_id))
    m = re.search(r'<launchable type="desktop-id">([^<]*)</launchable>', metainfo)
    if not m or m.group(1) != app_id + '.desktop':
        problems.append('metainfo: the launchable is {} instead of {}.desktop'.format(
            m and m.group(1), app_id))
    m = re.search(r'<schema id="([^"]*)" path="([^"]*)"', gschema)
    want_path = '/' + app_id.replace('.', '/') + '/'
    if not m or m.groups() != (app_id, want_path):
        problems.append('GSettings schema: {} instead of id {} at {}'.format(
            m and m.groups(), app_id, want_path))
    checks.ok(not problems, '{}: desktop file, metainfo and schema carry the id {}'.format(
        where, app_id), '\n'.join(problems))


def check_icons(checks, srcdir, app_id):
    icons = os.path.join(srcdir, 'data', 'icons', 'hicolor')
    missing = [p for p in (os.path.join(icons, 'scalable', 'apps', app_id + '.svg'),
                           os.path.join(icons, 'symbolic', 'apps', BASE_ID + '-symbolic.svg'))
               if not os.path.isfile(p)]
    checks.ok(not missing, '{}: the icon and the symbolic icon exist'.format(app_id),
              '\n'.join('missing: ' + os.path.relpath(p, srcdir) for p in missing))


def png_size(path):
    with open(path, 'rb') as f:
        head = f.read(24)
    if head[:8] != b'\x89PNG\r\n\x1a\n':
        return None
    return int.from_bytes(head[16:20], 'big'), int.from_bytes(head[20:24], 'big')


# The badge sheet comes from `cercle --export-badges`, which the print work
# adds; build-aux/screenshots makes badges.png once it exists.
SCREENSHOTS_TODO = {'badges.png': 'made by build-aux/screenshots once cercle --export-badges exists'}


def check_screenshots(checks, srcdir, metainfo, version):
    """Each screenshot of the metainfo is a file of the repository, at the
    release's tag, of the size the metainfo says."""
    pattern = re.compile(r'<image type="source" width="(\d+)" height="(\d+)">'
                         r'https://raw\.githubusercontent\.com/cercle/cercle/v([^/]+)/'
                         r'(data/screenshots/[^<]+\.png)</image>')
    images = re.findall(r'<image[^>]*>[^<]*</image>', metainfo)
    found = pattern.findall(metainfo)
    checks.ok(len(images) >= 4 and len(found) == len(images),
              'the metainfo has at least four screenshots, each in data/screenshots at a tag',
              '\n'.join(i for i in images if not pattern.match(i)) or
              '{} screenshots'.format(len(images)))
    for width, height, tag, path in found:
        name = os.path.basename(path)
        full = os.path.join(srcdir, path)
        size = png_size(full) if os.path.isfile(full) else None
        checks.ok(tag == version and size == (int(width), int(height)),
                  '{} is a {}x{} PNG at the tag v{}'.format(path, width, height, version),
                  'tag v{}, file: {}'.format(tag, '{}x{}'.format(*size) if size else 'missing'),
                  todo=SCREENSHOTS_TODO.get(name) if size is None else None)


def check_summaries(checks, metainfo, where):
    """Software centres cut summaries: AppStream 1.0 wants them under 35
    characters, which appstreamcli 0.16 (Debian 12) does not check."""
    long = [s for s in re.findall(r'<summary[^>]*>([^<]*)</summary>', metainfo) if len(s) >= 35]
    checks.ok(re.search(r'<summary>', metainfo) and not long,
              '{}: every summary is under 35 characters'.format(where), '\n'.join(long))


def meson_dependencies(srcdir):
    deps = {}
    for path in glob.glob(os.path.join(srcdir, '**', 'meson.build'), recursive=True):
        rel = os.path.relpath(path, srcdir)
        if rel.startswith(('_build', '.flatpak-builder', 'subprojects')):
            continue
        with open(path, encoding='utf-8') as f:
            for name in re.findall(r"\bdependency\(\s*'([^']+)'", f.read()):
                deps.setdefault(name, rel)
    return deps


def check_with_flatpak_builder(checks, flatpak_builder, path, what):
    """flatpak-builder parses the manifest and its module files as a build
    would, and warns about the properties it does not know (a typo)."""
    r = subprocess.run([flatpak_builder, '--show-manifest', path], stdout=subprocess.DEVNULL,
                       stderr=subprocess.PIPE, text=True)
    checks.ok(r.returncode == 0 and 'Unknown property' not in r.stderr
              and 'WARNING' not in r.stderr and 'CRITICAL' not in r.stderr,
              'flatpak-builder reads {} without a complaint'.format(what), r.stderr.strip())


def check(srcdir, builddir=None, flatpak_builder=None):
    checks = Checks()
    flatpak = os.path.join(srcdir, 'flatpak')
    version = project_version(srcdir)
    manifests = {}
    for app_id in MANIFESTS:
        path = os.path.join(flatpak, app_id + '.json')
        data = load_json(checks, path, 'flatpak/{}.json'.format(app_id))
        if data is not None:
            manifests[app_id] = data
            if flatpak_builder:
                check_with_flatpak_builder(checks, flatpak_builder, path,
                                           'flatpak/{}.json'.format(app_id))

    for app_id, m in manifests.items():
        where = app_id
        checks.ok(m.get('id', m.get('app-id')) == app_id, '{}: the id is the file name'.format(where),
                  'id is {}'.format(m.get('id', m.get('app-id'))))
        checks.ok(m.get('runtime') == 'org.gnome.Platform' and m.get('sdk') == 'org.gnome.Sdk',
                  '{}: built on org.gnome.Platform with org.gnome.Sdk'.format(where),
                  'runtime {} sdk {}'.format(m.get('runtime'), m.get('sdk')))
        checks.ok(re.match(r'^\d+$', str(m.get('runtime-version', ''))),
                  '{}: the runtime version is a stable release'.format(where),
                  'runtime-version is {!r}'.format(m.get('runtime-version')))
        checks.ok(m.get('command') == 'cercle', '{}: the command is cercle'.format(where),
                  'command is {}'.format(m.get('command')))
        check_finish_args(checks, where, m.get('finish-args'))

        modules = expand_modules(checks, flatpak, m.get('modules'), where)
        names = [mod.get('name') for mod, _ in modules]
        checks.ok(len(names) == len(set(names)), '{}: module names are unique'.format(where),
                  'modules: {}'.format(names))
        app = modules[-1][0] if modules else {}
        profile = MANIFESTS[app_id]
        opts = app.get('config-opts') or []
        checks.ok(app.get('name') == 'cercle' and app.get('buildsystem') == 'meson'
                  and (profile == 'development') == ('-Dprofile=development' in opts),
                  '{}: the last module builds cercle with meson, profile {}'.format(where, profile),
                  'name {} buildsystem {} config-opts {}'.format(
                      app.get('name'), app.get('buildsystem'), opts))
        checks.ok(app.get('run-tests') is True and (app.get('test-commands') or
                                                    app.get('test-rule', 'test')),
                  '{}: the app module runs its tests'.format(where))
        for mod, mod_dir in modules:
            check_sources(checks, srcdir, '{}: module {}'.format(where, mod.get('name')), mod,
                          mod_dir, mod is app)

        provided = set(RUNTIME_PROVIDES)
        for mod, _ in modules:
            provided |= MODULE_PROVIDES.get(mod.get('name'), set())
        missing = {d: f for d, f in meson_dependencies(srcdir).items() if d not in provided}
        checks.ok(not missing, '{}: every library meson asks for is in the runtime or a module'
                  .format(where), '\n'.join('{} (in {}): add a module to flatpak/modules/ and to '
                                           'MODULE_PROVIDES'.format(d, f)
                                           for d, f in sorted(missing.items())))

    if len(manifests) == len(MANIFESTS):
        base, devel = manifests[BASE_ID], manifests[DEVEL_ID]
        same = {k: (base.get(k), devel.get(k)) for k in
                ('runtime', 'runtime-version', 'sdk', 'finish-args', 'command')}
        checks.ok(all(a == b for a, b in same.values()),
                  'both manifests use the same runtime, version, SDK and permissions',
                  '\n'.join('{}: {} / {}'.format(k, a, b) for k, (a, b) in same.items() if a != b))
        checks.ok((base.get('modules') or [])[:-1] == (devel.get('modules') or [])[:-1],
                  'both manifests build the same library modules')

    data = os.path.join(srcdir, 'data')
    for app_id in MANIFESTS:
        try:
            texts = [fill_template(os.path.join(data, BASE_ID + suffix), app_id, version)
                     for suffix in ('.desktop.in', '.metainfo.xml.in', '.gschema.xml.in')]
        except OSError as e:
            checks.ok(False, '{}: the data templates exist'.format(app_id), str(e))
            continue
        check_data_files(checks, srcdir, app_id, *texts, where='templates')
        check_icons(checks, srcdir, app_id)
        if app_id == BASE_ID:
            check_screenshots(checks, srcdir, texts[1], version)
            check_summaries(checks, texts[1], 'templates')

    if builddir:
        config = os.path.join(builddir, 'config.h')
        with open(config, encoding='utf-8') as f:
            m = re.search(r'#define APPLICATION_ID "([^"]+)"', f.read())
        app_id = m.group(1) if m else None
        checks.ok(app_id in MANIFESTS, 'the build directory builds a manifest\'s app id',
                  'APPLICATION_ID is {}'.format(app_id))
        if app_id in MANIFESTS:
            built = os.path.join(builddir, 'data')
            texts = []
            for name in (app_id + '.desktop', app_id + '.metainfo.xml', app_id + '.gschema.xml'):
                try:
                    with open(os.path.join(built, name), encoding='utf-8') as f:
                        texts.append(f.read())
                except OSError as e:
                    texts.append('')
                    checks.ok(False, 'the build directory has data/{}'.format(name), str(e))
            check_data_files(checks, srcdir, app_id, *texts, where='build directory')
            check_summaries(checks, texts[1], 'build directory (translated)')
    return checks


# ---------------------------------------------------------------------------
# Broken on purpose: each of these must make the check fail.

def edit_json(path, change):
    with open(path, encoding='utf-8') as f:
        data = json.load(f)
    change(data)
    with open(path, 'w', encoding='utf-8') as f:
        json.dump(data, f, indent=4)


def edit_text(path, old, new):
    with open(path, encoding='utf-8') as f:
        text = f.read()
    assert old in text, '{!r} not in {}'.format(old, path)
    with open(path, 'w', encoding='utf-8') as f:
        f.write(text.replace(old, new, 1))


def finish_args(new_args, manifest=BASE_ID):
    def change(root):
        edit_json(os.path.join(root, 'flatpak', manifest + '.json'),
                  lambda m: m.__setitem__('finish-args', new_args(m['finish-args'])))
    return change


def module(name, change):
    return lambda root: edit_json(os.path.join(root, 'flatpak', 'modules', name + '.json'), change)


def drop_key(key):
    return lambda m: m['sources'][0].pop(key)


BREAKAGES = [
    ('a manifest that is not JSON',
     lambda root: edit_text(os.path.join(root, 'flatpak', BASE_ID + '.json'), '{', '{,')),
    ('a module file that is not JSON',
     lambda root: edit_text(os.path.join(root, 'flatpak', 'modules', 'libsodium.json'), '{', '[')),
    ('the Devel id in the default manifest',
     lambda root: edit_json(os.path.join(root, 'flatpak', BASE_ID + '.json'),
                            lambda m: m.__setitem__('id', DEVEL_ID))),
    ('a git source without its commit', module('libical', drop_key('commit'))),
    ('a git source that follows a branch',
     module('libqrencode', lambda m: m['sources'][0].update(branch='master'))),
    ('an archive without its sha256', module('libpq', drop_key('sha256'))),
    ('an archive over http',
     module('libpq', lambda m: m['sources'][0].update(
         url=m['sources'][0]['url'].replace('https:', 'http:')))),
    ('a dir source in a library module',
     module('libsodium', lambda m: m.__setitem__('sources', [{'type': 'dir', 'path': '.'}]))),
    ('--filesystem=home', finish_args(lambda a: a + ['--filesystem=home'])),
    ('--filesystem=host in the Devel manifest',
     finish_args(lambda a: a + ['--filesystem=host'], DEVEL_ID)),
    ('--socket=session-bus', finish_args(lambda a: a + ['--socket=session-bus'])),
    ('the Secret Service bus name',
     finish_args(lambda a: a + ['--talk-name=org.freedesktop.secrets'])),
    ('--socket=cups', finish_args(lambda a: a + ['--socket=cups'])),
    ('--socket=x11 instead of fallback-x11',
     finish_args(lambda a: [x if x != '--socket=fallback-x11' else '--socket=x11' for x in a])),
    ('no network', finish_args(lambda a: [x for x in a if x != '--share=network'])),
    ('another runtime version in the Devel manifest',
     lambda root: edit_json(os.path.join(root, 'flatpak', DEVEL_ID + '.json'),
                            lambda m: m.__setitem__('runtime-version', '49'))),
    ('a development runtime branch',
     lambda root: [edit_json(os.path.join(root, 'flatpak', i + '.json'),
                             lambda m: m.__setitem__('runtime-version', 'master'))
                   for i in MANIFESTS]),
    ('a Devel manifest without the development profile',
     lambda root: edit_json(os.path.join(root, 'flatpak', DEVEL_ID + '.json'),
                            lambda m: m['modules'][-1].__setitem__(
                                'config-opts', ['--buildtype=release']))),
    ('a library module missing from the Devel manifest',
     lambda root: edit_json(os.path.join(root, 'flatpak', DEVEL_ID + '.json'),
                            lambda m: m['modules'].remove('modules/libpq.json'))),
    ('a metainfo id that does not follow the profile',
     lambda root: edit_text(os.path.join(root, 'data', BASE_ID + '.metainfo.xml.in'),
                            '<id>@APP_ID@</id>', '<id>{}</id>'.format(BASE_ID))),
    ('a desktop file with another icon',
     lambda root: edit_text(os.path.join(root, 'data', BASE_ID + '.desktop.in'),
                            'Icon=@APP_ID@', 'Icon=cercle')),
    ('no Devel icon',
     lambda root: os.remove(os.path.join(root, 'data', 'icons', 'hicolor', 'scalable', 'apps',
                                         DEVEL_ID + '.svg'))),
    ('a screenshot of another size',
     lambda root: edit_text(os.path.join(root, 'data', BASE_ID + '.metainfo.xml.in'),
                            'width="1200" height="800">', 'width="1280" height="800">')),
    ('a screenshot outside the repository',
     lambda root: edit_text(os.path.join(root, 'data', BASE_ID + '.metainfo.xml.in'),
                            'https://raw.githubusercontent.com/cercle/cercle/v@VERSION@/',
                            'https://example.org/')),
    ('a misspelt property in a module (seen by flatpak-builder only)',
     module('libsodium', lambda m: m.__setitem__('config-optz', m.pop('config-opts')))),
    ('a summary of 35 characters or more',
     lambda root: edit_text(os.path.join(root, 'data', BASE_ID + '.metainfo.xml.in'),
                            '<summary>Run your business club</summary>',
                            '<summary>Run the business club that you belong to</summary>')),
    ('a library meson needs and no module builds',
     lambda root: edit_text(os.path.join(root, 'meson.build'), "dependency('gtk4'",
                            "dependency('libfoo-1.0')\ngtk_dep = dependency('gtk4'")),
]


def copy_tree(srcdir, dest):
    """What the check reads: flatpak/, data/ and every meson.build."""
    shutil.copytree(os.path.join(srcdir, 'flatpak'), os.path.join(dest, 'flatpak'))
    shutil.copytree(os.path.join(srcdir, 'data'), os.path.join(dest, 'data'))
    for path in glob.glob(os.path.join(srcdir, '**', 'meson.build'), recursive=True):
        rel = os.path.relpath(path, srcdir)
        if rel.startswith(('_build', '.flatpak-builder', 'data')):
            continue
        os.makedirs(os.path.join(dest, os.path.dirname(rel)), exist_ok=True)
        shutil.copy(path, os.path.join(dest, rel))


def run_broken(srcdir, tap, flatpak_builder=None):
    n = failures = 0

    def report(cond, what, detail=''):
        nonlocal n, failures
        n += 1
        failures += 0 if cond else 1
        tap('{}ok {} - {}'.format('' if cond else 'not ', n, what))
        for line in str(detail).splitlines():
            tap('# ' + line)

    with tempfile.TemporaryDirectory(prefix='cercle-manifests-') as tmp:
        clean = os.path.join(tmp, 'clean')
        copy_tree(srcdir, clean)
        result = check(clean, flatpak_builder=flatpak_builder)
        report(not result.failed, 'an unbroken copy passes',
               '\n'.join(w + ': ' + d for _, w, d in result.failed))
        for i, (what, breakage) in enumerate(BREAKAGES):
            if 'flatpak-builder only' in what and not flatpak_builder:
                n += 1
                tap('ok {} - the check fails on {} # SKIP flatpak-builder is not installed'.format(
                    n, what))
                continue
            root = os.path.join(tmp, str(i))
            copy_tree(srcdir, root)
            breakage(root)
            result = check(root, flatpak_builder=flatpak_builder)
            first = result.failed[0] if result.failed else None
            report(first is not None, 'the check fails on {}'.format(what),
                   'caught by: {} ({})'.format(first[1], first[2].splitlines()[0] if first[2]
                                               else '') if first else 'nothing failed')
    tap('1..{}'.format(n))
    return 1 if failures else 0


def main():
    parser = argparse.ArgumentParser(description=__doc__,
                                     formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument('--builddir')
    parser.add_argument('--broken', action='store_true')
    parser.add_argument('--flatpak-builder')
    parser.add_argument('srcdir')
    args = parser.parse_args()

    if args.broken:
        return run_broken(os.path.abspath(args.srcdir), print, args.flatpak_builder)

    result = check(os.path.abspath(args.srcdir), args.builddir and os.path.abspath(args.builddir),
                   args.flatpak_builder)
    for i, (cond, what, detail) in enumerate(result.results, 1):
        todo = ' # TODO ' + result.todo[i] if i in result.todo else ''
        print('{}ok {} - {}{}'.format('' if cond else 'not ', i, what, todo))
        if not cond:
            for line in detail.splitlines():
                print('# ' + line)
    print('1..{}'.format(len(result.results)))
    return 1 if result.failed else 0


if __name__ == '__main__':
    sys.exit(main())
