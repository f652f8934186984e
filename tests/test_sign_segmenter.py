"""Segmentation of continuous synthetic signing: N signs give N segments at the right times."""

from __future__ import annotations

import dataclasses

import numpy as np
import pytest

from bench.sign_stress import CONDITIONS
from sign_models.segmenter import SegmenterOptions, SignSegmenter, segment_all
from sign_models.sign_spec import load_sign_spec
from sign_models.synthetic_signs import SignedSequence, SynthesisOptions, render_signs
from sign_models.widening import camera_variant

GLOSSES = list(load_sign_spec())
START_TOLERANCE, END_TOLERANCE = 0.1, 0.25  # seconds around each sign's movement


def signing(seed: int, n: int, transitions: str) -> SignedSequence:
    rng = np.random.default_rng(seed)
    return render_signs([str(g) for g in rng.choice(GLOSSES, n, replace=False)], rng, transitions=transitions)


def found_each_sign(sequence: SignedSequence, options: SegmenterOptions | None = None) -> str:
    """ "" when there is one segment per sign around its movement, else what went wrong."""
    segments = segment_all(sequence.frames, options)
    wanted = [(round(a, 2), round(b, 2)) for _, a, b in sequence.signs]
    got = [(round(s.start, 2), round(s.end, 2), s.reason) for s in segments]
    if len(segments) != len(sequence.signs):
        return f"{len(segments)} segments for {len(wanted)} signs: {got} vs {wanted}"
    for segment, (_, start, end) in zip(segments, sequence.signs, strict=True):
        if segment.start > start + START_TOLERANCE or segment.end < end - END_TOLERANCE:
            return f"segment {segment.start:.2f}-{segment.end:.2f} misses the sign {start:.2f}-{end:.2f}: {got}"
    return ""


@pytest.mark.parametrize("seed", range(8))
def test_n_signs_with_rest_in_between_give_n_segments(seed: int) -> None:
    problem = found_each_sign(signing(seed, 4, "rest"))
    assert not problem, problem


def test_signs_separated_by_a_hold_are_mostly_found() -> None:
    """Without a return to rest the segmenter relies on a short hold; measured ~85 % of 4-sign sequences."""
    problems = [p for seed in range(100, 120) if (p := found_each_sign(signing(seed, 4, "hold")))]
    assert len(problems) <= 6, "\n".join(problems)


def test_minimum_and_maximum_length() -> None:
    sequence = signing(7, 3, "rest")
    assert segment_all(sequence.frames, SegmenterOptions(min_seconds=3.0)) == []
    cut = segment_all(sequence.frames, SegmenterOptions(max_seconds=0.4, min_seconds=0.1))
    assert len(cut) > len(sequence.signs)
    assert all(s.end - s.start <= 0.4 + 0.041 for s in cut)  # cut at the first frame past the maximum
    assert any(s.reason == "max_length" for s in cut)


def test_no_sign_when_the_hands_stay_at_rest() -> None:
    frames = signing(1, 1, "rest").frames
    assert segment_all(frames[:8]) == []  # the first quarter second: hands at rest


def test_a_hand_lost_for_a_few_frames_does_not_split_a_sign() -> None:
    sequence = signing(2, 1, "rest")
    _, start, end = sequence.signs[0]
    middle = (start + end) / 2
    frames = [
        dataclasses.replace(f, right_hand=None, left_hand=None) if abs(f.t - middle) < 0.09 else f
        for f in sequence.frames
    ]
    assert len(segment_all(frames)) == 1


def _end_delays(transitions: str, seeds: range) -> list[float]:
    """Seconds from the end of the first sign's movement to the frame on which the segmenter closes it."""
    delays = []
    for seed in seeds:
        sequence = signing(seed, 2, transitions)
        segmenter = SignSegmenter()
        for frame in sequence.frames:
            if segmenter.push(frame):
                delays.append(frame.t - sequence.signs[0][2])
                break
    return delays


def test_a_sign_ends_as_soon_as_the_hand_is_seen_going_down_to_rest() -> None:
    """Waiting for a settled rest (0.2 s with no hand up) made the gloss late: about 0.45 s on this set."""
    delays = _end_delays("rest", range(300, 330))
    assert len(delays) == 30
    assert np.median(delays) <= 0.3, delays


def test_a_short_hold_ends_a_sign() -> None:
    """A hold of 0.15 s ends the sign (it was 0.25 s: about 0.47 s after the movement)."""
    delays = _end_delays("hold", range(300, 330))
    assert len(delays) == 30
    assert np.median(delays) <= 0.35, delays


def test_a_hand_at_rest_in_view_does_not_end_a_sign_when_the_other_is_lost() -> None:
    """The other hand resting in the lap (seen below the rest level) is no reason to end the dominant hand's
    sign while MediaPipe loses the dominant hand for a few frames."""
    sequence = signing(2, 1, "rest")
    _, start, end = sequence.signs[0]
    middle = (start + end) / 2
    frames = []
    for f in sequence.frames:
        hand = next(g.right_hand for g in sequence.frames if g.right_hand is not None)
        width = abs(f.pose[11, 0] - f.pose[12, 0]) * f.aspect
        lap = hand - hand[0] + (0.6, f.pose[11, 1] + 1.6 * width, 0.0)  # wrist 1.6 shoulder widths down
        lost = abs(f.t - middle) < 0.09
        frames.append(dataclasses.replace(f, right_hand=None if lost else f.right_hand, left_hand=lap))
    assert len(segment_all(frames)) == 1


def test_a_quick_downward_sign_made_low_is_not_lost_as_a_fall_to_rest() -> None:
    """SYNTHETIC: 외국인등록증 (both hands stroke down) made 0.4 shoulder widths lower and fast: its own stroke heads
    for the rest level, which ended the sign before ``min_seconds`` and dropped it (3 of 8 found before)."""
    spec = load_sign_spec()["외국인등록증"]
    low = dataclasses.replace(spec, dominant=dataclasses.replace(spec.dominant, location=(0.0, -0.7)))
    options = SynthesisOptions(speed=(0.6, 0.6), shoulder_width=(0.22, 0.26))
    found = [len(segment_all(render_signs([low], np.random.default_rng(s), options=options).frames)) for s in range(8)]
    assert found.count(1) >= 7, found


def _seen_late(gloss: str, seed: int) -> tuple[list, float]:
    """SYNTHETIC: ``gloss`` with its rise unseen (the hands first seen where the sign starts, as when MediaPipe
    loses a hand in low light) and lost again for four frames two frames later; also when the sign ends."""
    sequence = render_signs([gloss], np.random.default_rng(seed))
    _, start, end = sequence.signs[0]
    first = next(k for k, f in enumerate(sequence.frames) if f.t >= start)
    lost = set(range(first)) | set(range(first + 2, first + 6))
    frames = [
        dataclasses.replace(f, left_hand=None, right_hand=None) if k in lost else f
        for k, f in enumerate(sequence.frames)
    ]
    return frames, end


def test_a_sign_whose_rise_was_not_seen_is_not_lost_as_a_hold_while_the_hand_is_lost() -> None:
    """SYNTHETIC: the frames in which the hand was lost counted toward a hold, so a "pause" ended the sign at its
    first frame and dropped it; its small movement never reached ``start_speed`` (모르다 and 아이 of the stress,
    split 1, mirrored with lost hands, had no segment). Signs with small movements, 12 seeds each: 43 of 72 found
    before, 59 after (taps at the edge of ``pause_speed`` are still lost)."""
    found = 0
    for gloss in ("아이", "모르다", "누구", "당신", "서명", "어디"):
        for seed in range(12):
            frames, end = _seen_late(gloss, seed)
            segments = segment_all(frames)
            found += len(segments) == 1 and segments[0].end >= end - END_TOLERANCE
    assert found >= 55, found


def test_a_hand_resting_in_view_and_seen_now_and_then_starts_no_sign() -> None:
    """SYNTHETIC: hands resting at the waist just above the rest level, seen one frame in six for 0.8 s (the
    recording ends): not counting the lost frames as a hold must not make this a sign; nothing moved in it."""
    options = SynthesisOptions(rest_height=(-1.1, -1.1), drop_rate=0.0)
    for seed in range(4):
        rest = render_signs(["아이"], np.random.default_rng(seed), options=options).frames[:8]
        step = rest[1].t - rest[0].t
        frames = [
            dataclasses.replace(rest[k % 8], t=k * step)
            if k % 6 == 0
            else dataclasses.replace(rest[k % 8], t=k * step, left_hand=None, right_hand=None)
            for k in range(round(0.8 / step))
        ]
        assert segment_all(frames) == [], seed


AT_THE_WAIST = SynthesisOptions(rest_height=(-1.1, -1.1))  # 1.1 shoulder widths down: above the rest level


def _waiting(seed: int) -> tuple[list, float, float]:
    """SYNTHETIC: the hands wait still at the waist for 3 s, then one sign and back, seen at low resolution
    (landmark jitter, lost hands); the frames and the sign's start and end."""
    sequence = render_signs([GLOSSES[seed % len(GLOSSES)]], np.random.default_rng(seed), options=AT_THE_WAIST)
    _, start, end = sequence.signs[0]
    rest = [f for f in sequence.frames if f.t < start - 0.35]
    step = rest[1].t - rest[0].t
    n = round(3.0 / step)
    frames = [dataclasses.replace(rest[k % len(rest)], t=k * step) for k in range(n)]
    frames += [dataclasses.replace(f, t=f.t + n * step) for f in sequence.frames]
    frames = camera_variant(frames, CONDITIONS["low resolution"], np.random.default_rng(10000 + seed))
    return frames, start + n * step, end + n * step


def test_hands_waiting_still_at_the_waist_under_jitter_start_no_sign() -> None:
    """SYNTHETIC, 20 recordings: the jitter moved the raw wrists faster than ``start_speed``; 45 segments in 19
    recordings began in the waiting (each a "?" chip) and none gave exactly one segment; now none and 19."""
    one = 0
    for seed in range(20):
        frames, start, end = _waiting(seed)
        segments = segment_all(frames)
        assert all(s.start >= start - 0.5 for s in segments), (seed, [(s.start, s.end) for s in segments])
        one += len(segments) == 1 and segments[0].start <= start + START_TOLERANCE and segments[0].end >= end - 0.1
    assert one >= 18, one


def _low_base(gloss: str) -> object:
    """The spec of two-handed ``gloss`` with its base hand held at the waist (1.1 shoulder widths down)."""
    spec = load_sign_spec()[gloss]
    return dataclasses.replace(spec, base=dataclasses.replace(spec.base, location=(spec.base.location[0], -1.1)))


@pytest.mark.parametrize("gloss", ["감사합니다", "도장"])
def test_a_still_base_hand_at_the_waist_stays_in_the_two_handed_sign(gloss: str) -> None:
    """SYNTHETIC: the base hand held still at the waist while the dominant hand signs on it is part of the sign,
    not a hand at rest: one segment, both hands in it, 8 of 8 seeds."""
    options = dataclasses.replace(AT_THE_WAIST, drop_rate=0.0)
    for seed in range(8):
        sequence = render_signs([_low_base(gloss)], np.random.default_rng(seed), options=options)
        _, start, end = sequence.signs[0]
        segments = segment_all(sequence.frames)
        assert len(segments) == 1, (seed, [(s.start, s.end, s.reason) for s in segments])
        assert segments[0].start <= start + START_TOLERANCE and segments[0].end >= end - END_TOLERANCE, seed
        during = [f for f in segments[0].frames if start <= f.t <= end]
        assert all(f.left_hand is not None and f.right_hand is not None for f in during), seed


def test_a_two_handed_sign_with_its_base_hand_at_the_waist_is_one_segment_at_low_resolution() -> None:
    """SYNTHETIC, 3 signs x 8 seeds at low resolution, the hands resting at the waist: one segment around the sign
    in 17 of 24 before (segments began at rest), 12 with a still low hand counted as resting wherever it was (it
    ended signs: the reverted still-low-rest rule), 22 now."""
    found = 0
    for gloss in ("감사합니다", "도장", "시간"):
        for seed in range(8):
            sequence = render_signs([_low_base(gloss)], np.random.default_rng(seed), options=AT_THE_WAIST)
            frames = camera_variant(sequence.frames, CONDITIONS["low resolution"], np.random.default_rng(10000 + seed))
            _, start, end = sequence.signs[0]
            segments = segment_all(frames)
            found += len(segments) == 1 and segments[0].start <= start + 0.1 and segments[0].end >= end - 0.25
    assert found >= 20, found
