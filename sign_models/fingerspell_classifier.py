"""Which KSL manual-alphabet letter one hand shows: a small numpy network on hand-shape features.

The weights (``data/fingerspell_classifier.npz``) are trained on synthetic hands from the kinematic hand model,
plus any recordings, by :mod:`sign_models.fingerspell_training`. Besides the letters the network has a reject
class for hands that are no letter (open hand, fist, random poses). A hand whose best letter is below the
confidence threshold, or that looks most like the reject class, is reported as ``?``: never a silent guess.
"""

from __future__ import annotations

from dataclasses import dataclass
from pathlib import Path

import numpy as np

from base.errors import ModelMissingError
from sign_models.features import check_hand, hand_position, hand_shape_features

MODEL_PATH = Path(__file__).parent / "data" / "fingerspell_classifier.npz"
UNKNOWN = "?"
DEFAULT_ASPECT = 4 / 3  # the kiosk camera's 640 x 480 frames
DEFAULT_THRESHOLD = 0.6


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
        """Softmax outputs [..., len(labels)] for features [..., FEATURE_SIZE]."""
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


class FingerspellClassifier:
    """Letters from single hands. ``left_handed`` mirrors every hand before it is classified."""

    def __init__(self, weights: MlpWeights, *, threshold: float = DEFAULT_THRESHOLD, left_handed: bool = False) -> None:
        self.weights = weights
        self.threshold = threshold
        self.left_handed = left_handed
        self.letters = tuple(label for label in weights.labels if label != UNKNOWN)

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

    def classify_batch(
        self, hands: np.ndarray, *, aspect: float | np.ndarray = DEFAULT_ASPECT, k: int = 3
    ) -> list[list[tuple[str, float]]]:
        """:meth:`classify` for a batch of hands [N, 21, 3]."""
        probs = self.weights.probabilities(hand_shape_features(hands, aspect, left_handed=self.left_handed))
        labels = np.array(self.weights.labels)
        results = []
        for row in probs:
            order = [i for i in np.argsort(-row) if labels[i] != UNKNOWN][:k]
            ranked = [(str(labels[i]), float(row[i])) for i in order]
            if ranked[0][1] < self.threshold or labels[np.argmax(row)] == UNKNOWN:
                ranked = [(UNKNOWN, ranked[0][1]), *ranked][:k]
            results.append(ranked)
        return results

    def frame(self, hand: np.ndarray | None, t: float, *, aspect: float = DEFAULT_ASPECT) -> FrameResult:
        """The decoder's input for one camera frame; ``hand`` is None when no hand was found."""
        if hand is None:
            return FrameResult("", 0.0, t)
        letter, p = self.classify(hand, aspect=aspect, k=1)[0]
        x, y, scale = hand_position(hand, aspect)
        return FrameResult(letter, p, t, (x, y), scale)
