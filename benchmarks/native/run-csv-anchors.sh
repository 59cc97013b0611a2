#!/usr/bin/env bash
# Anchors for reading bars CSV and Parquet: Arrow's C++ CSV reader and pandas (Python, csv_anchors.py)
# against core.CsvReadBenchmark (Sextant and DuckDB, JMH) and core.ParquetReadBenchmark (Parquet against
# CSV, JMH), on the same generated file, in one go. Run by hand from anywhere, never by CI:
#
#   benchmarks/native/run-csv-anchors.sh [--no-jmh]
#
# Needs python3 with pyarrow and pandas (on this project's machines `pip install pyarrow pandas`
# installs them from the machine's local wheel index), JDK 25 and the benchmarks jar (built when
# missing). Writes into benchmarks/native/results/: machine.txt, csv-anchors.json, jmh-csv.json.
# Takes about 4 minutes on a quiet machine (Python 30 s; JMH: CsvReadBenchmark 4 x 20 s,
# ParquetReadBenchmark 2 x 20 s, plus set-up).
set -euo pipefail
here="$(cd "$(dirname "$0")" && pwd)"
root="$(cd "$here/../.." && pwd)"
results="$here/results"
work="$root/benchmarks/target/native"
jmh=1
[[ "${1:-}" == "--no-jmh" ]] && jmh=0
mkdir -p "$results" "$work"
cd "$root"
source scripts/jdk.sh
python3 -c 'import pyarrow, pandas' 2>/dev/null || pip install pyarrow pandas
if [[ ! -f benchmarks/target/benchmarks.jar ]]; then
  mvn -B -ntp -o -q -pl benchmarks -am package -DskipTests
fi
java -cp benchmarks/target/benchmarks.jar dev.sextant.benchmarks.core.GeneratedCsvFile "$work/bars.csv"
{
  echo "# $(date -u +%Y-%m-%dT%H:%M:%SZ)"
  echo "## uptime (load before the run)"; uptime
  echo "## lscpu"; lscpu
  echo "## python"; python3 --version
  echo "## java"; java -version 2>&1
} > "$results/machine-csv.txt"
python3 "$here/csv_anchors.py" "$work/bars.csv" 5 | tee "$results/csv-anchors.json"
if [[ $jmh == 1 ]]; then
  java -jar benchmarks/target/benchmarks.jar 'core.CsvReadBenchmark|core.ParquetReadBenchmark' \
    -rf json -rff "$results/jmh-csv.json"
fi
