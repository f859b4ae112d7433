#!/bin/bash
# screenshot.sh: the editor on the example document, in Chinese, at the
# sizes the layout must hold (README's "The editor"):
#   data/screenshots/main.png        1280×800, Problems and Comments panels open
#   data/screenshots/main-1920.png   1920×1080, both panels open
#   data/screenshots/main-1024.png   1024×768, both panels open
# SPDX-License-Identifier: GPL-3.0-or-later
#
#   build-aux/screenshot.sh [BUILDDIR [OUTDIR]]   (default _build; build it first)
#
# Needs xvfb-run, ImageMagick's import, xdotool and a CJK font (fonts-noto-cjk).
set -euo pipefail

srcdir=$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)
builddir=$(cd "${1:-$srcdir/_build}" && pwd)
app="$builddir/src/app/jixiao"
example="$srcdir/data/examples/guangzhou-organization-dept-2024.jixiao"
out=${2:-$srcdir/data/screenshots}
mkdir -p "$out"

[ -x "$app" ] || { echo "screenshot: $app is missing: build first" >&2; exit 1; }
fc-list :lang=zh | grep -qi 'noto' || echo "screenshot: warning: no Noto CJK font (apt-get install fonts-noto-cjk)" >&2

shoot () {   # WIDTH HEIGHT FILE [KEY...]: the keys are pressed in the window first
  local w=$1 h=$2 file=$3 tmp
  shift 3
  tmp=$(mktemp -d)
  # The window takes the screen's size through its saved-size settings
  # (there is no window manager under Xvfb to maximize it).
  mkdir -p "$tmp/config/glib-2.0/settings"
  printf '[org/jixiao/Jixiao]\nwindow-width=%d\nwindow-height=%d\n' "$w" "$h" \
    > "$tmp/config/glib-2.0/settings/keyfile"
  # A private data dir (no drafts dialog) and private settings.
  XDG_DATA_HOME="$tmp/data" XDG_CONFIG_HOME="$tmp/config" XDG_CACHE_HOME="$tmp/cache" \
  GSETTINGS_BACKEND=keyfile GSETTINGS_SCHEMA_DIR="$builddir/data" \
  LANG=zh_CN.UTF-8 LC_ALL=zh_CN.UTF-8 LANGUAGE=zh_CN JX_LOCALEDIR="$builddir/po" \
  GSK_RENDERER=cairo GTK_A11Y=none NO_AT_BRIDGE=1 \
  xvfb-run -a -s "-screen 0 ${w}x${h}x24 -nolisten tcp" bash -c '
    "$0" --select=p1 "$1" &
    pid=$!
    for i in $(seq 1 100); do
      if xwininfo -root -tree 2>/dev/null | grep -q "\.jixiao"; then break; fi
      sleep 0.1
    done
    sleep 1.5
    # No window manager: the keyboard goes to the window under the pointer.
    if [ $# -gt 2 ]; then
      xdotool mousemove 400 300
      for key in "${@:3}"; do xdotool key "$key"; sleep 0.3; done
      sleep 1
    fi
    import -window root "$2"
    kill $pid
    wait $pid 2>/dev/null || true
  ' "$app" "$example" "$file" "$@"
  rm -rf "$tmp"
  echo "screenshot: wrote $file"
}

# F8 opens the Comments panel beside the Problems panel (open by default).
shoot 1280 800 "$out/main.png" F8
shoot 1920 1080 "$out/main-1920.png" F8
shoot 1024 768 "$out/main-1024.png" F8
