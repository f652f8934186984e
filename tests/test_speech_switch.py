"""Speech under way when the visitor switches language is captioned, not lost (real whisper base model)."""

from __future__ import annotations

import subprocess
from pathlib import Path

import numpy as np
import pytest

from base.clock import ManualClock
from base.events import Role, VisitorMode
from hardware.wav_file import read_wav
from kiosk.channels.speech import VISITOR, SpeechChannel, asr_options
from kiosk.config import KioskConfig, load_config
from kiosk.session import Session
from kiosk.store import TranscriptStore
from translations.asr import SpeechRecognizer

pytestmark = pytest.mark.slow
ROOT = Path(__file__).resolve().parents[1]


def spoken(text: str, path: Path, words_per_minute: int = 150) -> np.ndarray:
    """espeak-ng's English ``text`` without its trailing silence: the speaker has not stopped yet."""
    speed = str(words_per_minute)
    subprocess.run(["espeak-ng", "-v", "en-us", "-s", speed, "-w", str(path), text], check=True, timeout=60)
    audio = read_wav(path)
    return audio[: np.flatnonzero(np.abs(audio) > 0.02)[-1] + 1]


@pytest.mark.parametrize("new_visit", [False, True])
def test_speech_under_way_at_a_switch(config: KioskConfig, tmp_path: Path, new_visit: bool) -> None:
    """At a language switch the words being heard are captioned in the language they were heard in; at a new
    visit they are dropped (they belong to the visitor who left)."""
    recognizer = SpeechRecognizer(asr_options(load_config(cwd=ROOT / "tests")))
    session = Session(config, TranscriptStore(config.store.path), clock=ManualClock())
    session.choose("en", VisitorMode.SPEECH)
    channel = SpeechChannel(session, recognizer, VISITOR, partials=False)
    channel.feed(np.zeros(4000, np.float32))
    for chunk in np.array_split(spoken("Where is the restroom, please?", tmp_path / "r.wav"), 8):
        channel.feed(chunk)
    assert session.entries == []  # still speaking: nothing final yet
    if new_visit:
        session.end()
        channel.feed(np.zeros(1600, np.float32))  # the closing page: nothing is heard
        session.clear()
        session.choose("vi", VisitorMode.SPEECH)
    else:
        session.switch_language("vi")
    channel.feed(np.zeros(1600, np.float32))
    if new_visit:
        assert session.entries == []
    else:
        assert [(e.role, e.language) for e in session.entries] == [(Role.VISITOR, "en")]
        assert "restroom" in session.entries[0].text.lower()
    assert channel.transcriber.allowed == ("vi",)
