"""A sign taught once by one signer carries over to other signers (issue 15): other-signer copies at enrolment,
an idle non-dominant hand ignored, old enrolled examples re-featured. SYNTHETIC signers throughout."""

from __future__ import annotations

import dataclasses
from pathlib import Path

import numpy as np
import pytest

from bench.sign_stress import ANOTHER_SIGNER
from sign_models.enrollment import FEATURE_VERSION, WIDEN, WIDENED, enroll_frames, matching_features
from sign_models.features import HAND_FEATURES, IDLE_LEVEL, REST_LEVEL, drop_resting_hands
from sign_models.fewshot import EnrolledSigns
from sign_models.recognizer import SignRecognizer
from sign_models.sign_spec import load_sign_spec
from sign_models.synthetic_signs import render_signs
from sign_models.widening import SIGNER_PLACE, widen_signers

TAUGHT = ["서류", "네", "화장실", "감사합니다", "여권", "주소", "미안합니다", "현금"]


def recording(gloss: str, seed: int, options=None) -> list:
    return render_signs([gloss], np.random.default_rng(seed), options=options).frames


def test_other_signer_copies_move_resize_and_retime_the_sign() -> None:
    frames = recording("화장실", 5)
    base = matching_features(frames)
    copies = widen_signers(frames, np.random.default_rng(0), 6)
    places, durations = [], []
    for copy in copies:
        features = matching_features(copy)
        seen, seen_base = features[:, 0] > 0, base[:, 0] > 0
        places.append(np.linalg.norm(features[seen, 1:3].mean(axis=0) - base[seen_base, 1:3].mean(axis=0)))
        durations.append((copy[-1].t - copy[0].t) / (frames[-1].t - frames[0].t))
    assert max(places) > 0.1 and max(places) < 2 * SIGNER_PLACE, places
    assert min(durations) < 0.95 and max(durations) > 1.05, durations


def test_an_idle_other_hand_at_the_waist_takes_no_part_in_the_sign() -> None:
    features = np.zeros((3, 2 * HAND_FEATURES), np.float32)
    features[:, [0, HAND_FEATURES]] = 1.0
    features[:, 6], features[:, HAND_FEATURES + 6] = 0.5, 0.5  # some hand shape
    waist = (IDLE_LEVEL + REST_LEVEL) / 2
    features[:, 2] = features[:, HAND_FEATURES + 2] = [0.3, waist, REST_LEVEL + 0.1]
    kept = drop_resting_hands(features)
    assert kept[:, 0].tolist() == [1.0, 1.0, 0.0], "the dominant hand signs down to the rest level"
    assert kept[:, HAND_FEATURES].tolist() == [1.0, 0.0, 0.0], "the other hand at the waist is idle"
    assert not kept[1, HAND_FEATURES:].any() and kept[0, HAND_FEATURES + 6] == 0.5


@pytest.mark.xfail(strict=True, reason="known limit: a base hand past IDLE_LEVEL is dropped (docs/signs.md)")
def test_a_base_hand_held_low_at_the_stomach_stays_part_of_the_sign() -> None:
    """SYNTHETIC: 쓰다 (the dominant hand writes on the base hand) by a signer who holds it 0.35 shoulder widths
    lower than the spec: the base hand sits about 1.2 shoulder widths below the shoulders, past IDLE_LEVEL. Kept
    when near the working dominant hand, it cost more other signers than it won on the stress set (signs.md)."""
    spec = load_sign_spec()["쓰다"]
    low = spec.base.location[0], spec.base.location[1] - 0.35
    lower = dataclasses.replace(
        spec,
        dominant=dataclasses.replace(spec.dominant, location=(spec.dominant.location[0], low[1] + 0.25)),
        base=dataclasses.replace(spec.base, location=low),
    )
    sequence = render_signs([lower], np.random.default_rng(3))
    t = np.array([f.t for f in sequence.frames])
    core = (t >= sequence.signs[0][1]) & (t <= sequence.signs[0][2])
    other = matching_features(sequence.frames)[core, HAND_FEATURES:]
    seen = other[:, 0] > 0
    assert np.median(other[seen, 2]) > IDLE_LEVEL + 0.1, "the base hand is held past the idle level"
    assert drop_resting_hands(matching_features(sequence.frames))[core, HAND_FEATURES][seen].all()


def test_examples_stored_by_an_older_feature_version_are_refeatured(tmp_path: Path) -> None:
    path = enroll_frames(recording("서류", 2), "서류", tmp_path)
    with np.load(path) as data:
        arrays = {name: data[name] for name in data.files}
    assert arrays["widened"].shape[0] == WIDENED > WIDEN, "other-signer copies are stored"
    arrays |= {"version": np.asarray(FEATURE_VERSION - 1), "widened": arrays["widened"][:WIDEN]}
    np.savez_compressed(path, **arrays)
    enrolled = EnrolledSigns.load(tmp_path)
    assert not enrolled.problems and enrolled.examples[0].widened.shape[0] == WIDENED


def test_a_sign_taught_once_carries_over_to_other_signers(tmp_path: Path) -> None:
    """SYNTHETIC: 8 signs taught once; 3 other signers (the stress set's, resting at the waist, placed and sized
    differently, lax fingers) sign each. Before issue 15's changes 3 of 24 were right and 8 of 8 untaught replays
    rejected; now 10 and 6 of 8 (the whole stress set keeps its rejection). Real signers are not measured here."""
    for i, gloss in enumerate(TAUGHT):
        enroll_frames(recording(gloss, 300 + i), gloss, tmp_path)
    recognizer = SignRecognizer(None, EnrolledSigns.load(tmp_path))

    def first(gloss: str, seed: int) -> str | None:
        results = recognizer.recognize_all(recording(gloss, seed, ANOTHER_SIGNER))
        return next((r.gloss for r in results if r.gloss), None)

    right = sum(first(g, seed) == g for seed in (400, 401, 402) for g in TAUGHT)
    assert right >= 7, right
    assert sum(first(g, seed) is None for seed in (400, 401) for g in ["이름", "돈", "카드", "도장"]) >= 6


def test_other_signer_copies_stand_in_only_while_one_signer_taught_the_sign(tmp_path: Path) -> None:
    enroll_frames(recording("서류", 1), "서류", tmp_path, "interp-01")
    enroll_frames(recording("서류", 2), "서류", tmp_path, "interp-02")
    enroll_frames(recording("네", 3), "네", tmp_path, "interp-01")
    owners = [example.gloss for example in EnrolledSigns.load(tmp_path)._bank_arrays()[-1]]
    assert owners.count("서류") == 2 * (1 + WIDEN), "two real signers: camera copies only"
    assert owners.count("네") == 1 + WIDENED, "one signer: other-signer copies too"
