"""``kiosk bench ui``: time from an engine result to the visitor screen showing it (offscreen Qt).

The real runtime, bridge and windows (:mod:`ui.ui_latency`, imported lazily: the core imports no Qt).
"""

from __future__ import annotations

import os
import tempfile
from pathlib import Path

import numpy as np

from bench.env import isolated
from bench.main import Result, Stage
from kiosk.config import KioskConfig

TARGET_MS = 50.0  # three frames at 60 Hz: the screen keeps up with the engines


def bench_ui(config: KioskConfig, quick: bool = False) -> Stage:
    """Median and p90 of entry and caption paint latencies."""
    from kiosk.runtime import KioskRuntime
    from ui.ui_latency import measure

    platform = os.environ.setdefault("QT_QPA_PLATFORM", "offscreen")
    with tempfile.TemporaryDirectory() as tmp:
        bench_config, _ = isolated(config, Path(tmp), packs=False)
        runtime = KioskRuntime.build(bench_config, start_devices=False)
        try:
            latencies = measure(runtime, samples=15 if quick else 60)
        finally:
            runtime.close()
    results = []
    for kind, label in (("entry", "transcript line"), ("caption", "live caption")):
        p50, p90 = (float(v) for v in np.percentile(latencies[kind], [50, 90]))
        results.append(Result(f"ui {label} -> visitor screen painted p50", round(p50, 1), "ms", "<= 50", p50 <= 50))
        results.append(Result(f"ui {label} -> visitor screen painted p90", round(p90, 1), "ms", "report", True))
    samples = {f"ui {kind} -> painted": values for kind, values in latencies.items()}
    return Stage(results, {"ui_qt_platform": platform, "ui_samples": len(latencies["entry"])}, samples)
