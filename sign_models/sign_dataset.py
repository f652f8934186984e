"""Synthetic training and test examples for the sign classifier (pure numpy: used by training and tests).

An example is what the live kiosk would give the classifier: a synthetic signer signs the gloss (alone, or
between two other signs with a hold in between), :class:`~sign_models.segmenter.SignSegmenter` cuts the stream,
and the segment that covers the gloss is turned into :func:`~sign_models.features.sign_features`
(:func:`~sign_models.features.model_columns`) resampled to ``SEQUENCE_LENGTH`` steps. Class ``UNKNOWN`` holds
random signs: random joint angles, palm, place, direction and size, so the model can say "not a sign I know".
Everything is synthetic, NOT real KSL.
"""

from __future__ import annotations

import numpy as np

from sign_models.classifier import UNKNOWN
from sign_models.features import MODEL_FEATURE_SIZE, model_columns, resample, sign_features
from sign_models.fingerspell_spec import DIRECTIONS, LetterSpec
from sign_models.segmenter import Segment, segment_all
from sign_models.sign_spec import MOVES, Movement, Placement, SignSpec, load_sign_spec
from sign_models.synthetic_signs import SignedSequence, render_signs

SEQUENCE_LENGTH = 32


def random_sign(rng: np.random.Generator) -> SignSpec:
    """A sign-like movement that is no gloss: random handshape, orientation, place and movement."""
    names = list(DIRECTIONS)
    palm = str(rng.choice(names))
    points = str(rng.choice([n for n in names if np.dot(DIRECTIONS[n], DIRECTIONS[palm]) == 0]))
    fingers = tuple(tuple(rng.uniform((-10, 0, 0), (90, 100, 80))) for _ in range(4))
    thumb = tuple(rng.uniform((-50, -10, 0, 0), (40, 50, 60, 60)))
    shape = LetterSpec("?", "?", "shape", fingers, thumb, rng.uniform(0, 20), palm, points, "", "", "")  # type: ignore[arg-type]
    angle = rng.uniform(0, 2 * np.pi)
    movement = Movement(
        str(rng.choice(MOVES)), (np.cos(angle), np.sin(angle)), rng.uniform(0.1, 0.5), int(rng.integers(1, 4))
    )
    location = (rng.uniform(-0.4, 0.8), rng.uniform(-0.9, 0.9))
    hands = str(rng.choice(["one", "one", "two", "base"]))
    base = Placement(shape, (rng.uniform(-0.2, 0.6), rng.uniform(-0.9, 0.0))) if hands == "base" else None
    return SignSpec(UNKNOWN, hands, Placement(shape, location), movement, None, base)


def covering_segment(sequence: SignedSequence, index: int, segments: list[Segment]) -> Segment | None:
    """The segment that holds sign ``index``'s movement and no other sign's, or None."""
    _, start, end = sequence.signs[index]
    for segment in segments:
        overlaps = [min(segment.end, b) - max(segment.start, a) > 0.1 for _, a, b in sequence.signs]
        if overlaps[index] and sum(overlaps) == 1 and segment.start <= start + 0.2 and segment.end >= end - 0.3:
            return segment
    return None


def example(sign: str | SignSpec, rng: np.random.Generator, *, left_handed: bool = False) -> np.ndarray | None:
    """One classifier input [SEQUENCE_LENGTH, F] for ``sign``, or None when the segmenter missed it."""
    glosses = list(load_sign_spec())
    in_context = rng.random() < 0.5
    context = [str(g) for g in rng.choice(glosses, 2)] if in_context else []
    signs = [*context[:1], sign, *context[1:]]
    sequence = render_signs(signs, rng, transitions="hold" if in_context else "rest", left_handed=left_handed)
    segment = covering_segment(sequence, len(context[:1]), segment_all(sequence.frames))
    if segment is None:
        return None
    return resample(model_columns(sign_features(segment.frames, left_handed=left_handed)), SEQUENCE_LENGTH)


def class_examples(label: str, count: int, seed: int) -> np.ndarray:
    """``count`` examples [count, SEQUENCE_LENGTH, F] of one label (a gloss or UNKNOWN), reproducible per
    (seed, label) so that classes can be made in parallel."""
    rng = np.random.default_rng([seed, *label.encode("utf-8")])
    xs: list[np.ndarray] = []
    while len(xs) < count:
        x = example(random_sign(rng) if label == UNKNOWN else label, rng)
        if x is not None:
            xs.append(x)
    return np.stack(xs) if xs else np.zeros((0, SEQUENCE_LENGTH, MODEL_FEATURE_SIZE), np.float32)


def dataset(
    per_class: int, seed: int, *, unknown: int | None = None, workers: int = 1
) -> tuple[np.ndarray, np.ndarray, list[str]]:
    """Examples X [N, SEQUENCE_LENGTH, F], labels y [N] and the label names (glosses, then UNKNOWN)."""
    labels = [*load_sign_spec(), UNKNOWN]
    counts = [per_class if label != UNKNOWN or unknown is None else unknown for label in labels]
    jobs = [(label, count, seed) for label, count in zip(labels, counts, strict=True)]
    if workers > 1:
        from concurrent.futures import ProcessPoolExecutor

        with ProcessPoolExecutor(workers) as pool:
            parts = list(pool.map(class_examples, *zip(*jobs, strict=True)))
    else:
        parts = [class_examples(*job) for job in jobs]
    y = np.concatenate([np.full(len(part), label) for label, part in enumerate(parts)])
    return np.concatenate(parts), y, labels
