"""How much a few milliseconds move the error rate: offline's own sensitivity beside the kiosk's (issue 16).

Each sample of the named speech sets (:mod:`bench.asr_sets`) is decoded by the live path and by plain offline
``WhisperModel.transcribe()`` several times, the audio changed only where nobody speaks: 0, 10, 20, 30 and
40 ms of digital silence put before it, and 0.3 s of silence added after it or taken off its end (never
past 0.1 s after its last voiced VAD window, so no speech is removed). Per set and language it prints the
corpus error rate of each system at every shift and their spread (min / median / max): a difference between
the kiosk and offline that lies inside offline's own spread is what a 10 ms change does to offline itself.
The per-sample texts go to ``--out`` (JSON) for the clip-by-clip reading.

    python -m bench.asr_shifts --set cut --set short --out /tmp/shifts.json
"""

from __future__ import annotations

import argparse
import dataclasses
import json
import os
import sys
from pathlib import Path

import numpy as np

from bench.asr_sets import RATE, SETS, Sample, make_set, offline_text, streaming_text
from bench.main import ERROR_RATE_MARGIN, clips
from bench.scoring import edit_distance, units
from kiosk.channels.speech import asr_options
from kiosk.config import load_config
from translations.asr import SpeechRecognizer
from translations.vad import WINDOW, StreamingVad

LEADS_MS = (0, 10, 20, 30, 40)
TRAIL_S = 0.3
KEEP_AFTER_VOICE_S = 0.1


def variants(audio: np.ndarray, last_voiced_s: float) -> dict[str, np.ndarray]:
    """The shifted copies of ``audio`` by name: ``lead N`` ms of silence before it, ``trail +0.3`` / ``trail -0.3``
    s after it (the cut stops ``KEEP_AFTER_VOICE_S`` after ``last_voiced_s``, the end of the last voiced window)."""
    shifted = {f"lead {ms}": np.concatenate([np.zeros(ms * RATE // 1000, np.float32), audio]) for ms in LEADS_MS}
    shifted[f"trail +{TRAIL_S}"] = np.concatenate([audio, np.zeros(int(TRAIL_S * RATE), np.float32)])
    keep = max(audio.size - int(TRAIL_S * RATE), int((last_voiced_s + KEEP_AFTER_VOICE_S) * RATE))
    shifted[f"trail -{TRAIL_S}"] = audio[: min(audio.size, keep)]
    return shifted


def last_voiced_s(audio: np.ndarray, vad: StreamingVad, threshold: float) -> float:
    """The end (seconds) of the last VAD window at or above ``threshold``; 0 when none is."""
    vad.reset()
    voiced = np.flatnonzero(vad.push(audio) >= threshold)
    return float((voiced[-1] + 1) * WINDOW / RATE) if voiced.size else 0.0


def language_samples(
    name: str, recordings: list[tuple[str, str, np.ndarray]], recognizer: SpeechRecognizer, language: str | None
) -> list[Sample]:
    """Set ``name`` made from all ``recordings``, then only ``language``'s samples (None: all): a seeded set draws
    each sample's pause, room and level from the clip's place among all the clips, so these are the samples
    ``kiosk bench asr --set`` scores (made from one language's clips alone, the en and zh breaths were others)."""
    return [s for s in make_set(name, recordings, recognizer) if language in (None, s.language)]


def spread(rates: list[float]) -> tuple[float, float, float]:
    """(min, median, max) of ``rates``."""
    return float(np.min(rates)), float(np.median(rates)), float(np.max(rates))


def measure(recognizer: SpeechRecognizer, samples: list[Sample]) -> list[dict]:
    """Per sample and variant: the reference units, both texts and their edit counts."""
    vad, options, rows = StreamingVad(), recognizer.options, []
    for index, sample in enumerate(samples):
        ref = units(sample.reference, sample.language)
        for name, audio in variants(sample.audio, last_voiced_s(sample.audio, vad, options.vad_threshold)).items():
            shifted = dataclasses.replace(sample, audio=audio)
            ours, _ = streaming_text(recognizer, options, shifted)
            theirs = offline_text(recognizer, shifted)
            rows.append(
                {
                    "sample": index,
                    "language": sample.language,
                    "variant": name,
                    "units": len(ref),
                    "reference": sample.reference,
                    "streaming": ours,
                    "offline": theirs,
                    "streaming_edits": edit_distance(ref, units(ours, sample.language)),
                    "offline_edits": edit_distance(ref, units(theirs, sample.language)),
                }
            )
    return rows


def rates(rows: list[dict], language: str) -> dict[tuple[str, str], float]:
    """Corpus error rate of ``language``'s rows by (system, variant): system "streaming" or "offline"."""
    mine = [r for r in rows if r["language"] == language]
    names = list(dict.fromkeys(r["variant"] for r in mine))
    total = sum(r["units"] for r in mine if r["variant"] == names[0])
    return {
        (system, v): sum(r[f"{system}_edits"] for r in mine if r["variant"] == v) / total
        for system in ("streaming", "offline")
        for v in names
    }


def paired_difference(rate: dict[tuple[str, str], float]) -> float:
    """The median over the variants of the kiosk's rate minus offline's on the same audio (of :func:`rates`)."""
    names = list(dict.fromkeys(v for _, v in rate))
    return float(np.median([rate["streaming", v] - rate["offline", v] for v in names]))


def table(name: str, rows: list[dict]) -> list[str]:
    """Markdown rows: per language, each system's corpus rate at every variant, its spread, the median of the
    kiosk-minus-offline differences (same audio), and whether the kiosk's rate at no shift lies inside offline's
    spread (its top widened by the issue's half a point), above it or below it."""
    lines = []
    for language in sorted({r["language"] for r in rows}):
        rate = rates(rows, language)
        names = list(dict.fromkeys(v for _, v in rate))
        total = sum(r["units"] for r in rows if r["language"] == language and r["variant"] == names[0])
        bands = {s: spread([rate[s, v] for v in names]) for s in ("streaming", "offline")}
        cells = " | ".join(f"{rate['streaming', v]:.3f} / {rate['offline', v]:.3f}" for v in names)
        low, _, high = bands["offline"]
        ours = rate["streaming", names[0]]
        inside = "above (worse)" if ours > high + ERROR_RATE_MARGIN else "below (better)" if ours < low else "inside"
        lines.append(
            f"| {name} {language} ({total} units) | {cells} | "
            + " | ".join("{:.3f} / {:.3f} / {:.3f}".format(*bands[s]) for s in ("streaming", "offline"))
            + f" | {paired_difference(rate) * 100:+.1f} | {inside} |"
        )
    return lines


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--set", action="append", choices=SETS, required=True, help="speech set(s) to measure")
    parser.add_argument("--language", help="only this language's clips (ko, en, zh)")
    parser.add_argument("--out", type=Path, help="per-sample texts and edit counts (JSON)")
    args = parser.parse_args(argv)
    recognizer = SpeechRecognizer(asr_options(load_config()))
    recordings = clips()
    print(f"load average before: {os.getloadavg()[0]:.2f}", file=sys.stderr)
    header = " | ".join(f"{v} streaming / offline" for v in variants(np.zeros(RATE, np.float32), 1.0))
    print(
        f"| set | {header} | streaming min / median / max | offline min / median / max | "
        "median of the differences (points) | kiosk at no shift |"
    )
    everything = {}
    for name in args.set:
        rows = measure(recognizer, language_samples(name, recordings, recognizer, args.language))
        everything[name] = rows
        print("\n".join(table(name, rows)), flush=True)
        if args.out:
            args.out.write_text(json.dumps(everything, ensure_ascii=False, indent=1), encoding="utf-8")
    print(f"load average after: {os.getloadavg()[0]:.2f}", file=sys.stderr)
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
