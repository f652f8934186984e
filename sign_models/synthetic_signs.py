"""A synthetic signer: glosses of ``data/sign_spec.json`` as LandmarkFrame sequences (pose + both hands).

SYNTHETIC, NOT KSL: the signs are invented placeholders (see the spec file). The signer is a stick figure
whose shoulders fix the body frame; its hands come from the kinematic hand model
(:mod:`sign_models.hand_model`). Variation per sequence: image aspect and frame rate, where the signer stands
and how big it is, signing speed, bone lengths and the wrist's turn; per sign: joint angles, place and size
of the movement; per frame: landmark jitter and MediaPipe-like dropped hands (a hand is lost for one to three
frames now and then, and is never reported outside the image). Between signs the hands either go back to
rest (out of the image, below the waist), hold still for a moment (``transitions="hold"``) or flow straight
into the next sign's start (``transitions="flow"``: fluent signing with neither a rest nor a hold). A signer
whose hands rest in view (waist, lap) rests them below every place the sequence's signs are made, as a real lap is.
"""

from __future__ import annotations

import dataclasses
from dataclasses import dataclass

import numpy as np

from sign_models.features import mirror_frame
from sign_models.fingerspell_spec import LetterSpec
from sign_models.hand_model import euler_rotations, local_landmarks, orientation, spec_pose
from sign_models.landmarks import LandmarkFrame
from sign_models.sign_spec import Movement, SignSpec, load_sign_spec

ANGLES = 20  # joint angles of one hand: fingers 4x3, sideways 4, thumb 4
SHOULDER_CM = 36.0  # shoulder width the hand model's centimetres are scaled to
BELOW_IMAGE = -1.8  # signer y (shoulder widths, up positive) of hands resting out of the image, below the waist
LAP_MARGIN = 0.15  # shoulder widths: hands resting in view rest at least this far below every sign's place
RELAXED = LetterSpec(
    "relaxed", "relaxed", "shape", ((20, 30, 20),) * 4, (0, 10, 10, 10), 5, "signer_left", "down", "", "", ""
)  # type: ignore[arg-type]
# Pose points (MediaPipe ids) in shoulder widths, x toward the signer's right, y up; the arms are added per frame.
BODY = {
    0: (0.0, 0.62), 1: (-0.05, 0.72), 2: (-0.09, 0.72), 3: (-0.13, 0.72), 4: (0.05, 0.72), 5: (0.09, 0.72),
    6: (0.13, 0.72), 7: (-0.3, 0.65), 8: (0.3, 0.65), 9: (-0.07, 0.5), 10: (0.07, 0.5), 11: (-0.5, 0.0),
    12: (0.5, 0.0), 23: (-0.33, -1.4), 24: (0.33, -1.4), 25: (-0.33, -2.5), 26: (0.33, -2.5), 27: (-0.33, -3.5),
    28: (0.33, -3.5), 29: (-0.33, -3.6), 30: (0.33, -3.6), 31: (-0.3, -3.65), 32: (0.3, -3.65),
}  # fmt: skip


@dataclass(frozen=True)
class SynthesisOptions:
    """How much the synthetic signer varies. Lengths in shoulder widths unless said otherwise."""

    fps: tuple[float, ...] = (25.0, 30.0)
    aspects: tuple[float, ...] = (4 / 3, 16 / 9)
    shoulder_width: tuple[float, float] = (0.22, 0.36)  # image heights
    speed: tuple[float, float] = (0.75, 1.35)  # duration factor (larger = slower)
    place_sd: float = 0.06
    size_sd: float = 0.15  # relative
    joint_sd: float = 6.0  # degrees, per sign
    wrist_rotation_sd: float = 10.0  # degrees, per sequence
    jitter: float = 0.002  # image widths, per landmark and frame
    drop_rate: float = 0.02  # chance per frame that a hand is lost for 1-3 frames
    # How one signer differs from another, drawn once per sequence (defaults: the synthetic teacher).
    offset: tuple[float, float] = (0.0, 0.0)  # the whole sign moved this far (random direction)
    amplitude: tuple[float, float] = (1.0, 1.0)  # the movement this much larger
    reach: tuple[float, float] = (1.0, 1.0)  # arm length / shoulder width: places and movements scaled about the body
    lax: tuple[float, float] = (0.0, 0.0)  # share of the way from the handshape to a relaxed hand (lax fingers)
    curl_sd: float = 0.0  # degrees, each finger joint's own bend for the whole sequence
    rest_height: tuple[float, float] = (BELOW_IMAGE, BELOW_IMAGE)  # where the hands rest (-1.1: waist), at least
    # LAP_MARGIN below every place the sequence's signs are made when in view (a real lap lies below the stomach)
    idle: tuple[float, float] = (0.0, 0.0)  # share of the dominant movement the other hand follows in one-handed signs


@dataclass(frozen=True)
class SignedSequence:
    """Frames, and each sign's gloss with the start and end of its movement (seconds)."""

    frames: list[LandmarkFrame]
    signs: list[tuple[str, float, float]]


@dataclass
class _Track:
    """Per-frame wrist positions [n, 2], joint angles [n, 20] and rotations [n, 3, 3] of one hand."""

    position: list[np.ndarray]
    angles: list[np.ndarray]
    rotation: list[np.ndarray]

    def state(self) -> tuple[np.ndarray, np.ndarray, np.ndarray]:
        return self.position[-1][-1], self.angles[-1][-1], self.rotation[-1][-1]

    def add(self, position: np.ndarray, angles: np.ndarray, rotation: np.ndarray) -> None:
        self.position.append(position)
        self.angles.append(angles)
        self.rotation.append(rotation)


def render_signs(
    glosses: list[str | SignSpec],
    rng: np.random.Generator,
    *,
    transitions: str = "rest",
    left_handed: bool = False,
    options: SynthesisOptions | None = None,
) -> SignedSequence:
    """Sign ``glosses`` (names in the spec, or specs) one after another; ``transitions`` is "rest", "hold",
    "flow" or "mixed" (rest or hold, random per gap)."""
    o = options or SynthesisOptions()
    spec = load_sign_spec()
    specs = [spec[g] if isinstance(g, str) else g for g in glosses]
    fps, speed = float(rng.choice(o.fps)), rng.uniform(*o.speed)
    style = _style(rng, o)
    height = _draw(rng, o.rest_height)
    rests = np.array([[0.35, height], [-0.35, height]]) + rng.normal(0, 0.08, (2, 2))
    state = rng.bit_generator.state
    hands, signs, lowest = _sign_all(specs, rests, rng, fps, speed, transitions, o, style)
    if height > BELOW_IMAGE and (rests[:, 1] > lowest - LAP_MARGIN).any():  # a real lap lies below every sign
        rests[:, 1] = np.minimum(rests[:, 1], lowest - LAP_MARGIN)
        rng.bit_generator.state = state  # the same signing, from the lowered rest
        hands, signs, _ = _sign_all(specs, rests, rng, fps, speed, transitions, o, style)
    return SignedSequence(_frames_of(hands, fps, rng, o, left_handed, style), signs)


def _sign_all(
    specs: list[SignSpec],
    rests: np.ndarray,
    rng,
    fps: float,
    speed: float,
    transitions: str,
    o: SynthesisOptions,
    style: _Style,
) -> tuple[list[_Track], list[tuple[str, float, float]], float]:
    """The hand tracks from ``rests`` through every sign, each sign's gloss, start and end (seconds), and the
    lowest place (signer y) a hand that signs reaches during the signs' movements."""
    hands = [_Track([], [], []), _Track([], [], [])]  # dominant, other
    for track, rest, mirror in zip(hands, rests, (False, True), strict=True):
        track.add(np.tile(rest, (1, 1)), _angles(RELAXED)[None], orientation(RELAXED, left_handed=mirror)[None])
    signs, lowest = [], np.inf
    _hold(hands, _frames(rng.uniform(0.3, 0.6), fps))
    for i, spec in enumerate(specs):
        _approach(hands, spec, rests, rng, _frames(0.3 * speed, fps), o, style)
        start = sum(len(p) for p in hands[0].position)
        _move(hands, spec, rng, _frames(_duration(spec.movement) * speed, fps), o, style)
        end = sum(len(p) for p in hands[0].position) - 1
        signs.append((spec.gloss, start / fps, end / fps))
        signing = hands if spec.hands != "one" else hands[:1]
        lowest = min(lowest, *(np.concatenate(t.position)[start : end + 1, 1].min() for t in signing))
        last = i == len(specs) - 1
        if last or transitions == "rest" or (transitions == "mixed" and rng.random() < 0.5):
            _go_to(hands, rests, [RELAXED, RELAXED], _frames(0.3 * speed, fps))
            _hold(hands, _frames(rng.uniform(0.3, 0.6), fps))
        elif transitions != "flow":
            _hold(hands, _frames(rng.uniform(0.5, 0.7), fps))
    return hands, signs, float(lowest)


@dataclass(frozen=True)
class _Style:
    """One signer's way of signing, drawn from :class:`SynthesisOptions` once per sequence."""

    offset: np.ndarray  # [2] shoulder widths
    amplitude: float
    reach: float
    lax: float
    curl: np.ndarray  # [12] degrees added to the finger joints
    idle: float


def _style(rng: np.random.Generator, o: SynthesisOptions) -> _Style:
    """The signer's style; the default options draw nothing (the teacher's sequences stay as they were)."""
    offset = np.zeros(2)
    if o.offset[1] > 0:
        angle = rng.uniform(0, 2 * np.pi)
        offset = _draw(rng, o.offset) * np.array([np.cos(angle), np.sin(angle)])
    curl = rng.normal(0, o.curl_sd, 12) if o.curl_sd else np.zeros(12)
    amplitude, reach, lax, idle = (_draw(rng, r) for r in (o.amplitude, o.reach, o.lax, o.idle))
    return _Style(offset, amplitude, reach, lax, curl, idle)


def _draw(rng: np.random.Generator, bounds: tuple[float, float]) -> float:
    """Uniform within ``bounds``; no draw when they are equal."""
    return float(bounds[0]) if bounds[0] == bounds[1] else float(rng.uniform(*bounds))


def _frames(seconds: float, fps: float) -> int:
    return max(2, round(seconds * fps))


def _duration(m: Movement) -> float:
    """Seconds of a movement at normal speed."""
    per_stroke = {"line": 0.45, "arc": 0.5, "circle": 0.7, "tap": 0.3, "shake": 0.18}[m.kind]
    return per_stroke * m.repeat + (0.2 if m.kind == "shake" else 0.0)


def _angles(shape: LetterSpec, noise: np.ndarray | None = None) -> np.ndarray:
    """Fingers (12), each finger's sideways angle (4) and thumb (4) of a handshape as one vector of 20 degrees."""
    fingers, spread, thumb = spec_pose(shape)
    vector = np.concatenate([fingers.ravel(), spread.ravel(), thumb.ravel()])
    return vector if noise is None else vector + noise


def _ease(n: int) -> np.ndarray:
    return (1 - np.cos(np.pi * np.linspace(0, 1, n + 1)[1:])) / 2


def _blend(a: np.ndarray, b: np.ndarray, w: np.ndarray) -> np.ndarray:
    """Rotations between a and b [n, 3, 3] (a linear blend made orthonormal again)."""
    u, _, vt = np.linalg.svd((1 - w)[:, None, None] * a + w[:, None, None] * b)
    return u @ vt


def _go_to(hands: list[_Track], targets: list[np.ndarray], shapes: list[LetterSpec], n: int, noise=None) -> None:
    """Move both hands to ``targets`` and ``shapes`` over n frames."""
    w = _ease(n)
    for side, (track, target, shape) in enumerate(zip(hands, targets, shapes, strict=True)):
        position, angles, rotation = track.state()
        goal = _angles(shape, None if noise is None else noise[side])
        turn = orientation(shape, left_handed=side == 1)
        track.add(
            position + w[:, None] * (target - position),
            angles + w[:, None] * (goal - angles),
            _blend(np.broadcast_to(rotation, (n, 3, 3)), np.broadcast_to(turn, (n, 3, 3)), w),
        )


def _hold(hands: list[_Track], n: int) -> None:
    for track in hands:
        position, angles, rotation = track.state()
        track.add(np.tile(position, (n, 1)), np.tile(angles, (n, 1)), np.tile(rotation, (n, 1, 1)))


def _approach(hands, spec: SignSpec, rests, rng, n: int, o: SynthesisOptions, style: _Style) -> None:
    """Bring the hands from where they are to the sign's start, placed by the signer's reach and offset (the other
    hand of a one-handed sign to where it rests, which the sign's place does not move)."""
    start = np.array(spec.dominant.location) + rng.normal(0, o.place_sd, 2)
    other, other_shape = rests[1], RELAXED
    if spec.hands == "two":
        other, other_shape = start * (-1, 1) + rng.normal(0, o.place_sd / 2, 2), spec.dominant.shape
    elif spec.base is not None:
        other, other_shape = np.array(spec.base.location) * (-1, 1) + rng.normal(0, o.place_sd, 2), spec.base.shape
    if spec.hands != "one":
        other = other * style.reach + style.offset
    noise = rng.normal(0, o.joint_sd, (2, ANGLES))
    _go_to(hands, [start * style.reach + style.offset, other], [spec.dominant.shape, other_shape], n, noise)


def _move(hands: list[_Track], spec: SignSpec, rng, n: int, o: SynthesisOptions, style: _Style) -> None:
    """The sign's movement: the dominant hand follows the path, the other hand mirrors it, holds still, or (one
    -handed signs of a signer whose ``idle`` is above 0) follows a share of it."""
    m = spec.movement
    offset = _path(m, np.linspace(0, 1, n)) * rng.normal(1.0, o.size_sd) * style.amplitude * style.reach
    for side, track in enumerate(hands):
        position, angles, rotation = track.state()
        moves = side == 0 or spec.hands == "two"
        share = 1.0 if moves else style.idle if spec.hands == "one" else 0.0
        path = position + offset * (1 - 2 * side, 1) * share
        angles = np.tile(angles, (n, 1))
        if spec.end_shape is not None and moves:
            angles += np.linspace(0, 1, n)[:, None] * (_angles(spec.end_shape) - _angles(spec.dominant.shape))
        track.add(path, angles + rng.normal(0, 1.5, angles.shape), np.tile(rotation, (n, 1, 1)))


def _path(m: Movement, u: np.ndarray) -> np.ndarray:
    """Offsets [n, 2] of the dominant hand along the movement, for u from 0 to 1."""
    d = np.array(m.direction)
    perp = np.array([-d[1], d[0]]) * (1 if d[0] <= 0 and d[1] >= 0 else -1)  # bulge up or outward
    if m.kind == "circle":
        angle = 2 * np.pi * m.repeat * u
        return m.size * np.stack([np.cos(angle) - 1, np.sin(angle)], axis=1)
    if m.kind == "tap":
        return m.size * np.sin(np.pi * m.repeat * u)[:, None] ** 2 * d
    if m.kind == "shake":
        return m.size * np.sin(2 * np.pi * m.repeat * u)[:, None] * np.array([1.0, 0.0])
    stroke = np.minimum(np.floor(u * m.repeat), m.repeat - 1)
    eased = (1 - np.cos(np.pi * (u * m.repeat - stroke))) / 2
    a = np.where(stroke % 2 == 0, eased, 1 - eased)[:, None]
    return a * m.size * d + (np.sin(np.pi * a) * 0.3 * m.size * perp if m.kind == "arc" else 0.0)


def _frames_of(
    hands: list[_Track], fps: float, rng, o: SynthesisOptions, left_handed: bool, style: _Style
) -> list[LandmarkFrame]:
    """Camera frames from the hand tracks: place the signer, draw the hands and the pose, drop lost hands."""
    aspect = float(rng.choice(o.aspects))
    width = rng.uniform(*o.shoulder_width)
    centre = np.array([rng.uniform(0.4, 0.6) * aspect, rng.uniform(0.45, 0.58)])
    positions = [np.concatenate(track.position) for track in hands]
    n = len(positions[0])
    sway = centre + 0.02 * width * np.sin(np.linspace(0, 2, n)[:, None] + rng.uniform(0, 6, 2))
    to_image = [_to_image(p, sway, width, aspect) for p in positions]
    drawn = [_hand_points(track, rng, o, side == 1, width, aspect, style) for side, track in enumerate(hands)]
    poses = _poses(sway, width, aspect, to_image, positions, rng)
    for side in (0, 1):
        drawn[side][..., :2] += to_image[side][:, None, :]
    frames = [
        LandmarkFrame(i / fps, 640, round(640 / aspect), poses[i], _visible(drawn[1][i]), _visible(drawn[0][i]), None)
        for i in range(n)
    ]
    _drop_bursts(frames, rng, o)
    return [mirror_frame(f) for f in frames] if left_handed else frames


def _to_image(signer: np.ndarray, centre: np.ndarray, width: float, aspect: float) -> np.ndarray:
    """Signer coordinates (x toward the signer's right, y up, shoulder widths) -> normalised image x, y."""
    return np.stack([(centre[:, 0] - signer[:, 0] * width) / aspect, centre[:, 1] - signer[:, 1] * width], axis=1)


def _hand_points(track: _Track, rng, o: SynthesisOptions, left: bool, width: float, aspect: float, style: _Style):
    """Wrist-relative hand landmarks [n, 21, 3] in image units (x, z in widths, y in heights); the signer's
    fingers are laxer (toward a relaxed hand) or bent their own way."""
    angles = np.concatenate(track.angles)
    angles = angles + style.lax * (_angles(RELAXED) - angles)
    angles[:, :12] += style.curl
    n = len(angles)
    bones = np.broadcast_to(rng.uniform(0.85, 1.15) * rng.normal(1.0, 0.05, (1, 21)), (n, 21))
    hand = local_landmarks(angles[:, :12].reshape(n, 4, 3), angles[:, 12:16], angles[:, 16:], bones)
    if left:
        hand[..., 0] *= -1
    turn = euler_rotations(rng.normal(0, o.wrist_rotation_sd, (1, 3)))
    hand = np.einsum("nij,nkj->nki", np.concatenate(track.rotation) @ turn, hand)
    scale = width / SHOULDER_CM
    out = hand * (scale / aspect, scale, scale / aspect * rng.uniform(0.6, 1.4))
    out[..., :2] += rng.normal(0, o.jitter, (n, 21, 2)) * (1.0, aspect)
    return out


def _poses(centre: np.ndarray, width: float, aspect: float, wrists, positions, rng) -> np.ndarray:
    """Poses [n, 33, 4]: the fixed body, arms reaching for the wrists, visibility by the image bounds."""
    n = len(centre)
    pose = np.zeros((n, 33, 4))
    ids = np.array(list(BODY))
    body = np.array(list(BODY.values()))
    pose[:, ids, 0] = (centre[:, :1] - body[None, :, 0] * width) / aspect
    pose[:, ids, 1] = centre[:, 1:] - body[None, :, 1] * width
    for side, (shoulder, elbow, wrist) in enumerate(((12, 14, 16), (11, 13, 15))):
        signer_elbow = (np.array(BODY[shoulder]) + positions[side]) / 2 + (0.25 * (1 - 2 * side), -0.35)
        pose[:, elbow, :2] = _to_image(signer_elbow, centre, width, aspect)
        pose[:, [wrist, wrist + 2, wrist + 4, wrist + 6], :2] = wrists[side][:, None]  # wrist, pinky, index, thumb
    pose[..., :2] += rng.normal(0, 0.002, (n, 33, 2))
    pose[..., 2] = rng.normal(0, 0.05, (n, 33))
    inside = (pose[..., 0] > 0) & (pose[..., 0] < 1) & (pose[..., 1] > 0) & (pose[..., 1] < 1)
    pose[..., 3] = np.where(inside, 0.99, 0.05)
    return pose.astype(np.float32)


def _visible(points: np.ndarray) -> np.ndarray | None:
    """The hand as MediaPipe reports it: None when its wrist is outside the image."""
    x, y = points[0, :2]
    return points.astype(np.float32) if 0.0 < x < 1.0 and 0.0 < y < 0.98 else None


def _drop_bursts(frames: list[LandmarkFrame], rng, o: SynthesisOptions) -> None:
    """Lose a hand for 1-3 frames now and then, as MediaPipe does in fast motion or blur."""
    for name in ("left_hand", "right_hand"):
        i = 0
        while i < len(frames):
            if rng.random() < o.drop_rate:
                for j in range(i, min(i + int(rng.integers(1, 4)), len(frames))):
                    frames[j] = dataclasses.replace(frames[j], **{name: None})
                i += 3
            i += 1
