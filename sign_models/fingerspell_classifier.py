"""Which KSL manual-alphabet letter one hand shows: a small numpy network on hand-shape features.

The weights (``data/fingerspell_classifier.npz``) are trained on synthetic hands from the kinematic hand model,
plus any recordings, by :mod:`sign_models.fingerspell_training`. Besides the letters the network has a reject
class for hands that are no letter (open hand, fist, random poses). A hand whose best letter is below the
confidence threshold, or that looks most like the reject class, is reported as ``?``: never a silent guess.

The network knows right hands seen by an unmirrored camera. A left-handed signer, or a mirrored (selfie)
image, is the mirror picture; :class:`MirrorVote` decides per signer which reading to use, from MediaPipe's
handedness and from which reading gives confident letters, and classifies each hand both ways until it is sure.
"""

from __future__ import annotations

import math
from dataclasses import dataclass
from pathlib import Path

import numpy as np

from base.errors import ModelMissingError
from sign_models.features import check_hand, hand_position, letter_features

MODEL_PATH = Path(__file__).parent / "data" / "fingerspell_classifier.npz"
UNKNOWN = "?"
DEFAULT_ASPECT = 4 / 3  # the kiosk camera's 640 x 480 frames
DEFAULT_THRESHOLD = 0.6
RIGHT, LEFT = "right", "left"  # MediaPipe's handedness as the landmarker reports it for the image


@dataclass(frozen=True)
class FrameResult:
    """One camera frame's classification, the input of the fingerspelling decoder.

    ``wrist`` (x, y) and ``scale`` (palm size) are in image heights and let the decoder see hand movement;
    they are None when unknown. ``letter`` is ``?`` for an unknown shape and ``""`` when no hand is seen.
    """

    letter: str
    p: float
    t: float
    wrist: tuple[float, float] | None = None
    scale: float | None = None


@dataclass(frozen=True)
class MlpWeights:
    """A one-hidden-layer network with input standardisation; ``labels`` name the outputs."""

    mean: np.ndarray
    std: np.ndarray
    w1: np.ndarray
    b1: np.ndarray
    w2: np.ndarray
    b2: np.ndarray
    labels: tuple[str, ...]

    def probabilities(self, features: np.ndarray) -> np.ndarray:
        """Softmax outputs [..., len(labels)] for features [..., LETTER_FEATURE_SIZE]."""
        hidden = np.maximum(((features - self.mean) / self.std) @ self.w1 + self.b1, 0.0)
        logits = hidden @ self.w2 + self.b2
        logits -= logits.max(axis=-1, keepdims=True)
        e = np.exp(logits)
        return e / e.sum(axis=-1, keepdims=True)

    def save(self, path: Path, **extra: object) -> None:
        """Write the weights (and any extra metadata arrays) to an ``.npz`` file."""
        path.parent.mkdir(parents=True, exist_ok=True)
        arrays = {name: getattr(self, name) for name in ("mean", "std", "w1", "b1", "w2", "b2")}
        np.savez_compressed(path, labels=np.array(self.labels), **arrays, **extra)

    @classmethod
    def load(cls, path: Path) -> MlpWeights:
        """Read weights written by :meth:`save`."""
        with np.load(path, allow_pickle=False) as data:
            arrays = {name: data[name] for name in ("mean", "std", "w1", "b1", "w2", "b2")}
            return cls(**arrays, labels=tuple(str(label) for label in data["labels"]))


@dataclass
class MirrorVote:
    """Which way one signer's hands are read: as seen, or mirrored (a mirrored selfie image, or a left-handed
    signer in an unmirrored one; the two are the same picture).

    Every frame adds evidence: MediaPipe's handedness (a hand reported as a left hand suggests mirroring) and
    how much more confident the best letter is under one reading than under the other (a log-odds ratio, capped
    per letter; a camera frame counts ``frame_weight`` of a letter, since the frames of one held letter are not
    independent). Once the evidence passes ``margin`` the reading is fixed for the rest of the visit; until
    then each frame is classified under both and read the way the evidence so far, with this frame, points.
    ``forced`` (True = mirrored, False = as seen) skips the vote: the ``--left-handed`` flag.
    """

    margin: float = 4.0
    handedness_weight: float = 0.25
    frame_cap: float = 1.0
    frame_weight: float = 0.1
    forced: bool | None = None
    evidence: float = 0.0  # > 0: as seen, < 0: mirrored

    @property
    def mirrored(self) -> bool | None:
        """The decision, or None while unsure."""
        if self.forced is not None:
            return self.forced
        if abs(self.evidence) < self.margin:
            return None
        return self.evidence < 0

    def weigh(self, p_seen: float, p_mirrored: float, handedness: str | None = None) -> float:
        """One frame's evidence (not yet added): > 0 for reading the hand as seen."""
        ratio = math.log(max(p_seen, 1e-4)) - math.log(max(p_mirrored, 1e-4))
        prior = {RIGHT: self.handedness_weight, LEFT: -self.handedness_weight}.get(handedness or "", 0.0)
        return max(-self.frame_cap, min(self.frame_cap, ratio)) + prior

    def choose(self, p_seen: float, p_mirrored: float, handedness: str | None = None) -> bool:
        """Add one frame and say whether to read it mirrored."""
        decided = self.mirrored
        if decided is not None:
            return decided
        self.evidence += self.frame_weight * self.weigh(p_seen, p_mirrored, handedness)
        return self.evidence < 0

    def reset(self) -> None:
        """A new signer."""
        self.evidence = 0.0


class FingerspellClassifier:
    """Letters from single hands. ``left_handed`` mirrors every hand before it is classified."""

    def __init__(self, weights: MlpWeights, *, threshold: float = DEFAULT_THRESHOLD, left_handed: bool = False) -> None:
        self.weights = weights
        self.threshold = threshold
        self.left_handed = left_handed
        self.letters = tuple(label for label in weights.labels if label != UNKNOWN)
        self._is_letter = np.array([label != UNKNOWN for label in weights.labels])

    @classmethod
    def load(cls, path: Path = MODEL_PATH, **options: object) -> FingerspellClassifier:
        """The classifier from a weights file; a missing or broken file raises :class:`ModelMissingError`."""
        try:
            weights = MlpWeights.load(Path(path))
        except (OSError, KeyError, ValueError) as exc:
            raise ModelMissingError(
                f"지문자 모델 파일이 없거나 손상되었습니다: {path}",
                f"the fingerspelling model is missing or damaged: {path} ({exc})",
                hint="python -m sign_models.fingerspell_training train",
            ) from exc
        return cls(weights, **options)

    def classify(self, hand: np.ndarray, *, aspect: float = DEFAULT_ASPECT, k: int = 3) -> list[tuple[str, float]]:
        """Top-k (jamo, probability) for one hand [21, 3], best first.

        The first pair is the decision: ``("?", p)`` when the best letter's probability p is below the
        threshold or the hand looks like no letter; the letters that follow are the next candidates.
        """
        return self.classify_batch(check_hand(hand)[None], aspect=aspect, k=k)[0]

    def probabilities(
        self, hands: np.ndarray, aspect: float | np.ndarray = DEFAULT_ASPECT, *, mirrored: bool = False
    ) -> np.ndarray:
        """Network outputs [N, labels] for hands [N, 21, 3], read as seen or mirrored (on top of ``left_handed``)."""
        return self.weights.probabilities(letter_features(hands, aspect, left_handed=self.left_handed != mirrored))

    def classify_batch(
        self, hands: np.ndarray, *, aspect: float | np.ndarray = DEFAULT_ASPECT, k: int = 3
    ) -> list[list[tuple[str, float]]]:
        """:meth:`classify` for a batch of hands [N, 21, 3]."""
        return [self._rank(row, k) for row in self.probabilities(hands, aspect)]

    def classify_either_way(
        self,
        hands: np.ndarray,
        *,
        aspect: float | np.ndarray = DEFAULT_ASPECT,
        k: int = 3,
        vote: MirrorVote | None = None,
    ) -> list[list[tuple[str, float]]]:
        """:meth:`classify_batch` for one signer's hands when it is not known whether they are mirrored: each
        hand is classified both ways and the whole batch votes (:class:`MirrorVote`, one letter per hand): all
        hands are read the way the evidence points (a vote already decided stays as it is)."""
        vote = vote or MirrorVote()
        seen, flipped = self.probabilities(hands, aspect), self.probabilities(hands, aspect, mirrored=True)
        best_seen, best_flipped = self.best_letter(seen), self.best_letter(flipped)
        vote.evidence += sum(vote.weigh(a, b) for a, b in zip(best_seen, best_flipped, strict=True))
        mirrored = vote.mirrored if vote.mirrored is not None else vote.evidence < 0
        return [self._rank(row, k) for row in (flipped if mirrored else seen)]

    def best_letter(self, probs: np.ndarray) -> np.ndarray:
        """The best letter's probability per row (the reject class left out)."""
        return probs[..., self._is_letter].max(axis=-1)

    def _rank(self, row: np.ndarray, k: int) -> list[tuple[str, float]]:
        labels = self.weights.labels
        order = [i for i in np.argsort(-row) if labels[i] != UNKNOWN][:k]
        ranked = [(str(labels[i]), float(row[i])) for i in order]
        if ranked[0][1] < self.threshold or labels[int(np.argmax(row))] == UNKNOWN:
            ranked = [(UNKNOWN, ranked[0][1]), *ranked][:k]
        return ranked

    def frame(
        self,
        hand: np.ndarray | None,
        t: float,
        *,
        aspect: float = DEFAULT_ASPECT,
        vote: MirrorVote | None = None,
        handedness: str | None = None,
    ) -> FrameResult:
        """The decoder's input for one camera frame; ``hand`` is None when no hand was found. With a ``vote``
        the hand is read as seen or mirrored as the vote decides (see :class:`MirrorVote`)."""
        if hand is None:
            return FrameResult("", 0.0, t)
        hand = check_hand(hand)
        if vote is None:
            letter, p = self.classify(hand, aspect=aspect, k=1)[0]
        else:
            both = self.probabilities(np.stack([hand, hand]), aspect)
            both[1] = self.probabilities(hand[None], aspect, mirrored=True)[0]
            mirrored = vote.choose(*self.best_letter(both).tolist(), handedness)
            letter, p = self._rank(both[int(mirrored)], 1)[0]
        x, y, scale = hand_position(hand, aspect)
        return FrameResult(letter, p, t, (x, y), scale)
