#!/usr/bin/env python3
# check-flatpak.py: the Flatpak manifest, offline, and that every name agrees
# SPDX-License-Identifier: GPL-3.0-or-later
#
# Usage: check-flatpak.py --app-id APP_ID SOURCE_ROOT
# flatpak-builder cannot run here (it downloads the runtime), so this checks
# what it would rely on:
#   - flatpak/APP_ID.json is JSON (no duplicate keys), on org.gnome.Platform
#     with org.gnome.Sdk, and its id is APP_ID;
#   - its runtime-version, the ONE place the GNOME runtime is named, is a
#     supported one: a whole number, at least OLDEST_SUPPORTED_RUNTIME
#     (software centres warn users away from apps on an end-of-life runtime);
#   - finish-args are exactly --share=ipc --socket=wayland
#     --socket=fallback-x11 --device=dri: no file system, no bus names;
#     documents go through the file-chooser portal;
#   - the last module builds this tree with Meson, tests off, and every -D
#     option it passes is declared in meson_options.txt;
#   - the command is the desktop file's Exec program and the metainfo's
#     <binary>, and src/app builds an executable of that name (when src/app
#     is in the tree);
#   - desktop file, metainfo, icons, MIME package and settings schema are
#     named after APP_ID and refer to it (Flatpak exports only files named
#     after the app id);
#   - README.md's build lines name the manifest and its runtime version.
import argparse
import json
import os
import re
import sys
import xml.etree.ElementTree as ET

ALLOWED_FINISH_ARGS = ['--share=ipc', '--socket=wayland', '--socket=fallback-x11',
                       '--device=dri']
MIME_TYPE = 'application/x-jixiao'
# GNOME runtimes get updates for about a year, until two newer ones are out:
# 47 is end-of-life since October 2025, 48 since 50 came out. Raise this when
# Flathub ends a runtime, then move the manifest (and README's lines) on.
OLDEST_SUPPORTED_RUNTIME = 50
MIME_NS = '{http://www.freedesktop.org/standards/shared-mime-info}'

failures = []
notes = []


def fail(message):
    failures.append(message)


def no_duplicates(pairs):
    keys = [k for k, _ in pairs]
    dups = sorted({k for k in keys if keys.count(k) > 1})
    if dups:
        raise ValueError('duplicate keys: ' + ', '.join(dups))
    return dict(pairs)


def read_desktop(path):
    """The [Desktop Entry] group of a desktop file as a dict."""
    entries, group = {}, None
    with open(path, encoding='utf-8') as f:
        for line in f:
            line = line.rstrip('\n')
            if not line.strip() or line.lstrip().startswith('#'):
                continue
            if line.startswith('['):
                group = line.strip()
                continue
            if group == '[Desktop Entry]' and '=' in line:
                key, value = line.split('=', 1)
                entries[key.strip()] = value.strip()
    return entries


def check_manifest(root, app_id, manifest_path):
    rel = os.path.relpath(manifest_path, root)
    try:
        with open(manifest_path, encoding='utf-8') as f:
            m = json.load(f, object_pairs_hook=no_duplicates)
    except (OSError, ValueError) as e:
        fail(f'{rel}: not valid JSON: {e}')
        return None

    got_id = m.get('id', m.get('app-id'))
    if got_id != app_id:
        fail(f'{rel}: id is {got_id!r}, expected {app_id!r}')
    if m.get('runtime') != 'org.gnome.Platform':
        fail(f'{rel}: runtime is {m.get("runtime")!r}, expected "org.gnome.Platform"')
    if m.get('sdk') != 'org.gnome.Sdk':
        fail(f'{rel}: sdk is {m.get("sdk")!r}, expected "org.gnome.Sdk"')
    version = m.get('runtime-version')
    if not isinstance(version, str) or not re.fullmatch(r'[0-9]+', version):
        fail(f'{rel}: runtime-version must be a GNOME release as a string, such as '
             f'"{OLDEST_SUPPORTED_RUNTIME}" (is {version!r})')
    elif int(version) < OLDEST_SUPPORTED_RUNTIME:
        fail(f'{rel}: runtime-version is "{version}", an end-of-life GNOME runtime: '
             f'use "{OLDEST_SUPPORTED_RUNTIME}" or newer (and the same in README.md\'s '
             'flatpak install line)')
    if not isinstance(m.get('command'), str) or not m['command']:
        fail(f'{rel}: command is missing')

    finish = m.get('finish-args', [])
    if sorted(finish) != sorted(ALLOWED_FINISH_ARGS) or len(finish) != len(set(finish)):
        extra = [a for a in finish if a not in ALLOWED_FINISH_ARGS]
        missing = [a for a in ALLOWED_FINISH_ARGS if a not in finish]
        fail(f'{rel}: finish-args must be exactly {" ".join(ALLOWED_FINISH_ARGS)}'
             + (f'; not allowed: {" ".join(extra)}' if extra else '')
             + (f'; missing: {" ".join(missing)}' if missing else '')
             + ('; duplicated entries' if len(finish) != len(set(finish)) else '')
             + ' (documents are opened through the file-chooser portal)')

    modules = m.get('modules') or []
    if not modules or not isinstance(modules[-1], dict):
        fail(f'{rel}: no modules: the last module must build Jixiao')
        return m
    # Every downloaded source is pinned: flatpak-builder verifies what it fetches.
    for mod in modules[:-1]:
        for src in (mod.get('sources') or []) if isinstance(mod, dict) else []:
            if src.get('type') in ('archive', 'file') and \
               not re.fullmatch(r'[0-9a-f]{64}', str(src.get('sha256', ''))):
                fail(f'{rel}: module {mod.get("name")!r}: source {src.get("url")!r} has no '
                     f'sha256 (64 hex digits); pin what the build downloads')
    app = modules[-1]
    if app.get('buildsystem') != 'meson':
        fail(f'{rel}: the last module ({app.get("name")!r}) must have "buildsystem": "meson"')
    dirs = [s for s in app.get('sources', []) if isinstance(s, dict) and s.get('type') == 'dir']
    if not dirs:
        fail(f'{rel}: the last module must take this tree as a source '
             '({"type": "dir", "path": ".."})')
    for s in dirs:
        path = os.path.normpath(os.path.join(os.path.dirname(manifest_path), s.get('path', '')))
        if os.path.realpath(path) != os.path.realpath(root):
            fail(f'{rel}: the dir source {s.get("path")!r} is {path}, not the source tree {root}')
    opts = app.get('config-opts', [])
    if '-Dtests=false' not in opts:
        fail(f'{rel}: the last module must pass "-Dtests=false" in config-opts '
             '(the tests are not run in the Flatpak and need libglib-testing)')
    declared = set()
    for name in ('meson_options.txt', 'meson.options'):
        p = os.path.join(root, name)
        if os.path.exists(p):
            declared |= set(re.findall(r"option\(\s*'([^']+)'", open(p, encoding='utf-8').read()))
    builtin = {'buildtype', 'prefix', 'libdir', 'optimization', 'debug', 'b_lto',
               'b_ndebug', 'warning_level', 'werror', 'default_library'}
    for opt in opts:
        mo = re.match(r'-D([A-Za-z0-9_.:-]+)=', opt)
        if mo and mo.group(1) not in declared | builtin:
            fail(f'{rel}: config-opts passes {opt}, but meson_options.txt declares no '
                 f'option {mo.group(1)!r}')
    return m


def check_app_binary(root, command):
    p = os.path.join(root, 'src', 'app', 'meson.build')
    if not os.path.exists(p):
        notes.append(f'src/app/meson.build is not in this tree: not checked that it '
                     f'builds {command!r}')
        return
    text = open(p, encoding='utf-8').read()
    calls = re.findall(r"executable\(\s*([^,\s)]+)", text)
    literals = [c.strip("'") for c in calls if c.startswith("'")]
    if command in literals:
        return
    if any(not c.startswith("'") for c in calls):
        notes.append(f'src/app/meson.build names its executable with a variable: '
                     f'not checked that it is {command!r}')
        return
    fail(f'src/app/meson.build builds {literals or "no executable"}, but the manifest, '
         f'desktop file and metainfo run {command!r}')


def check_names(root, app_id, command):
    data = os.path.join(root, 'data')

    # Desktop file
    desktop = os.path.join(data, app_id + '.desktop.in')
    if not os.path.exists(desktop):
        fail(f'data/{app_id}.desktop.in is missing (the desktop file is named after the app id)')
    else:
        d = read_desktop(desktop)
        exec_prog = d.get('Exec', '').split()[0] if d.get('Exec') else None
        if exec_prog != command:
            fail(f'data/{app_id}.desktop.in: Exec runs {exec_prog!r}, the manifest\'s '
                 f'command is {command!r}')
        if d.get('Icon') != app_id:
            fail(f'data/{app_id}.desktop.in: Icon is {d.get("Icon")!r}, expected {app_id!r}')
        if MIME_TYPE not in d.get('MimeType', '').split(';'):
            fail(f'data/{app_id}.desktop.in: MimeType does not list {MIME_TYPE}')
        if '%F' not in d.get('Exec', '') and '%f' not in d.get('Exec', ''):
            fail(f'data/{app_id}.desktop.in: Exec takes no files (%F): documents '
                 'opened from the file manager would be dropped')

    # Metainfo
    metainfo = os.path.join(data, app_id + '.metainfo.xml.in')
    if not os.path.exists(metainfo):
        fail(f'data/{app_id}.metainfo.xml.in is missing')
    else:
        c = ET.parse(metainfo).getroot()
        rel = f'data/{app_id}.metainfo.xml.in'
        if c.findtext('id') != app_id:
            fail(f'{rel}: <id> is {c.findtext("id")!r}, expected {app_id!r}')
        launchables = [e.text for e in c.findall('launchable') if e.get('type') == 'desktop-id']
        if launchables != [app_id + '.desktop']:
            fail(f'{rel}: <launchable type="desktop-id"> is {launchables}, '
                 f'expected {app_id}.desktop')
        binaries = [e.text for e in c.findall('provides/binary')]
        if command not in binaries:
            fail(f'{rel}: <provides> names binaries {binaries}, not the command {command!r}')
        mediatypes = [e.text for e in c.findall('provides/mediatype')]
        if MIME_TYPE not in mediatypes:
            fail(f'{rel}: <provides> lacks <mediatype>{MIME_TYPE}</mediatype>')

    # Icons
    for sub, name in (('scalable', app_id + '.svg'), ('symbolic', app_id + '-symbolic.svg')):
        p = os.path.join(data, 'icons', 'hicolor', sub, 'apps', name)
        if not os.path.exists(p):
            fail(f'data/icons/hicolor/{sub}/apps/{name} is missing')

    # MIME package
    mime = os.path.join(data, app_id + '.mime.xml')
    if not os.path.exists(mime):
        fail(f'data/{app_id}.mime.xml is missing')
    else:
        r = ET.parse(mime).getroot()
        t = r.find(MIME_NS + 'mime-type')
        if t is None or t.get('type') != MIME_TYPE:
            fail(f'data/{app_id}.mime.xml does not define {MIME_TYPE}')
        else:
            icon = t.find(MIME_NS + 'icon')
            if icon is not None and not icon.get('name', '').startswith(app_id):
                fail(f'data/{app_id}.mime.xml: icon {icon.get("name")!r} does not start '
                     f'with {app_id}: Flatpak would not export it')

    # Settings schema
    schema = os.path.join(data, app_id + '.gschema.xml')
    if not os.path.exists(schema):
        fail(f'data/{app_id}.gschema.xml is missing')
    else:
        s = ET.parse(schema).getroot().find('schema')
        want_path = '/' + app_id.replace('.', '/') + '/'
        if s is None or s.get('id') != app_id or s.get('path') != want_path:
            fail(f'data/{app_id}.gschema.xml: the schema must have id {app_id!r} and '
                 f'path {want_path!r}')

    # meson.build installs them under the app id: spot-check the renames.
    mb = open(os.path.join(data, 'meson.build'), encoding='utf-8').read()
    if "rename: app_id + '.xml'" not in mb:
        fail("data/meson.build: the MIME package must be installed as <app id>.xml "
             "(rename: app_id + '.xml'): Flatpak exports no other name")


def check_readme(root, manifest_rel, version, app_id):
    p = os.path.join(root, 'README.md')
    text = open(p, encoding='utf-8').read() if os.path.exists(p) else ''
    for want in (f'org.gnome.Sdk//{version}', f'org.gnome.Platform//{version}',
                 manifest_rel, f'flatpak run {app_id}'):
        if want not in text:
            fail(f'README.md: the Flatpak build lines must mention "{want}"')


def main():
    ap = argparse.ArgumentParser()
    ap.add_argument('--app-id', required=True)
    ap.add_argument('source_root')
    args = ap.parse_args()
    root = os.path.abspath(args.source_root)
    manifest_rel = f'flatpak/{args.app_id}.json'
    manifest_path = os.path.join(root, manifest_rel)

    if not os.path.exists(manifest_path):
        fail(f'{manifest_rel} is missing (the manifest is named after the app id)')
    else:
        m = check_manifest(root, args.app_id, manifest_path)
        if m is not None:
            command = m.get('command')
            check_names(root, args.app_id, command)
            check_app_binary(root, command)
            check_readme(root, manifest_rel, m.get('runtime-version'), args.app_id)

    for n in notes:
        print('check-flatpak: note: ' + n)
    for f in failures:
        print('check-flatpak: FAIL: ' + f, file=sys.stderr)
    if failures:
        return 1
    print(f'check-flatpak: ok: {manifest_rel} and the desktop files agree on {args.app_id}')
    return 0


if __name__ == '__main__':
    sys.exit(main())
