#!/bin/bash
# check-gschema.sh: the compiled settings schema holds the keys the app reads
# SPDX-License-Identifier: GPL-3.0-or-later
#
# Usage: check-gschema.sh SCHEMA-ID, with GSETTINGS_SCHEMA_DIR set to the
# build directory that holds gschemas.compiled. The keys, types, defaults and
# ranges below are the contract with src/app: change both together.
set -euo pipefail

schema=${1:?usage: check-gschema.sh SCHEMA-ID}
: "${GSETTINGS_SCHEMA_DIR:?set GSETTINGS_SCHEMA_DIR to the directory with gschemas.compiled}"
export GSETTINGS_BACKEND=${GSETTINGS_BACKEND:-memory}

command -v gsettings >/dev/null || {
  echo "check-gschema: gsettings not found: install the Debian package libglib2.0-bin" >&2
  exit 1
}

failed=0
expect () {   # description, expected, command...
  local what=$1 want=$2 got
  shift 2
  if ! got=$("$@" 2>&1); then
    echo "check-gschema: FAIL: $what: '$*' failed: $got" >&2
    failed=1
  elif [ "$got" != "$want" ]; then
    printf 'check-gschema: FAIL: %s\n  expected: %s\n  got:      %s\n' "$what" "$want" "$got" >&2
    failed=1
  fi
}

# Every key with its default, and no other key ("gsettings list-recursively"
# prints GVariant text, so a uint32 shows its type).
expect "keys and defaults of $schema" \
"$schema autosave-interval uint32 30
$schema default-template 'guangdong-2020'
$schema reviewer-name ''
$schema show-last-year true
$schema show-problems true
$schema window-height 800
$schema window-maximized false
$schema window-width 1280" \
  bash -c 'gsettings list-recursively "$1" | LC_ALL=C sort' _ "$schema"

expect "range of autosave-interval" "range u 5 3600" gsettings range "$schema" autosave-interval
expect "type of reviewer-name" "type s" gsettings range "$schema" reviewer-name
expect "type of default-template" "type s" gsettings range "$schema" default-template
expect "type of window-width" "type i" gsettings range "$schema" window-width
expect "type of window-height" "type i" gsettings range "$schema" window-height
expect "type of window-maximized" "type b" gsettings range "$schema" window-maximized
expect "type of show-problems" "type b" gsettings range "$schema" show-problems
expect "type of show-last-year" "type b" gsettings range "$schema" show-last-year

# A value outside the range is refused.
if gsettings set "$schema" autosave-interval 4 2>/dev/null; then
  echo "check-gschema: FAIL: autosave-interval accepted 4 (below the range 5..3600)" >&2
  failed=1
fi

[ "$failed" -eq 0 ] && echo "check-gschema: ok: $schema has its eight keys, types, defaults and range"
exit "$failed"
