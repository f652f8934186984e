"""A lone sign answers the rise into it (issue 15, twenty-second session): on a whole recording, a window of the
hands rising from a lap below the sign is not answered as a sign of its own, as the live path does not answer it.
SYNTHETIC frames; the spotted window is given, as the stress found one (another signer's 괜찮다 spotted as 네 in
its rise, split 0, three teachers)."""

from __future__ import annotations

import pytest

from bench.sign_stress import ANOTHER, CONDITIONS, _replay
from sign_models.fewshot import EnrolledSigns
from sign_models.recognizer import SignRecognizer, SignResult
from sign_models.segmenter import SignSegmenter


def _answer(start: float, end: float, gloss: str | None) -> SignResult:
    return SignResult(start, end, gloss, gloss or "?", 0.7 if gloss else 0.0, "taught" if gloss else "unknown", ())


@pytest.mark.parametrize(("gloss", "replay"), [("네", 3), ("알다", 5)])
def test_a_window_of_the_rise_into_a_lone_sign_is_not_answered(
    gloss: str, replay: int, monkeypatch: pytest.MonkeyPatch
) -> None:
    """Other signers of the stress whose hands rise from a lap in view well before the segmenter's sign begins."""
    frames = _replay(gloss, ANOTHER, CONDITIONS[ANOTHER], replay)
    segmenter, segments, up = SignSegmenter(), [], {}
    for frame in frames:
        segments += segmenter.push(frame)
        up[frame.t] = segmenter.last_raised == frame.t  # a hand above the rest level
    (segment,) = segments + segmenter.flush()
    before = [t for t in up if segment.start - 0.12 <= t < segment.start]
    assert segment.reason == "rest" and before and all(up[t] for t in before), "the hands are up before the sign"
    rise = _answer(before[0], segment.start - 0.02, "아이")  # a window of the rise that matched a taught sign
    monkeypatch.setattr(SignRecognizer, "_spot", lambda self, frames, known=None: [rise])
    monkeypatch.setattr(SignRecognizer, "recognize", lambda self, s: _answer(s.start, s.end, None))
    answers = SignRecognizer(None, EnrolledSigns([])).recognize_all(frames)
    assert [a.gloss for a in answers] == [None], "the lone sign answers from where the hands were raised"
