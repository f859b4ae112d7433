#!/usr/bin/env bash
# Times `jixiao-cli new-year` and `jixiao-cli diff` against `jixiao-cli
# validate` on the same generated document (20,000 projects, ~120,000
# indicators). Target (issue 9): each at most 2 x validate. Ratios, not
# seconds: the machines are shared, so only a comparison made in the same
# run means anything. The diff compares the table with its new year (matched
# by id: year and title differ) and with a copy whose ids were all renamed
# (everything matched by name, the slow path).
#
# usage: cycle.sh JIXIAO_CLI JX_GENERATE [PROJECTS] [RUNS]
set -euo pipefail

cli=$1
generate=$2
projects=${3:-20000}
runs=${4:-5}
work=${JX_BENCH_DIR:-$(mktemp -d)}
file="$work/bench-$projects.jixiao"
next="$work/cycle-next-$projects.jixiao"
renamed="$work/cycle-renamed-$projects.jixiao"

[ -f "$file" ] || "$generate" --projects "$projects" "$file"
"$cli" new-year --force "$file" -o "$next" >/dev/null
sed -E 's/\b(id|target)="([a-z])/\1="z\2/g' "$file" > "$renamed"

# One measurement: elapsed seconds (from date, in ms) and peak RSS (KiB).
measure() {
  local start end
  start=$(date +%s%N)
  /usr/bin/time -f '%M' -o "$work/time.out" "$@" >/dev/null 2>&1 || true
  end=$(date +%s%N)
  echo "$(( (end - start) / 1000000 ))e-3 $(tail -n 1 "$work/time.out")"
}

median() { sort -g | awk '{ a[NR] = $1 } END { print a[int((NR + 1) / 2)] + 0 }'; }

for k in validate newyear diff diffname; do : > "$work/cycle-$k.times"; : > "$work/cycle-$k.mem"; done
for _ in $(seq "$runs"); do
  # Alternate the commands so that all of them see the same machine load.
  read -r t m < <(measure "$cli" validate "$file")
  echo "$t" >> "$work/cycle-validate.times"; echo "$m" >> "$work/cycle-validate.mem"
  read -r t m < <(measure "$cli" new-year --force "$file" -o "$next")
  echo "$t" >> "$work/cycle-newyear.times"; echo "$m" >> "$work/cycle-newyear.mem"
  read -r t m < <(measure "$cli" diff "$file" "$next")
  echo "$t" >> "$work/cycle-diff.times"; echo "$m" >> "$work/cycle-diff.mem"
  read -r t m < <(measure "$cli" diff "$file" "$renamed")
  echo "$t" >> "$work/cycle-diffname.times"; echo "$m" >> "$work/cycle-diffname.mem"
done

# The runs must have done their work: the diffs find exactly the year and title.
changes=$("$cli" diff --json "$file" "$next" | grep -c '"change"' || true)
[ "$changes" = 2 ] || { echo "cycle.sh: diff of the table and its new year found $changes changes, not 2" >&2; exit 1; }
changes=$("$cli" diff --json "$file" "$renamed" | grep -c '"change"' || true)
[ "$changes" = 0 ] || { echo "cycle.sh: diff with renamed ids found $changes changes, not 0" >&2; exit 1; }

t_v=$(median < "$work/cycle-validate.times")
t_n=$(median < "$work/cycle-newyear.times")
t_d=$(median < "$work/cycle-diff.times")
t_r=$(median < "$work/cycle-diffname.times")
m_v=$(sort -n "$work/cycle-validate.mem" | tail -n 1)
m_n=$(sort -n "$work/cycle-newyear.mem" | tail -n 1)
m_d=$(sort -n "$work/cycle-diff.mem" | tail -n 1)

awk -v tv="$t_v" -v tn="$t_n" -v td="$t_d" -v tr="$t_r" -v mv="$m_v" -v mn="$m_n" -v md="$m_d" \
    -v p="$projects" -v r="$runs" 'BEGIN {
  printf "file: %d projects; median of %d runs, alternating\n", p, r
  printf "jixiao-cli validate %.2f s (reference), new-year %.2f s, diff %.2f s, diff by name %.2f s\n", tv, tn, td, tr
  printf "ratio new-year / validate: %.2f  (target <= 2)\n", (tv > 0 ? tn / tv : 0)
  printf "ratio diff / validate: %.2f  (target <= 2)\n", (tv > 0 ? td / tv : 0)
  printf "ratio diff by name / validate: %.2f\n", (tv > 0 ? tr / tv : 0)
  printf "peak memory: validate %.0f MB, new-year %.0f MB, diff %.0f MB\n", mv / 1024, mn / 1024, md / 1024
}'
