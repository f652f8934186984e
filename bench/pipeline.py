"""``kiosk bench pipeline``: end of speech -> translated caption painted on the visitor screen.

One visit, one process, the real parts: the clerk's Korean recordings (``../shared/testdata/speech/ko``)
stream through the live speech path with partial captions (:class:`kiosk.channels.speech.SpeechChannel`, clerk
microphone) on a virtual clock (:func:`kiosk.channels.transcribe.stream_audio`); each final caption is committed
by the Session, translated for an English-speaking visitor (installed packs, else the tiny ko->en test
pack), and shown through the bridge on the visitor window (offscreen Qt). The latency of a caption ends
when the visitor window has painted it, so it is recognition + translation + screen in one figure; its parts
(:mod:`bench.pipeline_parts`: the pause seen, the pause decoding, the silence wait ... the paint), each final's
seconds of speech and the decoding's seconds per second of speech are reported too, and drawn as a timeline
per final. The recogniser decodes one second once before the visit (a live kiosk loads it when the microphone
starts, before any visitor).
"""

from __future__ import annotations

import os
import tempfile
import time
from pathlib import Path

import numpy as np

from base.audio import SAMPLE_RATE
from base.events import VisitorMode
from bench.env import isolated
from bench.main import Result, Stage, TimedRecognizer, clips, heard_live
from bench.pipeline_parts import WorkerClock, split, timeline
from bench.pipeline_parts import results as parts_results
from kiosk.channels.transcribe import stream_audio
from kiosk.config import KioskConfig

TARGET_MS = 1000.0


class TimedTranslator:
    """Wraps the session's translator and keeps how long each translation took (seconds)."""

    def __init__(self, inner: object) -> None:
        self.inner = inner
        self.seconds: list[float] = []

    def supports(self, source: str, target: str) -> bool:
        return self.inner.supports(source, target)

    def translate(self, text: str, source: str, target: str) -> object:
        started = time.perf_counter()
        try:
            return self.inner.translate(text, source, target)
        finally:
            self.seconds.append(time.perf_counter() - started)


def bench_pipeline(config: KioskConfig, quick: bool = False) -> Stage:
    """Median and p90 of end of speech -> painted translation, with its parts and each final's timeline."""
    from kiosk.channels.speech import CLERK, SpeechChannel, asr_options
    from kiosk.runtime import KioskRuntime
    from translations.asr import SpeechRecognizer
    from ui.ui_latency import Screens

    os.environ.setdefault("QT_QPA_PLATFORM", "offscreen")
    recordings = clips(limit=2 if quick else None, language="ko")
    with tempfile.TemporaryDirectory() as tmp:
        bench_config, packs = isolated(config, Path(tmp))
        runtime = KioskRuntime.build(bench_config, start_devices=False)
        try:
            screen = Screens(runtime)
            session = runtime.session
            translator = TimedTranslator(session.translator)
            session.use_translator(translator)
            session.choose("en", VisitorMode.SPEECH)
            recognizer = TimedRecognizer(SpeechRecognizer(asr_options(bench_config)))
            recognizer.decode(recordings[0][2][:SAMPLE_RATE], "ko")  # warm up: the live kiosk loads it before visitors
            rows, clock_error = [], 0.0
            for _language, _reference, clip in recordings:  # a fresh stream per recording: times start at 0
                channel = SpeechChannel(session, recognizer, CLERK)
                audio = heard_live(clip, recognizer.options)
                played, error = _play(audio, channel, screen, translator, recognizer)
                rows += played
                clock_error = max(clock_error, error)
        finally:
            runtime.close()
    return _stage(rows, packs, len(recordings), clock_error)


def _play(audio: np.ndarray, channel, screen, translator: TimedTranslator, recognizer) -> tuple[list[dict], float]:
    """Stream one recording; one row of :data:`bench.pipeline_parts.PARTS` per final caption that reached the
    visitor screen, and how far the worker clock's end of its feed was from ``stream_audio``'s ready time (s).
    The windows update on the Qt thread beside the speech worker, as live: their time is not the worker's
    (``beside``), and a caption's own paint is added to its latency."""
    painted_before = len(screen.visitor_probe.latencies)
    clock = WorkerClock()
    clock.watch(channel.transcriber)
    timed = stream_audio(audio, clock.feed(channel.feed), clock.finish(channel.finish), beside=screen.settle)
    finals = [t for t in timed if t.caption.final and not t.caption.revised]
    paints = screen.visitor_probe.latencies[painted_before:]
    translations = translator.seconds[-len(finals) :] if finals else []
    feeds, decodes = clock.feeds(), clock.decodes(recognizer.decodes)
    noted = {(f.start, f.end): f for f in clock.finals()}
    rows, error = [], 0.0
    for item, paint, mt in zip(finals, paints, translations, strict=False):
        final = noted[(item.caption.start, item.caption.end)]
        error = max(error, abs(next(f for f in reversed(feeds) if f.start <= final.at).end - item.ready))
        parts = split(final, item.ready, feeds, decodes, mt, paint)
        rows.append({"total": item.ready - item.caption.end + paint, **parts})
    return rows, error


def _stage(rows: list[dict], packs: str, recordings: int, clock_error: float) -> Stage:
    if not rows:
        raise RuntimeError("no caption reached the visitor screen")
    totals = [r["total"] * 1000 for r in rows]
    p50, p90 = (float(v) for v in np.percentile(totals, [50, 90]))
    results = [
        Result("end of speech -> translated caption on visitor screen p50", round(p50), "ms", "<= 1000", p50 <= 1000),
        Result("end of speech -> translated caption on visitor screen p90", round(p90), "ms", "report", True),
        *parts_results(rows),
    ]
    info = {
        "pipeline_packs": packs,
        "pipeline_recordings": recordings,
        "pipeline_captions": len(rows),
        "pipeline_worker_clock_vs_ready_max_ms": round(clock_error * 1000, 3),
        "pipeline_painted_ms_per_final": [round(t) for t in totals],
        "pipeline_behind_earlier_work_ms_per_final": [round(r["behind earlier work"] * 1000) for r in rows],
    }
    return Stage(results, info, {"end of speech -> visitor screen": totals}, timeline(rows))
