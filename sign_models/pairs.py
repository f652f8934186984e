"""Telling two close taught signs apart when the margin cannot: a discriminant per pair, from the taught entries only.

The margin to the second-best gloss (:class:`~sign_models.fewshot.FewShotOptions`) is one ratio for every pair of
signs. Two signs made with the same hand, place and movement lie near each other, and another signer's sign of either
lies nearly as far from both, so the margin fails on right answers between close pairs (SYNTHETIC stress, dev split 0,
three teachers: 모르다 0.245 against 기다리다 0.246). Summed over every feature group, the few groups that tell the pair
apart are diluted by those they share. So when the margin fails, the pair is compared again with its own weights: each
feature group of each hand counts by how much more the two glosses' entries differ in it than each gloss's entries
vary in it (Fisher's ratio, between / within - 1; a group that varies as much within a gloss as between the two
counts nothing). A query whose nearest entry of one gloss lies below ``PAIR_MARGIN`` of its nearest of the other under
those weights is on that gloss's side; otherwise it is neither. Learnt from the taught entries (examples and widened
copies), so it works with one example a sign as with several: each gloss's own variation once per gloss
(:func:`variation`, in the bank's ``ready()``), the two glosses against each other at the pair's first such decision.
"""

from __future__ import annotations

from dataclasses import dataclass

import numpy as np

from sign_models.examples import Example, entries
from sign_models.features import HAND_FEATURES, SIGN_FEATURE_GROUPS
from sign_models.sign_distance import GROUP_WEIGHTS, SQRT_WEIGHTS, dtw_weighted, weigh

PAIR_MARGIN = 0.8  # nearest entry of one gloss over the other's, under the pair's weights (SYNTHETIC: docs/signs.md)
GROUPS = [  # the columns of each feature group of each hand that distances weigh
    np.asarray(columns) + hand
    for hand in (0, HAND_FEATURES)
    for name, columns in SIGN_FEATURE_GROUPS.items()
    if GROUP_WEIGHTS[name] > 0
]
Variation = list[np.float32] | None  # a gloss's own variation per group (:func:`variation`; None: one entry)


def variation(own: list[Example]) -> Variation:
    """A gloss's own variation per feature group (:data:`GROUPS`): the median distance from each recorded example to
    the gloss's other entries (None: one entry). The same in whichever pair the gloss is, so worked out once per gloss:
    half of a pair's warpings. Float32 medians, as a pair's mean of two has always taken them (same weights bit for
    bit)."""
    every, at = _every(own)
    if len(every) < 2:
        return None
    within = []
    for columns in GROUPS:
        distances = _distances(every[at], every, columns)  # [k, E]: each recorded example against every entry
        within.append(np.median([np.delete(row, i) for row, i in zip(distances, at, strict=True)]))
    return within


def pair_weights(
    first: tuple[np.ndarray, np.ndarray], second: tuple[np.ndarray, np.ndarray], variations: tuple[Variation, Variation]
) -> np.ndarray:
    """The pair's column weights (square roots, as :data:`~sign_models.sign_distance.SQRT_WEIGHTS`; all 0: nothing
    tells the two apart). Each of ``first``, ``second``: a gloss's entries [E, length, F] and where its recorded
    examples lie among them (:func:`learn`); ``variations``: each one's :func:`variation`. Within a gloss: its
    variation; between: the median of each recorded example's distance to the other's nearest entry."""
    weights = np.zeros_like(SQRT_WEIGHTS)
    for group, columns in enumerate(GROUPS):
        within = [own[group] for own in variations if own is not None]
        between: list[float] = []
        for (every, at), (other, _) in ((first, second), (second, first)):
            between += list(_distances(every[at], other, columns).min(axis=1))
        ratio = float(np.median(between)) / max(float(np.mean(within)) if within else 0.0, 1e-3)
        weights[columns] = SQRT_WEIGHTS[columns] * np.sqrt(max(ratio - 1.0, 0.0))
    return weights


def _distances(queries: np.ndarray, entries: np.ndarray, columns: np.ndarray) -> np.ndarray:
    """The DTW distance [k, E] of each of ``queries`` [k, length, F] to each of ``entries`` [E, length, F] in
    ``columns`` alone (weighed as matching weighs them)."""
    q, (e, squared) = queries[..., columns] * SQRT_WEIGHTS[columns], weigh(entries[..., columns], SQRT_WEIGHTS[columns])
    return dtw_weighted(q, *(np.broadcast_to(x, (len(q), *x.shape)) for x in (e, squared)))


@dataclass(frozen=True)
class Pair:
    """Two glosses' discriminant: the pair's column weights (:func:`pair_weights`) and each gloss's entries in the
    columns those weigh, pre-weighted (:func:`~sign_models.sign_distance.weigh`), so :func:`side` weighs nothing
    again (SYNTHETIC bench bank: 3-127 of 202 columns, 1.5 -> 0.47 MB a pair median)."""

    weights: np.ndarray
    first: tuple[np.ndarray, np.ndarray]
    second: tuple[np.ndarray, np.ndarray]


def learn(first: list[Example], second: list[Example], variations: tuple[Variation, Variation]) -> Pair:
    """The pair of two glosses from their examples and each one's :func:`variation`."""
    glosses = [_every(own) for own in (first, second)]
    weights = pair_weights(*glosses, variations)
    used = np.flatnonzero(weights)
    return Pair(weights, *(weigh(every[..., used], weights[used]) for every, _ in glosses))


def _every(own: list[Example]) -> tuple[np.ndarray, np.ndarray]:
    """A gloss's entries [E, length, F] (as a query meets them: either hand) and where its recorded examples lie."""
    blocks = [entries(e) for e in own]
    return np.concatenate(blocks), np.cumsum([0] + [len(b) for b in blocks[:-1]])


def side(query: np.ndarray, pair: Pair) -> int | None:
    """0 when ``query`` [length, F] lies clearly nearer the pair's first gloss's entries than the second's under the
    pair's weights, 1 for the other way round, None when neither or nothing tells them apart."""
    used = np.flatnonzero(pair.weights)
    if not len(used):
        return None
    weighted = np.asarray(query[:, used], np.float32) * pair.weights[used]
    a, b = (dtw_weighted(weighted, *own).min() for own in (pair.first, pair.second))
    return 0 if a < PAIR_MARGIN * b else 1 if b < PAIR_MARGIN * a else None
