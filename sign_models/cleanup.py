"""Landmark clean-up before few-shot matching: fill short gaps in which MediaPipe lost a hand, smooth jitter.

In low light, blur or at low resolution MediaPipe loses a hand for a few frames and its landmarks jitter; both
change the sign features far more than the sign does. :func:`clean_hands` fills a gap in which the hand is missing
for at most ``max_gap`` seconds (the time between the two frames that have it, less one frame step: the same gap at
every frame rate) by linear interpolation (a longer absence is real: the hand left the image or went down), then
averages each hand's landmarks over Gaussian weights of :data:`~sign_models.smoothing.SIGMA` seconds
(:func:`~sign_models.smoothing.time_average`, only frames that have the hand), so that a shake keeps the same share
of its swing at every frame rate. Pure numpy, shared by enrolment and recognition through
:func:`sign_models.enrollment.matching_features`; :func:`fill_gaps` fills the gaps alone (enrolment's trim).
"""

from __future__ import annotations

import dataclasses
import itertools
from collections.abc import Callable, Sequence

import numpy as np

from sign_models.landmarks import LandmarkFrame
from sign_models.smoothing import SIGMA, frame_step, time_average

MAX_GAP = 0.2  # seconds without the hand (6 frames at 30 fps, 3 at 15 fps)


def clean_hands(frames: Sequence[LandmarkFrame], max_gap: float = MAX_GAP) -> list[LandmarkFrame]:
    """The frames with short hand gaps filled and hand landmarks smoothed (see the module docstring)."""
    return _per_hand(frames, lambda f, name: _smooth(f, _filled(f, name, max_gap)))


def fill_gaps(frames: Sequence[LandmarkFrame], max_gap: float = MAX_GAP) -> list[LandmarkFrame]:
    """The frames with short hand gaps filled as :func:`clean_hands` fills them, not smoothed (where the hands
    move is measured on these: smoothing lowers a small movement's speed more at 30 fps than at 15)."""
    return _per_hand(frames, lambda f, name: _filled(f, name, max_gap))


def _per_hand(frames: Sequence[LandmarkFrame], clean: Callable) -> list[LandmarkFrame]:
    frames = list(frames)
    if not frames:
        return frames
    cleaned = {name: clean(frames, name) for name in ("left_hand", "right_hand")}
    return [
        dataclasses.replace(f, left_hand=cleaned["left_hand"][i], right_hand=cleaned["right_hand"][i])
        for i, f in enumerate(frames)
    ]


def _filled(frames: list[LandmarkFrame], name: str, max_gap: float) -> list[np.ndarray | None]:
    hands: list[np.ndarray | None] = [getattr(f, name) for f in frames]
    have = np.flatnonzero([h is not None for h in hands])
    t = np.asarray([f.t for f in frames])
    step = frame_step(t)
    filled: list[np.ndarray | None] = list(hands)
    for a, b in itertools.pairwise(have):
        if b - a > 1 and t[b] - t[a] - step <= max_gap + 1e-6:
            for i in range(a + 1, b):
                w = (t[i] - t[a]) / (t[b] - t[a])
                filled[i] = ((1 - w) * hands[a] + w * hands[b]).astype(np.float32)  # type: ignore[operator]
    return filled


def _smooth(frames: list[LandmarkFrame], filled: list[np.ndarray | None]) -> list[np.ndarray | None]:
    present = np.asarray([h is not None for h in filled])
    if not present.any():
        return filled
    t = np.asarray([f.t for f in frames])
    stack = np.stack([h if h is not None else np.zeros((21, 3), np.float32) for h in filled])
    smooth = time_average(stack, t, present, SIGMA).astype(np.float32)
    return [smooth[i] if present[i] else None for i in range(len(filled))]
