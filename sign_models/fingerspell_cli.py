"""What ``kiosk fingerspell classify`` and ``kiosk fingerspell compose`` do, without argument parsing.

``classify`` reads a JSON file holding a list of hands, each a list of 21 MediaPipe landmarks [x, y, z]
(x and y normalised to the image, z relative to the wrist), and gives one letter per hand, or ``?`` when the
classifier is not confident. The file is taken as one signer's hands: unless ``left_handed`` says they are
mirrored, every hand is classified as seen and mirrored, and the file votes which reading is right
(:meth:`~sign_models.fingerspell_classifier.FingerspellClassifier.classify_either_way`).
A file that is not such a list raises :class:`MediaFormatError` naming the first bad sample.
"""

from __future__ import annotations

import json
from pathlib import Path

import numpy as np

from base.errors import InputError, MediaFormatError
from base.hangul import compose
from sign_models.features import check_hand
from sign_models.fingerspell_classifier import DEFAULT_ASPECT, FingerspellClassifier


def read_samples(path: Path) -> np.ndarray:
    """Hands [N, 21, 3] from a JSON file; a missing file or a wrong shape raises :class:`MediaFormatError`."""
    try:
        data = json.loads(Path(path).read_text(encoding="utf-8"))
    except OSError as exc:
        raise MediaFormatError(f"파일을 읽을 수 없습니다: {path}", f"cannot read {path}: {exc.strerror}") from exc
    except ValueError as exc:
        raise MediaFormatError(f"JSON 형식이 아닙니다: {path}", f"{path} is not valid JSON: {exc}") from exc
    if not isinstance(data, list):
        raise MediaFormatError(
            f"손 목록(JSON 배열)이 아닙니다: {path}", f"{path} must hold a JSON list of hands, each 21 [x, y, z]"
        )
    hands = []
    for number, sample in enumerate(data, start=1):
        try:
            hands.append(check_hand(sample))
        except InputError as exc:
            raise MediaFormatError(f"{number}번째 손: {exc.message_ko}", f"sample {number}: {exc.message_en}") from exc
    return np.array(hands).reshape(-1, 21, 3)


def classify_file(
    path: Path, *, as_json: bool = False, left_handed: bool = False, aspect: float = DEFAULT_ASPECT
) -> str:
    """One letter (or ``?``) per line, or with ``as_json`` a JSON list of {"jamo", "p"}."""
    hands = read_samples(path)
    classifier = FingerspellClassifier.load(left_handed=left_handed)
    classify = classifier.classify_batch if left_handed else classifier.classify_either_way
    decisions = [ranked[0] for ranked in classify(hands, aspect=aspect, k=1)] if len(hands) else []
    if as_json:
        return json.dumps([{"jamo": jamo, "p": round(p, 4)} for jamo, p in decisions], ensure_ascii=False)
    return "\n".join(jamo for jamo, _ in decisions)


def compose_letters(letters: str) -> str:
    """Hangul from typed jamo letters ("ㅎㅏㄴㄱㅡㄹ" -> "한글"); empty input raises :class:`InputError`."""
    if not letters.strip():
        hint = 'kiosk fingerspell compose "ㅎㅏㄴㄱㅡㄹ"'
        raise InputError("조합할 자모가 없습니다", "no letters to compose", hint=hint)
    return compose(letters)
