"""Training round trip (needs TensorFlow, which lives only in the training venv: skipped in the kiosk venv)."""

from __future__ import annotations

import numpy as np
import pytest

tf = pytest.importorskip("tensorflow", reason="tensorflow is only in the training venv (sign_models/sign_training.py)")


def test_a_tiny_model_round_trips_through_tflite() -> None:
    from sign_models.sign_training import build_model, tflite_agreement, to_tflite

    rng = np.random.default_rng(0)
    x = rng.normal(size=(40, 32, 144)).astype(np.float32)
    y = rng.integers(0, 3, 40)
    model = build_model(x, 3, seed=1)
    model.fit(x, y, epochs=1, verbose=0)
    for float16 in (False, True):
        flatbuffer = to_tflite(model, float16)
        assert tflite_agreement(model, flatbuffer, x[:8]) < (1e-4 if not float16 else 1e-2)
