"""``kiosk sign ...`` and ``kiosk fingerspell ...``: landmarks of a video, teaching a sign, fingerspelling.

kiosk sign landmarks VIDEO -o OUT.npz           MediaPipe Holistic landmarks of every frame
kiosk sign enroll --gloss G [--data DIR] [--signer ID] VIDEO...   teach a sign: one example per video or .npz
kiosk sign recognize [--data DIR] [--json] [--left-handed] INPUT...  the signs in each video or .npz
kiosk sign train [--data DIR] [--out DIR]        a model from the taught examples (answers as source "model")
kiosk fingerspell classify FILE.json [--json]   one KSL fingerspelling letter (or ?) per hand in FILE
kiosk fingerspell compose LETTERS               join jamo letters into Hangul ("ㅎㅏㄴㄱㅡㄹ" -> 한글)
"""

from __future__ import annotations

import argparse
import sys
from pathlib import Path

from base.errors import KioskError
from kiosk.config import KioskConfig


def add_sign(commands: argparse._SubParsersAction) -> None:
    """Register ``kiosk sign ...``."""
    sign = commands.add_parser("sign", help="sign language tools: landmarks of a video, teach a sign")
    sign_actions = sign.add_subparsers(dest="action", required=True, metavar="ACTION")
    landmarks = sign_actions.add_parser("landmarks", help="MediaPipe Holistic landmarks of a video -> .npz")
    landmarks.add_argument("video", type=Path)
    landmarks.add_argument("-o", "--output", type=Path, required=True)
    landmarks.set_defaults(handler=_sign_landmarks)
    enroll = sign_actions.add_parser("enroll", help="teach a sign: store each video as one example of GLOSS")
    enroll.add_argument("videos", type=Path, nargs="+", metavar="VIDEO")
    enroll.add_argument("--gloss", required=True, help="the sign's name (Korean word), up to 30 characters")
    enroll.add_argument("--data", type=Path, help="examples folder (default: [models] enrolled_dir)")
    enroll.add_argument("--signer", default="unknown", help="who signed it (an id, not a name)")
    enroll.add_argument("--left-handed", action="store_true", help="the signer's dominant hand is the left")
    enroll.set_defaults(handler=_sign_enroll)
    recognize = sign_actions.add_parser(
        "recognize", help="the signs in each video or landmark file (.npz from 'kiosk sign landmarks')"
    )
    recognize.add_argument("inputs", type=Path, nargs="+", metavar="INPUT", help="a video or a landmark .npz")
    recognize.add_argument("--data", type=Path, help="taught signs folder (default: [models] enrolled_dir)")
    recognize.add_argument("--json", action="store_true", help="print one JSON object per input")
    recognize.add_argument("--left-handed", action="store_true", help="the signer's dominant hand is the left")
    recognize.set_defaults(handler=_sign_recognize)
    train = sign_actions.add_parser(
        "train", help="train a sign model on the examples taught on site (answers with source 'model')"
    )
    train.add_argument("--data", type=Path, help="taught signs folder (default: [models] enrolled_dir)")
    train.add_argument("--out", type=Path, help="model folder the kiosk loads (default: [models] sign_dir)")
    train.set_defaults(handler=_sign_train)


def add_fingerspell(commands: argparse._SubParsersAction) -> None:
    """Register ``kiosk fingerspell ...``."""
    fingerspell = commands.add_parser("fingerspell", help="KSL fingerspelling: classify hand landmarks, compose")
    actions = fingerspell.add_subparsers(dest="action", required=True, metavar="ACTION")
    classify = actions.add_parser("classify", help="one letter (or ?) per hand in a JSON list of 21 [x, y, z]")
    classify.add_argument("file", type=Path)
    classify.add_argument("--json", action="store_true", help='print a JSON list of {"jamo", "p"}')
    classify.add_argument("--left-handed", action="store_true", help="left hands: mirror them first")
    classify.add_argument("--aspect", type=float, default=4 / 3, help="image width / height (default 4/3)")
    classify.set_defaults(handler=_fingerspell_classify)
    compose = actions.add_parser("compose", help='join jamo letters into Hangul ("ㅎㅏㄴㄱㅡㄹ" -> 한글)')
    compose.add_argument("letters")
    compose.set_defaults(handler=_fingerspell_compose)


def _video_landmarks(path: Path) -> list:
    """MediaPipe Holistic landmarks of every frame of a video file."""
    from hardware.video_file_camera import VideoFileCamera
    from sign_models.landmarks import video_landmarks

    camera = VideoFileCamera(path, realtime=False)
    camera.open()

    def frames():
        while (frame := camera.read()) is not None:
            yield frame.timestamp, frame.image

    try:
        return list(video_landmarks(frames()))
    finally:
        camera.close()


def _input_frames(path: Path) -> list:
    """Landmark frames of a video, or of a landmark file made by ``kiosk sign landmarks`` (``.npz``)."""
    from sign_models.landmarks import load_npz

    return load_npz(path) if path.suffix.lower() == ".npz" else _video_landmarks(path)


def _sign_landmarks(args: argparse.Namespace, config: KioskConfig) -> int:
    from sign_models.landmarks import save_npz

    found = _video_landmarks(args.video)
    save_npz(found, args.output)
    hands = sum(f.left_hand is not None or f.right_hand is not None for f in found)
    people = sum(f.pose is not None for f in found)
    print(f"{args.output}: {len(found)} frames, a person in {people}, a hand in {hands}")
    return 0


def _sign_enroll(args: argparse.Namespace, config: KioskConfig) -> int:
    from sign_models.enrollment import MAX_GLOSS, MAX_SIGNER, check_label, enroll_frames

    gloss = check_label(args.gloss, "수어 이름", "gloss", MAX_GLOSS)  # before any slow video work
    check_label(args.signer, "수어 사용자 ID", "signer id", MAX_SIGNER)
    data = args.data or config.models.enrolled_dir
    failed = 0
    for video in args.videos:
        try:
            path = enroll_frames(_input_frames(video), gloss, data, args.signer, left_handed=args.left_handed)
        except KioskError as exc:
            print(f"{video}: 오류 / error: {exc}", file=sys.stderr)
            failed += 1
            continue
        print(f"{video}: {gloss} -> {path}")
    return 2 if failed else 0


def _fingerspell_classify(args: argparse.Namespace, config: KioskConfig) -> int:
    from sign_models.fingerspell_cli import classify_file

    print(classify_file(args.file, as_json=args.json, left_handed=args.left_handed, aspect=args.aspect))
    return 0


def _fingerspell_compose(args: argparse.Namespace, config: KioskConfig) -> int:
    from sign_models.fingerspell_cli import compose_letters

    print(compose_letters(args.letters))
    return 0


def _sign_recognize(args: argparse.Namespace, config: KioskConfig) -> int:
    """Each input's segments and sentence; exit 0 when every input was read (even with nothing recognised)."""
    import json

    from kiosk.channels.signing import load_recognizer
    from sign_models.composer import compose
    from sign_models.recognizer import RecognizerOptions

    recognizer, notices = load_recognizer(config, args.data)
    for notice in notices:
        print(f"{notice.message_ko} / {notice.message_en}", file=sys.stderr)
    failed = 0
    for path in args.inputs:
        recognizer.options = RecognizerOptions(left_handed=args.left_handed)
        try:
            results = recognizer.recognize_all(_input_frames(path))
        except KioskError as exc:
            print(f"{path}: 오류 / error: {exc}", file=sys.stderr)
            failed += 1
            continue
        known = [r.gloss for r in results if r.gloss is not None]
        sentence = compose(known) if known else ""
        if args.json:
            segments = [r.as_json() for r in results]
            print(json.dumps({"video": str(path), "segments": segments, "sentence": sentence}, ensure_ascii=False))
        else:
            glosses = " ".join(f"{r.gloss or '?'}({r.source})" for r in results) or "-"
            print(f"{path}: {glosses} -> {sentence or '(알 수 있는 수어 없음 / no sign recognised)'}")
    return 2 if failed else 0


def _sign_train(args: argparse.Namespace, config: KioskConfig) -> int:
    """Train on the taught examples and save the model where the kiosk loads it; too few examples: exit 2."""
    from sign_models.fewshot import EnrolledSigns
    from sign_models.trained_signs import MIN_EXAMPLES, MODEL_FILE, train

    enrolled = EnrolledSigns.load(args.data or config.models.enrolled_dir)
    for problem in enrolled.problems:
        print(f"건너뜀 / skipped: {problem}", file=sys.stderr)
    model, report = train(enrolled)
    path = (args.out or config.models.sign_dir) / MODEL_FILE
    model.save(path)
    for gloss, count in sorted(report.left_out.items()):
        print(f"제외 / left out: {gloss} (예시 {count}개 / {count} example(s); {MIN_EXAMPLES}+ needed)")
    print(
        f"{path}: 수어 {len(report.glosses)}개, 예시 {report.examples}개 / {len(report.glosses)} signs, "
        f"{report.examples} examples; held-out accuracy {report.held_out_accuracy} (taught signers' own "
        f"recordings), threshold {report.threshold}"
    )
    return 0
