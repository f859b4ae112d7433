#!/bin/bash
# check-mime.sh: the shared-mime-info package for .jixiao documents
# SPDX-License-Identifier: GPL-3.0-or-later
#
# Usage: check-mime.sh MIME-PACKAGE.xml
# Builds a MIME database from the package alone in a temporary folder with
# update-mime-database (shared-mime-info ships no schema to validate against)
# and checks what it made of it: the type, its parent, glob, XML root, comments
# and icons. A misspelt element is not an error to update-mime-database, but
# it is missing from the result, so this catches it.
set -euo pipefail

package=${1:?usage: check-mime.sh MIME-PACKAGE.xml}
type=application/x-jixiao

command -v update-mime-database >/dev/null || {
  echo "check-mime: update-mime-database not found: install the Debian package shared-mime-info" >&2
  exit 1
}

work=$(mktemp -d)
trap 'rm -rf "$work"' EXIT
mkdir -p "$work/mime/packages"
cp "$package" "$work/mime/packages/org.jixiao.Jixiao.xml"

# update-mime-database warns on stderr about what it does not understand.
# (With the folder in XDG_DATA_DIRS it does not warn that nobody will read it.)
if ! XDG_DATA_HOME="$work" XDG_DATA_DIRS="$work" \
    update-mime-database -n "$work/mime" 2> "$work/err"; then
  cat "$work/err" >&2
  echo "check-mime: FAIL: update-mime-database rejected $package" >&2
  exit 1
fi
if [ -s "$work/err" ]; then
  cat "$work/err" >&2
  echo "check-mime: FAIL: update-mime-database complained about $package (above)" >&2
  exit 1
fi

failed=0
has () {   # file, line, what
  if ! grep -qxF -- "$2" "$work/mime/$1"; then
    echo "check-mime: FAIL: $3: expected the line '$2' in $1, which has:" >&2
    sed 's/^/    /' "$work/mime/$1" >&2
    failed=1
  fi
}
has types      "$type"                                  "the type"
has subclasses "$type application/xml"                  "a sub-class of application/xml"
has globs2     "50:$type:*.jixiao"                      "the *.jixiao glob"
has XMLnamespaces "urn:jixiao:targets:1 table $type"    "the root element <table> in urn:jixiao:targets:1"
has icons      "$type:org.jixiao.Jixiao"                "the icon (named after the app id, so Flatpak exports it)"
has generic-icons "$type:x-office-spreadsheet"          "the generic icon"

# The per-type file keeps the comments, English and Chinese.
typefile=$work/mime/$type.xml
if [ ! -f "$typefile" ]; then
  echo "check-mime: FAIL: update-mime-database wrote no $type.xml" >&2
  failed=1
else
  comments=$(xmllint --xpath "//*[local-name()='comment']" "$typefile" 2>/dev/null || true)
  grep -q '<comment>Performance target table</comment>' <<< "$comments" \
    || { echo "check-mime: FAIL: no English comment in $type.xml: $comments" >&2; failed=1; }
  grep -q '<comment xml:lang="zh_CN">绩效目标表</comment>' <<< "$comments" \
    || { echo "check-mime: FAIL: no zh_CN comment in $type.xml: $comments" >&2; failed=1; }
fi

[ "$failed" -eq 0 ] && echo "check-mime: ok: $type (*.jixiao, <table xmlns=\"urn:jixiao:targets:1\">, sub-class of application/xml)"
exit "$failed"
