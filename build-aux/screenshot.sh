#!/bin/bash
# screenshot.sh: the editor on the example document, in Chinese, at the
# sizes the layout must hold (README's "The editor"):
#   data/screenshots/main.png        1280×800, Problems and Comments panels open
#   data/screenshots/main-1920.png   1920×1080, both panels open
#   data/screenshots/main-1024.png   1024×768, both panels open
#   data/screenshots/review.png      1280×800, review mode, a project's field
#                                    with its comment mark, the Comments panel
#   data/screenshots/compare.png     1880×800: Compare With… (jixiao
#                                    --compare-with) of a returned version with
#                                    the one sent, made from the example: the
#                                    marked tree with a struck-through removed
#                                    indicator, the other version's value beside
#                                    the changed field, the list of changes beside
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
  # Optional: doc (the file opened), args (more options of the app), side (a
  # window title: that window is put at x=1280, beside the main window).
  local w=$1 h=$2 file=$3 tmp
  shift 3
  select=${select:-p1}
  doc=${doc:-$example}
  local mainw=$w
  [ -z "${side:-}" ] || mainw=1280
  tmp=$(mktemp -d)
  # The window takes the screen's size through its saved-size settings
  # (there is no window manager under Xvfb to maximize it).
  mkdir -p "$tmp/config/glib-2.0/settings"
  printf '[org/jixiao/Jixiao]\nwindow-width=%d\nwindow-height=%d\n' "$mainw" "$h" \
    > "$tmp/config/glib-2.0/settings/keyfile"
  # A private data dir (no drafts dialog) and private settings.
  XDG_DATA_HOME="$tmp/data" XDG_CONFIG_HOME="$tmp/config" XDG_CACHE_HOME="$tmp/cache" \
  GSETTINGS_BACKEND=keyfile GSETTINGS_SCHEMA_DIR="$builddir/data" \
  LANG=zh_CN.UTF-8 LC_ALL=zh_CN.UTF-8 LANGUAGE=zh_CN JX_LOCALEDIR="$builddir/po" \
  GSK_RENDERER=cairo GTK_A11Y=none NO_AT_BRIDGE=1 SELECT="$select" JX_SHOT_ARGS="${args:-}" SIDE="${side:-}" \
  xvfb-run -a -s "-screen 0 ${w}x${h}x24 -nolisten tcp" bash -c '
    "$0" --select="$SELECT" $JX_SHOT_ARGS "$1" &
    pid=$!
    for i in $(seq 1 100); do
      if xwininfo -root -tree 2>/dev/null | grep -q "\.jixiao"; then break; fi
      sleep 0.1
    done
    sleep 1.5
    # No window manager: windows open at 0,0; the side one is moved aside.
    if [ -n "$SIDE" ]; then
      sleep 1.5
      for win in $(xdotool search --name "$SIDE"); do
        xdotool windowmove "$win" 1280 0; xdotool windowsize "$win" 600 "$(xwininfo -root | sed -n "s/.*Height: //p")"
      done
      sleep 1
    fi
    # No window manager: the keyboard goes to the window under the pointer.
    if [ $# -gt 2 ]; then
      xdotool mousemove 400 300
      for key in "${@:3}"; do xdotool key "$key"; sleep 0.3; done
      sleep 1
    fi
    import -window root "$2"
    kill $pid
    wait $pid 2>/dev/null || true
  ' "$app" "$doc" "$file" "$@"
  rm -rf "$tmp"
  echo "screenshot: wrote $file"
}

# F8 opens the Comments panel beside the Problems panel (open by default).
if [ "${JX_SHOTS:-all}" = all ]; then
shoot 1280 800 "$out/main.png" F8
shoot 1920 1080 "$out/main-1920.png" F8
shoot 1024 768 "$out/main-1024.png" F8
fi
# Review mode (Ctrl+Shift+R) on a project whose 财政拨款 has an open comment.
if [ "${JX_SHOTS:-all}" = all ] || [ "${JX_SHOTS}" = review ]; then
  shoot 1280 800 "$out/review.png" F8 ctrl+shift+r
fi
# Compare With…: the version sent had 8,450.00 for 社区党组织服务群众经费 and
# 大于等于98% for 项目完成率; the returned one removed 支出相关率 and 村办公经费补助
# and added a project.
if [ "${JX_SHOTS:-all}" = all ] || [ "${JX_SHOTS}" = compare ]; then
  cmp=$(mktemp -d)
  python3 - "$example" "$cmp" <<'PY'
import re, sys
src = open(sys.argv[1], encoding="utf-8").read()
open(sys.argv[2] + "/sent.jixiao", "w", encoding="utf-8").write(
    src.replace('<project id="p3" fiscal="8475.00"', '<project id="p3" fiscal="8450.00"', 1))
cur = src.replace("<name>项目完成率</name>\n        <cycle-value>大于等于98%</cycle-value>\n"
                  "        <annual-value>大于等于98%</annual-value>",
                  "<name>项目完成率</name>\n        <cycle-value>大于等于98%</cycle-value>\n"
                  "        <annual-value>100%</annual-value>", 1)
def cut(text, start, end):
    a, b = text.index(start), text.index(end)
    return text[:a] + text[b:], text[a:b]
cur, _ = cut(cur, '      <indicator id="i4"', '      <indicator id="i5"')
cur, _ = cut(cur, '    <project id="p5"', '    <project id="p6"')
a, b = cur.index('    <project id="p11"'), cur.index('    <project id="p12"')
new = cur[a:b].replace('id="p11"', 'id="p99"')
new = re.sub(r'id="i(\d+)"', lambda m: 'id="i9%s"' % m.group(1), new)
new = re.sub(r"<name>([^<]*)</name>", lambda m: "<name>" + m.group(1) + "（新增）</name>", new, count=1)
open(sys.argv[2] + "/returned.jixiao", "w", encoding="utf-8").write(cur[:a] + new + cur[a:])
PY
  select=i2 doc="$cmp/returned.jixiao" args="--compare-with=$cmp/sent.jixiao" side="sent.jixiao" \
    shoot 1880 800 "$out/compare.png"
  rm -rf "$cmp"
fi
