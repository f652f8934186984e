"""Hand smoothing counted in seconds: the same shake at every frame rate, and how hard a hand shakes."""

from __future__ import annotations

import dataclasses

import numpy as np
import pytest

from sign_models.cleanup import clean_hands
from sign_models.smoothing import shake
from sign_models.synthetic_signs import render_signs

SECONDS = 1.2


def swinging(fps: float, hertz: float, amplitude: float = 0.1) -> list:
    """A held right hand swinging ±``amplitude`` (image widths) left and right at ``hertz``, seen at ``fps``."""
    still = next(f for f in render_signs(["서류"], np.random.default_rng(3)).frames if f.right_hand is not None)
    frames = []
    for i in range(round(SECONDS * fps)):
        hand = np.array(still.right_hand, dtype=np.float32)
        hand[:, 0] += amplitude * np.sin(2 * np.pi * hertz * i / fps)
        frames.append(dataclasses.replace(still, t=i / fps, right_hand=hand))
    return frames


def kept_swing(frames: list, hertz: float, amplitude: float = 0.1) -> float:
    """The share of the swing that the cleaned wrist keeps: the amplitude of the fitted sine at ``hertz``."""
    t = np.array([f.t for f in frames])
    x = np.array([f.right_hand[0, 0] for f in clean_hands(frames)])
    middle = slice(len(t) // 5, -len(t) // 5)  # away from the edges, where the average is one-sided
    basis = np.stack([np.sin(2 * np.pi * hertz * t), np.cos(2 * np.pi * hertz * t), np.ones_like(t)], axis=1)
    (a, b, _), *_ = np.linalg.lstsq(basis[middle], x[middle], rcond=None)
    return float(np.hypot(a, b) / amplitude)


@pytest.mark.parametrize("hertz", [2.0, 2.9, 4.0])
def test_a_shake_keeps_the_same_share_of_its_swing_at_15_and_30_fps(hertz: float) -> None:
    """A box of 2 frames either side kept 4 % of a 2.9 Hz swing at 15 fps and 67 % at 30 fps."""
    low, high = kept_swing(swinging(15, hertz), hertz), kept_swing(swinging(30, hertz), hertz)
    assert abs(low - high) < 0.05, (low, high)
    assert low > 0.3, "the shake is kept, not smoothed away"


def test_the_shake_tells_a_shaking_hand_from_a_straight_movement_at_both_rates() -> None:
    """A wrist swinging ±0.1 shoulder widths at 3 Hz shakes, one moving 0.3 out and back in 0.9 s or round a
    circle in 0.7 s does not; the same at 15 and 30 fps; a still hand does not shake and a missing hand is 0."""

    def level(fps: float, path) -> float:
        t = np.arange(round(SECONDS * fps)) / fps
        present = np.ones(len(t), bool)
        present[:2] = False
        values = shake(path(t), t, present)
        assert (values[:2] == 0).all()
        return float(np.median(values[len(t) // 4 : -len(t) // 4]))

    def swing(t):
        return np.stack([0.1 * np.sin(2 * np.pi * 3.0 * t), np.zeros_like(t)], axis=1)

    def line(t):
        return np.stack([0.15 * (1 - np.cos(2 * np.pi * t / 0.9)), np.zeros_like(t)], axis=1)

    def circle(t):
        return 0.15 * np.stack([np.cos(2 * np.pi * t / 0.7), np.sin(2 * np.pi * t / 0.7)], axis=1)

    shakes = [level(fps, swing) for fps in (15, 30)]
    assert min(shakes) > 0.4 and abs(shakes[0] - shakes[1]) < 0.25 * shakes[1], shakes
    assert max(level(fps, line) for fps in (15, 30)) < 0.3 * min(shakes), "a slow turn back counts little"
    assert max(level(fps, circle) for fps in (15, 30)) < 0.05
    assert level(30, lambda t: np.zeros((len(t), 2))) == 0.0
