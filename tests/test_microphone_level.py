"""``kiosk doctor`` records from each configured microphone and reports its level (issue 16): a muted or dead one
(digital silence, a constant) fails in Korean and English with what to do, clipping is a warning, else the room
level in dBFS. The microphones are file twins replaying WAVs: real speech, and SYNTHETIC zeros, a constant and a
clipped copy of it."""

from __future__ import annotations

import dataclasses
import math
from pathlib import Path

import numpy as np
import pytest

from hardware.microphone_level import judge
from hardware.wav_file import write_wav
from kiosk.admin.doctor import all_required_ok, report, run_checks
from kiosk.config import KioskConfig

ROOT = Path(__file__).resolve().parents[1]
RATE = 16_000
SPEECH_WAV = ROOT / "assets" / "demo" / "visitor_en.wav"


def speech() -> np.ndarray:
    from hardware.wav_file import read_wav

    return read_wav(SPEECH_WAV)[: 3 * RATE]


def with_microphones(config: KioskConfig, clerk: Path, visitor: Path | None = None) -> KioskConfig:
    devices = dataclasses.replace(
        config.devices, microphone=str(clerk), visitor_microphone=str(visitor) if visitor else "none"
    )
    return dataclasses.replace(config, devices=devices)


def wav(tmp_path: Path, name: str, samples: np.ndarray) -> Path:
    return write_wav(tmp_path / f"{name}.wav", np.asarray(samples, np.float32), RATE)


def test_a_recording_is_judged_silent_constant_clipping_or_ok() -> None:
    assert judge(np.zeros(2 * RATE)).verdict == "silent"
    assert judge(np.r_[np.zeros(2 * RATE), 0.5]).verdict == "silent", "a glitch in a muted channel"
    assert judge(np.full(2 * RATE, 0.25)).verdict == "constant"
    said = speech()
    level = judge(said)
    assert level.verdict == "ok" and -60 < level.room_dbfs < level.peak_dbfs < 0
    assert judge(np.clip(said * 20, -1, 1)).verdict == "clipping"
    room = judge(np.random.default_rng(0).standard_normal(2 * RATE) * 10 ** (-50 / 20))  # SYNTHETIC room noise
    assert room.verdict == "ok" and room.room_dbfs == pytest.approx(-50, abs=1.5)
    assert judge(np.zeros(0)).room_dbfs == -math.inf


def test_doctor_fails_a_muted_microphone_in_korean_and_english(config: KioskConfig, tmp_path: Path) -> None:
    muted = with_microphones(config, wav(tmp_path, "muted", np.zeros(3 * RATE)))
    results = run_checks(muted)
    (level,) = [r for r in results if r.name == "mic_level"]
    assert not level.ok and level.required and level.failure == "NO SOUND"
    assert "음소거" in level.detail and "muted" in level.detail and "alsamixer" in level.fix
    assert not all_required_ok(results) and "mic_level      NO SOUND" in report(results)
    dead = run_checks(with_microphones(config, wav(tmp_path, "dead", np.full(3 * RATE, 0.25))))
    assert [("constant" in r.detail, r.ok) for r in dead if r.name == "mic_level"] == [(True, False)]


def test_doctor_reports_the_room_level_warns_of_clipping_and_checks_the_visitor_microphone(
    config: KioskConfig, tmp_path: Path
) -> None:
    clipped = wav(tmp_path, "clipped", np.clip(speech() * 20, -1, 1))
    results = {r.name: r for r in run_checks(with_microphones(config, SPEECH_WAV, clipped))}
    assert results["mic_level"].ok and "dBFS" in results["mic_level"].detail
    assert "경고" not in results["mic_level"].detail
    visitor = results["visitor_mic_level"]
    assert visitor.ok and "clipping" in visitor.detail and "입력 음량을 낮추세요" in visitor.detail
    muted = run_checks(with_microphones(config, SPEECH_WAV, wav(tmp_path, "muted", np.zeros(3 * RATE))))
    assert [r.ok for r in muted if r.name.endswith("mic_level")] == [True, False]
