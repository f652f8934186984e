"""Strokes of the hands: where a sign's own movement begins and ends, apart from the moves into and out of it.

A recorded sign comes with the hand rising from rest to the sign's start and falling back after it; a sign
inside a phrase comes with the move from the previous sign instead. These moves are not the sign: left in, a
taught example (rise + sign + fall) and the same sign in a phrase (move + sign) differ by them. SYNTHETIC
stress, one teacher, each sign of three-in-a-row cut at its true movement: 44/60 right against whole
recordings taught, 59/60 against examples cut the same way. A move ends where the hand slows to a stop:
the first local minimum of hand speed at or below ``DIP`` x the move's peak speed.

* :func:`hand_speed`: per frame, the fastest raised hand's wrist speed (shoulder widths per 0.1 s).
* :func:`sign_core`: the frames of a recording without the rise from rest and the fall back to it (enrolment).
* :func:`spans`: the candidate (first, last) frames of a sign in a segment (with or without its first and last
  stroke: whether they were moves is decided by matching).
"""

from __future__ import annotations

import numpy as np

from sign_models.features import HAND_FEATURES, REST_LEVEL

DIP = 0.3  # a stroke ends where the speed falls to this share of its peak (and stops falling)
MOVING = 0.04  # shoulder widths per 0.1 s: a wrist faster than this is moving (landmark jitter is ~0.015)
NEAR = 3  # frames: a stroke this close to a frame with no raised hand rises from rest or falls back to it
MIN_CORE = 5  # frames: a core shorter than this is no sign; the moves are then kept


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


def sign_core(features: np.ndarray) -> tuple[int, int]:
    """First and last frame of the sign in a recording of one sign: a first stroke that rises from rest (no hand
    raised within ``NEAR`` frames before it, or the recording starts with it) and a last one that falls back to
    rest are left out; kept when that leaves too little."""
    speed, up = hand_speed(features), hands_up(features)
    moving = np.flatnonzero(speed > MOVING)
    if not len(moving):
        return 0, len(features) - 1
    first, last = 0, len(features) - 1
    if not up[max(0, moving[0] - NEAR) : moving[0]].all():
        first = stroke_end(speed, moving[0])
    if not up[moving[-1] + 1 : moving[-1] + 1 + NEAR].all():
        last = stroke_end(speed, moving[-1], -1)
    if last - first + 1 < MIN_CORE:
        return 0, len(features) - 1
    return first, last


def spans(features: np.ndarray) -> list[tuple[int, int]]:
    """Candidate (first, last) frames of the one sign in a segment: the whole segment, and without its first
    and/or last stroke (each kept only when the rest is long enough)."""
    speed = hand_speed(features)
    moving = np.flatnonzero(speed > MOVING)
    whole = (0, len(features) - 1)
    if not len(moving):
        return [whole]
    starts = {0, stroke_end(speed, int(moving[0]))}
    ends = {len(features) - 1, stroke_end(speed, int(moving[-1]), -1)}
    found = [(a, b) for a in sorted(starts) for b in sorted(ends, reverse=True) if b - a + 1 >= MIN_CORE]
    return found or [whole]
