"""The visitor hears each clerk line once, though the screens show it again (corrections, a language switch).

Real Session, real SQLite store, the kiosk's real translator chain (phrasebook and templates; no pack here) and
real espeak-ng/Piper voices; the speaker writes WAV files (no sound card in tests).
"""

from __future__ import annotations

from pathlib import Path

import pytest

from base.clock import ManualClock
from base.events import Role, VisitorMode
from hardware.null_speaker import WavFileSpeaker
from kiosk.channels.voice_output import VoiceOutput
from kiosk.config import KioskConfig, VoiceOptions
from kiosk.session import Session
from kiosk.store import TranscriptStore
from kiosk.translation import kiosk_translator
from tests.conftest import wait_for


@pytest.fixture
def visit(config: KioskConfig, tmp_path: Path, monkeypatch: pytest.MonkeyPatch):
    """A Vietnamese speech visit whose voice notes each line it was asked to say."""
    store = TranscriptStore(config.store.path)
    session = Session(config, store, clock=ManualClock(), translator=kiosk_translator(config)[0])
    speaker = WavFileSpeaker(tmp_path / "played")
    voice = VoiceOutput(speaker, VoiceOptions())
    said: list[tuple[str, str]] = []
    say = voice.say
    monkeypatch.setattr(voice, "say", lambda text, language: (said.append((text, language)), say(text, language)))
    session.subscribe(voice.on_event)
    session.choose("vi", VisitorMode.SPEECH)
    yield session, said, speaker
    voice.close()
    store.close()


def phrase(session: Session, phrase_id: str, language: str) -> str:
    return session.phrasebook.get(phrase_id).texts[language]


def test_a_corrected_line_is_read_again_only_when_it_is_the_newest_and_its_words_changed(visit) -> None:
    session, said, speaker = visit
    first = session.say(Role.CLERK, phrase(session, "sign_here", "ko"))
    assert said == [(phrase(session, "sign_here", "vi"), "vi")], "a new clerk line is read"
    wait_for(lambda: len(speaker.played) == 1)
    session.correct(first.entry_id, phrase(session, "please_wait", "ko"))
    assert said[1:] == [(phrase(session, "please_wait", "vi"), "vi")], "the newest line, other words: read again"
    session.correct(first.entry_id, phrase(session, "please_wait", "ko"))
    assert len(said) == 2, "corrected to the same words: not read again"
    session.say(Role.VISITOR, "Vâng.")
    newest = session.say_phrase(Role.CLERK, "sign_here")
    session.correct(first.entry_id, phrase(session, "sign_here", "ko"))
    assert said[2:] == [(phrase(session, "sign_here", "vi"), "vi")], "an older line's correction is only shown"
    session.flip_speaker(newest.entry_id)
    session.flip_speaker(newest.entry_id)
    assert len(said) == 3, "flipped away and back: the same words, heard already"
    wait_for(lambda: len(speaker.played) >= 2)


def test_a_language_switch_reads_only_the_newest_clerk_line_once_in_the_new_language(visit) -> None:
    session, said, _ = visit
    session.say_phrase(Role.CLERK, "sign_here")
    session.say(Role.VISITOR, "Tôi không hiểu.")
    session.say_phrase(Role.CLERK, "please_wait")
    said.clear()
    session.switch_language("en")
    assert said == [(phrase(session, "please_wait", "en"), "en")]
    session.switch_language("en")
    session.switch_language("zh")
    assert said[1:] == [(phrase(session, "please_wait", "zh"), "zh")], "each switch: the newest line once"
