"""A kinematic hand that turns a letter specification into MediaPipe-style hand landmarks.

The hand is built in its own frame (centimetres; x toward the thumb side, y from the wrist to the knuckles,
z out of the palm) from adult bone lengths in realistic ratios, with joint angles clipped to anatomical
limits. It is then turned to the letter's palm and pointing directions and seen by a pinhole camera.

:func:`sample` adds the variation a real kiosk sees: joint noise, loosely curled fists and not quite straight
fingers, hand size and bone proportions, the signer's wrist rotation, a camera below the hand looking up (a low
kiosk camera) or above it looking down, off to one side and rolled, hands 30-70 cm away (perspective; a near
hand is kept inside the image), image aspect, MediaPipe's uncertain depth scale and depth noise, and landmark
jitter. The output follows MediaPipe Hands: 21 points (0 wrist, 1-4 thumb CMC, MCP,
IP, tip, then index, middle, ring and little finger MCP, PIP, DIP, tip), x and y normalised to the image width
and height, z relative to the wrist in roughly the units of x (smaller = closer to the camera).

:func:`render_sheet` draws every letter for review by a KSL signer: ``python -m sign_models.hand_model`` writes
``docs/fingerspelling_sheet.png``.
"""

from __future__ import annotations

import textwrap
from dataclasses import dataclass
from pathlib import Path

import numpy as np

from sign_models.fingerspell_spec import DIRECTIONS, LetterSpec, load_spec

# Knuckle (MCP) positions and phalanx lengths (proximal, middle, distal), index..pinky; wrist at the origin.
FINGER_MCP = np.array([[2.3, 8.3, 0.0], [0.45, 8.6, 0.0], [-1.3, 8.1, 0.0], [-2.8, 7.3, 0.0]])
PHALANGES = np.array([[3.9, 2.3, 1.9], [4.4, 2.7, 2.0], [4.1, 2.6, 2.0], [3.3, 1.9, 1.8]])
THUMB_CMC = np.array([2.0, 2.2, 0.8])
THUMB_BONES = np.array([4.0, 3.2, 2.6])  # metacarpal, proximal, distal
SPLAY = np.array([1.0, 0.0, -1.0, -1.8])  # how much of the spread each finger takes (index toward the thumb)
FINGER_LIMITS = np.array([[-30.0, 95.0], [0.0, 115.0], [-10.0, 90.0]])  # MCP, PIP, DIP
THUMB_LIMITS = np.array([[-60.0, 50.0], [-20.0, 80.0], [-10.0, 80.0], [-20.0, 90.0]])  # cmc_flex, cmc_abd, mcp, ip
SPREAD_LIMITS = (-5.0, 40.0)
SPLAY_LIMIT = 60.0  # degrees, each finger sideways
FOCAL = 0.9  # focal length in image widths (about 58 degrees horizontal field of view)


@dataclass(frozen=True)
class SamplerOptions:
    """How much the synthetic samples vary. Angles in degrees, lengths relative to the hand or image."""

    joint_sd: float = 7.0  # finger joint flexion noise
    spread_sd: float = 4.0
    thumb_sd: float = 7.0
    size: tuple[float, float] = (0.8, 1.2)  # uniform hand-size factor
    bone_sd: float = 0.05  # relative noise of each bone length
    wrist_rotation_sd: float = 12.0  # the signer's hand turned about each axis
    camera_roll_sd: float = 4.0
    # uniform range; positive = camera above the hand looking down, negative = a low kiosk camera looking up
    camera_tilt: tuple[float, float] = (-30.0, 20.0)
    camera_yaw_sd: float = 8.0  # the camera off to one side of the signer
    distance_cm: tuple[float, float] = (30.0, 70.0)
    depth_scale: tuple[float, float] = (0.4, 1.3)  # MediaPipe's z is only roughly in x units (and flattened)
    depth_noise: float = 0.12  # z noise, in palm sizes
    partial_curl: float = 0.35  # share of samples whose curled fingers are only partly curled
    relaxed_sd: float = 8.0  # straight fingers of real hands are a little bent: |normal| degrees per joint
    jitter: float = 0.003  # x/y noise, in image widths (about 2 px at 640 px)
    aspects: tuple[float, ...] = (4 / 3, 16 / 9, 1.0)  # image width / height


def local_landmarks(fingers: np.ndarray, spread: np.ndarray, thumb: np.ndarray, bones: np.ndarray) -> np.ndarray:
    """Forward kinematics in the hand frame.

    fingers [N,4,3] flexion (deg), spread [N] (deg, shared out by SPLAY) or [N,4] (each finger's sideways angle),
    thumb [N,4] (deg), bones [N,21] length factors per landmark. Returns [N,21,3] in centimetres.
    """
    n = len(spread)
    spread = np.asarray(spread, float)
    splay = np.radians(spread if spread.ndim == 2 else spread[:, None] * SPLAY)  # [N,4]
    out = np.zeros((n, 21, 3))
    out[:, 1] = THUMB_CMC * bones[:, 1:2]
    out[:, 2:5] = out[:, 1:2] + _thumb_offsets(np.radians(thumb), bones[:, 2:5])
    base = np.stack([np.sin(splay), np.cos(splay), np.zeros_like(splay)], axis=-1)  # [N,4,3]
    phi = np.radians(np.cumsum(fingers, axis=-1))[..., None]  # [N,4,3,1]
    direction = np.cos(phi) * base[:, :, None, :] + np.sin(phi) * np.array([0.0, 0.0, 1.0])
    lengths = PHALANGES * bones[:, 5:].reshape(n, 4, 4)[:, :, 1:]  # [N,4,3]
    mcp = FINGER_MCP * bones[:, 5:].reshape(n, 4, 4)[:, :, :1]
    chain = mcp[:, :, None, :] + np.cumsum(lengths[..., None] * direction, axis=2)
    out[:, 5:] = np.concatenate([mcp[:, :, None, :], chain], axis=2).reshape(n, 16, 3)
    return out


def _thumb_offsets(thumb: np.ndarray, bones: np.ndarray) -> np.ndarray:
    """Thumb MCP, IP and tip relative to the CMC. thumb [N,4] in radians, bones [N,3]."""
    alpha = np.radians(40.0) - thumb[:, 0]  # in the palm plane, from the finger axis toward the thumb side
    beta = np.radians(5.0) + thumb[:, 1]  # out of the palm plane, toward the palm side
    m = np.stack([np.sin(alpha) * np.cos(beta), np.cos(alpha) * np.cos(beta), np.sin(beta)], axis=-1)
    toward_palm = np.array([-0.85, 0.0, 0.5])  # thumb flexion: across and into the palm
    f = toward_palm - (m @ toward_palm)[:, None] * m
    f /= np.linalg.norm(f, axis=-1, keepdims=True)
    phi1, phi2 = thumb[:, 2:3], thumb[:, 2:3] + thumb[:, 3:4]
    segments = [m, np.cos(phi1) * m + np.sin(phi1) * f, np.cos(phi2) * m + np.sin(phi2) * f]
    steps = np.stack(segments, axis=1) * (THUMB_BONES * bones)[..., None]
    return np.cumsum(steps, axis=1)


def orientation(spec: LetterSpec, *, left_handed: bool = False) -> np.ndarray:
    """Rotation from the hand frame to camera coordinates for the letter's palm and pointing directions."""
    mirror = np.array([-1.0, 1.0, 1.0]) if left_handed else np.ones(3)
    points = np.array(DIRECTIONS[spec.points]) * mirror
    palm = np.array(DIRECTIONS[spec.palm]) * mirror
    return np.stack([np.cross(points, palm), points, palm], axis=1)


def spec_pose(spec: LetterSpec, n: int = 1) -> tuple[np.ndarray, np.ndarray, np.ndarray]:
    """The letter's joint angles repeated n times: fingers [N,4,3], splay [N,4], thumb [N,4]."""
    splay = np.array(spec.splay) if spec.splay is not None else spec.spread * SPLAY
    return (
        np.tile(np.array(spec.fingers), (n, 1, 1)),
        np.tile(splay, (n, 1)),
        np.tile(np.array(spec.thumb), (n, 1)),
    )


def canonical_hand(spec: LetterSpec, *, left_handed: bool = False) -> np.ndarray:
    """The letter's hand without noise in camera-aligned centimetres (wrist at the origin), [21,3]."""
    fingers, spread, thumb = spec_pose(spec)
    hand = local_landmarks(fingers, spread, thumb, np.ones((1, 21)))[0]
    if left_handed:
        hand[:, 0] *= -1
    return hand @ orientation(spec, left_handed=left_handed).T


def sample(
    spec: LetterSpec,
    n: int,
    rng: np.random.Generator,
    *,
    left_handed: bool = False,
    options: SamplerOptions | None = None,
) -> tuple[np.ndarray, np.ndarray]:
    """n noisy MediaPipe-style samples of one letter: landmarks [n,21,3] and each sample's image aspect [n]."""
    o = options or SamplerOptions()
    fingers, splay, thumb = spec_pose(spec, n)
    curled = fingers[..., 0] > 60  # [N,4] fingers of the fist
    partial = (rng.random(n) < o.partial_curl)[:, None, None] * curled[..., None]
    fingers = fingers * np.where(partial, rng.uniform(0.55, 0.9, (n, 1, 1)), 1.0)  # a loose fist
    straight = (fingers < 10).all(axis=-1, keepdims=True)
    fingers = fingers + straight * np.abs(rng.normal(0, o.relaxed_sd, fingers.shape))  # relaxed, not rigid
    fingers = np.clip(fingers + rng.normal(0, o.joint_sd, fingers.shape), *FINGER_LIMITS.T)
    spread = rng.normal(0, o.spread_sd, (n, 1)) * SPLAY + rng.normal(0, o.spread_sd / 2, (n, 4))
    spread = np.clip(splay + spread, -SPLAY_LIMIT, SPLAY_LIMIT)
    thumb = np.clip(thumb + rng.normal(0, o.thumb_sd, thumb.shape), *THUMB_LIMITS.T)
    return random_view(fingers, spread, thumb, orientation(spec, left_handed=left_handed), rng, left_handed, o)


def random_view(
    fingers: np.ndarray,
    spread: np.ndarray,
    thumb: np.ndarray,
    rotation: np.ndarray,
    rng: np.random.Generator,
    left_handed: bool,
    o: SamplerOptions,
) -> tuple[np.ndarray, np.ndarray]:
    """Build hands from joint angles and see them through a randomly placed camera (see :func:`sample`)."""
    n = len(spread)
    bones = rng.uniform(*o.size, (n, 1)) * rng.normal(1.0, o.bone_sd, (n, 21))
    hand = local_landmarks(fingers, spread, thumb, bones)
    if left_handed:
        hand[..., 0] *= -1
    wrist_turn = euler_rotations(rng.normal(0, o.wrist_rotation_sd, (n, 3)))
    camera = euler_rotations(
        np.stack(
            [rng.uniform(*o.camera_tilt, n), rng.normal(0, o.camera_yaw_sd, n), rng.normal(0, o.camera_roll_sd, n)], 1
        )
    )
    total = camera @ np.broadcast_to(rotation, (n, 3, 3)) @ wrist_turn
    return _project(np.einsum("nij,nkj->nki", total, hand), rng, o)


def _project(hand: np.ndarray, rng: np.random.Generator, o: SamplerOptions) -> tuple[np.ndarray, np.ndarray]:
    """Pinhole projection of camera-frame hands (wrist at the origin) placed at a random spot and distance."""
    n = len(hand)
    aspect = rng.choice(np.array(o.aspects), n)
    low, high = hand[..., :2].min(axis=1), hand[..., :2].max(axis=1)  # [N,2] extent around the wrist, cm
    scale = np.stack([np.full(n, FOCAL), FOCAL * aspect], 1)  # image units per cm at 1 cm distance
    nearest = (scale * (high - low)).max(axis=1) / 0.8  # the whole hand fits in 80% of the image
    depth = np.maximum(rng.uniform(*o.distance_cm, n), nearest * 1.1)
    size = scale * (high - low) / depth[:, None]  # extent in the image
    corner = 0.05 + rng.uniform(0, 1, (n, 2)) * (0.9 - size)  # where the hand's box starts in the image
    wrist = (corner - 0.5) * depth[:, None] / scale - low
    points = hand + np.concatenate([wrist, depth[:, None]], axis=1)[:, None, :]
    out = np.empty_like(points)
    out[..., 0] = 0.5 + FOCAL * points[..., 0] / points[..., 2]
    out[..., 1] = 0.5 + FOCAL * aspect[:, None] * points[..., 1] / points[..., 2]
    palm = FOCAL * np.linalg.norm(hand[:, 9], axis=-1) / depth  # palm size in image widths
    out[..., 2] = FOCAL * hand[..., 2] / depth[:, None] * rng.uniform(*o.depth_scale, (n, 1))
    out[..., 2] += rng.normal(0, 1, (n, 21)) * (o.depth_noise * palm)[:, None]
    out[..., 0] += rng.normal(0, o.jitter, (n, 21))
    out[..., 1] += rng.normal(0, o.jitter, (n, 21)) * aspect[:, None]
    out[..., 2] -= out[:, :1, 2]  # z is relative to the wrist
    return _inside(out), aspect


def _inside(hands: np.ndarray) -> np.ndarray:
    """Hands a near camera's perspective pushed past the image border, shrunk and moved back inside."""
    low, high = hands[..., :2].min(axis=1), hands[..., :2].max(axis=1)  # [N,2]
    shrink = np.minimum(1.0, 0.9 / (high - low).max(axis=1))[:, None, None]
    wrist = hands[:, :1, :2]
    hands = hands.copy()
    hands[..., :2] = wrist + (hands[..., :2] - wrist) * shrink
    hands[..., 2] *= shrink[..., 0]
    low, high = hands[..., :2].min(axis=1), hands[..., :2].max(axis=1)
    hands[..., :2] += (np.maximum(0.02 - low, 0) - np.maximum(high - 0.98, 0))[:, None, :]
    return hands


def euler_rotations(degrees: np.ndarray) -> np.ndarray:
    """Rotations [N,3,3] about x, then y, then z by the given angles [N,3] in degrees."""
    a = np.radians(degrees)
    c, s = np.cos(a), np.sin(a)
    one, zero = np.ones(len(a)), np.zeros(len(a))
    rx = np.stack([one, zero, zero, zero, c[:, 0], -s[:, 0], zero, s[:, 0], c[:, 0]], 1).reshape(-1, 3, 3)
    ry = np.stack([c[:, 1], zero, s[:, 1], zero, one, zero, -s[:, 1], zero, c[:, 1]], 1).reshape(-1, 3, 3)
    rz = np.stack([c[:, 2], -s[:, 2], zero, s[:, 2], c[:, 2], zero, zero, zero, one], 1).reshape(-1, 3, 3)
    return rz @ ry @ rx


BONES = [(0, 1), (1, 2), (2, 3), (3, 4), (0, 5), (5, 9), (9, 13), (13, 17), (0, 17)] + [
    (base + i, base + i + 1) for base in (5, 9, 13, 17) for i in range(3)
]
_FINGER_COLOURS = ("#d62728", "#1f77b4", "#2ca02c", "#9467bd", "#ff7f0e")  # thumb..pinky


def render_sheet(path: str | Path, letters: dict[str, LetterSpec] | None = None) -> Path:
    """Draw every letter's hand as the camera sees it into one PNG, for review by a KSL signer."""
    import matplotlib

    matplotlib.use("Agg")
    from matplotlib import font_manager
    from matplotlib import pyplot as plt

    letters = letters or load_spec().letters
    korean = [f.name for f in font_manager.fontManager.ttflist if "CJK KR" in f.name or "CJK" in f.name]
    if korean:
        plt.rcParams["font.family"] = sorted(korean)[0]
    cols = 8
    rows = -(-len(letters) // cols)
    fig, axes = plt.subplots(rows, cols, figsize=(cols * 2.4, rows * 3.3))
    for ax in axes.flat:
        ax.set_axis_off()
    for ax, spec in zip(axes.flat, letters.values(), strict=False):
        hand = canonical_hand(spec)
        _draw_hand(ax, hand)
        side = ax.inset_axes((0.68, 0.0, 0.32, 0.32))  # seen from the signer's right: camera to the left
        side.set_axis_off()
        _draw_hand(side, hand[:, [2, 1, 0]], marker_size=2)
        ax.set_title(f"{spec.letter} {spec.name}\npalm {spec.palm}, tips {spec.points}", fontsize=8)
        wrapped = textwrap.fill(spec.official, 24)  # the official description, to compare with the drawing
        ax.text(0.5, -0.02, wrapped, transform=ax.transAxes, ha="center", va="top", fontsize=6)
    fig.suptitle(
        "KSL fingerspelling (right hand as the camera sees it; thicker = nearer the camera)\n"
        "thumb red, index blue, middle green, ring purple, little finger orange; small: side view, camera on the left",
        fontsize=11,
    )
    fig.tight_layout(h_pad=3.5)
    path = Path(path)
    path.parent.mkdir(parents=True, exist_ok=True)
    fig.savefig(path, dpi=80)
    plt.close(fig)
    return path


def _draw_hand(ax, hand: np.ndarray, marker_size: float = 8) -> None:
    """Bones of one hand [21,3] (camera-aligned) on a matplotlib axis, nearer bones drawn thicker."""
    depth = (hand[:, 2] - hand[:, 2].min()) / max(np.ptp(hand[:, 2]), 1e-6)
    for a, b in BONES:
        same_finger = (a > 0 and (a - 1) // 4 == (b - 1) // 4) or (a, b) == (0, 1)
        colour = _FINGER_COLOURS[(b - 1) // 4] if same_finger else "#555555"
        width = 1.5 + 3.5 * (1 - (depth[a] + depth[b]) / 2)
        ax.plot(hand[[a, b], 0], hand[[a, b], 1], color=colour, linewidth=width, solid_capstyle="round")
    ax.scatter(hand[:, 0], hand[:, 1], s=marker_size, color="black", zorder=3)
    centre = (hand[:, :2].min(axis=0) + hand[:, :2].max(axis=0)) / 2
    ax.set_xlim(centre[0] - 11, centre[0] + 11)
    ax.set_ylim(centre[1] + 11, centre[1] - 11)  # image y grows downward
    ax.set_aspect("equal")


if __name__ == "__main__":  # python -m sign_models.hand_model [PATH]: redraw the review sheet
    import sys

    print(render_sheet(sys.argv[1] if len(sys.argv) > 1 else "docs/fingerspelling_sheet.png"))
