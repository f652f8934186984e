"""What spotting a phrase costs: its windows are matched together, the bank read once per batch of them."""

from __future__ import annotations

import math

import numpy as np
import pytest

from sign_models.enrollment import matching_features
from sign_models.fewshot import BATCH, EnrolledSigns
from sign_models.recognizer import SignRecognizer
from sign_models.sign_distance import dtw_weighted
from sign_models.spotting import spot
from sign_models.synthetic_signs import render_signs
from tests.conftest import taught_once

TAUGHT = ["지금", "어디", "수수료", "네", "발급", "이름", "다시", "기다리다"]


@pytest.fixture(scope="module")
def enrolled(tmp_path_factory: pytest.TempPathFactory) -> EnrolledSigns:
    """Each of ``TAUGHT`` taught once by one synthetic teacher: 8 x 13 entries, more than the DTW candidates."""
    return taught_once(tmp_path_factory.mktemp("taught"), TAUGHT)


def test_a_phrase_is_spotted_reading_the_bank_once_per_batch_of_windows(
    enrolled: EnrolledSigns, monkeypatch: pytest.MonkeyPatch
) -> None:
    """Each window used to read the whole bank (11,700 entries at 300 signs x 3: most of a match's cost);
    now the reads are bounded by the count of windows / BATCH."""
    frames = render_signs(["이름", "지금", "발급"], np.random.default_rng(8200), transitions="flow").frames
    reads, windows = [0], [0]
    bank, prepare = enrolled._bank_arrays, enrolled._prepare
    monkeypatch.setattr(enrolled, "_bank_arrays", lambda: (reads.__setitem__(0, reads[0] + 1), bank())[1])
    monkeypatch.setattr(enrolled, "_prepare", lambda f: (windows.__setitem__(0, windows[0] + 1), prepare(f))[1])
    found = spot(frames, enrolled)
    assert found, "the phrase's taught signs are spotted"
    assert windows[0] > 2 * BATCH
    assert reads[0] <= math.ceil(windows[0] / BATCH)


def test_windows_matched_together_are_answered_as_each_alone(enrolled: EnrolledSigns) -> None:
    features = matching_features(render_signs(["수수료", "네"], np.random.default_rng(8300), transitions="flow").frames)
    windows = [features[a : a + n] for a in range(0, len(features) - 12, 3) for n in (6, 12)]
    assert len(windows) > BATCH
    assert enrolled.match_each(windows) == [enrolled.match(w) for w in windows]


def test_dtw_of_queries_each_against_their_own_examples_is_that_of_each_query_alone() -> None:
    rng = np.random.default_rng(3)
    queries = rng.normal(size=(3, 7, 5)).astype(np.float32)
    examples = rng.normal(size=(3, 4, 9, 5)).astype(np.float32)
    squared = np.einsum("wemf,wemf->wem", examples, examples)
    together = dtw_weighted(queries, examples, squared)
    alone = np.stack([dtw_weighted(q, e, s) for q, e, s in zip(queries, examples, squared, strict=True)])
    assert together.shape == (3, 4)
    np.testing.assert_allclose(together, alone, rtol=1e-6)


def test_the_frame_that_ends_a_phrase_matches_only_its_last_windows(
    enrolled: EnrolledSigns, monkeypatch: pytest.MonkeyPatch
) -> None:
    """The windows of a phrase are matched while it is signed, as soon as their features are settled: the frame
    that ends it matched every window of the phrase (153 here, seconds at 300 signs x 3), now only the last few."""
    frames = render_signs(["이름", "지금", "발급"], np.random.default_rng(8200), transitions="flow").frames
    recognizer, windows = SignRecognizer(None, enrolled), [0]
    prepare = enrolled._prepare
    monkeypatch.setattr(enrolled, "_prepare", lambda f: (windows.__setitem__(0, windows[0] + 1), prepare(f))[1])
    per_frame, answers = [], []
    for frame in frames:
        before = windows[0]
        found = recognizer.push(frame)
        per_frame.append(windows[0] - before)
        answers += [(len(per_frame) - 1, r.gloss) for r in found]
    answers += [(len(frames), r.gloss) for r in recognizer.flush()]
    assert [gloss for _, gloss in answers] == ["이름", "지금", "발급"]
    ends = {k for k, _ in answers if k < len(frames)}
    assert sum(per_frame) > 4 * BATCH
    assert all(count <= BATCH for k, count in enumerate(per_frame) if k not in ends), "one batch ahead at a time"
    assert all(per_frame[k] < sum(per_frame) / 3 for k in ends), "the phrase's end: only its last windows"


def test_windows_matched_ahead_give_the_answers_of_matching_them_at_the_end(
    enrolled: EnrolledSigns, monkeypatch: pytest.MonkeyPatch
) -> None:
    phrases = [["수수료", "네", "다시"], ["기다리다", "어디", "이름"], ["발급", "지금", "네"]]
    recordings = [
        render_signs(p, np.random.default_rng(8400 + i), transitions="flow").frames for i, p in enumerate(phrases)
    ]
    ahead = [SignRecognizer(None, enrolled).live(frames) for frames in recordings]
    monkeypatch.setattr("sign_models.recognizer.AHEAD_S", math.inf)
    at_the_end = [SignRecognizer(None, enrolled).live(frames) for frames in recordings]
    assert [[(r.gloss, r.start, r.end) for r in rs] for rs in ahead] == [
        [(r.gloss, r.start, r.end) for r in rs] for rs in at_the_end
    ]
