"""A short counter day (soak), and privacy: no transcript text in the logs of a full replay."""

from __future__ import annotations

import json
import subprocess
import sys
from pathlib import Path

import pytest

from bench.soak import soak
from kiosk.config import KioskConfig
from tests.conftest import ROOT

DEMO = ROOT / "assets" / "demo" / "visitor_en.wav"


def test_a_short_day_leaks_nothing_and_loses_nothing(config: KioskConfig) -> None:
    report = soak(config, visits=120, speech_every=0)
    assert report.entries == report.inputs > 240
    assert report.growth_mb <= 50, report.as_json()
    assert report.threads[1] <= report.threads[0] and report.open_files[1] <= report.open_files[0], report.as_json()
    assert report.passed


@pytest.mark.slow
def test_a_short_day_with_speech(config: KioskConfig) -> None:
    report = soak(config, visits=12, speech_every=4)
    assert report.entries == report.inputs, report.as_json()
    assert report.passed, report.as_json()


@pytest.mark.slow
def test_no_transcript_text_in_the_logs_of_a_full_replay(tmp_path: Path) -> None:
    """Typed text, phrases and recognised speech never reach the log, even at DEBUG."""
    scenario = {
        "version": 1,
        "visitor": {"language": "en", "mode": "speech"},
        "events": [
            {"at": 1.0, "type": "visitor_text", "text": "My name is Zyxwa Quorble, passport M12345678."},
            {"at": 3.0, "type": "clerk_text", "text": "주민등록번호 뒷자리는 말하지 마세요 비밀정보"},
            {"at": 5.0, "type": "clerk_phrase", "phrase": "id_please"},
            {"at": 7.0, "type": "visitor_audio", "file": str(DEMO)},
            {"at": 30.0, "type": "end"},
        ],
    }
    path = tmp_path / "visit.json"
    path.write_text(json.dumps(scenario, ensure_ascii=False), encoding="utf-8")
    command = [sys.executable, "-m", "cli.main", "--verbose", "replay", str(path)]
    done = subprocess.run(command, capture_output=True, text=True, cwd=tmp_path, timeout=300)
    assert done.returncode == 0, done.stderr
    transcript = json.loads(done.stdout)
    spoken = [e["text"] for e in transcript["entries"] if e["modality"] == "speech"]
    assert spoken, "the recording was recognised"
    logs = done.stderr  # --verbose: everything the kiosk logs, at DEBUG and above
    assert "kiosk.visit_states" in logs, "the log was captured"
    secrets = ["Zyxwa", "Quorble", "M12345678", "비밀정보", "신분증을 보여"]
    secrets += [word for line in spoken for word in line.split() if len(word) > 4]
    leaked = [s for s in secrets if s in logs]
    assert not leaked, f"transcript text in the logs: {leaked}"
