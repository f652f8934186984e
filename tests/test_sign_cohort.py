"""A query about as far from every taught sign as from its nearest is unknown (:mod:`sign_models.cohort`)."""

from __future__ import annotations

import numpy as np
import pytest

from sign_models.cohort import stands_out
from sign_models.features import SIGN_FEATURE_SIZE
from sign_models.fewshot import EnrolledSigns, Example, FewShotOptions
from sign_models.shaking import SHAKE_COLUMNS
from sign_models.sign_distance import dtw_distances

GLOSSES = ["가다", "나", "돈", "서류", "이름", "지금"]


def signs(near: float, others: float) -> tuple[EnrolledSigns, np.ndarray]:
    """Six taught signs (one example each, no copies, no impostors) around a query: the first ``near`` from it (DTW
    distance), the other five each ``others`` from it."""
    rng = np.random.default_rng(3)
    query = rng.normal(0, 0.3, (24, SIGN_FEATURE_SIZE)).astype(np.float32)
    query[:, SHAKE_COLUMNS] = 0.0
    examples = []
    for gloss, distance in zip(GLOSSES, [near] + [others] * 5, strict=True):
        step = rng.normal(0, 1, SIGN_FEATURE_SIZE).astype(np.float32)
        step[SHAKE_COLUMNS] = 0.0
        unit = float(dtw_distances(query, (query + step)[None])[0])
        examples.append(Example(gloss, "", "", query + step * np.float32(distance / unit)))
    return EnrolledSigns(examples, FewShotOptions(handshapes=0)), query


def test_a_query_about_as_far_from_every_taught_sign_is_unknown() -> None:
    enrolled, query = signs(0.2, 0.26)
    match = enrolled.match_prepared(query)
    assert match.nearest[0] == ("가다", pytest.approx(0.2, abs=1e-3))
    assert match.distance <= enrolled.threshold("가다"), "within its nearest sign's threshold"
    assert match.distance < enrolled.options.margin * match.nearest[1][1], "and clear of the second-best sign"
    assert match.gloss is None
    old = EnrolledSigns(enrolled.examples, FewShotOptions(handshapes=0, cohort_ratio=1.0))
    assert old.match_prepared(query).gloss == "가다", "without the cohort it was answered"


def test_a_query_near_one_sign_and_far_from_the_rest_is_that_sign() -> None:
    enrolled, query = signs(0.2, 0.4)
    assert enrolled.match_prepared(query).gloss == "가다"


def test_the_cohort_is_the_median_of_the_next_glosses() -> None:
    nearest = (("a", 0.2), ("b", 0.25), ("c", 0.5), ("d", 0.6), ("e", 100.0))
    assert stands_out(nearest, 3, 0.65) and not stands_out(nearest, 1, 0.65)
    assert stands_out(nearest[:3], 3, 0.3), "fewer than three other glosses: no cohort, however near they are"
