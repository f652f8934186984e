"""The visit state machine, its idle timeout on a fake clock, and store failures."""

from __future__ import annotations

import dataclasses
import threading

import pytest

from base.clock import ManualClock
from base.errors import InputError, SessionStateError, StoreWriteError
from base.events import (
    Modality,
    Notice,
    Role,
    SessionEvent,
    SessionState,
    StateChanged,
    TimeoutWarning,
    TranscriptEntry,
    VisitorMode,
)
from kiosk.config import KioskConfig
from kiosk.session import Session
from kiosk.store import TranscriptStore


@pytest.fixture
def clock() -> ManualClock:
    return ManualClock()


@pytest.fixture
def store(config: KioskConfig) -> TranscriptStore:
    return TranscriptStore(config.store.path)


@pytest.fixture
def session(config: KioskConfig, store: TranscriptStore, clock: ManualClock) -> Session:
    return Session(config, store, clock=clock)


def collect(session: Session) -> list[SessionEvent]:
    events: list[SessionEvent] = []
    session.subscribe(events.append)
    return events


def run_for(session: Session, clock: ManualClock, seconds: int) -> None:
    for _ in range(seconds):
        clock.advance(1.0)
        session.tick()


def test_full_cycle(session: Session, store: TranscriptStore, clock: ManualClock) -> None:
    events = collect(session)
    assert session.state is SessionState.IDLE
    session.choose("vi", VisitorMode.SPEECH)
    assert session.state is SessionState.CHOSEN
    session.begin()
    first = session.say(Role.VISITOR, "  Xin chào \x07 ")
    phrase = session.say_phrase(Role.CLERK, "sign_here")
    assert first.text == "Xin chào" and first.language == "vi" and first.saved
    assert phrase.text == "여기에 서명해 주세요." and phrase.translations == {"vi": "Vui lòng ký tên vào đây."}
    assert phrase.provenance == "phrasebook" and phrase.modality is Modality.PHRASE
    sid = session.session_id
    session.end("clerk")
    assert store.session_status(sid) == "ended"
    assert [e.text for e in store.entries(sid)] == ["Xin chào", "여기에 서명해 주세요."]
    run_for(session, clock, int(session.config.kiosk.closing_s))
    assert session.state is SessionState.IDLE
    assert session.entries == [] and session.session_id is None
    states = [e.state for e in events if isinstance(e, StateChanged)]
    assert states == [SessionState.CHOSEN, SessionState.CONVERSATION, SessionState.CLOSING, SessionState.IDLE]


def test_visitor_phrase_in_own_language(session: Session) -> None:
    session.choose("ja", VisitorMode.SPEECH)
    line = session.say_phrase(Role.VISITOR, "restroom")
    assert line.text == "お手洗いはどこですか。" and line.language == "ja"
    assert line.translations == {"ko": "화장실이 어디예요?"}


def test_idle_warning_comes_at_least_20_s_before_the_end(session: Session, clock: ManualClock) -> None:
    events = collect(session)
    session.choose("en", VisitorMode.TEXT)
    session.begin()
    timeout = session.config.kiosk.idle_timeout_s
    warnings: list[float] = []
    ended_at = None
    for second in range(1, int(timeout) + 2):
        clock.advance(1.0)
        session.tick()
        new = [e for e in events if isinstance(e, TimeoutWarning) and e.active]
        if new and not warnings:
            warnings.append(second)
        if session.state is SessionState.CLOSING and ended_at is None:
            ended_at = second
    assert ended_at == timeout
    assert ended_at - warnings[0] >= 20
    closing = [e for e in events if isinstance(e, StateChanged) and e.state is SessionState.CLOSING]
    assert closing[0].reason == "timeout"


def test_extend_gives_more_time(session: Session, clock: ManualClock) -> None:
    events = collect(session)
    session.choose("en", VisitorMode.TEXT)
    run_for(session, clock, 100)
    assert any(isinstance(e, TimeoutWarning) and e.active for e in events)
    session.extend()
    assert isinstance(events[-1], TimeoutWarning) and not events[-1].active
    run_for(session, clock, 80)
    assert session.state is SessionState.CHOSEN
    run_for(session, clock, 40)
    assert session.state is SessionState.CLOSING


def test_wrong_state_and_bad_input(session: Session) -> None:
    with pytest.raises(SessionStateError):
        session.say(Role.CLERK, "hello")
    with pytest.raises(InputError):
        session.choose("xx", VisitorMode.SPEECH)
    session.choose("en", VisitorMode.SPEECH)
    with pytest.raises(InputError, match="empty"):
        session.say(Role.VISITOR, " \n\t ")
    with pytest.raises(InputError, match="too long"):
        session.say(Role.VISITOR, "a" * 5000)
    with pytest.raises(InputError, match="unknown phrase"):
        session.say_phrase(Role.CLERK, "no-such-phrase")
    with pytest.raises(SessionStateError):
        session.clear()
    assert session.entries == []


class FlakyStore(TranscriptStore):
    """A real store whose writes fail while ``broken`` is set (a full disk)."""

    broken = False

    def add(self, entry: TranscriptEntry) -> TranscriptEntry:
        if self.broken:
            raise StoreWriteError("기록을 저장하지 못했습니다", "disk full")
        return super().add(entry)


def test_store_failure_is_told_and_nothing_is_lost(config: KioskConfig, clock: ManualClock) -> None:
    store = FlakyStore(config.store.path)
    session = Session(config, store, clock=clock)
    events = collect(session)
    session.choose("en", VisitorMode.TEXT)
    session.say(Role.VISITOR, "one")
    store.broken = True
    unsaved = session.say(Role.VISITOR, "two")
    assert not unsaved.saved
    assert any(isinstance(e, Notice) and e.code == "store_failed" and e.severity == "error" for e in events)
    assert [e.text for e in session.entries] == ["one", "two"]
    store.broken = False
    session.say(Role.CLERK, "three")
    assert [e.text for e in store.entries(session.session_id)] == ["one", "two", "three"]
    assert all(e.saved for e in session.entries)


def test_restart_closes_interrupted_visit_and_purges(config: KioskConfig, clock: ManualClock) -> None:
    first = Session(config, TranscriptStore(config.store.path), clock=clock)
    first.choose("en", VisitorMode.TEXT)
    first.say(Role.VISITOR, "before the crash")
    sid = first.session_id
    store = TranscriptStore(config.store.path)
    Session(config, store, clock=clock)
    assert store.session_status(sid) == "interrupted"
    assert [e.text for e in store.entries(sid)] == ["before the crash"]


def test_retention_on_a_fake_clock(config: KioskConfig, clock: ManualClock) -> None:
    wall = [1_795_000_000.0]
    store = TranscriptStore(config.store.path)
    session = Session(config, store, clock=clock, wall_clock=lambda: wall[0])
    session.choose("en", VisitorMode.TEXT)
    session.say(Role.VISITOR, "personal data")
    session.end()
    session.clear()
    assert len(store.entries()) == 1
    wall[0] += 86_400  # the next day
    run_for(session, clock, 601)
    assert store.entries() == []


def test_export_writes_this_visit(session: Session, config: KioskConfig) -> None:
    session.choose("zh", VisitorMode.SPEECH)
    session.say_phrase(Role.CLERK, "please_wait")
    with pytest.raises(SessionStateError, match="not agreed"):
        session.export("html")
    assert not config.store.export_dir.exists() or not any(config.store.export_dir.iterdir())
    session.give_consent(True)
    path = session.export("html")
    assert path.parent == config.store.export_dir
    assert "请稍等。" in path.read_text(encoding="utf-8")


def test_hours_retention_setting(config: KioskConfig, clock: ManualClock) -> None:
    cfg = dataclasses.replace(config, store=dataclasses.replace(config.store, retention="1"))
    wall = [1_795_000_000.0]
    store = TranscriptStore(cfg.store.path)
    session = Session(cfg, store, clock=clock, wall_clock=lambda: wall[0])
    session.choose("en", VisitorMode.TEXT)
    session.say(Role.VISITOR, "x")
    session.end()
    wall[0] += 1800
    session.clear()
    assert len(store.entries()) == 1
    wall[0] += 1900
    assert session.purge_expired() == 1


def test_the_clerk_corrects_a_line_and_the_original_is_kept(config: KioskConfig, clock: ManualClock) -> None:
    from kiosk.translation import kiosk_translator

    store = TranscriptStore(config.store.path)
    session = Session(config, store, clock=clock, translator=kiosk_translator(config)[0])
    events = collect(session)
    session.choose("en", VisitorMode.SPEECH)
    heard = session.say(Role.VISITOR, "I need a certified copy of my resident registration", Modality.SPEECH)
    clerk = session.say(Role.CLERK, "잠시만 기다려 주세요", Modality.SPEECH)  # misheard: the phrase was meant
    fixed = session.correct(clerk.entry_id, "여기에 서명해 주세요.")
    assert fixed.text == "잠시만 기다려 주세요" and fixed.correction == "여기에 서명해 주세요."
    assert fixed.translations == {"en": "Please sign here."}, "the visitor reads the corrected words"
    visitor = session.correct(heard.entry_id, "주민등록등본이 필요합니다")
    assert visitor.translations["ko"] == "주민등록등본이 필요합니다" and visitor.text.startswith("I need")
    assert events[-1] == visitor
    stored = {e.entry_id: e for e in store.entries(session.session_id)}
    assert stored[clerk.entry_id].correction == "여기에 서명해 주세요." and stored[clerk.entry_id].text == clerk.text
    assert stored[heard.entry_id].correction == "주민등록등본이 필요합니다"
    session.give_consent(True)
    exported = session.export("txt").read_text(encoding="utf-8")
    assert "잠시만 기다려 주세요" in exported and "✎ 담당자 수정 / corrected: 여기에 서명해 주세요." in exported
    with pytest.raises(InputError):
        session.correct(99999, "없는 줄")
    with pytest.raises(InputError):
        session.correct(clerk.entry_id, "   ")
    store.close()


def test_listeners_are_called_after_the_session_lock_is_released(session: Session) -> None:
    """A listener (a Qt slot, ``speaker.stop()``) must not run under the lock: another thread can use the session."""
    blocked: list[str] = []

    def listener(event: SessionEvent) -> None:
        other = threading.Thread(target=session.touch, daemon=True)  # takes the session lock
        other.start()
        other.join(timeout=1.0)
        if other.is_alive():
            blocked.append(type(event).__name__)

    session.subscribe(listener)
    session.choose("en", VisitorMode.SPEECH)
    session.say(Role.CLERK, "안녕하세요", translations={})
    session.end()
    assert blocked == [], f"listener ran with the session lock held for {blocked}"
