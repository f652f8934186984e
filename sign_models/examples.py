"""A taught example as matching keeps it: its features, its widened copies and which of them are mirrored."""

from __future__ import annotations

from dataclasses import dataclass

import numpy as np

from sign_models.enrollment import WIDEN


@dataclass(frozen=True)
class Example:
    """One taught example: its gloss, signer, file and features resampled to the options' length; ``widened``
    [k, length, F]: its widened copies; ``mirrored`` [k]: which of them are mirrored (None: none)."""

    gloss: str
    signer: str
    file: str
    features: np.ndarray
    widened: np.ndarray | None = None
    seconds: float = 0.0  # how long the recorded sign lasted (0: not known)
    mirrored: np.ndarray | None = None


def entries(example: Example, *, signers: bool = True) -> np.ndarray:
    """An example and its widened copies [1 + k, length, F]; without ``signers``, only the camera-widened ones
    (the other-signer copies follow them, :data:`~sign_models.enrollment.WIDEN` onwards)."""
    if example.widened is None:
        return example.features[None]
    return np.concatenate([example.features[None], example.widened if signers else example.widened[:WIDEN]])


def hands(example: Example) -> np.ndarray:
    """Which of the example's :func:`entries` are mirrored [1 + k] (bool; the recorded example is not)."""
    copies = 0 if example.widened is None else len(example.widened)
    flags = np.zeros(copies, bool) if example.mirrored is None else np.asarray(example.mirrored, bool)
    return np.concatenate([[False], flags])
