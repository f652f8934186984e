"""The distance between two signs: dynamic time warping over weighted feature groups, by matrix products.

Each feature group (presence, position, velocity, palm size, hand shape, palm orientation, finger descriptors)
counts by its weight whatever its number of columns. Frames are compared by a weighted Euclidean distance; the
warping cost is divided by n + m. Shared by the few-shot matcher, the trained model's bank and the benches.
"""

from __future__ import annotations

import numpy as np

from sign_models.features import HAND_FEATURES, SIGN_FEATURE_GROUPS, SIGN_FEATURE_SIZE

# Where a sign is made differs between signers: place 1.5 (was 3.0); the palm's orientation is its own group (was
# 6/66 of "shape"). SYNTHETIC effect: the README's table. The finger descriptors count only when a query is weighed
# against a sign's minimal-pair impostors (HANDSHAPE_WEIGHTS): in every distance they cost right answers. The shake
# counts only in a lone sign's shake check (sign_models.shaking): weighed 0.3-1.0 in every distance it cost right
# answers or signs in a row (SYNTHETIC, docs/signs.md).
GROUP_WEIGHTS = {
    "present": 1.0,
    "position": 1.5,
    "velocity": 1.0,
    "scale": 0.5,
    "shape": 1.8,
    "orientation": 0.5,
    "fingers": 0.0,
    "shake": 0.0,
}
HANDSHAPE_WEIGHTS = GROUP_WEIGHTS | {"fingers": 3.0}


def column_weights(weights: dict[str, float] = GROUP_WEIGHTS) -> np.ndarray:
    """Weight of each feature column: a group's weight shared among its columns."""
    hand = np.zeros(HAND_FEATURES)
    for name, columns in SIGN_FEATURE_GROUPS.items():
        hand[columns] = weights[name] / len(columns)
    return np.tile(hand, SIGN_FEATURE_SIZE // HAND_FEATURES)


SQRT_WEIGHTS = np.sqrt(column_weights()).astype(np.float32)
WEIGHED = np.flatnonzero(SQRT_WEIGHTS)  # the columns the bank keeps (a weight 0 adds nothing but cost)
SQRT_HANDSHAPE_WEIGHTS = np.sqrt(column_weights(HANDSHAPE_WEIGHTS)).astype(np.float32)


def dtw_distances(query: np.ndarray, examples: np.ndarray, weights: np.ndarray | float = SQRT_WEIGHTS) -> np.ndarray:
    """DTW distance [E] between a query [n, F] and examples [E, m, F] (frames scaled by ``weights``: the square
    roots of the column weights; Euclidean frame cost; cost / (n + m))."""
    return dtw_weighted(np.asarray(query, np.float32) * weights, *weigh(examples, weights))


def weigh(
    examples: np.ndarray, weights: np.ndarray | float = SQRT_WEIGHTS, columns: np.ndarray | slice = slice(None)
) -> tuple[np.ndarray, np.ndarray]:
    """Examples [E, m, F] scaled by ``weights`` (then only ``columns`` kept) and the squared norm of each of their
    frames [E, m]: the example side of :func:`dtw_weighted`, worked out once for a bank that many queries meet."""
    e = (np.asarray(examples, np.float32) * weights)[..., columns]
    return e, np.einsum("emf,emf->em", e, e)


def dtw_weighted(q: np.ndarray, e: np.ndarray, en: np.ndarray) -> np.ndarray:
    """DTW of a query [n, F] against examples [E, m, F], both weighted alike (:func:`weigh`; ``en``: the examples'
    squared frame norms) -> [E]; or of queries [W, n, F], each against its own examples [W, E, m, F] -> [W, E]
    (one call for many sliding windows: each window's distances are those of its own call)."""
    qn = np.einsum("...if,...if->...i", q, q)
    *lead, count, m, width = e.shape
    products = np.matmul(e.reshape(*lead, count * m, width), np.swapaxes(q, -1, -2))  # [..., E * m, n]
    products = np.swapaxes(products.reshape(*lead, count, m, q.shape[-2]), -1, -2)  # [..., E, n, m]
    cost = np.sqrt(np.maximum(qn[..., None, :, None] + en[..., None, :] - 2 * products, 0.0))
    cost = cost.reshape(-1, *cost.shape[-2:])
    previous = np.cumsum(cost[:, 0, :], axis=1)
    pad = np.full((len(cost), 1), np.inf, np.float32)
    zeros = np.zeros((len(cost), 1), np.float32)
    for i in range(1, cost.shape[1]):
        c = np.cumsum(cost[:, i, :], axis=1)
        # best of (up, diagonal) per column, then the running minimum left along the row
        arrive = np.minimum(previous, np.concatenate([pad, previous[:, :-1]], axis=1))
        shifted = np.concatenate([zeros, c[:, :-1]], axis=1)
        previous = c + np.minimum.accumulate(arrive - shifted, axis=1)
    return (previous[:, -1] / (cost.shape[1] + cost.shape[2])).reshape(*lead, count)
