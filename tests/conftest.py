"""Shared fixtures: offscreen Qt, a config whose writable paths live in a temporary folder."""

from __future__ import annotations

import dataclasses
import os
from pathlib import Path

import pytest

os.environ.setdefault("QT_QPA_PLATFORM", "offscreen")

from kiosk.config import KioskConfig, load_config

ROOT = Path(__file__).resolve().parents[1]
SPEECH = ROOT.parent / "shared" / "testdata" / "speech"


@pytest.fixture
def config(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> KioskConfig:
    """Defaults, with the database and exports in ``tmp_path`` and no device probing."""
    monkeypatch.delenv("KIOSK_CONFIG", raising=False)
    base = load_config(cwd=tmp_path)
    store = dataclasses.replace(base.store, path=tmp_path / "db" / "t.sqlite3", export_dir=tmp_path / "exports")
    devices = dataclasses.replace(base.devices, camera="demo", microphone="demo", speaker="none")
    return dataclasses.replace(base, store=store, devices=devices)
