"""bench.sign_weights: matching weighs the feature groups as asked inside the block, as shipped after it."""

from __future__ import annotations

import numpy as np

from bench.sign_weights import weighting
from sign_models.features import HAND_FEATURES, SIGN_FEATURE_GROUPS, SIGN_FEATURE_SIZE
from sign_models.fewshot import EnrolledSigns
from sign_models.sign_distance import dtw_distances


def test_a_weighting_reaches_the_distance_and_the_bank_inside_its_block_only() -> None:
    rng = np.random.default_rng(0)
    example = rng.normal(0, 0.3, (24, SIGN_FEATURE_SIZE)).astype(np.float32)
    example[:, [0, HAND_FEATURES]], example[:, [2, HAND_FEATURES + 2]] = 1.0, 0.0  # both hands up
    query = example.copy()
    query[:, SIGN_FEATURE_GROUPS["velocity"]] += 0.5  # the same sign made with another movement

    def distances() -> tuple[float, float]:
        enrolled = EnrolledSigns([])
        enrolled.add("sign", example)
        return float(dtw_distances(query, example[None])[0]), enrolled.match_prepared(query).distance

    shipped = distances()
    with weighting({"velocity": 9.0}):  # three times the square root: three times the movement's cost
        heavier = distances()
    assert heavier[0] > 2 * shipped[0] and heavier[1] > 2 * shipped[1]
    assert abs(heavier[0] - heavier[1]) < 1e-3, "the bank weighs as the distance does"
    assert distances() == shipped, "the shipped weights come back after the block"
