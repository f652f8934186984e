"""Few-shot sign recognition from enrolled examples: dynamic time warping over the sign features.

Works at once from 1-5 examples per sign, without retraining. Every example and the query are resampled to
``length`` steps; the frame distance is a weighted Euclidean distance in which each feature group (presence,
position, velocity, palm size, hand shape; :data:`~sign_models.features.SIGN_FEATURE_GROUPS`) counts by its
weight, whatever its number of columns; a resting hand counts as missing
(:func:`~sign_models.features.drop_resting_hands`). The DTW cost is divided by the path length bound (n + m). The best
example decides, but only when its distance is below ``threshold`` and clearly below the nearest example of
any other gloss (``margin``); otherwise the answer is unknown. A damaged manifest line or example file is
reported in :attr:`EnrolledSigns.problems` and skipped; it never stops the recogniser.
"""

from __future__ import annotations

import json
import logging
import zipfile
from dataclasses import dataclass
from pathlib import Path

import numpy as np

from base.errors import InputError, KioskError
from sign_models.enrollment import MANIFEST
from sign_models.features import (
    HAND_FEATURES,
    SIGN_FEATURE_GROUPS,
    SIGN_FEATURE_SIZE,
    drop_resting_hands,
    resample,
    sign_features,
)
from sign_models.landmarks import arrays_to_frames

log = logging.getLogger(__name__)
GROUP_WEIGHTS = {"present": 1.0, "position": 3.0, "velocity": 1.0, "scale": 0.5, "shape": 2.0}


@dataclass(frozen=True)
class FewShotOptions:
    """``threshold``: the largest DTW distance accepted; ``margin``: best / other gloss's best must be below it."""

    threshold: float = 0.45
    margin: float = 0.85
    length: int = 24


@dataclass(frozen=True)
class Example:
    """One enrolled example: its gloss, signer and features resampled to the options' length."""

    gloss: str
    signer: str
    file: str
    features: np.ndarray


@dataclass(frozen=True)
class Match:
    """The nearest distance per gloss (best first) and the decision; ``gloss`` None means unknown."""

    nearest: tuple[tuple[str, float], ...]
    gloss: str | None

    @property
    def distance(self) -> float:
        return self.nearest[0][1] if self.nearest else float("inf")


def column_weights() -> np.ndarray:
    """Weight of each feature column: a group's weight shared among its columns."""
    hand = np.zeros(HAND_FEATURES)
    for name, columns in SIGN_FEATURE_GROUPS.items():
        hand[columns] = GROUP_WEIGHTS[name] / (columns.stop - columns.start)
    return np.tile(hand, SIGN_FEATURE_SIZE // HAND_FEATURES)


def dtw_distances(query: np.ndarray, examples: np.ndarray) -> np.ndarray:
    """DTW distance [E] between a query [n, F] and examples [E, m, F] (weighted frames, cost / (n + m))."""
    w = np.sqrt(column_weights())
    diff = (query[None, :, None, :] - examples[:, None, :, :]) * w
    cost = np.sqrt(np.einsum("enmf,enmf->enm", diff, diff))  # [E, n, m]
    previous = np.cumsum(cost[:, 0, :], axis=1)
    for i in range(1, cost.shape[1]):
        c = np.cumsum(cost[:, i, :], axis=1)
        # best of (up, diagonal) per column, then the running minimum left along the row (see the docstring)
        arrive = np.minimum(previous, np.concatenate([np.full((len(c), 1), np.inf), previous[:, :-1]], axis=1))
        shifted = np.concatenate([np.zeros((len(c), 1)), c[:, :-1]], axis=1)
        previous = c + np.minimum.accumulate(arrive - shifted, axis=1)
    return previous[:, -1] / (cost.shape[1] + cost.shape[2])


class EnrolledSigns:
    """The examples of a data folder; :meth:`match` finds the nearest enrolled sign."""

    def __init__(self, examples: list[Example], options: FewShotOptions | None = None) -> None:
        self.options = options or FewShotOptions()
        self.examples = list(examples)
        self.problems: list[str] = []

    @classmethod
    def load(cls, data_dir: Path, options: FewShotOptions | None = None) -> EnrolledSigns:
        """Every readable example listed in ``data_dir/manifest.jsonl`` (no folder or manifest: none)."""
        enrolled = cls([], options)
        manifest = Path(data_dir) / MANIFEST
        try:
            lines = manifest.read_text(encoding="utf-8").splitlines() if manifest.is_file() else []
        except (OSError, UnicodeDecodeError) as exc:
            enrolled._problem(f"{manifest}: {exc}")
            lines = []
        for number, line in enumerate(lines, start=1):
            if line.strip():
                enrolled._load_line(Path(data_dir), line, f"{manifest}:{number}")
        return enrolled

    @property
    def glosses(self) -> list[str]:
        return sorted({e.gloss for e in self.examples})

    def add(self, gloss: str, features: np.ndarray, signer: str = "", file: str = "") -> None:
        """Add one example's features [n, F] (e.g. right after enrolling it)."""
        self.examples.append(Example(gloss, signer, file, self._prepare(features)))

    def match(self, features: np.ndarray) -> Match:
        """The nearest enrolled gloss of a segment's features [n, F], or unknown."""
        if not self.examples:
            return Match((), None)
        distances = dtw_distances(self._prepare(features), np.stack([e.features for e in self.examples]))
        best: dict[str, float] = {}
        for example, distance in zip(self.examples, distances, strict=True):
            best[example.gloss] = min(best.get(example.gloss, np.inf), float(distance))
        nearest = tuple(sorted(((g, round(d, 4)) for g, d in best.items()), key=lambda item: item[1]))
        gloss, distance = nearest[0]
        clear = len(nearest) == 1 or distance < self.options.margin * nearest[1][1]
        return Match(nearest, gloss if distance <= self.options.threshold and clear else None)

    def _prepare(self, features: np.ndarray) -> np.ndarray:
        features = np.asarray(features, dtype=np.float32)
        if features.ndim != 2 or features.shape[1] != SIGN_FEATURE_SIZE or not np.isfinite(features).all():
            raise InputError(
                "수어 특징의 모양이 잘못되었거나 NaN이 있습니다",
                f"features must be finite [n, {SIGN_FEATURE_SIZE}], got {features.shape}",
            )
        return resample(drop_resting_hands(features), self.options.length)

    def _load_line(self, data_dir: Path, line: str, where: str) -> None:
        try:
            record = json.loads(line)
            gloss, file = str(record["gloss"]), str(record["file"])
            if Path(file).name != file:
                raise ValueError(f"file name {file!r} leaves the data folder")
            with np.load(data_dir / file, allow_pickle=False) as data:
                features = data["features"] if data["features"].shape[-1:] == (SIGN_FEATURE_SIZE,) else None
                if features is None:  # stored by an older feature version: recompute from the landmarks
                    features = sign_features(arrays_to_frames(data), left_handed=bool(data["left_handed"]))
                self.add(gloss, features, str(record.get("signer", "")), file)
        except (OSError, ValueError, KeyError, TypeError, EOFError, zipfile.BadZipFile, KioskError) as exc:
            self._problem(f"{where}: {type(exc).__name__}: {exc}")

    def _problem(self, message: str) -> None:
        log.warning("skipped enrolled sign example: %s", message)
        self.problems.append(message)
