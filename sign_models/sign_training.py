"""Train the sign classifier on synthetic signs and check it: the only module that imports TensorFlow.

    python -m sign_models.sign_training train [--out DIR] [--per-class N] [--seed S] [--epochs E] [--float32]
        (run with the training venv: tensorflow-cpu 2.19.1, never in the kiosk)
    python -m sign_models.sign_training evaluate [--model M] [--labels L] [--per-class N] [--seed S]
        (run with the kiosk venv: ai-edge-litert only) held-out accuracy, confusions, unknown rate, latency

The model is a small 1D CNN over [SEQUENCE_LENGTH, MODEL_FEATURE_SIZE] (see :mod:`sign_models.sign_dataset`)
with the feature normalisation built in; softmax over the glosses plus the reject class ``_unknown``. It uses
builtin TFLite ops only and is stored as float16 by default. Augmentation is the synthetic signer's own
variation (speed, size, place, rotation, dropped hands); left-handed signers are mirrored before the model.
Everything it learns is SYNTHETIC and NOT real KSL: retrain on recordings before claiming KSL recognition.
"""

from __future__ import annotations

import argparse
import statistics
import time
from pathlib import Path

import numpy as np

from sign_models.classifier import UNKNOWN
from sign_models.sign_dataset import SEQUENCE_LENGTH, dataset

DATA_DIR = Path(__file__).parent / "data"


def build_model(x: np.ndarray, n_classes: int, seed: int):
    """The Keras model, its normalisation adapted to ``x``."""
    import tensorflow as tf

    tf.keras.utils.set_random_seed(seed)
    layers = tf.keras.layers
    inputs = tf.keras.Input((x.shape[1], x.shape[2]), batch_size=None)
    norm = layers.Normalization(axis=-1)
    norm.adapt(x.reshape(-1, x.shape[2]))
    h = norm(inputs)
    h = layers.Conv1D(64, 5, padding="same", activation="relu")(h)
    h = layers.Dropout(0.2)(h)
    h = layers.Conv1D(64, 5, padding="same", activation="relu")(h)
    h = layers.MaxPooling1D(2)(h)
    h = layers.Conv1D(96, 3, padding="same", activation="relu")(h)
    h = layers.Concatenate()([layers.GlobalAveragePooling1D()(h), layers.GlobalMaxPooling1D()(h)])
    h = layers.Dropout(0.3)(h)
    outputs = layers.Dense(n_classes, activation="softmax")(h)
    model = tf.keras.Model(inputs, outputs)
    model.compile(
        optimizer=tf.keras.optimizers.Adam(2e-3), loss="sparse_categorical_crossentropy", metrics=["accuracy"]
    )
    return model


def to_tflite(model, float16: bool = True) -> bytes:
    """The model as a TFLite flatbuffer (input [1, T, F] once allocated) with builtin ops only."""
    import tensorflow as tf

    converter = tf.lite.TFLiteConverter.from_keras_model(model)
    converter.target_spec.supported_ops = [tf.lite.OpsSet.TFLITE_BUILTINS]
    if float16:
        converter.optimizations = [tf.lite.Optimize.DEFAULT]
        converter.target_spec.supported_types = [tf.float16]
    return converter.convert()


def tflite_agreement(model, flatbuffer: bytes, x: np.ndarray) -> float:
    """Largest difference between Keras and TFLite probabilities on ``x`` (checks the export)."""
    import tensorflow as tf

    interpreter = tf.lite.Interpreter(model_content=flatbuffer)
    interpreter.allocate_tensors()
    inp, out = interpreter.get_input_details()[0], interpreter.get_output_details()[0]
    worst = 0.0
    keras = model.predict(x, verbose=0)
    for i, sample in enumerate(x):
        interpreter.set_tensor(inp["index"], sample[None].astype(np.float32))
        interpreter.invoke()
        worst = max(worst, float(np.abs(interpreter.get_tensor(out["index"])[0] - keras[i]).max()))
    return worst


def train(out: Path, per_class: int, seed: int, epochs: int, float16: bool, workers: int) -> dict:
    """Make the data, train, export ``sign_classifier.tflite`` and ``sign_labels.txt`` into ``out``."""
    import tensorflow as tf

    started = time.perf_counter()
    x, y, labels = dataset(per_class, seed, unknown=per_class * 3, workers=workers)
    made = time.perf_counter()
    order = np.random.default_rng(seed).permutation(len(x))
    x, y = x[order], y[order]
    split = len(x) // 10
    model = build_model(x[split:], len(labels), seed)
    stop = tf.keras.callbacks.EarlyStopping(patience=6, restore_best_weights=True, monitor="val_accuracy")
    model.fit(x[split:], y[split:], validation_data=(x[:split], y[:split]), epochs=epochs, batch_size=64,
              callbacks=[stop], verbose=2)  # fmt: skip
    flatbuffer = to_tflite(model, float16)
    out.mkdir(parents=True, exist_ok=True)
    (out / "sign_classifier.tflite").write_bytes(flatbuffer)
    (out / "sign_labels.txt").write_text("\n".join(labels) + "\n", encoding="utf-8")
    return {
        "examples": len(x),
        "data_seconds": round(made - started, 1),
        "train_seconds": round(time.perf_counter() - made, 1),
        "validation_accuracy": round(float(model.evaluate(x[:split], y[:split], verbose=0)[1]), 4),
        "tflite_bytes": len(flatbuffer),
        "keras_tflite_max_diff": tflite_agreement(model, flatbuffer, x[:50]),
    }


def evaluate(model: Path, labels: Path, per_class: int, seed: int, workers: int) -> dict:
    """Held-out synthetic accuracy of the TFLite model (ai-edge-litert), confusions, unknown rate, latency."""
    from sign_models.classifier import ClassifierOptions, SignClassifier

    classifier = SignClassifier.load(model, labels, ClassifierOptions())
    x, y, names = dataset(per_class, seed, workers=workers)
    results, times = [], []
    for sample in x:
        started = time.perf_counter()
        results.append(classifier.classify_input(sample))
        times.append((time.perf_counter() - started) * 1000)
    predicted = [r.gloss or UNKNOWN for r in results]
    truth = [names[i] for i in y]
    known = [i for i, t in enumerate(truth) if t != UNKNOWN]
    confusions: dict[str, int] = {}
    for i in known:
        if predicted[i] != truth[i]:
            key = f"{truth[i]}->{predicted[i]}"
            confusions[key] = confusions.get(key, 0) + 1
    unknown = [i for i, t in enumerate(truth) if t == UNKNOWN]
    return {
        "seed": seed,
        "signs": len(known),
        "accuracy": round(sum(predicted[i] == truth[i] for i in known) / len(known), 4),
        "rejected_as_unknown": round(sum(predicted[i] == UNKNOWN for i in known) / len(known), 4),
        "random_signs_rejected": round(sum(predicted[i] == UNKNOWN for i in unknown) / max(len(unknown), 1), 4),
        "top_confusions": dict(sorted(confusions.items(), key=lambda kv: -kv[1])[:10]),
        "latency_ms_median": round(statistics.median(times), 3),
        "input_shape": [1, SEQUENCE_LENGTH, x.shape[2]],
    }


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(prog="python -m sign_models.sign_training")
    actions = parser.add_subparsers(dest="action", required=True)
    train_args = actions.add_parser("train", help="train on synthetic signs and export TFLite (needs tensorflow)")
    train_args.add_argument("--out", type=Path, default=DATA_DIR)
    train_args.add_argument("--per-class", type=int, default=60)
    train_args.add_argument("--seed", type=int, default=1)
    train_args.add_argument("--epochs", type=int, default=60)
    train_args.add_argument("--float32", action="store_true", help="keep float32 weights (default float16)")
    evaluate_args = actions.add_parser("evaluate", help="held-out synthetic accuracy with ai-edge-litert")
    evaluate_args.add_argument("--model", type=Path, default=DATA_DIR / "sign_classifier.tflite")
    evaluate_args.add_argument("--labels", type=Path, default=DATA_DIR / "sign_labels.txt")
    evaluate_args.add_argument("--per-class", type=int, default=20)
    evaluate_args.add_argument("--seed", type=int, default=1001)
    for sub in (train_args, evaluate_args):
        sub.add_argument("--workers", type=int, default=2)
    args = parser.parse_args(argv)
    if args.action == "train":
        report = train(args.out, args.per_class, args.seed, args.epochs, not args.float32, args.workers)
    else:
        report = evaluate(args.model, args.labels, args.per_class, args.seed, args.workers)
    import json

    print(json.dumps(report, ensure_ascii=False, indent=2))
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
