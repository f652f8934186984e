"""A synthetic fingerspeller: a word as a stream of hand landmarks, for tests and the demo.

Each letter is one sampled hand held still (with landmark jitter) for 0.7 s; between letters the hand
morphs into the next shape while dipping down, so a repeated letter is re-articulated. A double consonant
is its plain shape moved once to the signer's right (the image's left) while held, as the decoder expects.
A compound vowel made by a turn (ㅘ: ㅗ, then the wrist turns to ㅏ) is its first shape held briefly (0.3 s)
and turned quickly into the second.
"""

from __future__ import annotations

from collections.abc import Iterator

import numpy as np

from base.hangul import decompose
from sign_models.features import hand_position
from sign_models.fingerspell_spec import load_spec
from sign_models.hand_model import SamplerOptions, sample

FPS = 30
ASPECT = 4 / 3


def spelled_hands(word: str, rng: np.random.Generator, fps: int = FPS) -> Iterator[tuple[float, np.ndarray]]:
    """(seconds, hand landmarks [21, 3] in image coordinates of a 4:3 frame) for every frame."""
    spec = load_spec()
    turns = {letters: compound for compound, letters in spec.sequences.items()}
    t, previous, turning = 0.0, None, False
    for letter, after in zip(decompose(word), [*decompose(word)[1:], ""], strict=True):
        starts_turn = not turning and letter + after in turns
        hand = sample(spec.letters[spec.doubles.get(letter, letter)], 1, rng, options=SamplerOptions(aspects=(ASPECT,)))
        hand = hand[0][0]
        if previous is not None:  # the signer keeps the hand in one place
            hand[:, :2] += previous[0, :2] - hand[0, :2]
        palm = hand_position(hand, ASPECT)[2]
        if previous is not None:
            steps = 4 if turning else 8  # a turn is quick and does not dip
            for i in range(steps):
                w = (i + 1) / (steps + 1)
                moving = (1 - w) * previous + w * hand
                moving[:, 1] += 0.0 if turning else np.sin(np.pi * w) * palm
                yield t, moving
                t += 1 / fps
        turning = starts_turn
        for i in range(9 if starts_turn else 21):
            shifted = hand + rng.normal(0, 0.002, hand.shape)
            shifted[:, 0] -= (i / 21) * palm / ASPECT if letter in spec.doubles else 0.0  # the signer's right
            yield t, shifted
            t += 1 / fps
        previous = shifted
