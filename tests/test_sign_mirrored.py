"""Mirrored widened copies (the sign made with the other hand) and the derived state of the taught signs."""

from __future__ import annotations

from pathlib import Path

import numpy as np
import pytest

from sign_models.enrollment import FEATURE_VERSION, MIRRORED_COPIES, WIDEN, enroll_frames
from sign_models.features import HAND_FEATURES
from sign_models.fewshot import Derived, EnrolledSigns, Example, prepare
from sign_models.sign_distance import dtw_distances
from sign_models.synthetic_signs import render_signs
from sign_models.widening import MIRRORED


def test_every_example_stores_the_same_share_of_mirrored_copies_and_which_they_are(tmp_path: Path) -> None:
    """Drawn at random, some examples had no other-hand copy and some 6 of 8; now each has the same share."""
    for seed in (2, 3):
        path = enroll_frames(render_signs(["네"], np.random.default_rng(seed)).frames, "네", tmp_path)  # one hand
        with np.load(path) as data:
            copies = np.stack([prepare(w, 24) for w in data["widened"]])
            flags, far = data["mirrored"], dtw_distances(prepare(data["features"], 24), copies)
        assert flags.tolist() == MIRRORED_COPIES.tolist() and flags[:WIDEN].sum() == round(MIRRORED * WIDEN) > 0
        assert not flags[WIDEN:].any(), "the other-signer copies are not mirrored"
        assert (far > 0.7).tolist() == flags.tolist(), "a flagged copy is the other hand's (~1.0 from the example)"


def test_a_store_without_mirrored_flags_is_refeatured_with_them(tmp_path: Path) -> None:
    path = enroll_frames(render_signs(["서류"], np.random.default_rng(2)).frames, "서류", tmp_path)
    with np.load(path) as data:
        arrays = {name: data[name] for name in data.files if name != "mirrored"}
    np.savez_compressed(path, **arrays | {"version": np.asarray(FEATURE_VERSION - 1)})
    enrolled = EnrolledSigns.load(tmp_path)
    assert not enrolled.problems and enrolled.examples[0].mirrored.tolist() == MIRRORED_COPIES.tolist()


def test_mirrored_copies_do_not_set_a_one_example_threshold() -> None:
    """Two mirrored copies lie near each other and ~1.0 from the rest: their distance measures how two
    mirrored camera changes differ, not how the sign varies; the threshold comes from the same-hand copies."""
    rng = np.random.default_rng(1)
    example = rng.normal(0, 0.2, (24, 2 * HAND_FEATURES)).astype(np.float32)
    example[:, 0], example[:, HAND_FEATURES] = 1.0, 0.0
    copies = [example + rng.normal(0, 0.01, example.shape).astype(np.float32) for _ in range(5)]
    other = np.roll(example, HAND_FEATURES, axis=1)
    mirrored = [other + rng.normal(0, 0.12, other.shape).astype(np.float32) for _ in range(2)]
    flags = np.array([False] * 5 + [True] * 2)
    enrolled = EnrolledSigns([Example("네", "", "", example, np.stack([*copies, *mirrored]), mirrored=flags)])
    o = enrolled.options
    pair = float(dtw_distances(mirrored[0], mirrored[1][None])[0])
    near = [float(dtw_distances(c, np.stack([example, *(x for x in copies if x is not c)])).min()) for c in copies]
    assert o.spread * max(near) < o.min_threshold < o.spread * pair and pair < o.threshold, "the pair would count"
    assert enrolled.threshold("네") == pytest.approx(o.min_threshold)


def test_adding_an_example_leaves_nothing_worked_out_from_the_examples_before() -> None:
    rng = np.random.default_rng(4)

    def example(gloss: str) -> Example:
        features = rng.normal(0, 0.3, (24, 2 * HAND_FEATURES)).astype(np.float32)
        features[:, 0] = 1.0
        return Example(gloss, "", gloss, features, features[None] + rng.normal(0, 0.02, (3, *features.shape)))

    first, second, third = example("가"), example("나"), example("다")
    enrolled = EnrolledSigns([first, second])
    enrolled.ready()
    worked_out = enrolled._derived
    assert worked_out.bank is not None and set(worked_out.impostors) == {"가", "나"}
    enrolled.add("다", third.features, file="다", widened=list(third.widened))
    assert isinstance(enrolled._derived, Derived) and enrolled._derived is not worked_out
    fresh = EnrolledSigns(enrolled.examples)
    query = third.features + 0.01
    assert enrolled.match(query) == fresh.match(query) and enrolled.match(query).nearest[0][0] == "다"
    for gloss in ("가", "나", "다"):  # the new gloss lends its handshape to the others' impostors
        assert enrolled.threshold(gloss) == fresh.threshold(gloss)
        assert np.array_equal(enrolled.impostors(gloss), fresh.impostors(gloss))
