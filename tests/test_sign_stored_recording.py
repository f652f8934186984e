"""A taught example keeps its recording (the still start and end trimmed), so the sign's core can be cut again
when the way it is cut changes; an example that stored only its core is not cut a second time (SYNTHETIC
landmarks)."""

from __future__ import annotations

from pathlib import Path

import numpy as np
import pytest

from sign_models import enrollment
from sign_models.enrollment import FEATURE_VERSION, cut_core, enroll_frames, find_sign, matching_features, trim_still
from sign_models.fewshot import EnrolledSigns, prepare
from sign_models.landmarks import arrays_to_frames, frames_to_arrays
from sign_models.synthetic_signs import render_signs


def _refeatured(path: Path, version: int, expected: np.ndarray) -> bool:
    """Whether loading, after a change of ``FEATURE_VERSION``, makes the example's features anew as ``expected``
    (the matching features of the sign it should find)."""
    with np.load(path) as data:
        arrays = {name: data[name] for name in data.files}
    np.savez_compressed(path, **arrays | {"version": np.asarray(version)})
    enrolled = EnrolledSigns.load(path.parent)
    assert not enrolled.problems
    made = enrolled.examples[0].features
    return made.shape == (want := prepare(expected, enrolled.options.length)).shape and np.allclose(made, want)


def test_the_stored_landmarks_are_the_trimmed_recording_not_only_the_core(tmp_path: Path) -> None:
    frames = render_signs(["서류"], np.random.default_rng(2)).frames
    path = enroll_frames(frames, "서류", tmp_path)
    with np.load(path) as data:
        stored, features, marked = arrays_to_frames(data), data["features"], bool(data["recording"])
    assert marked and len(stored) == len(trim_still(frames)) > len(find_sign(frames))
    assert np.allclose(matching_features(cut_core(stored)), features), "the core is cut from what is stored"
    assert _refeatured(path, FEATURE_VERSION - 1, features), "made anew, the same sign"


def test_an_example_that_stored_only_its_core_is_not_cut_twice(tmp_path: Path) -> None:
    """Versions 4 to 7 stored the core's landmarks; made anew (here from version 6), cutting it again took its
    first and last stroke a second time."""
    frames = render_signs(["서류"], np.random.default_rng(3)).frames  # a core a second cut shortens
    path = enroll_frames(frames, "서류", tmp_path)
    core = find_sign(frames)
    with np.load(path) as data:
        kept = {"features", "widened", "left_handed"}
        np.savez_compressed(path, **{name: data[name] for name in kept}, **frames_to_arrays(core))
    assert len(find_sign(core)) < len(core), "cutting the core again would shorten it"
    assert _refeatured(path, 6, matching_features(core))


def test_enrolment_trims_the_still_frames_once(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    """Trimming trimmed frames can move their ends (edge velocities change: 도장, seed 2, loses a frame to a
    second trim): enrolment trims once, and its core is the one cut from the stored recording."""
    frames = render_signs(["도장"], np.random.default_rng(2)).frames
    assert len(trim_still(trim_still(frames))) < len(trim_still(frames)), "a second trim would move the ends"
    calls = []
    monkeypatch.setattr(enrollment, "trim_still", lambda f: calls.append(len(f)) or trim_still(f))
    path = enroll_frames(frames, "도장", tmp_path)
    assert calls == [len(frames)]
    with np.load(path) as data:
        assert np.allclose(data["features"], matching_features(cut_core(arrays_to_frames(data))))
