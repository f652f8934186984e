"""The KSL manual alphabet specification (``fingerspell_spec.json``) as typed, checked records.

One :class:`LetterSpec` per static handshape: joint flexion of each finger, spread, thumb pose, palm
direction and pointing direction, read from the official 수형 설명 of the 일상생활 수어 dictionary (quoted in
``official`` and in the note), with a ``review`` note for a KSL signer. The file's
``about`` block documents the conventions and the decisions on double consonants and compound vowels.
"""

from __future__ import annotations

import json
from dataclasses import dataclass
from functools import cache
from pathlib import Path

from base.errors import MediaFormatError

SPEC_PATH = Path(__file__).with_name("fingerspell_spec.json")
FINGERS = ("index", "middle", "ring", "pinky")
THUMB_JOINTS = ("cmc_flex", "cmc_abd", "mcp", "ip")
# Unit vectors in camera coordinates (x right in the image, y down, z away from the camera). The image is
# not mirrored: the camera faces the signer, so the signer's left is the image's right.
DIRECTIONS = {
    "viewer": (0.0, 0.0, -1.0),
    "signer": (0.0, 0.0, 1.0),
    "up": (0.0, -1.0, 0.0),
    "down": (0.0, 1.0, 0.0),
    "signer_left": (1.0, 0.0, 0.0),
    "signer_right": (-1.0, 0.0, 0.0),
}


@dataclass(frozen=True)
class LetterSpec:
    """One letter's handshape. Angles in degrees; see the ``conventions`` block of the JSON file."""

    letter: str
    name: str
    kind: str  # "consonant" or "vowel"
    fingers: tuple[tuple[float, float, float], ...]  # index..pinky: (MCP, PIP, DIP) flexion
    thumb: tuple[float, float, float, float]  # cmc_flex, cmc_abd, mcp, ip
    spread: float
    palm: str  # where the palm faces, a key of DIRECTIONS
    points: str  # where the knuckles point, a key of DIRECTIONS
    thumb_placement: str
    note: str
    review: str
    splay: tuple[float, float, float, float] | None = None  # per-finger sideways angles; None: from ``spread``
    official: str = ""  # the dictionary's 수형 설명, verbatim


@dataclass(frozen=True)
class FingerspellSpec:
    """All static letters, plus the letters made by movement or by a sequence of letters."""

    letters: dict[str, LetterSpec]
    doubles: dict[str, str]  # double consonant -> plain consonant whose handshape it moves
    sequences: dict[str, str]  # compound vowel -> the letters spelled for it

    @property
    def double_of(self) -> dict[str, str]:
        """Plain consonant -> its double consonant (ㄱ -> ㄲ)."""
        return {plain: double for double, plain in self.doubles.items()}


@cache
def load_spec(path: Path = SPEC_PATH) -> FingerspellSpec:
    """Read and check the specification file; a broken file raises :class:`MediaFormatError`."""
    try:
        data = json.loads(Path(path).read_text(encoding="utf-8"))
        about = data["about"]
        letters = {letter: _letter(letter, fields) for letter, fields in data["letters"].items()}
        doubles = dict(about["double_consonants"]["letters"])
        sequences = dict(about["compound_vowels"]["sequences"])
    except (OSError, ValueError, KeyError, TypeError) as exc:
        raise MediaFormatError(
            f"지문자 명세 파일을 읽을 수 없습니다: {path}",
            f"cannot read the fingerspelling specification {path}: {exc}",
        ) from exc
    return FingerspellSpec(letters, doubles, sequences)


def _letter(letter: str, fields: dict) -> LetterSpec:
    fingers = tuple(tuple(float(a) for a in fields[name]) for name in FINGERS)
    if any(len(joints) != 3 for joints in fingers):
        raise ValueError(f"{letter}: each finger needs [MCP, PIP, DIP]")
    palm, points = DIRECTIONS.get(fields["palm"]), DIRECTIONS.get(fields["points"])
    if palm is None or points is None or sum(a * b for a, b in zip(palm, points, strict=True)) != 0:
        raise ValueError(f"{letter}: palm and points must be two perpendicular directions of {list(DIRECTIONS)}")
    return LetterSpec(
        letter=letter,
        name=fields["name"],
        kind=fields["kind"],
        fingers=fingers,
        thumb=tuple(float(fields["thumb"][joint]) for joint in THUMB_JOINTS),
        spread=float(fields["spread"]),
        palm=fields["palm"],
        points=fields["points"],
        thumb_placement=fields["thumb_placement"],
        note=fields["note"],
        review=fields["review"],
        splay=_splay(letter, fields.get("splay")),
        official=fields.get("official", ""),
    )


def _splay(letter: str, values: object) -> tuple[float, float, float, float] | None:
    if values is None:
        return None
    splay = tuple(float(v) for v in values)  # type: ignore[union-attr]
    if len(splay) != 4:
        raise ValueError(f"{letter}: splay needs 4 angles (index..pinky)")
    return splay  # type: ignore[return-value]
