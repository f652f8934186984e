"""Signs seen at the live kiosk's frame rate: MediaPipe keeps about half a 30 fps camera's frames, unevenly."""

from __future__ import annotations

import numpy as np
import pytest

from bench.sign_stress import MEDIAPIPE
from sign_models.enrollment import matching_features
from sign_models.features import HAND_FEATURES, SIGN_FEATURE_GROUPS, SIGN_FEATURE_SIZE
from sign_models.fewshot import EnrolledSigns
from sign_models.recognizer import SignRecognizer
from sign_models.smoothing import velocity_span
from sign_models.spotting import settled
from sign_models.strokes import MOVING, hand_speed
from sign_models.synthetic_signs import SynthesisOptions, render_signs
from sign_models.widening import CameraChange, busy_landmarker, camera_variant
from tests.conftest import taught_once

TAUGHT = ["아니요", "어디", "감사합니다", "이름", "필요하다", "지금"]


@pytest.fixture(scope="module")
def enrolled(tmp_path_factory: pytest.TempPathFactory) -> EnrolledSigns:
    """Each of ``TAUGHT`` taught once by one synthetic teacher (SYNTHETIC signs)."""
    return taught_once(tmp_path_factory.mktemp("taught"), TAUGHT)


def test_a_busy_landmarker_keeps_about_half_the_frames_in_uneven_runs_the_same_way_each_time() -> None:
    frames = render_signs(["어디", "이름"], np.random.default_rng(3), transitions="flow").frames
    camera = camera_variant(frames, CameraChange(fps=30.0), np.random.default_rng(0))
    kept = busy_landmarker(frames, 30.0, (0.04, 0.09), np.random.default_rng(1))
    gaps = np.round(np.diff([f.t for f in kept]) * 30).astype(int)
    assert 0.4 <= len(kept) / len(camera) <= 0.6
    assert set(gaps) >= {1, 2, 3} and gaps.min() >= 1
    assert [f.t for f in kept] == [f.t for f in busy_landmarker(frames, 30.0, (0.04, 0.09), np.random.default_rng(1))]


def test_velocities_are_measured_over_the_same_time_at_any_frame_rate() -> None:
    """2 frames either side at 30 and 25 fps (as before), 1 at 15 fps and where frames were lost; at least 1."""
    for fps, span in ((30.0, 2), (25.0, 2), (15.0, 1)):
        before, after = velocity_span(np.arange(12) / fps)
        assert list(before[4:8]) == [i - span for i in range(4, 8)]
        assert list(after[4:8]) == [i + span for i in range(4, 8)]
    before, after = velocity_span(np.array([0.0, 0.033, 0.133, 0.2, 0.3, 0.333]))
    assert list(before) == [0, 0, 1, 2, 3, 4] and list(after) == [1, 2, 3, 4, 5, 5]


def test_a_small_back_and_forth_sign_still_moves_when_frames_are_lost() -> None:
    """어디 shakes the hand a little: velocities over 2 frames either side spanned 0.27 s at MediaPipe's ~14 fps and
    averaged it to a standstill (no window of it was spotted); measured over the same time it moves as at 30 fps."""
    frames = render_signs(["어디"], np.random.default_rng(8024)).frames
    moving = {}
    for name, change in (("native", CameraChange()), ("mediapipe", MEDIAPIPE), ("15 fps", CameraChange(fps=15.0))):
        features = matching_features(camera_variant(frames, change, np.random.default_rng(12024)))
        speed = hand_speed(features)
        moving[name] = (speed > MOVING).sum() / max(1, (speed > 0).sum())
    assert moving["mediapipe"] >= 0.8 * moving["native"], moving
    assert moving["15 fps"] >= 0.8 * moving["native"], moving


def test_a_phrase_with_frames_lost_unevenly_is_answered_like_the_whole_one(enrolled: EnrolledSigns) -> None:
    truth = ["아니요", "어디", "감사합니다"]
    frames = render_signs(truth, np.random.default_rng(8024), transitions="flow").frames
    recognizer = SignRecognizer(None, enrolled)
    assert [r.gloss for r in recognizer.live(frames)] == truth
    lost = camera_variant(frames, MEDIAPIPE, np.random.default_rng(12024))
    assert [r.gloss for r in recognizer.live(lost)] == truth


@pytest.mark.parametrize("fps", [15.0, 30.0, 60.0])
def test_windows_are_matched_ahead_only_once_later_frames_no_longer_change_their_features(fps: float) -> None:
    """A window matched while the phrase is signed keeps that match: the features of the frames taken as settled
    must be those of the whole recording (the shake, weighed only in a lone sign's decision, aside). Counted as 8
    frames, 60 fps left velocities and smoothed hands unsettled; at 15 fps it waited 0.53 s instead of 0.33 s."""
    rate = SynthesisOptions(fps=(fps,))
    frames = render_signs(["어디", "이름", "지금"], np.random.default_rng(4), transitions="flow", options=rate).frames
    whole = matching_features(frames)
    shake = np.isin(np.arange(SIGN_FEATURE_SIZE) % HAND_FEATURES, SIGN_FEATURE_GROUPS["shake"])
    t = np.asarray([f.t for f in frames])
    for n in range(int(0.5 * fps), len(frames), max(1, int(fps / 10))):
        done = settled(t[:n])
        part = matching_features(frames[:n])
        assert done == 0 or np.abs(part[:done, ~shake] - whole[:done, ~shake]).max() < 0.01, (n, done)
    assert n - settled(t[:n]) <= 0.35 * fps + 1, "no longer than needed"
