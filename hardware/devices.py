"""Device protocols and the values they produce. Every real device has a file-backed twin."""

from __future__ import annotations

from dataclasses import dataclass
from typing import Protocol

import numpy as np

from base.audio import SAMPLE_RATE as SAMPLE_RATE  # re-exported: what speech recognition wants


@dataclass(frozen=True)
class VideoFrame:
    """One camera frame: ``image`` is HxWx3 uint8 RGB; ``timestamp`` in seconds from the stream start."""

    image: np.ndarray
    timestamp: float
    index: int


@dataclass(frozen=True)
class AudioChunk:
    """Mono float32 samples in [-1, 1]; ``timestamp`` of the first sample in seconds from the start."""

    samples: np.ndarray
    sample_rate: int
    timestamp: float


@dataclass(frozen=True)
class DeviceInfo:
    """A device found on this machine."""

    kind: str  # "camera" | "microphone" | "speaker"
    name: str
    index: int | str
    detail: str = ""


class Camera(Protocol):
    """A source of RGB frames."""

    name: str

    def open(self) -> None:
        """Start the stream; raises DeviceError or MediaFormatError."""
        ...

    def read(self) -> VideoFrame | None:
        """The next frame, or None at the end of the stream or when no frame is ready."""
        ...

    def close(self) -> None: ...


class Microphone(Protocol):
    """A source of 16 kHz mono audio."""

    name: str
    sample_rate: int

    @property
    def overflows(self) -> int:
        """How many times audio was dropped because nobody read it in time."""
        ...

    def start(self) -> None: ...

    def read(self, max_seconds: float = 0.1) -> AudioChunk | None:
        """Up to ``max_seconds`` of audio, or None when nothing is available (or the file ended)."""
        ...

    def stop(self) -> None: ...


class Speaker(Protocol):
    """A sink for audio (spoken translations)."""

    name: str

    def play(self, samples: np.ndarray, sample_rate: int) -> None: ...

    def stop(self) -> None: ...
