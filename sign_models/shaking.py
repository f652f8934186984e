"""How much a lone sign shakes, against how much its nearest taught sign does: the shake check of its decision.

Why (SYNTHETIC stress, docs/signs.md): an untaught 서명 (an index hand shaken over the base hand) was answered as the
taught 쓰다 (the same hands drawn once outward) in 4 of 5 conditions; its shake was smoothed away at 15 fps and, once
kept at every frame rate, it moved the DTW distance too little to cross 쓰다's threshold. A sequence's shake level is
the mean over its steps of the larger :func:`~sign_models.smoothing.shake` of its two hands (the largest step let
the noise of low resolution and the fall to rest of a straight sign in: SYNTHETIC, split 1, 6 of 89 right replays'
found signs more than ``SHAKE_MARGIN`` above their gloss's entries, 2 with the mean); a gloss's ceiling is the
largest level among its entries (examples and widened copies) plus a margin calibrated leave-one-out (the most by
which one entry exceeds all the others), at least ``SHAKE_MARGIN``. A query above the ceiling of the nearest gloss
shakes more than anything taught for it: unknown. A query below the gloss's floor (its median entry less
``SHAKE_FLOOR``) does not make a sign that shakes throughout: unknown too (the rise into a circle on 화장실's hand and
place was answered 화장실, `tests/test_sign_enroll.py`). The floor lies far below, so that a slower or faster signer
whose shake the smoothing flattens, a copy at 15 fps or a shorter span still pass (on the stress's dev splits it
changed no answer).
"""

from __future__ import annotations

import numpy as np

from sign_models.features import HAND_FEATURES, SIGN_FEATURE_GROUPS

SHAKE_COLUMNS = np.concatenate([SIGN_FEATURE_GROUPS["shake"] + start for start in (0, HAND_FEATURES)])
SHAKE_MARGIN = 0.25  # the least margin above the entries: a quarter of a hand turning straight back
SHAKE_FLOOR = 0.4  # how far below the gloss's median entry a query may shake


def shake_level(features: np.ndarray) -> np.ndarray:
    """The shake level of a sequence [n, F] (a float array []) or of each of a stack [k, n, F] ([k])."""
    return np.asarray(features)[..., SHAKE_COLUMNS].max(axis=-1).mean(axis=-1)


def shake_floor(entries: np.ndarray) -> float:
    """The least shake level a query may have to be taken for the gloss whose entries [k, n, F] these are."""
    return float(np.median(shake_level(entries))) - SHAKE_FLOOR


def shake_ceiling(entries: np.ndarray) -> float:
    """The largest shake level a query may have to be taken for the gloss whose entries [k, n, F] these are."""
    levels = shake_level(entries)
    if len(levels) < 2:
        return float(levels.max()) + SHAKE_MARGIN
    top = np.sort(levels)[::-1]
    return float(top[0] + max(SHAKE_MARGIN, top[0] - top[1]))
