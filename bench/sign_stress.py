"""SYNTHETIC stress set for taught signs: one example per sign, counter-camera conditions, untaught signs.

Everything here is synthetic (the stick-figure signer of :mod:`sign_models.synthetic_signs`, invented
placeholder signs): the figures show that the code path copes with the conditions, NOT how well real KSL is
recognised. The held-out figures on real signing are the ones quoted in issue 15 and the README.

* Teaching: ``taught`` glosses of the synthetic spec, each taught once by each of ``teachers`` synthetic
  signers (one recording each, :func:`teacher_recording`) through
  :func:`~sign_models.enrollment.enroll_frames` (so with its widened copies and per-sign threshold). A teacher
  is a person: the first is the renderer's default signer (seeds 5000+), each further one a different signer
  drawn as the "another signer" condition draws one (seeds 6000+), so three teachers are three people, not
  three recordings of one.
* Open set: each taught gloss and ``untaught`` signs nobody taught (the spec's remaining glosses and random
  sign-like movements) are signed by new synthetic signers (seeds 7000+ and 10000+: none is used by teaching,
  5000+ and 6000+, or by widening, which draws from the example's frame count) and seen through four fixed camera
  conditions like the issue's replays: tilted 15° at 15 fps; low resolution (noisy landmarks, many lost
  hands); mirrored (the other hand) with lost hands; a small signer off-centre. A fifth condition is another
  signer who really differs from the teacher (:data:`ANOTHER_SIGNER`: the whole sign placed 0.2-0.4 shoulder
  widths elsewhere, 0.6-1.5x as large, 0.6-1.6x the speed, other arm proportions, lax or crisp fingers, hands
  resting at the waist or in the lap, the other hand moving along; hands turned, fingers longer or shorter), the
  weakest real figure of the issue. A taught sign is right when the first answered segment gives its gloss; an
  untaught one is rejected when no segment is answered; per condition, the taught signs right, unknown and
  wrong. Beside each condition: the naive closed-set one-shot baseline (:mod:`bench.sign_naive`) on the same
  replays, taught by the first teacher's recordings.
* Signs in a row: three taught signs with a short hold between them, and three that flow into each other
  with neither a hold nor a rest; gloss error rate = edit distance between the answered glosses and the
  truth, divided by 3. Both again as MediaPipe hands them on at the live kiosk (``..._mediapipe``,
  :data:`MEDIAPIPE`): a 30 fps camera, 40-90 ms of landmarking per frame, the newest frame taken next (about half
  the frames kept, lost in irregular runs), as this 2-core machine's real-time replays kept 0.35-0.54.
* Each figure is measured on whole recordings (:meth:`~sign_models.recognizer.SignRecognizer.recognize_all`, as
  ``kiosk sign recognize`` answers) and, as ``live_...``, on the live path (the frames pushed one by one as the
  kiosk's camera gives them: what the visitor and the clerk see).
"""

from __future__ import annotations

import dataclasses
import itertools
import json
import tempfile
from collections import Counter
from collections.abc import Callable
from pathlib import Path

import numpy as np

from bench.sign_naive import NaiveOneShot
from sign_models.enrollment import enroll_frames, find_sign, matching_features, widened_features
from sign_models.features import HAND_FEATURES, HANDSHAPE, SIGN_FEATURE_GROUPS
from sign_models.fewshot import EnrolledSigns
from sign_models.impostors import handshape, signing_hand
from sign_models.recognizer import SignRecognizer, SignResult
from sign_models.sign_dataset import random_sign
from sign_models.sign_distance import HANDSHAPE_WEIGHTS, column_weights
from sign_models.sign_spec import SIGN_SPEC_PATH, load_sign_spec
from sign_models.synthetic_signs import SynthesisOptions, render_signs
from sign_models.trained_signs import train
from sign_models.widening import CameraChange, camera_variant, random_signer, signer_variant

ANOTHER = "another signer"
# Real signers differ from the teacher by a whole sign placed 0.2-0.4 shoulder widths elsewhere, a movement
# 0.6-1.5x as large, 0.6-1.6x the speed, other body proportions, lax or crisp fingers, hands resting at the waist
# or in the lap, and a non-dominant hand that moves along in one-handed signs.
ANOTHER_SIGNER = SynthesisOptions(
    speed=(0.6, 1.6),
    place_sd=0.1,
    size_sd=0.25,
    joint_sd=10.0,
    wrist_rotation_sd=15.0,
    offset=(0.2, 0.4),
    amplitude=(0.6, 1.5),
    reach=(0.85, 1.2),
    lax=(0.0, 0.4),
    curl_sd=8.0,
    rest_height=(-1.5, -1.0),
    idle=(0.0, 0.5),
)
CONDITIONS = {
    "tilted 15° at 15 fps": CameraChange(roll=15.0, fps=15.0),
    "low resolution": CameraChange(scale=0.8, jitter=0.006, drop_rate=0.12),
    "mirrored, lost hands": CameraChange(mirror=True, drop_rate=0.06),
    "small signer off-centre": CameraChange(scale=0.6, shift=(0.25, 0.08)),
    ANOTHER: CameraChange(),
}
MEDIAPIPE = CameraChange(fps=30.0, busy=(0.04, 0.09))  # the live kiosk's landmarker on a busy 2-core machine


def stress(
    taught: int = 20,
    untaught: int = 11,
    sequences: int = 20,
    seed: int = 0,
    options=None,
    teachers: int = 1,
    trained: bool = False,
) -> dict:
    """The synthetic stress figures (see the module docstring); ``teachers``: synthetic signers teaching each
    sign once (1: one example per sign); ``trained``: also a model trained on the taught examples
    (:func:`~sign_models.trained_signs.train`, needs two teachers or more) answers what matching left unknown."""
    glosses = sorted(load_sign_spec())
    rng = np.random.default_rng(seed)
    order = [glosses[i] for i in rng.permutation(len(glosses))]
    teach, others = order[:taught], order[taught : taught + untaught // 2]
    strangers = [random_sign(np.random.default_rng(9000 + i)) for i in range(untaught - len(others))]
    first_teacher = {}
    with tempfile.TemporaryDirectory() as folder:
        for i, gloss in enumerate(teach):
            for k in range(teachers):
                frames = teacher_recording(gloss, i, k)
                first_teacher.setdefault(gloss, frames)
                enroll_frames(frames, gloss, Path(folder), f"teacher-{k}")
        enrolled = EnrolledSigns.load(Path(folder), options)
        recognizer = SignRecognizer(train(enrolled)[0] if trained else None, enrolled)
    naive = NaiveOneShot(first_teacher)
    report: dict = {"taught_signs": taught, "teachers": teachers, "trained_model": trained, "conditions": {}}
    report |= {"untaught_signs": untaught, "naive_conditions": {}}
    paths = {"": recognizer.recognize_all, "live_": recognizer.live}
    totals = {path: Counter() for path in paths}
    naive_right = 0
    for name, change in CONDITIONS.items():
        here, naive_ok = {path: Counter() for path in paths}, 0
        for i, gloss in enumerate(teach + others + strangers):
            frames = _replay(gloss, name, change, i)
            truth = gloss if i < len(teach) else None
            for path, answers in paths.items():
                here[path][_outcome(_first_answer(answers(frames)), truth)] += 1
            naive_ok += truth is not None and naive.answer(frames) == gloss
        ok, wrong = here[""]["right"], here[""]["wrong"]
        report["conditions"][name] = f"{ok}/{len(teach)} right, {len(teach) - ok - wrong} unknown, {wrong} wrong"
        report["naive_conditions"][name] = f"{naive_ok}/{len(teach)}"
        if name == ANOTHER:
            report["another_signer_right"] = round(ok / len(teach), 3)
            report["another_signer_answered"] = round((ok + wrong) / len(teach), 3)
        naive_right += naive_ok
        for path in paths:
            totals[path] += here[path]
    replays = taught * len(CONDITIONS)
    report["naive_closed_set_right"] = round(naive_right / replays, 3)
    for path, answers in paths.items():
        count = totals[path]
        report[f"{path}open_set_right"] = round(count["right"] / replays, 3)
        report[f"{path}taught_answered_wrong"] = round(count["wrong"] / replays, 3)
        report[f"{path}untaught_rejected"] = round(count["rejected"] / max(1, count["rejected"] + count["accepted"]), 3)
        for (key, transitions), (rate, change) in itertools.product(
            (("", "hold"), ("_flowing", "flow")), (("", None), ("_mediapipe", MEDIAPIPE))
        ):
            error = _sequences(answers, teach, sequences, seed, transitions, change)
            report[f"{path}three_sign_gloss_error_rate{key}{rate}"] = error
    return report


def teacher_recording(gloss: str, i: int, k: int) -> list:
    """The recording by which teacher ``k`` teaches the ``i``-th taught ``gloss``: the default signer for the
    first teacher, for each further one a different signer (as :data:`ANOTHER` draws one)."""
    if k == 0:
        return render_signs([gloss], np.random.default_rng(5000 + i)).frames
    return _another_signer(gloss, np.random.default_rng(6000 + i + 100 * k))


def _another_signer(gloss, rng: np.random.Generator) -> list:
    """``gloss`` signed by a signer who really differs from the default one (:data:`ANOTHER_SIGNER`, then the
    hands' turn and finger lengths: place and size are the renderer's)."""
    frames = render_signs([gloss], rng, options=ANOTHER_SIGNER).frames
    return signer_variant(frames, dataclasses.replace(random_signer(rng), place=(0.0, 0.0), amplitude=1.0))


def _replay(gloss, name: str, change: CameraChange, i: int) -> list:
    """The ``i``-th replay of the condition ``name``: a new synthetic signer (another one who really differs for
    :data:`ANOTHER`) seen through the condition's camera."""
    rng = np.random.default_rng(7000 + 31 * i + len(name))
    frames = _another_signer(gloss, rng) if name == ANOTHER else render_signs([gloss], rng).frames
    return camera_variant(frames, change, np.random.default_rng(10000 + i))


def _outcome(answer: str | None, truth: str | None) -> str:
    """A taught sign's replay (``truth`` its gloss) answered right, wrong or unknown; an untaught one's
    (``truth`` None) rejected or accepted."""
    if truth is None:
        return "rejected" if answer is None else "accepted"
    return "right" if answer == truth else "unknown" if answer is None else "wrong"


def _first_answer(results: list[SignResult]) -> str | None:
    return next((result.gloss for result in results if result.gloss is not None), None)


def _sequences(
    answers: Callable[[list], list[SignResult]],
    teach: list[str],
    count: int,
    seed: int,
    transitions: str,
    change: CameraChange | None = None,
) -> float:
    """Gloss error rate of ``answers`` (whole-recording or live) on ``count`` three-sign sequences without rest
    between the signs (``transitions``: "hold" or "flow"), seen through the camera ``change`` if one is given."""
    rng = np.random.default_rng(seed + 1)
    errors = words = 0
    for i in range(count):
        truth = [str(g) for g in rng.choice(teach, 3, replace=False)]
        frames = render_signs(truth, np.random.default_rng(8000 + i), transitions=transitions).frames
        if change is not None:
            frames = camera_variant(frames, change, np.random.default_rng(12000 + i))
        found = [r.gloss for r in answers(frames) if r.gloss is not None]
        errors += _edit_distance(found, truth)
        words += len(truth)
    return round(errors / words, 3)


def _edit_distance(a: list[str], b: list[str]) -> int:
    row = list(range(len(b) + 1))
    for i, x in enumerate(a, start=1):
        previous, row[0] = row[0], i
        for j, y in enumerate(b, start=1):
            previous, row[j] = row[j], min(row[j] + 1, row[j - 1] + 1, previous + (x != y))
    return row[-1]


def handshape_separation(teachers: int = 2, others: int = 4) -> dict:
    """SYNTHETIC: whether matching can tell the spec's handshapes apart. Each handshape signs 천천히's place, palm and
    movement; per handshape, ``teachers`` taught examples (seeds 5000+) with their widened copies in the same hand,
    and ``others`` renders by other signers (:data:`ANOTHER_SIGNER`). A sequence's handshape is its signing hand's
    median shape columns (:func:`~sign_models.impostors.handshape`); distances are weighted as matching weighs
    them, "old": the palm-frame landmarks alone (weight 1.8), "new": with the finger descriptors as a query is weighed
    against a sign's impostors (:data:`~sign_models.sign_distance.HANDSHAPE_WEIGHTS`). Per pair:
    the median distance from one handshape's examples to the other's sequences over the larger of the two
    handshapes' spread (0.9 quantile of the distances from its examples to its own copies and other signers);
    below 1: not separable."""
    template = load_sign_spec()["천천히"]
    names = {g: f["shape"] for g, f in json.loads(SIGN_SPEC_PATH.read_text(encoding="utf-8"))["signs"].items()}
    hands = {}
    for gloss, spec in load_sign_spec().items():
        name = names[gloss]
        if name not in hands:
            shape = dataclasses.replace(spec.dominant.shape, palm=template.dominant.shape.palm, points="viewer")
            hands[name] = dataclasses.replace(template, dominant=dataclasses.replace(template.dominant, shape=shape))
    sequences = {name: _handshape_sequences(spec, teachers, others) for name, spec in hands.items()}
    new = column_weights(HANDSHAPE_WEIGHTS)[:HAND_FEATURES][HANDSHAPE]
    old = np.where(np.isin(HANDSHAPE, SIGN_FEATURE_GROUPS["shape"]), 1.8 / len(SIGN_FEATURE_GROUPS["shape"]), 0.0)
    report: dict = {}
    for key, weights in (("old", old), ("new", new)):

        def distance(a: np.ndarray, b: np.ndarray, w: np.ndarray = weights) -> float:
            return float(np.sqrt(np.sum(w * (a - b) ** 2)))

        spread = {
            n: np.quantile([distance(e, c) for e in taught for c in rest], 0.9)
            for n, (taught, rest) in sequences.items()
        }
        ratios = {}
        for a, b in itertools.combinations(sequences, 2):
            between = np.median([distance(e, s) for e in sequences[a][0] for s in itertools.chain(*sequences[b])])
            ratios[f"{a}-{b}"] = round(float(between / max(spread[a], spread[b])), 2)
        report[key] = ratios
        report[f"separable_{key}"] = f"{sum(r > 1 for r in ratios.values())}/{len(ratios)}"
    return report


def _handshape_sequences(spec, teachers: int, others: int) -> tuple[list[np.ndarray], list[np.ndarray]]:
    """The handshapes of ``teachers`` taught examples of ``spec``, and of their widened copies in the same hand
    and ``others`` other signers' renders."""
    taught, rest = [], []
    for k in range(teachers):
        sign = find_sign(render_signs([spec], np.random.default_rng(5000 + k)).frames)
        features = matching_features(sign)
        taught.append(handshape(features))
        copies = widened_features(sign, np.random.default_rng(len(sign)))
        rest += [handshape(c) for c in copies if signing_hand(c) == signing_hand(features)]
    rest += [
        handshape(matching_features(find_sign(_replay(spec, ANOTHER, CONDITIONS[ANOTHER], i)))) for i in range(others)
    ]
    return taught, rest
