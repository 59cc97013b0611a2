#!/usr/bin/python3
"""Writes the XGBoost models and golden predictions that the trading-models-xgboost tests read.

Run from this directory with Debian's python3-xgboost (1.7.x) and python3-numpy:
    /usr/bin/python3 make_test_models.py
Deterministic: fixed seeds, one thread. The data is synthetic (these files test the file formats
and the evaluator, not a trading claim).

Files:
  softprob.json / softprob.ubj   multi:softprob, 3 classes, 8 features, trained with 10% NaN
  softprob_golden.csv           inputs x0..x7 (NaN = missing; includes values exactly at, and one
                                float32 step either side of, split thresholds) and the
                                probabilities p0..p2 from Booster.predict in Python
  dart.json, dart_golden.csv    the same with booster=dart
  binary.json                   binary:logistic (must be rejected: not 3 classes)
  four_classes.json             multi:softprob with num_class=4 (must be rejected)
"""
import json

import numpy as np
import xgboost as xgb

FEATURES = 8
SEED = 20240601


def data(rng, n):
    x = rng.normal(size=(n, FEATURES)).astype(np.float32)
    score = x[:, 0] - 0.5 * x[:, 1] + 0.3 * x[:, 2] * x[:, 3] + rng.normal(scale=0.5, size=n)
    y = np.digitize(score, [-0.5, 0.5]).astype(np.int32)  # 0 SELL, 1 HOLD, 2 BUY
    x[rng.random(x.shape) < 0.10] = np.nan
    return x, y


def thresholds(booster):
    """Every (feature, threshold) pair used by a split, as float32."""
    model = json.loads(booster.save_raw("json"))
    pairs = set()
    for tree in model["learner"]["gradient_booster"]["model"]["trees"] if "model" in model["learner"]["gradient_booster"] \
            else model["learner"]["gradient_booster"]["gbtree"]["model"]["trees"]:
        for left, feature, cond in zip(tree["left_children"], tree["split_indices"], tree["split_conditions"]):
            if left != -1:
                pairs.add((feature, np.float32(cond)))
    return sorted(pairs)


def golden_inputs(rng, booster):
    x, _ = data(rng, 1500)
    rows = [x]
    # Values exactly at a threshold go right (value < threshold is false); one float32 step below
    # goes left. These rows pin the float32 comparison.
    edge = []
    for feature, cond in thresholds(booster)[:300]:
        base = rng.normal(size=FEATURES).astype(np.float32)
        for v in (cond, np.nextafter(cond, np.float32(-np.inf)), np.nextafter(cond, np.float32(np.inf))):
            r = base.copy()
            r[feature] = v
            edge.append(r)
    rows.append(np.array(edge, dtype=np.float32))
    all_missing = np.full((1, FEATURES), np.nan, dtype=np.float32)
    rows.append(all_missing)
    return np.vstack(rows)


def fmt(v):
    v = float(v)
    return "NaN" if np.isnan(v) else repr(v)


def write_golden(path, x, p):
    with open(path, "w") as f:
        f.write(",".join([f"x{i}" for i in range(FEATURES)] + ["p0", "p1", "p2"]) + "\n")
        for row, prob in zip(x, p):
            f.write(",".join(fmt(v) for v in row) + "," + ",".join(fmt(np.float32(v)) for v in prob) + "\n")


def main():
    rng = np.random.default_rng(SEED)
    x, y = data(rng, 3000)
    dtrain = xgb.DMatrix(x, label=y, missing=np.nan)
    params = {"objective": "multi:softprob", "num_class": 3, "max_depth": 5, "eta": 0.2, "subsample": 0.8,
              "colsample_bytree": 0.8, "tree_method": "hist", "seed": 7, "nthread": 1}
    booster = xgb.train(params, dtrain, num_boost_round=40)
    booster.set_attr(**{"sextant.model_id": "softprob-test", "sextant.trainer": f"xgboost {xgb.__version__} (python)",
                        "sextant.data": "synthetic, make_test_models.py", "sextant.seed": "7"})
    booster.save_model("softprob.json")
    booster.save_model("softprob.ubj")
    gx = golden_inputs(np.random.default_rng(SEED + 1), booster)
    write_golden("softprob_golden.csv", gx, booster.predict(xgb.DMatrix(gx, missing=np.nan)))

    dart = xgb.train(dict(params, booster="dart", rate_drop=0.1, skip_drop=0.5), dtrain, num_boost_round=20)
    dart.save_model("dart.json")
    write_golden("dart_golden.csv", gx, dart.predict(xgb.DMatrix(gx, missing=np.nan)))

    binary = xgb.train({"objective": "binary:logistic", "max_depth": 2, "nthread": 1, "seed": 1},
                       xgb.DMatrix(x, label=(y == 2).astype(np.float32)), num_boost_round=3)
    binary.save_model("binary.json")

    four = xgb.train({"objective": "multi:softprob", "num_class": 4, "max_depth": 2, "nthread": 1, "seed": 1},
                     xgb.DMatrix(x, label=np.where(x[:, 4] > 1.0, 3, y)), num_boost_round=3)
    four.save_model("four_classes.json")


if __name__ == "__main__":
    main()
