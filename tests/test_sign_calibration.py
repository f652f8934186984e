"""Several teachers of a sign: each example keeps its own bar, and an example the others outvote does not answer
(:mod:`sign_models.calibration`)."""

from __future__ import annotations

import numpy as np

from sign_models.calibration import outvoted
from sign_models.features import SIGN_FEATURE_SIZE
from sign_models.fewshot import EnrolledSigns, Example, FewShotOptions
from sign_models.shaking import SHAKE_COLUMNS
from sign_models.sign_distance import dtw_distances

RNG = np.random.default_rng(11)
BASE = RNG.normal(0, 0.3, (24, SIGN_FEATURE_SIZE)).astype(np.float32)
BASE[:, SHAKE_COLUMNS] = 0.0


def away(origin: np.ndarray, distance: float) -> np.ndarray:
    """``origin`` moved ``distance`` (DTW) in a random direction (the shake left alone)."""
    step = RNG.normal(0, 1, SIGN_FEATURE_SIZE).astype(np.float32)
    step[SHAKE_COLUMNS] = 0.0
    unit = float(dtw_distances(origin, (origin + step)[None])[0])
    return origin + step * np.float32(distance / unit)


def taught(gloss: str, features: np.ndarray, teacher: str) -> Example:
    """One teacher's example with four camera copies close around it (its own bar: the least threshold)."""
    return Example(gloss, teacher, f"{gloss}-{teacher}", features, np.stack([away(features, 0.05) for _ in range(4)]))


def distance(a: np.ndarray, b: np.ndarray) -> float:
    return float(dtw_distances(a, b[None])[0])


def enrolled(*examples: Example) -> EnrolledSigns:
    far = taught("나", away(BASE, 1.5), "t0")  # another taught sign, far from everything here
    return EnrolledSigns([*examples, far], FewShotOptions(handshapes=0))


def test_teachers_far_apart_admit_no_sign_that_each_teachers_own_bar_rejects() -> None:
    first = BASE
    second, third = away(first, 0.33), away(first, 0.33)
    teachers = [taught("가", f, f"t{k}") for k, f in enumerate((first, second, third))]
    three = enrolled(*teachers)
    stranger = away(first, 0.36)  # an untaught sign: nearer the first teacher's example than to any other
    assert min(distance(stranger, t.features) for t in teachers) == distance(stranger, first)
    assert distance(stranger, first) < three.threshold("가"), "the teachers' spread (0.33 x 1.3) would admit it"
    assert all(enrolled(t).match_prepared(stranger).gloss is None for t in teachers), "each teacher alone rejects it"
    assert three.match_prepared(stranger).gloss is None
    signed = away(second, 0.2)  # the sign as signed near one teacher's way is still recognised
    assert three.match_prepared(signed).gloss == "가"


def test_an_example_that_two_agreeing_teachers_outvote_does_not_answer() -> None:
    first = BASE
    second, odd = away(first, 0.2), away(first, 0.7)
    assert min(distance(odd, first), distance(odd, second)) > FewShotOptions().threshold
    query = away(odd, 0.1)  # near only the odd one out
    three = enrolled(taught("가", first, "t0"), taught("가", second, "t1"), taught("가", odd, "t2"))
    assert three.match_prepared(query).gloss is None
    assert three.match_prepared(away(second, 0.1)).gloss == "가"
    alone = enrolled(taught("가", odd, "t2"))
    assert alone.match_prepared(query).gloss == "가", "taught by the odd one alone, it answers"


def test_teachers_who_all_disagree_each_still_answer() -> None:
    first = BASE
    second, third = away(first, 0.7), away(first, 0.7)
    three = enrolled(*(taught("가", f, f"t{k}") for k, f in enumerate((first, second, third))))
    assert [three.match_prepared(away(f, 0.1)).gloss for f in (first, second, third)] == ["가"] * 3


def test_outvoted_needs_others_that_agree() -> None:
    assert outvoted([0.2, 0.2, 0.6], 0.45) == [False, False, True]
    assert outvoted([0.6, 0.6], 0.45) == [False, False]
    assert outvoted([0.5, 0.6, 0.7], 0.45) == [False, False, False]
