"""Suggestions in the visit: offered to the speaker of an untranslated line, one tap sends the reviewed one."""

from __future__ import annotations

import pytest

from base.clock import ManualClock
from base.errors import InputError
from base.events import Modality, Role, SessionEvent, Suggestions, TranscriptEntry, Translation, VisitorMode
from kiosk.config import KioskConfig
from kiosk.session import Session
from kiosk.store import Amendment, TranscriptStore
from kiosk.translation import kiosk_suggester, kiosk_translator


@pytest.fixture(scope="module")
def suggester():
    return kiosk_suggester(KioskConfig())


@pytest.fixture
def session(config: KioskConfig, suggester) -> Session:
    translator, _ = kiosk_translator(config)
    session = Session(config, TranscriptStore(config.store.path), clock=ManualClock(), translator=translator,
                      suggester=suggester)  # fmt: skip
    session.choose("en", VisitorMode.SPEECH)
    session.begin()
    return session


def collect(session: Session) -> list[SessionEvent]:
    events: list[SessionEvent] = []
    session.subscribe(events.append)
    return events


def offers(events: list[SessionEvent]) -> list[Suggestions]:
    return [e for e in events if isinstance(e, Suggestions)]


def test_an_unmatched_clerk_line_offers_the_clerk_three_reviewed_phrases(session: Session) -> None:
    events = collect(session)
    entry = session.say(Role.CLERK, "카드 꽂아 주세요")
    assert entry.translations == {}  # untranslated and marked until a tap, as before
    (offer,) = offers(events)
    assert offer.entry_id == entry.entry_id and offer.role is Role.CLERK
    assert len(offer.items) == 3
    best = offer.items[0]
    assert best.suggestion_id == "insert_card" and best.text == "카드를 단말기에 꽂아 주세요."
    assert best.language == "en" and best.translation == "Please insert your card into the card reader."
    assert events.index(entry) < events.index(offer)  # the line first, then its suggestions


def test_a_visitor_line_is_offered_in_the_visitors_language(session: Session) -> None:
    events = collect(session)
    session.say(Role.VISITOR, "where's the toilet")
    (offer,) = offers(events)
    assert offer.role is Role.VISITOR
    assert offer.items[0].suggestion_id == "restroom"
    assert offer.items[0].text == "Where is the restroom?" and offer.items[0].translation == "화장실이 어디예요?"


def test_a_phrase_or_template_line_offers_nothing(session: Session) -> None:
    events = collect(session)
    session.say(Role.CLERK, "수수료는 1,200원입니다")  # a template answers
    session.say_phrase(Role.CLERK, "greeting")
    assert offers(events) == []


def test_use_suggestion_replaces_the_translation_and_keeps_the_words(session: Session) -> None:
    entry = session.say(Role.CLERK, "여기 사인해 주세요")
    events = collect(session)
    chosen = session.use_suggestion(entry.entry_id, "sign_here")
    assert events == [chosen]  # both screens see the reviewed translation
    assert chosen.entry_id == entry.entry_id and chosen.text == "여기 사인해 주세요"
    assert chosen.translations == {"en": "Please sign here."} and chosen.suggestion == "sign_here"
    assert chosen.correction == ""  # not the clerk's correction: the words said stand
    (stored,) = session.store.entries(session.session_id)
    assert stored.text == "여기 사인해 주세요" and stored.translations == {"en": "Please sign here."}
    assert stored.suggestion == "sign_here"
    with pytest.raises(InputError):  # the offer is used up
        session.use_suggestion(entry.entry_id, "sign_here")


def test_the_next_line_withdraws_the_offer(session: Session) -> None:
    entry = session.say(Role.VISITOR, "where's the toilet")
    session.say_phrase(Role.CLERK, "greeting")
    with pytest.raises(InputError):
        session.use_suggestion(entry.entry_id, "restroom")
    assert session.entries[0].translations == {}


class MachineTranslator:
    """A pack's answer for every line."""

    def supports(self, source: str, target: str) -> bool:
        return True

    def translate(self, text: str, source: str, target: str) -> Translation:
        return Translation(f"[{target}] {text}", source, target, "machine")


def test_with_a_pack_the_machine_translation_comes_first_and_suggestions_are_still_offered(
    config: KioskConfig, suggester
) -> None:
    session = Session(config, TranscriptStore(":memory:"), clock=ManualClock(), translator=MachineTranslator(),
                      suggester=suggester)  # fmt: skip
    session.choose("vi", VisitorMode.SPEECH)
    events = collect(session)
    entry = session.say(Role.CLERK, "여기 사인해 주세요")
    assert entry.translations == {"vi": "[vi] 여기 사인해 주세요"} and entry.provenance == "machine"
    (offer,) = offers(events)
    assert all(item.language == "vi" for item in offer.items)
    chosen = session.use_suggestion(entry.entry_id, offer.items[0].suggestion_id)
    assert chosen.translations == {"vi": offer.items[0].translation}
    assert [e for e in events if isinstance(e, TranscriptEntry)][-1] == chosen


def test_a_transcript_file_from_before_suggestions_gets_the_column(tmp_path) -> None:
    import sqlite3

    path = tmp_path / "old.sqlite3"
    TranscriptStore(path).close()
    with sqlite3.connect(path) as db:  # as schema 2 left it: corrections without "suggestion"
        db.execute("ALTER TABLE corrections DROP COLUMN suggestion")
    assert TranscriptStore(path, read_only=True).entries() == []  # an old file can still be read as it is
    store = TranscriptStore(path)
    store.open_session("v", 0.0, "en", "speech")
    line = TranscriptEntry(0, "v", 0.0, Role.CLERK, Modality.TEXT, "ko", "카드 꽂아 주세요")
    entry = store.add(line)
    store.correct(entry.entry_id, Amendment(entry.role, "", {"en": "Please insert your card."}, "insert_card"), 1.0)
    (stored,) = store.entries("v")
    assert stored.suggestion == "insert_card" and stored.text == "카드 꽂아 주세요" and stored.correction == ""
