#!/usr/bin/env bash
# Every ratio of issue 11 in one run, each against `xmllint --stream --noout`
# on the same file, timed in the same loop (alternating, median of RUNS):
#
#   validate, clean   `jixiao-cli validate` on a generated table
#   validate, messy   the same table with ~6 findings a project (placeholders,
#                     approximate and missing values, misfiled codes, no goals)
#   peak memory       of both validates, against the file size
#   write, save       jx_xml_write() and the whole jx_storage_save() (flushed
#                     to disk) of the loaded clean table (bench-save)
#   import            `jixiao-cli import` of the table in the published layout,
#                     against xmllint on the document it writes
#
# The editor's open is measured by app-open.sh (benchmark app-open).
# Ratios, not seconds: the machines are shared and noisy. Elapsed time and
# CPU time (user + system) are both printed, and the load average: on a
# machine busier than its CPUs, a process waits for one and the elapsed
# ratios say more about the load than about the program. For the figures of
# a release, run it on a release build (meson setup _bench
# --buildtype=release; meson test -C _bench --benchmark all-vs-xmllint).
#
# usage: all-vs-xmllint.sh JIXIAO_CLI JX_GENERATE BENCH_SAVE [PROJECTS] [RUNS]
set -euo pipefail

cli=$1
generate=$2
bench_save=$3
projects=${4:-20000}
runs=${5:-5}
work=${JX_BENCH_DIR:-$(mktemp -d)}
clean="$work/bench-$projects.jixiao"
messy="$work/all-messy-$projects.jixiao"
text="$work/all-published-$projects.txt"
imported="$work/all-imported-$projects.jixiao"
saved="$work/all-saved-$projects.jixiao"

[ -f "$clean" ] || "$generate" --projects "$projects" "$clean" >/dev/null
# The messy table: the generator's values made into what reviewers find.
sed -E -e 's#<annual-value>大于等于90%</annual-value>#<annual-value>约90%</annual-value>#' \
       -e 's#<annual-value>大于等于98%</annual-value>#<annual-value>约98%</annual-value>#' \
       -e 's#<annual-value>100%</annual-value>#<annual-value>按实际数量</annual-value>#' \
       -e 's#<annual-value>95%以上</annual-value>#<annual-value>90%左右</annual-value>#' \
       -e 's#<cycle-value>≤100%</cycle-value>#<cycle-value></cycle-value>#' \
       -e 's#subcategory="24"#subcategory="21"#' \
       -e 's#<goal>[^<]*</goal>#<goal></goal>#' "$clean" > "$messy"
[ -f "$text" ] || "$generate" --projects "$projects" --format text "$text" >/dev/null

# One measurement: elapsed seconds (ms resolution), peak RSS (KiB), CPU
# seconds (user + system).
measure() {
  local start end
  start=$(date +%s%N)
  /usr/bin/time -f '%M %U %S' -o "$work/all-time.out" "$@" >/dev/null 2>&1 || true
  end=$(date +%s%N)
  awk -v ms="$(( (end - start) / 1000000 ))" '{ printf "%.3f %s %.2f\n", ms / 1000, $1, $2 + $3 }' "$work/all-time.out"
}

median() { sort -g | awk '{ a[NR] = $1 } END { print a[int((NR + 1) / 2)] + 0 }'; }
maximum() { sort -g | tail -n 1; }

keys="x_clean v_clean c_xclean c_clean m_clean x_messy v_messy c_xmessy c_messy m_messy write save import x_import c_import c_ximport"
for k in $keys; do : > "$work/all-$k"; done
for _ in $(seq "$runs"); do
  # Alternating: every command sees the same machine load as its reference.
  read -r t m c < <(measure xmllint --stream --noout "$clean")
  echo "$t" >> "$work/all-x_clean"; echo "$c" >> "$work/all-c_xclean"
  read -r t m c < <(measure "$cli" validate "$clean")
  echo "$t" >> "$work/all-v_clean"; echo "$c" >> "$work/all-c_clean"; echo "$m" >> "$work/all-m_clean"
  read -r t m c < <(measure xmllint --stream --noout "$messy")
  echo "$t" >> "$work/all-x_messy"; echo "$c" >> "$work/all-c_xmessy"
  read -r t m c < <(measure "$cli" validate "$messy")
  echo "$t" >> "$work/all-v_messy"; echo "$c" >> "$work/all-c_messy"; echo "$m" >> "$work/all-m_messy"
  read -r _ w _ s < <("$bench_save" "$clean" "$saved")
  echo "$w" >> "$work/all-write"; echo "$s" >> "$work/all-save"
  read -r t m c < <(measure "$cli" import --force "$text" -o "$imported")
  echo "$t" >> "$work/all-import"; echo "$c" >> "$work/all-c_import"
  read -r t m c < <(measure xmllint --stream --noout "$imported")
  echo "$t" >> "$work/all-x_import"; echo "$c" >> "$work/all-c_ximport"
done

# The runs must have done their work.
cmp -s "$clean" "$saved" || { echo "all-vs-xmllint.sh: the saved table differs from the one loaded" >&2; exit 1; }
findings=$("$cli" validate "$messy" 2>/dev/null | tail -n 1 || true)
"$cli" validate "$clean" >/dev/null 2>&1 || { echo "all-vs-xmllint.sh: the clean table has errors" >&2; exit 1; }
[ -s "$imported" ] || { echo "all-vs-xmllint.sh: import wrote nothing" >&2; exit 1; }

for k in $keys; do eval "$k=\$(median < \"\$work/all-$k\")"; done
m_clean=$(maximum < "$work/all-m_clean"); m_messy=$(maximum < "$work/all-m_messy")
size=$(stat -c %s "$clean"); msize=$(stat -c %s "$messy")

awk -v p="$projects" -v r="$runs" -v sz="$size" -v msz="$msize" -v f="$findings" \
    -v xc="$x_clean" -v vc="$v_clean" -v cxc="$c_xclean" -v cc="$c_clean" -v mc="$m_clean" \
    -v xm="$x_messy" -v vm="$v_messy" -v mm="$m_messy" -v w="$write" -v s="$save" \
    -v im="$import" -v xi="$x_import" -v cxm="$c_xmessy" -v cm="$c_messy" -v ci="$c_import" -v cxi="$c_ximport" \
    -v load="$(cut -d ' ' -f 1-3 /proc/loadavg 2>/dev/null)" 'function ratio(a, b) { return b > 0 ? a / b : 0 }
BEGIN {
  printf "files: %d projects, clean %.1f MB, messy %.1f MB (%s); median of %d alternating runs\n", p, sz / 1e6, msz / 1e6, f, r
  printf "%-34s %8s %8s %7s  %s\n", "", "s", "xmllint", "ratio", "target"
  printf "%-34s %8.2f %8.2f %7.2f  <= 1.5\n", "validate, clean (elapsed)", vc, xc, ratio(vc, xc)
  printf "%-34s %8.2f %8.2f %7.2f  <= 2\n", "validate, clean (CPU, user + sys)", cc, cxc, ratio(cc, cxc)
  printf "%-34s %8.2f %8.2f %7.2f  <= 2.5\n", "validate, messy (elapsed)", vm, xm, ratio(vm, xm)
  printf "%-34s %8.2f %8.2f %7.2f\n", "validate, messy (CPU, user + sys)", cm, cxm, ratio(cm, cxm)
  printf "%-34s %8.2f %8.2f %7.2f  <= 1.5\n", "save, whole (flushed to disk)", s, xc, ratio(s, xc)
  printf "%-34s %8.2f %8.2f %7.2f\n", "  of which jx_xml_write()", w, xc, ratio(w, xc)
  printf "%-34s %8.2f %8.2f %7.2f  <= 3\n", "import (xmllint: on its output)", im, xi, ratio(im, xi)
  printf "%-34s %8.2f %8.2f %7.2f\n", "import (CPU, user + sys)", ci, cxi, ratio(ci, cxi)
  printf "peak memory / file size: validate clean %.0f MB = %.2f x, messy %.0f MB = %.2f x  (target <= 3)\n", mc * 1024 / 1e6, mc * 1024 / sz, mm * 1024 / 1e6, mm * 1024 / msz
  printf "load average at the end: %s (2 CPUs)\n", load
}'
