"""Words shown while being heard are taken back when the recogniser then drops the utterance, and only then
(real whisper)."""

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


def heard(config: KioskConfig, audio: np.ndarray) -> tuple[SpeechChannel, Session, list[tuple[Role, str, bool]]]:
    """The channel, the session and every caption shown for ``audio`` fed in eight chunks, then 3 s of silence."""
    recognizer = SpeechRecognizer(asr_options(load_config(cwd=ROOT / "tests")))
    session = Session(config, TranscriptStore(config.store.path), clock=ManualClock())
    events: list[SessionEvent] = []
    session.subscribe(events.append)
    session.choose("en", VisitorMode.SPEECH)
    channel = SpeechChannel(session, recognizer, VISITOR)
    channel.feed(np.zeros(4000, np.float32))
    for chunk in [*np.array_split(audio, 8), *[np.zeros(1600, np.float32)] * 30]:
        channel.feed(chunk)
    return channel, session, [(e.role, e.text, e.final) for e in events if isinstance(e, Caption)]


def test_a_dropped_utterances_partial_is_taken_back(config: KioskConfig, tmp_path: Path) -> None:
    """SYNTHETIC speech (espeak-ng): a quick "Thanks for watching!" (under 1 s of voice, a known silence
    hallucination) is shown while heard, then dropped by the guards: a final caption without words follows."""
    audio = spoken("Thanks for watching!", tmp_path / "t.wav", words_per_minute=260)
    channel, session, captions = heard(config, audio)
    assert channel.transcriber.dropped == 1 and session.entries == []
    assert captions[0][1] and not captions[0][2], "the words were shown while heard"
    assert captions[-1] == (Role.VISITOR, "", True), "and taken back"


def test_a_kept_utterances_partial_gives_way_to_its_final_only(config: KioskConfig, tmp_path: Path) -> None:
    """SYNTHETIC speech (espeak-ng): the partial of a question that is kept is replaced by its final, never
    taken back first (the screens would blank the words for a moment)."""
    audio = spoken("Excuse me, where can I get a copy of my residence certificate?", tmp_path / "q.wav")
    channel, session, captions = heard(config, audio)
    assert channel.transcriber.dropped == 0 and len(session.entries) == 1
    assert any(text and not final for _, text, final in captions), "the words were shown while heard"
    assert (Role.VISITOR, "", True) not in captions
