#!/usr/bin/python3
"""Trains a small actor on observations exported from Sextant's trading environment, exports it
to ONNX as an `onnx-policy` actor and writes golden pairs (observation -> logits, size).

Inputs (next to this script): observations.csv and layout.json, written by
    sextant rl observations --input <bars> --output <this directory>
Outputs (next to this script): actor.onnx, goldens.json, and actor_without_size.onnx (the same
actor exporting its logits only, for the test of a graph without a `size` output).

The actor is an MLP (observation -> 32 -> 32, tanh) with two heads: `logits` (3 direction
logits, SELL, HOLD, BUY) and `size` (a sigmoid, in [0, 1]). It is trained by supervised
imitation of the hindsight action on each observation's next-bar log return: BUY above +3 bps,
SELL below -3 bps, HOLD between, with size |return| / (4 sd) capped at 1. This is a demonstration
of the ONNX policy format and its goldens, not a claim of skill; the script prints the held-out
accuracy next to the majority-class rate.

Needs Debian's python3-torch and python3-onnx. CI never runs it; the Java tests read its outputs.
"""
import csv
import datetime
import json
import os

import numpy as np
import onnx
import torch
from torch import nn

HERE = os.path.dirname(os.path.abspath(__file__))
SEED = 7
HIDDEN = 32
THRESHOLD = 3e-4
GOLDEN_ROWS = 16


class Actor(nn.Module):
    def __init__(self, n):
        super().__init__()
        self.body = nn.Sequential(nn.Linear(n, HIDDEN), nn.Tanh(), nn.Linear(HIDDEN, HIDDEN), nn.Tanh())
        self.direction = nn.Linear(HIDDEN, 3)
        self.size = nn.Linear(HIDDEN, 1)

    def forward(self, observation):
        h = self.body(observation)
        return self.direction(h), torch.sigmoid(self.size(h)).squeeze(-1)


def main():
    torch.manual_seed(SEED)
    torch.use_deterministic_algorithms(True)
    with open(os.path.join(HERE, "layout.json")) as f:
        layout = json.load(f)
    with open(os.path.join(HERE, "observations.csv")) as f:
        rows = list(csv.reader(f))
    data = np.array(rows[1:], dtype=np.float32)
    x = torch.from_numpy(data[:, :-1].copy())
    r = data[:, -1]
    y = torch.from_numpy(np.where(r > THRESHOLD, 2, np.where(r < -THRESHOLD, 0, 1)).astype(np.int64))
    size_target = torch.from_numpy(np.clip(np.abs(r) / (4 * r.std()), 0, 1).astype(np.float32))
    n_train = int(0.8 * len(x))

    model = Actor(x.shape[1])
    opt = torch.optim.Adam(model.parameters(), lr=1e-3)
    for _ in range(300):
        opt.zero_grad()
        logits, size = model(x[:n_train])
        loss = nn.functional.cross_entropy(logits, y[:n_train]) + nn.functional.mse_loss(size, size_target[:n_train])
        loss.backward()
        opt.step()
    model.eval()
    with torch.no_grad():
        logits, size = model(x)
    held = logits[n_train:].argmax(1) == y[n_train:]
    majority = torch.bincount(y[n_train:], minlength=3).max().item() / (len(x) - n_train)
    print(f"held-out accuracy {held.float().mean().item():.3f} over {len(x) - n_train} rows"
          f" (majority class {majority:.3f})")

    path = os.path.join(HERE, "actor.onnx")
    torch.onnx.export(model, x[:1], path, input_names=["observation"], output_names=["logits", "size"],
                      dynamic_axes={"observation": {0: "batch"}, "logits": {0: "batch"}, "size": {0: "batch"}},
                      opset_version=13)
    m = onnx.load(path)
    meta = {
        "sextant.model_id": "torch-actor",
        "sextant.trainer": f"pytorch {torch.__version__} train_actor.py",
        "sextant.data": f"observations.csv ({len(x)} rows, {layout['spec'][:40]}..., window {layout['window']})",
        "sextant.seed": str(SEED),
        "sextant.created": datetime.datetime.now(datetime.timezone.utc).strftime("%Y-%m-%dT%H:%M:%SZ"),
    }
    for k, v in meta.items():
        p = m.metadata_props.add()
        p.key, p.value = k, v
    onnx.checker.check_model(m)
    onnx.save(m, path)

    class LogitsOnly(nn.Module):
        def __init__(self, actor):
            super().__init__()
            self.actor = actor

        def forward(self, observation):
            return self.actor(observation)[0]

    torch.onnx.export(LogitsOnly(model), x[:1], os.path.join(HERE, "actor_without_size.onnx"),
                      input_names=["observation"], output_names=["logits"],
                      dynamic_axes={"observation": {0: "batch"}, "logits": {0: "batch"}}, opset_version=13)

    picks = list(range(n_train, len(x), max(1, (len(x) - n_train) // GOLDEN_ROWS)))[:GOLDEN_ROWS]
    goldens = [{"observation": [float(v) for v in x[i].tolist()],
                "logits": [float(v) for v in logits[i].tolist()],
                "size": float(size[i].item())} for i in picks]
    with open(os.path.join(HERE, "goldens.json"), "w") as f:
        json.dump({"model": "actor.onnx", "tolerance": 1e-5, "pairs": goldens}, f, indent=1)
        f.write("\n")
    print(f"wrote {path} ({os.path.getsize(path)} bytes) and goldens.json ({len(goldens)} pairs)")


if __name__ == "__main__":
    main()
