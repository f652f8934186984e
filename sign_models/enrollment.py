"""Teach the kiosk a sign: store examples recorded from a camera or a video, one ``.npz`` per example.

``enroll_frames`` finds the sign in the recording with the live segmenter (the longest segment: hands up
from rest and down again), and writes its landmarks (:func:`~sign_models.landmarks.frames_to_arrays`) and
features (:func:`~sign_models.features.sign_features`, already mirrored for a left-handed signer) to
``DATA_DIR/<date>-<id>.npz``, then appends one JSON line {gloss, signer, date, file, frames, seconds,
left_handed} to ``DATA_DIR/manifest.jsonl``. The landmarks are kept so that examples can be re-featured or
used for retraining. Examples work at once through :mod:`sign_models.fewshot`, without retraining.
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
from sign_models.features import sign_features
from sign_models.landmarks import LandmarkFrame, frames_to_arrays
from sign_models.segmenter import segment_all

MANIFEST = "manifest.jsonl"
MAX_GLOSS = 30
MAX_SIGNER = 40


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
    segments = segment_all(frames) if frames else []
    if not segments:
        raise InputError(
            "녹화에서 수어 동작을 찾지 못했습니다",
            "no sign found in the recording: the hands never rose from rest and came back",
            hint="손을 내린 자세에서 시작해 수어를 한 번 하고 손을 내려 주세요 / start and end with the hands down",
        )
    segment = max(segments, key=lambda s: s.end - s.start)
    features = sign_features(segment.frames, left_handed=left_handed)
    when = now or datetime.now().astimezone()
    data_dir = Path(data_dir)
    name = f"{when:%Y%m%d-%H%M%S}-{uuid.uuid4().hex[:8]}.npz"
    record = {
        "gloss": gloss,
        "signer": signer,
        "date": when.isoformat(timespec="seconds"),
        "file": name,
        "frames": len(segment.frames),
        "seconds": round(segment.end - segment.start, 3),
        "left_handed": left_handed,
    }
    try:
        data_dir.mkdir(parents=True, exist_ok=True)
        arrays = frames_to_arrays(list(segment.frames))
        np.savez_compressed(data_dir / name, features=features, left_handed=np.asarray(left_handed), **arrays)
        with (data_dir / MANIFEST).open("a", encoding="utf-8") as manifest:
            manifest.write(json.dumps(record, ensure_ascii=False) + "\n")
    except OSError as exc:
        raise InputError(
            f"수어 예시를 저장할 수 없습니다: {data_dir}", f"cannot write the example into {data_dir}: {exc.strerror}"
        ) from exc
    return data_dir / name
