"""What changes when the kiosk is frozen by PyInstaller, checked without building: paths, config, hook."""

from __future__ import annotations

import ctypes.util
import runpy
import sys
from pathlib import Path

import pytest

from kiosk import paths
from kiosk.config import config_path

ROOT = Path(__file__).resolve().parents[1]


@pytest.fixture
def frozen(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> Path:
    """Pretend to be ``tmp_path/kiosk/kiosk`` with its bundle root in ``_internal``."""
    folder = tmp_path / "kiosk"
    (folder / "_internal").mkdir(parents=True)
    monkeypatch.setattr(sys, "frozen", True, raising=False)
    monkeypatch.setattr(sys, "_MEIPASS", str(folder / "_internal"), raising=False)
    monkeypatch.setattr(sys, "executable", str(folder / "kiosk"))
    monkeypatch.delenv("KIOSK_CONFIG", raising=False)
    return folder


def test_frozen_roots(frozen: Path) -> None:
    assert paths.bundle_root() == frozen / "_internal"
    assert paths.data_root() == frozen
    assert paths.bundled_fonts() == []
    (frozen / "_internal" / "fonts").mkdir()
    (frozen / "_internal" / "fonts" / "NotoSansCJK-Regular.ttc").write_bytes(b"")
    assert [p.name for p in paths.bundled_fonts()] == ["NotoSansCJK-Regular.ttc"]


def test_frozen_kiosk_reads_the_config_beside_the_executable(frozen: Path, tmp_path: Path) -> None:
    elsewhere = tmp_path / "cwd"
    elsewhere.mkdir()
    assert config_path(elsewhere) is None
    (frozen / "kiosk.toml").write_text("[kiosk]\n")
    assert config_path(elsewhere) == frozen / "kiosk.toml"
    (elsewhere / "kiosk.toml").write_text("[kiosk]\n")
    assert config_path(elsewhere) == elsewhere / "kiosk.toml"  # the working directory still wins


def test_source_tree_ignores_a_config_beside_python(tmp_path: Path) -> None:
    assert not getattr(sys, "frozen", False)
    assert config_path(tmp_path) is None


def test_runtime_hook_points_sounddevice_at_the_bundled_portaudio(
    frozen: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setattr(ctypes.util, "find_library", ctypes.util.find_library)  # restored after the test
    runpy.run_path(str(ROOT / "installer" / "pyi_rth_kiosk.py"))
    bundled = frozen / "_internal" / "libportaudio.so.2"
    assert ctypes.util.find_library("portaudio") != str(bundled)  # not in the bundle: the system's lookup
    bundled.write_bytes(b"")
    assert ctypes.util.find_library("portaudio") == str(bundled)
    assert ctypes.util.find_library("c")  # every other library: the system's lookup
