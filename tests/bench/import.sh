#!/usr/bin/env bash
# Times `jixiao-cli import` of a generated table in the published layout
# (20,000 projects, ~120,000 indicators, ~16 MB of text with OCR noise)
# against reference commands on the same machine in the same run: `cat` of
# the input, `wc -l` of the input, and `xmllint --stream --noout` of the
# document written. These machines are shared and noisy, so the ratio says
# more than the seconds; both are printed.
#
# usage: import.sh JIXIAO_CLI JX_GENERATE [PROJECTS] [RUNS]
set -euo pipefail

cli=$1
generate=$2
projects=${3:-20000}
runs=${4:-5}
work=${JX_BENCH_DIR:-$(mktemp -d)}
input="$work/bench-$projects.txt"
output="$work/bench-import-$projects.jixiao"

[ -f "$input" ] || "$generate" --projects "$projects" --format text "$input"
size=$(stat -c %s "$input")

# One measurement: elapsed seconds (to the millisecond; /usr/bin/time only
# gives hundredths, too coarse for cat and wc) and peak RSS in KiB.
measure() {
  local start end
  start=$(date +%s%N)
  /usr/bin/time -f '%M' -o "$work/time.out" "$@" >/dev/null 2>&1 || true
  end=$(date +%s%N)
  echo "$(( (end - start) / 1000000 ))e-3 $(cat "$work/time.out")"
}

median() { sort -g | awk '{ a[NR] = $1 } END { print a[int((NR + 1) / 2)] + 0 }'; }

: > "$work/import.times"; : > "$work/import.mem"
: > "$work/cat.times"; : > "$work/wc.times"; : > "$work/xmllint.times"
for _ in $(seq "$runs"); do
  # Alternate the commands so that all of them see the same machine load.
  read -r t _ < <(measure cat "$input")
  echo "$t" >> "$work/cat.times"
  read -r t _ < <(measure wc -l "$input")
  echo "$t" >> "$work/wc.times"
  rm -f "$output"
  read -r t m < <(measure "$cli" import "$input" -o "$output")
  echo "$t" >> "$work/import.times"
  echo "$m" >> "$work/import.mem"
  read -r t _ < <(measure xmllint --stream --noout "$output")
  echo "$t" >> "$work/xmllint.times"
done

[ -s "$output" ] || { echo "import.sh: jixiao-cli import wrote nothing" >&2; exit 1; }
summary=$("$cli" totals "$output" | tail -n 1)

t_import=$(median < "$work/import.times")
t_cat=$(median < "$work/cat.times")
t_wc=$(median < "$work/wc.times")
t_xml=$(median < "$work/xmllint.times")
mem_kib=$(sort -n "$work/import.mem" | tail -n 1)

awk -v ti="$t_import" -v tc="$t_cat" -v tw="$t_wc" -v tx="$t_xml" -v mk="$mem_kib" -v sz="$size" \
    -v p="$projects" -v r="$runs" -v s="$summary" 'BEGIN {
  printf "input: %d projects, %.1f MB of published-layout text; imported: %s\n", p, sz / 1e6, s
  printf "median of %d runs: jixiao-cli import %.2f s (target <= 2 s)\n", r, ti
  printf "references in the same run: cat %.3f s, wc -l %.3f s, xmllint --stream --noout on the output %.2f s\n", tc, tw, tx
  printf "time ratio: import / xmllint %.1f, import / wc -l %.0f, import / cat %.0f\n", (tx > 0 ? ti / tx : 0), (tw > 0 ? ti / tw : 0), (tc > 0 ? ti / tc : 0)
  printf "peak memory: %.1f MB = %.2f x input size\n", mk * 1024 / 1e6, mk * 1024 / sz
}'
