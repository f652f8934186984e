"""``kiosk doctor`` on this machine: no camera or microphone, everything else installed by `make`."""

from __future__ import annotations

import json
import subprocess
import sys
from pathlib import Path

from kiosk.admin.doctor import all_required_ok, report, run_checks
from kiosk.config import KioskConfig

ROOT = Path(__file__).resolve().parents[1]


def test_doctor_reports_each_part(config: KioskConfig) -> None:
    results = {r.name: r for r in run_checks(config)}
    assert set(results) >= {
        "camera",
        "microphone",
        "speaker",
        "korean_font",
        "speech_model",
        "vad_model",
        "landmarks",
        "transcripts",
        "phrasebook",
        "translation",
    }
    for name in ("korean_font", "speech_model", "vad_model", "landmarks", "transcripts", "phrasebook"):
        assert results[name].ok, f"{name}: {results[name].detail}"
    assert not results["translation"].required and not results["speaker"].required


def test_doctor_cli_without_camera_or_microphone(tmp_path: Path) -> None:
    done = subprocess.run(
        [sys.executable, "-m", "cli", "doctor", "--json"],
        cwd=tmp_path,
        capture_output=True,
        text=True,
        timeout=120,
        env={"PATH": "/usr/bin:/bin", "PYTHONPATH": str(ROOT)},
    )
    data = json.loads(done.stdout)
    checks = {c["name"]: c for c in data["checks"]}
    has_devices = checks["camera"]["ok"] and checks["microphone"]["ok"]
    assert data["ok"] is has_devices
    assert done.returncode == (0 if has_devices else 1)
    if not checks["camera"]["ok"]:
        assert "USB" in checks["camera"]["fix"]


def test_missing_model_is_named_with_a_fix(config: KioskConfig, tmp_path: Path) -> None:
    import dataclasses

    broken = tmp_path / "whisper"
    broken.mkdir()
    (broken / "config.json").write_text("{}")
    cfg = dataclasses.replace(config, models=dataclasses.replace(config.models, whisper_dir=broken))
    results = run_checks(cfg)
    model = next(r for r in results if r.name == "speech_model")
    assert not model.ok and "model.bin" in model.detail
    assert not all_required_ok(results)
    text = report(results)
    assert "speech_model   MISSING" in text and "필수 항목이 빠져 있습니다" in text
