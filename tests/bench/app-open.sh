#!/bin/bash
# app-open.sh: the editor on a generated 20,000-project document under Xvfb
# SPDX-License-Identifier: GPL-3.0-or-later
#   app-open.sh BENCH-APP JX-GENERATE SCHEMA-DIR
set -euo pipefail
bench=$1 generate=$2 schemas=$3
dir=$(mktemp -d)
trap 'rm -rf "$dir"' EXIT
"$generate" --projects 20000 "$dir/big.jixiao" >/dev/null
export GSETTINGS_SCHEMA_DIR=$schemas GSETTINGS_BACKEND=memory GSK_RENDERER=cairo NO_AT_BRIDGE=1
export XDG_DATA_HOME=$dir/data
if [ -n "${DISPLAY:-}" ]; then
  "$bench" "$dir/big.jixiao"
else
  xvfb-run -a -s '-screen 0 1280x800x24 -nolisten tcp' "$bench" "$dir/big.jixiao"
fi
