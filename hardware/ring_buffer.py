"""A thread-safe audio ring buffer: the capture callback writes, the recogniser reads.

When nobody reads in time, the oldest audio is dropped and counted (an overflow is reported, never a
crash and never a blocked audio callback).
"""

from __future__ import annotations

import threading

import numpy as np


class AudioRingBuffer:
    """Holds up to ``capacity_samples`` float32 samples."""

    def __init__(self, capacity_samples: int) -> None:
        if capacity_samples <= 0:
            raise ValueError("capacity must be positive")
        self._data = np.zeros(capacity_samples, dtype=np.float32)
        self._start = 0
        self._size = 0
        self._lock = threading.Lock()
        self.dropped_samples = 0
        self.overflows = 0

    @property
    def capacity(self) -> int:
        return self._data.size

    @property
    def available(self) -> int:
        with self._lock:
            return self._size

    def write(self, samples: np.ndarray) -> None:
        """Append samples; drop the oldest (counting an overflow) when full."""
        samples = np.asarray(samples, dtype=np.float32).reshape(-1)
        with self._lock:
            if samples.size > self.capacity:
                self.dropped_samples += samples.size - self.capacity
                samples = samples[-self.capacity :]
            excess = self._size + samples.size - self.capacity
            if excess > 0:
                self._start = (self._start + excess) % self.capacity
                self._size -= excess
                self.dropped_samples += excess
                self.overflows += 1
            end = (self._start + self._size) % self.capacity
            first = min(samples.size, self.capacity - end)
            self._data[end : end + first] = samples[:first]
            self._data[: samples.size - first] = samples[first:]
            self._size += samples.size

    def read(self, max_samples: int) -> np.ndarray:
        """Remove and return up to ``max_samples`` of the oldest samples."""
        with self._lock:
            count = min(max_samples, self._size)
            indices = (self._start + np.arange(count)) % self.capacity
            out = self._data[indices].copy()
            self._start = (self._start + count) % self.capacity
            self._size -= count
            return out
