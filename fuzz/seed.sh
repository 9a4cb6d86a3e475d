#!/usr/bin/env bash
# Build the fuzz targets' seed corpus from the project's own test inputs.
set -euo pipefail
cd "$(dirname "$0")/.."
mkdir -p fuzz/corpus/rules fuzz/corpus/inspection fuzz/corpus/cases fuzz/corpus/rate
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
echo "seeded fuzz/corpus from the tests"
