#!/usr/bin/python3
"""Trains Sextant's reference models on real BTC/USD 1-minute bars and exports them.

Models (all read the 24 `standard-24` features computed by Sextant's Java FeatureEngine):
  lstm.onnx          3-layer LSTM over [60, 24] windows, input batch norm, dropout, 3-class head
  transformer.onnx   Transformer encoder (multi-head self-attention, sinusoidal positional
                     encoding) over [60, 24] windows, 3-class head and a confidence head
  xgboost.json/.ubj  XGBoost multi:softprob on single feature vectors

Both neural models carry their feature standardisation inside the graph (they read raw features)
and a temperature fitted on the validation split (ONNX metadata `sextant.temperature`; the
`logits` output is uncalibrated, Sextant divides by the temperature before the softmax).

Inputs (see README.md for how they are produced from the ta4j-examples Bitstamp trades):
  --bars      1m bars CSV   (timestamp,open,high,low,close,volume)
  --features  features CSV  (timestamp + the 24 standard-24 columns, empty cells during warm-up)
Outputs in --out: the model files, golden input/output pairs (features_sample.csv and
*_golden.csv in the `sextant predict` output format), reference_models.json and MODEL_CARD.md.

Reproducible: fixed seeds, single-threaded PyTorch with deterministic algorithms, XGBoost with one
thread. Runs with Debian bookworm's python3-torch (1.13), python3-onnx, python3-xgboost (1.7),
python3-numpy: /usr/bin/python3 train_reference_models.py --bars ... --features ... --out ...
"""
import argparse
import datetime as dt
import hashlib
import json
import math
import os
import random

import numpy as np
import onnx
import torch
import torch.nn as nn
import torch.nn.functional as F
import xgboost as xgb

SEED = 20251121
WINDOW = 60
HORIZON = 10          # label: log return over the next 10 bars ...
K = 0.5               # ... against 0.5 x rolling volatility x sqrt(horizon)
VOL_WINDOW = 60       # one-bar log returns in the volatility estimate (as FixedHorizonLabeler)
TRAIN, VALID = 0.70, 0.15   # chronological shares of the labelled rows; the rest is the test split
SAMPLE_ROWS = 300     # consecutive test-split rows written as the golden input sample
CLASSES = ["SELL", "HOLD", "BUY"]


# ----------------------------------------------------------------------------------------- data

def parse_time(s):
    s = s.strip()
    if s.endswith("Z"):
        s = s[:-1] + "+00:00"
    return dt.datetime.fromisoformat(s)


def read_csv(path):
    with open(path) as f:
        header = f.readline().strip().split(",")
        times, rows = [], []
        for line in f:
            cells = line.rstrip("\n").split(",")
            times.append(cells[0])
            rows.append([float(c) if c != "" else math.nan for c in cells[1:]])
    return header, times, np.array(rows, dtype=np.float64)


def fixed_horizon_labels(close):
    """Same rule as dev.sextant.trading.models.labels.FixedHorizonLabeler(HORIZON, K, VOL_WINDOW)."""
    n = len(close)
    r = np.zeros(n)
    r[1:] = np.log(close[1:] / close[:-1])
    labels = np.full(n, -1, dtype=np.int64)
    for i in range(VOL_WINDOW, n - HORIZON):
        vol = np.std(r[i - VOL_WINDOW + 1:i + 1], ddof=1)
        threshold = K * vol * math.sqrt(HORIZON)
        fwd = math.log(close[i + HORIZON] / close[i])
        labels[i] = 2 if fwd > threshold else 0 if fwd < -threshold else 1
    return labels


def windows(x, rows):
    """[len(rows), WINDOW, F]: the WINDOW consecutive feature rows ending at each row."""
    return np.stack([x[i - WINDOW + 1:i + 1] for i in rows]).astype(np.float32)


# --------------------------------------------------------------------------------------- models

class Standardise(nn.Module):
    """(x - mean) / std with training-split statistics, clipped to +-10, inside the exported graph."""

    def __init__(self, mean, std):
        super().__init__()
        self.register_buffer("mean", torch.tensor(mean, dtype=torch.float32))
        self.register_buffer("std", torch.tensor(std, dtype=torch.float32))

    def forward(self, x):
        return torch.clamp((x - self.mean) / self.std, -10.0, 10.0)


class LstmClassifier(nn.Module):
    def __init__(self, mean, std, features, hidden=32, layers=3, dropout=0.2):
        super().__init__()
        self.standardise = Standardise(mean, std)
        self.norm = nn.BatchNorm1d(features)
        self.lstm = nn.LSTM(features, hidden, num_layers=layers, dropout=dropout, batch_first=True)
        self.drop = nn.Dropout(dropout)
        self.head = nn.Linear(hidden, 3)

    def forward(self, x):                      # x: [batch, WINDOW, features], raw
        z = self.standardise(x)
        z = self.norm(z.transpose(1, 2)).transpose(1, 2)
        out, _ = self.lstm(z)
        return self.head(self.drop(out[:, -1, :]))   # logits


class MultiHeadSelfAttention(nn.Module):
    """Plain multi-head scaled dot-product self-attention (written out so that it exports to ONNX)."""

    def __init__(self, d, heads, dropout):
        super().__init__()
        self.heads, self.dk = heads, d // heads
        self.qkv = nn.Linear(d, 3 * d)
        self.out = nn.Linear(d, d)
        self.drop = nn.Dropout(dropout)

    def forward(self, x):
        b, t, d = x.shape
        q, k, v = self.qkv(x).chunk(3, dim=-1)
        q = q.reshape(b, t, self.heads, self.dk).transpose(1, 2)
        k = k.reshape(b, t, self.heads, self.dk).transpose(1, 2)
        v = v.reshape(b, t, self.heads, self.dk).transpose(1, 2)
        att = self.drop(torch.softmax(q @ k.transpose(-2, -1) / math.sqrt(self.dk), dim=-1))
        return self.out((att @ v).transpose(1, 2).reshape(b, t, d))


class EncoderLayer(nn.Module):
    def __init__(self, d, heads, ff, dropout):
        super().__init__()
        self.att = MultiHeadSelfAttention(d, heads, dropout)
        self.ff = nn.Sequential(nn.Linear(d, ff), nn.GELU(), nn.Dropout(dropout), nn.Linear(ff, d))
        self.n1, self.n2 = nn.LayerNorm(d), nn.LayerNorm(d)
        self.drop = nn.Dropout(dropout)

    def forward(self, x):
        x = self.n1(x + self.drop(self.att(x)))
        return self.n2(x + self.drop(self.ff(x)))


class TransformerClassifier(nn.Module):
    def __init__(self, mean, std, features, d=32, heads=4, layers=2, ff=64, dropout=0.1):
        super().__init__()
        self.standardise = Standardise(mean, std)
        self.embed = nn.Linear(features, d)
        pos = torch.arange(WINDOW, dtype=torch.float32).unsqueeze(1)
        div = torch.exp(torch.arange(0, d, 2, dtype=torch.float32) * (-math.log(10000.0) / d))
        pe = torch.zeros(WINDOW, d)
        pe[:, 0::2] = torch.sin(pos * div)
        pe[:, 1::2] = torch.cos(pos * div)
        self.register_buffer("positions", pe.unsqueeze(0))
        self.layers = nn.ModuleList([EncoderLayer(d, heads, ff, dropout) for _ in range(layers)])
        self.head = nn.Linear(d, 3)
        self.confidence_head = nn.Linear(d, 1)

    def encode(self, x):
        h = self.embed(self.standardise(x)) + self.positions
        for layer in self.layers:
            h = layer(h)
        return h.mean(dim=1)

    def forward(self, x):
        h = self.encode(x)
        # The confidence head estimates P(argmax of the class head is right); its input is detached
        # so that it does not shape the representation.
        return self.head(h), torch.sigmoid(self.confidence_head(h.detach())).squeeze(-1)


# ------------------------------------------------------------------------------------- training

def class_weights(y):
    counts = np.bincount(y, minlength=3).astype(np.float64)
    return torch.tensor(len(y) / (3 * np.maximum(counts, 1)), dtype=torch.float32)


def train_network(model, xs, ys, xv, yv, confidence, epochs=25, patience=5, lr=1e-3, batch=128):
    weights = class_weights(ys)
    opt = torch.optim.Adam(model.parameters(), lr=lr, weight_decay=1e-4)
    xt, yt = torch.from_numpy(xs), torch.from_numpy(ys)
    xvt, yvt = torch.from_numpy(xv), torch.from_numpy(yv)
    gen = torch.Generator().manual_seed(SEED)
    best, best_state, since, history = float("inf"), None, 0, []
    for epoch in range(epochs):
        model.train()
        order = torch.randperm(len(xt), generator=gen)
        for start in range(0, len(order), batch):
            idx = order[start:start + batch]
            out = model(xt[idx])
            logits = out[0] if confidence else out
            loss = F.cross_entropy(logits, yt[idx], weight=weights)
            if confidence:
                right = (logits.argmax(dim=1) == yt[idx]).float()
                loss = loss + F.binary_cross_entropy(out[1], right)
            opt.zero_grad()
            loss.backward()
            opt.step()
        model.eval()
        with torch.no_grad():
            out = model(xvt)
            logits = out[0] if confidence else out
            val = F.cross_entropy(logits, yvt, weight=weights).item()
        history.append(round(val, 5))
        if val < best - 1e-4:
            best, since = val, 0
            best_state = {k: v.clone() for k, v in model.state_dict().items()}
        else:
            since += 1
            if since >= patience:
                break
    model.load_state_dict(best_state)
    model.eval()
    return {"epochs_run": len(history), "validation_weighted_ce_by_epoch": history, "best_validation_weighted_ce": best}


def fit_temperature(logits, y):
    """T > 0 minimising the validation NLL of softmax(logits / T) (1-D search on log T)."""
    z = torch.from_numpy(logits.astype(np.float64))
    yt = torch.from_numpy(y)
    grid = np.exp(np.linspace(math.log(0.05), math.log(20.0), 400))
    nll = [F.cross_entropy(z / t, yt).item() for t in grid]
    t = grid[int(np.argmin(nll))]
    lo, hi = math.log(t) - 0.02, math.log(t) + 0.02
    for _ in range(60):  # golden-section refinement
        a, b = lo + 0.382 * (hi - lo), lo + 0.618 * (hi - lo)
        if F.cross_entropy(z / math.exp(a), yt).item() < F.cross_entropy(z / math.exp(b), yt).item():
            hi = b
        else:
            lo = a
    return float(math.exp((lo + hi) / 2))


def softmax(z):
    z = z - z.max(axis=1, keepdims=True)
    e = np.exp(z)
    return e / e.sum(axis=1, keepdims=True)


def metrics(p, y):
    p = np.clip(p, 1e-12, 1.0)
    pred = p.argmax(axis=1)
    onehot = np.eye(3)[y]
    conf = np.zeros((3, 3), dtype=int)
    for t, q in zip(y, pred):
        conf[t, q] += 1
    per_class = {}
    for c in range(3):
        tp = conf[c, c]
        prec = tp / conf[:, c].sum() if conf[:, c].sum() else 0.0
        rec = tp / conf[c, :].sum() if conf[c, :].sum() else 0.0
        f1 = 2 * prec * rec / (prec + rec) if prec + rec else 0.0
        per_class[CLASSES[c]] = {"precision": round(float(prec), 4), "recall": round(float(rec), 4),
                                 "f1": round(float(f1), 4)}
    top = p.max(axis=1)
    bins = np.minimum((top * 15).astype(int), 14)
    ece = sum(abs(np.mean(pred[bins == b] == y[bins == b]) - np.mean(top[bins == b])) * np.mean(bins == b)
              for b in range(15) if np.any(bins == b))
    return {"rows": int(len(y)), "accuracy": round(float(np.mean(pred == y)), 4),
            "log_loss": round(float(-np.mean(np.log(p[np.arange(len(y)), y]))), 4),
            "brier": round(float(np.mean(np.sum((p - onehot) ** 2, axis=1))), 4),
            "ece_15": round(float(ece), 4), "per_class": per_class, "confusion": conf.tolist()}


def baseline(y_train, y_test):
    prior = np.bincount(y_train, minlength=3) / len(y_train)
    return metrics(np.tile(prior, (len(y_test), 1)), y_test)


# --------------------------------------------------------------------------------------- export

def export_onnx(model, path, outputs, metadata):
    dummy = torch.zeros(2, WINDOW, 24)
    axes = {"features": {0: "batch"}}
    for name in outputs:
        axes[name] = {0: "batch"}
    torch.onnx.export(model, dummy, path, input_names=["features"], output_names=outputs, dynamic_axes=axes,
                      opset_version=17, do_constant_folding=True)
    m = onnx.load(path)
    for key, value in metadata.items():
        entry = m.metadata_props.add()
        entry.key, entry.value = key, str(value)
    onnx.checker.check_model(m)
    onnx.save(m, path)


def fmt(v):
    return repr(float(v))


def write_golden(path, times, probs, confidence=None, defined=None):
    with open(path, "w") as f:
        f.write("timestamp,p_sell,p_hold,p_buy" + (",confidence" if confidence is not None else "") + "\n")
        for i, t in enumerate(times):
            if defined is not None and not defined[i]:
                f.write(t + ",,," + ("," if confidence is not None else "") + "\n")
                continue
            cells = [fmt(v) for v in probs[i]] + ([fmt(confidence[i])] if confidence is not None else [])
            f.write(t + "," + ",".join(cells) + "\n")


def sha256(path):
    with open(path, "rb") as f:
        return hashlib.sha256(f.read()).hexdigest()


# ----------------------------------------------------------------------------------------- main

def main():
    ap = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    ap.add_argument("--bars", required=True)
    ap.add_argument("--features", required=True)
    ap.add_argument("--out", required=True)
    args = ap.parse_args()
    os.makedirs(args.out, exist_ok=True)

    random.seed(SEED)
    np.random.seed(SEED)
    torch.manual_seed(SEED)
    torch.set_num_threads(1)
    torch.use_deterministic_algorithms(True)

    _, bar_times, bars = read_csv(args.bars)
    names, feat_times, x = read_csv(args.features)
    names = names[1:]
    # `sextant features` starts at the first bar whose features are all defined (and an export may
    # keep the warm-up rows with empty cells): align the feature rows with the bars by timestamp.
    bar_index = {t: i for i, t in enumerate(bar_times)}
    missing = [t for t in feat_times if t not in bar_index]
    if missing:
        raise SystemExit(f"feature rows without a bar, e.g. {missing[:3]}")
    at = np.array([bar_index[t] for t in feat_times])
    if len(at) > 1 and not np.all(np.diff(at) == 1):
        raise SystemExit("feature rows must be consecutive bars")
    assert len(names) == 24, names
    close = bars[:, 3]
    y_all = fixed_horizon_labels(close)[at]
    defined = ~np.isnan(x).any(axis=1)
    first = int(np.argmax(defined))
    assert defined[first:].all(), "features must be defined from the end of warm-up on"
    # A row is usable when its label is defined and its whole window of WINDOW rows is defined.
    usable = np.array([i for i in range(first + WINDOW - 1, len(x)) if y_all[i] >= 0])
    n = len(usable)
    n_train, n_valid = int(n * TRAIN), int(n * VALID)
    # Purge: drop the last HORIZON rows before each boundary, whose labels look into the next split.
    train_rows = usable[:n_train - HORIZON]
    valid_rows = usable[n_train:n_train + n_valid - HORIZON]
    test_rows = usable[n_train + n_valid:]
    split = {name: {"rows": int(len(r)), "from": feat_times[r[0]], "to": feat_times[r[-1]],
                    "label_window_ends": bar_times[min(at[r[-1]] + HORIZON, len(bar_times) - 1)],
                    "class_counts": dict(zip(CLASSES, np.bincount(y_all[r], minlength=3).tolist()))}
             for name, r in (("train", train_rows), ("validation", valid_rows), ("test", test_rows))}

    mean = x[train_rows].mean(axis=0)
    std = x[train_rows].std(axis=0) + 1e-8
    xs, ys = windows(x, train_rows), y_all[train_rows]
    xv, yv = windows(x, valid_rows), y_all[valid_rows]
    xt, yt = windows(x, test_rows), y_all[test_rows]
    created = dt.datetime.now(dt.timezone.utc).replace(microsecond=0).isoformat().replace("+00:00", "Z")
    data = (f"ta4j-examples 0.18 bitstamp_trades_from_20131125_usd.csv aggregated to 1m bars; standard-24 features; "
            f"train {split['train']['from']}..{split['train']['to']}, "
            f"validation {split['validation']['from']}..{split['validation']['to']}")
    report = {"seed": SEED, "created": created, "data": {
        "source": "org.ta4j:ta4j-examples:0.18 bitstamp_trades_from_20131125_usd.csv (100,000 BTC/USD trades)",
        "bars": int(len(bars)), "bars_from": bar_times[0], "bars_to": bar_times[-1],
        "feature_spec": "standard-24 v1", "features": names,
        "label": f"fixed horizon {HORIZON} bars, k={K}, volatility window {VOL_WINDOW} "
                 "(FixedHorizonLabeler); 0 SELL, 1 HOLD, 2 BUY",
        "window": WINDOW, "splits": split,
        "not_for_evaluation": {"from": split["train"]["from"], "to": split["validation"]["label_window_ends"],
                               "why": "training and validation (temperature fitting, early stopping) rows and "
                                      "the bars their labels look at"}},
        "models": {}}
    print(json.dumps(split, indent=1))

    sample_start = test_rows[0]
    sample = np.arange(sample_start - WINDOW + 1, sample_start - WINDOW + 1 + SAMPLE_ROWS)
    sample_times = [feat_times[i] for i in sample]
    sample_windows = windows(x, sample[WINDOW - 1:])
    sample_defined = np.array([j >= WINDOW - 1 for j in range(len(sample))])
    with open(os.path.join(args.out, "features_sample.csv"), "w") as f:
        f.write("timestamp," + ",".join(names) + "\n")
        with open(args.features) as src:
            lines = src.read().splitlines()[1:]
        for i in sample:
            f.write(lines[i] + "\n")

    trainer = f"pytorch {torch.__version__} (python)"
    # (a) LSTM
    lstm = LstmClassifier(mean, std, 24)
    lstm_hist = train_network(lstm, xs, ys, xv, yv, confidence=False)
    with torch.no_grad():
        lv = lstm(torch.from_numpy(xv)).numpy()
        lt = lstm(torch.from_numpy(xt)).numpy()
        ls = lstm(torch.from_numpy(sample_windows))
    t_lstm = fit_temperature(lv, yv)
    # (b) Transformer
    trf = TransformerClassifier(mean, std, 24)
    trf_hist = train_network(trf, xs, ys, xv, yv, confidence=True)
    with torch.no_grad():
        tv_logits, _ = trf(torch.from_numpy(xv))
        tt_logits, tt_conf = trf(torch.from_numpy(xt))
        ts_logits, ts_conf = trf(torch.from_numpy(sample_windows))
    t_trf = fit_temperature(tv_logits.numpy(), yv)

    for name, model, temp, hist, test_logits, outputs, sample_out in (
            ("lstm", lstm, t_lstm, lstm_hist, lt, ["logits"], (ls, None)),
            ("transformer", trf, t_trf, trf_hist, tt_logits.numpy(), ["logits", "confidence"], (ts_logits, ts_conf))):
        path = os.path.join(args.out, name + ".onnx")
        export_onnx(model, path, outputs, {
            "sextant.model_id": f"{name}-btc-1m", "sextant.temperature": repr(temp), "sextant.trainer": trainer,
            "sextant.data": data, "sextant.seed": SEED, "sextant.created": created,
            "sextant.feature_spec": "standard-24 v1", "sextant.window": WINDOW,
            "sextant.train_from": split["train"]["from"], "sextant.train_to": split["train"]["to"],
            "sextant.not_for_evaluation_to": split["validation"]["label_window_ends"],
            "sextant.classes": "SELL,HOLD,BUY"})
        # Golden outputs from PyTorch: calibrated probabilities softmax(logits / T), float32.
        probs = torch.softmax(sample_out[0] / temp, dim=1).numpy()
        full_probs = np.full((SAMPLE_ROWS, 3), np.nan, dtype=np.float32)
        full_probs[WINDOW - 1:] = probs
        full_conf = None
        if sample_out[1] is not None:
            full_conf = np.full(SAMPLE_ROWS, np.nan, dtype=np.float32)
            full_conf[WINDOW - 1:] = sample_out[1].numpy()
        write_golden(os.path.join(args.out, name + "_golden.csv"), sample_times, full_probs, full_conf, sample_defined)
        entry = {"file": name + ".onnx", "sha256": sha256(path), "bytes": os.path.getsize(path), "input": [WINDOW, 24],
                 "temperature": temp, "training": hist,
                 "test_uncalibrated": metrics(softmax(test_logits), yt),
                 "test_calibrated": metrics(softmax(test_logits / temp), yt)}
        if name == "transformer":
            right = (tt_logits.numpy().argmax(axis=1) == yt)
            c = tt_conf.numpy()
            entry["test_confidence"] = {"mean": round(float(c.mean()), 4),
                                        "accuracy_when_confidence_above_median":
                                            round(float(right[c > np.median(c)].mean()), 4),
                                        "accuracy_when_confidence_at_or_below_median":
                                            round(float(right[c <= np.median(c)].mean()), 4)}
        report["models"][name] = entry

    # (c) XGBoost on single vectors (rows of the same splits).
    dtrain = xgb.DMatrix(x[train_rows].astype(np.float32), label=ys, weight=class_weights(ys).numpy()[ys])
    dvalid = xgb.DMatrix(x[valid_rows].astype(np.float32), label=yv, weight=class_weights(ys).numpy()[yv])
    params = {"objective": "multi:softprob", "num_class": 3, "max_depth": 3, "eta": 0.05, "subsample": 0.8,
              "colsample_bytree": 0.8, "min_child_weight": 5, "tree_method": "hist", "seed": SEED % 2**31,
              "nthread": 1, "eval_metric": "mlogloss"}
    booster = xgb.train(params, dtrain, num_boost_round=300, evals=[(dvalid, "valid")], early_stopping_rounds=30,
                        verbose_eval=False)
    best = booster.best_iteration
    booster = booster[: best + 1]   # keep only the rounds up to the best validation loss
    booster.set_attr(**{"sextant.model_id": "xgboost-btc-1m", "sextant.trainer": f"xgboost {xgb.__version__} (python)",
                        "sextant.data": data, "sextant.seed": str(SEED), "sextant.created": created,
                        "sextant.feature_spec": "standard-24 v1", "sextant.train_from": split["train"]["from"],
                        "sextant.train_to": split["train"]["to"],
                        "sextant.not_for_evaluation_to": split["validation"]["label_window_ends"]})
    for ext in ("json", "ubj"):
        booster.save_model(os.path.join(args.out, "xgboost." + ext))
    sample_probs = booster.predict(xgb.DMatrix(x[sample].astype(np.float32)))
    write_golden(os.path.join(args.out, "xgboost_golden.csv"), sample_times, sample_probs)
    report["models"]["xgboost"] = {
        "files": {ext: {"file": "xgboost." + ext, "sha256": sha256(os.path.join(args.out, "xgboost." + ext)),
                        "bytes": os.path.getsize(os.path.join(args.out, "xgboost." + ext))} for ext in ("json", "ubj")},
        "input": [24], "rounds_kept": best + 1, "params": params,
        "test": metrics(booster.predict(xgb.DMatrix(x[test_rows].astype(np.float32))), yt)}
    report["baseline_class_prior"] = baseline(ys, yt)
    report["libraries"] = {"torch": torch.__version__, "onnx": onnx.__version__, "xgboost": xgb.__version__,
                           "numpy": np.__version__, "opset": 17}
    with open(os.path.join(args.out, "reference_models.json"), "w") as f:
        json.dump(report, f, indent=1)
        f.write("\n")
    write_card(os.path.join(args.out, "MODEL_CARD.md"), report)
    print(json.dumps({k: v for k, v in report["models"].items()}, indent=1)[:3000])


def write_card(path, r):
    d, s = r["data"], r["data"]["splits"]

    def row(name, m):
        pc = m["per_class"]
        return (f"| {name} | {m['accuracy']:.3f} | {m['log_loss']:.3f} | {m['brier']:.3f} | {m['ece_15']:.3f} | "
                f"{pc['SELL']['f1']:.2f} / {pc['HOLD']['f1']:.2f} / {pc['BUY']['f1']:.2f} |")

    m = r["models"]
    base = r["baseline_class_prior"]
    scored = {"LSTM": m["lstm"]["test_calibrated"], "Transformer": m["transformer"]["test_calibrated"],
              "XGBoost": m["xgboost"]["test"]}
    better = [k for k, v in scored.items() if v["log_loss"] < base["log_loss"]]
    verdict = ("On the held-out test split " + (
        "none of them beats" if not better else ", ".join(better) + " beat" + ("s" if len(better) == 1 else ""))
        + " the class-prior baseline's log loss (%.3f), and every model's accuracy is %s the baseline's "
          "(%.3f), which always predicts HOLD. Do not expect an edge from them." % (
              base["log_loss"],
              "below" if all(v["accuracy"] < base["accuracy"] for v in scored.values()) else "compared with",
              base["accuracy"]))
    tc = m["transformer"]["test_confidence"]
    confidence_note = ("The confidence head carries no useful signal here: accuracy is lower when it is high."
                       if tc["accuracy_when_confidence_above_median"] <= tc["accuracy_when_confidence_at_or_below_median"]
                       else "Higher confidence goes with higher accuracy on this split.")
    lines = [
        "# Reference models: BTC/USD 1-minute, standard-24",
        "",
        "Generated by `examples/python/train_reference_models.py` (seed %d, created %s); do not edit by hand." % (
            r["seed"], r["created"]),
        "",
        "These models exist to exercise Sextant's ONNX and XGBoost paths on real data end to end. They are",
        "**not** trading models: they were trained on under a week of minute bars. " + verdict,
        "",
        "## Data",
        "",
        f"- Source: {d['source']}, aggregated to {d['bars']} one-minute bars ({d['bars_from']} .. {d['bars_to']}; "
        "minutes without trades have no bar).",
        f"- Features: {d['feature_spec']} from Sextant's Java FeatureEngine (24 columns, in order: "
        f"{', '.join(d['features'])}).",
        f"- Labels: {d['label']}.",
        f"- Sequence models read windows of the {d['window']} consecutive feature rows ending at the labelled row.",
        "- Splits are chronological; the last %d rows before each boundary are purged (their labels look across it)." % HORIZON,
        "",
        "| split | rows | from | to | SELL / HOLD / BUY |",
        "|---|---|---|---|---|",
    ]
    for name in ("train", "validation", "test"):
        c = s[name]["class_counts"]
        lines.append(f"| {name} | {s[name]['rows']} | {s[name]['from']} | {s[name]['to']} | "
                     f"{c['SELL']} / {c['HOLD']} / {c['BUY']} |")
    nfe = d["not_for_evaluation"]
    lines += [
        "",
        f"**Do not evaluate these models on bars from {nfe['from']} to {nfe['to']}**: {nfe['why']}. "
        "Only the test split (and later data) is out of sample. The same range is in each model's metadata "
        "(`sextant.train_from`, `sextant.not_for_evaluation_to`) and in `reference_models.json`.",
        "",
        "## Models",
        "",
        f"- `lstm.onnx` ({m['lstm']['bytes']} bytes): standardisation (training-split mean/std, in the graph), batch "
        "norm over the 24 inputs, 3-layer LSTM (hidden 32, dropout 0.2), dropout, linear 3-class head; output "
        f"`logits`; temperature {m['lstm']['temperature']:.4f} fitted on the validation split.",
        f"- `transformer.onnx` ({m['transformer']['bytes']} bytes): standardisation, linear embedding to 32, sinusoidal "
        "positional encoding, 2 encoder layers (4-head self-attention, feed-forward 64, dropout 0.1), mean pooling, "
        "3-class head (`logits`) and a confidence head (`confidence`, sigmoid, trained to predict whether the "
        f"class head's argmax is right); temperature {m['transformer']['temperature']:.4f}.",
        f"- `xgboost.json` / `xgboost.ubj`: XGBoost multi:softprob on single vectors, depth 3, eta 0.05, "
        f"{m['xgboost']['rounds_kept']} rounds (early stopping on the validation split); same predictions in both "
        "formats.",
        "- Training used class-balanced weights, Adam (lr 1e-3, weight decay 1e-4), batch 128, early stopping on "
        "validation loss (patience 5 epochs).",
        "",
        "## Held-out test metrics",
        "",
        f"Test split: {s['test']['rows']} rows, {s['test']['from']} .. {s['test']['to']}. Calibrated = softmax of "
        "logits divided by the fitted temperature (what Sextant computes).",
        "",
        "| model | accuracy | log loss | Brier | ECE (15 bins) | F1 SELL / HOLD / BUY |",
        "|---|---|---|---|---|---|",
        row("class-prior baseline", r["baseline_class_prior"]),
        row("LSTM, uncalibrated", m["lstm"]["test_uncalibrated"]),
        row("LSTM, calibrated", m["lstm"]["test_calibrated"]),
        row("Transformer, uncalibrated", m["transformer"]["test_uncalibrated"]),
        row("Transformer, calibrated", m["transformer"]["test_calibrated"]),
        row("XGBoost", m["xgboost"]["test"]),
        "",
        "Transformer confidence head on the test split: mean %.3f; accuracy %.3f when confidence is above its median, "
        "%.3f at or below. %s" % (tc["mean"], tc["accuracy_when_confidence_above_median"],
                                  tc["accuracy_when_confidence_at_or_below_median"], confidence_note),
        "",
        "## Golden pairs",
        "",
        f"`features_sample.csv` holds {SAMPLE_ROWS} consecutive rows of the feature file starting 59 rows before the "
        "first test row (those 59 rows, from the end of the validation period, are window context), so that the "
        "first window is complete at row 60. "
        "`lstm_golden.csv`, `transformer_golden.csv` and `xgboost_golden.csv` hold what PyTorch and XGBoost (Python) "
        "compute for them, in the `sextant predict` output format (sequence models: empty for the first 59 rows). "
        "Java tests check that ONNX Runtime reproduces the ONNX goldens to 1e-5 and that Sextant's XGBoost paths "
        "reproduce Python's probabilities to 1e-6.",
        "",
        "Libraries: " + ", ".join(f"{k} {v}" for k, v in r["libraries"].items()) + ".",
        "",
    ]
    with open(path, "w") as f:
        f.write("\n".join(lines))


if __name__ == "__main__":
    main()
