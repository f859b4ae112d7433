#!/bin/bash
# make-example.sh: rebuild data/examples/ from the sample published table
# SPDX-License-Identifier: GPL-3.0-or-later
#
#   build-aux/make-example.sh [BUILDDIR]      (default: _build, built)
#
# The example is the real table of tests/fixtures/import/ as `jixiao-cli
# import` reads it, comments of the importer in Chinese and stamped with a
# fixed time, plus one reviewer's comment and its reply, so that the example
# shows what a table under review looks like. The result is canonical:
# `jixiao-cli convert` of it onto a copy gives the same bytes.
set -euo pipefail

srcdir=$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)
builddir=${1:-$srcdir/_build}
cli=$builddir/src/cli/jixiao-cli
name=guangzhou-organization-dept-2024
input=$srcdir/tests/fixtures/import/$name.txt
output=$srcdir/data/examples/$name.jixiao
work=$(mktemp -d)
trap 'rm -rf "$work"' EXIT

[ -x "$cli" ] || { echo "make-example: build first: $cli is missing" >&2; exit 1; }

# 2024-03-01 09:00 in Guangzhou: before the reviewer's comment below.
SOURCE_DATE_EPOCH=1709254800 JX_LOCALEDIR=$builddir/po LC_ALL=zh_CN.UTF-8 LANGUAGE=zh_CN \
XDG_DATA_HOME=$work/data \
  "$cli" import "$input" -o "$work/imported.jixiao" > /dev/null 2> "$work/warnings.txt"

last=$(grep -o '<annotation id="a[0-9]*"' "$work/imported.jixiao" | sed 's/.*"a\([0-9]*\)"/\1/' | sort -n | tail -n 1)
first=$((last + 1)); reply=$((last + 2))
awk -v a="a$first" -v r="a$reply" '
  /^  <\/annotations>$/ {
    print "    <annotation id=\"" a "\" target=\"p1\" field=\"fiscal\" author=\"财政局 李审核\" time=\"2024-03-01T10:00:00+08:00\" resolved=\"false\">"
    print "      <text>请说明社区党员活动经费的测算依据。</text>"
    print "      <annotation id=\"" r "\" author=\"组织部 张起草\" time=\"2024-03-02T09:30:00+08:00\" resolved=\"false\">"
    print "        <text>按每个社区党组织标准测算，已附测算表。</text>"
    print "      </annotation>"
    print "    </annotation>"
  }
  { print }' "$work/imported.jixiao" > "$work/reviewed.jixiao"

# Through the writer once more: the example is exactly what Jixiao saves.
XDG_DATA_HOME=$work/data "$cli" convert "$work/reviewed.jixiao" "$work/canonical.jixiao"
cmp -s "$work/reviewed.jixiao" "$work/canonical.jixiao" ||
  { echo "make-example: the example is not in canonical form" >&2; exit 1; }
cp "$work/canonical.jixiao" "$output"
echo "make-example: wrote $output ($(grep -c '^[^ ]' "$work/warnings.txt") import warnings)" >&2
