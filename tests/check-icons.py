#!/usr/bin/env python3
# check-icons.py: the application icons are what GTK and the desktop can use
# SPDX-License-Identifier: GPL-3.0-or-later
#
# Usage: check-icons.py ICON.svg...
# For each icon, by its name (NAME-symbolic.svg is a symbolic icon):
#   - it is well-formed SVG whose <svg> element starts within the first 256
#     bytes: gdk-pixbuf (and so GTK's icon theme) recognises an SVG stream by
#     shared-mime-info's magic, which looks no further; a long comment before
#     <svg> makes the icon silently fail to load;
#   - its size: 128x128 for the full-colour icon, 16x16 for the symbolic one;
#   - it needs no font and no other file: no <text>, <image>, external
#     references or CSS;
#   - a symbolic icon is drawn in #2e3436 fills only (GTK recolours fills with
#     the theme's colours; strokes, masks and other colours would stay as drawn);
#   - gdk-pixbuf-thumbnailer, i.e. gdk-pixbuf with librsvg's loader, renders
#     it at 16 and 128 px (skipped, with a note, when the tool is missing).
import os
import re
import shutil
import struct
import subprocess
import sys
import tempfile
import xml.etree.ElementTree as ET

SVG = '{http://www.w3.org/2000/svg}'
XLINK_HREF = '{http://www.w3.org/1999/xlink}href'
SYMBOLIC_COLOUR = '#2e3436'
FORBIDDEN = {'text', 'tspan', 'textPath', 'image', 'style', 'font', 'font-face',
             'foreignObject', 'script'}
SYMBOLIC_FORBIDDEN = {'mask', 'clipPath', 'filter', 'linearGradient',
                      'radialGradient', 'pattern'}

failures = []


def fail(path, message):
    failures.append(f'{path}: {message}')


def local(tag):
    return tag.split('}', 1)[1] if tag.startswith('{') else tag


def paint_values(el):
    """The fill and stroke paints an element sets, as (property, value)."""
    for prop in ('fill', 'stroke'):
        if prop in el.attrib:
            yield prop, el.attrib[prop].strip()
    for decl in el.attrib.get('style', '').split(';'):
        if ':' in decl:
            prop, value = (x.strip() for x in decl.split(':', 1))
            if prop in ('fill', 'stroke'):
                yield prop, value


def check_svg(path):
    name = os.path.basename(path)
    symbolic = name.endswith('-symbolic.svg')
    data = open(path, 'rb').read()

    head = data[:256].decode('utf-8', 'replace')
    if '<svg' not in head:
        fail(path, 'the <svg> element must start within the first 256 bytes '
                   '(gdk-pixbuf does not recognise the file otherwise): move '
                   'comments inside <svg>')
    try:
        root = ET.fromstring(data)
    except ET.ParseError as e:
        fail(path, f'not well-formed XML: {e}')
        return
    if root.tag != SVG + 'svg':
        fail(path, f'the root element is {root.tag}, not <svg> in the SVG namespace')
        return

    size = '16' if symbolic else '128'
    want = f'0 0 {size} {size}'
    view_box = ' '.join(root.get('viewBox', '').replace(',', ' ').split())
    if view_box != want:
        fail(path, f'viewBox is "{view_box}", expected "{want}"')
    for dim in ('width', 'height'):
        if root.get(dim) not in (size, size + 'px'):
            fail(path, f'{dim} is {root.get(dim)!r}, expected "{size}"')

    for el in root.iter():
        tag = local(el.tag)
        if tag in FORBIDDEN:
            fail(path, f'<{tag}> is not allowed: draw shapes (convert text to paths)')
        href = el.get(XLINK_HREF) or el.get('href')
        if href and not href.startswith('#'):
            fail(path, f'<{tag}> refers to {href}: icons must be self-contained')
        if symbolic:
            if tag in SYMBOLIC_FORBIDDEN:
                fail(path, f'<{tag}> in a symbolic icon: GTK cannot recolour it')
            for prop, value in paint_values(el):
                if prop == 'stroke' and value != 'none':
                    fail(path, f'<{tag}> has stroke {value}: symbolic icons use fills only '
                               '(GTK recolours fills)')
                elif prop == 'fill' and value.lower() not in (SYMBOLIC_COLOUR, 'none'):
                    fail(path, f'<{tag}> has fill {value}: symbolic icons use {SYMBOLIC_COLOUR} only')
    if symbolic:
        fills = {v.lower() for el in root.iter() for p, v in paint_values(el) if p == 'fill'}
        if SYMBOLIC_COLOUR not in fills:
            fail(path, f'no {SYMBOLIC_COLOUR} fill: the shapes would be drawn black')


def png_size(path):
    with open(path, 'rb') as f:
        head = f.read(24)
    if head[:8] != b'\x89PNG\r\n\x1a\n' or head[12:16] != b'IHDR':
        return None
    return struct.unpack('>II', head[16:24])


def check_render(path, thumbnailer, workdir):
    for size in (16, 128):
        out = os.path.join(workdir, f'{os.path.basename(path)}-{size}.png')
        # The thumbnailer reads the file through gdk-pixbuf's sniffing, as
        # GTK's icon theme does.
        run = subprocess.run([thumbnailer, '-s', str(size), path, out],
                             capture_output=True, text=True)
        if run.returncode != 0 or not os.path.exists(out):
            fail(path, f'gdk-pixbuf could not render it at {size} px: '
                       f'{(run.stderr or run.stdout).strip()}')
            continue
        got = png_size(out)
        if got != (size, size):
            fail(path, f'rendered at {size} px it is {got}, expected a square {size}x{size}')


def main(argv):
    if len(argv) < 2:
        print('usage: check-icons.py ICON.svg...', file=sys.stderr)
        return 64
    icons = argv[1:]
    for path in icons:
        check_svg(path)

    thumbnailer = shutil.which('gdk-pixbuf-thumbnailer')
    if thumbnailer:
        with tempfile.TemporaryDirectory() as work:
            for path in icons:
                check_render(path, thumbnailer, work)
    else:
        print('check-icons: note: gdk-pixbuf-thumbnailer not found (Debian package '
              'libgdk-pixbuf2.0-bin): the icons were not rendered')

    for f in failures:
        print('check-icons: FAIL: ' + f, file=sys.stderr)
    if failures:
        return 1
    print(f'check-icons: ok: {len(icons)} icons')
    return 0


if __name__ == '__main__':
    sys.exit(main(sys.argv))
