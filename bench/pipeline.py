"""``kiosk bench pipeline``: end of speech -> translated caption painted on the visitor screen.

One visit, one process, the real parts: the clerk's Korean recordings (``../shared/testdata/speech/ko``)
stream through the live speech path with partial captions (:class:`kiosk.channels.speech.SpeechChannel`, clerk
microphone) on a virtual clock (:func:`kiosk.channels.transcribe.stream_audio`); each final caption is committed
by the Session, translated for an English-speaking visitor (installed packs, else the tiny ko->en test
pack), and shown through the bridge on the visitor window (offscreen Qt). The latency of a caption ends
when the visitor window has painted it, so it is recognition + translation + screen in one figure; the
three parts are reported too, and drawn as the per-stage timeline of the visit. The recogniser decodes
one second once before the visit (a live kiosk loads it when the microphone starts, before any visitor).
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
from bench.main import Result, Stage, clips, heard_live
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
    """Median and p90 of end of speech -> painted translation, with its parts and one visit's timeline."""
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
            recognizer = SpeechRecognizer(asr_options(bench_config))
            recognizer.decode(recordings[0][2][:SAMPLE_RATE], "ko")  # warm up: the live kiosk loads it before visitors
            rows, offset = [], 0.0
            for _language, _reference, clip in recordings:  # a fresh stream per recording: times start at 0
                channel = SpeechChannel(session, recognizer, CLERK)
                audio = heard_live(clip, recognizer.options)
                rows += _play(audio, channel, screen, translator, offset)
                offset += audio.size / SAMPLE_RATE
        finally:
            runtime.close()
    return _stage(rows, packs, len(recordings))


def _play(audio: np.ndarray, channel, screen, translator: TimedTranslator, offset: float) -> list[dict]:
    """Stream one recording; one row per final caption that reached the visitor screen. The windows update on
    the Qt thread beside the speech worker, as live: their time is not the worker's (``beside``), and a caption's
    own paint is added to its latency."""
    painted_before = len(screen.visitor_probe.latencies)
    timed = stream_audio(audio, channel.feed, channel.finish, beside=screen.settle)
    finals = [t for t in timed if t.caption.final and not t.caption.revised]
    paints = screen.visitor_probe.latencies[painted_before:]
    translations = translator.seconds[-len(finals) :] if finals else []
    rows = []
    for item, paint, mt in zip(finals, paints, translations, strict=False):
        total = item.ready - item.caption.end + paint
        rows.append(
            {
                "start": offset + item.caption.start,
                "end": offset + item.caption.end,
                "total": total,
                "translation": mt,
                "screen": paint,
                "recognition": total - mt - paint,
            }
        )
    return rows


def _stage(rows: list[dict], packs: str, recordings: int) -> Stage:
    if not rows:
        raise RuntimeError("no caption reached the visitor screen")
    totals = [r["total"] * 1000 for r in rows]
    p50, p90 = (float(v) for v in np.percentile(totals, [50, 90]))
    results = [
        Result("end of speech -> translated caption on visitor screen p50", round(p50), "ms", "<= 1000", p50 <= 1000),
        Result("end of speech -> translated caption on visitor screen p90", round(p90), "ms", "report", True),
    ]
    for part in ("recognition", "translation", "screen"):
        value = float(np.median([r[part] for r in rows])) * 1000
        results.append(Result(f"  of which {part} p50", round(value, 1), "ms", "report", True))
    timeline = []
    for i, r in enumerate(rows, start=1):
        at = r["end"] + r["recognition"]
        timeline += [
            {"row": f"caption {i}", "step": "speech", "start": r["start"], "end": r["end"]},
            {"row": f"caption {i}", "step": "recognition", "start": r["end"], "end": at},
            {"row": f"caption {i}", "step": "translation", "start": at, "end": at + r["translation"]},
            {"row": f"caption {i}", "step": "screen", "start": at + r["translation"], "end": r["end"] + r["total"]},
        ]
    info = {"pipeline_packs": packs, "pipeline_recordings": recordings, "pipeline_captions": len(rows)}
    return Stage(results, info, {"end of speech -> visitor screen": totals}, timeline)
