"""Two microphones read as one time-aligned pair (the clerk's and the visitor's at one counter).

Each device delivers audio in its own chunks; :class:`MicrophonePair` buffers both and hands out only the
stretch both have, so sample *i* of one channel was heard at the same moment as sample *i* of the other.
Two USB devices run on two clocks: when one is ahead by more than ``MAX_SKEW_S`` (drift, or one device
stalled), its oldest surplus is dropped so the pair re-aligns instead of buffering without end.
"""

from __future__ import annotations

import logging

import numpy as np

from hardware.devices import SAMPLE_RATE, Microphone

log = logging.getLogger(__name__)

MAX_SKEW_S = 0.5


class MicrophonePair:
    """``read()`` -> (clerk, visitor): equally long float32 arrays, possibly empty."""

    def __init__(self, clerk: Microphone, visitor: Microphone, max_skew_s: float = MAX_SKEW_S) -> None:
        self.clerk, self.visitor = clerk, visitor
        self.name = f"{clerk.name} + {visitor.name}"
        self._max_skew = int(max_skew_s * SAMPLE_RATE)
        self._buffers = [np.zeros(0, np.float32), np.zeros(0, np.float32)]
        self.dropped_samples = 0  # re-alignments so far (for the doctor and tests)

    def start(self) -> None:
        """Start both devices (a DeviceError from either stops the other again)."""
        self.clerk.start()
        try:
            self.visitor.start()
        except Exception:
            self.clerk.stop()
            raise
        self._buffers = [np.zeros(0, np.float32), np.zeros(0, np.float32)]

    def read(self, max_seconds: float = 0.1) -> tuple[np.ndarray, np.ndarray]:
        """What both microphones have heard since the last call, aligned."""
        for index, device in enumerate((self.clerk, self.visitor)):
            chunk = device.read(max_seconds)
            if chunk is not None and chunk.samples.size:
                self._buffers[index] = np.concatenate([self._buffers[index], chunk.samples.astype(np.float32)])
        skew = self._buffers[0].size - self._buffers[1].size
        if abs(skew) > self._max_skew:
            ahead = 0 if skew > 0 else 1
            surplus = abs(skew) - self._max_skew
            self._buffers[ahead] = self._buffers[ahead][surplus:]
            self.dropped_samples += surplus
            log.warning(
                "microphones out of step by %.2f s: dropped %d samples to re-align", skew / SAMPLE_RATE, surplus
            )
        both = min(buffer.size for buffer in self._buffers)
        out = (self._buffers[0][:both], self._buffers[1][:both])
        self._buffers = [buffer[both:] for buffer in self._buffers]
        return out

    def stop(self) -> None:
        for device in (self.clerk, self.visitor):
            device.stop()
