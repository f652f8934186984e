"""Words shown while being heard are taken back when the recogniser then drops the utterance (real whisper)."""

from __future__ import annotations

from pathlib import Path

import numpy as np
import pytest

from base.clock import ManualClock
from base.events import Caption, Role, SessionEvent, VisitorMode
from kiosk.channels.speech import VISITOR, SpeechChannel, asr_options
from kiosk.config import KioskConfig, load_config
from kiosk.session import Session
from kiosk.store import TranscriptStore
from tests.test_speech_switch import spoken
from translations.asr import SpeechRecognizer

pytestmark = pytest.mark.slow
ROOT = Path(__file__).resolve().parents[1]


def test_a_dropped_utterances_partial_is_taken_back(config: KioskConfig, tmp_path: Path) -> None:
    """SYNTHETIC speech (espeak-ng): a quick "Thanks for watching!" (under 1 s of voice, a known silence
    hallucination) is shown while heard, then dropped by the guards: a final caption without words follows."""
    recognizer = SpeechRecognizer(asr_options(load_config(cwd=ROOT / "tests")))
    session = Session(config, TranscriptStore(config.store.path), clock=ManualClock())
    events: list[SessionEvent] = []
    session.subscribe(events.append)
    session.choose("en", VisitorMode.SPEECH)
    channel = SpeechChannel(session, recognizer, VISITOR)
    channel.feed(np.zeros(4000, np.float32))
    audio = spoken("Thanks for watching!", tmp_path / "t.wav", words_per_minute=260)
    for chunk in [*np.array_split(audio, 8), *[np.zeros(1600, np.float32)] * 30]:
        channel.feed(chunk)
    captions = [(e.role, e.text, e.final) for e in events if isinstance(e, Caption)]
    assert channel.transcriber.dropped == 1 and session.entries == []
    assert captions[0][1] and not captions[0][2], "the words were shown while heard"
    assert captions[-1] == (Role.VISITOR, "", True), "and taken back"
