"""Issue 16 item 4, the session's part: the clerk flips a line's speaker; the visitor switches the visit's language.

Real Session, real SQLite store, the kiosk's real translator chain (phrasebook and templates; no pack here).
"""

from __future__ import annotations

import sqlite3

import pytest

from base.clock import ManualClock
from base.errors import InputError, SessionStateError
from base.events import Modality, Role, SessionState, StateChanged, TranscriptEntry, VisitorMode
from kiosk.config import KioskConfig
from kiosk.session import Session
from kiosk.store import TranscriptStore
from kiosk.translation import kiosk_translator
from translations.mt import Translation


@pytest.fixture
def session(config: KioskConfig) -> Session:
    store = TranscriptStore(config.store.path)
    yield Session(config, store, clock=ManualClock(), translator=kiosk_translator(config)[0])
    store.close()


def test_the_clerk_flips_a_misattributed_line_and_the_original_is_kept(session: Session, config) -> None:
    session.choose("en", VisitorMode.SPEECH)
    asked = session.phrasebook.get("need_certificate").texts
    heard = session.say(Role.CLERK, asked["en"], Modality.SPEECH, language="en", confidence=0.62)  # the visitor spoke
    assert heard.role is Role.CLERK and heard.translations == {}  # English for an English visitor: nothing to add
    events = []
    session.subscribe(events.append)
    flipped = session.flip_speaker(heard.entry_id)
    assert flipped.role is Role.VISITOR and flipped.flipped and flipped.text == asked["en"]
    assert flipped.translations == {"ko": asked["ko"]}, "the clerk now reads it in Korean (reviewed phrase)"
    assert (heard.provenance, flipped.provenance) == ("original", "phrasebook"), "how the Korean was made"
    assert events == [flipped] and session.entries[-1] == flipped
    stored = session.store.entries(session.session_id)[-1]
    assert stored.role is Role.VISITOR and stored.flipped and stored.translations == {"ko": asked["ko"]}
    assert stored.provenance == "phrasebook"
    raw = sqlite3.connect(config.store.path).execute("SELECT role, text, provenance FROM entries").fetchall()
    assert raw == [("clerk", asked["en"], "original")], "the entry as recognised is never changed"
    back = session.flip_speaker(heard.entry_id)
    assert back.role is Role.CLERK and not back.flipped
    assert session.store.entries(session.session_id)[-1].role is Role.CLERK
    session.give_consent(True)
    session.flip_speaker(heard.entry_id)
    assert "speaker corrected by the clerk" in session.export("txt").read_text(encoding="utf-8")


def test_a_flipped_clerk_line_keeps_its_words_and_a_later_correction_keeps_the_speaker(session: Session) -> None:
    session.choose("vi", VisitorMode.SPEECH)
    line = session.say_phrase(Role.CLERK, "sign_here")
    flipped = session.flip_speaker(line.entry_id)
    assert flipped.role is Role.VISITOR and flipped.translations == line.translations  # nothing new to translate
    fixed = session.correct(line.entry_id, "여기에 서명할까요?")
    assert fixed.role is Role.VISITOR and fixed.flipped and fixed.correction == "여기에 서명할까요?"
    stored = session.store.entries(session.session_id)[-1]
    assert (stored.role, stored.flipped, stored.correction) == (Role.VISITOR, True, "여기에 서명할까요?")
    with pytest.raises(InputError):
        session.flip_speaker(99999)


def test_the_visitor_switches_the_visits_language(session: Session) -> None:
    session.choose("vi", VisitorMode.SPEECH)
    session.begin()
    events = []
    session.subscribe(events.append)
    session.switch_language("en")
    assert session.language == "en" and session.state is SessionState.CONVERSATION
    assert [e for e in events if isinstance(e, StateChanged)] == [
        StateChanged(SessionState.CONVERSATION, session.session_id, "en", VisitorMode.SPEECH, "language switched")
    ]
    row = sqlite3.connect(session.config.store.path).execute("SELECT language FROM sessions").fetchone()
    assert row == ("en",)
    line = session.say_phrase(Role.CLERK, "sign_here")
    assert line.translations == {"en": "Please sign here."}, "the clerk's next words reach the visitor in English"
    with pytest.raises(InputError):
        session.switch_language("fr")
    session.end()
    with pytest.raises(SessionStateError):
        session.switch_language("zh")


def test_after_a_switch_the_lines_so_far_are_shown_in_the_new_language(session: Session, config) -> None:
    session.choose("vi", VisitorMode.SPEECH)
    sign, need = (session.phrasebook.get(p).texts for p in ("sign_here", "need_certificate"))
    clerk = session.say(Role.CLERK, sign["ko"], Modality.SPEECH)
    visitor = session.say(Role.VISITOR, need["vi"], Modality.SPEECH)
    unknown = session.say(Role.CLERK, "잠시만 기다려 주시겠어요", Modality.SPEECH)  # no phrase, no pack
    assert (clerk.translations, visitor.translations, unknown.translations) == (
        {"vi": sign["vi"]},
        {"ko": need["ko"]},
        {},
    )
    events = []
    session.subscribe(events.append)
    session.switch_language("en")
    assert isinstance(events[0], StateChanged) and events[0].language == "en"
    shown = {e.entry_id: e for e in events if isinstance(e, TranscriptEntry)}
    assert list(shown) == [clerk.entry_id, visitor.entry_id, unknown.entry_id], "every line is shown again"
    assert shown[clerk.entry_id].translations == {"vi": sign["vi"], "en": sign["en"]}
    assert shown[visitor.entry_id].translations == {"ko": need["ko"], "en": need["en"]}
    assert shown[unknown.entry_id].translations == {}, "nothing to read it in: shown untranslated, as a new line"
    assert shown[clerk.entry_id].provenance == "phrasebook" and session.entries == list(shown.values())
    stored = {e.entry_id: e for e in session.store.entries(session.session_id)}
    assert {i: e.translations for i, e in stored.items()} == {i: e.translations for i, e in shown.items()}
    assert not any(e.correction or e.flipped for e in stored.values()), "a new reader is not a correction"
    raw = sqlite3.connect(config.store.path).execute("SELECT role, text FROM entries ORDER BY id").fetchall()
    assert raw == [("clerk", sign["ko"]), ("visitor", need["vi"]), ("clerk", "잠시만 기다려 주시겠어요")]


def test_a_corrected_line_is_shown_in_the_new_language_from_its_corrected_words(session: Session) -> None:
    session.choose("vi", VisitorMode.SPEECH)
    sign = session.phrasebook.get("sign_here").texts
    heard = session.say(Role.CLERK, "여기 서면해 주세요", Modality.SPEECH)
    session.correct(heard.entry_id, sign["ko"])
    session.switch_language("en")
    (stored,) = session.store.entries(session.session_id)
    assert stored.correction == sign["ko"] and stored.text == "여기 서면해 주세요"
    assert stored.translations == {"vi": sign["vi"], "en": sign["en"]}


class ByTarget:
    """A translator whose provenance depends on the target (Korean from the phrasebook, the rest machine-made)."""

    def supports(self, source: str, target: str) -> bool:
        return True

    def translate(self, text: str, source: str, target: str) -> Translation:
        return Translation(f"[{target}] {text}", source, target, "phrasebook" if target == "ko" else "machine")


def test_a_line_keeps_the_provenance_of_the_translation_its_other_party_reads(config: KioskConfig) -> None:
    store = TranscriptStore(config.store.path)
    session = Session(config, store, clock=ManualClock(), translator=ByTarget())
    session.choose("vi", VisitorMode.SPEECH)
    visitor = session.say(Role.VISITOR, "toi can giay to", Modality.SPEECH)
    clerk = session.say(Role.CLERK, "잠시만요", Modality.SPEECH)
    misheard = session.say(Role.CLERK, "xin loi", Modality.SPEECH, language="vi")  # the visitor's words
    assert (visitor.provenance, clerk.provenance, misheard.translations) == ("phrasebook", "machine", {})
    assert session.flip_speaker(misheard.entry_id).provenance == "phrasebook", "its Korean, now read by the clerk"
    session.switch_language("en")
    again = {e.entry_id: e for e in store.entries(session.session_id)}
    assert again[visitor.entry_id].translations == {"ko": "[ko] toi can giay to", "en": "[en] toi can giay to"}
    assert [again[line.entry_id].provenance for line in (visitor, clerk, misheard)] == [
        "phrasebook",  # the clerk still reads the phrasebook's Korean (the visitor's English is machine-made)
        "machine",
        "phrasebook",
    ]
    store.close()
