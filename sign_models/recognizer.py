"""The live sign path: frames -> segments -> a taught match, else a trained TFLite classifier, else unknown.

A sign the city's interpreters taught on site (:mod:`sign_models.fewshot`) wins when its match is confident:
it is the local form, and it works without retraining. Otherwise the trained model answers when it is
confident; otherwise the result is unknown ("unknown sign, please repeat") and says so. Either part may be
missing (no model file, no enrolled examples); with neither, every sign is unknown.

Confidence: the model's probability, or for an enrolled match 1 - distance / (2 * threshold) (1 = identical to
an example, 0.5 = at the few-shot threshold), so both read as "higher is surer" on one scale.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass, field

from base.events import Modality, SignEvent
from sign_models.classifier import UNKNOWN_TEXT_KO, Candidate, SignClassifier
from sign_models.composer import load_lexicon
from sign_models.enrollment import matching_features
from sign_models.features import sign_features
from sign_models.fewshot import EnrolledSigns
from sign_models.landmarks import LandmarkFrame
from sign_models.segmenter import Segment, SegmenterOptions, SignSegmenter

UNKNOWN_GLOSS = "?"


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
        classifier: SignClassifier | None,
        enrolled: EnrolledSigns | None = None,
        options: RecognizerOptions | None = None,
    ) -> None:
        self.classifier = classifier
        self.enrolled = enrolled
        self.options = options or RecognizerOptions()
        self._segmenter = SignSegmenter(self.options.segmenter)

    def push(self, frame: LandmarkFrame) -> list[SignResult]:
        return [self.recognize(segment) for segment in self._segmenter.push(frame)]

    def flush(self) -> list[SignResult]:
        return [self.recognize(segment) for segment in self._segmenter.flush()]

    def recognize_all(self, frames: Sequence[LandmarkFrame]) -> list[SignResult]:
        """Every sign of a whole recording, from a fresh segmenter (the live state is left alone)."""
        segmenter = SignSegmenter(self.options.segmenter)
        segments = [segment for frame in frames for segment in segmenter.push(frame)] + segmenter.flush()
        return [self.recognize(segment) for segment in segments]

    def recognize(self, segment: Segment) -> SignResult:
        """The answer for one segment."""
        return self.recognize_frames(segment.frames, segment.start, segment.end)

    def recognize_frames(self, frames: Sequence[LandmarkFrame], start: float, end: float) -> SignResult:
        if self.enrolled is not None and self.enrolled.examples:
            match = self.enrolled.match(matching_features(frames, left_handed=self.options.left_handed))
            threshold = match.threshold
            top = tuple(Candidate(g, round(max(0.0, 1 - d / (2 * threshold)), 4)) for g, d in match.nearest[:3])
            if match.gloss is not None:
                return SignResult(start, end, match.gloss, _text(match.gloss), top[0].p, "taught", top)
        else:
            top = ()
        if self.classifier is not None:
            result = self.classifier.classify(sign_features(frames, left_handed=self.options.left_handed))
            if result.gloss is not None:
                return SignResult(start, end, result.gloss, _text(result.gloss), result.confidence, "model", result.top)
            top = result.top
        return SignResult(start, end, None, UNKNOWN_TEXT_KO, top[0].p if top else 0.0, "unknown", top)


def _text(gloss: str) -> str:
    """The Korean shown for a gloss: the lexicon's text, or the gloss itself for a newly taught sign."""
    entry = load_lexicon().get(gloss)
    return entry.ko if entry else gloss
