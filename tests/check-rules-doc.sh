#!/bin/bash
# check-rules-doc.sh: docs/rules.md is exactly what `jixiao-cli validate --list-rules` prints
# SPDX-License-Identifier: GPL-3.0-or-later
#
# Usage: check-rules-doc.sh JIXIAO_CLI DOCS_RULES_MD
# The page is generated from the validator's rule table, so it cannot go
# stale: when a rule changes, regenerate it with
#   LC_ALL=C.UTF-8 LANGUAGE= _build/src/cli/jixiao-cli validate --list-rules > docs/rules.md
set -euo pipefail

cli=$1
page=$2
actual=$(mktemp)
trap 'rm -f "$actual"' EXIT

LC_ALL=C.UTF-8 LANGUAGE= "$cli" validate --list-rules > "$actual"
if ! diff -u "$page" "$actual"; then
  echo "check-rules-doc: FAIL: $page differs from \`jixiao-cli validate --list-rules\` (diff above)." >&2
  echo "Regenerate it: LC_ALL=C.UTF-8 LANGUAGE= $cli validate --list-rules > $page" >&2
  exit 1
fi
echo "check-rules-doc: ok: $page lists the $(grep -c '^| `' "$page") rules of the validator"
