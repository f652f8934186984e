"""The committed TFLite sign classifier on held-out synthetic signs (a seed never used in training)."""

from __future__ import annotations

from collections import Counter
from pathlib import Path

import numpy as np
import pytest

from base.errors import InputError, ModelMissingError
from sign_models.classifier import DEFAULT_LABELS, DEFAULT_MODEL, UNKNOWN, SignClassifier
from sign_models.features import MODEL_FEATURE_SIZE
from sign_models.sign_dataset import class_examples, dataset
from sign_models.sign_spec import load_sign_spec
from sign_models.synthetic_signs import render_signs

pytest.importorskip("ai_edge_litert")


@pytest.fixture(scope="module")
def classifier() -> SignClassifier:
    return SignClassifier.load()


def test_held_out_synthetic_accuracy(classifier: SignClassifier) -> None:
    """Measured 97.6 % on 20 per gloss (python -m sign_models.sign_training evaluate); 2 per gloss here."""
    x, y, labels = dataset(2, seed=4242, unknown=0)
    assert labels == classifier.labels
    predicted = [classifier.classify_input(sample).gloss or UNKNOWN for sample in x]
    truth = [labels[i] for i in y]
    accuracy = np.mean([p == t for p, t in zip(predicted, truth, strict=True)])
    confusions = Counter(f"{t}->{p}" for p, t in zip(predicted, truth, strict=True) if p != t)
    assert accuracy >= 0.9, f"accuracy {accuracy:.3f}; confusions {confusions.most_common()}"


def test_random_sign_like_motion_is_unknown(classifier: SignClassifier) -> None:
    """Measured 80 % of random signs rejected; a real threshold, not a promise for every movement."""
    results = [classifier.classify_input(sample) for sample in class_examples(UNKNOWN, 30, seed=777)]
    rejected = sum(r.gloss is None for r in results)
    assert rejected >= 21, [r.top[0] for r in results if r.gloss is not None]


def test_top_k_and_the_threshold(classifier: SignClassifier) -> None:
    frames = render_signs(["화장실"], np.random.default_rng(11)).frames
    result = classifier.classify_frames(frames)
    assert len(result.top) == 3 and result.top[0].p >= result.top[1].p >= result.top[2].p
    assert result.gloss == "화장실" == result.top[0].gloss
    strict = SignClassifier(classifier._interpreter, classifier.labels, type(classifier.options)(threshold=1.01))
    assert strict.classify_frames(frames).gloss is None  # below the threshold: unknown, not a guess


def test_a_left_handed_signer_is_mirrored(classifier: SignClassifier) -> None:
    frames = render_signs(["감사합니다"], np.random.default_rng(5), left_handed=True).frames
    assert classifier.classify_frames(frames, left_handed=True).gloss == "감사합니다"


def test_every_gloss_has_a_label() -> None:
    labels = DEFAULT_LABELS.read_text(encoding="utf-8").split()
    assert labels[:-1] == list(load_sign_spec()) and labels[-1] == UNKNOWN
    assert DEFAULT_MODEL.stat().st_size < 500_000


def test_bad_features_are_clear_errors(classifier: SignClassifier) -> None:
    with pytest.raises(InputError):
        classifier.classify(np.zeros((10, 5)))
    with pytest.raises(InputError, match="NaN"):
        classifier.classify(np.full((10, MODEL_FEATURE_SIZE), np.nan))


def test_missing_damaged_or_mismatched_model(tmp_path: Path) -> None:
    with pytest.raises(ModelMissingError, match="not found"):
        SignClassifier.load(tmp_path / "none.tflite")
    (tmp_path / "bad.tflite").write_bytes(b"\x00" * 64)
    with pytest.raises(ModelMissingError, match="damaged"):
        SignClassifier.load(tmp_path / "bad.tflite")
    (tmp_path / "labels.txt").write_text("a\nb\n", encoding="utf-8")
    with pytest.raises(ModelMissingError, match="labels"):
        SignClassifier.load(DEFAULT_MODEL, tmp_path / "labels.txt")
    with pytest.raises(ModelMissingError):
        SignClassifier.load(DEFAULT_MODEL, tmp_path / "no-labels.txt")
