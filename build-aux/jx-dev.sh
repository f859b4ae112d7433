#!/bin/bash
# jx-dev.sh: set up a Debian 12 machine, build Jixiao, run it or its tests
# SPDX-License-Identifier: GPL-3.0-or-later
#
#   build-aux/jx-dev.sh deps    install missing Debian packages, generate locales
#   build-aux/jx-dev.sh build   meson setup (if needed) + ninja
#   build-aux/jx-dev.sh run     deps + build + open the example document
#   build-aux/jx-dev.sh test [MESON TEST ARGS...]
#                               deps + build + the whole test suite (each GUI
#                               test program on an Xvfb of its own)
#   build-aux/jx-dev.sh test-sanitize [MESON TEST ARGS...]
#                               the whole suite built with ASan+UBSan (_build-sanitize)
#   build-aux/jx-dev.sh fuzz [SECONDS [TARGET...]]
#                               each libFuzzer target (or those named) for
#                               SECONDS (_build-fuzz)
#   build-aux/jx-dev.sh test-debian13 [MESON TEST ARGS...]
#                               the same on Debian 13 (GTK 4.18, GLib 2.84) in a
#                               debootstrap chroot (root only; see cmd_test_debian13)
#
# Run it as yourself: only the package and locale steps need root, and for
# those it uses sudo when you are not root.
set -euo pipefail

srcdir=$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)
builddir=${JX_BUILDDIR:-_build}
cd "$srcdir"

# What building, testing and running Jixiao needs on Debian 12 (and, with
# the same names, on Debian 13: test-debian13 runs `deps` inside its chroot).
packages=(
  meson ninja-build pkg-config gcc
  libglib2.0-dev libglib2.0-dev-bin libglib2.0-bin
  libxml2-dev libxml2-utils
  libjson-glib-dev libglib-testing-0-dev
  libgtk-4-dev
  libpango1.0-dev libcairo2-dev libxlsxwriter-dev   # src/report: PDF and print, xlsx
  libharfbuzz-dev zlib1g-dev                        # src/report: the PDF writer (hb-subset, deflate)
  libminizip-dev      # Debian 13: xlsxwriter.pc requires minizip, which libxlsxwriter-dev does not pull in
  poppler-utils libreoffice-calc-nogui              # the export suite reads the exports back
  qpdf                                              # the export suite checks the PDF writer's files
  gettext locales
  xvfb xauth
  desktop-file-utils appstream shared-mime-info
  librsvg2-common libgdk-pixbuf2.0-bin   # the data suite renders the icons as GTK loads them
  libgtk-4-bin                           # gtk4-update-icon-cache, run by meson install
  imagemagick time x11-utils xdotool   # xdotool: build-aux/screenshot.sh and the crash-recovery test
  fonts-noto-cjk dbus-x11 at-spi2-core
  python3
)
locales_needed=(zh_CN.UTF-8 de_DE.UTF-8)

# Only for the fuzz and test-sanitize commands (installed when they run).
hardening_packages=(clang libclang-rt-14-dev)

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

  local status=0
  run_meson_test -C "$builddir" --print-errorlogs --num-processes 2 "$@" || status=$?
  return "$status"
}

# meson test with no display: each program that opens windows starts an
# Xvfb of its own (tests/test-app.c, "this program's own display"; README,
# "Tests and their X displays"), so that the windows of two suites meson
# runs at once never share a display, where one takes the other's keyboard
# focus. A test program that forgot to do so finds no display here rather
# than sharing one.
run_meson_test () {
  env -u DISPLAY -u WAYLAND_DISPLAY meson test "$@"
}

# --- hardening: sanitizers and fuzzing (README, "Hardening") ---------------

install_hardening_packages () {
  local p missing=()
  for p in "${hardening_packages[@]}"; do
    [ "$(dpkg-query -W -f='${Status}' "$p" 2>/dev/null || true)" = "install ok installed" ] || missing+=("$p")
  done
  if [ ${#missing[@]} -gt 0 ]; then
    say "installing ${missing[*]}"
    as_root env DEBIAN_FRONTEND=noninteractive apt-get install -y -q --no-install-recommends "${missing[@]}"
  fi
}

# LeakSanitizer keeps checking for leaks; only what GLib, GObject, GIO, GTK
# and fontconfig allocate once per process and never free is suppressed.
# fast_unwind_on_malloc=0: the libraries have no frame pointers, and the
# suppressions match functions deeper in the stack than g_malloc().
export_sanitizer_options () {
  export ASAN_OPTIONS="fast_unwind_on_malloc=0:malloc_context_size=8:detect_leaks=1:halt_on_error=1:abort_on_error=1:print_summary=1"
  export LSAN_OPTIONS="suppressions=$srcdir/tests/lsan.supp:print_suppressions=0"
  export UBSAN_OPTIONS="print_stacktrace=1:halt_on_error=1"
}

# The whole suite (core, cli, app, po, data…) built with AddressSanitizer and
# UndefinedBehaviorSanitizer, in its own build folder.
cmd_test_sanitize () {
  cmd_deps
  install_hardening_packages
  local dir=${JX_SANITIZE_BUILDDIR:-_build-sanitize}
  if [ ! -f "$dir/build.ninja" ]; then
    meson setup "$dir" -Db_sanitize=address,undefined -Db_lundef=false \
      -Dc_args=-fno-sanitize-recover=undefined -Dc_link_args=-fno-sanitize-recover=undefined
  fi
  ninja -C "$dir" -j2
  export_sanitizer_options
  # Benchmarks and timing-bound checks stay out: sanitizers make code slower.
  local status=0
  run_meson_test -C "$dir" --print-errorlogs --num-processes 2 --timeout-multiplier 6 "$@" || status=$?
  return "$status"
}

# Builds the fuzz targets (tests/fuzz) with clang, libFuzzer, ASan and UBSan
# in _build-fuzz, then runs each (or only the TARGETs named) for SECONDS
# (default 60), one after the other, over its seeds and the corpus it grew
# in earlier runs. Corpus, logs and crashes go to $JX_FUZZ_OUTDIR (default:
# the build folder): OUTDIR/corpus/T, OUTDIR/logs/T.log, OUTDIR/crashes/.
# Each target's line gives its CPU time (user + system, measured by
# /usr/bin/time); the last line is "N targets, N crashes"; the status is
# non-zero on a crash.
fuzz_all_targets=(load import value money taxonomy json rows nodes template)
cmd_fuzz () {
  local seconds=${1:-60}
  case "$seconds" in ''|*[!0-9]*) die "fuzz takes a number of seconds, not '$seconds'" ;; esac
  [ $# -gt 0 ] && shift
  local targets=("$@") t
  [ ${#targets[@]} -gt 0 ] || targets=("${fuzz_all_targets[@]}")
  for t in "${targets[@]}"; do
    [[ " ${fuzz_all_targets[*]} " == *" $t "* ]] || die "no fuzz target '$t' (there are: ${fuzz_all_targets[*]})"
  done
  cmd_deps
  install_hardening_packages
  local dir=${JX_FUZZ_BUILDDIR:-_build-fuzz}
  local out=${JX_FUZZ_OUTDIR:-$dir}
  if [ ! -f "$dir/build.ninja" ]; then
    CC=clang meson setup "$dir" -Dfuzz=true -Dtests=false \
      -Db_sanitize=address,undefined -Db_lundef=false \
      -Dc_args="-fsanitize=fuzzer-no-link -fno-sanitize-recover=undefined" \
      -Dc_link_args=-fno-sanitize-recover=undefined
  fi
  local exes=()
  for t in "${targets[@]}"; do exes+=("tests/fuzz/fuzz-$t"); done
  ninja -C "$dir" -j2 "${exes[@]}"
  export_sanitizer_options
  mkdir -p "$out/crashes" "$out/logs"

  local crashes=0 status dict summary
  for t in "${targets[@]}"; do
    mkdir -p "$out/corpus/$t"
    case "$t" in
      load|nodes) dict=(-dict=tests/fuzz/xml.dict) ;;
      json|taxonomy|template) dict=(-dict=tests/fuzz/json.dict) ;;
      *) dict=() ;;
    esac
    status=0
    /usr/bin/time -o "$out/logs/$t.cpu" -f '%U %S' \
      "$dir/tests/fuzz/fuzz-$t" -max_total_time="$seconds" -timeout=10 -rss_limit_mb=2048 \
      -print_final_stats=1 -artifact_prefix="$out/crashes/$t-" "${dict[@]}" \
      "$out/corpus/$t" "tests/fuzz/corpus/$t" >"$out/logs/$t.log" 2>&1 || status=$?
    summary=$(fuzz_summary "$out/logs/$t.log" "$out/logs/$t.cpu")
    if [ "$status" -ne 0 ]; then
      crashes=$((crashes + 1))
      say "fuzz-$t: FOUND A CRASH (status $status), see $out/logs/$t.log and $out/crashes/"
      grep -E '^(==[0-9]+==ERROR|SUMMARY|fuzz oracle failed|.*runtime error)' "$out/logs/$t.log" | head -5 >&2 || true
    fi
    printf 'fuzz-%s: %s\n' "$t" "$summary"
  done
  echo "${#targets[@]} targets, $crashes crashes"
  [ "$crashes" -eq 0 ]
}

# "N CPU-s, N execs, cov N, ft N, corpus N files" from a libFuzzer log
# and the "USER SYSTEM" seconds /usr/bin/time wrote.
fuzz_summary () {
  local log=$1 cpu=$2 execs last
  execs=$(sed -n 's/^stat::number_of_executed_units: *//p' "$log" | tail -n 1)
  last=$(grep -E '^#[0-9]+' "$log" | tail -n 1)
  printf '%s CPU-s, %s execs, cov %s, ft %s, corpus %s files\n' \
    "$(awk 'NF == 2 && $1 ~ /^[0-9.]+$/ { printf "%.0f", $1 + $2 }' "$cpu" 2>/dev/null)" "${execs:-?}" \
    "$(sed -n 's/.* cov: \([0-9]*\).*/\1/p' <<<"$last")" \
    "$(sed -n 's/.* ft: \([0-9]*\).*/\1/p' <<<"$last")" \
    "$(sed -n 's/.* corp: \([0-9]*\).*/\1/p' <<<"$last")"
}

# ------------------------------------------------------------ Debian 13
#
# test-debian13: the whole suite on Debian 13 "trixie" (GTK 4.18, GLib 2.84:
# the GTK >= 4.10 code paths, GtkFileDialog and GtkAlertDialog), in a chroot
# made with debootstrap and kept for the next run:
#   $JX_DEBIAN13_ROOT (default /var/cache/jixiao-debian13/root)
# The first run makes it (a minimal system, ~1 min) and installs the packages
# above inside it with `jx-dev.sh deps` (~3 min); later runs only check them.
# The source tree is bind-mounted at /src; the build goes to
# $JX_DEBIAN13_BUILDDIR (default _build-debian13, in the tree, ignored by git),
# so its meson-logs/testlog.json is where .ci/run reads it. Always a clean
# build, so that its log shows every compiler warning: the command fails when
# our code has a deprecation or "Not available before" warning there.
# Everything mounted is unmounted on exit, also on failure or Ctrl+C.

debian13_cache=${JX_DEBIAN13_ROOT:-/var/cache/jixiao-debian13/root}
debian13_builddir=${JX_DEBIAN13_BUILDDIR:-_build-debian13}
debian13_mounts=()

# The Debian mirror this machine uses (deb822 "URIs:" or one-line "deb"),
# which carries trixie as well; deb.debian.org when there is none.
debian_mirror () {
  local f uri
  for f in /etc/apt/sources.list /etc/apt/sources.list.d/*.list /etc/apt/sources.list.d/*.sources; do
    [ -r "$f" ] || continue
    uri=$(sed -n -E -e 's/^URIs:[[:space:]]*([^[:space:]]+).*/\1/p' \
                    -e 's/^deb[[:space:]]+(\[[^]]*\][[:space:]]+)?([^[:space:]]+).*/\2/p' "$f" |
          grep -E '/debian/?$' | head -n 1 || true)
    if [ -n "$uri" ]; then
      printf '%s\n' "${uri%/}"
      return
    fi
  done
  echo http://deb.debian.org/debian
}

debian13_mount () {   # debian13_mount WHAT WHERE [mount options...]
  local what=$1 where=$2
  shift 2
  mkdir -p "$where"
  mount "$@" "$what" "$where"
  debian13_mounts+=("$where")
}

debian13_unmount_all () {
  local i
  for (( i=${#debian13_mounts[@]}-1; i>=0; i-- )); do
    umount "${debian13_mounts[i]}" 2>/dev/null || umount -l "${debian13_mounts[i]}" ||
      say "warning: could not unmount ${debian13_mounts[i]}"
  done
  debian13_mounts=()
}

debian13_enter () {   # runs "$@" inside the chroot, as root, in /src
  chroot "$debian13_cache" /usr/bin/env -i \
    PATH=/usr/local/sbin:/usr/local/bin:/usr/sbin:/usr/bin:/sbin:/bin \
    HOME=/root LANG=C.UTF-8 TERM="${TERM:-dumb}" CI="${CI:-}" \
    DEBIAN_FRONTEND=noninteractive JX_BUILDDIR="$debian13_builddir" \
    /bin/sh -c 'cd /src && exec "$@"' sh "$@"
}

# The minimal system, once: made in a sibling directory and renamed when
# complete, so an interrupted debootstrap is never taken for a finished one.
debian13_make_root () {
  local mirror tmp
  [ -x "$debian13_cache/usr/bin/apt-get" ] && return
  command -v debootstrap >/dev/null ||
    die "test-debian13 needs debootstrap: apt-get install debootstrap"
  mirror=$(debian_mirror)
  tmp="$debian13_cache.tmp"
  if [ -e "$tmp" ]; then
    findmnt -R "$tmp" >/dev/null 2>&1 && die "$tmp has something mounted: unmount it first"
    rm -rf --one-file-system "$tmp"
  fi
  say "making a Debian 13 (trixie) system in $debian13_cache from $mirror"
  mkdir -p "$(dirname "$debian13_cache")"
  local t0=$SECONDS
  debootstrap --variant=minbase trixie "$tmp" "$mirror" >"$tmp.log" 2>&1 ||
    { tail -n 20 "$tmp.log" >&2; die "debootstrap failed (whole log: $tmp.log)"; }
  mv "$tmp" "$debian13_cache"
  say "minimal system made in $(( SECONDS - t0 )) s"
}

cmd_test_debian13 () {
  [ "$(id -u)" -eq 0 ] || die "test-debian13 mounts and chroots: run it as root (sudo $0 test-debian13)"
  mkdir -p "$(dirname "$debian13_cache")"
  exec 9>"$debian13_cache.lock"
  flock -n 9 || { say "another test-debian13 is running; waiting for it"; flock 9; }

  debian13_make_root
  trap debian13_unmount_all EXIT
  trap 'exit 130' INT TERM

  # Services never start in the chroot; DNS as on this machine.
  printf '#!/bin/sh\nexit 101\n' >"$debian13_cache/usr/sbin/policy-rc.d"
  chmod +x "$debian13_cache/usr/sbin/policy-rc.d"
  cp -L /etc/resolv.conf "$debian13_cache/etc/resolv.conf" 2>/dev/null || true

  debian13_mount proc "$debian13_cache/proc" -t proc
  debian13_mount sysfs "$debian13_cache/sys" -t sysfs
  debian13_mount /dev "$debian13_cache/dev" --bind
  debian13_mount /dev/pts "$debian13_cache/dev/pts" --bind
  debian13_mount shm "$debian13_cache/dev/shm" -t tmpfs -o mode=1777
  debian13_mount tmp "$debian13_cache/tmp" -t tmpfs -o mode=1777
  debian13_mount "$srcdir" "$debian13_cache/src" --bind

  local t0=$SECONDS
  # Packages: the same list as Debian 12, installed by this script inside.
  if ! debian13_enter build-aux/jx-dev.sh deps >"$debian13_cache.deps.log" 2>&1; then
    tail -n 40 "$debian13_cache.deps.log" >&2
    die "installing the packages in the Debian 13 chroot failed (log: $debian13_cache.deps.log)"
  fi
  say "Debian 13 packages ready in $(( SECONDS - t0 )) s"
  debian13_enter sh -c 'printf "Debian %s, GTK %s, GLib %s\n" "$(cat /etc/debian_version)" \
    "$(pkg-config --modversion gtk4)" "$(pkg-config --modversion glib-2.0)"' >&2

  # A clean build each time, its compiler output kept.
  t0=$SECONDS
  rm -rf --one-file-system "$srcdir/$debian13_builddir"
  local buildlog="$debian13_cache.compile.log"
  if ! debian13_enter sh -c 'meson setup "$JX_BUILDDIR" && ninja -C "$JX_BUILDDIR" -j 2' >"$buildlog" 2>&1; then
    tail -n 40 "$buildlog" >&2
    die "the Debian 13 build failed (log: $buildlog)"
  fi
  local warnings deprecations
  warnings=$(grep -c 'warning:' "$buildlog" || true)
  deprecations=$(grep -E 'warning:.*(deprecated|Not available before|-Wdeprecated-declarations)' "$buildlog" |
                 grep -v -E '^/usr/' || true)
  say "Debian 13 build: $(( SECONDS - t0 )) s, $warnings compiler warning(s)"

  t0=$SECONDS
  local status=0
  # No display inside (env -i): each GUI test program starts its own Xvfb,
  # as in cmd_test.
  debian13_enter meson test -C "$debian13_builddir" --print-errorlogs --num-processes 2 "$@" || status=$?
  say "Debian 13 suite: $(( SECONDS - t0 )) s, exit status $status"

  if [ -n "$deprecations" ]; then
    printf '%s\n' "$deprecations" >&2
    say "error: our code has $(printf '%s\n' "$deprecations" | wc -l) deprecation / \"Not available before\" warning(s) on Debian 13 (listed above; whole log: $buildlog)"
    [ "$status" -ne 0 ] || status=1
  fi
  return "$status"
}

usage () {
  cat <<EOF
usage: build-aux/jx-dev.sh deps|build|run|test|test-sanitize|fuzz|test-debian13 [args]
  deps   install the Debian packages Jixiao needs (with sudo when not root)
         and generate the zh_CN.UTF-8 and de_DE.UTF-8 locales
  build  configure $builddir with meson (if needed) and build with ninja
  run    deps + build, then open the example document
  test   deps + build, then run the whole test suite (GUI tests each on an
         Xvfb server of their own)
  test-sanitize [meson test args]
         the whole suite built with ASan+UBSan in _build-sanitize (installs clang's
         sanitizer runtimes if missing)
  fuzz [SECONDS [TARGET...]]
         build the libFuzzer targets with clang+ASan+UBSan in _build-fuzz and run
         each (or each TARGET named) for SECONDS (default 60), one at a time;
         corpus, logs and crashes in $JX_FUZZ_OUTDIR (default _build-fuzz);
         last line "N targets, N crashes"
  test-debian13 [meson test args]
         as root: build and run the whole suite on Debian 13 (GTK 4.18) in a
         debootstrap chroot kept in ${JX_DEBIAN13_ROOT:-/var/cache/jixiao-debian13/root}
EOF
}

case "${1:-}" in
  deps)  cmd_deps ;;
  build) cmd_build ;;
  run)   cmd_run ;;
  test)  shift; cmd_test "$@" ;;
  test-sanitize) shift; cmd_test_sanitize "$@" ;;
  fuzz)  shift; cmd_fuzz "$@" ;;
  test-debian13) shift; cmd_test_debian13 "$@" ;;
  -h|--help|help) usage ;;
  *) usage >&2; exit 64 ;;
esac
