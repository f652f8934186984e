"""Run an audio file through the live streaming path on a virtual clock (``kiosk transcribe``, replay).

The file's audio "arrives" in real time on a virtual clock, while decoding takes the real compute time
it takes: before each feed the worker gets everything that arrived meanwhile, exactly as the live
microphone worker reads everything its ring buffer holds. A final caption's latency is the virtual time
when it was ready minus the end of its speech, so it includes the end-of-speech silence wait, any
backlog and the decoding itself.
"""

from __future__ import annotations

import time
from collections.abc import Callable
from dataclasses import dataclass

import numpy as np

from base.audio import SAMPLE_RATE
from base.events import Caption


@dataclass(frozen=True)
class TimedCaption:
    """A caption and the virtual time (seconds from the start of the file) when it was ready."""

    caption: Caption
    ready: float

    @property
    def latency_ms(self) -> float:
        return round((self.ready - self.caption.end) * 1000.0, 1)

    def as_json(self) -> dict:
        c = self.caption
        return {
            "text": c.text,
            "lang": c.language,
            "start": round(c.start, 3),
            "end": round(c.end, 3),
            "latency_ms": self.latency_ms,
        }


def stream_audio(
    audio: np.ndarray,
    feed: Callable[[np.ndarray], list[Caption]],
    finish: Callable[[], list[Caption]],
    chunk_s: float = 0.1,
    beside: Callable[[], object] = lambda: None,
) -> list[TimedCaption]:
    """Feed ``audio`` as it would arrive live; return every caption with the virtual time it was ready.

    ``beside``: work that the live kiosk does on another thread (the Qt thread painting what the speech worker
    delivered), run after every feed and not counted on the speech worker's clock."""
    clock, position, step = 0.0, 0, int(chunk_s * SAMPLE_RATE)
    out: list[TimedCaption] = []
    while position < audio.size:
        arrived = int(clock * SAMPLE_RATE)
        if arrived < position + step:  # idle until the next chunk has arrived
            arrived = position + step
            clock = arrived / SAMPLE_RATE
        samples = audio[position : min(arrived, audio.size)]
        position += samples.size
        started = time.perf_counter()
        captions = feed(samples)
        clock += time.perf_counter() - started
        out += [TimedCaption(c, clock) for c in captions]
        beside()
    started = time.perf_counter()
    captions = finish()
    clock += time.perf_counter() - started
    beside()
    return out + [TimedCaption(c, clock) for c in captions]
