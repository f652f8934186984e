"""The kiosk's own recorder: camera frames for a few seconds, turned into landmark examples on site.

Interpreters teach the kiosk with it from the admin screen. A fingerspelling recording keeps the
dominant hand of every frame (left hands flagged, so training mirrors them) as one ``.npz`` in the
format ``python -m sign_models.fingerspell_training train --recordings DIR`` reads. Only landmarks are
kept, never the images.
"""

from __future__ import annotations

import threading
import time
from pathlib import Path

import numpy as np

from base.errors import InputError, MediaFormatError
from sign_models.fingerspell_spec import load_spec
from sign_models.landmarks import video_landmarks

MAX_SECONDS = 10.0


class FrameRecorder:
    """Collects camera frames (camera thread) between :meth:`start` and :meth:`stop`."""

    def __init__(self) -> None:
        self._lock = threading.Lock()
        self._frames: list[tuple[float, np.ndarray]] = []
        self._until = 0.0

    @property
    def recording(self) -> bool:
        return time.monotonic() < self._until

    def on_frame(self, rgb: np.ndarray) -> None:
        """Camera listener."""
        now = time.monotonic()
        if now < self._until:
            with self._lock:
                self._frames.append((now, rgb.copy()))

    def start(self, seconds: float) -> None:
        if not 0 < seconds <= MAX_SECONDS:
            raise InputError("녹화 시간이 잘못되었습니다", f"recording length must be 0-{MAX_SECONDS} s")
        with self._lock:
            self._frames = []
        self._until = time.monotonic() + seconds

    def stop(self) -> list[tuple[float, np.ndarray]]:
        """The frames recorded (seconds, RGB image), and forget them."""
        self._until = 0.0
        with self._lock:
            frames, self._frames = self._frames, []
        return frames


def landmarks_of(frames: list[tuple[float, np.ndarray]]) -> list:
    """MediaPipe Holistic landmarks of recorded frames (the same path as a video file)."""
    return list(video_landmarks(iter(frames)))


def save_fingerspelling(landmarks: list, letter: str, folder: Path) -> Path:
    """One ``.npz`` of the dominant hand in every frame where one was seen, labelled ``letter``."""
    spec = load_spec()
    if letter not in spec.letters and letter not in spec.doubles:
        raise InputError(f"지문자 글자가 아닙니다: {letter}", f"not a fingerspelling letter: {letter!r}")
    seen = [  # (hand, left?, aspect) of every frame with a hand
        (f.right_hand if f.right_hand is not None else f.left_hand, f.right_hand is None, f.aspect)
        for f in landmarks
        if f.right_hand is not None or f.left_hand is not None
    ]
    if not seen:
        raise MediaFormatError("손이 보이지 않았습니다. 다시 녹화해 주세요", "no hand was seen in the recording")
    left = sum(side for _, side, _ in seen) > len(seen) / 2  # one recording, one signing hand: the one seen most
    kept = [(hand, aspect) for hand, side, aspect in seen if side == left]
    folder.mkdir(parents=True, exist_ok=True)
    path = folder / f"{time.strftime('%Y%m%d-%H%M%S')}-{letter}.npz"
    np.savez(
        path,
        hand=np.asarray([hand for hand, _ in kept], np.float32),
        letter=np.array([letter] * len(kept)),
        aspect=np.asarray([aspect for _, aspect in kept], float),
        left_handed=np.bool_(left),
    )
    return path
