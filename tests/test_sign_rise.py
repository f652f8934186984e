"""A lone sign answers the rise into it (issue 15, twenty-second session): on a whole recording, a window of the
hands rising from a lap below the sign is not answered as a sign of its own, as the live path does not answer it.
SYNTHETIC frames; the spotted window is given, as the stress found one (another signer's 괜찮다 spotted as 네 in
its rise, split 0, three teachers). Its twin on the live path (twenty-third session): a window of the fall after a lone
sign is not answered either, as the whole-recording path does not answer it."""

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


@pytest.mark.parametrize(("gloss", "replay"), [("언제", 7), ("어떻게", 7), ("얼마", 11)])
def test_a_window_of_the_fall_after_a_lone_sign_is_not_answered_live(
    gloss: str, replay: int, monkeypatch: pytest.MonkeyPatch
) -> None:
    """Other signers of the stress whose lone sign was unknown and a window of their fall to a lap, over the sign's
    last frames, matched a taught sign once the hands rested (the live path's ``_missed``; splits 4 and 7, three
    teachers: 언제 and 얼마 as 수수료, 어떻게 as 받다)."""
    frames = _replay(gloss, ANOTHER, CONDITIONS[ANOTHER], replay)
    segmenter = SignSegmenter()
    (segment,) = [s for frame in frames for s in segmenter.push(frame)] + segmenter.flush()
    assert segment.reason == "rest" and frames[-1].t > segment.end + 0.4, "a lone sign, then the fall"
    fall = _answer(segment.end - 0.1, segment.end + 0.35, "수수료")  # a window of the fall that matched a taught sign
    monkeypatch.setattr(SignRecognizer, "_spot", lambda self, frames, known=None: [fall])
    monkeypatch.setattr(SignRecognizer, "recognize", lambda self, s: _answer(s.start, s.end, None))
    recognizer = SignRecognizer(None, EnrolledSigns([]))
    assert [a.gloss for a in recognizer.recognize_all(frames)] == [None]
    assert [a.gloss for a in recognizer.live(frames)] == [None], "live answers as the whole recording does"
