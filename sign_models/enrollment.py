"""Teach the kiosk a sign: store examples recorded from a camera or a video, one ``.npz`` per example.

``enroll_frames`` finds the sign in the recording whatever the hands do before and after it
(:func:`find_sign`: the still frames at the start and at the end are trimmed, wherever the hands rest: out of
view, on the counter, at the waist or in the lap); only a recording in which the hands never move (or no hand
is seen) is refused, and the error says which. It writes the recording's landmarks with the still start and
end trimmed (:func:`trim_still`, :func:`~sign_models.landmarks.frames_to_arrays`; ``recording`` marks them: the
sign's core is cut from them again whenever the features are made anew), the sign's levelled features
(:func:`matching_features`, mirrored for a left-handed signer) and ``WIDEN`` camera-widened plus
``WIDEN_SIGNERS`` other-signer copies (:mod:`sign_models.widening`, resampled to ``WIDENED_LENGTH`` steps;
``mirrored``: which of them are mirrored, :data:`MIRRORED_COPIES`) to ``DATA_DIR/<date>-<id>.npz``, then
appends one JSON line {gloss, signer, date, file, frames, seconds, left_handed} to ``DATA_DIR/manifest.jsonl``.
The landmarks are kept so that examples can be re-featured (an example stored by an older ``FEATURE_VERSION``
is re-featured from them when loaded) or used for retraining. Examples work at once through :mod:`sign_models.fewshot`.
"""

from __future__ import annotations

import json
import unicodedata
import uuid
from collections.abc import Iterable
from datetime import datetime
from pathlib import Path

import numpy as np

from base.errors import InputError
from sign_models.cleanup import clean_hands, fill_gaps
from sign_models.features import level_frames, resample, sign_features
from sign_models.landmarks import LandmarkFrame, arrays_to_frames, frames_to_arrays
from sign_models.smoothing import frame_step, velocity_span
from sign_models.strokes import MOVING, hand_speed, sign_core
from sign_models.widening import mirrored_copies, widen, widen_signers

MANIFEST = "manifest.jsonl"
MAX_GLOSS = 30
MAX_SIGNER = 40
# 2: levelled, widened copies stored; 3: cleaned hands; 4: the sign's core; 5: other signers; 6: a fixed share of
# mirrored copies, stored with which they are; 7: finger descriptors; 8: the recording trimmed once; 9: hand gaps
# counted in seconds; 10: hands smoothed over seconds, not frames, and the shake; 11: velocities over seconds;
# 12: the body averaged and the core cut over seconds
FEATURE_VERSION = 12
WIDEN = 8  # camera-widened copies stored per example
WIDEN_SIGNERS = 4  # other-signer copies stored per example
WIDENED = WIDEN + WIDEN_SIGNERS  # all widened copies stored per example
WIDENED_LENGTH = 24
MIN_MOVING = 0.1  # seconds of moving frames (3 frames at 30 fps, 2 at 15, 6 at 60; it was 3 at any rate)
MIRRORED_COPIES = np.concatenate([mirrored_copies(WIDEN), np.zeros(WIDEN_SIGNERS, bool)])  # [WIDENED]: mirrored


def matching_features(frames: list[LandmarkFrame], *, left_handed: bool = False) -> np.ndarray:
    """The features few-shot matching uses: :func:`~sign_models.features.sign_features` of the levelled frames,
    short hand gaps filled and jitter smoothed (:func:`~sign_models.cleanup.clean_hands`)."""
    return sign_features(level_frames(clean_hands(frames)), left_handed=left_handed)


def widened_features(frames: list[LandmarkFrame], rng: np.random.Generator, *, left_handed: bool = False) -> np.ndarray:
    """[WIDENED, WIDENED_LENGTH, F]: the matching features of ``WIDEN`` camera variants and
    ``WIDEN_SIGNERS`` other-signer variants of one example."""
    variants = widen(frames, rng, WIDEN) + widen_signers(frames, rng, WIDEN_SIGNERS)
    copies = [resample(matching_features(v, left_handed=left_handed), WIDENED_LENGTH) for v in variants]
    return np.stack(copies).astype(np.float32)


def find_sign(frames: list[LandmarkFrame]) -> list[LandmarkFrame]:
    """The sign in a recording: :func:`cut_core` of :func:`trim_still`."""
    return cut_core(trim_still(frames))


def cut_core(recording: list[LandmarkFrame]) -> list[LandmarkFrame]:
    """The sign in a recording already trimmed by :func:`trim_still`, without the rise from rest into the sign
    and the fall back after it (:func:`~sign_models.strokes.sign_core`: in a phrase the sign comes without them).
    Not trimmed again: trimming trimmed frames can move their ends (their edge velocities change), so the core
    would depend on how often its recording was trimmed (enrolment trimmed twice before version 8)."""
    first, last = sign_core(matching_features(recording), np.asarray([f.t for f in recording]))
    return recording[first : last + 1]


def trim_still(frames: list[LandmarkFrame]) -> list[LandmarkFrame]:
    """The frames from the first to the last moving frame, with the frames their velocities are measured from
    (:func:`~sign_models.smoothing.velocity_span`: 2 frames at 30 fps, 1 at 15, 4 at 60; it was 2 at any rate,
    which at 60 fps cut where a hand came into view): the still start and end trimmed wherever the hands rest.
    Moving is measured with short hand gaps filled as matching fills them (:func:`~sign_models.cleanup.fill_gaps`:
    a hand frame lost at 15 fps left the velocities beside it unmeasured). No hand, or hands that move for less
    than ``MIN_MOVING``, raise :class:`InputError`."""
    hint = "카메라 앞에서 수어를 한 번 해 주세요 / sign once in front of the camera"
    if not any(f.left_hand is not None or f.right_hand is not None for f in frames):
        raise InputError(
            "녹화에서 수어를 찾지 못했습니다: 손이 보이지 않습니다",
            "no sign found: no hand is seen in the recording",
            hint=hint,
        )
    t = np.asarray([f.t for f in frames])
    moving = np.flatnonzero(hand_speed(sign_features(fill_gaps(frames)), resting=True) > MOVING)
    if len(moving) * frame_step(t) < MIN_MOVING - 1e-6:
        raise InputError(
            "녹화에서 수어를 찾지 못했습니다: 손이 움직이지 않았습니다",
            "no sign found: the hands did not move in the recording",
            hint=hint,
        )
    before, after = velocity_span(t)
    return frames[before[moving[0]] : after[moving[-1]] + 1]


def stored_sign(data: np.lib.npyio.NpzFile) -> list[LandmarkFrame]:
    """The sign of a stored example, from its landmarks: the core is cut from a stored trimmed recording
    (``recording``; not trimmed again, :func:`cut_core`) and found in a recording stored before the core was cut
    (version < 4); from version 4 to 7 only the core was stored, and cutting it again would take its first and
    last stroke a second time."""
    frames = arrays_to_frames(data)
    version = int(data["version"]) if "version" in data else 0
    if "recording" in data:
        return cut_core(frames)
    return find_sign(frames) if version < 4 else frames


def check_label(text: object, what_ko: str, what_en: str, limit: int) -> str:
    """``text`` stripped; empty, too long, or with control characters raises :class:`InputError`."""
    value = text.strip() if isinstance(text, str) else ""
    if not value or len(value) > limit or any(unicodedata.category(c).startswith("C") for c in value):
        raise InputError(
            f"{what_ko}은(는) 1~{limit}자의 글자여야 합니다 (제어 문자 불가)",
            f"the {what_en} must be 1 to {limit} printable characters, got {text!r}",
        )
    return value


def enroll_frames(
    frames: Iterable[LandmarkFrame],
    gloss: str,
    data_dir: Path,
    signer: str = "unknown",
    *,
    left_handed: bool = False,
    now: datetime | None = None,
) -> Path:
    """Store the sign in ``frames`` as one example of ``gloss``; returns the example's file."""
    gloss = check_label(gloss, "수어 이름", "gloss", MAX_GLOSS)
    signer = check_label(signer, "수어 사용자 ID", "signer id", MAX_SIGNER)
    frames = list(frames)
    if not frames:
        raise InputError("녹화에서 수어를 찾지 못했습니다: 프레임이 없습니다", "no sign found: the recording is empty")
    recording = trim_still(frames)
    sign = cut_core(recording)
    features = matching_features(sign, left_handed=left_handed)
    widened = widened_features(sign, np.random.default_rng(len(sign)), left_handed=left_handed)
    when = now or datetime.now().astimezone()
    data_dir = Path(data_dir)
    name = f"{when:%Y%m%d-%H%M%S}-{uuid.uuid4().hex[:8]}.npz"
    record = {
        "gloss": gloss,
        "signer": signer,
        "date": when.isoformat(timespec="seconds"),
        "file": name,
        "frames": len(sign),
        "seconds": round(sign[-1].t - sign[0].t, 3),
        "left_handed": left_handed,
    }
    try:
        data_dir.mkdir(parents=True, exist_ok=True)
        arrays = frames_to_arrays(recording)
        extra = {"widened": widened, "mirrored": MIRRORED_COPIES, "version": np.asarray(FEATURE_VERSION)}
        extra |= {"left_handed": np.asarray(left_handed), "recording": np.asarray(True)}
        np.savez_compressed(data_dir / name, features=features, **extra, **arrays)
        with (data_dir / MANIFEST).open("a", encoding="utf-8") as manifest:
            manifest.write(json.dumps(record, ensure_ascii=False) + "\n")
    except OSError as exc:
        raise InputError(
            f"수어 예시를 저장할 수 없습니다: {data_dir}", f"cannot write the example into {data_dir}: {exc.strerror}"
        ) from exc
    return data_dir / name


def delete_example(data_dir: Path, file: str) -> None:
    """Remove one example (its line in the manifest and its file); an unknown file raises :class:`InputError`."""
    data_dir, manifest = Path(data_dir), Path(data_dir) / MANIFEST
    lines = manifest.read_text(encoding="utf-8").splitlines() if manifest.is_file() else []
    kept = [line for line in lines if not _is_line_of(line, file)]
    if len(kept) == len(lines) or Path(file).name != file:
        raise InputError(f"그런 수어 예시가 없습니다: {file}", f"no such sign example: {file}")
    try:
        manifest.write_text("".join(line + "\n" for line in kept), encoding="utf-8")
        (data_dir / file).unlink(missing_ok=True)
    except OSError as exc:
        raise InputError(f"수어 예시를 지울 수 없습니다: {file}", f"cannot delete {file}: {exc.strerror}") from exc


def _is_line_of(line: str, file: str) -> bool:
    try:
        return json.loads(line).get("file") == file
    except (ValueError, AttributeError):
        return False
