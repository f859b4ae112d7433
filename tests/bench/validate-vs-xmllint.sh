#!/usr/bin/env bash
# Times `jixiao-cli validate` against `xmllint --stream --noout` on the same
# generated document (20,000 projects, ~120,000 indicators) and reports the
# ratio of times and the peak memory against the file size. Ratios, not
# seconds: these machines are shared and noisy, so only a comparison made in
# the same run means anything.
#
# usage: validate-vs-xmllint.sh JIXIAO_CLI JX_GENERATE [PROJECTS] [RUNS]
set -euo pipefail

cli=$1
generate=$2
projects=${3:-20000}
runs=${4:-5}
work=${JX_BENCH_DIR:-$(mktemp -d)}
file="$work/bench-$projects.jixiao"

[ -f "$file" ] || "$generate" --projects "$projects" "$file"
size=$(stat -c %s "$file")

# One measurement: elapsed seconds, peak RSS (KiB) and CPU seconds (user +
# system: the loader checks the schema on a second thread, so CPU time is
# reported beside the elapsed time a person waits).
measure() {
  /usr/bin/time -f '%e %M %U %S' -o "$work/time.out" "$@" >/dev/null 2>&1 || true
  awk '{ printf "%s %s %.2f\n", $1, $2, $3 + $4 }' "$work/time.out"
}

median() { sort -n | awk '{ a[NR] = $1 } END { print a[int((NR + 1) / 2)] }'; }

: > "$work/cli.times"; : > "$work/xmllint.times"; : > "$work/cli.mem"; : > "$work/cli.cpu"; : > "$work/xmllint.cpu"
for _ in $(seq "$runs"); do
  # Alternate the two so both see the same machine load.
  read -r t m c < <(measure xmllint --stream --noout "$file")
  echo "$t" >> "$work/xmllint.times"; echo "$c" >> "$work/xmllint.cpu"
  read -r t m c < <(measure "$cli" validate "$file")
  echo "$t" >> "$work/cli.times"; echo "$c" >> "$work/cli.cpu"
  echo "$m" >> "$work/cli.mem"
done

t_cli=$(median < "$work/cli.times")
t_ref=$(median < "$work/xmllint.times")
c_cli=$(median < "$work/cli.cpu")
c_ref=$(median < "$work/xmllint.cpu")
mem_kib=$(sort -n "$work/cli.mem" | tail -n 1)

awk -v tc="$t_cli" -v tr="$t_ref" -v cc="$c_cli" -v cr="$c_ref" -v mk="$mem_kib" -v sz="$size" -v p="$projects" -v r="$runs" 'BEGIN {
  printf "file: %d projects, %.1f MB\n", p, sz / 1e6
  printf "median of %d runs: jixiao-cli validate %.2f s, xmllint --stream --noout %.2f s\n", r, tc, tr
  printf "elapsed time ratio (validate / xmllint): %.2f  (target <= 1.5)\n", (tr > 0 ? tc / tr : 0)
  printf "CPU time ratio (user + system, both threads): %.2f\n", (cr > 0 ? cc / cr : 0)
  printf "peak memory: %.1f MB = %.2f x file size  (target <= 4)\n", mk * 1024 / 1e6, mk * 1024 / sz
}'
