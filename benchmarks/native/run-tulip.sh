#!/usr/bin/env bash
# Native anchor for features.IndicatorBatchBenchmark: Tulip Indicators (C) against Sextant on the
# same one million generated bars, in one go. Run by hand from anywhere, never by CI:
#
#   benchmarks/native/run-tulip.sh [--no-jmh]
#
# Needs: npm (to fetch the tulind package, which carries Tulip's amalgamated C source), gcc, JDK 25
# (scripts/jdk.sh) and Maven with the repository's dependencies. Builds benchmarks/target/benchmarks.jar
# when it is missing. Writes into benchmarks/native/results/:
#   machine.txt                 lscpu, gcc and java versions, load average before the run
#   tulip.json                  the C harness's timings (compute only, compute + copy)
#   jmh-indicators.json         JMH's IndicatorBatchBenchmark.sextant and .sextantInto (unless --no-jmh)
#   summary.json                the two ratios Sextant / Tulip
# Takes about 2 minutes on a quiet machine (fetch and build 20 s, C harness 10 s, JMH 70 s).
set -euo pipefail
here="$(cd "$(dirname "$0")" && pwd)"
root="$(cd "$here/../.." && pwd)"
results="$here/results"
work="$root/benchmarks/target/native"
tulind_version=0.8.20
jmh=1
[[ "${1:-}" == "--no-jmh" ]] && jmh=0
mkdir -p "$results" "$work"
cd "$root"
source scripts/jdk.sh

# 1. Tulip's C source, from the npm registry (the tulind package ships it in external/).
if [[ ! -f "$work/package/external/tiamalgamation.c" ]]; then
  (cd "$work" && npm pack --silent "tulind@$tulind_version" >/dev/null && tar xzf "tulind-$tulind_version.tgz")
fi

# 2. The harness, with the system compiler.
gcc -O3 -march=native -std=gnu11 -I"$work/package/external" \
  -o "$work/tulip_indicators" "$here/tulip_indicators.c" "$work/package/external/tiamalgamation.c" -lm

# 3. The bars, written by the benchmark's own generator.
if [[ ! -f benchmarks/target/benchmarks.jar ]]; then
  mvn -B -ntp -o -q -pl benchmarks -am package -DskipTests
fi
java -cp benchmarks/target/benchmarks.jar dev.sextant.benchmarks.features.GeneratedBarsFile "$work/bars.bin"

{
  echo "# $(date -u +%Y-%m-%dT%H:%M:%SZ)"
  echo "## uptime (load before the run)"; uptime
  echo "## lscpu"; lscpu
  echo "## gcc"; gcc --version | head -1
  echo "## flags"; echo "-O3 -march=native -std=c11"
  echo "## java"; java -version 2>&1
} > "$results/machine.txt"

# 4. Native timings.
"$work/tulip_indicators" "$work/bars.bin" 30 > "$results/tulip.json"
cat "$results/tulip.json"

# 5. JMH, right after, and the ratios.
if [[ $jmh == 1 ]]; then
  java -jar benchmarks/target/benchmarks.jar 'features.IndicatorBatchBenchmark.sextant' \
    -rf json -rff "$results/jmh-indicators.json"
  python3 "$here/summarize_tulip.py" "$results"
fi
