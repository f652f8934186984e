"""Two microphones read as one time-aligned pair (the clerk's and the visitor's at one counter).

Each device delivers audio in its own chunks; :class:`MicrophonePair` buffers both and hands out only the
stretch both have, so sample *i* of one channel was heard at the same moment as sample *i* of the other.
Two USB devices run on two clocks: when one is ahead by more than ``MAX_SKEW_S`` (drift, or one device
stalled), its oldest surplus is dropped so the pair re-aligns instead of buffering without end.

The clerk's microphone is the pair's: when it fails, the pair fails. The visitor's may come and go: while it is
missing, ``read`` returns the clerk's audio alone (``visitor`` None, for the one-microphone rule) and the
visitor's is reopened every ``RETRY_S``.
"""

from __future__ import annotations

import logging
import time
from collections.abc import Callable

import numpy as np

from base.errors import KioskError
from hardware.devices import SAMPLE_RATE, Microphone

log = logging.getLogger(__name__)

MAX_SKEW_S = 0.5
RETRY_S = 2.0


def _open(start: Callable[[], None]) -> bool:
    try:
        start()
    except KioskError as exc:
        log.warning("visitor microphone unavailable: %s", exc.message_en)
        return False
    return True


class MicrophonePair:
    """``read()`` -> (clerk, visitor): equally long float32 arrays (possibly empty), or visitor None while the
    visitor's microphone is missing. ``opened(start) -> bool`` and ``lost(error)`` report the visitor's
    microphone (the runtime passes its device watch, which tells the screens)."""

    def __init__(
        self,
        clerk: Microphone,
        visitor: Microphone,
        *,
        opened: Callable[[Callable[[], None]], bool] = _open,
        lost: Callable[[KioskError], None] | None = None,
        max_skew_s: float = MAX_SKEW_S,
    ) -> None:
        self.clerk, self.visitor = clerk, visitor
        self.name = f"{clerk.name} + {visitor.name}"
        self.opened, self.lost = opened, lost or (lambda exc: None)
        self._max_skew = int(max_skew_s * SAMPLE_RATE)
        self._buffers = [np.zeros(0, np.float32), np.zeros(0, np.float32)]
        self._visitor_ok = False
        self._retry_at = 0.0
        self.dropped_samples = 0  # dropped to re-align so far

    def start(self) -> None:
        """Start the clerk's microphone (its DeviceError is the pair's) and try the visitor's."""
        self.clerk.start()
        self._buffers = [np.zeros(0, np.float32), np.zeros(0, np.float32)]
        self._start_visitor()

    def read(self, max_seconds: float = 0.1) -> tuple[np.ndarray, np.ndarray | None]:
        """What both microphones have heard since the last call, aligned."""
        if not self._visitor_ok and time.monotonic() >= self._retry_at:
            self._start_visitor()
        self._append(0, self.clerk, max_seconds)
        if self._visitor_ok:
            try:
                self._append(1, self.visitor, max_seconds)
            except KioskError as exc:
                self._visitor_ok, self._retry_at = False, time.monotonic() + RETRY_S
                self.lost(exc)
                _quietly(self.visitor.stop)
        if not self._visitor_ok:
            clerk, self._buffers[0] = self._buffers[0], np.zeros(0, np.float32)
            return clerk, None
        self._realign()
        both = min(buffer.size for buffer in self._buffers)
        out = (self._buffers[0][:both], self._buffers[1][:both])
        self._buffers = [buffer[both:] for buffer in self._buffers]
        return out

    def stop(self) -> None:
        _quietly(self.visitor.stop)
        self.clerk.stop()

    def _start_visitor(self) -> None:
        self._visitor_ok = self.opened(self.visitor.start)
        self._retry_at = time.monotonic() + RETRY_S
        self._buffers = [np.zeros(0, np.float32), np.zeros(0, np.float32)]

    def _append(self, index: int, device: Microphone, max_seconds: float) -> None:
        chunk = device.read(max_seconds)
        if chunk is not None and chunk.samples.size:
            self._buffers[index] = np.concatenate([self._buffers[index], chunk.samples.astype(np.float32)])

    def _realign(self) -> None:
        skew = self._buffers[0].size - self._buffers[1].size
        if abs(skew) > self._max_skew:
            ahead, surplus = (0 if skew > 0 else 1), abs(skew) - self._max_skew
            self._buffers[ahead] = self._buffers[ahead][surplus:]
            self.dropped_samples += surplus
            log.warning("microphones out of step by %.2f s: dropped %d samples", skew / SAMPLE_RATE, surplus)


def _quietly(action: Callable[[], None]) -> None:
    try:
        action()
    except Exception:
        log.debug("stopping a failed microphone failed too", exc_info=True)
