"""Two close taught signs told apart by the pair's own discriminant when the margin fails (:mod:`sign_models.pairs`)."""

from __future__ import annotations

import numpy as np
import pytest

from sign_models import pairs
from sign_models.features import SIGN_FEATURE_GROUPS, SIGN_FEATURE_SIZE
from sign_models.fewshot import EnrolledSigns, Example, FewShotOptions
from sign_models.pairs import learn, variation
from sign_models.shaking import SHAKE_COLUMNS

PLACE, TURN = SIGN_FEATURE_GROUPS["position"], SIGN_FEATURE_GROUPS["orientation"]


def pair(teachers: int, turn: float = 0.0) -> tuple[EnrolledSigns, np.ndarray]:
    """가다 and 나, each taught once by each of ``teachers`` signers (8 copies each, made elsewhere), alike but for the
    palm's turn (나's 0.2 more); the query is 가다 made 0.4 away, its palm turned ``turn`` towards 나's."""
    rng = np.random.default_rng(1)
    sign = rng.normal(0, 0.3, (24, SIGN_FEATURE_SIZE)).astype(np.float32)
    sign[:, SHAKE_COLUMNS] = 0.0
    places, moves = rng.normal(0, 0.05, (teachers, 2)), rng.normal(0, 0.15, (teachers, 8, 1, 2))
    examples = []
    for gloss, palm in (("가다", 0.0), ("나", 0.2)):
        for k in range(teachers):
            example = sign.copy()
            example[:, TURN] += palm
            example[:, PLACE] += places[k]
            copies = np.repeat(example[None], 8, axis=0)
            copies[..., PLACE] += moves[k]
            examples.append(Example(gloss, f"signer {k}", "", example, copies.astype(np.float32)))
    query = sign.copy()
    query[:, PLACE] += 0.4
    query[:, TURN] += turn
    return EnrolledSigns(examples, FewShotOptions(handshapes=0)), query


@pytest.mark.parametrize("teachers", [1, 3])
def test_a_sign_of_a_close_pair_that_fails_the_margin_is_told_apart_by_the_pairs_telling_features(teachers) -> None:
    enrolled, query = pair(teachers)
    match = enrolled.match_prepared(query)
    (first, near), (_, second) = match.nearest[:2]
    assert first == "가다" and near >= enrolled.options.margin * second, "the margin alone leaves it unknown"
    assert near <= enrolled.threshold("가다")
    assert match.gloss == "가다"


def test_a_query_between_the_two_in_their_telling_features_stays_unknown() -> None:
    enrolled, query = pair(1, turn=0.1)
    assert enrolled.match_prepared(query).gloss is None


def test_only_the_features_that_differ_more_between_the_two_than_within_each_count() -> None:
    enrolled, _ = pair(3)
    own = [enrolled._own(g) for g in ("가다", "나")]
    weights = learn(*own, tuple(variation(o) for o in own)).weights
    assert weights[TURN].all() and not weights[PLACE].any()


def test_an_answer_given_to_the_second_nearest_leads_the_match_with_its_own_threshold(monkeypatch) -> None:
    """Confidence, the top list and spotting's acceptance read the match's first distance and threshold: where the
    pair's discriminant answers the second nearest, those are the answer's, not the nearer gloss's."""
    enrolled, query = pair(3)
    monkeypatch.setattr(enrolled, "_pair_answer", lambda _query, _first, second: second)
    match = enrolled.match_prepared(query)
    assert match.gloss == "나"
    assert match.nearest[0][0] == "나" and [g for g, _ in match.nearest] == ["나", "가다"]
    assert match.threshold == enrolled.threshold("나")


def test_a_query_beyond_both_bars_learns_no_discriminant() -> None:
    """Neither side of the pair could be accepted, so the pair is not asked: its first use cost 50-180 ms (the 73 ms
    p90 of `kiosk bench sign`'s matching, docs/signs.md twenty-second session)."""
    enrolled, query = pair(1)
    query[:, PLACE] += 2.0
    enrolled.ready()
    match = enrolled.match_prepared(query)
    (_, near), (_, second) = match.nearest[:2]
    assert near >= enrolled.options.margin * second and near > enrolled.options.threshold, "the pair would be asked"
    assert match.gloss is None and not enrolled._derived.pairs


def test_after_ready_a_pairs_first_use_warps_only_between_its_two_glosses(monkeypatch) -> None:
    """Each gloss's own variation is the same in every pair it joins, so `ready()` works it out once per gloss and a
    pair's first use (during a visitor's sign) compares only the two glosses with each other."""
    enrolled, query = pair(3)
    enrolled.ready()
    calls = []
    distances = pairs._distances
    monkeypatch.setattr(pairs, "_distances", lambda q, e, c: calls.append((q, e)) or distances(q, e, c))
    assert enrolled.match_prepared(query).gloss == "가다" and enrolled._derived.pairs, "the pair is asked and learnt"
    assert calls and not any((q[:, None] == e[None]).all(axis=(2, 3)).any() for q, e in calls), "a gloss against itself"
