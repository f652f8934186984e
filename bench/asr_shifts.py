"""The judge of "no worse than offline" (issue 16): the kiosk and offline over copies shifted by a few ms.

Each sample of the named speech sets (:mod:`bench.asr_sets`) is decoded by the live path and by plain offline
``WhisperModel.transcribe()`` once per shift: 0, 10, 20, 30 and 40 ms of digital silence put before it. 10 ms of
silence moves either decoder by several points on a few clips, so one comparison is one draw; the judge is the
median over the shifts of the kiosk's corpus rate minus offline's on the same audio (:func:`paired_difference`,
at most the issue's half point; the slow test judges with the same functions). Per set and language it prints
each system's rate at every shift, their spread (min / median / max) and that median. The per-sample texts go to
``--out`` (JSON) for the clip-by-clip reading.

Why leads only: every shift must be a new draw for both sides, or the median leans on the pairs that reuse one.
The kiosk's text ends where its VAD says the speech ends, so silence added after a sample or taken off its end
never changed it (fourteenth session: its text at 0.3 s more or less after was its lead-0 text on every sample):
3 of the 7 earlier pairs reused the lead-0 reading. A lead moves the audio against every 10 ms frame and VAD
window of both decoders.

Repeatable: the kiosk's decodes do not sample; offline's temperature fallback does, so each sample gets a new
offline recognizer seeded by :func:`bench.asr_sets.offline_recognizer`: the same command prints the same table,
and a sample reads the same whichever set, language or test it is judged in.

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

from base.audio import SAMPLE_RATE as RATE
from bench.asr_sets import SETS, Sample, make_set, offline_recognizer, offline_text, streaming_text
from bench.main import ERROR_RATE_MARGIN, clips
from bench.scoring import edit_distance, units
from kiosk.channels.speech import asr_options
from kiosk.config import load_config
from translations.asr import SpeechRecognizer

LEADS_MS = (0, 10, 20, 30, 40)


def variants(audio: np.ndarray) -> dict[str, np.ndarray]:
    """The shifted copies of ``audio`` by name: ``lead N`` ms of silence before it."""
    return {f"lead {ms}": np.concatenate([np.zeros(ms * RATE // 1000, np.float32), audio]) for ms in LEADS_MS}


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
    """Per sample and variant: the reference units, both texts and their edit counts (offline by a new seeded
    recognizer per sample, with ``recognizer``'s options)."""
    options, rows = recognizer.options, []
    for index, sample in enumerate(samples):
        ref, offline = units(sample.reference, sample.language), offline_recognizer(options)
        for name, audio in variants(sample.audio).items():
            shifted = dataclasses.replace(sample, audio=audio)
            ours, _ = streaming_text(recognizer, options, shifted)
            theirs = offline_text(offline, shifted)
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
    header = " | ".join(f"{v} streaming / offline" for v in variants(np.zeros(RATE, np.float32)))
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
