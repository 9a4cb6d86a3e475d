#!/usr/bin/env bash
# Build the fuzz targets' seed corpus from the project's own test inputs.
set -euo pipefail
cd "$(dirname "$0")/.."
mkdir -p fuzz/corpus/rules fuzz/corpus/inspection fuzz/corpus/cases fuzz/corpus/rate fuzz/corpus/workbook
cp rules/*.rules examples/schemes/*.rules tests/check/*.rules tests/check/err/*.rules \
   tests/variant/ok/*.rules tests/breakdown/*.rules fuzz/corpus/rules/
n=0
for toml in $(find examples tests -name '*.toml' | sort); do
  n=$((n + 1))
  cp "$toml" "fuzz/corpus/inspection/$n.toml"
  csv="$(dirname "$toml")/cases.csv"
  if [ -f "$csv" ]; then
    { cat "$toml"; printf '\0'; cat "$csv"; } > "fuzz/corpus/rate/$n"
  fi
done
for csv in $(find examples tests -name '*.csv' | sort); do
  n=$((n + 1))
  cp "$csv" "fuzz/corpus/cases/$n.csv"
done
# Workbooks: the example cases as .xlsx, .xls and .ods (made as the tests make them), and the
# workbooks ratebook writes itself (the cases template, a ratings workbook).
RATEBOOK_FUZZ_SEEDS="$PWD/fuzz/corpus/workbook" \
  cargo test --quiet --test integration damaged_workbooks::fuzz_seeds -- --ignored >/dev/null
cargo run --quiet -- template hmip-youth-2019 --format xlsx --output fuzz/corpus/workbook/template.xlsx
cargo run --quiet -- rate --rules hmip-youth-2019 --format xlsx --output fuzz/corpus/workbook/ratings.xlsx \
  examples/inspection.toml
echo "seeded fuzz/corpus from the tests"
