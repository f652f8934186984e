"""Strokes of the hands: where a sign's own movement begins and ends, apart from the moves into and out of it.

A recorded sign comes with the hand rising from rest to the sign's start and falling back after it; a sign
inside a phrase comes with the move from the previous sign instead. These moves are not the sign: left in, a
taught example (rise + sign + fall) and the same sign in a phrase (move + sign) differ by them. SYNTHETIC
stress, one teacher, each sign of three-in-a-row cut at its true movement: 44/60 right against whole
recordings taught, 59/60 against examples cut the same way. A move ends where the hand slows to a stop:
the first local minimum of hand speed at or below ``DIP`` x the move's peak speed.

* :func:`hand_speed`: per frame, the fastest raised hand's wrist speed (shoulder widths per 0.1 s).
* :func:`sign_core`: the frames of a recording without the rise from rest and the fall back to it (enrolment),
  whether the hands rest out of view, in the lap or at the waist (a known limit: a sign that itself starts still
  at the waist and rises loses that first stroke).
* :func:`spans`: the candidate (first, last) frames of a sign in a segment (with or without its first and last
  stroke: whether they were moves is decided by matching).
"""

from __future__ import annotations

import numpy as np

from sign_models.features import HAND_FEATURES, REST_LEVEL
from sign_models.smoothing import velocity_span

DIP = 0.3  # a stroke ends where the speed falls to this share of its peak (and stops falling)
MOVING = 0.04  # shoulder widths per 0.1 s: a wrist faster than this is moving (landmark jitter is ~0.015)
LOW = 0.9  # shoulder widths below the shoulder line: a still hand this low rests (waist, lap) even above REST_LEVEL
RISE = 0.3  # shoulder widths: a stroke from such a low hand that rises this much is the move into the sign
MIN_CORE = 0.125  # seconds, first to last frame (5 frames at 30 and 25 fps, 3 at 15, 9 at 60): shorter is no sign


def resting(depth: float, moving: bool) -> bool:
    """A wrist ``depth`` shoulder widths below the shoulder line rests: below ``REST_LEVEL``, or at the waist or in
    the lap (``LOW``) and not ``moving``."""
    return depth >= REST_LEVEL or (depth >= LOW and not moving)


def hands_up(features: np.ndarray) -> np.ndarray:
    """Per frame [n]: a hand is present and above the rest level."""
    up = np.zeros(len(features), bool)
    for start in range(0, features.shape[1], HAND_FEATURES):
        block = features[:, start : start + HAND_FEATURES]
        up |= (block[:, 0] > 0) & (block[:, 2] < REST_LEVEL)
    return up


def hand_speed(features: np.ndarray, *, resting: bool = False) -> np.ndarray:
    """Per frame [n]: the largest wrist speed of a present hand above the rest level (``resting``: of any present
    hand) in sign features [n, F]; 0 when there is none."""
    speed = np.zeros(len(features))
    for start in range(0, features.shape[1], HAND_FEATURES):
        block = features[:, start : start + HAND_FEATURES]
        raised = (block[:, 0] > 0) & (resting | (block[:, 2] < REST_LEVEL))
        speed = np.maximum(speed, np.where(raised, np.linalg.norm(block[:, 3:5], axis=1), 0.0))
    return speed


def stroke_end(speed: np.ndarray, first: int, step: int = 1) -> int:
    """From frame ``first``, walking by ``step`` (1 forward, -1 backward): where the stroke there ends."""
    peak, i = speed[first], first
    while 0 <= i + step < len(speed) and (speed[i + step] < speed[i] or speed[i] > DIP * peak):
        i += step
        peak = max(peak, speed[i])
    return i


def sign_core(features: np.ndarray, t: np.ndarray) -> tuple[int, int]:
    """First and last frame of the sign in a recording of one sign (features [n, F] at times ``t`` [n]): a first
    stroke that rises from rest (no hand raised on the frame before the one its first velocity is measured from,
    :func:`~sign_models.smoothing.velocity_span`, 3 frames before it at 30 fps, 2 at 15, 5 at 60: it was 3 at any
    rate, less than a velocity's reach at 60 fps; or it starts at the waist or in the lap, ``LOW``, and rises by
    ``RISE``) and a last one that falls back to rest are left out; kept when that leaves too little (``MIN_CORE``)."""
    speed, up = hand_speed(features), hands_up(features)
    moving = np.flatnonzero(speed > MOVING)
    if not len(moving):
        return 0, len(features) - 1
    first, last = 0, len(features) - 1
    start, end = stroke_end(speed, moving[0]), stroke_end(speed, moving[-1], -1)
    reach = velocity_span(t)  # a hand that appears moves only once its velocity can be measured
    before, after = max(0, reach[0][moving[0]] - 1), min(len(features) - 1, reach[1][moving[-1]] + 1)
    if not up[before : moving[0]].all() or _from_low(features, before, start):
        first = start
    if not up[moving[-1] + 1 : after + 1].all() or _from_low(features, after, end):
        last = end
    if t[last] - t[first] < MIN_CORE:
        return 0, len(features) - 1
    return first, last


def spans(features: np.ndarray, t: np.ndarray) -> list[tuple[int, int]]:
    """Candidate (first, last) frames of the one sign in a segment (features [n, F] at times ``t`` [n]): the whole
    segment, and without its first and/or last stroke (each kept only when the rest lasts ``MIN_CORE``)."""
    speed = hand_speed(features)
    moving = np.flatnonzero(speed > MOVING)
    whole = (0, len(features) - 1)
    if not len(moving):
        return [whole]
    starts = {0, stroke_end(speed, int(moving[0]))}
    ends = {len(features) - 1, stroke_end(speed, int(moving[-1]), -1)}
    found = [(a, b) for a in sorted(starts) for b in sorted(ends, reverse=True) if t[b] - t[a] >= MIN_CORE]
    return found or [whole]


def _from_low(features: np.ndarray, low: int, high: int) -> bool:
    """The raised hands are at the waist or lower at frame ``low`` and at least ``RISE`` higher at ``high``."""
    return _height(features[low]) >= LOW and _height(features[high]) <= _height(features[low]) - RISE


def _height(row: np.ndarray) -> float:
    """The highest raised wrist's depth below the shoulder line (shoulder widths; inf when no hand is raised)."""
    blocks = [row[s : s + HAND_FEATURES] for s in range(0, len(row), HAND_FEATURES)]
    return min((float(b[2]) for b in blocks if b[0] > 0 and b[2] < REST_LEVEL), default=np.inf)
