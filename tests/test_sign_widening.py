"""One taught example, any counter camera: trimming, widening, levelled features, per-sign thresholds (synthetic)."""

from __future__ import annotations

import dataclasses
import tracemalloc
from pathlib import Path

import numpy as np
import pytest

from base.errors import InputError
from sign_models.enrollment import WIDENED, enroll_frames, find_sign, matching_features
from sign_models.features import sign_features
from sign_models.fewshot import EnrolledSigns, FewShotOptions
from sign_models.synthetic_signs import render_signs
from sign_models.widening import CameraChange, camera_variant, widen


def recording(gloss: str, seed: int) -> list:
    return render_signs([gloss], np.random.default_rng(seed)).frames


def at_the_waist(frames: list, seconds: float) -> list:
    """``seconds`` of the signer holding both hands still at the waist (visible, not fully down) before and
    after the sign: the live segmenter's rest test does not see them as resting."""
    first = frames[0]
    hands = {}
    for name in ("left_hand", "right_hand"):
        hand = next(getattr(f, name) for f in frames if getattr(f, name) is not None).copy()
        hand[:, 1] += first.pose[23, 1] - 0.05 - hand[0, 1]  # wrist just above the hip line
        hands[name] = hand
    count = int(seconds * 30)
    still = [dataclasses.replace(first, t=i / 30, **hands) for i in range(count)]
    moved = [dataclasses.replace(f, t=f.t + seconds) for f in frames[5:-5]]
    end = moved[-1].t
    return still + moved + [dataclasses.replace(s, t=end + (i + 1) / 30) for i, s in enumerate(still)]


def test_still_frames_at_the_waist_are_trimmed_and_the_sign_is_kept() -> None:
    frames = at_the_waist(recording("화장실", 1), 1.0)
    sign = find_sign(frames)
    assert sign[0].t >= 0.9 and sign[-1].t <= frames[-1].t - 0.9, (sign[0].t, sign[-1].t)
    assert sign[-1].t - sign[0].t > 0.5


def test_a_recording_without_movement_is_refused_with_the_reason(tmp_path: Path) -> None:
    still = at_the_waist(recording("화장실", 1), 1.0)[:30]
    with pytest.raises(InputError, match="did not move"):
        enroll_frames(still, "화장실", tmp_path)
    with pytest.raises(InputError, match="no hand"):
        enroll_frames([dataclasses.replace(f, left_hand=None, right_hand=None) for f in still], "화장실", tmp_path)


def test_levelled_features_do_not_change_with_roll_distance_or_position() -> None:
    frames = recording("서류", 2)
    base = matching_features(frames)
    for change in (CameraChange(roll=15), CameraChange(roll=-15), CameraChange(scale=0.7, shift=(0.1, 0.05))):
        moved = camera_variant(frames, change, np.random.default_rng(0))
        assert np.abs(matching_features(moved) - base).max() < 1e-3
    rolled = camera_variant(frames, CameraChange(roll=15), np.random.default_rng(0))
    assert np.abs(sign_features(rolled) - sign_features(frames)).max() > 0.1, "unlevelled features do change"


def test_widening_covers_speed_frame_rate_mirror_and_lost_hands() -> None:
    frames = recording("서류", 2)
    slow = camera_variant(frames, CameraChange(speed=0.75, fps=15.0), np.random.default_rng(0))
    assert slow[-1].t == pytest.approx(frames[-1].t / 0.75, abs=0.1) and len(slow) < len(frames)
    mirrored = camera_variant(frames, CameraChange(mirror=True), np.random.default_rng(0))
    both = next(i for i, f in enumerate(frames) if f.right_hand is not None)
    assert np.allclose(mirrored[both].left_hand[:, 0], 1 - frames[both].right_hand[:, 0], atol=1e-5)
    dropped = camera_variant(frames, CameraChange(drop_rate=0.3), np.random.default_rng(0))
    assert sum(f.right_hand is None for f in dropped) > sum(f.right_hand is None for f in frames)
    assert len(widen(frames, np.random.default_rng(1), 5)) == 5


def test_each_example_is_stored_with_its_widened_copies(tmp_path: Path) -> None:
    enroll_frames(recording("서류", 2), "서류", tmp_path)
    enrolled = EnrolledSigns.load(tmp_path)
    assert enrolled.examples[0].widened.shape == (WIDENED, 24, enrolled.examples[0].features.shape[1])


def test_per_sign_thresholds_follow_how_much_the_examples_differ(tmp_path: Path) -> None:
    for seed in (1, 2, 3):
        enroll_frames(recording("서류", seed), "서류", tmp_path)
    for seed in (4, 5):
        enroll_frames(recording("네", seed), "네", tmp_path)
    options = FewShotOptions()
    enrolled = EnrolledSigns.load(tmp_path, options)
    thresholds = {g: enrolled.threshold(g) for g in enrolled.glosses}
    assert all(options.min_threshold <= t <= options.threshold for t in thresholds.values())
    same = [e for e in enrolled.examples if e.gloss == "네"]
    from sign_models.sign_distance import dtw_distances

    spread = options.spread * float(dtw_distances(same[0].features, same[1].features[None])[0])
    assert thresholds["네"] == pytest.approx(np.clip(spread, options.min_threshold, options.threshold), rel=1e-4)


FOUR = ["서류", "네", "화장실", "감사합니다"]


def teach_four_twice(folder: Path) -> EnrolledSigns:
    """SYNTHETIC: the four signs of ``FOUR``, each taught by two synthetic signers (seeds 10+ and 20+)."""
    for i, gloss in enumerate(FOUR):
        for seed in (10 + i, 20 + i):
            enroll_frames(recording(gloss, seed), gloss, folder)
    return EnrolledSigns.load(folder)


def test_untaught_signs_are_unknown_and_taught_ones_survive_a_tilted_camera(tmp_path: Path) -> None:
    """SYNTHETIC: new synthetic signers (other seeds) through a 15° tilted camera at 15 fps."""
    from sign_models.segmenter import segment_all

    enrolled = teach_four_twice(tmp_path)

    def answer(gloss: str, seed: int) -> str | None:
        frames = camera_variant(recording(gloss, seed), CameraChange(roll=15, fps=15.0), np.random.default_rng(0))
        segment = max(segment_all(frames), key=lambda s: s.end - s.start)
        return enrolled.match(matching_features(list(segment.frames))).gloss

    right = sum(answer(g, 40 + i) == g for i, g in enumerate(FOUR))
    assert right >= 3
    untaught = ["여권", "주소", "이름", "돈"]
    assert sum(answer(g, 60 + i) is None for i, g in enumerate(untaught)) >= 3


def test_matching_300_signs_of_3_examples_stays_small() -> None:
    """The bank of 300 x 3 examples with their widened copies: one match allocates at most 200 MB at its peak
    (54 MB measured; a float64 difference tensor of every example against the query, as before issue 15, takes
    over 1 GB). Its speed (target 30 ms) is reported by ``kiosk bench sign``, not timed here."""
    rng = np.random.default_rng(0)
    base = matching_features(recording("서류", 2))
    enrolled = EnrolledSigns([])
    for k in range(900):
        wobble = rng.normal(0, 0.3, base.shape).astype(np.float32)
        enrolled.add(f"s{k // 3}", base + wobble, widened=[base + wobble * 0.9] * WIDENED)
    enrolled.match(base)
    tracemalloc.start()
    try:
        nearest = enrolled.match(base).nearest
        peak = tracemalloc.get_traced_memory()[1]
    finally:
        tracemalloc.stop()
    assert len(nearest) >= 2 and nearest[0][1] <= nearest[1][1]  # it did match, best first
    assert peak < 200e6, f"one match allocated {peak / 1e6:.0f} MB"


@pytest.mark.parametrize("fps", [15, 30])
def test_short_hand_gaps_are_filled_and_long_absences_kept(fps: int) -> None:
    """A gap is counted in seconds: 0.2 s without the hand is filled and 0.3 s kept at 15 and at 30 fps."""
    from sign_models.cleanup import clean_hands

    frames = [f for f in recording("서류", 2) if f.right_hand is not None][:40]
    frames = [dataclasses.replace(f, t=i / fps) for i, f in enumerate(frames)]

    def without_hand(seconds: float) -> list:
        missing = range(10, 10 + round(seconds * fps))
        return [dataclasses.replace(f, right_hand=None) if i in missing else f for i, f in enumerate(frames)]

    filled = clean_hands(without_hand(0.2))
    assert all(f.right_hand is not None for f in filled)
    assert np.abs(filled[11].right_hand - frames[11].right_hand).max() < 0.05
    assert sum(f.right_hand is None for f in clean_hands(without_hand(0.3))) == round(0.3 * fps)


def test_three_taught_signs_in_a_row_are_spotted_in_order(tmp_path: Path) -> None:
    """SYNTHETIC: three signs with only holds between them, taught twice each by other synthetic signers."""
    from sign_models.recognizer import SignRecognizer
    from sign_models.spotting import spot

    enrolled = teach_four_twice(tmp_path)
    sequence = render_signs(["화장실", "서류", "감사합니다"], np.random.default_rng(77), transitions="hold")
    results = [r for r in SignRecognizer(None, enrolled).recognize_all(sequence.frames) if r.gloss]
    assert [r.gloss for r in results] == ["화장실", "서류", "감사합니다"]
    for found, (_, start, end) in zip(results, sequence.signs, strict=True):
        assert found.start < end and start < found.end, "each answer overlaps its sign"
    merged = render_signs(["서류", "감사합니다"], np.random.default_rng(78), transitions="hold").frames
    spots = spot(merged, enrolled)
    assert [s.match.gloss for s in spots] == ["서류", "감사합니다"], "spotting alone, no segmenter"
    assert spot(recording("여권", 5), enrolled) == [], "an untaught sign is not spotted"
