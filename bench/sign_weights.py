"""SYNTHETIC: the stress figures (:func:`bench.sign_stress.stress`) under other distance weightings, to choose a
weighting by measurement on the dev splits (never on held-out ones).

:func:`weighting` makes matching weigh the feature groups as given (overrides of
:data:`~sign_models.sign_distance.GROUP_WEIGHTS`; the impostor check keeps its finger weight) for the time of a
``with`` block: the bank, the per-sign thresholds, the impostors, spotting (not a trained model's bank:
``stress(trained=True)`` keeps the shipped weights there). With no overrides it is the shipped weighting, so
:func:`grid`'s ``{}`` row is :func:`stress`'s figures (measured equal on dev splits 0 and 1, one teacher). A run
costs what :func:`stress` costs (matching is ~3/4 of it, so caching the features would save little). Everything
here is synthetic.
"""

from __future__ import annotations

from collections.abc import Iterator
from contextlib import contextmanager

import numpy as np

from bench.sign_stress import stress
from sign_models import fewshot, sign_distance
from sign_models.sign_distance import GROUP_WEIGHTS, HANDSHAPE_WEIGHTS, column_weights


@contextmanager
def weighting(overrides: dict[str, float]) -> Iterator[None]:
    """Matching weighs the feature groups by ``GROUP_WEIGHTS | overrides`` inside the block."""
    weights = GROUP_WEIGHTS | overrides
    sqrt = np.sqrt(column_weights(weights)).astype(np.float32)
    handshape = np.sqrt(column_weights(weights | {"fingers": HANDSHAPE_WEIGHTS["fingers"]})).astype(np.float32)
    names = {"SQRT_WEIGHTS": sqrt, "WEIGHED": np.flatnonzero(sqrt), "SQRT_HANDSHAPE_WEIGHTS": handshape}
    saved = {(m, n): getattr(m, n) for m in (fewshot, sign_distance) for n in names}
    defaults = sign_distance.dtw_distances.__defaults__
    try:
        for module, name in saved:
            setattr(module, name, names[name])
        sign_distance.dtw_distances.__defaults__ = (sqrt,)
        yield
    finally:
        for (module, name), value in saved.items():
            setattr(module, name, value)
        sign_distance.dtw_distances.__defaults__ = defaults


def grid(settings: list[dict[str, float]], seed: int, teachers: int = 1) -> list[tuple[dict[str, float], dict]]:
    """:func:`stress` of dev split ``seed`` under each weighting of ``settings`` ({} first: the shipped one)."""
    out = []
    for overrides in settings:
        with weighting(overrides):
            out.append((overrides, stress(seed=seed, teachers=teachers)))
    return out
