"""A microphone's level, for ``kiosk doctor``: record a couple of seconds and tell a muted or dead microphone
(digital silence, or a constant) and clipping from a working one, whose room level is given in dBFS.

A muted channel or a dead capsule still "exists" (PortAudio lists it, the stream opens) but delivers zeros or a
stuck value: the kiosk would then never hear anyone, and nothing on the screens would say why.
"""

from __future__ import annotations

import math
import time
from dataclasses import dataclass

import numpy as np

from base.room_level import WINDOW, heard, rms, room_level
from hardware.devices import SAMPLE_RATE, Microphone

RECORD_S = 2.0
TIMEOUT_S = 5.0  # a microphone that delivers nothing this long is dead
STUCK = 2.0 / 32_768  # a peak-to-peak swing under two steps of 16-bit audio is a constant: muted or dead
CLIP = 0.999  # a sample this close to full scale is clipped ...
CLIPPED_SHARE = 0.001  # ... and this share of them is clipping


@dataclass(frozen=True)
class Level:
    """What a recording says of its microphone: ``verdict`` is "silent" (digital silence), "constant" (a stuck
    value), "clipping" or "ok"; levels in dBFS (RMS of a full-scale sine: -3 dBFS)."""

    verdict: str
    seconds: float
    room_dbfs: float
    peak_dbfs: float
    clipped: float  # share of clipped samples


def record(microphone: Microphone, seconds: float = RECORD_S, timeout_s: float = TIMEOUT_S) -> np.ndarray:
    """Up to ``seconds`` of 16 kHz audio from ``microphone`` (started and stopped here; less when it delivers
    nothing for ``timeout_s``). Raises what ``start`` raises (DeviceError)."""
    microphone.start()
    chunks, count, deadline = [], 0, time.monotonic() + timeout_s
    try:
        while count < seconds * SAMPLE_RATE and time.monotonic() < deadline:
            chunk = microphone.read(0.1)
            if chunk is None or chunk.samples.size == 0:
                time.sleep(0.02)
                continue
            chunks.append(np.asarray(chunk.samples, np.float32))
            count += chunk.samples.size
    finally:
        microphone.stop()
    return np.concatenate(chunks)[: int(seconds * SAMPLE_RATE)] if chunks else np.zeros(0, np.float32)


def judge(samples: np.ndarray) -> Level:
    """The verdict and levels of a recording."""
    samples = np.asarray(samples, np.float64).reshape(-1)
    seconds = samples.size / SAMPLE_RATE
    if samples.size == 0 or not np.any(samples):
        return Level("silent", seconds, -math.inf, -math.inf, 0.0)
    peak = float(np.max(np.abs(samples)))
    if float(np.ptp(samples)) < STUCK:
        return Level("constant", seconds, _dbfs(peak), _dbfs(peak), 0.0)
    windows = np.array_split(samples, max(1, samples.size // WINDOW))
    levels = [rms(w) for w in windows if heard(w)]
    if not levels:  # mostly exact zeros: a muted channel, a glitch or two
        return Level("silent", seconds, -math.inf, _dbfs(peak), 0.0)
    clipped = float(np.mean(np.abs(samples) >= CLIP))
    verdict = "clipping" if clipped >= CLIPPED_SHARE else "ok"
    return Level(verdict, seconds, _dbfs(room_level(levels)), _dbfs(peak), clipped)


def _dbfs(value: float) -> float:
    return 20 * math.log10(value) if value > 0 else -math.inf
