"""Minimal-pair impostors made from the taught signs themselves: a taught sign signed with another handshape.

Why (SYNTHETIC stress, split 0, one teacher): most untaught signs that were answered were another sign of the
spec with the place, palm and small movement of a taught sign and a different handshape (무엇 read as 이름, 괜찮다
as 미안합니다: the handshape cost along the alignment 0.34-0.45 against a median of 0.16 for right answers). The
summed distance over every feature group dilutes a handshape difference, so such a sign fell within the taught
sign's threshold. A gloss's impostors are its entries (example and widened copies) with the signing hand's shape
(palm-frame landmarks and finger descriptors) replaced, frame by frame, by the median handshape of another
taught gloss: the ``count`` such handshapes nearest to the gloss's own that still lie farther from its example
than its own variants do (``spread``). A query clearly nearer one of them than the gloss
(:meth:`~sign_models.fewshot.EnrolledSigns.match_prepared`, weighing the finger descriptors too) is the same
movement with another handshape: unknown. Nothing is drawn from untaught signs.
"""

from __future__ import annotations

import numpy as np

from sign_models.features import HAND_FEATURES, HANDSHAPE


def signing_hand(features: np.ndarray) -> int:
    """The first column of the hand block [n, F] that signs: the one present more often (dominant on a tie)."""
    present = features[:, [0, HAND_FEATURES]].mean(axis=0)
    return 0 if present[0] >= present[1] else HAND_FEATURES


def handshape(features: np.ndarray) -> np.ndarray | None:
    """The signing hand's median shape columns (:data:`~sign_models.features.HANDSHAPE`) over the frames it is
    present in (None: never present)."""
    start = signing_hand(features)
    present = features[:, start] > 0
    if not present.any():
        return None
    return np.median(features[present][:, start + HANDSHAPE], axis=0)


def with_handshape(features: np.ndarray, shape: np.ndarray) -> np.ndarray:
    """``features`` [..., n, F] with the signing hand's shape columns set to ``shape`` wherever it is present."""
    out = np.array(features, copy=True)
    for sequence in out.reshape(-1, *out.shape[-2:]):
        start = signing_hand(sequence)
        present = sequence[:, start] > 0
        sequence[np.ix_(present, start + HANDSHAPE)] = shape
    return out


def minimal_pairs(
    example: np.ndarray,
    entries: np.ndarray,
    shapes: list[np.ndarray],
    spread: float,
    count: int,
    distances,
) -> np.ndarray | None:
    """Impostor entries [k, length, F] of one gloss (see the module docstring): ``example`` [length, F] its first
    recorded example, ``entries`` [E, length, F] all its entries, ``shapes`` the other glosses' handshapes,
    ``distances(query, examples)`` the matching distance; None when no handshape qualifies."""
    if not shapes or count <= 0:
        return None
    swapped = np.stack([with_handshape(example, s) for s in shapes])
    far = distances(example, swapped)
    chosen = [i for i in np.argsort(far) if far[i] > spread][:count]
    if not chosen:
        return None
    return np.concatenate([with_handshape(entries, shapes[i]) for i in chosen])
