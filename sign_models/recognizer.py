"""The live sign path: frames -> segments -> a taught match, else a model trained on recordings, else unknown.

A sign the city's interpreters taught on site (:mod:`sign_models.fewshot`) wins when its match is confident:
it is the local form, and it works without retraining. Otherwise the trained model answers when it is
confident; otherwise the result is unknown ("unknown sign, please repeat") and says so. Either part may be
missing (no model file, no enrolled examples); with neither, every sign is unknown.

Confidence: the model's probability, or for an enrolled match 1 - distance / (2 * threshold) (1 = identical to
an example, 0.5 = at the few-shot threshold), so both read as "higher is surer" on one scale.
"""

from __future__ import annotations

import contextlib
import dataclasses
import math
from collections import deque
from collections.abc import Sequence
from dataclasses import dataclass, field

import numpy as np

from base.errors import KioskError
from base.events import Modality, SignEvent
from sign_models.classifier import UNKNOWN_TEXT_KO, Candidate, SignModel
from sign_models.composer import load_lexicon
from sign_models.dictionary import korean
from sign_models.enrollment import matching_features
from sign_models.fewshot import EnrolledSigns, Match
from sign_models.landmarks import LandmarkFrame
from sign_models.segmenter import Segment, SegmenterOptions, SignSegmenter
from sign_models.spotting import Known, SpotOptions, match_ahead, same_sign, spot
from sign_models.strokes import spans

UNKNOWN_GLOSS = "?"
LONG_SEGMENT = 1.5  # seconds: a segment this long may hold several signs
AHEAD_S = 0.2  # seconds between two matchings ahead while a phrase is signed (each finds its features anew)


def _alone(segment: Segment, before: Segment | None) -> bool:
    """A segment that began from rest (the one before ended at rest) and ended at rest, and is too short to
    hold several signs: one sign, answered as a whole."""
    rested = before is None or before.reason in ("rest", "flush")
    return rested and segment.reason in ("rest", "flush") and segment.end - segment.start < LONG_SEGMENT


def _overlap(result: SignResult, segment: Segment) -> bool:
    return result.start < segment.end and segment.start < result.end


def _segments(frames: list[LandmarkFrame], options: SegmenterOptions) -> tuple[list[Segment], list[float]]:
    """The live segmenter's segments of ``frames``, and the times the hands were raised after a rest (no hand above
    the rest level for ``rest_seconds`` or more before): the live path answers a lone segment for all it did since."""
    segmenter = SignSegmenter(options)
    segments: list[Segment] = []
    raises: list[float] = []
    last: float | None = None
    for frame in frames:
        segments += segmenter.push(frame)
        raised = segmenter.last_raised
        if raised == frame.t and (last is None or raised - last >= options.rest_seconds):
            raises.append(raised)
        last = raised if raised is not None else last
    return segments + segmenter.flush(), raises


def _from_raise(segment: Segment, before: Segment | None, raises: list[float]) -> Segment:
    """A lone ``segment`` stretched back to when the hands were raised for it (not before the segment ``before``
    it ended): the rise into a sign is no sign of its own."""
    start = max([r for r in raises if r <= segment.start], default=segment.start)
    return dataclasses.replace(segment, start=max(start, before.end if before is not None else start))


@dataclass(frozen=True)
class RecognizerOptions:
    """``left_handed``: mirror the signer first; ``segmenter``: segmentation thresholds."""

    left_handed: bool = False
    segmenter: SegmenterOptions = field(default_factory=SegmenterOptions)


@dataclass(frozen=True)
class SignResult:
    """One segment's answer. ``gloss`` None: unknown sign, please repeat. ``source``: taught, model or unknown."""

    start: float
    end: float
    gloss: str | None
    text: str
    confidence: float
    source: str
    top: tuple[Candidate, ...]

    def as_json(self) -> dict:
        """The ``kiosk sign recognize --json`` form: start, end, gloss (None: unknown), source, top."""
        top = [{"gloss": c.gloss, "p": round(float(c.p), 4)} for c in self.top]
        return {
            "start": round(self.start, 3),
            "end": round(self.end, 3),
            "gloss": self.gloss,
            "source": self.source,
            "top": top,
        }

    def event(self) -> SignEvent:
        """As a kiosk event; an unknown sign has gloss "?" and the please-repeat text."""
        return SignEvent(self.gloss or UNKNOWN_GLOSS, self.text, self.confidence, self.start, self.end, Modality.SIGN)


class SignRecognizer:
    """Streaming: :meth:`push` frames in time order, :meth:`flush` at the end; both return finished signs."""

    def __init__(
        self,
        classifier: SignModel | None,
        enrolled: EnrolledSigns | None = None,
        options: RecognizerOptions | None = None,
    ) -> None:
        self.classifier = classifier
        self.enrolled = enrolled
        self.options = options or RecognizerOptions()
        self.reset()

    def reset(self) -> None:
        """Forget the frames pushed so far (a new visitor)."""
        self._segmenter = SignSegmenter(self.options.segmenter)
        self._before: Segment | None = None
        self._lone: Segment | None = None  # the last segment if it was a sign on its own (see _spot_since)
        self._recent: deque[LandmarkFrame] = deque()  # the frames of the last ``max_seconds`` + 1 s
        self._answered: tuple[float, float, str | None] = (-math.inf, -math.inf, None)  # the last answer
        self._unanswered: float | None = None  # the first frame with a hand up since the last answer
        self._ahead: tuple[float, EnrolledSigns | None, Known] = (math.nan, None, {})  # see _since
        self._ahead_at = -math.inf  # when windows were last matched ahead

    def push(self, frame: LandmarkFrame) -> list[SignResult]:
        pending = self._segmenter.signing or self._unanswered is not None
        self._recent.append(frame)
        while frame.t - self._recent[0].t > (self.options.segmenter.max_seconds + 1.0) * (2 if pending else 1):
            self._recent.popleft()  # a phrase in progress keeps where it began, so its windows stay where they were
        results = self._answer(self._segmenter.push(frame))
        raised = self._segmenter.last_raised
        if raised == frame.t and self._unanswered is None:
            self._unanswered = frame.t
        elif raised is not None and frame.t - raised >= self.options.segmenter.rest_seconds:
            results += self._missed(raised)
        pending = self._segmenter.signing or self._unanswered is not None
        if pending and not results and frame.t - self._ahead_at >= AHEAD_S:  # an answer is not kept waiting
            self._match_ahead(frame.t)
        return results

    def flush(self) -> list[SignResult]:
        raised = self._segmenter.last_raised
        results = self._answer(self._segmenter.flush())
        results += self._missed(raised) if raised is not None else []
        self._recent.clear()
        return results

    def _answer(self, segments: list[Segment]) -> list[SignResult]:
        """The signs of the segments just completed: a segment that is a sign on its own (:func:`_alone`: from
        rest to rest, short) is answered as a whole; in any other (signs in a row, flowing into each other or
        with holds between them) taught signs are spotted (:meth:`_spot_since`) up to the latest frame (a window
        of the segment alone could end on its fall to rest, and a fall alone matched a taught sign), those that
        begin before the segment ends are answered, and the segment itself is answered as a whole when none of
        them overlaps it (so an unknown sign is reported as one)."""
        results = []
        for segment in segments:
            lone = _alone(segment, self._before)
            found = [] if lone else self._spot_since(segment.end)
            if not any(_overlap(r, segment) for r in found):
                found = sorted([*found, self.recognize(segment)], key=lambda r: r.start)
            self._answered = found[-1].start, max(segment.end, *(r.end for r in found)), found[-1].gloss
            self._before, self._lone, self._unanswered = segment, segment if lone else None, None
            results += found
        return results

    def _missed(self, raised: float) -> list[SignResult]:
        """When the hands have rested (for ``rest_seconds``, no sign in progress): the taught signs spotted in
        what they did since the last answer, if they were up for ``min_seconds`` or more. The segmenter misses
        small signs in a phrase with holds: a tap of 0.1 shoulder widths moves the wrist at 0.2-0.45 widths/s,
        below ``start_speed`` (0.7) after a hold, and a sign started that way can pause (under ``pause_speed``)
        before ``min_seconds`` and be dropped (docs/signs.md, fifteenth session)."""
        if self._segmenter.signing or self._unanswered is None:
            return []
        since, self._unanswered = self._unanswered, None
        if raised - since < self.options.segmenter.min_seconds:
            return []
        found = self._spot_since(math.inf)
        if found:
            self._answered = found[-1].start, found[-1].end, found[-1].gloss
        return found

    def _since(self) -> tuple[list[LandmarkFrame], Known]:
        """The frames from the start of the last answer to the latest, and the windows of them matched already
        (none when they begin elsewhere than at the last call, or other signs were taught since)."""
        frames = [frame for frame in self._recent if frame.t >= self._answered[0]]
        since, enrolled, known = self._ahead
        if not frames or frames[0].t != since or enrolled is not self.enrolled:
            known = {}
            self._ahead = (frames[0].t if frames else math.nan, self.enrolled, known)
        return frames, known

    def _match_ahead(self, now: float) -> None:
        """While a sign is in progress or the hands are up unanswered: match the windows that :meth:`_spot_since`
        will look at as soon as their features are settled, at most one batch of them every ``AHEAD_S``
        (:func:`~sign_models.spotting.match_ahead`), so that the end of a phrase is not spent matching all its
        windows at once while the camera's frames wait (docs/signs.md, sixteenth session)."""
        if self.enrolled is None or not self.enrolled.examples:
            return
        frames, known = self._since()
        self._ahead_at = now
        with contextlib.suppress(KioskError):  # e.g. no person yet: the windows are matched at the end, if at all
            match_ahead(frames, self.enrolled, known, left_handed=self.options.left_handed)

    def _spot_since(self, before: float) -> list[SignResult]:
        """Taught signs spotted from the start of the last answer to the latest frame that begin before ``before``
        and lie mostly after the last answer, except the last answer's sign once more (spotting's own rule,
        :func:`~sign_models.spotting.same_sign`) and any overlapping the last segment if it was a sign on its own,
        as :meth:`recognize_all` drops them: a window of the fall to a lap after a lone unknown sign was answered
        (docs/signs.md, twenty-third session)."""
        _, last, gloss = self._answered
        frames, known = self._since()
        return [
            r
            for r in self._spot(frames, known)
            if r.start < before
            and (r.start + r.end) / 2 > last
            and not (self._lone is not None and _overlap(r, self._lone))
            and not same_sign(gloss, last, r.gloss, r.start, SpotOptions().merge_gap)
        ]

    def live(self, frames: Sequence[LandmarkFrame]) -> list[SignResult]:
        """Every sign of a recording as the live kiosk answers it: the frames pushed one by one into a fresh
        state, flushed at the end (the live state is left alone)."""
        replay = SignRecognizer(self.classifier, self.enrolled, self.options)
        return [result for frame in frames for result in replay.push(frame)] + replay.flush()

    def recognize_all(self, frames: Sequence[LandmarkFrame]) -> list[SignResult]:
        """Every sign of a whole recording (the live state is left alone). A segment of the live segmenter that
        is a sign on its own (:func:`_alone`: from rest to rest, short) is answered as live; elsewhere taught
        signs are spotted (:func:`~sign_models.spotting.spot`, over the whole recording: signs in a row with
        holds or moves between them, or that the segmenter missed), and a segment in which nothing was spotted
        is answered as live (so an unknown sign is reported as one). Spotting inside lone signs too answered
        more untaught signs: SYNTHETIC stress, one teacher, untaught rejected 0.673 instead of 0.709. A lone sign
        also answers the rise into it from where the hands were raised (:func:`_from_raise`), as live: a window of
        the rise from a lap below the sign was answered as a taught sign before the sign itself (docs/signs.md,
        twenty-second session)."""
        frames = list(frames)
        segments, raises = _segments(frames, self.options.segmenter)
        before = [segments[k - 1] if k else None for k in range(len(segments))]
        alone = [_alone(s, b) for s, b in zip(segments, before, strict=True)]
        lone = [_from_raise(s, b, raises) for s, b, single in zip(segments, before, alone, strict=True) if single]
        results = [r for r in self._spot(frames) if not any(_overlap(r, s) for s in lone)]
        for segment, single in zip(segments, alone, strict=True):
            if single or not any(_overlap(r, segment) for r in results):
                results.append(self.recognize(segment))
        return sorted(results, key=lambda r: r.start)

    def _spot(self, frames: list[LandmarkFrame], known: Known | None = None) -> list[SignResult]:
        if self.enrolled is None or not self.enrolled.examples:
            return []
        try:
            found = spot(frames, self.enrolled, left_handed=self.options.left_handed, known=known)
        except KioskError:  # e.g. no person in a stretch the segmenter left out
            return []
        return [self._taught(f.match, f.start, f.end) for f in found]

    def _taught(self, match: Match, start: float, end: float) -> SignResult:
        top = tuple(Candidate(g, round(max(0.0, 1 - d / (2 * match.threshold)), 4)) for g, d in match.nearest[:3])
        return SignResult(start, end, match.gloss, _text(match.gloss or ""), top[0].p, "taught", top)

    def recognize(self, segment: Segment) -> SignResult:
        """The answer for one segment."""
        return self.recognize_frames(segment.frames, segment.start, segment.end)

    def recognize_frames(self, frames: Sequence[LandmarkFrame], start: float, end: float) -> SignResult:
        """The answer for one segment's frames: the segment's best taught match, with or without its first and
        last stroke (:func:`~sign_models.strokes.spans`: the moves into and out of the sign), else the model's
        surest answer over the same spans (a model from ``kiosk sign train`` learnt the taught signs without
        those moves too)."""
        frames = list(frames)
        features = matching_features(frames, left_handed=self.options.left_handed)
        candidates = spans(features, np.asarray([f.t for f in frames]))
        if self.enrolled is not None and self.enrolled.examples:
            matches = self.enrolled.match_each([features[a : b + 1] for a, b in candidates])
            accepted = [m for m in matches if m.gloss is not None]
            match = min(accepted or matches, key=lambda m: m.distance / m.threshold)
            taught = self._taught(match, start, end)
            if match.gloss is not None:
                return taught
            top = taught.top
        else:
            top = ()
        if self.classifier is not None:
            answers = [
                self.classifier.classify_frames(frames[a : b + 1], left_handed=self.options.left_handed)
                for a, b in candidates
            ]
            result = max(answers, key=lambda r: (r.gloss is not None, r.confidence))
            if result.gloss is not None:
                return SignResult(start, end, result.gloss, _text(result.gloss), result.confidence, "model", result.top)
            top = answers[0].top
        return SignResult(start, end, None, UNKNOWN_TEXT_KO, top[0].p if top else 0.0, "unknown", top)


def _text(gloss: str) -> str:
    """The Korean shown for a gloss: the lexicon's text, else the KSL dictionary's wording of a taught sign."""
    entry = load_lexicon().get(gloss)
    return entry.ko if entry else korean(gloss)
