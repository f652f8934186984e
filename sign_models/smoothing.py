"""Smoothing counted in seconds, not frames, so that a movement looks the same at 15, 25 and 30 fps.

:func:`time_average` is a Gaussian average over the frames' own times (cut at 3 sigma), used by the hand clean-up
(:mod:`sign_models.cleanup`) and by :func:`shake`. A box of a fixed number of frames kept 4 % of a 2.9 Hz
shake's swing at 15 fps and 67 % at 30 fps (SYNTHETIC, docs/signs.md); Gaussian weights of 0.05 s keep 66-67 %
at 15, 25 and 30 fps.

:func:`shake` describes how much a hand shakes or taps, per frame: whether the wrist moves back against the way
it moved shortly before (the cosine between its velocities ``LAGS`` seconds before and after the frame, negated,
the largest over the lags; a hand slower than ``SLOW`` counts less), averaged over ``SHAKE_SIGMA`` so that it
survives resampling a sign to a few steps. From 0 (a still hand, a straight movement, a start or a stop, a
circle: the velocity turns by less than a right angle in 2 x 0.06 s) to 1 (a hand that turns straight back): a
shake of ±0.1 shoulder widths at 3-4 Hz is about 0.5-0.9. A direction does not depend on the hand's speed, so
it is about the same at 15 and 30 fps although a velocity from frame differences is smaller at 15.

:func:`velocity_span`: the frames a wrist velocity is measured between, ``VELOCITY_SECONDS`` either side (2 frames
at 30 fps, 1 at 15). It was 2 frames at any rate: at the live kiosk's ~14 fps, frames lost unevenly, that spanned
~0.27 s and averaged a small back-and-forth sign (어디) to a standstill (SYNTHETIC, docs/signs.md, seventeenth
session).
"""

from __future__ import annotations

import numpy as np

SIGMA = 0.05  # seconds: the hand clean-up's smoothing
REACH = 3.5  # sigmas: the band searched for the frames within 3 sigma (a margin over the cut for rounding)
LAGS = (0.03, 0.045, 0.06)  # seconds: the wrist's velocities this long before and after a frame are compared
SHAKE_SIGMA = 0.1  # seconds over which the reversals are averaged
SLOW = 0.5  # shoulder widths per second: a hand slower than this counts less (jitter, a hand at rest)
VELOCITY_SECONDS = 2 / 30  # either side of a frame for its velocity (smooths landmark jitter)


def time_average(values: np.ndarray, t: np.ndarray, present: np.ndarray, sigma: float) -> np.ndarray:
    """``values`` [T, ...] averaged over Gaussian weights of ``sigma`` seconds on the frames' times ``t`` [T, rising],
    counting only frames where ``present`` [T] (bool); a frame with none of them within 3 sigma comes out as zeros.
    Only the frames within reach of each frame are weighed (a band, not every pair: a 3-minute recording at 30 fps
    took 3.2 s and 0.9 GB as a dense T x T matrix, growing with the square of its length)."""
    values, t, present = np.asarray(values, np.float64), np.asarray(t, np.float64), np.asarray(present, bool)
    flat = np.where(present[:, None], values.reshape(len(values), -1), 0.0)
    first = np.searchsorted(t, t - REACH * sigma, side="left")  # the band holds every frame within 3 sigma
    width = int(np.max(np.searchsorted(t, t + REACH * sigma, side="right") - first)) if len(t) else 0
    totals, out = np.zeros(len(t)), np.zeros_like(flat)
    for offset in range(width):
        other = np.minimum(first + offset, len(t) - 1)
        gap = (t - t[other]) / sigma
        inside = (first + offset < len(t)) & (np.abs(gap) <= 3.0) & present[other]
        weights = np.where(inside, np.exp(-0.5 * gap**2), 0.0)
        totals += weights
        out += weights[:, None] * flat[other]
    return (out / np.where(totals > 0, totals, 1.0)[:, None]).reshape(values.shape)


def shake(position: np.ndarray, t: np.ndarray, present: np.ndarray) -> np.ndarray:
    """How hard the hand at ``position`` [T, 2] (shoulder widths, at times ``t`` [T] where ``present``) shakes,
    per frame [T] (see the module docstring); 0 where the hand is missing."""
    position, t, present = np.asarray(position, np.float64), np.asarray(t, np.float64), np.asarray(present, bool)
    index = np.flatnonzero(present)
    if len(index) < 3:
        return np.zeros(len(t))
    velocity = np.gradient(position[index], t[index], axis=0)
    back = np.zeros(len(t))
    for lag in LAGS:
        before, after = (np.stack([np.interp(t + d, t[index], v) for v in velocity.T], axis=1) for d in (-lag, lag))
        speeds = np.linalg.norm(before, axis=1) * np.linalg.norm(after, axis=1)
        back = np.maximum(back, -np.sum(before * after, axis=1) / np.maximum(speeds, SLOW**2))
    return np.where(present, time_average(back, t, present, SHAKE_SIGMA), 0.0)


def frame_step(t: np.ndarray) -> float:
    """The frames' usual spacing in seconds (the median; 0 for fewer than two frames)."""
    return float(np.median(np.diff(t))) if len(t) > 1 else 0.0


def velocity_span(t: np.ndarray) -> tuple[np.ndarray, np.ndarray]:
    """Per frame [T], the frames before and after it [T] each whose velocity is measured between: those nearest to
    ``VELOCITY_SECONDS`` away, at least one frame away (within the sequence), whatever the frame rate."""
    index = np.arange(len(t))
    before = np.minimum(_nearest(t, t - VELOCITY_SECONDS), index - 1)
    after = np.maximum(_nearest(t, t + VELOCITY_SECONDS), index + 1)
    return np.clip(before, 0, len(t) - 1), np.clip(after, 0, len(t) - 1)


def _nearest(t: np.ndarray, times: np.ndarray) -> np.ndarray:
    """The index of the frame nearest to each of ``times`` (``t`` increasing)."""
    right = np.clip(np.searchsorted(t, times), 1, max(1, len(t) - 1))
    left = right - 1
    return np.where(np.abs(times - t[left]) <= np.abs(t[np.minimum(right, len(t) - 1)] - times), left, right)
