"""Finger descriptors for sign matching: invariant to the camera, and they tell apart handshapes the palm-frame
landmarks confused (SYNTHETIC hands from the project's own generator and sign spec)."""

from __future__ import annotations

import numpy as np

from sign_models.features import (
    FINGER_SIZE,
    HAND_FEATURES,
    SIGN_FEATURE_GROUPS,
    finger_features,
    hand_shape_features,
    mirror_hand,
)
from sign_models.hand_model import canonical_hand, sample
from sign_models.sign_distance import HANDSHAPE_WEIGHTS, column_weights
from sign_models.sign_spec import load_sign_spec


def test_finger_descriptors_ignore_turn_roll_distance_place_and_mirroring() -> None:
    hand = sample(load_sign_spec()["이름"].dominant.shape, 1, np.random.default_rng(0))[0][0]
    features = finger_features(hand)
    assert features.shape == (FINGER_SIZE,) and np.isfinite(features).all()
    rng = np.random.default_rng(1)
    for _ in range(5):
        turn, _ = np.linalg.qr(rng.normal(size=(3, 3)))
        turn *= np.sign(np.linalg.det(turn))  # a rotation (a reflection is the mirror case below)
        moved = (hand - hand[0]) @ turn.T * rng.uniform(0.3, 3.0) + rng.uniform(-1, 1, 3)
        np.testing.assert_allclose(finger_features(moved), features, atol=1e-9)
    np.testing.assert_allclose(finger_features(mirror_hand(hand)), features, atol=1e-9)
    batch = np.stack([hand, mirror_hand(hand)])
    np.testing.assert_allclose(finger_features(batch), np.stack([features, features]), atol=1e-9)


def test_finger_descriptors_see_the_thumb_and_the_spread_of_an_open_hand() -> None:
    specs = load_sign_spec()
    flat, open_hand = (finger_features(canonical_hand(specs[g].dominant.shape)) for g in ("천천히", "어디"))
    assert np.abs(flat - open_hand).max() > 0.1  # a quarter turn is 0.5


def _separation(a: np.ndarray, b: np.ndarray) -> float:
    """Distance between the two handshapes' mean rows over the larger 0.9 quantile of their rows' distance from
    their own mean (below 1: the handshapes overlap)."""
    spread = max(np.quantile(np.linalg.norm(x - x.mean(axis=0), axis=1), 0.9) for x in (a, b))
    return float(np.linalg.norm(a.mean(axis=0) - b.mean(axis=0)) / spread)


def test_index_and_index_middle_hands_are_apart_with_the_finger_descriptors() -> None:
    """SYNTHETIC hands of the generator (joint noise, hand size, wrist turn, camera tilt and distance, MediaPipe's
    uncertain depth): in the palm-frame landmarks alone an index hand (무엇) and an index+middle hand (이름) lie
    about one spread apart (0.98-1.03 over seeds 0-2); weighted as matching weighs a query against a sign's
    impostors (with the finger descriptors), about 1.5."""
    weights = np.sqrt(column_weights(HANDSHAPE_WEIGHTS)[:HAND_FEATURES])
    rows = []
    for gloss in ("무엇", "이름"):
        hands, aspect = sample(load_sign_spec()[gloss].dominant.shape, 300, np.random.default_rng(0))
        shape = hand_shape_features(hands, aspect)[:, : len(SIGN_FEATURE_GROUPS["shape"])]
        rows.append((shape, shape * weights[SIGN_FEATURE_GROUPS["shape"]], finger_features(hands, aspect)))
    (old_a, shape_a, fingers_a), (old_b, shape_b, fingers_b) = rows
    fingers = weights[SIGN_FEATURE_GROUPS["fingers"]]
    before = _separation(old_a, old_b)
    after = _separation(np.hstack([shape_a, fingers_a * fingers]), np.hstack([shape_b, fingers_b * fingers]))
    assert before < 1.1 and after > 1.4
