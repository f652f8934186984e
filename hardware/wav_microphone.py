"""A microphone twin that replays a WAV file, in real time or on a virtual clock."""

from __future__ import annotations

from pathlib import Path

import numpy as np

from base.clock import Clock, SystemClock
from hardware.devices import SAMPLE_RATE, AudioChunk
from hardware.wav_file import read_wav


class WavFileMicrophone:
    """Replays ``path`` as 16 kHz chunks; ``realtime`` paces them on ``clock`` (a ManualClock: instantly)."""

    def __init__(
        self,
        path: Path,
        clock: Clock | None = None,
        realtime: bool = True,
        chunk_seconds: float = 0.1,
        loop: bool = False,
    ) -> None:
        self.path = Path(path)
        self.name = f"WAV file {self.path.name}"
        self.sample_rate = SAMPLE_RATE
        self._clock = clock or SystemClock()
        self.realtime, self.chunk_seconds, self.loop = realtime, chunk_seconds, loop
        self._samples: np.ndarray | None = None
        self._position = 0
        self._played = 0
        self._next_due = 0.0

    @property
    def overflows(self) -> int:
        return 0

    def start(self) -> None:
        """Decode the file (MediaFormatError when it is unusable) and start the replay clock."""
        self._samples = read_wav(self.path)
        self._position, self._played, self._next_due = 0, 0, self._clock.now()

    def read(self, max_seconds: float = 0.1) -> AudioChunk | None:
        if self._samples is None or self._samples.size == 0:
            return None
        if self._position >= self._samples.size:
            if not self.loop:
                return None
            self._position = 0
        count = int(min(max_seconds, self.chunk_seconds) * self.sample_rate)
        samples = self._samples[self._position : self._position + count]
        if self.realtime:
            self._next_due += samples.size / self.sample_rate
            self._clock.sleep(self._next_due - self._clock.now())
        chunk = AudioChunk(samples, self.sample_rate, self._played / self.sample_rate)
        self._position += samples.size
        self._played += samples.size
        return chunk

    def stop(self) -> None:
        self._samples = None
