#!/usr/bin/env python3
"""Native anchors for core.CsvReadBenchmark: Arrow's C++ CSV reader (pyarrow) and pandas' C parser
reading the same bars CSV file, typed as Sextant types it (timestamp to UTC milliseconds, five
doubles). Run by run-csv-anchors.sh, by hand, never by CI.

Usage: csv_anchors.py <bars.csv> [repetitions]

Prints one JSON object: for each reader, the minimum and median wall time over the repetitions
(after one untimed warm-up read), the rows per second at the median, and the least process CPU
time (all threads; for the one-thread readers the figure to compare on a loaded machine). Neither reader checks
what Sextant checks (positive prices, high >= low, increasing time): they parse and type only.
"""
import json
import statistics
import sys
import time

import pandas as pd
import pyarrow as pa
import pyarrow.csv as pacsv

TYPES = {"timestamp": pa.timestamp("ms", tz="UTC"), "open": pa.float64(), "high": pa.float64(),
         "low": pa.float64(), "close": pa.float64(), "volume": pa.float64()}


def arrow(path, threads):
    table = pacsv.read_csv(path, read_options=pacsv.ReadOptions(use_threads=threads),
                           convert_options=pacsv.ConvertOptions(column_types=TYPES))
    return table.num_rows


def pandas_c(path):
    frame = pd.read_csv(path, engine="c", dtype={k: "float64" for k in TYPES if k != "timestamp"})
    frame["timestamp"] = pd.to_datetime(frame["timestamp"], format="ISO8601", utc=True)
    return len(frame)


def timed(fn, reps):
    rows = fn()
    times = []
    cpu = []
    for _ in range(reps):
        t0 = time.perf_counter()
        c0 = time.process_time()
        n = fn()
        cpu.append(time.process_time() - c0)
        times.append(time.perf_counter() - t0)
        if n != rows:
            raise SystemExit(f"row count changed: {n} != {rows}")
    med = statistics.median(times)
    return {"rows": rows, "min_s": round(min(times), 4), "median_s": round(med, 4),
            "rows_per_s_at_median": round(rows / med),
            "cpu_min_s": round(min(cpu), 4), "rows_per_cpu_s_at_min": round(rows / min(cpu))}


def main():
    if len(sys.argv) not in (2, 3):
        raise SystemExit("usage: csv_anchors.py <bars.csv> [repetitions]")
    path = sys.argv[1]
    reps = int(sys.argv[2]) if len(sys.argv) == 3 else 5
    out = {
        "file": path,
        "repetitions": reps,
        "pyarrow_version": pa.__version__,
        "pandas_version": pd.__version__,
        "arrow_one_thread": timed(lambda: arrow(path, False), reps),
        "arrow_threads": timed(lambda: arrow(path, True), reps),
        "pandas_c_engine": timed(lambda: pandas_c(path), reps),
    }
    print(json.dumps(out, indent=2))


if __name__ == "__main__":
    main()
