#!/bin/bash
# jx-dev.sh: set up a Debian 12 machine, build Jixiao, run it or its tests
# SPDX-License-Identifier: GPL-3.0-or-later
#
#   build-aux/jx-dev.sh deps    install missing Debian packages, generate locales
#   build-aux/jx-dev.sh build   meson setup (if needed) + ninja
#   build-aux/jx-dev.sh run     deps + build + open the example document
#   build-aux/jx-dev.sh test [MESON TEST ARGS...]
#                               deps + build + the whole test suite under Xvfb
#
# Run it as yourself: only the package and locale steps need root, and for
# those it uses sudo when you are not root.
set -euo pipefail

srcdir=$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)
builddir=${JX_BUILDDIR:-_build}
cd "$srcdir"

# What building, testing and running Jixiao needs on Debian 12.
packages=(
  meson ninja-build pkg-config gcc
  libglib2.0-dev libglib2.0-dev-bin libglib2.0-bin
  libxml2-dev libxml2-utils
  libjson-glib-dev libglib-testing-0-dev
  libgtk-4-dev
  gettext locales
  xvfb xauth
  desktop-file-utils appstream shared-mime-info
  librsvg2-common libgdk-pixbuf2.0-bin   # the data suite renders the icons as GTK loads them
  libgtk-4-bin                           # gtk4-update-icon-cache, run by meson install
  imagemagick time x11-utils
  xdotool                                # the crash-recovery test types into the editor
  fonts-noto-cjk dbus-x11 at-spi2-core
  python3
)
locales_needed=(zh_CN.UTF-8 de_DE.UTF-8)

say () { printf 'jx-dev: %s\n' "$*" >&2; }
die () { say "error: $*"; exit 1; }

as_root () {
  if [ "$(id -u)" -eq 0 ]; then
    "$@"
  elif command -v sudo >/dev/null; then
    sudo "$@"
  else
    die "'$*' needs root: run this script as root, or install sudo"
  fi
}

missing_packages () {
  local p status
  for p in "${packages[@]}"; do
    status=$(dpkg-query -W -f='${Status}' "$p" 2>/dev/null || true)
    [ "$status" = "install ok installed" ] || printf '%s\n' "$p"
  done
}

# locale -a prints "zh_CN.utf8" for zh_CN.UTF-8.
have_locale () {
  local want
  want=$(printf '%s' "$1" | tr 'A-Z' 'a-z' | sed 's/utf-8$/utf8/')
  locale -a 2>/dev/null | tr 'A-Z' 'a-z' | sed 's/utf-8$/utf8/' | grep -qx "$want"
}

cmd_deps () {
  command -v dpkg-query >/dev/null || die "this script sets up Debian 12 (no dpkg-query here)"

  local missing
  missing=$(missing_packages)
  if [ -n "$missing" ]; then
    # shellcheck disable=SC2086
    say "installing missing Debian packages: $(echo $missing)"
    as_root env DEBIAN_FRONTEND=noninteractive apt-get update -q
    # shellcheck disable=SC2086
    as_root env DEBIAN_FRONTEND=noninteractive \
      apt-get install -y -q --no-install-recommends $missing
  else
    say "all ${#packages[@]} Debian packages are installed"
  fi

  local loc todo=()
  for loc in "${locales_needed[@]}"; do
    have_locale "$loc" || todo+=("$loc")
  done
  if [ ${#todo[@]} -gt 0 ]; then
    say "generating locales: ${todo[*]}"
    for loc in "${todo[@]}"; do
      # Uncomment "# zh_CN.UTF-8 UTF-8" in /etc/locale.gen, or add the line.
      if grep -qE "^[#[:space:]]*${loc//./\\.}[[:space:]]+UTF-8" /etc/locale.gen 2>/dev/null; then
        as_root sed -i -E "s/^[#[:space:]]*(${loc//./\\.}[[:space:]]+UTF-8)/\\1/" /etc/locale.gen
      else
        printf '%s UTF-8\n' "$loc" | as_root tee -a /etc/locale.gen >/dev/null
      fi
    done
    as_root locale-gen
    for loc in "${todo[@]}"; do
      have_locale "$loc" || die "locale $loc is still missing after locale-gen"
    done
  else
    say "locales ${locales_needed[*]} are present"
  fi
}

cmd_build () {
  if [ ! -f "$builddir/build.ninja" ]; then
    if [ -f "$builddir/meson-private/coredata.dat" ]; then
      meson setup --reconfigure "$builddir"
    else
      meson setup "$builddir"
    fi
  fi
  ninja -C "$builddir"
}

cmd_run () {
  cmd_deps
  cmd_build

  local examples example
  examples=$(shopt -s nullglob; LC_ALL=C; printf '%s\n' data/examples/*.jixiao)
  example=${examples%%$'\n'*}
  if [ -z "$example" ]; then
    say "built; there is no example document (data/examples/*.jixiao) in this tree yet, so there is nothing to open"
    return 0
  fi

  local app="$builddir/src/app/jixiao"
  if [ -x "$app" ]; then
    say "opening $example"
    # Uninstalled: the settings schema and the Chinese catalogue of the build.
    export GSETTINGS_SCHEMA_DIR="$srcdir/$builddir/data${GSETTINGS_SCHEMA_DIR:+:$GSETTINGS_SCHEMA_DIR}"
    export JX_LOCALEDIR="${JX_LOCALEDIR:-$srcdir/$builddir/po}"
    if [ -z "${DISPLAY:-}" ] && [ -z "${WAYLAND_DISPLAY:-}" ] && [ -n "${CI:-}" ]; then
      exec xvfb-run -a "$app" "$example"
    fi
    exec "$app" "$example"
  fi

  local cli="$builddir/src/cli/jixiao-cli" status=0
  say "the editor window arrives with the editor issue; until then, the example through jixiao-cli:"
  echo "\$ jixiao-cli totals $example"
  "$cli" totals "$example" || status=$?
  if [ "$status" -ne 0 ]; then
    say "jixiao-cli totals failed (exit status $status)"
    return "$status"
  fi
  echo "\$ jixiao-cli validate $example"
  "$cli" validate "$example" || status=$?
  case "$status" in
    0) say "validate: no errors" ;;
    1) say "validate: the example has errors (listed above)" ;;
    *) say "jixiao-cli validate failed (exit status $status)"; return "$status" ;;
  esac
}

cmd_test () {
  cmd_deps
  cmd_build

  # Under Xvfb so the app suites find a display; -a picks a free server number.
  local status=0
  xvfb-run -a -s '-screen 0 1280x1024x24 -nolisten tcp' \
    meson test -C "$builddir" --print-errorlogs --num-processes 2 "$@" || status=$?
  return "$status"
}

usage () {
  cat <<EOF
usage: build-aux/jx-dev.sh deps|build|run|test [meson test args]
  deps   install the Debian packages Jixiao needs (with sudo when not root)
         and generate the zh_CN.UTF-8 and de_DE.UTF-8 locales
  build  configure $builddir with meson (if needed) and build with ninja
  run    deps + build, then open the example document
  test   deps + build, then run the whole test suite under Xvfb
EOF
}

case "${1:-}" in
  deps)  cmd_deps ;;
  build) cmd_build ;;
  run)   cmd_run ;;
  test)  shift; cmd_test "$@" ;;
  -h|--help|help) usage ;;
  *) usage >&2; exit 64 ;;
esac
