"""Where a painted caption's time goes, part by part (issue 16, item 3), from the bench's own run.

The speech worker's work is recorded on the virtual clock of :func:`kiosk.channels.transcribe.stream_audio`
through the interfaces the live path uses: the channel's ``feed``/``finish`` (:class:`WorkerClock`), the
transcriber's ``poll`` (when a final comes out, and whether it is the decoding made at the pause) and the
recogniser's ``decode`` (:class:`bench.main.TimedRecognizer`). A feed starts when the audio it is given has arrived
(``stream_audio`` gives the worker everything that arrived meanwhile), or when the previous feed ended, whichever
is later (a last chunk cut short by the file's end is given as it arrived, not as a whole chunk's time: no final
comes from it after :func:`bench.main.heard_live`'s silence); times inside a feed are its start plus the compute
time since. Each final's painted latency (end of
speech -> painted on the visitor screen) is then cut into :data:`PARTS`, which add up to it:

- ``pause seen``: end of speech -> the pause decoding starts (``SPECULATE_S`` of silence, in whole VAD windows, the
  chunk it arrives in, the VAD) but for the part behind earlier work,
- ``behind earlier work``: the worker still busy in an earlier feed (a greedy partial) when that silence had arrived,
- ``pause decoding``: the decoding the final reuses,
- ``silence wait``: -> the feed that delivers the final (the rest of ``end_silence_s`` or ``unended_silence_s``; when
  the final is not the pause decoding, everything from the end of speech to that feed),
- ``final decoding``: decodings in that feed (the utterance decoded again, or decoded on past a full stop),
- ``commit``: the rest of that feed (final text, guards, the Session's line and store) but the translation,
- ``translation``, ``screen`` (the visitor window's paint).
"""

from __future__ import annotations

import math
import time
from collections.abc import Callable
from typing import NamedTuple

import numpy as np

from base.audio import SAMPLE_RATE
from bench.main import Decoding, Result
from translations.streaming import SPECULATE_S
from translations.vad import WINDOW_S

PARTS = (
    "pause seen",
    "behind earlier work",
    "pause decoding",
    "silence wait",
    "final decoding",
    "commit",
    "translation",
    "screen",
)


class Span(NamedTuple):
    """Work on the virtual clock (seconds from the recording's start); ``beam`` of a decoding."""

    start: float
    end: float
    beam: int | None = None


class Final(NamedTuple):
    """A final caption (its speech ``start``/``end``), when the transcriber's poll returned it (``at``), and
    whether it is the decoding made at the pause (``reused``)."""

    start: float
    end: float
    at: float
    reused: bool


class WorkerClock:
    """The speech worker's feeds on the virtual clock of one recording (a fresh clock per stream)."""

    def __init__(self) -> None:
        self._feeds: list[tuple[float, float, float]] = []  # (virtual start, perf start, perf end)
        self._samples = 0
        self._end = 0.0  # the virtual time the last feed ended
        self._finals: list[tuple[float, float, float, bool]] = []  # (start, end, perf at, reused)

    def feed(self, inner: Callable[[np.ndarray], list]) -> Callable[[np.ndarray], list]:
        def fed(samples: np.ndarray) -> list:
            self._samples += samples.size
            return self._timed(lambda: inner(samples), self._samples / SAMPLE_RATE)

        return fed

    def finish(self, inner: Callable[[], list]) -> Callable[[], list]:
        return lambda: self._timed(inner, 0.0)

    def _timed(self, call: Callable[[], list], arrived: float) -> list:
        start = max(arrived, self._end)
        perf = time.perf_counter()
        try:
            return call()
        finally:
            ended = time.perf_counter()
            self._feeds.append((start, perf, ended))
            self._end = start + ended - perf

    def watch(self, transcriber) -> None:
        """Note each final ``transcriber.poll`` returns (its ``flush`` polls too)."""
        inner = transcriber.poll

        def poll() -> list:
            speculated = transcriber.speculated
            captions = inner()
            finals = [c for c in captions if c.final and not c.revised]
            reused = bool(finals) and transcriber.speculated - speculated == len(finals)  # else: not known, not all
            self._finals += [(c.start, c.end, time.perf_counter(), reused) for c in finals]
            return captions

        transcriber.poll = poll

    def feeds(self) -> list[Span]:
        return [Span(start, start + end - perf) for start, perf, end in self._feeds]

    def decodes(self, decodings: list[Decoding]) -> list[Span]:
        """The decodings made inside this clock's feeds, on its clock."""
        return [
            Span(self._virtual(d.started), self._virtual(d.ended), d.beam)
            for d in decodings
            if self._feeds and self._feeds[0][1] <= d.started <= self._feeds[-1][2]
        ]

    def finals(self) -> list[Final]:
        return [Final(start, end, self._virtual(at), reused) for start, end, at, reused in self._finals]

    def _virtual(self, perf: float) -> float:
        start, perf_start, _ = next(f for f in reversed(self._feeds) if f[1] <= perf)
        return start + perf - perf_start


def split(
    final: Final, ready: float, feeds: list[Span], decodes: list[Span], translation: float, screen: float
) -> dict[str, float]:
    """The final's painted latency (``ready`` - end of speech + ``screen``) in :data:`PARTS` (seconds)."""
    deliver = next(f for f in reversed(feeds) if f.start <= final.at)
    pause = next((d for d in reversed(decodes) if d.beam is None and d.end <= deliver.start), None)
    pause = pause if final.reused else None
    behind = 0.0
    if pause:
        audible = final.end + math.ceil(SPECULATE_S / WINDOW_S - 1e-9) * WINDOW_S  # the pause's silence arrived
        paused = next(f for f in reversed(feeds) if f.start <= pause.start)
        behind = sum(max(0.0, min(f.end, paused.start) - max(f.start, audible)) for f in feeds if f is not paused)
    last = sum(d.end - d.start for d in decodes if deliver.start <= d.start <= final.at)
    parts = {
        "pause seen": pause.start - final.end - behind if pause else 0.0,
        "behind earlier work": behind,
        "pause decoding": pause.end - pause.start if pause else 0.0,
        "silence wait": deliver.start - (pause.end if pause else final.end),
        "final decoding": last,
        "commit": ready - deliver.start - last - translation,
        "translation": translation,
        "screen": screen,
    }
    return {"speech": final.end - final.start, **parts}


def results(rows: list[dict]) -> list[Result]:
    """p50 and p90 of each part, the speech per final and the decoding's seconds per second of speech."""
    out = [row for part in PARTS for row in _quantiles(f"  of which {part}", [r[part] * 1000 for r in rows], "ms", 1)]
    rates = [(r["pause decoding"] + r["final decoding"]) / r["speech"] for r in rows]
    out += _quantiles("seconds of speech per final", [r["speech"] for r in rows], "s", 3)
    out += _quantiles("decoding seconds per second of speech", rates, "", 3)
    waited = sum(r["behind earlier work"] > 0.01 for r in rows)
    out.append(
        Result(
            "finals whose pause decoding waited behind earlier work (> 10 ms)",
            waited,
            f"of {len(rows)}",
            "report",
            True,
        )
    )
    return out


def _quantiles(name: str, values: list[float], unit: str, digits: int) -> list[Result]:
    """The p50 and p90 rows of ``values`` (reported, no target)."""
    p50, p90 = np.percentile(values, [50, 90])
    return [Result(f"{name} p{q}", round(float(v), digits), unit, "report", True) for q, v in ((50, p50), (90, p90))]


def timeline(rows: list[dict]) -> list[dict]:
    """Per final, from its end of speech (0 s) on: each part of :data:`PARTS` (parts of no length left out)."""
    steps = []
    for i, r in enumerate(rows, start=1):
        row, at = f"caption {i} ({r['speech']:.1f} s of speech)", 0.0
        for part in PARTS:
            if r[part] > 1e-4:
                steps.append({"row": row, "step": part, "start": at, "end": at + r[part]})
            at += r[part]
    return steps
