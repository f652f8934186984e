"""A room's level, as the speech stream and ``kiosk doctor``'s microphone check both read it: the quiet between
sounds, the ``ROOM_PERCENTILE``-th percentile of 32 ms window levels, windows of mostly digital silence left out."""

from __future__ import annotations

import numpy as np

WINDOW = 512  # samples per window (32 ms at base.audio.SAMPLE_RATE), as the VAD's
ROOM_PERCENTILE = 10  # the room's level: this percentile of the window levels
DIGITAL_SILENCE = 0.5  # a window with this share of samples exactly 0 (a muted channel: the two-microphone router
# feeds zeros; a recording's edited start) is no room level


def rms(window: np.ndarray) -> float:
    """A window's level: its root mean square."""
    return float(np.sqrt(np.mean(np.square(window, dtype=np.float64))))


def heard(window: np.ndarray) -> bool:
    """True when ``window`` is sound (a room level), not mostly digital silence."""
    return bool(np.count_nonzero(window) > (1 - DIGITAL_SILENCE) * window.size)


def room_level(levels: list[float] | np.ndarray) -> float:
    """The room's level among window ``levels`` (not empty)."""
    return float(np.percentile(levels, ROOM_PERCENTILE))
