"""Spotting taught signs inside continuous signing: sliding windows with non-maximum suppression.

Deaf visitors sign phrases without resting between signs, and the segmenter (which needs a rest or a hold) then
misses or merges signs. :func:`spot` looks at a whole recording instead: the matching features are computed
once for all frames, every window of ``lengths`` seconds starting every ``step`` seconds (while a hand is up)
is matched against the taught signs, and the windows whose match is accepted (per-sign threshold and margin,
:meth:`~sign_models.fewshot.EnrolledSigns.match_prepared`) are kept best first (distance relative to the sign's
threshold), dropping any window that overlaps an already kept one by more than ``overlap`` of the shorter
window. A window must last about as long as the sign did when it was taught (``duration``: a quick transition
is no sign; the band is wide enough for a visitor signing 1.35x faster or slower than the teacher). A window is
accepted by the same rule as a whole segment (no stricter threshold for windows). SYNTHETIC stress, three signs
flowing into each other (three splits of 20 taught signs): gloss error rate 0.500 with the band (0.6, 1.8) and
0.85 x the threshold, 0.422 now; with holds 0.433 -> 0.445. Windows that are mostly still (a hold) are skipped,
and neighbouring windows that found the same gloss within ``merge_gap`` are one sign (so the same sign twice in
a row without a pause counts once: a known limit). It costs one match per window, so it is used on recordings
(``kiosk sign recognize``, the benches), not on every live frame.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass

import numpy as np

from sign_models.enrollment import MOVING, matching_features
from sign_models.features import HAND_FEATURES, REST_LEVEL
from sign_models.fewshot import EnrolledSigns, Match
from sign_models.landmarks import LandmarkFrame


@dataclass(frozen=True)
class SpotOptions:
    """Window lengths and start step in seconds; ``overlap``: largest shared part of two kept windows."""

    lengths: tuple[float, ...] = (0.4, 0.6, 0.8, 1.0, 1.2, 1.5)
    step: float = 0.1
    overlap: float = 0.25
    moving: float = 0.3  # a window needs at least this share of moving frames (a hold alone is no sign)
    merge_gap: float = 0.35  # the same gloss found again within this many seconds is the same sign
    up: float = 0.95  # share of the window's frames with a hand above the rest level
    duration: tuple[float, float] = (0.45, 2.2)  # window length / the sign's taught duration must be within


@dataclass(frozen=True)
class Spot:
    """One sign found: the window's first and last frame index, its times and the match."""

    first: int
    last: int
    start: float
    end: float
    match: Match


def spot(
    frames: Sequence[LandmarkFrame],
    enrolled: EnrolledSigns,
    *,
    left_handed: bool = False,
    options: SpotOptions | None = None,
) -> list[Spot]:
    """The taught signs found in ``frames``, in time order (see the module docstring)."""
    o = options or SpotOptions()
    frames = list(frames)
    if not frames or not enrolled.examples:
        return []
    features = matching_features(frames, left_handed=left_handed)
    t = np.asarray([f.t for f in frames])
    up = _hands_up(features)
    moving = _moving(features)
    found = []
    for start in np.arange(t[0], t[-1], o.step):
        first = int(np.searchsorted(t, start))
        if first >= len(t) or not up[first]:
            continue
        for length in o.lengths:
            last = int(np.searchsorted(t, start + length)) - 1
            if last >= len(t) - 1 and t[-1] < start + length - o.step:
                break
            if last - first < 4 or moving[first : last + 1].mean() < o.moving or up[first : last + 1].mean() < o.up:
                continue
            match = enrolled.match(features[first : last + 1])
            taught = enrolled.seconds(match.gloss) if match.gloss is not None else 0.0
            fits = not taught or o.duration[0] <= (t[last] - t[first]) / taught <= o.duration[1]
            if match.gloss is not None and fits:
                found.append(Spot(first, last, float(t[first]), float(t[last]), match))
    return _merge(sorted(_suppress(found, o.overlap), key=lambda s: s.start), o.merge_gap)


def _hands_up(features: np.ndarray) -> np.ndarray:
    """Per frame: a hand is present and above the rest level."""
    up = np.zeros(len(features), bool)
    for start in range(0, features.shape[1], HAND_FEATURES):
        block = features[:, start : start + HAND_FEATURES]
        up |= (block[:, 0] > 0) & (block[:, 2] < REST_LEVEL)
    return up


def _moving(features: np.ndarray) -> np.ndarray:
    """Per frame: a present hand's wrist moves faster than the enrolment's ``MOVING`` speed."""
    speed = np.zeros(len(features))
    for start in range(0, features.shape[1], HAND_FEATURES):
        block = features[:, start : start + HAND_FEATURES]
        speed = np.maximum(speed, np.where(block[:, 0] > 0, np.linalg.norm(block[:, 3:5], axis=1), 0.0))
    return speed > MOVING


def _merge(spots: list[Spot], gap: float) -> list[Spot]:
    """Neighbouring windows that found the same gloss are one sign (the better match is kept, spanning both)."""
    out: list[Spot] = []
    for s in spots:
        last = out[-1] if out else None
        if last is not None and last.match.gloss == s.match.gloss and s.start - last.end <= gap:
            better = min(last, s, key=lambda x: x.match.distance / x.match.threshold)
            out[-1] = Spot(last.first, s.last, last.start, s.end, better.match)
        else:
            out.append(s)
    return out


def _suppress(found: list[Spot], overlap: float) -> list[Spot]:
    kept: list[Spot] = []
    for candidate in sorted(found, key=lambda s: s.match.distance / s.match.threshold):
        if all(_shared(candidate, k) <= overlap for k in kept):
            kept.append(candidate)
    return kept


def _shared(a: Spot, b: Spot) -> float:
    common = min(a.end, b.end) - max(a.start, b.start)
    return max(0.0, common) / max(1e-6, min(a.end - a.start, b.end - b.start))
