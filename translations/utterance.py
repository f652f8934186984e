"""The utterance being gathered: its audio, voiced flags and start, and the audio before its VAD trigger.

An utterance starts after ``START_WINDOWS`` windows of speech with ``PREROLL_S`` of audio before them (as offline
``transcribe()`` pads the start of its VAD's speech, faster-whisper's ``VadOptions.speech_pad_ms``), so the first
syllable is kept; or, when loud audio led up to the trigger from before that pre-roll (speech the VAD scored low,
as it does reverberant speech: the look-back, ``lookback_loud_db``, :mod:`translations.lookback`), from there.
:class:`PreRoll` keeps that audio until the trigger and opens the :class:`Utterance`.
"""

from __future__ import annotations

import math
from dataclasses import dataclass, field

import numpy as np

from base.audio import SAMPLE_RATE
from base.room_level import rms
from translations.asr import AsrOptions, Hypothesis
from translations.lookback import loud_run_start, loud_windows
from translations.vad import WINDOW, WINDOW_S

PREROLL_S = 0.4  # audio kept before the first speech window, as offline pads; it was 0.3 s with the trigger windows
# inside it (0.22 s before the speech): a far first word then read differently with 10 ms more lead (issue 16)
PREROLL_WINDOWS = math.ceil(PREROLL_S / WINDOW_S)  # 13 windows, 0.416 s
TRAILING_S = 0.2  # silence kept after the last voiced window
START_WINDOWS = 2
LOOKBACK_GAP_S = 0.3  # the speech led up to a trigger may pause this long between its loud windows


@dataclass
class Utterance:
    """Speech being gathered (from ``start`` s of the stream) and what its decodings made of it so far."""

    start: float
    chunks: list[np.ndarray] = field(default_factory=list)
    voiced: list[bool] = field(default_factory=list)  # one flag per window of ``chunks``
    voiced_windows: int = 0
    silent_windows: int = 0
    decoded_at: float = 0.0  # utterance seconds at the last partial decoding
    language: str | None = None
    language_p: float | None = None  # whisper's confidence in the detected language (None: fixed)
    committed: list[str] = field(default_factory=list)
    previous: list[str] = field(default_factory=list)
    speech_end: int = 0  # windows up to the last non-silent one
    hypothesis: Hypothesis | None = None  # the latest decoding ...
    hypothesis_end: int = -1  # ... and the speech_end it covered

    @property
    def seconds(self) -> float:
        return sum(c.size for c in self.chunks) / SAMPLE_RATE

    def audio(self) -> np.ndarray:
        return np.concatenate(self.chunks) if self.chunks else np.zeros(0, np.float32)

    def levels(self) -> list[float]:
        """The level (:func:`~base.room_level.rms`) of each window of ``chunks``."""
        return [rms(chunk) for chunk in self.chunks]

    def add(self, window: np.ndarray, voiced: bool, speech: bool) -> None:
        """Append a window: ``voiced`` (near the VAD threshold) keeps the utterance going, ``speech`` (at or above
        it) counts towards ``min_speech_s``."""
        self.chunks.append(window)
        self.voiced.append(voiced)
        if voiced:
            self.voiced_windows += speech
            self.silent_windows = 0
            self.speech_end = len(self.chunks)
        else:
            self.silent_windows += 1

    def finished(self, trailing: int, time: float) -> Finished:
        """The utterance ended at ``time`` after ``trailing`` silent windows, of which ``TRAILING_S`` are kept."""
        keep = max(0, trailing - int(TRAILING_S / WINDOW_S))
        audio = self.audio()
        if keep:
            audio = audio[: audio.size - keep * WINDOW]
        return Finished(self, audio, time - trailing * WINDOW_S)


@dataclass(frozen=True)
class Finished:
    """An ended utterance, its audio to decode (most of the closing silence cut) and its end in the stream."""

    utterance: Utterance
    audio: np.ndarray
    end: float


class PreRoll:
    """The audio before an utterance (as far back as :func:`start_reach_s`), until the VAD triggers."""

    def __init__(self, options: AsrOptions) -> None:
        self.options = options
        self._windows: list[np.ndarray] = []
        self._voiced: list[bool] = []
        self._levels: list[float] = []
        self._trigger = 0

    def push(self, window: np.ndarray, voiced: bool, speech: bool, time: float) -> Utterance | None:
        """Keep a window (ending at ``time``); the utterance it opens after ``START_WINDOWS`` of ``speech``."""
        keep = round(start_reach_s(self.options) / WINDOW_S)
        self._windows = [*self._windows, window][-keep:]
        self._voiced = [*self._voiced, voiced][-keep:]
        self._levels = [*self._levels, rms(window)][-keep:]
        self._trigger = self._trigger + 1 if speech else 0
        return self._start(time) if self._trigger >= START_WINDOWS else None

    def _start(self, time: float) -> Utterance:
        """Open an utterance at the trigger with ``PREROLL_S`` of audio before it or, when a loud run led up to
        the trigger from before that pre-roll (speech the VAD scored low: under reverberation silero gives loud
        words 0.1-0.45, issue 16), with that run and the same pre-roll before it. The run's loud windows count
        as voiced (the word guard and ``min_speech_s``), also when the pre-roll alone holds it."""
        levels = self._levels[: -self._trigger]
        trigger = float(np.median(self._levels[-self._trigger :]))
        loud = loud_windows(levels, self.options.lookback_loud_db, trigger)
        first = loud_run_start(loud, int(LOOKBACK_GAP_S / WINDOW_S))
        begin = max(0, len(self._windows) - self._trigger - PREROLL_WINDOWS)  # the pre-roll alone ...
        if first < begin:  # ... unless the loud run starts before it (it is voice either way: "Hello." was dropped)
            begin = max(0, first - PREROLL_WINDOWS)
        loud = [flag and index >= first for index, flag in enumerate(loud)] + [False] * self._trigger
        utterance = Utterance(
            time - (len(self._windows) - begin) * WINDOW_S,
            self._windows[begin:],
            [v or flag for v, flag in zip(self._voiced[begin:], loud[begin:], strict=True)],
            voiced_windows=self._trigger + sum(loud),
        )
        self._windows, self._voiced, self._levels, self._trigger = [], [], [], 0
        return utterance


def start_reach_s(options: AsrOptions) -> float:
    """How far before the end of its VAD trigger an utterance may start: the trigger, the pre-roll before it, and
    the look-back when it is on."""
    lookback = round(options.lookback_s / WINDOW_S) if options.lookback_loud_db > 0 else 0
    return (START_WINDOWS + PREROLL_WINDOWS + lookback) * WINDOW_S
