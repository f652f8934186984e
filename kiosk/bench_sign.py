"""``kiosk bench sign``: what the camera path costs per frame today.

* MediaPipe Holistic (model complexity 1, video mode) on a 640x480 frame with a person in view: Grace
  Hopper's portrait from matplotlib's sample data (head and shoulders, no hands; the demo video has no
  person). Hands in view add the hand landmark models, so signing frames cost somewhat more.
* The fingerspelling classifier on synthetic hands from the kinematic hand model, one frame at a time.
* The sign classifier (end of sign -> gloss on the clerk screen, target <= 0.3 s p50) is built in
  parallel: :func:`sign_classifier` reports it as not measurable until its model exists. Adding its
  measurement means writing that one function.
"""

from __future__ import annotations

import time

import numpy as np

from kiosk.bench import Result, Stage
from kiosk.config import KioskConfig

FRAME = (480, 640)


def bench_sign(config: KioskConfig, quick: bool = False) -> Stage:
    """Holistic and fingerspelling latencies, and the sign classifier when there is one."""
    holistic = holistic_ms(frames=20 if quick else 150)
    letters = fingerspelling_ms(hands=200 if quick else 2000)
    fps = 1000 / _p(holistic, 50)
    results = [
        Result("sign Holistic per frame p50 (person, 640x480)", round(_p(holistic, 50), 1), "ms", "report", True),
        Result("sign Holistic per frame p90", round(_p(holistic, 90), 1), "ms", "report", True),
        Result("sign Holistic frames per second (1 / p50)", round(fps, 1), "fps", ">= 10", fps >= 10),
        Result("fingerspelling classifier per hand p50", round(_p(letters, 50), 3), "ms", "report", True),
        Result("fingerspelling classifier per hand p90", round(_p(letters, 90), 3), "ms", "report", True),
    ]
    more, missing = sign_classifier(config, quick)
    samples = {"sign Holistic per frame": holistic, "fingerspelling classifier per hand": letters}
    return Stage(results + more, {"sign_frame": "grace_hopper.jpg 640x480"}, samples, not_measured=missing)


def sign_classifier(config: KioskConfig, quick: bool) -> tuple[list[Result], list[dict]]:
    """End of sign -> gloss on the clerk screen. Not measurable until the sign classifier exists."""
    why = "no sign classifier in this build yet (sign_models has fingerspelling only)"
    return [], [{"name": "end of sign -> gloss on the clerk screen p50", "target": "<= 300 ms", "why": why}]


def holistic_ms(frames: int) -> list[float]:
    """Milliseconds per frame of MediaPipe Holistic in video mode (after one warm-up frame)."""
    from sign_models.landmarks import HolisticLandmarker

    image = person_frame()
    landmarker = HolisticLandmarker()
    found = landmarker.process(image, 0.0)
    if found.pose is None:
        raise RuntimeError("Holistic found no person in the benchmark frame")
    times = []
    for i in range(1, frames + 1):
        started = time.perf_counter()
        landmarker.process(image, i / 30)
        times.append((time.perf_counter() - started) * 1000.0)
    return times


def person_frame() -> np.ndarray:
    """An RGB 640x480 frame with a person: matplotlib's sample portrait, letterboxed."""
    import cv2
    from matplotlib import cbook

    portrait = cv2.cvtColor(cv2.imread(str(cbook.get_sample_data("grace_hopper.jpg", asfileobj=False))), 4)
    height, width = FRAME
    scale = min(width / portrait.shape[1], height / portrait.shape[0])
    resized = cv2.resize(portrait, (int(portrait.shape[1] * scale), int(portrait.shape[0] * scale)))
    frame = np.zeros((height, width, 3), np.uint8)
    top, left = (height - resized.shape[0]) // 2, (width - resized.shape[1]) // 2
    frame[top : top + resized.shape[0], left : left + resized.shape[1]] = resized
    return frame


def fingerspelling_ms(hands: int) -> list[float]:
    """Milliseconds per hand of the fingerspelling classifier on synthetic hands, one per call."""
    from sign_models.fingerspell_classifier import FingerspellClassifier
    from sign_models.fingerspell_spec import load_spec
    from sign_models.hand_model import sample

    classifier = FingerspellClassifier.load()
    rng = np.random.default_rng(0)
    letters = list(load_spec().letters.values())
    times = []
    for i in range(hands):
        hand, aspect = sample(letters[i % len(letters)], 1, rng)
        started = time.perf_counter()
        classifier.frame(hand[0], i / 30, aspect=float(aspect[0]))
        times.append((time.perf_counter() - started) * 1000.0)
    return times


def _p(values: list[float], q: float) -> float:
    return float(np.percentile(values, q))
