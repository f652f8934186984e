"""Hand-shape features from MediaPipe hand landmarks, shared by training and the live kiosk.

A hand is an array [21, 3] in MediaPipe Hands order: x and y normalised to the image width and height, z
relative to the wrist in roughly the units of x. Pass the image ``aspect`` (width / height) so that x, y and z
are put into one unit before anything is measured.

Features do not depend on where the hand is, how big it is, or how far it is from the camera: landmarks are
taken relative to the wrist and divided by the palm size. Orientation is kept apart from shape, because some
letters differ only in where the palm faces (ㅏ and ㅓ) or where the hand points (ㄱ and ㄴ): the shape is the
hand in its own palm frame (so turning the hand does not change it) and the orientation is that palm frame's
axes in the camera. A left hand is mirrored (:func:`mirror_hand`) into a right hand first.
"""

from __future__ import annotations

import numpy as np

from kiosk.errors import InputError

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
