"""The SYNTHETIC stress set: another signer who really differs, signs that flow into each other, spotting them."""

from __future__ import annotations

from pathlib import Path

import numpy as np

from bench.sign_stress import ANOTHER, CONDITIONS, stress
from sign_models.enrollment import enroll_frames, matching_features
from sign_models.features import HAND_FEATURES
from sign_models.fewshot import EnrolledSigns
from sign_models.recognizer import SignRecognizer
from sign_models.segmenter import segment_all
from sign_models.synthetic_signs import SynthesisOptions, render_signs
from sign_models.widening import SignerChange, random_signer, signer_variant


def recording(gloss: str, seed: int) -> list:
    return render_signs([gloss], np.random.default_rng(seed)).frames


def test_another_signer_moves_turns_and_reshapes_the_hands_but_not_the_body() -> None:
    frames = recording("서류", 3)
    wide = signer_variant(frames, SignerChange(amplitude=1.5))
    base, wider = matching_features(frames), matching_features(wide)
    span = np.ptp(base[base[:, 0] > 0, 1:3], axis=0).max()
    assert np.ptp(wider[wider[:, 0] > 0, 1:3], axis=0).max() > 1.3 * span, "a larger movement"
    moved = matching_features(signer_variant(frames, SignerChange(place=(0.2, 0.0))))
    present = base[:, 0] > 0
    assert np.allclose(np.abs(moved[present, 1] - base[present, 1]), 0.2, atol=0.02), "placed 0.2 widths aside"
    reshaped = matching_features(signer_variant(frames, random_signer(np.random.default_rng(1))))
    assert np.abs(reshaped[present, 6:HAND_FEATURES] - base[present, 6:HAND_FEATURES]).mean() > 0.02, "hand shape"
    assert all(a.pose is b.pose for a, b in zip(frames, wide, strict=True)), "the body stays"


def test_flowing_signs_have_neither_a_hold_nor_a_rest_and_are_still_spotted(tmp_path: Path) -> None:
    """SYNTHETIC: the segmenter sees one long segment; spotting inside it finds the three taught signs, in a
    recording and on the live kiosk (frames pushed one by one: it answered the whole phrase as one sign)."""
    taught = ["서류", "네", "화장실", "감사합니다"]
    for i, gloss in enumerate(taught):
        for seed in (10 + i, 20 + i):
            enroll_frames(recording(gloss, seed), gloss, tmp_path)
    sequence = render_signs(["화장실", "서류", "감사합니다"], np.random.default_rng(77), transitions="flow")
    assert len(segment_all(sequence.frames)) == 1, "no hold and no rest between the signs"
    recognizer = SignRecognizer(None, EnrolledSigns.load(tmp_path))
    for results in (recognizer.recognize_all(sequence.frames), recognizer.live(sequence.frames)):
        assert [r.gloss for r in results] == ["화장실", "서류", "감사합니다"]


def test_a_visitor_signing_much_faster_than_the_teacher_can_still_be_spotted(tmp_path: Path) -> None:
    """The teacher signed at the synthetic signer's slowest speed, the visitor at about twice that speed: the
    window may now be 0.45 of the taught duration (it had to be 0.6, and no replay was found). A known limit:
    at this speed ratio the other two signs are still missed (see the README's SYNTHETIC figures)."""
    from sign_models.spotting import spot

    slow, fast = SynthesisOptions(speed=(1.35, 1.35)), SynthesisOptions(speed=(0.7, 0.7))
    for i, gloss in enumerate(["서류", "화장실", "감사합니다"]):
        enroll_frames(render_signs([gloss], np.random.default_rng(30 + i), options=slow).frames, gloss, tmp_path)
    enrolled = EnrolledSigns.load(tmp_path)
    replays = [render_signs(["화장실"], np.random.default_rng(seed), options=fast).frames for seed in range(79, 91)]
    found = sum([s.match.gloss for s in spot(frames, enrolled)] == ["화장실"] for frames in replays)
    assert found >= 8, found


def test_the_stress_report_has_another_signer_and_flowing_signs() -> None:
    """The condition and the flowing figure exist; the figures themselves are SYNTHETIC (see the README)."""
    assert ANOTHER in CONDITIONS
    report = stress(taught=4, untaught=2, sequences=2)
    assert set(report["conditions"]) == set(CONDITIONS)
    assert 0.0 <= report["three_sign_gloss_error_rate_flowing"] <= 1.0
    assert 0.0 <= report["live_three_sign_gloss_error_rate_flowing"] <= 1.0 and 0 <= report["live_open_set_right"] <= 1
    for path in ("", "live_"):  # as MediaPipe hands the frames on at the kiosk (about half, unevenly)
        for key in ("", "_flowing"):
            assert 0.0 <= report[f"{path}three_sign_gloss_error_rate{key}_mediapipe"] <= 1.0
    assert set(report["naive_conditions"]) == set(CONDITIONS) and 0 <= report["naive_closed_set_right"] <= 1
    assert report["another_signer_right"] <= report["another_signer_answered"]


def test_another_signer_rests_at_the_waist_signs_elsewhere_and_moves_the_other_hand() -> None:
    """The stress set's other signer (SYNTHETIC) differs from the teacher the way real signers do."""
    from bench.sign_stress import ANOTHER_SIGNER

    def rendered(seed: int, options=None) -> tuple[np.ndarray, np.ndarray]:
        sequence = render_signs(["미안합니다"], np.random.default_rng(seed), options=options)  # one-handed
        _, start, end = sequence.signs[0]
        during = np.asarray([start <= f.t <= end for f in sequence.frames])
        return matching_features(sequence.frames), during

    def resting(features: np.ndarray) -> float:
        """The higher hand's height below the shoulders in the first frames (shoulder widths; inf: unseen)."""
        start = features[:5].reshape(5, 2, HAND_FEATURES)
        return float(start[..., 2][start[..., 0] > 0].min(initial=np.inf))

    spans = []
    for seed in range(4):
        (teacher, during), (visitor, moving) = rendered(seed), rendered(seed, ANOTHER_SIGNER)
        assert resting(teacher) > 1.6 and resting(visitor) < 1.55, "hands rest low / at the waist"
        other = slice(HAND_FEATURES + 1, HAND_FEATURES + 3)
        assert np.ptp(teacher[during, other], axis=0).max() < 0.03, "the teacher's other hand holds still"
        spans.append(np.ptp(visitor[moving, other], axis=0).max())
    assert max(spans) > 0.08, f"the visitor's other hand may move along: {spans}"
    exact = {"place_sd": 0.0, "size_sd": 0.0}
    (a, during), (b, moving) = (
        rendered(5, SynthesisOptions(**exact)),
        rendered(5, SynthesisOptions(offset=(0.3, 0.3), **exact)),
    )
    place = np.linalg.norm(a[during, 1:3].mean(axis=0) - b[moving, 1:3].mean(axis=0))
    assert abs(place - 0.3) < 0.03, "the whole sign is placed 0.3 shoulder widths elsewhere"


def test_the_naive_baseline_always_answers_the_nearest_taught_sign() -> None:
    from bench.sign_naive import NaiveOneShot

    naive = NaiveOneShot({g: recording(g, 40 + i) for i, g in enumerate(["서류", "화장실", "감사합니다"])})
    assert naive.answer(recording("화장실", 90)) == "화장실"
    assert naive.answer(recording("네", 91)) in {"서류", "화장실", "감사합니다"}, "closed set: never unknown"


def test_a_signer_without_an_idle_hand_leaves_it_at_rest_wherever_the_sign_is_placed() -> None:
    """SYNTHETIC: the other hand of a one-handed sign stays at the waist; only the sign moves with the offset."""
    options = SynthesisOptions(offset=(0.3, 0.3), reach=(1.2, 1.2), rest_height=(-1.1, -1.1), drop_rate=0.0)
    for seed in range(3):
        other = matching_features(render_signs(["미안합니다"], np.random.default_rng(seed), options=options).frames)
        other = other[:, HAND_FEATURES:]
        assert np.ptp(other[other[:, 0] > 0, 1:3], axis=0).max() < 0.05, "the other hand stays where it rests"


def test_the_three_teachers_of_a_sign_are_three_signers_not_three_recordings_of_one() -> None:
    """SYNTHETIC: where the teachers place a sign (its core's mean hand position, shoulder widths) differs between
    them well beyond what one signer's repetitions of it differ by (issue 15, item 3: three people teach)."""
    import itertools

    from bench.sign_stress import teacher_recording
    from sign_models.enrollment import find_sign

    def spread(recordings: list[list]) -> float:
        centres = []
        for frames in recordings:
            features = matching_features(find_sign(frames))
            centres.append(features[features[:, 0] > 0, 1:3].mean(axis=0))
        return float(np.mean([np.linalg.norm(a - b) for a, b in itertools.combinations(centres, 2)]))

    glosses = ["서류", "화장실", "감사합니다", "미안합니다", "네", "시간", "돈", "어디"]
    teachers = [spread([teacher_recording(g, i, k) for k in range(3)]) for i, g in enumerate(glosses)]
    repeats = [spread([recording(g, 300 + 10 * i + r) for r in range(3)]) for i, g in enumerate(glosses)]
    assert np.median(teachers) > 2 * np.median(repeats), (teachers, repeats)
