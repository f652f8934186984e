"""The shake check: a query that shakes more than anything taught for its nearest gloss, or far less, is unknown."""

from __future__ import annotations

import numpy as np

from sign_models.features import HAND_FEATURES, SIGN_FEATURE_SIZE
from sign_models.fewshot import EnrolledSigns
from sign_models.shaking import SHAKE_COLUMNS, SHAKE_FLOOR, SHAKE_MARGIN, shake_ceiling, shake_floor, shake_level


def taught(level: float, copies: int = 12) -> tuple[np.ndarray, list[np.ndarray]]:
    """One example [24, F] of a sign whose dominant hand shakes at ``level``, and its copies a little noisier."""
    rng = np.random.default_rng(0)
    example = rng.normal(0, 0.1, (24, SIGN_FEATURE_SIZE)).astype(np.float32)
    example[:, 0], example[:, 2], example[:, HAND_FEATURES] = 1.0, 0.0, 0.0  # the dominant hand up, the other away
    example[:, HAND_FEATURES:] = 0.0
    example[:, SHAKE_COLUMNS[0]] = level
    noisy = [example + rng.normal(0, 0.01, example.shape).astype(np.float32) for _ in range(copies)]
    return example, noisy


def test_a_query_that_shakes_more_than_its_taught_sign_is_unknown() -> None:
    example, copies = taught(0.05)
    enrolled = EnrolledSigns([])
    enrolled.add("calm", example, widened=copies)
    assert enrolled.match(example).gloss == "calm"
    shaking = example.copy()
    shaking[:, SHAKE_COLUMNS[0]] = 0.05 + SHAKE_MARGIN + 0.1  # the same path, shaken
    assert float(shake_level(shaking)) > enrolled._shake_range("calm")[1]
    match = enrolled.match(shaking)
    assert match.gloss is None and match.nearest[0][0] == "calm", "nearest, yet refused for its shake"


def test_a_taught_shake_lets_calmer_queries_in_but_not_a_still_hand() -> None:
    example, copies = taught(0.7)
    enrolled = EnrolledSigns([])
    enrolled.add("shaking", example, widened=copies)
    assert enrolled.match(example).gloss == "shaking"
    calmer, still = example.copy(), example.copy()
    calmer[:, SHAKE_COLUMNS[0]] = 0.7 - SHAKE_FLOOR + 0.05  # a signer whose shake the smoothing flattened
    still[:, SHAKE_COLUMNS[0]] = 0.0  # the same place and path without the shake
    assert enrolled.match(calmer).gloss == "shaking"
    match = enrolled.match(still)
    assert match.gloss is None and match.nearest[0][0] == "shaking"


def test_the_level_is_the_mean_step_the_ceiling_the_largest_entry_plus_a_margin_the_floor_below_the_median() -> None:
    entries = np.zeros((4, 24, SIGN_FEATURE_SIZE), np.float32)
    entries[:, :, SHAKE_COLUMNS[1]] = np.array([0.1, 0.2, 0.3, 0.9])[:, None]  # the other hand's counts too
    entries[:, :12, SHAKE_COLUMNS[0]] = 0.5  # the larger hand of each step, averaged over the steps
    assert np.allclose(shake_level(entries), [0.3, 0.35, 0.4, 0.9])
    assert np.isclose(shake_ceiling(entries[:3]), 0.4 + SHAKE_MARGIN)
    assert np.isclose(shake_ceiling(entries), 0.9 + 0.5), "an outlier: the leave-one-out margin"
    assert np.isclose(shake_floor(entries), 0.375 - SHAKE_FLOOR)
