"""The synthetic signer's lap lies below its signs (issue 15): a signer whose hands rest in view (waist, lap)
rests them at least ``LAP_MARGIN`` below every place the sequence's signs are made, as a real lap lies below the
stomach; hands resting out of the image stay where they were drawn. SYNTHETIC."""

from __future__ import annotations

import dataclasses

import numpy as np
import pytest

from sign_models.enrollment import matching_features
from sign_models.sign_spec import load_sign_spec
from sign_models.synthetic_signs import LAP_MARGIN, SynthesisOptions, render_signs


def _low_stomach_sign():
    """아이 (a flat hand tapping at the stomach) made 1.35 shoulder widths below the shoulder line."""
    spec = load_sign_spec()["아이"]
    return dataclasses.replace(spec, dominant=dataclasses.replace(spec.dominant, location=(-0.05, -1.35)))


@pytest.mark.parametrize("seed", range(4))
def test_hands_resting_in_view_rest_below_the_lowest_sign(seed: int) -> None:
    """Drawn at 1.2 down (the stress's other signers draw 1.0-1.5), the lap would lie above the sign."""
    sign = _low_stomach_sign()
    sequence = render_signs(
        [sign, "네"], np.random.default_rng(seed), options=SynthesisOptions(rest_height=(-1.2, -1.2))
    )
    t = np.array([f.t for f in sequence.frames])
    signing = np.zeros(len(t), bool)  # features [:, 2]: the dominant wrist's depth below the shoulder line
    for _, start, end in sequence.signs:
        signing |= (t >= start) & (t <= end)
    features = matching_features(sequence.frames)
    rest = features[[0, -1]]
    seen = rest[:, 0] > 0
    assert (rest[seen, 2] > features[signing, 2].max() + LAP_MARGIN - 0.05).all(), "the lap lies below every sign"


def test_hands_resting_below_the_image_stay_out_of_view() -> None:
    sequence = render_signs([_low_stomach_sign()], np.random.default_rng(0))
    assert sequence.frames[0].right_hand is None and sequence.frames[-1].right_hand is None
