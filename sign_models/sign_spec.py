"""The synthetic sign specification (``data/sign_spec.json``) as typed, checked records.

The file is SYNTHETIC: every gloss gets an invented handshape, place and movement so that the synthetic
signer (:mod:`sign_models.synthetic_signs`) produces distinct sign-like sequences. These are not the real KSL
signs; see the file's ``about`` block. Handshapes are joint angles in the conventions of
``fingerspell_spec.json``, or a fingerspelling letter reused by name.
"""

from __future__ import annotations

import dataclasses
import json
from dataclasses import dataclass
from functools import cache
from pathlib import Path

from base.errors import MediaFormatError
from sign_models.fingerspell_spec import DIRECTIONS, FINGERS, LetterSpec, load_spec

SIGN_SPEC_PATH = Path(__file__).parent / "data" / "sign_spec.json"
MOVE_DIRECTIONS = {"up": (0.0, 1.0), "down": (0.0, -1.0), "out": (1.0, 0.0), "in": (-1.0, 0.0)}
MOVES = ("line", "arc", "circle", "tap", "shake")
HANDS = ("one", "two", "base")


@dataclass(frozen=True)
class Placement:
    """A hand of a sign: its handshape (with the sign's palm and pointing direction) and where it starts."""

    shape: LetterSpec
    location: tuple[float, float]  # shoulder widths from the shoulder midpoint, x toward the dominant side, y up


@dataclass(frozen=True)
class Movement:
    """How the dominant hand moves: kind, direction (signer's x toward the dominant side, y up), size, strokes."""

    kind: str
    direction: tuple[float, float]
    size: float
    repeat: int


@dataclass(frozen=True)
class SignSpec:
    """One gloss's synthetic sign."""

    gloss: str
    hands: str  # "one", "two" (the other hand mirrors) or "base" (the other hand holds still)
    dominant: Placement
    movement: Movement
    end_shape: LetterSpec | None  # the handshape at the end, when it changes
    base: Placement | None  # the other hand of a "base" sign


@cache
def load_sign_spec(path: Path = SIGN_SPEC_PATH) -> dict[str, SignSpec]:
    """Every gloss's sign; a missing or broken file raises :class:`MediaFormatError` naming the problem."""
    try:
        data = json.loads(Path(path).read_text(encoding="utf-8"))
        shapes, locations = data["shapes"], data["locations"]
        return {gloss: _sign(gloss, fields, shapes, locations) for gloss, fields in data["signs"].items()}
    except (OSError, ValueError, KeyError, TypeError, IndexError) as exc:
        raise MediaFormatError(
            f"수어 명세 파일을 읽을 수 없습니다: {path}", f"cannot read the sign specification {path}: {exc!r}"
        ) from exc


def _sign(gloss: str, fields: dict, shapes: dict, locations: dict) -> SignSpec:
    if fields["hands"] not in HANDS:
        raise ValueError(f"{gloss}: hands must be one of {HANDS}")
    palm, points = fields["palm"], fields["points"]
    base = fields.get("base")
    if (base is None) != (fields["hands"] != "base"):
        raise ValueError(f"{gloss}: a 'base' block goes with hands 'base' and only with it")
    return SignSpec(
        gloss=gloss,
        hands=fields["hands"],
        dominant=Placement(_shape(fields["shape"], palm, points, shapes), _location(fields["at"], locations)),
        movement=_movement(gloss, fields["move"], int(fields.get("repeat", 1))),
        end_shape=_shape(fields["to"], palm, points, shapes) if "to" in fields else None,
        base=None
        if base is None
        else Placement(_shape(base["shape"], base["palm"], base["points"], shapes), _location(base["at"], locations)),
    )


def _shape(name: str, palm: str, points: str, shapes: dict) -> LetterSpec:
    """The named handshape turned to ``palm`` and ``points`` (two perpendicular keys of DIRECTIONS)."""
    a, b = DIRECTIONS.get(palm), DIRECTIONS.get(points)
    if a is None or b is None or sum(x * y for x, y in zip(a, b, strict=True)) != 0:
        raise ValueError(f"palm {palm!r} and points {points!r} must be perpendicular keys of {list(DIRECTIONS)}")
    fields = shapes[name]
    if "letter" in fields:
        return dataclasses.replace(load_spec().letters[fields["letter"]], palm=palm, points=points)
    fingers = tuple(tuple(float(a) for a in fields[finger]) for finger in FINGERS)
    if any(len(joints) != 3 for joints in fingers) or len(fields["thumb"]) != 4:
        raise ValueError(f"shape {name}: each finger needs [MCP, PIP, DIP] and the thumb four angles")
    thumb = tuple(float(a) for a in fields["thumb"])
    return LetterSpec(name, name, "shape", fingers, thumb, float(fields["spread"]), palm, points, "", "", "")  # type: ignore[arg-type]


def _location(name: str, locations: dict) -> tuple[float, float]:
    x, y = locations[name]
    return float(x), float(y)


def _movement(gloss: str, text: str, repeat: int) -> Movement:
    """Parse ``TYPE [DIRECTION] SIZE`` (see the file's conventions)."""
    words = text.split()
    kind, size = words[0], float(words[-1])
    if kind not in MOVES or len(words) not in (2, 3) or not 0 < size <= 1 or not 1 <= repeat <= 5:
        raise ValueError(f"{gloss}: bad movement {text!r} x{repeat}")
    direction = MOVE_DIRECTIONS[words[1]] if len(words) == 3 else MOVE_DIRECTIONS["out"]
    return Movement(kind, direction, size, repeat)
