"""Signs in a row and the sign's own movement: taught examples without the rise and fall, the best set of spotted
windows, the segment answered with or without its moves, the sign ending as the hands head down (SYNTHETIC)."""

from __future__ import annotations

import dataclasses
from pathlib import Path

import numpy as np
import pytest

from bench.sign_stress import _edit_distance
from sign_models.enrollment import enroll_frames, find_sign, matching_features
from sign_models.fewshot import EnrolledSigns, Match
from sign_models.recognizer import SignRecognizer
from sign_models.segmenter import SegmenterOptions, SignSegmenter, segment_all
from sign_models.sign_spec import load_sign_spec
from sign_models.spotting import Spot, SpotOptions, best_path, spot
from sign_models.strokes import sign_core, spans
from sign_models.synthetic_signs import render_signs
from tests.conftest import taught_once

TAUGHT = ["지금", "어디", "수수료", "네", "발급", "이름", "다시", "기다리다"]


@pytest.fixture(scope="module")
def enrolled(tmp_path_factory: pytest.TempPathFactory) -> EnrolledSigns:
    """Each of ``TAUGHT`` taught once, by one synthetic teacher (seeds apart from the signing below)."""
    return taught_once(tmp_path_factory.mktemp("taught"), TAUGHT)


@pytest.mark.parametrize("seed", range(6))
def test_a_taught_example_is_the_sign_without_the_rise_from_rest_and_the_fall_back(seed: int) -> None:
    gloss = sorted(load_sign_spec())[seed * 7]
    sequence = render_signs([gloss], np.random.default_rng(seed))
    _, start, end = sequence.signs[0]
    sign = find_sign(sequence.frames)
    assert start - 0.1 <= sign[0].t <= start + 0.15, (sign[0].t, start)
    assert end - 0.15 <= sign[-1].t <= end + 0.1, (sign[-1].t, end)
    again = sign_core(matching_features(sign), np.asarray([f.t for f in sign]))
    assert again == (0, len(sign) - 1), "a sign already cut is not cut again"


def test_a_segment_is_matched_with_and_without_the_move_into_it() -> None:
    """A sign after a hold comes with the move from the previous sign: one span leaves that move out."""
    sequence = render_signs(["지금", "어디"], np.random.default_rng(3), transitions="hold")
    _, start, end = sequence.signs[1]
    t = np.asarray([f.t for f in sequence.frames])
    first, last = np.searchsorted(t, [start - 0.4, end + 0.05])
    found = spans(matching_features(sequence.frames[first : last + 1]), t[first : last + 1])
    assert (0, last - first) in found, "the whole segment"
    assert any(abs(t[first + a] - start) <= 0.1 for a, _ in found), ([t[first + a] for a, _ in found], start)


def _spot(first: int, last: int, gloss: str, distance: float) -> Spot:
    return Spot(first, last, first / 30, last / 30, Match(((gloss, distance),), gloss, 0.4))


def test_the_best_set_of_windows_beats_the_single_best_window() -> None:
    """Greedy best-first suppression kept the one window overlapping two signs (the best single score)."""
    one, two = _spot(0, 10, "네", 0.2), _spot(10, 20, "어디", 0.2)
    across = _spot(5, 15, "다시", 0.04)
    assert best_path([across, one, two]) == [one, two]
    assert best_path([_spot(0, 20, "네", 0.04), one, two]) == [_spot(0, 20, "네", 0.04)], "better and as long"
    assert best_path([]) == []


@pytest.mark.parametrize("transitions", ["hold", "flow"])
def test_three_signs_in_a_row_taught_once_each(enrolled: EnrolledSigns, transitions: str) -> None:
    """SYNTHETIC, one teacher: gloss error rate over six three-sign phrases (was 0.61 with holds, 0.44 flowing
    on this set: the taught examples' rise and fall did not match signs in a row)."""
    recognizer = SignRecognizer(None, enrolled)
    rng = np.random.default_rng(11)
    errors = 0
    for i in range(6):
        truth = [str(g) for g in rng.choice(TAUGHT, 3, replace=False)]
        frames = render_signs(truth, np.random.default_rng(8100 + i), transitions=transitions).frames
        found = [r.gloss for r in recognizer.recognize_all(frames) if r.gloss is not None]
        errors += _edit_distance(found, truth)
    assert errors / 18 <= 0.15


def test_a_sign_taught_shorter_than_the_shortest_window_is_spotted_in_a_row(tmp_path: Path) -> None:
    """SYNTHETIC: 현금 taught by this signer keeps 0.16 s after its rise and fall are cut, so no window (0.4 s and
    longer) was within 2.2x of it and the sign was never spotted in flowing signing (0 of 6; 5 of 6 then). Seed 5057
    made that signer until the hands were smoothed over seconds (its 현금 keeps 0.24 s since); 5071 keeps 0.16 s."""
    for gloss, seed in {"지금": 5000, "현금": 5071, "어디": 5002, "네": 5003}.items():
        enroll_frames(render_signs([gloss], np.random.default_rng(seed)).frames, gloss, tmp_path, "teacher")
    enrolled = EnrolledSigns.load(tmp_path)
    assert enrolled.seconds("현금") * SpotOptions().duration[1] < min(SpotOptions().lengths)
    found = 0
    for i in range(6):
        frames = render_signs(["지금", "현금", "어디"], np.random.default_rng(8200 + i), transitions="flow").frames
        found += "현금" in [s.match.gloss for s in spot(frames, enrolled)]
    assert found >= 4, found


def test_an_isolated_sign_is_answered_from_its_segment(enrolled: EnrolledSigns) -> None:
    recognizer = SignRecognizer(None, enrolled)
    frames = render_signs(["기다리다"], np.random.default_rng(42)).frames
    assert [r.gloss for r in recognizer.recognize_all(frames)] == ["기다리다"]
    (segment,) = segment_all(frames)
    assert recognizer.recognize(segment).gloss == "기다리다"


def test_a_sign_ends_when_the_hands_head_down_to_rest() -> None:
    """Waiting to see the hand past the rest level cost about 0.2 s after the movement on this set."""
    delays, waited = [], []
    for seed in range(300, 320):
        sequence = render_signs(["수수료"], np.random.default_rng(seed))
        end = sequence.signs[0][2]
        for options, out in ((SegmenterOptions(), delays), (SegmenterOptions(fall_seconds=0.0), waited)):
            segmenter = SignSegmenter(options)
            out.append(next(f.t for f in sequence.frames if segmenter.push(f)) - end)
    assert np.median(delays) <= np.median(waited) - 0.05, (np.median(delays), np.median(waited))
    assert min(delays) > 0, "never before the movement ends"


def at_the_waist(frames: list) -> list:
    """The signer's hands rest at the waist (visible, a little above the hip line) instead of out of view: every
    hand lower than that, or not seen, is held there."""
    first = {n: next(getattr(f, n) for f in frames if getattr(f, n) is not None) for n in ("left_hand", "right_hand")}
    out = []
    for f in frames:
        waist = f.pose[23, 1] - 0.05
        hands = {}
        for name, seen in first.items():
            missing = getattr(f, name) is None
            hand = seen if missing else getattr(f, name)
            hands[name] = hand - (0, hand[0, 1] - waist if missing else max(0.0, hand[0, 1] - waist), 0)
        out.append(dataclasses.replace(f, **hands))
    return out


@pytest.mark.parametrize("gloss", ["화장실", "수수료", "지금"])
def test_a_recording_with_the_hands_resting_at_the_waist_is_cut_to_the_sign(gloss: str) -> None:
    """Real signers start and end with the hands at the waist or in the lap: the rise from there and the fall
    back to it are left out too."""
    sequence = render_signs([gloss], np.random.default_rng(1))
    _, start, end = sequence.signs[0]
    sign = find_sign(at_the_waist(sequence.frames))
    assert start - 0.1 <= sign[0].t <= start + 0.15 and end - 0.15 <= sign[-1].t <= end + 0.1, (sign[0].t, start)


def test_a_model_trained_on_the_taught_examples_answers_over_the_segments_spans(tmp_path: Path) -> None:
    """SYNTHETIC: the model learnt the signs without the rise and fall; given whole segments it read 15/18."""
    from sign_models.trained_signs import train

    taught = TAUGHT[:6]
    for i, gloss in enumerate(taught):
        for k in range(3):
            frames = render_signs([gloss], np.random.default_rng(5000 + i + 100 * k)).frames
            enroll_frames(frames, gloss, tmp_path, f"teacher-{k}")
    recognizer = SignRecognizer(train(EnrolledSigns.load(tmp_path))[0], None)
    right = 0
    for i, gloss in enumerate(taught * 3):
        (segment,) = segment_all(render_signs([gloss], np.random.default_rng(9100 + i)).frames)
        answer = recognizer.recognize(segment)
        right += answer.gloss == gloss and answer.source == "model"
    assert right >= 17, right


def _stress_bank(folder: Path, split: int) -> EnrolledSigns:
    """The 20 signs the stress teaches on dev ``split``, each taught once as the stress does (seeds 5000+)."""
    glosses = sorted(load_sign_spec())
    order = np.random.default_rng(split).permutation(len(glosses))
    for i in range(20):
        gloss = glosses[order[i]]
        enroll_frames(render_signs([gloss], np.random.default_rng(5000 + i)).frames, gloss, folder, "teacher-0")
    return EnrolledSigns.load(folder)


@pytest.fixture(scope="module")
def stress_taught(tmp_path_factory: pytest.TempPathFactory) -> EnrolledSigns:
    """The stress's taught signs on dev split 1, one teacher."""
    return _stress_bank(tmp_path_factory.mktemp("stress-taught"), 1)


def test_a_sign_in_a_row_matched_within_0_9_of_its_threshold_is_spotted(tmp_path: Path) -> None:
    """SYNTHETIC (stress split 0, one teacher, flowing sequence 0): 지금's best window lies at 0.84 of its
    threshold, so ``accept`` 0.8 lost it between the two others (docs/signs.md, twentieth session)."""
    truth = ["필요하다", "지금", "외국인등록증"]
    frames = render_signs(truth, np.random.default_rng(8000), transitions="flow").frames
    found = spot(frames, _stress_bank(tmp_path, 0))
    assert [s.match.gloss for s in found] == truth
    assert 0.8 < found[1].match.distance / found[1].match.threshold <= SpotOptions().accept


@pytest.mark.parametrize(
    ("truth", "seed"), [(["아이", "나", "이름"], 8016), (["누구", "지금", "나"], 8012), (["돈", "화장실", "나"], 8001)]
)
def test_small_signs_held_apart_that_the_segmenter_never_cuts_are_answered_live_once_each(
    stress_taught: EnrolledSigns, truth: list[str], seed: int
) -> None:
    """SYNTHETIC (stress split 1, sequences 16, 12, 1 with holds): taps of 0.1 shoulder widths after a hold never
    reach ``start_speed``; 16 was one segment (나 alone answered), 12 lost 나; spotting again from the last answer
    answered 돈 of sequence 1 twice (its hold and the move out of it)."""
    frames = render_signs(truth, np.random.default_rng(seed), transitions="hold").frames
    assert [r.gloss for r in SignRecognizer(None, stress_taught).live(frames)] == truth
