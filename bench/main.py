"""``kiosk bench``: latency, real-time factor and memory against the targets, with the command that made them.

Stages (``kiosk bench STAGE...``; ``all`` runs every one): ``asr`` here, ``mt`` (:mod:`bench.mt`),
``sign`` (:mod:`bench.sign`), ``ui`` (:mod:`bench.ui`), ``startup`` (:mod:`bench.startup`),
``memory`` (:mod:`bench.memory`) and ``pipeline`` (:mod:`bench.pipeline`: end of speech to the
translated caption on the visitor screen). Each returns a :class:`Stage`; :mod:`bench.report` writes
``report.md``, ``report.json`` and the charts.

``asr``: every test recording (``../shared/testdata/speech``) is streamed through the live path on a
virtual clock (:mod:`kiosk.channels.transcribe`), and, in the same run, the plain offline
``WhisperModel.transcribe()`` of the whole clip is started at the end of speech, so the two latencies are
measured side by side.
"""

from __future__ import annotations

import json
import os
import platform
import resource
import shlex
import sys
import time
from dataclasses import asdict, dataclass, field
from pathlib import Path

import numpy as np

from base.events import Role
from base.languages import lookup
from bench.scoring import error_rate
from hardware.wav_file import read_wav
from kiosk.channels.speech import asr_options
from kiosk.channels.transcribe import stream_audio
from kiosk.config import KioskConfig
from translations.asr import SpeechRecognizer
from translations.streaming import StreamingTranscriber

SPEECH = Path(__file__).resolve().parents[2] / "shared" / "testdata" / "speech"
STAGES = ("asr", "mt", "sign", "ui", "startup", "memory", "pipeline")


ERROR_RATE_MARGIN = 0.005  # issue 16: streaming no worse than offline by more than half a point


@dataclass(frozen=True)
class Result:
    """One measured figure and its target."""

    name: str
    value: float
    unit: str
    target: str
    passed: bool

    def as_json(self) -> dict:
        data = asdict(self)
        data["pass"] = bool(data.pop("passed"))
        data["value"] = float(self.value)
        return data


@dataclass
class Stage:
    """What one stage measured: figures against targets, facts about the run, raw samples for the charts."""

    results: list[Result]
    info: dict = field(default_factory=dict)
    samples: dict[str, list[float]] = field(default_factory=dict)  # milliseconds: one histogram each
    timeline: list[dict] = field(default_factory=list)  # one visit, stage by stage (pipeline)


def clips(limit: int | None = None, language: str | None = None) -> list[tuple[str, str, np.ndarray]]:
    """(language, reference text, audio) of the benchmark utterances."""
    manifest = SPEECH / "manifest.jsonl"
    if not manifest.is_file():
        raise FileNotFoundError(f"no test recordings at {SPEECH}")
    rows = [json.loads(line) for line in manifest.read_text(encoding="utf-8").splitlines() if line.strip()]
    rows = [r for r in rows if r["duration_s"] <= 12.0 and language in (None, r["lang"])][:limit]
    return [(r["lang"], r["text"], read_wav(SPEECH / r["path"])) for r in rows]


def bench_asr(config: KioskConfig, limit: int | None = None) -> Stage:
    """Measure the streaming path against offline transcription on the same clips in the same run."""
    recognizer = SpeechRecognizer(asr_options(config))
    latencies, offline, gaps, compute, audio_seconds = [], [], [], 0.0, 0.0
    by_language: dict[str, list[tuple[str, str, str]]] = {}
    for language, reference, audio in clips(limit):
        transcriber = StreamingTranscriber(recognizer, Role.VISITOR, language=language, allowed=(language,))
        started = time.perf_counter()
        timed = stream_audio(audio, lambda s, t=transcriber: t.push(s) or t.poll(), transcriber.flush)
        compute += time.perf_counter() - started
        audio_seconds += audio.size / 16000
        finals = [t for t in timed if t.caption.final]
        latencies += [t.latency_ms for t in finals]
        gaps += _update_gaps(timed)
        started = time.perf_counter()
        segments, _ = recognizer.model.transcribe(audio, language=language)
        offline_text = "".join(s.text for s in segments)
        offline.append((time.perf_counter() - started) * 1000.0)
        by_language.setdefault(language, []).append((reference, " ".join(t.caption.text for t in finals), offline_text))
    p50, p90 = np.percentile(latencies, [50, 90])
    offline_p50 = float(np.median(offline))
    gap_p90 = float(np.percentile(gaps, 90)) if gaps else 0.0
    rss_mb = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024.0
    results = [
        Result("asr final latency p50", round(p50), "ms", "<= 800", p50 <= 800),
        Result("asr final latency p90", round(p90), "ms", "report", True),
        Result("asr offline transcribe latency p50", round(offline_p50), "ms", "report", True),
        Result(
            "asr latency ratio streaming/offline (p50)",
            round(p50 / offline_p50, 3),
            "",
            "<= 0.5",
            p50 / offline_p50 <= 0.5,
        ),
        Result("asr partial update interval p90", round(gap_p90), "ms", "<= 1000", gap_p90 <= 1000),
        Result(
            "asr real-time factor (streaming compute / audio)",
            round(compute / audio_seconds, 3),
            "",
            "< 1",
            compute / audio_seconds < 1,
        ),
        Result("asr peak RSS", round(rss_mb), "MB", "<= 700", rss_mb <= 700),
    ]
    for language, rows in sorted(by_language.items()):
        refs = [r[0] for r in rows]
        ours, theirs = (
            error_rate(refs, [r[1] for r in rows], language),
            error_rate(refs, [r[2] for r in rows], language),
        )
        results.append(
            Result(
                f"asr {language} {lookup(language).asr_metric} streaming (offline {theirs:.3f})",
                round(ours, 3),
                "",
                f"<= offline {theirs:.3f} + 0.005",
                ours <= theirs + ERROR_RATE_MARGIN,
            )
        )
    info = {"utterances": len(latencies), "clips": sum(len(r) for r in by_language.values())}
    return Stage(results, info, {"asr final caption latency": latencies, "asr offline transcribe": offline})


def _update_gaps(timed: list) -> list[float]:
    """Milliseconds between consecutive caption updates inside one utterance (partials and its final)."""
    gaps, last = [], None
    for item in timed:
        if last is not None and item.caption.start == last.caption.start:
            gaps.append((item.ready - last.ready) * 1000.0)
        last = None if item.caption.final else item
    return gaps


def machine() -> dict:
    """Where the figures were measured."""
    model = (
        next(
            (
                line.split(":", 1)[1].strip()
                for line in Path("/proc/cpuinfo").read_text().splitlines()
                if line.startswith("model name")
            ),
            platform.processor(),
        )
        if Path("/proc/cpuinfo").exists()
        else ""
    )
    return {
        "cpu": model,
        "cores_used": len(os.sched_getaffinity(0)),
        "cores_total": os.cpu_count(),
        "python": platform.python_version(),
        "system": platform.platform(),
        "date": time.strftime("%Y-%m-%d %H:%M %Z"),
    }


def run(stages: list[str], config: KioskConfig, cores: int | None, quick: bool) -> tuple[dict, list[Stage]]:
    """Run the stages (``all``: every one) and return the report dict and what each stage measured."""
    if cores:
        os.sched_setaffinity(0, set(sorted(os.sched_getaffinity(0))[:cores]))
    names = list(STAGES) if "all" in stages else list(dict.fromkeys(stages))
    unknown = [n for n in names if n not in STAGES]
    if unknown:
        raise ValueError(f"unknown bench stage(s) {unknown} (available: {', '.join(STAGES)}, all)")
    done = [_stage(name, config, quick) for name in names]
    report = {
        "results": [r.as_json() for stage in done for r in stage.results],
        "machine": machine() | {k: v for stage in done for k, v in stage.info.items()},
        "command": "kiosk " + " ".join(shlex.quote(a) for a in sys.argv[1:]),
    }
    return report, done


def _stage(name: str, config: KioskConfig, quick: bool) -> Stage:
    """Run one stage (the modules are imported here, not by name, so PyInstaller bundles them)."""
    if name == "asr":
        return bench_asr(config, limit=4 if quick else None)
    from bench import memory as bench_memory
    from bench import mt as bench_mt
    from bench import pipeline as bench_pipeline
    from bench import sign as bench_sign
    from bench import startup as bench_startup
    from bench import ui as bench_ui

    runners = {
        "mt": bench_mt.bench_mt,
        "sign": bench_sign.bench_sign,
        "ui": bench_ui.bench_ui,
        "startup": bench_startup.bench_startup,
        "memory": bench_memory.bench_memory,
        "pipeline": bench_pipeline.bench_pipeline,
    }
    return runners[name](config, quick)
