"""The ``kiosk`` command itself: help, and a real start of both windows (offscreen) on demo media."""

from __future__ import annotations

import os
import subprocess
import sys
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parents[1]


def kiosk(*args: str, cwd: Path, timeout: float = 120) -> subprocess.CompletedProcess[str]:
    env = {k: v for k, v in os.environ.items() if k != "KIOSK_CONFIG"} | {"QT_QPA_PLATFORM": "offscreen"}
    return subprocess.run(
        [sys.executable, "-m", "cli", *args], cwd=cwd, capture_output=True, text=True, timeout=timeout, env=env
    )


def test_help_lists_the_commands(tmp_path: Path) -> None:
    done = kiosk("--help", cwd=tmp_path)
    assert done.returncode == 0
    for command in ("run", "doctor", "replay"):
        assert command in done.stdout


@pytest.mark.slow
def test_run_starts_on_demo_media_and_quits(tmp_path: Path) -> None:
    config = tmp_path / "kiosk.toml"
    config.write_text(
        f'[store]\npath = "{tmp_path}/t.db"\n[devices]\ncamera = "demo"\nmicrophone = "demo"\nspeaker = "none"\n',
        encoding="utf-8",
    )
    done = kiosk("run", "--quit-after", "3", cwd=tmp_path)
    assert done.returncode == 0, done.stderr[-2000:]
    assert "Traceback" not in done.stderr
    assert (tmp_path / "t.db").exists()


def test_broken_config_stops_with_a_clear_message(tmp_path: Path) -> None:
    (tmp_path / "kiosk.toml").write_text("[ui]\nzoom = 2\n", encoding="utf-8")
    done = kiosk("doctor", cwd=tmp_path)
    assert done.returncode == 2
    assert "ui.zoom" in done.stderr and "line 2" in done.stderr and "Traceback" not in done.stderr
