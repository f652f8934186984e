"""Hand-shape features from MediaPipe hand landmarks, shared by training and the live kiosk.

A hand is an array [21, 3] in MediaPipe Hands order: x and y normalised to the image width and height, z
relative to the wrist in roughly the units of x. Pass the image ``aspect`` (width / height) so that x, y and z
are put into one unit before anything is measured.

Features do not depend on where the hand is, how big it is, or how far it is from the camera: landmarks are
taken relative to the wrist and divided by the palm size. Orientation is kept apart from shape, because some
letters differ only in where the palm faces (ㅏ and ㅓ) or where the hand points (ㄱ and ㄴ): the shape is the
hand in its own palm frame (so turning the hand does not change it) and the orientation is that palm frame's
axes in the camera. A left hand is mirrored (:func:`mirror_hand`) into a right hand first.

:func:`sign_features` turns a sequence of :class:`~sign_models.landmarks.LandmarkFrame` into one row per frame
for sign recognition (training and the live kiosk use the same function). The body gives the frame of reference:
the origin is the midpoint of the shoulders (pose points 11 and 12) and the unit is the shoulder width, both
measured in image heights, so where the signer stands and how far from the camera does not matter. Per hand,
dominant (right) hand first: a presence flag, the wrist relative to the body, the wrist velocity, the palm size
in shoulder widths (a depth cue), the hand-shape features above, the finger descriptors of
:func:`finger_features` and how hard the wrist shakes (:func:`~sign_models.smoothing.shake`; these two for sign
matching only: :func:`model_columns` leaves them out for the packaged model). A
missing hand is all zeros with its flag 0. The body frame is averaged over ``BODY_SMOOTHING`` seconds (shoulder
landmarks jitter). A frame without a pose borrows the body of the nearest frame that has one (the body hardly moves
while signing); a sequence with no pose at all is an :class:`InputError`. Left-handed signers are mirrored
(:func:`mirror_frame`) so that their dominant hand comes first.
"""

from __future__ import annotations

import dataclasses
from collections.abc import Sequence

import numpy as np

from base.errors import InputError
from sign_models.landmarks import LandmarkFrame
from sign_models.smoothing import shake, velocity_span

N_LANDMARKS = 21
WRIST, INDEX_MCP, MIDDLE_MCP, PINKY_MCP = 0, 5, 9, 17
FEATURE_SIZE = (N_LANDMARKS - 1) * 3 + 6


def check_hand(hand: object) -> np.ndarray:
    """The hand (or a batch of hands) as a float array [..., 21, 3].

    A wrong shape or a non-finite value raises :class:`InputError`.
    """
    try:
        array = np.asarray(hand, dtype=float)
    except (TypeError, ValueError) as exc:
        raise InputError("손 좌표가 숫자가 아닙니다", f"hand landmarks are not numbers: {exc}") from exc
    if array.shape[-2:] != (N_LANDMARKS, 3):
        raise InputError(
            f"손 좌표는 21개의 [x, y, z]여야 합니다 (받은 모양: {array.shape})",
            f"a hand must be 21 landmarks of [x, y, z], got shape {array.shape}",
        )
    if not np.isfinite(array).all():
        raise InputError("손 좌표에 NaN 또는 무한대 값이 있습니다", "hand landmarks contain NaN or infinite values")
    return array


def mirror_hand(hand: np.ndarray) -> np.ndarray:
    """The hand flipped left-right in the image (x -> 1 - x): a left hand becomes a right hand."""
    out = check_hand(hand).copy()
    out[..., 0] = 1.0 - out[..., 0]
    return out


def palm_frame(hand: np.ndarray, aspect: float | np.ndarray = 1.0) -> tuple[np.ndarray, np.ndarray]:
    """Wrist-relative landmarks divided by the palm size [..., 21, 3], and the palm frame [..., 3, 3].

    The frame's rows are: across the palm toward the thumb side (for a right hand), from the wrist to the
    middle knuckle, and out of the palm. A hand with no palm (all points together) raises :class:`InputError`.
    """
    rel, size = _relative(hand, aspect)
    across = rel[..., INDEX_MCP, :] - rel[..., PINKY_MCP, :]
    normal = np.cross(across, rel[..., MIDDLE_MCP, :])
    if (size < 1e-9).any() or (np.linalg.norm(normal, axis=-1) < 1e-6 * size**2).any():
        raise InputError("손바닥을 찾을 수 없습니다 (점들이 한곳에 모여 있음)", "no palm: the landmarks are degenerate")
    rel = rel / size[..., None, None]
    along = _unit(rel[..., MIDDLE_MCP, :])
    across = _unit(across - np.sum(across * along, axis=-1, keepdims=True) * along)
    return rel, np.stack([across, along, np.cross(across, along)], axis=-2)


def hand_shape_features(hand: np.ndarray, aspect: float | np.ndarray = 1.0, *, left_handed: bool = False) -> np.ndarray:
    """Features [..., FEATURE_SIZE] of a hand or a batch: the 20 non-wrist landmarks in the palm frame (shape),
    then the frame's wrist->knuckle and palm-normal axes in camera coordinates (orientation)."""
    if left_handed:
        hand = mirror_hand(hand)
    rel, frame = palm_frame(hand, aspect)
    shape = rel[..., 1:, :] @ np.swapaxes(frame, -1, -2)
    return np.concatenate([shape.reshape(*shape.shape[:-2], -1), frame[..., 1, :], frame[..., 2, :]], axis=-1)


TIPS = (4, 8, 12, 16, 20)
FINGERS = ((5, 6, 7, 8), (9, 10, 11, 12), (13, 14, 15, 16), (17, 18, 19, 20))  # MCP, PIP, DIP, tip
PALM = (WRIST, INDEX_MCP, MIDDLE_MCP, 13, PINKY_MCP)
FINGER_SIZE = 12 + 2 + 1 + 3 + 5 + 4 + 1


def finger_features(hand: np.ndarray, aspect: float | np.ndarray = 1.0) -> np.ndarray:
    """Finger descriptors [..., FINGER_SIZE] of a hand or a batch, the same however the hand is turned, placed,
    scaled or mirrored: the bend at each finger's MCP, PIP and DIP joints and at the thumb's MCP and IP (angles
    in half turns), the thumb's abduction from the index metacarpal, the spread between adjacent fingers, each
    fingertip's distance from the palm centre, the gaps between adjacent fingertips (thumb to little finger) and
    the thumb tip's distance from the index knuckle (opposition), distances in palm sizes.

    They tell apart handshapes whose landmarks in the palm frame lie within a signer's variation (flat vs open
    hand, index vs index and middle): the palm frame's out-of-palm axis carries MediaPipe's unreliable depth."""
    rel, size = _relative(hand, aspect)
    p = rel / size[..., None, None]
    bones = [np.diff(p[..., (WRIST, *chain), :], axis=-2) for chain in FINGERS]  # wrist->MCP ... DIP->tip
    flexion = [_angle(b[..., :-1, :], b[..., 1:, :]) for b in bones]
    thumb = np.diff(p[..., :5, :], axis=-2)  # wrist->CMC, CMC->MCP, MCP->IP, IP->tip
    proximal = np.stack([b[..., 1, :] for b in bones], axis=-2)
    tips = p[..., TIPS, :]
    return np.concatenate(
        [
            *flexion,
            _angle(thumb[..., 1:-1, :], thumb[..., 2:, :]),
            _angle(thumb[..., 1, :], p[..., INDEX_MCP, :])[..., None],
            _angle(proximal[..., :-1, :], proximal[..., 1:, :]),
            np.linalg.norm(tips - p[..., PALM, :].mean(axis=-2, keepdims=True), axis=-1),
            np.linalg.norm(np.diff(tips, axis=-2), axis=-1),
            np.linalg.norm(p[..., 4, :] - p[..., INDEX_MCP, :], axis=-1)[..., None],
        ],
        axis=-1,
    )


def _angle(a: np.ndarray, b: np.ndarray) -> np.ndarray:
    """The angle between vectors a and b [..., 3], in half turns (0: same direction, 1: opposite)."""
    cos = np.sum(a * b, axis=-1) / np.maximum(np.linalg.norm(a, axis=-1) * np.linalg.norm(b, axis=-1), 1e-12)
    return np.arccos(np.clip(cos, -1.0, 1.0)) / np.pi


LETTER_FEATURE_SIZE = FEATURE_SIZE + 40 + 1 + 5 + 4


def letter_features(hand: np.ndarray, aspect: float | np.ndarray = 1.0, *, left_handed: bool = False) -> np.ndarray:
    """Fingerspelling features [..., LETTER_FEATURE_SIZE]: :func:`hand_shape_features`, then cues that do not
    use MediaPipe's unreliable depth and survive a tilted camera.

    Added: the image outline of the hand (20 points relative to the wrist, divided by the hand's image extent);
    the signed image area of the wrist-index-little knuckle triangle (which side of the hand faces the camera);
    how far each fingertip is from the wrist in palm sizes (3D, unchanged by any rotation); the image direction
    of the hand (wrist to middle knuckle) and of the index finger, shrinking when they point at the camera.
    """
    if left_handed:
        hand = mirror_hand(hand)
    base = hand_shape_features(hand, aspect)
    rel, size = _relative(hand, aspect)
    flat = rel[..., 1:, :2]
    extent = np.linalg.norm(flat, axis=-1).max(axis=-1)[..., None, None]
    outline = (flat / extent).reshape(*flat.shape[:-2], -1)
    a, b = rel[..., INDEX_MCP, :2], rel[..., PINKY_MCP, :2]
    area = (a[..., 0] * b[..., 1] - a[..., 1] * b[..., 0])[..., None] / extent[..., 0] ** 2
    reach = np.linalg.norm(rel[..., TIPS, :], axis=-1) / size[..., None]
    axis = rel[..., MIDDLE_MCP, :2] / extent[..., 0]
    index = (rel[..., 8, :2] - rel[..., INDEX_MCP, :2]) / extent[..., 0]
    return np.concatenate([base, outline, area, reach, axis, index], axis=-1)


def hand_position(hand: np.ndarray, aspect: float = 1.0) -> tuple[float, float, float]:
    """Wrist x and y and the palm size of one hand, all in image heights: enough to measure movement."""
    _, size = _relative(hand, aspect)
    wrist = check_hand(hand)[WRIST]
    return float(wrist[0] * aspect), float(wrist[1]), float(size)


def _relative(hand: np.ndarray, aspect: float | np.ndarray) -> tuple[np.ndarray, np.ndarray]:
    """Wrist-relative landmarks in image heights [..., 21, 3], and the palm size [...]: the mean distance from
    the wrist to the index, middle and little finger knuckles."""
    hand = check_hand(hand)
    scale = np.stack(np.broadcast_arrays(aspect, 1.0, aspect), axis=-1)[..., None, :]
    rel = (hand - hand[..., WRIST : WRIST + 1, :]) * scale
    size = np.linalg.norm(rel[..., [INDEX_MCP, MIDDLE_MCP, PINKY_MCP], :], axis=-1).mean(axis=-1)
    return rel, size


def _unit(v: np.ndarray) -> np.ndarray:
    return v / np.linalg.norm(v, axis=-1, keepdims=True)


# --- sign sequences --------------------------------------------------------------------------------------------

LEFT_SHOULDER, RIGHT_SHOULDER = 11, 12
# MediaPipe pose and the face subset of sign_models.landmarks with left and right swapped.
POSE_MIRROR = (0, 4, 5, 6, 1, 2, 3, 8, 7, 10, 9, *(j for i in range(11, 33, 2) for j in (i + 1, i)))
FACE_MIRROR = (3, 2, 1, 0, 6, 7, 4, 5, 8, 10, 9, 11, 12)
MODEL_HAND_FEATURES = 6 + FEATURE_SIZE  # present, wrist x y, velocity x y, palm size, then the hand shape
HAND_FEATURES = MODEL_HAND_FEATURES + FINGER_SIZE + 1  # then the finger descriptors, then the shake
SIGN_FEATURE_SIZE = 2 * HAND_FEATURES  # dominant hand, then the other hand
MODEL_FEATURE_SIZE = 2 * MODEL_HAND_FEATURES  # what the packaged sign model takes (:func:`model_columns`)
SIGN_FEATURE_GROUPS = {  # columns of one hand's block, for distance weighting
    "present": np.arange(0, 1),
    "position": np.arange(1, 3),
    "velocity": np.arange(3, 5),
    "scale": np.arange(5, 6),
    "shape": np.arange(6, 6 + (N_LANDMARKS - 1) * 3),
    "orientation": np.arange(6 + (N_LANDMARKS - 1) * 3, MODEL_HAND_FEATURES),
    "fingers": np.arange(MODEL_HAND_FEATURES, HAND_FEATURES - 1),
    "shake": np.arange(HAND_FEATURES - 1, HAND_FEATURES),
}
HANDSHAPE = np.concatenate([SIGN_FEATURE_GROUPS["shape"], SIGN_FEATURE_GROUPS["fingers"]])  # the hand's shape
BODY_SMOOTHING = 0.14  # seconds either side averaged for the shoulder midpoint and width (jitter): 4 frames at 30 fps
VELOCITY_UNIT = 0.1  # velocities in shoulder widths per 0.1 s, so that they are about 1
REST_LEVEL = 1.25  # a wrist this many shoulder widths below the shoulder line is resting, not signing
IDLE_LEVEL = 1.0  # a non-dominant wrist this low waits at the waist or drifts along (0.9 lost some base hands)
MIN_SHOULDER_WIDTH = 0.02  # image heights; below this the pose is treated as missing


def check_points(points: object, rows: int, columns: tuple[int, ...], name: str) -> np.ndarray:
    """``points`` as a float array [rows, c] with c in ``columns``; wrong shapes or NaN raise :class:`InputError`."""
    try:
        array = np.asarray(points, dtype=float)
    except (TypeError, ValueError) as exc:
        raise InputError(f"{name} 좌표가 숫자가 아닙니다", f"{name} landmarks are not numbers: {exc}") from exc
    if array.ndim != 2 or array.shape[0] != rows or array.shape[1] not in columns:
        raise InputError(
            f"{name} 좌표의 모양이 잘못되었습니다 (받은 모양: {array.shape})",
            f"{name} landmarks must have shape [{rows}, {'|'.join(map(str, columns))}], got {array.shape}",
        )
    if not np.isfinite(array).all():
        raise InputError(f"{name} 좌표에 NaN 또는 무한대 값이 있습니다", f"{name} landmarks contain NaN or infinity")
    return array


def body_reference(frame: LandmarkFrame) -> tuple[np.ndarray, float] | None:
    """The shoulder midpoint [x, y] and the shoulder width, in image heights; None without a usable pose."""
    if frame.pose is None:
        return None
    shoulders = check_points(frame.pose, 33, (3, 4), "pose")[[LEFT_SHOULDER, RIGHT_SHOULDER], :2]
    shoulders = shoulders * (frame.aspect, 1.0)
    width = float(np.linalg.norm(shoulders[0] - shoulders[1]))
    return (shoulders.mean(axis=0), width) if width >= MIN_SHOULDER_WIDTH else None


def mirror_frame(frame: LandmarkFrame) -> LandmarkFrame:
    """The frame flipped left-right: the signer's left hand becomes the right one (for left-handed signers)."""

    def flip(points: np.ndarray | None, order: tuple[int, ...]) -> np.ndarray | None:
        if points is None:
            return None
        out = np.array(points, dtype=float)
        out = out[list(order)] if len(out) == len(order) else out
        out[:, 0] = 1.0 - out[:, 0]
        return out

    return dataclasses.replace(
        frame,
        pose=flip(frame.pose, POSE_MIRROR),
        left_hand=None if frame.right_hand is None else mirror_hand(frame.right_hand),
        right_hand=None if frame.left_hand is None else mirror_hand(frame.left_hand),
        face=flip(frame.face, FACE_MIRROR),
    )


def sign_features(frames: Sequence[LandmarkFrame], *, left_handed: bool = False) -> np.ndarray:
    """Features [T, SIGN_FEATURE_SIZE] of a sequence of frames (see the module docstring)."""
    frames = list(frames)
    if not frames:
        raise InputError("수어 프레임이 없습니다", "no frames to describe")
    if left_handed:
        frames = [mirror_frame(f) for f in frames]
    t = np.asarray([f.t for f in frames], dtype=float)
    if not np.isfinite(t).all() or (np.diff(t) <= 0).any():
        raise InputError("프레임 시각이 앞으로 증가하지 않습니다", "frame times must be finite and increasing")
    origin, width = body_track(frames, t)
    hands = [_hand_block(frames, name, origin, width, t) for name in ("right_hand", "left_hand")]
    return np.concatenate(hands, axis=1).astype(np.float32)


def body_track(frames: list[LandmarkFrame], t: np.ndarray) -> tuple[np.ndarray, np.ndarray]:
    """Shoulder midpoint [T, 2] and width [T] of the frames at times ``t`` [T, rising], averaged over
    ``BODY_SMOOTHING``; frames without a pose take the nearest earlier (else later) one."""
    references = [body_reference(f) for f in frames]
    known = np.flatnonzero([r is not None for r in references])
    if not len(known):
        raise InputError(
            "사람(어깨)이 보이지 않습니다",
            "no person: no frame has usable shoulder landmarks",
            hint="상반신이 카메라에 보이게 서 주세요 / stand with the upper body in view",
        )
    nearest = known[np.clip(np.searchsorted(known, np.arange(len(frames)), side="right") - 1, 0, None)]
    nearest = np.where(np.arange(len(frames)) < known[0], known[0], nearest)
    origin = np.stack([references[i][0] for i in nearest])  # type: ignore[index]
    width = np.asarray([references[i][1] for i in nearest])  # type: ignore[index]
    return _smooth(origin, t), _smooth(width[:, None], t)[:, 0]


def _smooth(values: np.ndarray, t: np.ndarray) -> np.ndarray:
    """Moving average [T, k] over the frames within BODY_SMOOTHING seconds either side of each (edges average
    what there is): the same span at any frame rate (it was 4 frames: 0.27 s at 15 fps, 0.07 s at 60)."""
    first = np.searchsorted(t, t - BODY_SMOOTHING, side="left")
    end = np.searchsorted(t, t + BODY_SMOOTHING, side="right")
    totals = np.concatenate([np.zeros((1, values.shape[1])), np.cumsum(values, axis=0)])
    return (totals[end] - totals[first]) / (end - first)[:, None]


def _hand_block(frames: list[LandmarkFrame], name: str, origin: np.ndarray, width: np.ndarray, t: np.ndarray):
    """One hand's columns [T, HAND_FEATURES]; zeros where the hand is missing."""
    out = np.zeros((len(frames), HAND_FEATURES))
    present = np.asarray([getattr(f, name) is not None for f in frames])
    index = np.flatnonzero(present)
    if not len(index):
        return out
    hands = np.stack([check_hand(getattr(frames[i], name)) for i in index])
    aspect = np.asarray([frames[i].aspect for i in index])
    wrist = hands[:, WRIST, :2] * np.stack([aspect, np.ones_like(aspect)], axis=1)
    position = np.zeros((len(frames), 2))
    position[index] = (wrist - origin[index]) / width[index, None]
    _, palm = _relative(hands, aspect)
    out[index, 0] = 1.0
    out[index, 1:3] = position[index]
    out[index, 5] = palm / width[index]
    out[index, 6:MODEL_HAND_FEATURES] = hand_shape_features(hands, aspect)
    out[index, MODEL_HAND_FEATURES : HAND_FEATURES - 1] = finger_features(hands, aspect)
    out[:, HAND_FEATURES - 1] = shake(position, t, present)
    before, after = velocity_span(t)
    usable = present[before] & present[after] & (after > before)
    dt = np.where(usable, t[after] - t[before], 1.0)
    velocity = (position[after] - position[before]) / dt[:, None] * VELOCITY_UNIT
    out[:, 3:5] = np.where(usable[:, None], velocity, 0.0)
    return out


MODEL_COLUMNS = np.concatenate([np.arange(MODEL_HAND_FEATURES) + start for start in (0, HAND_FEATURES)])


def model_columns(features: np.ndarray) -> np.ndarray:
    """Sign features [..., SIGN_FEATURE_SIZE] without the finger descriptors [..., MODEL_FEATURE_SIZE]: the
    columns the packaged sign model was trained on (:data:`MODEL_COLUMNS`)."""
    return np.asarray(features)[..., MODEL_COLUMNS]


def resample(features: np.ndarray, length: int) -> np.ndarray:
    """A [n, F] sequence stretched or squeezed to [length, F] by linear interpolation in time (a sign's speed
    varies; the classifier sees a fixed number of steps)."""
    features = np.asarray(features, dtype=np.float32)
    if features.ndim != 2 or len(features) == 0:
        raise InputError("특징 배열의 모양이 잘못되었습니다", f"features must be [frames, F], got {features.shape}")
    source = np.linspace(0.0, 1.0, len(features)) if len(features) > 1 else np.zeros(1)
    target = np.linspace(0.0, 1.0, length)
    return np.stack([np.interp(target, source, column) for column in features.T], axis=1).astype(np.float32)


def drop_resting_hands(features: np.ndarray) -> np.ndarray:
    """A copy of sign features [n, F] in which a hand below REST_LEVEL, or the non-dominant hand below
    IDLE_LEVEL, counts as missing (all zeros): whether a resting hand is in the image depends on the camera, and
    where the other hand waits (down, at the waist, in the lap, drifting along) on the signer, not on the sign
    (SYNTHETIC effect: the README's table). A base hand held lower than IDLE_LEVEL is lost with it."""
    out = np.array(features, dtype=np.float32)
    for start, level in ((0, REST_LEVEL), (HAND_FEATURES, IDLE_LEVEL)):
        block = out[:, start : start + HAND_FEATURES]
        block[(block[:, 0] > 0) & (block[:, 2] > level)] = 0.0
    return out


def level_frames(frames: Sequence[LandmarkFrame]) -> list[LandmarkFrame]:
    """The frames turned so that the shoulder line is level (the median tilt of the sequence): a camera rolled a
    few degrees gives the same features. Without a usable pose the frames are returned unchanged."""
    frames = list(frames)
    tilts, centres = [], []
    for frame in frames:
        if body_reference(frame) is not None:
            left, right = frame.pose[[LEFT_SHOULDER, RIGHT_SHOULDER], :2] * (frame.aspect, 1.0)  # type: ignore[index]
            tilts.append(np.arctan2(left[1] - right[1], left[0] - right[0]))
            centres.append((left + right) / 2)
    if not tilts:
        return frames
    angle, centre = -float(np.median(tilts)), np.median(centres, axis=0)
    turn = np.array([[np.cos(angle), -np.sin(angle)], [np.sin(angle), np.cos(angle)]])

    def level(points: np.ndarray | None, aspect: float) -> np.ndarray | None:
        if points is None:
            return None
        out = np.array(points, dtype=np.float32)
        xy = (out[:, :2] * (aspect, 1.0) - centre) @ turn.T + centre
        out[:, :2] = xy / (aspect, 1.0)
        return out

    return [
        dataclasses.replace(
            f, **{name: level(getattr(f, name), f.aspect) for name in ("pose", "left_hand", "right_hand", "face")}
        )
        for f in frames
    ]
