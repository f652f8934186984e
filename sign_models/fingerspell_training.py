"""Train and evaluate the fingerspelling classifier on synthetic hands (and recordings).

    python -m sign_models.fingerspell_training train [--recordings DIR] [--seed 0] [--out PATH]
    python -m sign_models.fingerspell_training evaluate [--seed 1] [--per-letter 300] [--model PATH] [--json]

``evaluate`` reports SYNTHETIC figures (held-out hands of the hand model, never real signers): nominal variation,
stress (wider variation than training), left hands read with the left-handed flag, mirrored (selfie) images read
with no flag (the reading decided per signer by :class:`MirrorVote` over groups of 5 letters), and a low camera.

Training data comes from the kinematic hand model: every letter of ``fingerspell_spec.json`` sampled with
natural variation, and a reject class ``?`` (open hand, fist, relaxed hand, random poses in random
orientations). Recordings from the kiosk's recorder, a folder of ``.npz`` files each with ``hand`` [N, 21, 3]
and ``letter`` [N] (optionally ``aspect`` and ``left_handed``), are added ``REAL_WEIGHT`` times each (real
hands are few and worth more than synthetic ones), and ``train`` prints how many real examples each letter
has. The network is trained
with Adam in numpy; the same seed gives the same weights on the same machine.
"""

from __future__ import annotations

import argparse
import json
import sys
from collections import Counter
from dataclasses import dataclass
from pathlib import Path

import numpy as np

from base.errors import InputError, KioskError, MediaFormatError
from sign_models.features import check_hand, letter_features, mirror_hand
from sign_models.fingerspell_classifier import (
    DEFAULT_ASPECT,
    MODEL_PATH,
    UNKNOWN,
    FingerspellClassifier,
    MlpWeights,
)
from sign_models.fingerspell_spec import load_spec
from sign_models.hand_model import FINGER_LIMITS, SPREAD_LIMITS, THUMB_LIMITS, SamplerOptions, random_view, sample

# Training sees wider variation than the hand model's nominal one, for robustness; STRESS is wider still and
# is a stress test reported beside the nominal held-out accuracy.
TRAINING_VARIATION = SamplerOptions(
    joint_sd=10.0,
    thumb_sd=10.0,
    spread_sd=5.0,
    wrist_rotation_sd=20.0,
    jitter=0.004,
    depth_noise=0.15,
    camera_tilt=(-35.0, 25.0),
    partial_curl=0.45,
)
STRESS = SamplerOptions(
    joint_sd=12.0,
    thumb_sd=12.0,
    spread_sd=6.0,
    wrist_rotation_sd=20.0,
    jitter=0.006,
    depth_noise=0.2,
    camera_tilt=(-40.0, 30.0),
    camera_yaw_sd=12.0,
    partial_curl=0.5,
    depth_scale=(0.3, 1.5),
)
LOW_CAMERA = SamplerOptions(camera_tilt=(-40.0, -20.0), distance_cm=(30.0, 45.0))  # a kiosk camera below the hand
REAL_WEIGHT = 3  # each real example counts this many times
MIRROR_GROUP = 5  # the first letters of a word over which a signer's mirroring is decided


@dataclass(frozen=True)
class TrainOptions:
    """Sizes and optimiser settings; the defaults train in a few seconds on one core."""

    per_letter: int = 1000  # synthetic samples per letter
    reject: int = 4000  # synthetic samples of the reject class
    hidden: int = 256
    epochs: int = 40
    batch: int = 256
    learning_rate: float = 3e-3
    weight_decay: float = 1e-4
    sampler: SamplerOptions = TRAINING_VARIATION


def synthetic_set(
    per_letter: int, reject: int, seed: int, *, left_handed: bool = False, options: SamplerOptions | None = None
) -> tuple[np.ndarray, np.ndarray, np.ndarray]:
    """Hands [N, 21, 3], their image aspects [N] and labels [N] (letters and ``?``)."""
    rng = np.random.default_rng(seed)
    hands, aspects, labels = [], [], []
    for letter, spec in load_spec().letters.items():
        h, a = sample(spec, per_letter, rng, left_handed=left_handed, options=options)
        hands.append(h)
        aspects.append(a)
        labels += [letter] * per_letter
    h, a = reject_hands(reject, rng, left_handed=left_handed)
    labels += [UNKNOWN] * reject
    return np.concatenate([*hands, h]), np.concatenate([*aspects, a]), np.array(labels)


def reject_hands(n: int, rng: np.random.Generator, *, left_handed: bool = False) -> tuple[np.ndarray, np.ndarray]:
    """Hands that are no letter: half random poses, half open hands, fists and relaxed hands, all turned randomly."""
    fingers = rng.uniform(*FINGER_LIMITS.T, (n, 4, 3))
    thumb = rng.uniform(*THUMB_LIMITS.T, (n, 4))
    spread = rng.uniform(*SPREAD_LIMITS, n)
    common = {  # open hand, fist with the thumb over the fingers, loosely open hand (ㅍ is half bent)
        0: ([0.0, 0.0, 0.0], [-45.0, -5.0, 0.0, 0.0], 15.0),
        1: ([88.0, 100.0, 65.0], [-7.0, 8.0, 75.0, 54.0], 0.0),
        2: ([15.0, 20.0, 10.0], [0.0, 10.0, 10.0, 10.0], 10.0),
    }
    kind = rng.integers(0, 6, n)  # 3-5: random pose
    for k, (finger, thumb_pose, spread_pose) in common.items():
        chosen = kind == k
        fingers[chosen] = np.array(finger) + rng.normal(0, 8, (chosen.sum(), 4, 3))
        thumb[chosen] = np.array(thumb_pose) + rng.normal(0, 8, (chosen.sum(), 4))
        spread[chosen] = spread_pose + rng.normal(0, 4, chosen.sum())
    q, r = np.linalg.qr(rng.normal(size=(n, 3, 3)))
    rotation = q * np.sign(np.diagonal(r, axis1=1, axis2=2))[:, None, :]
    rotation[np.linalg.det(rotation) < 0, :, 0] *= -1  # proper rotations only, uniformly random
    hands, aspects = random_view(fingers, spread, thumb, rotation, rng, left_handed, SamplerOptions())
    clouds = rng.integers(0, 8, n) == 0  # and some shapeless point clouds (a broken landmark stream)
    hands[clouds] = hands[clouds, :1] + rng.normal(0, 0.08, (clouds.sum(), 21, 3))
    return hands, aspects


def load_recordings(folder: Path, labels: tuple[str, ...]) -> tuple[np.ndarray, np.ndarray, np.ndarray]:
    """Hands, aspects and labels from the recorder's ``.npz`` files; double consonants count as their handshape."""
    doubles = load_spec().doubles
    hands, aspects, letters = [], [], []
    for path in sorted(Path(folder).glob("*.npz")):
        try:
            with np.load(path, allow_pickle=False) as data:
                hand, letter = check_hand(data["hand"]), np.asarray(data["letter"]).astype(str).ravel()
                aspect = np.broadcast_to(data.get("aspect", DEFAULT_ASPECT), len(letter))
                left = bool(data.get("left_handed", False))
        except (OSError, KeyError, ValueError, InputError) as exc:
            message_ko = f"녹화 파일을 읽을 수 없습니다: {path}"
            raise MediaFormatError(message_ko, f"cannot read recording {path}: {exc}") from exc
        letter = np.array([doubles.get(x, x) for x in letter])
        unknown = sorted(set(letter) - set(labels))
        if hand.shape != (len(letter), 21, 3) or unknown:
            raise MediaFormatError(
                f"녹화 파일 형식이 맞지 않습니다: {path}",
                f"{path}: need hand [N, 21, 3] and N letters from the alphabet; got {hand.shape}, unknown {unknown}",
            )
        hands.append(mirror_hand(hand) if left else hand)
        aspects.append(np.asarray(aspect, float))
        letters.append(letter)
    if not hands:
        raise MediaFormatError(f"녹화 파일이 없습니다: {folder}", f"no .npz recordings in {folder}")
    return np.concatenate(hands), np.concatenate(aspects), np.concatenate(letters)


def real_counts(labels: np.ndarray) -> str:
    """How many real examples each letter has, for people: letters without any are listed last."""
    counts = Counter(str(label) for label in labels)
    missing = [letter for letter in load_spec().letters if letter not in counts]
    text = "real examples per letter: " + ", ".join(f"{k} {counts[k]}" for k in load_spec().letters if k in counts)
    return text + (f"\nno real examples: {' '.join(missing)}" if missing else "")


def train(
    seed: int = 0, options: TrainOptions | None = None, recordings: Path | None = None, *, report: bool = False
) -> FingerspellClassifier:
    """A classifier trained from scratch on synthetic hands (plus recordings, each ``REAL_WEIGHT`` times);
    deterministic for a seed. ``report`` prints the real examples per letter."""
    o = options or TrainOptions()
    hands, aspects, labels = synthetic_set(o.per_letter, o.reject, seed, options=o.sampler)
    names = (*load_spec().letters, UNKNOWN)
    if recordings is not None:
        extra = load_recordings(recordings, names)
        if report:
            print(real_counts(extra[2]))
        extra = tuple(np.concatenate([part] * REAL_WEIGHT) for part in extra)
        hands, aspects, labels = (np.concatenate(pair) for pair in zip((hands, aspects, labels), extra, strict=True))
    x = letter_features(hands, aspects)
    y = np.array([names.index(label) for label in labels])
    return FingerspellClassifier(_fit(x, y, names, o, np.random.default_rng(seed + 1)))


def _fit(x: np.ndarray, y: np.ndarray, names: tuple[str, ...], o: TrainOptions, rng: np.random.Generator) -> MlpWeights:
    """Softmax network with one ReLU layer, trained by minibatch Adam with weight decay."""
    mean, std = x.mean(axis=0), x.std(axis=0) + 1e-6
    x = ((x - mean) / std).astype(np.float32)  # float32 halves the training time
    params = [
        rng.normal(0, np.sqrt(2 / x.shape[1]), (x.shape[1], o.hidden)).astype(np.float32),
        np.zeros(o.hidden, np.float32),
        rng.normal(0, np.sqrt(1 / o.hidden), (o.hidden, len(names))).astype(np.float32),
        np.zeros(len(names), np.float32),
    ]
    moments = [(np.zeros_like(p), np.zeros_like(p)) for p in params]
    onehot = np.eye(len(names), dtype=np.float32)[y]
    step = 0
    for epoch in range(o.epochs):
        rate = o.learning_rate * 0.5 * (1 + np.cos(np.pi * epoch / o.epochs))
        for batch in np.array_split(rng.permutation(len(x)), max(1, len(x) // o.batch)):
            step += 1
            grads = _gradients(params, x[batch], onehot[batch], o.weight_decay)
            for p, g, (m, v) in zip(params, grads, moments, strict=True):
                m += 0.1 * (g - m)
                v += 0.001 * (g * g - v)
                p -= rate * (m / (1 - 0.9**step)) / (np.sqrt(v / (1 - 0.999**step)) + 1e-8)
    w1, b1, w2, b2 = params
    return MlpWeights(mean, std, w1, b1, w2, b2, names)


def _gradients(params: list[np.ndarray], x: np.ndarray, target: np.ndarray, decay: float) -> list[np.ndarray]:
    w1, b1, w2, b2 = params
    pre = x @ w1 + b1
    hidden = np.maximum(pre, 0.0)
    logits = hidden @ w2 + b2
    e = np.exp(logits - logits.max(axis=1, keepdims=True))
    delta = (e / e.sum(axis=1, keepdims=True) - target) / len(x)
    back = (delta @ w2.T) * (pre > 0)
    return [x.T @ back + decay * w1, back.sum(0), hidden.T @ delta + decay * w2, delta.sum(0)]


@dataclass(frozen=True)
class Evaluation:
    """Held-out results: ``?`` answers count as wrong."""

    accuracy: float
    unknown_rate: float
    per_letter: dict[str, float]
    confusions: list[tuple[str, str, int]]  # (true, predicted, count), most frequent first

    def summary(self, top: int = 10) -> str:
        """A few lines for people: overall accuracy, the weakest letters and the most confused pairs."""
        weakest = sorted(self.per_letter.items(), key=lambda item: item[1])[:top]
        return "\n".join(
            [
                f"accuracy {self.accuracy:.3f}  unknown (?) {self.unknown_rate:.3f}",
                "weakest letters: " + ", ".join(f"{k} {v:.2f}" for k, v in weakest),
                "most confused (true->predicted): " + ", ".join(f"{a}->{b} {n}" for a, b, n in self.confusions[:top]),
            ]
        )


def evaluate(
    classifier: FingerspellClassifier,
    seed: int = 1,
    per_letter: int = 300,
    *,
    left_handed: bool = False,
    mirrored: bool = False,
    options: SamplerOptions | None = None,
) -> Evaluation:
    """Accuracy on fresh synthetic hands drawn with another seed (left hands when ``left_handed``); the
    variation is the hand model's nominal one unless ``options`` say otherwise (e.g. :data:`STRESS`).
    ``mirrored`` flips every image (a selfie preview) and reads the hands with no flag: each group of
    ``MIRROR_GROUP`` letters (a word's first letters) decides its reading with a fresh :class:`MirrorVote`."""
    hands, aspects, labels = synthetic_set(per_letter, 0, seed, left_handed=left_handed, options=options)
    if mirrored:
        order = np.random.default_rng(seed).permutation(len(labels))
        hands, aspects, labels = mirror_hand(hands[order]), aspects[order], labels[order]
        predicted = np.array(
            [
                ranked[0][0]
                for start in range(0, len(labels), MIRROR_GROUP)
                for ranked in classifier.classify_either_way(
                    hands[start : start + MIRROR_GROUP], aspect=aspects[start : start + MIRROR_GROUP], k=1
                )
            ]
        )
    else:
        predicted = np.array([ranked[0][0] for ranked in classifier.classify_batch(hands, aspect=aspects, k=1)])
    correct = predicted == labels
    per_letter_acc = {letter: float(correct[labels == letter].mean()) for letter in load_spec().letters}
    pairs = Counter((t, p) for t, p in zip(labels, predicted, strict=True) if t != p)
    return Evaluation(
        float(correct.mean()),
        float((predicted == UNKNOWN).mean()),
        per_letter_acc,
        [(t, p, n) for (t, p), n in pairs.most_common()],
    )


def evaluate_all(model: Path, seed: int, per_letter: int) -> dict[str, Evaluation]:
    """The synthetic figures of the ``evaluate`` command, by name."""
    right = FingerspellClassifier.load(model)
    left = FingerspellClassifier.load(model, left_handed=True)
    return {
        "synthetic": evaluate(right, seed, per_letter),
        "stress": evaluate(right, seed + 1, per_letter, options=STRESS),
        "left_handed": evaluate(left, seed + 2, per_letter, left_handed=True),
        "mirrored": evaluate(right, seed + 3, per_letter, mirrored=True),
        "low_camera": evaluate(right, seed + 4, per_letter, options=LOW_CAMERA),
    }


TITLES = {
    "synthetic": "SYNTHETIC hands, nominal variation",
    "stress": "SYNTHETIC hands, stress variation (wider than training)",
    "left_handed": "SYNTHETIC left hands, --left-handed",
    "mirrored": f"SYNTHETIC mirrored images, no flag, reading voted per {MIRROR_GROUP} letters",
    "low_camera": "SYNTHETIC hands, camera 20-40 degrees below looking up, 30-45 cm",
}


def main(argv: list[str] | None = None) -> int:
    """``train`` writes the weights file; ``evaluate`` prints held-out synthetic figures (``--json`` for a report)."""
    parser = argparse.ArgumentParser(prog="python -m sign_models.fingerspell_training")
    parser.add_argument("command", choices=["train", "evaluate"])
    parser.add_argument("--seed", type=int, help="random seed (train: 0, evaluate: 1)")
    parser.add_argument("--recordings", type=Path, help="train: a folder of recorder .npz files to add")
    parser.add_argument("--out", type=Path, default=MODEL_PATH, help="train: where to write the weights")
    parser.add_argument("--model", type=Path, default=MODEL_PATH, help="evaluate: the weights to test")
    parser.add_argument("--per-letter", type=int, default=300, help="evaluate: held-out samples per letter")
    parser.add_argument("--left-handed", action="store_true", help="evaluate: only left hands, mirrored")
    parser.add_argument("--stress", action="store_true", help="evaluate: only stronger variation than in training")
    parser.add_argument("--json", action="store_true", help="evaluate: print the full report as JSON")
    args = parser.parse_args(argv)
    try:
        if args.command == "train":
            seed = 0 if args.seed is None else args.seed
            train(seed, recordings=args.recordings, report=True).weights.save(args.out, seed=seed)
            print(f"wrote {args.out}")
            return 0
        seed = 1 if args.seed is None else args.seed
        if args.left_handed or args.stress:
            classifier = FingerspellClassifier.load(args.model, left_handed=args.left_handed)
            options = STRESS if args.stress else None
            only = evaluate(classifier, seed, args.per_letter, left_handed=args.left_handed, options=options)
            results = {"left_handed" if args.left_handed else "stress": only}
        else:
            results = evaluate_all(args.model, seed, args.per_letter)
    except KioskError as exc:
        print(f"오류 / error: {exc}", file=sys.stderr)
        return 2
    first, *rest = results
    if args.json:
        report = dict(results[first].__dict__) | {name: results[name].__dict__ for name in rest}
        print(json.dumps(report, ensure_ascii=False, indent=1))
    else:
        print("\n\n".join(f"{TITLES[name]}\n{result.summary()}" for name, result in results.items()))
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
