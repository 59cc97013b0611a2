#!/usr/bin/env python3
"""Ratios of Sextant (JMH) to Tulip Indicators (the C harness) from the raw files that
run-tulip.sh writes into a results folder; writes summary.json there and prints it.

Usage: summarize_tulip.py <results folder>

Both ratios are JMH's average wall time over the harness's median wall time: compute only
(sextantInto against compute_only) and with the copy of the inputs and fresh outputs (sextant
against compute_copy). Compare them on a quiet machine; on a loaded one, the harness's CPU-time
figures in tulip.json are steadier (JMH reports wall time only).
"""
import json
import pathlib
import sys

d = pathlib.Path(sys.argv[1])
tulip = json.loads((d / "tulip.json").read_text())
jmh = {r["benchmark"].rsplit(".", 1)[1]: r["primaryMetric"]["score"]
       for r in json.loads((d / "jmh-indicators.json").read_text())}
summary = {
    "sextantInto_ms": round(jmh["sextantInto"], 3),
    "tulip_compute_only_wall_median_ms": tulip["compute_only_ms"]["wall_median"],
    "ratio_compute_only": round(jmh["sextantInto"] / tulip["compute_only_ms"]["wall_median"], 3),
    "sextant_ms": round(jmh["sextant"], 3),
    "tulip_compute_copy_wall_median_ms": tulip["compute_copy_ms"]["wall_median"],
    "ratio_compute_copy": round(jmh["sextant"] / tulip["compute_copy_ms"]["wall_median"], 3),
    "note": "JMH average wall time over the C harness's median wall time; <= 1 means Sextant is as fast or faster",
}
(d / "summary.json").write_text(json.dumps(summary, indent=2) + "\n")
print(json.dumps(summary, indent=2))
