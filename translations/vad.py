"""Streaming voice activity detection with the Silero VAD model shipped inside faster-whisper.

faster-whisper's own ``SileroVADModel`` scores a whole file at once; this keeps the model's recurrent
state and the 64-sample context between calls, so audio can arrive in chunks of any size and get the same
per-window probabilities. onnxruntime and faster_whisper are imported only here, when the first object
is made.

Silero's probabilities depend on the input level (whisper's do not: its log-mel input is normalised): a soft or far
voice, 20-30 dB under a close one, scored 0.1-0.5 and never started an utterance (issue 16). :class:`VadGain`
raises the VAD's copy of the audio (only the VAD's: whisper and the two-microphone level comparison get the
audio as heard) so that the loudest recent voice reaches ``TARGET_LEVEL``; room tone alone is never raised. It is off
by default (it worsened the far breaths set), so :class:`SpeakUpWatch` tells when such a voice went unheard: the
screens then ask the speaker to come closer or speak louder.
"""

from __future__ import annotations

from collections import deque
from pathlib import Path

import numpy as np

from base.audio import SAMPLE_RATE
from base.errors import ModelMissingError
from base.room_level import WINDOW, heard, rms, room_level

WINDOW_S = WINDOW / SAMPLE_RATE  # seconds a window lasts

CONTEXT = 64
TARGET_LEVEL = 0.1  # window RMS (-20 dBFS) the loudest recent voice is raised to, as a close speaker's words
HOLD_S = 3.0  # the loudest voice-like window of this long sets the gain
ROOM_S = 10.0  # the room's level is taken over this long
ABOVE_ROOM_DB = 18.0  # a window this far above the room is a voice (or a bang), not room tone (the zh clips' room
# tone varies over 14 dB)
RISE = 10 ** (12.0 / 20 * WINDOW_S)  # the gain rises by at most 12 dB a second (falls at once)
SOFT_ABOVE_ROOM_DB = 10.0  # a window this far above the room with a speech score of at least ``SOFT_P`` ...
SOFT_P = 0.1  # ... is a voice: Silero scores a soft or far voice 0.1-0.5, room tone and steady noise under 0.1
SOFT_SPAN_S, SOFT_HEARD_S = 2.0, 0.8  # that much of it within this span is someone speaking ...
SOFT_MODULATION_DB = 2.0  # ... if the level moves from window to window by this much on average (speech: 2.5-7 dB;
# white noise scored 0.1-0.25 over room tone, 0.3-0.4 dB, SYNTHETIC)
SOFT_PAUSE_S = 0.5  # ... who has now paused (an utterance the VAD may still start late is not yet unheard)
SOFT_AGAIN_S = 8.0  # at most one hint this often


def default_vad_path() -> Path:
    """The Silero model file inside the installed faster-whisper package."""
    from faster_whisper.utils import get_assets_path

    return Path(get_assets_path()) / "silero_vad_v6.onnx"


class RoomTone:
    """The room's level (:func:`~base.room_level.room_level`) over the last ``ROOM_S``, digital silence left out."""

    def __init__(self) -> None:
        self._levels: deque[float] = deque(maxlen=round(ROOM_S / WINDOW_S))

    def level(self, default: float) -> float:
        """The room's level (``default`` before any window was heard)."""
        return room_level(self._levels) if self._levels else default

    def add(self, window: np.ndarray, level: float) -> None:
        """Take ``window`` (of RMS ``level``) into the history."""
        if heard(window):
            self._levels.append(level)


class SpeakUpWatch:
    """Was someone heard speaking too softly to be captioned? ``SOFT_HEARD_S`` of windows within ``SOFT_SPAN_S``
    that are ``SOFT_ABOVE_ROOM_DB`` above the room and scored at least ``SOFT_P``, their level moving as a voice's does
    (``SOFT_MODULATION_DB``), then ``SOFT_PAUSE_S`` without one. A door or a clap is too short; room tone is the
    room; steady noise is the room, or scores under ``SOFT_P``, or its level hardly moves. The caller
    knows whether a caption came of it (:meth:`clear`) and asks :meth:`due` when none did."""

    def __init__(self) -> None:
        self._room = RoomTone()
        self._recent: deque[bool] = deque(maxlen=round(SOFT_SPAN_S / WINDOW_S))
        self._steps: deque[float] = deque(maxlen=round(SOFT_SPAN_S / WINDOW_S))  # |level change|, dB
        self._last_db: float | None = None
        self._heard = False
        self._pause = 0  # windows since the last voice-like one
        self._since_hint = round(SOFT_AGAIN_S / WINDOW_S)

    def observe(self, windows: np.ndarray, probabilities: np.ndarray) -> None:
        """The stream's next windows (as heard, before any gain) and their speech probabilities."""
        for window, probability in zip(windows, probabilities, strict=True):
            level = rms(window)
            soft = probability >= SOFT_P and level >= self._room.level(level) * 10 ** (SOFT_ABOVE_ROOM_DB / 20)
            self._room.add(window, level)
            self._recent.append(bool(soft))
            level_db = 20 * np.log10(max(level, 1e-9))
            self._steps.append(0.0 if self._last_db is None else abs(level_db - self._last_db))
            self._last_db = level_db
            speaking = sum(self._recent) * WINDOW_S >= SOFT_HEARD_S
            self._heard = self._heard or (speaking and float(np.mean(self._steps)) >= SOFT_MODULATION_DB)
            self._pause = 0 if soft else self._pause + 1
            self._since_hint += 1

    def clear(self) -> None:
        """What was heard so far was captioned."""
        self._recent.clear()
        self._heard = False

    def due(self) -> bool:
        """True (once) when a soft voice was heard and has paused, and no hint was given for ``SOFT_AGAIN_S``."""
        due = self._heard and self._pause * WINDOW_S >= SOFT_PAUSE_S
        if due and self._since_hint * WINDOW_S >= SOFT_AGAIN_S:
            self.clear()
            self._since_hint = 0
            return True
        return False


class VadGain:
    """The gain for each window: ``TARGET_LEVEL`` over the loudest window of the last ``HOLD_S`` that was
    ``ABOVE_ROOM_DB`` above the room, between 1 (never lowered) and ``max_gain_db``; 1 when no window was. It rises
    by at most ``RISE`` a window: raised at once, the soft first windows of normal speech changed the clean set's
    utterances (Korean CER 0.077 -> 0.093 on the real clips as they are); rising slowly, none of the 21 changed."""

    def __init__(self, max_gain_db: float) -> None:
        self.max_gain = 10 ** (max_gain_db / 20)
        self._gain = 1.0
        self._room = RoomTone()
        self._voice: deque[float] = deque(maxlen=round(HOLD_S / WINDOW_S))  # level, or 0 (not voice-like)

    def gain(self, window: np.ndarray) -> float:
        """The gain for ``window``, the next one of the stream (it joins the history after it is judged)."""
        level = rms(window)
        room = self._room.level(level)
        self._voice.append(level if level >= room * 10 ** (ABOVE_ROOM_DB / 20) else 0.0)
        self._room.add(window, level)
        voice = max(self._voice)
        wanted = 1.0 if voice <= 0 else float(np.clip(TARGET_LEVEL / voice, 1.0, self.max_gain))
        self._gain = min(wanted, self._gain * RISE)  # slow to rise: a voice's soft onset is not raised
        return self._gain


class StreamingVad:
    """Speech probability for each 32 ms window of a 16 kHz stream (its level raised by :class:`VadGain` when
    ``max_gain_db`` > 0); ``watch``, when set, is shown every window and its score."""

    def __init__(self, path: Path | None = None, max_gain_db: float = 0.0) -> None:
        self._gain = VadGain(max_gain_db) if max_gain_db > 0 else None
        self.watch: SpeakUpWatch | None = None
        path = path or default_vad_path()
        if not path.is_file():
            raise ModelMissingError("음성 구간 감지 모델이 없습니다", f"VAD model missing: {path}")
        import onnxruntime

        options = onnxruntime.SessionOptions()
        options.inter_op_num_threads = 1
        options.intra_op_num_threads = 1
        options.log_severity_level = 4
        self._session = onnxruntime.InferenceSession(
            str(path), providers=["CPUExecutionProvider"], sess_options=options
        )
        self.reset()

    def reset(self) -> None:
        """Forget the stream (state, context and any partial window)."""
        self._h = np.zeros((1, 1, 128), dtype=np.float32)
        self._c = np.zeros((1, 1, 128), dtype=np.float32)
        self._context = np.zeros(CONTEXT, dtype=np.float32)
        self._pending = np.zeros(0, dtype=np.float32)  # the gain keeps its room: the microphone is the same

    def push(self, samples: np.ndarray) -> np.ndarray:
        """Probabilities (0..1) for every complete window the new samples finish."""
        self._pending = np.concatenate([self._pending, np.asarray(samples, dtype=np.float32).reshape(-1)])
        count = self._pending.size // WINDOW
        if count == 0:
            return np.zeros(0, dtype=np.float32)
        windows = self._pending[: count * WINDOW].reshape(count, WINDOW)
        self._pending = self._pending[count * WINDOW :]
        heard = windows
        if self._gain is not None:
            windows = windows * np.array([[self._gain.gain(w)] for w in windows], dtype=np.float32)
        contexts = np.vstack([self._context[None, :], windows[:-1, -CONTEXT:]])
        self._context = windows[-1, -CONTEXT:].copy()
        batch = np.concatenate([contexts, windows], axis=1)
        output, self._h, self._c = self._session.run(None, {"input": batch, "h": self._h, "c": self._c})
        probabilities = np.asarray(output, dtype=np.float32).reshape(-1)
        if self.watch is not None:
            self.watch.observe(heard, probabilities)
        return probabilities
