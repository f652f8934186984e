"""The sign classifier at run time: a TFLite model run with ai-edge-litert (never TensorFlow).

The model takes [1, T, F] (:func:`~sign_models.features.sign_features` of one segment without the finger
descriptors, :func:`~sign_models.features.model_columns`, resampled to the model's T steps) and gives one
probability per line of the labels file; the last label may be the reject class ``_unknown``. The answer is
:class:`Classification`: the top-k glosses with probabilities, and ``gloss`` set only when the best is a real
gloss at or above ``threshold``. Otherwise ``gloss`` is None: "unknown sign, please repeat" (never a silent
guess). A missing, damaged or mismatched model is :class:`ModelMissingError`.
"""

from __future__ import annotations

import threading
from collections.abc import Sequence
from dataclasses import dataclass
from pathlib import Path
from typing import Protocol

import numpy as np

from base.errors import InputError, ModelMissingError
from sign_models.features import MODEL_FEATURE_SIZE, model_columns, resample, sign_features
from sign_models.landmarks import LandmarkFrame

DATA_DIR = Path(__file__).parent / "data"
DEFAULT_MODEL = DATA_DIR / "sign_classifier.tflite"
DEFAULT_LABELS = DATA_DIR / "sign_labels.txt"
UNKNOWN = "_unknown"  # the reject class of the model (last label)
UNKNOWN_TEXT_KO = "알 수 없는 수어입니다. 다시 해 주세요."
UNKNOWN_TEXT_EN = "Unknown sign, please repeat."


@dataclass(frozen=True)
class ClassifierOptions:
    """``threshold``: the lowest probability accepted as a sign; ``top_k``: how many candidates to report."""

    threshold: float = 0.6
    top_k: int = 3


@dataclass(frozen=True)
class Candidate:
    """One gloss and its probability."""

    gloss: str
    p: float


@dataclass(frozen=True)
class Classification:
    """The ranked candidates and the decision: ``gloss`` None means unknown sign, please repeat."""

    top: tuple[Candidate, ...]
    gloss: str | None

    @property
    def confidence(self) -> float:
        return self.top[0].p if self.top else 0.0


class SignModel(Protocol):
    """What the recogniser asks of a trained model: a TFLite :class:`SignClassifier` or the numpy
    :class:`~sign_models.trained_signs.TrainedSigns` made by ``kiosk sign train``."""

    labels: list[str]

    def classify_frames(self, frames: Sequence[LandmarkFrame], *, left_handed: bool = False) -> Classification: ...


class SignClassifier:
    """Load once with :meth:`load`; :meth:`classify` is thread-safe (one inference at a time)."""

    def __init__(self, interpreter: object, labels: list[str], options: ClassifierOptions) -> None:
        self._interpreter = interpreter
        self.labels = labels
        self.options = options
        self._input = interpreter.get_input_details()[0]  # type: ignore[attr-defined]
        self._output = interpreter.get_output_details()[0]  # type: ignore[attr-defined]
        self.length = int(self._input["shape"][1])
        self._lock = threading.Lock()

    @classmethod
    def load(
        cls, model: Path = DEFAULT_MODEL, labels: Path = DEFAULT_LABELS, options: ClassifierOptions | None = None
    ) -> SignClassifier:
        """The model and its labels; anything missing, damaged or not matching raises :class:`ModelMissingError`."""
        names = _read_labels(Path(labels))
        interpreter = _interpreter(Path(model))
        shape = tuple(interpreter.get_input_details()[0]["shape"])
        classes = int(interpreter.get_output_details()[0]["shape"][-1])
        if len(shape) != 3 or shape[2] != MODEL_FEATURE_SIZE or classes != len(names):
            raise ModelMissingError(
                "수어 모델이 현재 특징/라벨과 맞지 않습니다. 다시 학습해 주세요",
                f"sign model {model} takes {shape} -> {classes} classes; expected [1, T, {MODEL_FEATURE_SIZE}] -> "
                f"{len(names)} labels",
                hint="python -m sign_models.sign_training train",
            )
        return cls(interpreter, names, options or ClassifierOptions())

    def classify(self, features: np.ndarray) -> Classification:
        """Classify one segment's features [n, F] (any n >= 1)."""
        features = np.asarray(features, dtype=np.float32)
        if features.ndim != 2 or features.shape[1] != MODEL_FEATURE_SIZE or not len(features):
            raise InputError(
                "수어 특징의 모양이 잘못되었습니다", f"features must be [n, {MODEL_FEATURE_SIZE}], got {features.shape}"
            )
        if not np.isfinite(features).all():
            raise InputError("수어 특징에 NaN 또는 무한대 값이 있습니다", "features contain NaN or infinity")
        return self.classify_input(resample(features, self.length))

    def classify_frames(self, frames: Sequence[LandmarkFrame], *, left_handed: bool = False) -> Classification:
        """Classify one segment's frames."""
        return self.classify(model_columns(sign_features(frames, left_handed=left_handed)))

    def classify_input(self, sample: np.ndarray) -> Classification:
        """Classify one model input [T, F] (already resampled)."""
        with self._lock:
            self._interpreter.set_tensor(self._input["index"], sample[None].astype(np.float32))  # type: ignore[attr-defined]
            self._interpreter.invoke()  # type: ignore[attr-defined]
            p = np.array(self._interpreter.get_tensor(self._output["index"])[0], dtype=float)  # type: ignore[attr-defined]
        order = np.argsort(-p)[: self.options.top_k]
        top = tuple(Candidate(self.labels[i], round(float(p[i]), 4)) for i in order)
        best = top[0]
        accepted = best.gloss != UNKNOWN and best.p >= self.options.threshold
        return Classification(top, best.gloss if accepted else None)


def _read_labels(path: Path) -> list[str]:
    try:
        names = [line.strip() for line in path.read_text(encoding="utf-8").splitlines() if line.strip()]
    except (OSError, UnicodeDecodeError) as exc:
        raise ModelMissingError(
            f"수어 라벨 파일을 읽을 수 없습니다: {path}", f"cannot read the sign labels {path}: {exc}"
        ) from exc
    if not names or len(set(names)) != len(names):
        raise ModelMissingError(
            f"수어 라벨 파일이 비었거나 중복이 있습니다: {path}", f"{path}: empty or duplicate labels"
        )
    return names


def _interpreter(path: Path) -> object:
    """An allocated ai-edge-litert interpreter for ``path``."""
    if not path.is_file():
        raise ModelMissingError(
            f"수어 모델 파일이 없습니다: {path}",
            f"sign model not found: {path}",
            hint="python -m sign_models.sign_training train",
        )
    try:
        from ai_edge_litert.interpreter import Interpreter
    except ImportError as exc:
        raise ModelMissingError(
            "ai-edge-litert가 설치되어 있지 않아 수어를 분류할 수 없습니다", f"ai-edge-litert is missing: {exc}"
        ) from exc
    try:
        interpreter = Interpreter(model_path=str(path), num_threads=1)
        interpreter.allocate_tensors()
    except (ValueError, RuntimeError) as exc:
        raise ModelMissingError(
            f"수어 모델 파일이 손상되었습니다: {path}", f"sign model {path} is damaged: {exc}"
        ) from exc
    return interpreter
