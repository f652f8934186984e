"""``kiosk soak``: an accelerated counter day, to prove the kiosk neither leaks nor loses anything.

``visits`` visits are spread over a 9-hour day (virtual wall time) and replayed as fast as the engines
go through the same :class:`~bench.replay.Replayer` (real Session, translator, SQLite store on disk and,
every ``speech_every`` visits, the demo recording through the live speech path). Visits mix languages,
typed lines (some match the phrasebook, some do not), quick phrases on both sides and speech.

Measured: peak RSS in the first and the last hour of the day (growth target <= 50 MB), threads and open
file handles before and after (no leak), and the number of transcript lines in the database against the
number of inputs (nothing lost). Sign and fingerspelling inputs join when those engines exist.
"""

from __future__ import annotations

import os
import random
import tempfile
import threading
import time
from dataclasses import dataclass
from pathlib import Path

from base.events import VisitorMode
from bench.replay import Replayer, Scenario, ScenarioEvent
from kiosk.config import KioskConfig
from kiosk.store import TranscriptStore

DAY_S = 9 * 3600.0
MAX_GROWTH_MB = 50.0
UNKNOWN_LINES = ["I have a question about my visa.", "Where should I go next?", "It is for my new job."]


@dataclass(frozen=True)
class SoakReport:
    visits: int
    inputs: int
    entries: int
    first_hour_rss_mb: float
    last_hour_rss_mb: float
    threads: tuple[int, int]
    open_files: tuple[int, int]
    seconds: float

    @property
    def growth_mb(self) -> float:
        return self.last_hour_rss_mb - self.first_hour_rss_mb

    @property
    def passed(self) -> bool:
        return (
            self.growth_mb <= MAX_GROWTH_MB
            and self.entries == self.inputs
            and self.threads[1] <= self.threads[0]
            and self.open_files[1] <= self.open_files[0]
        )

    def as_json(self) -> dict:
        return {
            "visits": self.visits,
            "inputs": self.inputs,
            "transcript_entries": self.entries,
            "rss_first_hour_mb": self.first_hour_rss_mb,
            "rss_last_hour_mb": self.last_hour_rss_mb,
            "rss_growth_mb": round(self.growth_mb, 1),
            "rss_growth_target_mb": MAX_GROWTH_MB,
            "threads_before_after": list(self.threads),
            "open_files_before_after": list(self.open_files),
            "seconds": round(self.seconds, 1),
            "visits_per_second": round(self.visits / self.seconds, 2) if self.seconds else None,
            "pass": self.passed,
        }


def rss_mb() -> float:
    """Resident memory of this process now (MB)."""
    for line in Path("/proc/self/status").read_text().splitlines():
        if line.startswith("VmRSS:"):
            return int(line.split()[1]) / 1024
    return 0.0


def open_files() -> int:
    return len(os.listdir("/proc/self/fd"))


def soak(config: KioskConfig, visits: int, speech_every: int = 0, seed: int = 1, db: Path | None = None) -> SoakReport:
    """Run the day; ``speech_every`` = 0 leaves speech out (no model needed)."""
    rng = random.Random(seed)
    languages = [c for c in config.kiosk.languages if c != "ko"] or ["ko"]
    replayer = Replayer(config)
    with tempfile.TemporaryDirectory() as tmp:
        store = TranscriptStore(db or Path(tmp) / "soak.sqlite3")
        speech_lines = _speech_lines(replayer, config, store) if speech_every else 0
        threads, files = threading.active_count(), open_files()
        started, inputs, hourly = time.perf_counter(), speech_lines, {}
        for index in range(visits):
            start = DAY_S * index / visits
            with_speech = bool(speech_every) and index % speech_every == speech_every - 1
            language = "en" if with_speech else rng.choice(languages)  # the demo recording is English
            scenario, typed = _scenario(rng, language, replayer, config.devices.demo_audio if with_speech else None)
            replayer.run(scenario, store, start=start)
            inputs += typed + (speech_lines if with_speech else 0)
            hour = int(start // 3600)
            hourly[hour] = max(hourly.get(hour, 0.0), rss_mb())
        seconds = time.perf_counter() - started
        entries = len(store.entries())
        store.close()
    return SoakReport(
        visits=visits,
        inputs=inputs,
        entries=entries,
        first_hour_rss_mb=round(hourly[min(hourly)], 1),
        last_hour_rss_mb=round(hourly[max(hourly)], 1),
        threads=(threads, threading.active_count()),
        open_files=(files, open_files()),
        seconds=seconds,
    )


def _speech_lines(replayer: Replayer, config: KioskConfig, store: TranscriptStore) -> int:
    """Captions the demo recording gives (also loads the model before memory is measured)."""
    scenario = Scenario(
        "en", VisitorMode.SPEECH, (ScenarioEvent(1.0, "visitor_audio", file=config.devices.demo_audio),)
    )
    return len(replayer.run(scenario, store)["entries"])


def _scenario(rng: random.Random, language: str, replayer: Replayer, audio: Path | None) -> tuple[Scenario, int]:
    """A random visit and the number of transcript lines it must leave (speech lines are counted apart)."""
    book = replayer.phrasebook
    clerk = [p.phrase_id for p in book.for_role("clerk")]
    visitor = [p for p in book.for_role("visitor") if p.text(language)]
    events, at = [], 1.0
    for _ in range(rng.randint(2, 6)):
        at += rng.uniform(2, 15)
        choice = rng.random()
        if choice < 0.35:
            events.append(ScenarioEvent(at, "clerk_phrase", phrase=rng.choice(clerk)))
        elif choice < 0.55:
            events.append(ScenarioEvent(at, "visitor_phrase", phrase=rng.choice(visitor).phrase_id))
        elif choice < 0.8 and visitor:
            events.append(ScenarioEvent(at, "visitor_text", text=rng.choice(visitor).texts[language]))
        else:
            events.append(ScenarioEvent(at, "visitor_text", text=rng.choice(UNKNOWN_LINES)))
    typed = len(events)
    if audio is not None:
        events.append(ScenarioEvent(at + 5, "visitor_audio", file=audio))
    events.append(ScenarioEvent(events[-1].at + 5, "end"))
    mode = VisitorMode.SPEECH if audio is not None else rng.choice([VisitorMode.SPEECH, VisitorMode.TEXT])
    return Scenario(language, mode, tuple(events)), typed
