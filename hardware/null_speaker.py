"""Speaker twins: one that only remembers what it was asked to play, one that writes a WAV file."""

from __future__ import annotations

from dataclasses import dataclass
from pathlib import Path

import numpy as np

from hardware.wav_file import write_wav


@dataclass(frozen=True)
class Played:
    """One play request."""

    samples: int
    sample_rate: int

    @property
    def seconds(self) -> float:
        return self.samples / self.sample_rate


class NullSpeaker:
    """Plays nothing (no speaker on this machine); records each request for tests and the clerk log."""

    name = "no speaker"

    def __init__(self) -> None:
        self.played: list[Played] = []

    def play(self, samples: np.ndarray, sample_rate: int) -> None:
        self.played.append(Played(int(np.asarray(samples).size), sample_rate))

    def stop(self) -> None:
        """Nothing is playing."""


class WavFileSpeaker(NullSpeaker):
    """Writes each played sound to ``folder/NNN.wav`` (16-bit mono), so tests can listen to TTS output."""

    def __init__(self, folder: Path) -> None:
        super().__init__()
        self.folder = Path(folder)
        self.name = f"WAV files in {self.folder}"

    def play(self, samples: np.ndarray, sample_rate: int) -> None:
        # The file is complete before ``played`` shows it: a test waiting on ``played`` then reads a whole file
        # (it used to read one still being written, at random under load).
        self.folder.mkdir(parents=True, exist_ok=True)
        write_wav(self.folder / f"{len(self.played) + 1:03d}.wav", samples, sample_rate)
        super().play(samples, sample_rate)
