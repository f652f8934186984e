"""Two microphones and a question said in two breaths: the louder side is released after ``end_silence_s`` + 0.3 s
of quiet, before the transcriber's ``unended_silence_s`` wait is over. The second breath must go to the same side
and join the first (one caption), not start a new one. SYNTHETIC: two real Korean recordings, their voiced parts
joined by a pause, heard 15 dB quieter at the other microphone; the recogniser is scripted (every decoding ends
no sentence), the VADs are real."""

from __future__ import annotations

from pathlib import Path

import numpy as np
import pytest

from base.clock import ManualClock
from base.events import Role, VisitorMode
from hardware.wav_file import read_wav
from kiosk.channels.speech import CLERK
from kiosk.channels.two_microphones import TwoMicrophoneSpeech
from kiosk.config import KioskConfig
from kiosk.session import Session
from kiosk.store import TranscriptStore
from tests.conftest import SPEECH
from tests.test_speech_breaths import SaysText
from translations.asr import AsrOptions

RATE = 16_000
FIRST, SECOND = "ko/zeroth_104_003_0294.wav", "ko/zeroth_104_003_0019.wav"


def voiced_part(path: str) -> np.ndarray:
    """The recording from its first to its last loud sample (its own leading and trailing silence cut)."""
    audio = read_wav(SPEECH / path)
    loud = np.flatnonzero(np.abs(audio) >= 0.05 * np.abs(audio).max())
    return audio[loud[0] : loud[-1] + 1]


def two_breaths(pause_s: float) -> np.ndarray:
    """The clerk's microphone: room tone, FIRST, ``pause_s`` of room tone, SECOND, room tone."""
    room = np.random.default_rng(16).normal(0, 1e-3, int(pause_s * RATE)).astype(np.float32)
    gap = np.random.default_rng(0).normal(0, 1e-3, RATE).astype(np.float32)
    return np.concatenate([gap, voiced_part(FIRST), room, voiced_part(SECOND), gap, gap, gap])


def clerk_finals(config: KioskConfig, clerk: np.ndarray, **settings: float) -> tuple[list, TwoMicrophoneSpeech]:
    """The finals of the two-microphone path (the visitor's microphone hears the clerk 15 dB quieter)."""
    store = TranscriptStore(config.store.path)
    session = Session(config, store, clock=ManualClock())
    session.choose("en", VisitorMode.SPEECH)
    options = AsrOptions(model_dir=Path("unused"), partial_interval_s=1e9, **settings)
    pair = TwoMicrophoneSpeech(session, SaysText(options, "등본을 떼러"), partials=False)
    captions = []
    for start in range(0, clerk.size, 1600):
        chunk = clerk[start : start + 1600]
        captions += pair.feed(chunk, chunk * 10 ** (-15 / 20))
    captions += pair.finish()
    store.close()
    return [c for c in captions if c.final], pair


@pytest.mark.skipif(not SPEECH.exists(), reason="shared test speech not present")
@pytest.mark.parametrize("pause_s", [1.0, 1.2])
def test_a_second_breath_after_the_side_is_released_joins_the_first_on_the_same_side(
    config: KioskConfig, pause_s: float
) -> None:
    clerk = two_breaths(pause_s)
    finals, pair = clerk_finals(config, clerk)
    assert [side for side, _ in pair.louder.decisions] == [CLERK, CLERK], "released between the breaths, same side"
    assert [c.role for c in finals] == [Role.CLERK], "one caption over both breaths"
    assert finals[0].end - finals[0].start > (clerk.size / RATE) - 4.5
    split, _ = clerk_finals(config, clerk, unended_silence_s=0.0)
    assert [c.role for c in split] == [Role.CLERK, Role.CLERK], "the scenario bites: without the wait, two"
