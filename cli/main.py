"""The ``kiosk`` command: run the kiosk, check the machine, replay scenarios.

    kiosk run                 start both screens (demo media when there is no camera or microphone)
    kiosk doctor [--json]     check devices, fonts, models and packs; exit 0 only when all required are OK
    kiosk transcribe FILE     caption a WAV file through the live streaming path (virtual clock)
    kiosk bench [STAGE...]    latency, real-time factor and memory against the targets (bench.main)
    kiosk replay SCENARIO     drive a Session from a scenario file and print the transcript as JSON
    kiosk soak --visits N     an accelerated counter day: memory growth, leaks, nothing lost
    kiosk sign landmarks VIDEO -o OUT.npz           MediaPipe Holistic landmarks of every frame
    kiosk sign enroll --gloss G [--data DIR] [--signer ID] VIDEO...   teach a sign: one example per video
    kiosk admin hash-pin      read a PIN, print the value for [ui] admin_pin
    kiosk translate / say / packs   see :mod:`cli.translation`
    kiosk fingerspell classify FILE.json [--json]   one KSL fingerspelling letter (or ?) per hand in FILE
    kiosk fingerspell compose LETTERS               join jamo letters into Hangul ("ㅎㅏㄴㄱㅡㄹ" -> 한글)

``--config FILE`` overrides ``KIOSK_CONFIG`` and ``./kiosk.toml``. Errors print in Korean and English and
exit with code 2; nothing here prints transcript text except ``replay``'s own output.
"""

from __future__ import annotations

import argparse
import json
import logging
import sys
from pathlib import Path

from base.errors import KioskError
from cli import translation as cli_translation
from kiosk.config import KioskConfig, load_config


def build_parser() -> argparse.ArgumentParser:
    """The argument parser with one sub-command per capability."""
    parser = argparse.ArgumentParser(
        prog="kiosk", description="Offline accessibility kiosk for public service counters"
    )
    parser.add_argument("--config", type=Path, help="config file (default: $KIOSK_CONFIG, then ./kiosk.toml)")
    parser.add_argument("-v", "--verbose", action="store_true", help="debug logging (never shows transcript text)")
    commands = parser.add_subparsers(dest="command", required=True, metavar="COMMAND")

    run = commands.add_parser("run", help="start the visitor and clerk screens")
    run.add_argument("--quit-after", type=float, metavar="SECONDS", help="quit after this long (smoke tests)")
    run.add_argument("--no-devices", action="store_true", help="do not probe real devices; use demo media")
    run.add_argument(
        "--ready-file", type=Path, help="write JSON here once both windows are shown and the kiosk is idle"
    )
    run.set_defaults(handler=_run)

    doctor = commands.add_parser("doctor", help="check camera, microphone, speaker, fonts, models and packs")
    doctor.add_argument("--json", action="store_true", help="print the report as JSON")
    doctor.set_defaults(handler=_doctor)

    transcribe = commands.add_parser("transcribe", help="caption a WAV file through the live streaming path")
    transcribe.add_argument("file", type=Path)
    transcribe.add_argument("--lang", default="auto", help="language code, or auto (among the enabled languages)")
    transcribe.add_argument("--json", action="store_true", help="one JSON object per final caption")
    transcribe.set_defaults(handler=_transcribe)

    bench = commands.add_parser("bench", help="measure latency, real-time factor and memory against targets")
    bench.add_argument(
        "stage", nargs="*", default=["all"], help="asr, mt, sign, ui, startup, memory, pipeline or all (default)"
    )
    bench.add_argument("--cores", type=int, help="pin to this many cores (mimic the counter PC)")
    bench.add_argument("--json", action="store_true", help='print {"results": [...], "machine", "command"}')
    bench.add_argument("--out", type=Path, help="also write report.md, report.json and charts here")
    bench.add_argument("--quick", action="store_true", help="few samples per stage: under a minute (CI)")
    bench.set_defaults(handler=_bench)

    replay = commands.add_parser("replay", help="replay a scenario file and print the transcript as JSON")
    replay.add_argument("scenario", type=Path)
    replay.add_argument("--db", type=Path, help="keep the transcript in this database (default: in memory)")
    replay.set_defaults(handler=_replay)
    soak = commands.add_parser("soak", help="an accelerated counter day: memory, threads, files, nothing lost")
    soak.add_argument("--visits", type=int, default=300)
    soak.add_argument("--speech-every", type=int, default=10, metavar="K", help="speech in every K-th visit (0: none)")
    soak.add_argument("--seed", type=int, default=1)
    soak.add_argument("--json", action="store_true")
    soak.set_defaults(handler=_soak)
    cli_translation.add_commands(commands)

    admin = commands.add_parser("admin", help="kiosk-mode administration")
    admin_actions = admin.add_subparsers(dest="action", required=True, metavar="ACTION")
    admin_actions.add_parser("hash-pin", help="read a PIN and print the [ui] admin_pin value").set_defaults(
        handler=_admin_hash_pin
    )

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
    return parser


def main(argv: list[str] | None = None) -> int:
    """Entry point of the ``kiosk`` console script."""
    args = build_parser().parse_args(argv)
    logging.basicConfig(
        level=logging.DEBUG if args.verbose else logging.INFO, format="%(asctime)s %(levelname)s %(name)s: %(message)s"
    )
    try:
        config = load_config(args.config)
        return args.handler(args, config)
    except KioskError as exc:
        print(f"오류 / error: {exc}", file=sys.stderr)
        return 2


def _run(args: argparse.Namespace, config: KioskConfig) -> int:
    from kiosk.runtime import KioskRuntime
    from ui.app import run_kiosk  # the only place the core reaches the UI, lazily: kiosk itself imports no Qt

    runtime = KioskRuntime.build(config, start_devices=not args.no_devices)
    quit_after_ms = int(args.quit_after * 1000) if args.quit_after else None
    return run_kiosk(runtime, quit_after_ms=quit_after_ms, ready_file=args.ready_file)


def _doctor(args: argparse.Namespace, config: KioskConfig) -> int:
    from kiosk.admin.doctor import all_required_ok, report, run_checks

    results = run_checks(config)
    print(report(results, as_json=args.json))
    return 0 if all_required_ok(results) else 1


def _transcribe(args: argparse.Namespace, config: KioskConfig) -> int:
    from base.events import Role
    from hardware.wav_file import read_wav
    from kiosk.channels.speech import asr_options
    from kiosk.channels.transcribe import stream_audio
    from translations.asr import SpeechRecognizer
    from translations.streaming import StreamingTranscriber

    allowed = config.kiosk.languages
    language = None if args.lang == "auto" else args.lang
    if language is not None and language not in allowed:
        allowed = (*allowed, language)
    audio = read_wav(args.file)
    transcriber = StreamingTranscriber(
        SpeechRecognizer(asr_options(config)), Role.VISITOR, language=language, allowed=allowed
    )
    for timed in stream_audio(audio, lambda s: transcriber.push(s) or transcriber.poll(), transcriber.flush):
        if not timed.caption.final:
            continue
        if args.json:
            print(json.dumps(timed.as_json(), ensure_ascii=False), flush=True)
        else:
            c = timed.caption
            print(f"[{c.start:7.2f} - {c.end:7.2f}] ({c.language}) {c.text}", flush=True)
    return 0


def _bench(args: argparse.Namespace, config: KioskConfig) -> int:
    from bench.main import run
    from bench.report import markdown, write

    try:
        report, stages = run(args.stage, config, args.cores, args.quick)
    except (ValueError, FileNotFoundError) as exc:
        print(f"bench: {exc}", file=sys.stderr)
        return 2
    if args.out:
        write(args.out, report, stages)
    print(json.dumps(report, ensure_ascii=False, indent=2) if args.json else markdown(report))
    return 0


def _replay(args: argparse.Namespace, config: KioskConfig) -> int:
    from bench.replay import load_scenario, replay
    from kiosk.store import TranscriptStore

    scenario = load_scenario(args.scenario)
    store = TranscriptStore(args.db) if args.db else None
    result = replay(scenario, config, store)
    print(json.dumps(result, ensure_ascii=False, indent=2))
    return 0


def _soak(args: argparse.Namespace, config: KioskConfig) -> int:
    from bench.soak import soak

    if args.visits < 1 or args.speech_every < 0:
        print("soak: --visits must be at least 1 and --speech-every at least 0", file=sys.stderr)
        return 2
    report = soak(config, args.visits, args.speech_every, args.seed).as_json()
    if args.json:
        print(json.dumps(report, indent=2))
    else:
        for key, value in report.items():
            print(f"{key:26} {value}")
    return 0 if report["pass"] else 1


def _admin_hash_pin(args: argparse.Namespace, config: KioskConfig) -> int:
    import getpass

    from kiosk.admin.pin import hash_pin

    pin = getpass.getpass("PIN (4-12 digits): ") if sys.stdin.isatty() else sys.stdin.readline().strip()
    try:
        print(f'admin_pin = "{hash_pin(pin)}"')
    except ValueError as exc:
        print(f"오류 / error: PIN은 숫자 4~12자리여야 합니다 / {exc}", file=sys.stderr)
        return 2
    return 0


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
            path = enroll_frames(_video_landmarks(video), gloss, data, args.signer, left_handed=args.left_handed)
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


if __name__ == "__main__":
    raise SystemExit(main())
