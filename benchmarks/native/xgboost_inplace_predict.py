#!/usr/bin/env python3
"""Native anchor of the tree benchmarks: XGBoost's C++ predictor on one thread.

Loads the same reference model as the JMH benchmarks (examples/.../models/xgboost.json), reads the
same 300 standard-24 rows (features_sample.csv) cycled to the JMH batch of 1,024 rows, and times
Booster.inplace_predict with nthread=1: best (and median) of N calls, in rows per second. Also
times batches of 256 and 4,096 rows, so that the batch size is seen not to favour Java;
"best_rows_per_second" is the best of the three, the figure most favourable to XGBoost. Prints
one JSON object. Needs Debian's python3-xgboost
(1.7.4) and python3-numpy: apt-get install -y python3-xgboost python3-numpy. CI does not run it.

Usage: python3 benchmarks/native/xgboost_inplace_predict.py [--model-dir DIR] [--repeats N]
"""
import argparse
import csv
import json
import os
import platform
import time

import numpy as np
import xgboost as xgb

DEFAULT_DIR = "examples/src/main/resources/dev/sextant/examples/models"
JMH_BATCH = 1024


def read_rows(path):
    with open(path, newline="") as f:
        reader = csv.reader(f)
        next(reader)
        return np.array([[float(v) for v in row[1:]] for row in reader], dtype=np.float32)


def timed_calls(booster, batch, repeats):
    booster.inplace_predict(batch)  # warm-up: first call sets up the predictor
    seconds = []
    for _ in range(repeats):
        start = time.perf_counter()
        booster.inplace_predict(batch)
        seconds.append(time.perf_counter() - start)
    return sorted(seconds)


def main():
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--model-dir", default=DEFAULT_DIR)
    parser.add_argument("--repeats", type=int, default=200)
    args = parser.parse_args()
    rows = read_rows(os.path.join(args.model_dir, "features_sample.csv"))
    booster = xgb.Booster(model_file=os.path.join(args.model_dir, "xgboost.json"))
    booster.set_param({"nthread": 1})
    batches = {}
    for size in (256, JMH_BATCH, 4096):
        batch = np.ascontiguousarray(rows[np.arange(size) % len(rows)])
        repeats = max(5, args.repeats * JMH_BATCH // size)
        seconds = timed_calls(booster, batch, repeats)
        median = seconds[len(seconds) // 2]
        batches["batch_%d" % size] = {"rows": size, "repeats": repeats, "best_seconds": seconds[0],
                                      "median_seconds": median, "rows_per_second": size / seconds[0],
                                      "median_rows_per_second": size / median}
    probabilities = booster.inplace_predict(np.ascontiguousarray(rows[:1]))
    print(json.dumps({
        "benchmark": "xgboost inplace_predict, nthread=1",
        "xgboost_version": xgb.__version__,
        "numpy_version": np.__version__,
        "python": platform.python_version(),
        "model": os.path.join(args.model_dir, "xgboost.json"),
        "rows_source": os.path.join(args.model_dir, "features_sample.csv"),
        "features": int(rows.shape[1]),
        "batches": batches,
        "jmh_batch_rows_per_second": batches["batch_%d" % JMH_BATCH]["rows_per_second"],
        "jmh_batch_median_rows_per_second": batches["batch_%d" % JMH_BATCH]["median_rows_per_second"],
        "best_rows_per_second": max(b["rows_per_second"] for b in batches.values()),
        "first_row_probabilities": [float(p) for p in probabilities[0]],
        "machine": {"nproc": os.cpu_count(), "processor": platform.processor() or platform.machine(),
                    "loadavg_1m": os.getloadavg()[0]},
    }, indent=2))


if __name__ == "__main__":
    main()
