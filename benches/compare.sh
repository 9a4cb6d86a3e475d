#!/usr/bin/env bash
# Every figure of the README's performance table, in one run on this machine:
#   1. `cargo bench`: criterion, in-process, each benchmark beside a bare csv parse of the
#      same file (it also generates the data, into target/tmp/bench-data);
#   2. whole processes, median of 5 runs, with peak memory: `ratebook rate` and
#      `ratebook stability`, and the pandas script benches/pandas_rate.py on the same files
#      (skipped, and said so, when pandas is not installed: `pip install pandas`).
# Run from the project folder:  benches/compare.sh
set -euo pipefail
cd "$(dirname "$0")/.."

# RATEBOOK_PROCESSES_ONLY=1 skips the criterion run (the data must then exist already).
if [ -z "${RATEBOOK_PROCESSES_ONLY:-}" ]; then
  cargo bench --bench rating
fi
cargo build --release --quiet

data=target/tmp/bench-data
rules=rules/hmip-youth-2019.rules
ratebook=target/release/ratebook

# The median wall time (seconds, from the shell's clock) and the largest peak memory (MB, from
# /usr/bin/time) of 5 runs of a command.
measure() {
  local times=() peak=0 record
  record=$(mktemp)
  for _ in 1 2 3 4 5; do
    local start end
    start=$EPOCHREALTIME
    /usr/bin/time -f "%M" -o "$record" "$@" >/dev/null 2>&1
    end=$EPOCHREALTIME
    times+=("$(echo "$end - $start" | bc -l)")
    local kb
    kb=$(tail -1 "$record")
    (( kb > peak )) && peak=$kb
  done
  rm -f "$record"
  local median
  median=$(printf '%s\n' "${times[@]}" | sort -g | sed -n 3p)
  printf "%8.3f s  %6d MB" "$median" $((peak * 1024 / 1000000))
}

row() {
  local what=$1
  shift
  printf '%-58s %s\n' "$what" "$(measure "$@")"
}

echo
echo "Whole processes (median of 5; peak memory the largest of the 5)"
for size in 10k 100k 1M "1M all columns"; do
  dir="$data/cases-$size"
  mb=$(printf "%.1f" "$(echo "$(stat -c %s "$dir/cases.csv") / 1000000" | bc -l)")
  row "ratebook rate, $size cases ($mb MB file)" $ratebook rate --rules $rules "$dir/inspection.toml"
  if python3 -c "import pandas" 2>/dev/null; then
    row "pandas script, $size cases" python3 benches/pandas_rate.py "$dir/inspection.toml"
  fi
done

mapfile -t many < <(ls "$data"/inspection-*/inspection.toml)
row "ratebook rate, ${#many[@]} inspections" $ratebook rate --rules $rules "${many[@]}"
if python3 -c "import pandas" 2>/dev/null; then
  row "pandas script, ${#many[@]} inspections" python3 benches/pandas_rate.py "${many[@]}"
  row "python3 -c 'import pandas' (the import alone)" python3 -c "import pandas"
else
  echo "pandas is not installed: the pandas rows are skipped (pip install pandas)"
fi

row "ratebook rate, one 50-case inspection" $ratebook rate --rules $rules "$data/cases-50/inspection.toml"
row "ratebook stability, 10,000 resamples of it" $ratebook stability --rules $rules "$data/cases-50/inspection.toml"
row "ratebook stability, 10,000 resamples × ${#many[@]} inspections" $ratebook stability --rules $rules "${many[@]}"
