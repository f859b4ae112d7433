#!/usr/bin/env python3
# check-docs.py: README.md and docs/*.md send contributors only to what is in
# the repository
# SPDX-License-Identifier: GPL-3.0-or-later
#
# Usage: check-docs.py SOURCE_ROOT
#   - every relative Markdown link in README.md and docs/*.md names a file of
#     the tree (a #fragment must be a heading of that file);
#   - no Markdown file, source or test names a *.md document the tree does not
#     hold (DESIGN.md in a "shared/" folder a clone does not have, for one);
#   - README.md links docs/design.md, docs/domain.md and docs/style.md.
import os
import re
import sys

REQUIRED = ['docs/design.md', 'docs/domain.md', 'docs/style.md']
SCANNED_DIRS = ['src', 'tests', 'build-aux', 'data', 'ui', 'docs', '.ci']
SKIP_DIRS = {'fixtures', '.git'}

failures = []


def anchor(heading):
    """GitHub's anchor for a heading: lower case, punctuation dropped, spaces → -."""
    text = heading.strip().lower()
    text = re.sub(r'[^\w\- ]', '', text)
    return text.replace(' ', '-')


def headings(path):
    with open(path, encoding='utf-8') as f:
        return {anchor(m.group(1)) for m in re.finditer(r'^#+\s+(.*)$', f.read(), re.M)}


def markdown_files(root):
    files = [os.path.join(root, 'README.md')]
    docs = os.path.join(root, 'docs')
    if os.path.isdir(docs):
        files += sorted(os.path.join(docs, n) for n in os.listdir(docs) if n.endswith('.md'))
    return [f for f in files if os.path.exists(f)]


def check_links(root, path):
    rel = os.path.relpath(path, root)
    text = open(path, encoding='utf-8').read()
    # Links outside code spans and blocks.
    text = re.sub(r'```.*?```', '', text, flags=re.S)
    text = re.sub(r'`[^`\n]*`', '', text)
    for m in re.finditer(r'\]\(([^)\s]+)\)', text):
        target = m.group(1)
        if re.match(r'[a-z]+:', target):
            continue
        file_part, _, fragment = target.partition('#')
        dest = path if not file_part else os.path.normpath(os.path.join(os.path.dirname(path), file_part))
        if not os.path.exists(dest):
            failures.append(f'{rel}: the link ({target}) names {os.path.relpath(dest, root)}, '
                            'which is not in the tree')
        elif fragment and dest.endswith('.md') and fragment not in headings(dest):
            failures.append(f'{rel}: the link ({target}) names a heading "#{fragment}" that '
                            f'{os.path.relpath(dest, root)} does not have')


def check_mentions(root):
    """Names like DESIGN.md or docs/foo.md anywhere must be files of the tree."""
    known = set()
    for dirpath, dirnames, filenames in os.walk(root):
        dirnames[:] = [d for d in dirnames if d not in SKIP_DIRS and not d.startswith('_')]
        for n in filenames:
            if n.endswith('.md'):
                known.add(os.path.relpath(os.path.join(dirpath, n), root))
    basenames = {os.path.basename(k) for k in known}
    scanned = markdown_files(root)
    for d in SCANNED_DIRS:
        for dirpath, dirnames, filenames in os.walk(os.path.join(root, d)):
            dirnames[:] = [x for x in dirnames if x not in SKIP_DIRS]
            scanned += [os.path.join(dirpath, n) for n in filenames
                        if n.endswith(('.c', '.h', '.md', '.py', '.sh', '.build', '.ui', '.in'))
                        or n == 'run']
    this = os.path.realpath(__file__)
    for path in sorted(set(scanned)):
        if os.path.realpath(path) == this:
            continue
        try:
            text = open(path, encoding='utf-8').read()
        except (UnicodeDecodeError, OSError):
            continue
        for lineno, line in enumerate(text.splitlines(), 1):
            for m in re.finditer(r'(?<![\w./-])((?:[\w.-]+/)*[\w-]+\.md)\b', line):
                name = m.group(1)
                if name in known or ('/' not in name and name in basenames):
                    continue
                failures.append(f'{os.path.relpath(path, root)}:{lineno}: names {name}, which '
                                'is not in the repository (docs/ holds design.md, domain.md, '
                                'style.md and rules.md)')


def main():
    if len(sys.argv) != 2:
        print('usage: check-docs.py SOURCE_ROOT', file=sys.stderr)
        return 64
    root = os.path.abspath(sys.argv[1])
    for path in markdown_files(root):
        check_links(root, path)
    readme = open(os.path.join(root, 'README.md'), encoding='utf-8').read()
    for doc in REQUIRED:
        if not os.path.exists(os.path.join(root, doc)):
            failures.append(f'{doc} is missing')
        if f']({doc}' not in readme:
            failures.append(f'README.md does not link {doc}')
    check_mentions(root)
    for f in failures:
        print('check-docs: FAIL: ' + f, file=sys.stderr)
    if failures:
        return 1
    print('check-docs: ok: README.md and docs/ name only what the repository holds')
    return 0


if __name__ == '__main__':
    sys.exit(main())
