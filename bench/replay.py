"""Headless replay: drive the same :class:`Session` a live kiosk uses from a scenario file.

A scenario is JSON (documented in the README)::

    {"version": 1,
     "visitor": {"language": "en", "mode": "speech"},
     "events": [
       {"at": 0.0, "type": "visitor_text", "text": "Hello, I need a certificate."},
       {"at": 2.5, "type": "clerk_phrase", "phrase": "id_please"},
       {"at": 4.0, "type": "clerk_text", "text": "잠시만요."},
       {"at": 9.0, "type": "end"}]}

Time is virtual (a :class:`ManualClock` advanced second by second with ``Session.tick``), so idle
timeouts happen as they would at the counter, and a long scenario replays as fast as the engines go.
``visitor_audio`` / ``clerk_audio`` events (``"file": "x.wav"``, relative to the scenario) run the WAV
through the live speech path. Later capabilities add event types (video, landmarks); an unknown type
or field is an error.
"""

from __future__ import annotations

import json
import math
from dataclasses import dataclass, field
from pathlib import Path

import numpy as np

from base.audio import SAMPLE_RATE
from base.clock import ManualClock
from base.errors import MediaFormatError
from base.events import Notice, Role, SessionEvent, SessionState, StateChanged, TranscriptEntry, VisitorMode
from hardware.wav_file import read_wav
from kiosk.channels.speech import CLERK, VISITOR, SpeechChannel, asr_options
from kiosk.channels.transcribe import stream_audio
from kiosk.config import KioskConfig
from kiosk.session import Session
from kiosk.store import TranscriptStore
from kiosk.translation import kiosk_translator
from translations.asr import SpeechRecognizer
from translations.phrasebook import load_phrasebook

MAX_SCENARIO_BYTES = 5_000_000
MAX_EVENTS = 20_000
MAX_SECONDS = 24 * 3600.0
EPOCH = 1_767_225_600.0  # 2026-01-01 00:00 UTC: wall time of virtual second 0, so output is reproducible
EVENT_FIELDS = {
    "visitor_text": {"text"},
    "clerk_text": {"text"},
    "visitor_phrase": {"phrase"},
    "clerk_phrase": {"phrase"},
    "visitor_audio": {"file"},
    "clerk_audio": {"file"},
    "extend": set(),
    "end": set(),
}


@dataclass(frozen=True)
class ScenarioEvent:
    """One timed input."""

    at: float
    kind: str
    text: str = ""
    phrase: str = ""
    file: Path | None = None  # audio events: a WAV file (relative paths are relative to the scenario)


@dataclass(frozen=True)
class Scenario:
    """A parsed scenario."""

    language: str
    mode: VisitorMode
    events: tuple[ScenarioEvent, ...] = field(default_factory=tuple)


def load_scenario(path: Path) -> Scenario:
    """Parse and check a scenario file; every problem names the event and field."""
    try:
        size = path.stat().st_size
        if size > MAX_SCENARIO_BYTES:
            raise _bad(path, f"file is {size:,} bytes, at most {MAX_SCENARIO_BYTES:,}")
        data = json.loads(path.read_bytes().decode("utf-8"))
    except OSError as exc:
        raise _bad(path, f"cannot read: {exc.strerror or exc}") from exc
    except (UnicodeDecodeError, json.JSONDecodeError) as exc:
        raise _bad(path, f"not UTF-8 JSON: {exc}") from exc
    if not isinstance(data, dict):
        raise _bad(path, "the top level must be an object")
    _only(path, "scenario", data, {"version", "visitor", "events"})
    if data.get("version") != 1:
        raise _bad(path, "version must be 1")
    visitor = data.get("visitor")
    if not isinstance(visitor, dict) or not isinstance(visitor.get("language"), str):
        raise _bad(path, 'visitor must be an object with "language" (and optionally "mode")')
    _only(path, "visitor", visitor, {"language", "mode"})
    try:
        mode = VisitorMode(visitor.get("mode", "speech"))
    except ValueError:
        raise _bad(path, f"visitor.mode must be one of {[m.value for m in VisitorMode]}") from None
    raw_events = data.get("events")
    if not isinstance(raw_events, list) or len(raw_events) > MAX_EVENTS:
        raise _bad(path, f"events must be a list of at most {MAX_EVENTS} items")
    events = tuple(_event(path, index, item) for index, item in enumerate(raw_events))
    times = [event.at for event in events]
    if times != sorted(times):
        raise _bad(path, "events must be in time order")
    return Scenario(visitor["language"], mode, events)


def _event(path: Path, index: int, item: object) -> ScenarioEvent:
    where = f"events[{index}]"
    if not isinstance(item, dict):
        raise _bad(path, f"{where} must be an object")
    kind = item.get("type")
    if kind not in EVENT_FIELDS:
        raise _bad(path, f"{where}.type {kind!r} is not one of {sorted(EVENT_FIELDS)}")
    _only(path, where, item, {"at", "type"} | EVENT_FIELDS[kind])
    at = item.get("at")
    if isinstance(at, bool) or not isinstance(at, int | float) or not math.isfinite(at) or not 0 <= at <= MAX_SECONDS:
        raise _bad(path, f"{where}.at must be seconds between 0 and {MAX_SECONDS:.0f}")
    for name in EVENT_FIELDS[kind]:
        if not isinstance(item.get(name), str):
            raise _bad(path, f"{where}.{name} must be a string")
    audio = None
    if "file" in item:
        audio = (path.parent / item["file"]).resolve()
        if not audio.is_file():
            raise _bad(path, f"{where}.file not found: {item['file']}")
    return ScenarioEvent(at=float(at), kind=kind, text=item.get("text", ""), phrase=item.get("phrase", ""), file=audio)


def replay(scenario: Scenario, config: KioskConfig, store: TranscriptStore | None = None) -> dict:
    """Run ``scenario`` through a Session on virtual time; return the transcript as a JSON-able dict."""
    return Replayer(config).run(scenario, store or TranscriptStore(":memory:"))


class Replayer:
    """Replays scenarios with the engines a live kiosk uses (translator, speech), loaded once for many."""

    def __init__(self, config: KioskConfig) -> None:
        self.config = config
        self.phrasebook = load_phrasebook()
        self.translator, _ = kiosk_translator(config, self.phrasebook)
        self.speech = _Speech(config)

    def run(self, scenario: Scenario, store: TranscriptStore, start: float = 0.0) -> dict:
        """One visit on ``store``; its wall time begins ``start`` seconds after the replay epoch."""
        clock = ManualClock()
        session = Session(
            self.config,
            store,
            clock=clock,
            wall_clock=lambda: EPOCH + start + clock.now(),
            phrasebook=self.phrasebook,
            translator=self.translator,
        )
        log: list[SessionEvent] = []
        session.subscribe(log.append)
        session.choose(scenario.language, scenario.mode, reason="scenario")
        session.begin()
        session_id = session.session_id
        for event in scenario.events:
            _advance_to(session, clock, event.at)
            if session.state is not SessionState.CONVERSATION:
                break
            if event.file is not None:
                self.speech.play(session, clock, event)
            else:
                _apply(session, event)
        if session.state is SessionState.CONVERSATION:
            session.end("scenario end")
        session.clear()
        return _result(scenario, session_id, log, start)


def _result(scenario: Scenario, session_id: str | None, log: list[SessionEvent], start: float) -> dict:
    entries = [e for e in log if isinstance(e, TranscriptEntry)]
    ends = [e.reason for e in log if isinstance(e, StateChanged) and e.state is SessionState.CLOSING]
    return {
        "session_id": session_id,
        "language": scenario.language,
        "mode": scenario.mode.value,
        "end_reason": ends[-1] if ends else None,
        "entries": [_entry_json(e, start) for e in entries],
        "notices": [{"code": n.code, "message_en": n.message_en} for n in log if isinstance(n, Notice)],
    }


class _Speech:
    """Audio events: the live speech path, decoding at pauses only, so the transcript depends on the
    audio alone. The recogniser is loaded at the first audio event."""

    def __init__(self, config: KioskConfig) -> None:
        self.config = config
        self._recognizer: SpeechRecognizer | None = None

    def play(self, session: Session, clock: ManualClock, event: ScenarioEvent) -> None:
        if self._recognizer is None:
            self._recognizer = SpeechRecognizer(asr_options(self.config))
        source = CLERK if event.kind == "clerk_audio" else VISITOR
        channel = SpeechChannel(session, self._recognizer, source, partials=False)
        audio = read_wav(event.file)

        def feed(samples: np.ndarray) -> list:
            clock.advance(samples.size / SAMPLE_RATE)
            return channel.feed(samples)

        stream_audio(audio, feed, channel.finish)


def _advance_to(session: Session, clock: ManualClock, at: float) -> None:
    while clock.now() < at and session.state is SessionState.CONVERSATION:
        clock.advance(min(1.0, at - clock.now()))
        session.tick()


def _apply(session: Session, event: ScenarioEvent) -> None:
    if event.kind == "end":
        session.end("scenario")
    elif event.kind == "extend":
        session.extend()
    elif event.kind.endswith("_phrase"):
        session.say_phrase(Role(event.kind.split("_")[0]), event.phrase)
    else:
        session.say(Role(event.kind.split("_")[0]), event.text)


def _entry_json(entry: TranscriptEntry, start: float) -> dict:
    return {
        "at": round(entry.time - EPOCH - start, 3),
        "role": entry.role.value,
        "modality": entry.modality.value,
        "language": entry.language,
        "text": entry.text,
        "translations": entry.translations,
        "provenance": entry.provenance,
        "confidence": entry.confidence,
        "saved": entry.saved,
    }


def _only(path: Path, where: str, item: dict, allowed: set[str]) -> None:
    unknown = sorted(set(item) - allowed)
    if unknown:
        raise _bad(path, f"{where} has unknown field(s) {unknown}; allowed: {sorted(allowed)}")


def _bad(path: Path, why: str) -> MediaFormatError:
    return MediaFormatError("시나리오 파일이 잘못되었습니다", f"bad scenario {path}: {why}")
