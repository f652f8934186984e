"""Untaught signs are unknown, taught ones still recognised: the open-set rule of few-shot matching (SYNTHETIC)."""

from __future__ import annotations

import threading
from pathlib import Path

import numpy as np
import pytest

from kiosk.channels.signing import load_enrolled
from sign_models.enrollment import enroll_frames, matching_features
from sign_models.features import HAND_FEATURES, HANDSHAPE
from sign_models.fewshot import EnrolledSigns, Example, FewShotOptions
from sign_models.impostors import handshape, minimal_pairs, with_handshape
from sign_models.segmenter import segment_all
from sign_models.sign_distance import dtw_distances
from sign_models.synthetic_signs import render_signs
from sign_models.widening import CameraChange, camera_variant

# 이름 (V hand) is taught; 외국인등록증 lends the index hand of the untaught 무엇, which is signed near 이름's place
TAUGHT = ["이름", "외국인등록증", "미안합니다", "어디", "감사합니다"]


@pytest.fixture(scope="module")
def folder(tmp_path_factory: pytest.TempPathFactory) -> Path:
    """SYNTHETIC: each gloss of ``TAUGHT`` taught once by a synthetic signer (seeds 300+)."""
    path = tmp_path_factory.mktemp("signs")
    for i, gloss in enumerate(TAUGHT):
        enroll_frames(render_signs([gloss], np.random.default_rng(300 + i)).frames, gloss, path)
    return path


def tilted(gloss: str, seed: int) -> np.ndarray:
    """The features of the longest segment of a new synthetic signer seen through a 15° tilted camera at 15 fps."""
    frames = render_signs([gloss], np.random.default_rng(seed)).frames
    frames = camera_variant(frames, CameraChange(roll=15, fps=15.0), np.random.default_rng(0))
    segment = max(segment_all(frames), key=lambda s: s.end - s.start)
    return matching_features(list(segment.frames))


def test_an_untaught_sign_with_a_taught_movement_and_another_handshape_is_unknown(folder: Path) -> None:
    enrolled = EnrolledSigns.load(folder)
    without = EnrolledSigns.load(folder, FewShotOptions(handshapes=0))
    for seed in (400, 401, 402):
        query = tilted("무엇", seed)
        assert without.match(query).gloss == "이름", "within 이름's threshold and margin: the old rule answered it"
        assert enrolled.match(query).gloss is None


def test_taught_signs_are_still_recognised(folder: Path) -> None:
    enrolled = EnrolledSigns.load(folder)
    for seed in (400, 401):
        assert [enrolled.match(tilted(g, seed)).gloss for g in TAUGHT] == TAUGHT


def test_impostors_borrow_the_nearest_other_handshapes_beyond_the_signs_own_spread() -> None:
    rng = np.random.default_rng(0)
    example = rng.normal(0, 0.3, (24, 2 * HAND_FEATURES)).astype(np.float32)
    example[:, 0], example[:, HAND_FEATURES] = 1.0, 0.0  # one-handed: the dominant hand signs
    own = handshape(example)
    shapes = [own + 0.01, own + 0.5, own + 1.0, own + 2.0]  # the first is this sign's own handshape, nearly
    swapped = with_handshape(example, shapes[1])
    assert np.array_equal(swapped[:, HAND_FEATURES:], example[:, HAND_FEATURES:]), "the other hand is kept"
    kept = np.setdiff1d(np.arange(HAND_FEATURES), HANDSHAPE)  # presence, place, movement, palm orientation
    assert np.allclose(swapped[:, HANDSHAPE], shapes[1]) and np.array_equal(swapped[:, kept], example[:, kept])
    spread = float(dtw_distances(example, with_handshape(example, shapes[0])[None])[0]) + 1e-3
    pairs = minimal_pairs(example, example[None], shapes, spread, 2, dtw_distances)
    assert pairs is not None and len(pairs) == 2
    assert np.allclose(pairs[0][:, HANDSHAPE], shapes[1]) and np.allclose(pairs[1][:, HANDSHAPE], shapes[2])
    assert minimal_pairs(example, example[None], shapes[:1], spread, 2, dtw_distances) is None


def test_a_lone_far_copy_does_not_widen_the_threshold_to_the_cap() -> None:
    """A single mirrored copy (the sign in the other hand's block) has no neighbour within the cap: its
    leave-one-out distance says nothing about how far the sign's own variants spread."""
    rng = np.random.default_rng(1)
    example = rng.normal(0, 0.2, (24, 2 * HAND_FEATURES)).astype(np.float32)
    example[:, 0], example[:, HAND_FEATURES] = 1.0, 0.0
    copies = [example + rng.normal(0, 0.02, example.shape).astype(np.float32) for _ in range(5)]
    mirrored = np.roll(example, HAND_FEATURES, axis=1)
    enrolled = EnrolledSigns([Example("네", "", "", example, np.stack([*copies, mirrored]))])
    options = enrolled.options
    assert float(dtw_distances(mirrored, np.stack([example, *copies])).min()) > options.threshold
    near = [float(dtw_distances(c, np.stack([example, *(x for x in copies if x is not c)])).min()) for c in copies]
    expected = np.clip(options.spread * max(near), options.min_threshold, options.threshold)
    assert enrolled.threshold("네") == pytest.approx(expected, rel=1e-4) and expected < options.threshold


def test_readied_signs_answer_as_signs_worked_out_at_their_first_match(folder: Path) -> None:
    lazy, readied = EnrolledSigns.load(folder), EnrolledSigns.load(folder)
    readied.ready()
    derived = readied._derived
    assert set(derived.variations) == set(derived.impostors) == set(TAUGHT)  # nothing left for a first match
    queries = [tilted(g, 401) for g in [*TAUGHT, "무엇"]]
    assert [readied.match(q) for q in queries] == [lazy.match(q) for q in queries]
    loaded = load_enrolled(folder)  # the live kiosk's loading readies them on a thread of its own
    for thread in [t for t in threading.enumerate() if t.name == "enrolled-signs"]:
        thread.join(timeout=30)
    assert set(loaded._derived.impostors) == set(TAUGHT)


def test_no_taught_signs_are_ready_at_once(tmp_path: Path) -> None:
    enrolled = EnrolledSigns.load(tmp_path / "none")
    enrolled.ready()  # the live kiosk readies whatever it loaded, often nothing
    assert enrolled.match(tilted("이름", 401)).gloss is None
