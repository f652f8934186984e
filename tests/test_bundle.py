"""The PyInstaller bundle (``make bundle``) works offline and gives the source tree's results.

Builds ``dist/kiosk/`` when an input changed (about 1.5 minutes on 2 cores; reused otherwise), then runs
the bundled executable with networking disabled (``unshare -n`` where permitted), from a folder outside
the source tree and with a bare environment, so nothing can come from the tree or the venv.
"""

from __future__ import annotations

import importlib.util
import json
import subprocess
import sys
from pathlib import Path

import pytest

pytestmark = pytest.mark.slow

ROOT = Path(__file__).resolve().parents[1]
SCENARIO = ROOT / "tests" / "data" / "scenarios" / "speech_en.json"
OFFLINE = ["unshare", "-n"] if subprocess.run(["unshare", "-n", "true"], capture_output=True).returncode == 0 else []


@pytest.fixture(scope="module")
def kiosk_exe() -> Path:
    """The bundled ``kiosk`` executable, built or reused."""
    if importlib.util.find_spec("PyInstaller") is None:
        pytest.skip("pyinstaller is not installed (requirements/dev.txt; `make setup` installs it)")
    done = subprocess.run(
        [sys.executable, "-m", "installer.bundle", "--no-tarball"],
        cwd=ROOT,
        capture_output=True,
        text=True,
        timeout=900,
    )
    assert done.returncode == 0, done.stdout[-2000:] + done.stderr[-4000:]
    return ROOT / "dist" / "kiosk" / "kiosk"


def run_bundle(exe: Path, args: list[str], cwd: Path, **env: str) -> subprocess.CompletedProcess:
    environment = {"PATH": "/usr/bin:/bin", "HOME": str(cwd), "QT_QPA_PLATFORM": "offscreen", **env}
    return subprocess.run(
        [*OFFLINE, str(exe), *args], cwd=cwd, env=environment, capture_output=True, text=True, timeout=300
    )


@pytest.fixture
def packs_dir(tmp_path: Path, kiosk_exe: Path, pack_files: dict[str, Path]) -> Path:
    """The tiny ko->en pack, installed by the bundle itself into an ``ARGOS_PACKAGES_DIR``."""
    folder = tmp_path / "packs"
    done = run_bundle(
        kiosk_exe, ["packs", "install", str(pack_files["ko-en"])], tmp_path, ARGOS_PACKAGES_DIR=str(folder)
    )
    assert done.returncode == 0, done.stderr
    return folder


def test_doctor_finds_every_model_in_the_bundle(kiosk_exe: Path, packs_dir: Path, tmp_path: Path) -> None:
    done = run_bundle(kiosk_exe, ["doctor", "--json"], tmp_path, ARGOS_PACKAGES_DIR=str(packs_dir), LD_DEBUG="files")
    assert done.returncode in (0, 1), done.stderr[-3000:]  # 1: no camera or microphone on this machine
    checks = {c["name"]: c for c in json.loads(done.stdout)["checks"]}
    checked = ("speech_model", "vad_model", "landmarks", "sign_models", "phrasebook", "korean_font", "translation")
    for name in (*checked, "voices"):
        assert checks[name]["ok"], checks[name]
    internal = kiosk_exe.parent / "_internal"
    for name in ("speech_model", "vad_model", "landmarks"):
        assert str(internal) in checks[name]["detail"], checks[name]  # the bundle's copy, not the tree's
    assert "ko-en" in checks["translation"]["detail"]
    assert "en=piper" in checks["voices"]["detail"]
    assert f"file={internal}/libportaudio.so.2" in done.stderr  # the runtime hook: sounddevice uses our PortAudio


def test_replay_gives_the_source_trees_transcript(kiosk_exe: Path, tmp_path: Path) -> None:
    frozen = run_bundle(kiosk_exe, ["replay", str(SCENARIO)], tmp_path)
    assert frozen.returncode == 0, frozen.stderr[-3000:]
    source = subprocess.run(
        [sys.executable, "-m", "cli", "replay", str(SCENARIO)],
        cwd=tmp_path,
        env={"PATH": "/usr/bin:/bin", "PYTHONPATH": str(ROOT), "HOME": str(tmp_path)},
        capture_output=True,
        text=True,
        timeout=300,
    )
    assert source.returncode == 0, source.stderr[-3000:]
    frozen_entries, source_entries = json.loads(frozen.stdout)["entries"], json.loads(source.stdout)["entries"]
    assert [e["modality"] for e in frozen_entries] == ["phrase", "speech", "text"]
    assert "certificate" in frozen_entries[1]["text"]
    # A speech line is committed when its decoding is done, so its "at" depends on this machine's speed
    # (replay's virtual clock advances by the audio that arrived meanwhile); everything else is identical.
    assert abs(frozen_entries[1].pop("at") - source_entries[1].pop("at")) < 3.0
    assert frozen_entries == source_entries


def test_translate_with_an_installed_pack(kiosk_exe: Path, packs_dir: Path, tmp_path: Path) -> None:
    args = ["translate", "--from", "ko", "--to", "en", "--json", "서류 여기 서명 주세요"]
    done = run_bundle(kiosk_exe, args, tmp_path, ARGOS_PACKAGES_DIR=str(packs_dir))
    assert done.returncode == 0, done.stderr[-3000:]
    result = json.loads(done.stdout)
    assert result["text"] == "document here sign please"
    assert result["provenance"] != "original"


def test_windows_start_frozen(kiosk_exe: Path, tmp_path: Path) -> None:
    ready = tmp_path / "ready.json"
    args = ["run", "--no-devices", "--ready-file", str(ready), "--quit-after", "3"]
    done = run_bundle(kiosk_exe, args, tmp_path, KIOSK_CONFIG=str(_demo_config(tmp_path)))
    assert done.returncode == 0, done.stderr[-3000:]
    state = json.loads(ready.read_text())
    assert state["windows_shown"] and state["session"] == "idle"


def _demo_config(folder: Path) -> Path:
    path = folder / "kiosk.toml"
    path.write_text(
        f'[devices]\ncamera = "demo"\nmicrophone = "demo"\nspeaker = "none"\n[store]\npath = "{folder}/t.db"\n'
    )
    return path


def test_bench_runs_frozen(kiosk_exe: Path, tmp_path: Path) -> None:
    done = run_bundle(kiosk_exe, ["bench", "startup", "ui", "--quick", "--json"], tmp_path)
    assert done.returncode == 0, done.stderr[-3000:]
    report = json.loads(done.stdout)
    assert report["machine"]["startup_command"] == f"{kiosk_exe.name} run"  # the bundle started itself, no path
    assert {r["name"] for r in report["results"]} >= {"cold start to ready (median)"}
