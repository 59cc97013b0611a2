#!/usr/bin/env bash
# Tree prediction, Sextant against XGBoost's C++ predictor, in one session, one after the other:
#   1. JMH: ModelThroughputBenchmark in sample mode (time of each 1,024-row call, so that the
#      fastest and the median call compare with the Python side's; one thread: the blocked evaluator alone,
#      behind XGBoostModel.predictBatch, the row-by-row evaluator it replaced, and XGBoost4J's
#      inplace_predict with nthread=1) and ModelLatencyBenchmark (one row: after and before);
#   2. benchmarks/native/xgboost_inplace_predict.py: Python XGBoost 1.7.4 inplace_predict,
#      nthread=1, on the same model and rows.
# Raw outputs go to docs/benchmarks/trees-*.{json,txt} (or the folder given as $1), plus the
# machine description and a summary of the ratios. About 3 minutes. Not run by CI.
# Needs: the benchmarks jar (mvn -B -ntp -o -q -pl benchmarks -am package -DskipTests), JDK 25,
# and Debian's python3-xgboost and python3-numpy (apt-get install -y python3-xgboost python3-numpy).
set -euo pipefail
cd "$(dirname "$0")/../.."
out=${1:-docs/benchmarks}
mkdir -p "$out"
jar=benchmarks/target/benchmarks.jar
if [ ! -f "$jar" ]; then
  echo "error: $jar not found; build it: mvn -B -ntp -o -q -pl benchmarks -am package -DskipTests" >&2
  exit 2
fi
source scripts/jdk.sh
py=/usr/bin/python3
{
  echo "date: $(date -u +%Y-%m-%dT%H:%M:%SZ)"
  echo "commit: $(git rev-parse --short HEAD 2>/dev/null || echo unknown)"
  echo "nproc: $(nproc)"
  echo "cpu: $(awk -F': ' '/model name/ {print $2; exit}' /proc/cpuinfo)"
  echo "memory: $(awk '/MemTotal/ {printf "%.1f GiB", $2 / 1048576}' /proc/meminfo)"
  echo "kernel: $(uname -sr)"
  echo "java: $("$JAVA_HOME/bin/java" -version 2>&1 | head -1)"
  echo "python: $($py --version 2>&1), xgboost $($py -c 'import xgboost; print(xgboost.__version__)')"
  echo "load average at start: $(cut -d' ' -f1-3 /proc/loadavg)"
} > "$out/trees-machine.txt"

"$JAVA_HOME/bin/java" -Djmh.ignoreLock=true -jar "$jar" \
  'models.ModelThroughputBenchmark.(xgboostJava|xgboostJavaTrees|xgboostJavaRowByRowBefore|xgboost4jOneThread)$' \
  'models.ModelLatencyBenchmark.xgboostJavaTrees(Before)?$' \
  -bm sample -tu us -f 1 -wi 3 -w 2 -i 5 -r 2 -rf json -rff "$out/trees-jmh.json" > "$out/trees-jmh.txt" 2>&1
$py benchmarks/native/xgboost_inplace_predict.py > "$out/trees-native.json"
echo "load average at end: $(cut -d' ' -f1-3 /proc/loadavg)" >> "$out/trees-machine.txt"

$py - "$out" <<'PY' | tee "$out/trees-summary.txt"
import json, sys
out = sys.argv[1]
jmh = {".".join(r["benchmark"].split(".")[-2:]): r for r in json.load(open(out + "/trees-jmh.json"))}
native = json.load(open(out + "/trees-native.json"))
def us(name, percentile):
    return jmh[name]["primaryMetric"]["scorePercentiles"][percentile]
def rate(method, percentile):  # per-row times (@OperationsPerInvocation(1024)), microseconds
    return 1e6 / us("ModelThroughputBenchmark." + method, percentile)
nb = native["batches"]["batch_1024"]
print("1,024-row calls, one thread, rows/s from the fastest call and from the median call:")
print("  %-36s %12s %12s" % ("", "fastest", "median"))
for method in ("xgboostJavaTrees", "xgboostJava", "xgboostJavaRowByRowBefore", "xgboost4jOneThread"):
    print("  %-36s %12.0f %12.0f" % (method, rate(method, "0.0"), rate(method, "50.0")))
print("  %-36s %12.0f %12.0f" % ("python xgboost " + native["xgboost_version"] + " inplace_predict",
      nb["rows_per_second"], nb["median_rows_per_second"]))
print("  (python, fastest call of the 256/1,024/4,096-row batches: %.0f rows/s)" % native["best_rows_per_second"])
print("ratios, blocked Java (xgboostJavaTrees) / other, > 1 means Java is faster: fastest, median")
for label, fast, med in (
        ("python xgboost inplace_predict", nb["rows_per_second"], nb["median_rows_per_second"]),
        ("xgboost4j inplace_predict nthread=1", rate("xgboost4jOneThread", "0.0"), rate("xgboost4jOneThread", "50.0")),
        ("row by row before", rate("xgboostJavaRowByRowBefore", "0.0"), rate("xgboostJavaRowByRowBefore", "50.0"))):
    print("  vs %-36s %.2f  %.2f" % (label, rate("xgboostJavaTrees", "0.0") / fast,
          rate("xgboostJavaTrees", "50.0") / med))
print("single row, microseconds: after (xgboostJavaTrees) p50 %.3f p90 %.3f; before (xgboostJavaTreesBefore) p50 %.3f p90 %.3f"
      % (us("ModelLatencyBenchmark.xgboostJavaTrees", "50.0"), us("ModelLatencyBenchmark.xgboostJavaTrees", "90.0"),
         us("ModelLatencyBenchmark.xgboostJavaTreesBefore", "50.0"),
         us("ModelLatencyBenchmark.xgboostJavaTreesBefore", "90.0")))
PY
