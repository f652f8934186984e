"""Bad input as a new user or an attacker would give it: each is a clear error and changes nothing."""

from __future__ import annotations

import struct
import subprocess
import sys
from pathlib import Path

import pytest

from base.clock import ManualClock
from base.errors import InputError, MediaFormatError
from base.events import Role, VisitorMode
from cli.main import main
from hardware.wav_file import read_wav
from kiosk.config import KioskConfig
from kiosk.session import Session
from kiosk.store import TranscriptStore
from kiosk.text_input import MAX_TEXT_CHARS


def lying_wav(path: Path, seconds: float) -> Path:
    """A WAV whose header claims ``seconds`` of 16 kHz audio but holds almost none."""
    data_bytes = int(seconds * 16000) * 2
    header = b"RIFF" + struct.pack("<I", 36 + data_bytes) + b"WAVEfmt "
    header += struct.pack("<IHHIIHH", 16, 1, 1, 16000, 32000, 2, 16) + b"data" + struct.pack("<I", data_bytes)
    path.write_bytes(header + b"\0" * 3200)
    return path


def test_an_oversized_wav_is_refused_before_it_is_read(tmp_path: Path) -> None:
    with pytest.raises(MediaFormatError, match="at most 7200 s"):
        read_wav(lying_wav(tmp_path / "huge.wav", 3 * 3600))


def test_transcribe_refuses_a_file_that_is_not_audio(tmp_path: Path, capsys) -> None:
    fake = tmp_path / "notes.wav"
    fake.write_text("these are not samples", encoding="utf-8")
    assert main(["transcribe", str(fake)]) == 2
    assert "error" in capsys.readouterr().err


def test_huge_empty_and_control_character_text(config: KioskConfig) -> None:
    store = TranscriptStore(config.store.path)
    session = Session(config, store, clock=ManualClock())
    session.choose("en", VisitorMode.TEXT)
    session.say(Role.VISITOR, "kept")
    for bad in ("x" * (MAX_TEXT_CHARS + 1), "   ", "\x00\x07\x1b"):
        with pytest.raises(InputError):
            session.say(Role.VISITOR, bad)
    cleaned = session.say(Role.VISITOR, "a\x00b\udc80c\x1b[31m")
    assert cleaned.text == "abc[31m", "control characters and lone surrogates are dropped"
    assert [e.text for e in store.entries(session.session_id)] == ["kept", "abc[31m"]
    store.close()


def test_translate_refuses_non_utf8_input_with_a_clear_message(tmp_path: Path) -> None:
    command = [sys.executable, "-m", "cli.main", "translate", "--from", "ko", "--to", "en"]
    done = subprocess.run(command, input=b"\xff\xfe\xb0 broken", capture_output=True, cwd=tmp_path, timeout=60)
    assert done.returncode == 2
    assert "not UTF-8" in done.stderr.decode()
    assert b"Traceback" not in done.stderr
