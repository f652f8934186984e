"""Counter-camera variants of a recorded sign: how one taught example is widened, and how stress sets are made.

Kiosk cameras differ from the one the interpreter taught on: a few degrees of roll, the signer nearer or
farther, off-centre, faster or slower, 15 instead of 30 frames per second, noisier landmarks, and hands that
MediaPipe loses for a few frames in low light or at low resolution. :func:`camera_variant` applies such a
change to landmark frames (pure geometry on the landmarks; no image is involved), :func:`widen` draws ``count``
random variants of one example. The mirror variant stands for the same sign signed with the other hand.
:func:`signer_variant` makes the same sign look as another signer's (place, amplitude, the hand's turn, finger
lengths); :func:`widen_signers` adds such copies at enrolment, placed up to 0.3 shoulder widths elsewhere,
0.7-1.4x as large and 0.65-1.5x as fast (their SYNTHETIC effect is in the README's table). The same functions
make the synthetic stress conditions of the benchmark (with other seeds and fixed conditions), so the figures
they give are SYNTHETIC: they show that the code path copes with these changes, not how well real signing is
recognised.
"""

from __future__ import annotations

import dataclasses
from dataclasses import dataclass

import numpy as np

from sign_models.features import body_reference, mirror_frame
from sign_models.landmarks import LandmarkFrame

SIGNER_PLACE = 0.3
MIRRORED = 0.25  # share of an example's camera copies that are mirrored (the sign made with the other hand)
SIGNER_AMPLITUDE = (0.7, 1.4)
SIGNER_SPEED = (0.65, 1.5)


@dataclass(frozen=True)
class CameraChange:
    """One variant. ``roll`` degrees (positive: image turned clockwise); ``scale`` of the signer about the image
    centre; ``shift`` [x, y] in image heights; ``speed`` > 1 signs faster; ``fps`` None keeps the frame times;
    ``jitter`` landmark noise in image heights; ``drop_rate`` chance per frame that a hand is lost for 1-4 frames;
    ``mirror``: the other hand; ``depth``: factor on the hands' z; ``busy`` (seconds, low and high): MediaPipe takes
    this long per frame (drawn uniformly) on a camera of ``fps`` frames per second and then takes the newest frame
    (:func:`busy_landmarker`), so irregular runs of the camera's frames are lost."""

    roll: float = 0.0
    scale: float = 1.0
    shift: tuple[float, float] = (0.0, 0.0)
    speed: float = 1.0
    fps: float | None = None
    jitter: float = 0.0
    drop_rate: float = 0.0
    mirror: bool = False
    depth: float = 1.0  # MediaPipe's hand z is unreliable: it is scaled by this
    busy: tuple[float, float] | None = None


@dataclass(frozen=True)
class SignerChange:
    """How another signer signs the same sign. ``place`` [x, y] moves the hands in shoulder widths;
    ``amplitude`` scales the movement about its centre; ``turn`` [3] degrees turns each hand about its wrist;
    ``fingers`` [21] scales each landmark's distance from the wrist (longer or shorter fingers, a looser or
    tighter handshape)."""

    place: tuple[float, float] = (0.0, 0.0)
    amplitude: float = 1.0
    turn: tuple[float, float, float] = (0.0, 0.0, 0.0)
    fingers: tuple[float, ...] = ()


def random_signer(rng: np.random.Generator, spread: float = 1.0) -> SignerChange:
    """A signer drawn from the ranges signers differ by (``spread`` scales every range)."""
    return SignerChange(
        place=tuple(float(v) for v in rng.normal(0, 0.06 * spread, 2)),  # type: ignore[arg-type]
        amplitude=float(np.exp(rng.normal(0, 0.15 * spread))),
        turn=tuple(float(v) for v in rng.normal(0, 8.0 * spread, 3)),  # type: ignore[arg-type]
        fingers=tuple(float(v) for v in 1 + rng.normal(0, 0.06 * spread, 21)),
    )


def signer_variant(frames: list[LandmarkFrame], change: SignerChange) -> list[LandmarkFrame]:
    """``frames`` as another signer would sign them (the body stays; the hands move, turn and change shape)."""
    widths = [r[1] for r in map(body_reference, frames) if r is not None]
    if not widths:
        return list(frames)
    width = float(np.median(widths))
    out = list(frames)
    turn = _rotation(np.radians(change.turn))
    fingers = np.asarray(change.fingers or np.ones(21), np.float32)[:, None]
    for name in ("left_hand", "right_hand"):
        present = [i for i, f in enumerate(out) if getattr(f, name) is not None]
        if not present:
            continue
        aspect = np.asarray([out[i].aspect for i in present])[:, None]
        units = np.concatenate([aspect, np.ones_like(aspect), aspect], axis=1)[:, None, :]
        hands = np.stack([np.asarray(getattr(out[i], name), np.float32) for i in present]) * units
        wrists = hands[:, :1, :2]
        centre = wrists.mean(axis=0, keepdims=True)
        moved = centre + change.amplitude * (wrists - centre) + np.asarray(change.place) * (-width, -width)
        rel = (hands - hands[:, :1]) @ turn.T * fingers
        rel[:, :, :2] += moved
        for k, i in enumerate(present):
            out[i] = dataclasses.replace(out[i], **{name: rel[k] / units[k]})
    return out


def _rotation(angles: np.ndarray) -> np.ndarray:
    x, y, z = angles
    rx = np.array([[1, 0, 0], [0, np.cos(x), -np.sin(x)], [0, np.sin(x), np.cos(x)]])
    ry = np.array([[np.cos(y), 0, np.sin(y)], [0, 1, 0], [-np.sin(y), 0, np.cos(y)]])
    rz = np.array([[np.cos(z), -np.sin(z), 0], [np.sin(z), np.cos(z), 0], [0, 0, 1]])
    return (rz @ ry @ rx).astype(np.float32)


def random_change(rng: np.random.Generator) -> CameraChange:
    """A change drawn from the ranges counter cameras differ by (roll ±15°, speed 0.75-1.3x, 15 or 30 fps ...)."""
    return CameraChange(
        roll=float(rng.uniform(-15, 15)),
        scale=float(rng.uniform(0.7, 1.3)),
        shift=(float(rng.uniform(-0.12, 0.12)), float(rng.uniform(-0.06, 0.06))),
        speed=float(rng.uniform(0.75, 1.3)),
        fps=float(rng.choice([15.0, 30.0])),
        jitter=float(rng.uniform(0.0, 0.004)),
        drop_rate=float(rng.uniform(0.0, 0.08)),
        depth=float(rng.uniform(0.6, 1.4)),
        mirror=bool(rng.random() < MIRRORED),
    )


def mirrored_copies(count: int) -> np.ndarray:
    """Which of :func:`widen`'s ``count`` copies are mirrored [count] (bool): the last ``MIRRORED`` share, the
    same for every example. Drawn at random (a 1-in-4 chance each), an example of the SYNTHETIC stress had
    0 to 6 of 8: one in ten had no other-hand copy at all, and a lone one could not be calibrated."""
    return np.arange(count) >= count - round(MIRRORED * count)


def widen(frames: list[LandmarkFrame], rng: np.random.Generator, count: int) -> list[list[LandmarkFrame]]:
    """``count`` random camera variants of one recorded example (the original is not among them), mirrored
    as :func:`mirrored_copies` says, not by the chance :func:`random_change` draws."""
    return [
        camera_variant(frames, dataclasses.replace(random_change(rng), mirror=bool(mirror)), rng)
        for mirror in mirrored_copies(count)
    ]


def widen_signers(frames: list[LandmarkFrame], rng: np.random.Generator, count: int) -> list[list[LandmarkFrame]]:
    """``count`` variants of one example as other signers might sign it: placed up to ``SIGNER_PLACE`` shoulder
    widths elsewhere, ``SIGNER_AMPLITUDE`` times as large, ``SIGNER_SPEED`` times as fast, hands turned and
    fingers longer or shorter (:func:`signer_variant`)."""
    out = []
    for _ in range(count):
        change = SignerChange(
            place=tuple(float(v) for v in rng.uniform(-SIGNER_PLACE, SIGNER_PLACE, 2)),  # type: ignore[arg-type]
            amplitude=float(rng.uniform(*SIGNER_AMPLITUDE)),
            turn=tuple(float(v) for v in rng.normal(0, 8.0, 3)),  # type: ignore[arg-type]
            fingers=tuple(float(v) for v in 1 + rng.normal(0, 0.06, 21)),
        )
        speed = CameraChange(speed=float(rng.uniform(*SIGNER_SPEED)))
        out.append(camera_variant(signer_variant(frames, change), speed, rng))
    return out


def camera_variant(frames: list[LandmarkFrame], change: CameraChange, rng: np.random.Generator) -> list[LandmarkFrame]:
    """``frames`` as the camera of ``change`` would have seen them."""
    if not frames:
        return []
    out = [mirror_frame(f) for f in frames] if change.mirror else list(frames)
    out = _retime(out, change.speed, change.fps if change.busy is None else None)
    if change.busy is not None:
        out = busy_landmarker(out, change.fps or 30.0, change.busy, rng)
    angle = np.radians(change.roll)
    rotation = np.array([[np.cos(angle), -np.sin(angle)], [np.sin(angle), np.cos(angle)]])
    moved = []
    for frame in out:
        parts = {}
        for name in ("pose", "left_hand", "right_hand", "face"):
            points = getattr(frame, name)
            parts[name] = None if points is None else _move(points, frame.aspect, rotation, change, rng)
        moved.append(dataclasses.replace(frame, **parts))
    return _drop(moved, change.drop_rate, rng)


def _move(points: np.ndarray, aspect: float, rotation: np.ndarray, change: CameraChange, rng) -> np.ndarray:
    """Roll, scale and shift about the image centre (in image heights, so the aspect is respected), plus noise."""
    out = np.array(points, dtype=np.float32)
    xy = (out[:, :2] - 0.5) * (aspect, 1.0)
    xy = (xy @ rotation.T) * change.scale + change.shift
    if change.jitter:
        xy = xy + rng.normal(0, change.jitter, xy.shape)
    out[:, :2] = xy / (aspect, 1.0) + 0.5
    out[:, 2] = out[:, 2] * change.scale * (change.depth if len(out) == 21 else 1.0)
    return out


def _retime(frames: list[LandmarkFrame], speed: float, fps: float | None) -> list[LandmarkFrame]:
    """Frame times divided by ``speed``; with ``fps``, the frames nearest to a new clock of that rate."""
    t = np.asarray([f.t for f in frames]) / speed
    if fps is None or len(frames) < 2:
        return [dataclasses.replace(f, t=float(ti)) for f, ti in zip(frames, t, strict=True)]
    clock = np.arange(t[0], t[-1] + 1e-9, 1.0 / fps)
    index = np.clip(np.searchsorted(t, clock), 0, len(t) - 1)
    keep = np.unique(index)
    return [dataclasses.replace(frames[i], t=float(t[i])) for i in keep]


def busy_landmarker(
    frames: list[LandmarkFrame], fps: float, busy: tuple[float, float], rng: np.random.Generator
) -> list[LandmarkFrame]:
    """The frames MediaPipe hands on from a camera of ``fps``: the camera shows ``frames`` (the latest one at each
    tick of its clock), the landmarker takes ``busy`` seconds (uniform between the two) per frame and then takes
    the newest frame the camera gave (the live kiosk's one-frame mailbox), or waits for the next one. At 30 fps
    and 40-90 ms a frame it keeps ~0.45 of the camera's frames, as this 2-core machine did (docs/signs.md)."""
    t = np.asarray([f.t for f in frames])
    ticks = np.arange(t[0], t[-1] + 1e-9, 1.0 / fps)
    shown = np.clip(np.searchsorted(t, ticks + 1e-9, side="right") - 1, 0, len(t) - 1)
    out, free, last = [], -np.inf, -1
    while True:
        k = max(int(np.searchsorted(ticks, free + 1e-9, side="right")) - 1, last + 1)
        if k >= len(ticks):
            return out
        out.append(dataclasses.replace(frames[shown[k]], t=float(ticks[k])))
        free, last = max(free, ticks[k]) + rng.uniform(*busy), k


def _drop(frames: list[LandmarkFrame], rate: float, rng: np.random.Generator) -> list[LandmarkFrame]:
    """Lose a hand for 1-4 frames now and then (MediaPipe in low light, blur or low resolution)."""
    if rate <= 0:
        return frames
    frames = list(frames)
    for name in ("left_hand", "right_hand"):
        i = 0
        while i < len(frames):
            if rng.random() < rate:
                for j in range(i, min(i + int(rng.integers(1, 5)), len(frames))):
                    frames[j] = dataclasses.replace(frames[j], **{name: None})
                i += 4
            i += 1
    return frames
