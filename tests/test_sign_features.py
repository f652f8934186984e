"""Sign features: body-centred and scale-free, mirrored for left-handed signers, missing parts, bad input."""

from __future__ import annotations

import dataclasses
from pathlib import Path

import numpy as np
import pytest

from base.errors import InputError, MediaFormatError
from sign_models.features import (
    HAND_FEATURES,
    SIGN_FEATURE_GROUPS,
    SIGN_FEATURE_SIZE,
    mirror_frame,
    resample,
    sign_features,
)
from sign_models.landmarks import LandmarkFrame, load_npz, save_npz
from sign_models.synthetic_signs import render_signs


@pytest.fixture(scope="module")
def frames() -> list[LandmarkFrame]:
    return render_signs(["감사합니다", "어디"], np.random.default_rng(3)).frames


def moved(frame: LandmarkFrame, shift: tuple[float, float], scale: float) -> LandmarkFrame:
    """The same scene seen with the signer elsewhere in the image and nearer or farther (zoom about 0.5, 0.5)."""

    def change(points):
        if points is None:
            return None
        out = np.array(points, dtype=float)
        out[:, :2] = 0.5 + scale * (out[:, :2] - 0.5) + shift
        out[:, 2] *= scale
        return out

    return dataclasses.replace(
        frame, pose=change(frame.pose), left_hand=change(frame.left_hand), right_hand=change(frame.right_hand)
    )


def test_features_do_not_depend_on_where_the_signer_stands_or_how_near(frames) -> None:
    base = sign_features(frames)
    assert base.shape == (len(frames), SIGN_FEATURE_SIZE)
    assert base[:, 0].any() and np.isfinite(base).all()
    for shift, scale in (((0.1, -0.05), 1.0), ((0.0, 0.0), 0.7), ((-0.08, 0.04), 1.2)):
        other = sign_features([moved(f, shift, scale) for f in frames])
        np.testing.assert_allclose(other, base, atol=2e-3)


def test_features_do_change_with_the_movement(frames) -> None:
    a = sign_features(frames)
    b = sign_features(render_signs(["감사합니다", "네"], np.random.default_rng(3)).frames)
    n = min(len(a), len(b))
    assert np.abs(a[:n] - b[:n]).max() > 0.5


def test_a_left_handed_signer_gives_the_right_handed_features(frames) -> None:
    mirrored = [mirror_frame(f) for f in frames]
    assert mirrored[40].left_hand is not None or frames[40].right_hand is None
    np.testing.assert_allclose(sign_features(mirrored, left_handed=True), sign_features(frames), atol=1e-5)
    assert not np.allclose(sign_features(mirrored), sign_features(frames), atol=1e-2)


def test_missing_hands_are_zeros_with_a_flag(frames) -> None:
    gap = [dataclasses.replace(f, right_hand=None) if 30 <= i < 35 else f for i, f in enumerate(frames)]
    features = sign_features(gap)
    assert (features[30:35, :HAND_FEATURES] == 0).all()
    assert features[36, 0] == 1 or frames[36].right_hand is None
    assert (features[28:37, 3:5] == 0).all()  # no velocity across the gap


def test_frames_without_a_pose_borrow_the_body_and_no_pose_at_all_is_an_error(frames) -> None:
    some = [dataclasses.replace(f, pose=None) if i % 3 == 0 else f for i, f in enumerate(frames)]
    shake = np.isin(np.arange(SIGN_FEATURE_SIZE) % HAND_FEATURES, SIGN_FEATURE_GROUPS["shake"])
    borrowed, own = sign_features(some), sign_features(frames)
    np.testing.assert_allclose(borrowed[:, ~shake], own[:, ~shake], atol=0.03)
    # a direction between velocities: uncleaned, a slow hand's turn moves with the borrowed body's sway
    np.testing.assert_allclose(borrowed[:, shake], own[:, shake], atol=0.1)
    with pytest.raises(InputError, match="no person"):
        sign_features([dataclasses.replace(f, pose=None) for f in frames])


@pytest.mark.parametrize(
    ("change", "message"),
    [
        ({"right_hand": np.zeros((20, 3))}, "21 landmarks"),
        ({"pose": np.zeros((33, 2))}, "pose landmarks must have shape"),
        ({"right_hand": np.full((21, 3), np.nan)}, "NaN"),
    ],
)
def test_bad_landmarks_are_clear_errors(frames, change: dict, message: str) -> None:
    bad = list(frames)
    bad[10] = dataclasses.replace(bad[10], **change)
    with pytest.raises(InputError, match=message):
        sign_features(bad)


def test_no_frames_or_time_going_backwards_are_errors(frames) -> None:
    with pytest.raises(InputError):
        sign_features([])
    with pytest.raises(InputError, match="increasing"):
        sign_features([frames[1], frames[0]])


def test_resample_keeps_the_ends_and_checks_shapes() -> None:
    x = np.arange(10, dtype=float)[:, None] * np.ones((1, 3))
    y = resample(x, 4)
    assert y.shape == (4, 3)
    assert y[0, 0] == 0 and y[-1, 0] == 9
    with pytest.raises(InputError):
        resample(np.zeros(5), 4)


def test_landmark_files_round_trip_and_damaged_ones_are_clear_errors(frames, tmp_path: Path) -> None:
    path = save_npz(frames, tmp_path / "a.npz")
    back = load_npz(path)
    np.testing.assert_allclose(sign_features(back), sign_features(frames), atol=1e-4)
    (tmp_path / "bad.npz").write_bytes(b"PK\x03\x04 not really a zip")
    with pytest.raises(MediaFormatError):
        load_npz(tmp_path / "bad.npz")
    np.savez(tmp_path / "other.npz", t=np.zeros(3))
    with pytest.raises(MediaFormatError, match="not a landmark file"):
        load_npz(tmp_path / "other.npz")
    with pytest.raises(MediaFormatError):
        load_npz(tmp_path / "missing.npz")
