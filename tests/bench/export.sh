#!/usr/bin/env bash
# Export benchmarks, as ratios against references run on the same machine in
# the same run (these machines are shared and noisy; seconds are printed too):
#
#  1. the example document (35 projects) → PDF with jixiao-cli, against
#     LibreOffice converting Jixiao's own xlsx of it to PDF
#     (soffice --headless --convert-to pdf). Target: at least 20× faster.
#  2. a generated document of 20,000 projects → xlsx, against the same
#     document → .json. Target: xlsx at most 3× the time of json; peak
#     memory of the xlsx export at most 3× the document's size.
#
# usage: export.sh JIXIAO_CLI JX_GENERATE EXAMPLE [PROJECTS] [RUNS]
# (PROJECTS 0: the PDF comparison only)
set -euo pipefail

cli=$1
generate=$2
example=$3
projects=${4:-20000}
runs=${5:-3}
work=${JX_BENCH_DIR:-$(mktemp -d)}
doc="$work/bench-export-$projects.jixiao"

command -v soffice >/dev/null ||
  { echo "export.sh: soffice is missing: install libreoffice-calc-nogui (build-aux/jx-dev.sh deps)" >&2; exit 1; }

# One measurement: elapsed seconds (ms resolution), peak RSS in KiB, and
# CPU seconds (user + system, children included: soffice runs soffice.bin).
# On a machine shared by many jobs the elapsed time mostly measures the
# queue for a core; the CPU time is what the work costs. Both are printed.
measure() {
  local start end
  start=$(date +%s%N)
  /usr/bin/time -f '%M %U %S' -o "$work/time.out" "$@" >/dev/null 2>&1 || true
  end=$(date +%s%N)
  read -r mem user sys < "$work/time.out"
  echo "$(( (end - start) / 1000000 ))e-3 $mem $(awk -v u="$user" -v s="$sys" 'BEGIN { print u + s }')"
}

median() { sort -g | awk '{ a[NR] = $1 } END { print a[int((NR + 1) / 2)] + 0 }'; }

# --- 1. example → PDF, against LibreOffice ----------------------------------
profile="$work/lo-profile"
xlsx="$work/example.xlsx"
rm -f "$xlsx"
"$cli" convert "$example" "$xlsx"
# A first LibreOffice run creates its profile; not measured.
soffice "-env:UserInstallation=file://$profile" --headless --norestore \
  --convert-to pdf --outdir "$work/lo" "$xlsx" >/dev/null 2>&1 || true

: > "$work/pdf.times"; : > "$work/lo.times"; : > "$work/pdf.cpu"; : > "$work/lo.cpu"
for _ in $(seq "$runs"); do
  rm -f "$work/example.pdf" "$work/lo/example.pdf"
  read -r t _ c < <(measure "$cli" convert "$example" "$work/example.pdf")
  echo "$t" >> "$work/pdf.times"; echo "$c" >> "$work/pdf.cpu"
  read -r t _ c < <(measure soffice "-env:UserInstallation=file://$profile" --headless --norestore \
                      --convert-to pdf --outdir "$work/lo" "$xlsx")
  echo "$t" >> "$work/lo.times"; echo "$c" >> "$work/lo.cpu"
done
[ -s "$work/example.pdf" ] || { echo "export.sh: jixiao-cli wrote no PDF" >&2; exit 1; }
[ -s "$work/lo/example.pdf" ] || { echo "export.sh: LibreOffice wrote no PDF" >&2; exit 1; }

t_pdf=$(median < "$work/pdf.times")
t_lo=$(median < "$work/lo.times")
c_pdf=$(median < "$work/pdf.cpu")
c_lo=$(median < "$work/lo.cpu")
awk -v tp="$t_pdf" -v tl="$t_lo" -v cp="$c_pdf" -v cl="$c_lo" -v r="$runs" \
    -v load="$(cut -d ' ' -f 1-3 /proc/loadavg)" 'BEGIN {
  printf "example (35 projects) → PDF, median of %d runs: jixiao-cli %.3f s (CPU %.2f s), soffice xlsx → pdf %.2f s (CPU %.2f s)\n", r, tp, cp, tl, cl
  printf "ratio LibreOffice / Jixiao: elapsed %.1f×, CPU %.1f× (target >= 20×); load average %s\n", (tp > 0 ? tl / tp : 0), (cp > 0 ? cl / cp : 0), load
}'

# --- 2. 20,000 projects → xlsx, against → json ------------------------------
[ "$projects" -gt 0 ] || exit 0
[ -f "$doc" ] || "$generate" --projects "$projects" "$doc"
size=$(stat -c %s "$doc")

: > "$work/xlsx.times"; : > "$work/json.times"; : > "$work/xlsx.mem"
: > "$work/xlsx.cpu"; : > "$work/json.cpu"; : > "$work/load.mem"
for _ in $(seq "$runs"); do
  rm -f "$work/big.xlsx" "$work/big.json"
  read -r t _ c < <(measure "$cli" convert "$doc" "$work/big.json")
  echo "$t" >> "$work/json.times"; echo "$c" >> "$work/json.cpu"
  read -r t m c < <(measure "$cli" convert "$doc" "$work/big.xlsx")
  echo "$t" >> "$work/xlsx.times"; echo "$c" >> "$work/xlsx.cpu"
  echo "$m" >> "$work/xlsx.mem"
  read -r _ m _ < <(measure "$cli" totals "$doc")
  echo "$m" >> "$work/load.mem"
done
[ -s "$work/big.xlsx" ] || { echo "export.sh: jixiao-cli wrote no xlsx" >&2; exit 1; }

t_xlsx=$(median < "$work/xlsx.times")
t_json=$(median < "$work/json.times")
c_xlsx=$(median < "$work/xlsx.cpu")
c_json=$(median < "$work/json.cpu")
mem_kib=$(sort -n "$work/xlsx.mem" | tail -n 1)
load_kib=$(sort -n "$work/load.mem" | tail -n 1)
awk -v tx="$t_xlsx" -v tj="$t_json" -v cx="$c_xlsx" -v cj="$c_json" -v mk="$mem_kib" -v lk="$load_kib" \
    -v sz="$size" -v p="$projects" -v r="$runs" 'BEGIN {
  printf "generated document: %d projects, %.1f MB\n", p, sz / 1e6
  printf "median of %d runs: → xlsx %.2f s (CPU %.2f s), → json %.2f s (CPU %.2f s)\n", r, tx, cx, tj, cj
  printf "ratio xlsx / json: elapsed %.2f, CPU %.2f (target <= 3)\n", (tj > 0 ? tx / tj : 0), (cj > 0 ? cx / cj : 0)
  printf "peak memory of the xlsx export: %.1f MB = %.2f x the document (target <= 3); loading alone (totals): %.1f MB = %.2f x\n", \
         mk * 1024 / 1e6, mk * 1024 / sz, lk * 1024 / 1e6, lk * 1024 / sz
}'
