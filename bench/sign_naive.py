"""The obvious baseline beside the kiosk's matcher: closed-set one-shot time warping on plain landmarks.

Each query is compared with one recorded example per taught sign by dynamic time warping over plain hand
landmarks (both hands' 21 points, x and y, from the shoulder midpoint in shoulder widths: the least any
baseline normalises; a missing hand, or one resting lower than the kiosk's rest level, is zeros), resampled to
``LENGTH`` steps; the nearest example's gloss is the answer. Nothing is rejected (closed set), nothing is
widened or calibrated. The issue's real figures have such a baseline beside the kiosk's (0.71 taught-only, 40 %
across signers), so the stress report shows it too.
"""

from __future__ import annotations

import numpy as np

from base.errors import KioskError
from sign_models.enrollment import find_sign
from sign_models.features import REST_LEVEL, body_track, resample
from sign_models.landmarks import LandmarkFrame
from sign_models.sign_distance import dtw_distances

LENGTH = 24


def plain_landmarks(frames: list[LandmarkFrame]) -> np.ndarray:
    """[LENGTH, 84]: the sign (still start and end trimmed) as both hands' x, y in shoulder widths from the
    shoulder midpoint, resampled."""
    frames = find_sign(frames)
    origin, width = body_track(frames, np.asarray([f.t for f in frames]))
    rows = np.zeros((len(frames), 2, 21, 2))
    for i, frame in enumerate(frames):
        for k, hand in enumerate((frame.right_hand, frame.left_hand)):
            if hand is not None:
                points = (np.asarray(hand)[:, :2] * (frame.aspect, 1.0) - origin[i]) / width[i]
                rows[i, k] = points if points[0, 1] < REST_LEVEL else 0.0
    return resample(rows.reshape(len(frames), -1), LENGTH)


class NaiveOneShot:
    """One recorded example per gloss; :meth:`answer` is the nearest example's gloss (never unknown)."""

    def __init__(self, examples: dict[str, list[LandmarkFrame]]) -> None:
        self.glosses = list(examples)
        self.bank = np.stack([plain_landmarks(frames) for frames in examples.values()])

    def answer(self, frames: list[LandmarkFrame]) -> str | None:
        """The nearest gloss; None only when no sign is found in ``frames`` at all."""
        try:
            query = plain_landmarks(frames)
        except KioskError:  # no hand or no movement: the baseline cannot answer
            return None
        return self.glosses[int(np.argmin(dtw_distances(query, self.bank, weights=1.0)))]
