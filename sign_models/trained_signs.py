"""A sign model trained on people's recordings: the examples taught on site (``kiosk sign train``).

TensorFlow is not part of the kiosk, so the model is numpy: multinomial logistic regression over the same
features few-shot matching uses (levelled, body-relative, cleaned hands; resampled to ``LENGTH`` steps, each
feature group weighted as in :mod:`sign_models.fewshot`, then standardised). Training rows are every recorded
example and its camera-widened copies (mirror, roll, distance, speed, frame rate, jitter, lost hands; not the
other-signer copies), so one recording counts as nine. Nothing synthetic is mixed in: the model knows only
what people signed.

It must say "unknown" rather than guess, so it answers only when both calibrated checks pass:

* the probability of the best gloss is at least ``threshold``, and
* the sign is within the best gloss's ``radius``: its distance to that gloss's mean example (standardised
  features) is at most ``SPREAD`` x the median distance of that gloss's held-out examples (and their widened
  copies) to it; the farthest one made a radius that let most untaught signs in.

Both are calibrated by cross-validation over the recorded examples: fold k holds out the k-th example of every
gloss (with its widened copies) and trains on the rest; ``threshold`` is the ``QUANTILE`` of the probabilities
of the held-out examples that were right, kept within ``THRESHOLDS`` (a model sure of everything would
otherwise reject the slightest doubt). Each gloss therefore needs
``MIN_EXAMPLES`` recorded examples and the model ``MIN_GLOSSES`` glosses; with fewer, :func:`train` raises
:class:`~base.errors.InputError` saying so. The held-out accuracy is reported (it is measured on the taught
signers' own recordings, so it says nothing about other signers). Training fits the model once per fold and once on
everything: about 30 s for 20 signs x 3 examples on the 2-core test machine under load, growing with signs x
examples (full-batch gradient descent, ``STEPS`` steps).
"""

from __future__ import annotations

import zipfile
from collections.abc import Sequence
from dataclasses import dataclass
from pathlib import Path

import numpy as np

from base.errors import InputError, ModelMissingError
from sign_models.classifier import Candidate, Classification
from sign_models.enrollment import FEATURE_VERSION, matching_features
from sign_models.features import SIGN_FEATURE_SIZE
from sign_models.fewshot import EnrolledSigns, Example, entries, prepare
from sign_models.landmarks import LandmarkFrame
from sign_models.sign_distance import SQRT_WEIGHTS

MODEL_FILE = "sign_model.npz"
VERSION = 2  # 2: the re-weighted feature groups of sign_models.fewshot (issue 15, other signers)
MIN_EXAMPLES, MIN_GLOSSES = 2, 2
SPREAD, QUANTILE, THRESHOLDS = 1.25, 0.25, (0.5, 0.95)
STEPS, RATE, L2 = 300, 0.5, 1e-3
TOP_K = 3


@dataclass(frozen=True)
class TrainingReport:
    """What was trained: the glosses, recorded examples used, glosses left out (too few examples) and the
    cross-validated accuracy and threshold."""

    glosses: tuple[str, ...]
    examples: int
    left_out: dict[str, int]
    held_out_accuracy: float
    threshold: float


class TrainedSigns:
    """The trained model; :meth:`classify_frames` answers one segment (the recogniser's ``classifier``)."""

    def __init__(self, arrays: dict[str, np.ndarray]) -> None:
        self.labels = [str(x) for x in arrays["labels"]]
        self._mean, self._scale = arrays["mean"], arrays["scale"]
        self._weights, self._bias = arrays["weights"], arrays["bias"]
        self._centres, self._radius = arrays["centres"], arrays["radius"]
        self.threshold = float(arrays["threshold"])
        self.length = int(arrays["length"])

    @classmethod
    def load(cls, path: Path) -> TrainedSigns:
        """The model in ``path``; a missing, damaged or mismatched file raises :class:`ModelMissingError`."""
        try:
            with np.load(path, allow_pickle=False) as data:
                arrays = {name: data[name] for name in data.files}
            model = cls(arrays)
            dims = model.length * SIGN_FEATURE_SIZE
            shapes_ok = model._weights.shape == (dims, len(model.labels)) and model._centres.shape[1] == dims
            versions = int(arrays["version"]), int(arrays["features"])
            if versions != (VERSION, FEATURE_VERSION) or not shapes_ok:
                raise ValueError("made by another version of the features or of the trainer")
        except (OSError, KeyError, ValueError, TypeError, EOFError, zipfile.BadZipFile) as exc:
            raise ModelMissingError(
                f"학습된 수어 모델을 읽을 수 없습니다: {path}. 'kiosk sign train'으로 다시 학습해 주세요",
                f"cannot read the trained sign model {path}: {exc}; train it again with 'kiosk sign train'",
            ) from exc
        return model

    def save(self, path: Path) -> None:
        """Write the model to ``path`` (folders made as needed); a failure raises :class:`InputError`."""
        arrays = {"labels": np.asarray(self.labels), "mean": self._mean, "scale": self._scale}
        arrays |= {"weights": self._weights, "bias": self._bias, "centres": self._centres, "radius": self._radius}
        arrays |= {"threshold": np.asarray(self.threshold), "length": np.asarray(self.length)}
        try:
            path.parent.mkdir(parents=True, exist_ok=True)
            np.savez_compressed(path, version=np.asarray(VERSION), features=np.asarray(FEATURE_VERSION), **arrays)
        except OSError as exc:
            raise InputError(
                f"수어 모델을 저장할 수 없습니다: {path}", f"cannot write the sign model {path}: {exc.strerror}"
            ) from exc

    def classify_frames(self, frames: Sequence[LandmarkFrame], *, left_handed: bool = False) -> Classification:
        """The answer for one segment's frames: ``gloss`` None unless both calibrated checks pass."""
        features = prepare(matching_features(list(frames), left_handed=left_handed), self.length)
        return self.classify_rows(_rows(features[None]))[0]

    def classify_rows(self, rows: np.ndarray) -> list[Classification]:
        """Answers for prepared rows [N, length x F] (see :func:`_rows`)."""
        z = (rows - self._mean) / self._scale
        p = _softmax(z @ self._weights + self._bias)
        answers = []
        for i, row in enumerate(p):
            order = np.argsort(-row)[:TOP_K]
            top = tuple(Candidate(self.labels[k], round(float(row[k]), 4)) for k in order)
            best = order[0]
            near = np.linalg.norm(z[i] - self._centres[best]) <= self._radius[best]
            answers.append(Classification(top, self.labels[best] if row[best] >= self.threshold and near else None))
        return answers


def train(enrolled: EnrolledSigns) -> tuple[TrainedSigns, TrainingReport]:
    """Train on the recorded examples of ``enrolled`` (see the module docstring)."""
    by_gloss: dict[str, list[Example]] = {}
    for example in enrolled.examples:
        by_gloss.setdefault(example.gloss, []).append(example)
    kept = {g: e for g, e in sorted(by_gloss.items()) if len(e) >= MIN_EXAMPLES}
    left_out = {g: len(e) for g, e in by_gloss.items() if g not in kept}
    if len(kept) < MIN_GLOSSES:
        raise InputError(
            f"학습할 예시가 너무 적습니다: 수어 {MIN_GLOSSES}개 이상, 수어마다 예시 {MIN_EXAMPLES}개 이상이 "
            f"필요합니다 (지금: 조건을 채운 수어 {len(kept)}개, 예시 {len(enrolled.examples)}개)",
            f"too few examples to train: at least {MIN_GLOSSES} signs with {MIN_EXAMPLES} recorded examples each "
            f"are needed (now {len(kept)} such sign(s), {len(enrolled.examples)} example(s) in all)",
            hint="kiosk sign enroll --gloss G VIDEO... / 관리 화면의 수어 등록",
        )
    labels = list(kept)
    folds = max(len(e) for e in kept.values())
    held_p, held_right, distances = [], [], {g: [] for g in labels}
    for k in range(folds):
        train_part = {g: [x for i, x in enumerate(e) if i % folds != k] for g, e in kept.items()}
        test_part = {g: [x for i, x in enumerate(e) if i % folds == k] for g, e in kept.items()}
        if not any(test_part.values()):
            continue
        model = _fit(labels, train_part, enrolled.options.length)
        for gloss, examples in test_part.items():
            for example in examples:
                rows = _rows(entries(example, signers=False))
                z = (rows - model._mean) / model._scale
                distances[gloss].extend(np.linalg.norm(z - model._centres[labels.index(gloss)], axis=1))
                p = _softmax(z @ model._weights + model._bias)[0]
                held_p.append(float(p.max()))
                held_right.append(labels[int(p.argmax())] == gloss)
    model = _fit(labels, kept, enrolled.options.length)
    right_p = [p for p, ok in zip(held_p, held_right, strict=True) if ok]
    model.threshold = round(float(np.clip(np.quantile(right_p, QUANTILE) if right_p else 1.0, *THRESHOLDS)), 4)
    model._radius = np.asarray([SPREAD * np.median(distances[g]) for g in labels], np.float32)
    examples = sum(len(e) for e in kept.values())
    accuracy = round(float(np.mean(held_right)), 3) if held_right else 0.0
    return model, TrainingReport(tuple(labels), examples, left_out, accuracy, model.threshold)


def _fit(labels: list[str], examples: dict[str, list[Example]], length: int) -> TrainedSigns:
    """Logistic regression on the examples and their widened copies (full-batch gradient descent)."""
    blocks = [(labels.index(g), _rows(entries(x, signers=False))) for g, xs in examples.items() for x in xs]
    rows = np.concatenate([b for _, b in blocks])
    target = np.concatenate([np.full(len(b), c) for c, b in blocks])
    mean, scale = rows.mean(axis=0), rows.std(axis=0) + 0.05
    z = (rows - mean) / scale
    onehot = np.eye(len(labels), dtype=np.float32)[target]
    weights = np.zeros((z.shape[1], len(labels)), np.float32)
    bias = np.zeros(len(labels), np.float32)
    for _ in range(STEPS):
        error = (_softmax(z @ weights + bias) - onehot) / len(z)
        weights -= RATE * (z.T @ error + L2 * weights)
        bias -= RATE * error.sum(axis=0)
    centres = np.stack([z[target == c].mean(axis=0) for c in range(len(labels))])
    arrays = {"labels": np.asarray(labels), "mean": mean, "scale": scale, "weights": weights, "bias": bias}
    arrays |= {"centres": centres, "radius": np.full(len(labels), np.inf, np.float32)}
    arrays |= {"threshold": np.asarray(THRESHOLDS[0]), "length": np.asarray(length)}
    return TrainedSigns(arrays)


def _rows(entries: np.ndarray) -> np.ndarray:
    """Weighted, flattened rows [k, length x F] of resampled entries [k, length, F]."""
    return (np.asarray(entries, np.float32) * SQRT_WEIGHTS).reshape(len(entries), -1)


def _softmax(logits: np.ndarray) -> np.ndarray:
    e = np.exp(logits - logits.max(axis=1, keepdims=True))
    return e / e.sum(axis=1, keepdims=True)
