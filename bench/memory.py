"""``kiosk bench memory``: peak RSS of one kiosk process with every engine loaded and used once.

A fresh process (``multiprocessing`` spawn, so nothing this process loaded counts) builds the kiosk
runtime and both windows (offscreen Qt), then loads and runs, in order: the whisper recogniser (decodes
the demo audio), the translator (the installed packs, else the tiny ko->en pack), MediaPipe Holistic (a
frame with a person), the fingerspelling classifiers (one hand) and the Piper voice (one sentence).
Resident memory after each step shows what each engine adds.
"""

from __future__ import annotations

import multiprocessing
import os
import resource
import tempfile
from pathlib import Path

from bench.env import isolated
from bench.main import Result, Stage
from kiosk.config import KioskConfig

TARGET_MB = 1200.0


def bench_memory(config: KioskConfig, quick: bool = False) -> Stage:
    """Peak RSS with all engines in one process, and the resident memory after each step."""
    with tempfile.TemporaryDirectory() as tmp:
        bench_config, packs = isolated(config, Path(tmp))
        context = multiprocessing.get_context("spawn")
        with context.Pool(1) as pool:
            steps, peak_mb = pool.apply(load_everything, (bench_config,))
    results = [Result("peak RSS, every engine loaded", round(peak_mb), "MB", "<= 1200", peak_mb <= TARGET_MB)]
    previous = 0.0
    for name, mb in steps:
        results.append(Result(f"RSS after {name} (+{mb - previous:.0f})", round(mb), "MB", "report", True))
        previous = mb
    return Stage(results, {"memory_packs": packs})


def load_everything(config: KioskConfig) -> tuple[list[tuple[str, float]], float]:
    """In the child: load and use every engine; (step, resident MB) after each, and the peak in MB."""
    os.environ.setdefault("QT_QPA_PLATFORM", "offscreen")
    from bench.sign import person_frame
    from hardware.wav_file import read_wav
    from kiosk.channels.speech import asr_options
    from kiosk.runtime import KioskRuntime
    from sign_models.hand_model import canonical_hand
    from translations.asr import SpeechRecognizer
    from ui.app import application, build_windows

    steps = [("start", _resident_mb())]
    app = application()
    runtime = KioskRuntime.build(config, start_devices=False)
    windows = build_windows(runtime)
    app.processEvents()
    steps.append(("kiosk runtime (sign + fingerspelling models) + windows", _resident_mb()))
    recognizer = SpeechRecognizer(asr_options(config))
    segments, _ = recognizer.model.transcribe(read_wav(config.devices.demo_audio), language="en")
    list(segments)
    steps.append(("whisper base (one decode)", _resident_mb()))
    runtime.session.translator.translate("안녕하세요 서류 여기 서명 주세요", "ko", "en")
    steps.append(("translation pack (one line)", _resident_mb()))
    from sign_models.landmarks import HolisticLandmarker

    HolisticLandmarker(hands_alone=True).process(person_frame(), 0.0)  # as the spelling channel's: Hands loaded too
    steps.append(("MediaPipe Holistic + Hands (one frame)", _resident_mb()))
    from sign_models.fingerspell_classifier import FingerspellClassifier
    from sign_models.fingerspell_spec import load_spec

    FingerspellClassifier.load().classify(canonical_hand(next(iter(load_spec().letters.values()))))
    steps.append(("fingerspelling classifier (one hand)", _resident_mb()))
    runtime.voice.voices.synthesize("Please show me your residence card.", "en")
    steps.append(("Piper voice (one sentence)", _resident_mb()))
    peak = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024.0
    runtime.close()
    del windows
    return steps, peak


def _resident_mb() -> float:
    for line in Path("/proc/self/status").read_text().splitlines():
        if line.startswith("VmRSS:"):
            return int(line.split()[1]) / 1024.0
    return 0.0
