"""``kiosk transcribe``, ``kiosk translate``, ``kiosk say`` and ``kiosk packs ...``: speech, text and packs.

kiosk transcribe FILE [--lang L] [--json] [--clerk L --visitor L]   caption a WAV file through the live streaming
                                                        path; with --clerk/--visitor each line says who spoke
kiosk translate --from ko --to en [--json] [TEXT ...]   lines from stdin when no TEXT is given
kiosk say --lang en [-o out.wav] TEXT                   speak (or write a WAV file)
kiosk packs install PATH...                             .argosmodel files or folders of them (USB)
kiosk packs list | remove CODE | verify

``translate --json`` prints one object per line: "text", "provenance", "ms"; "phrase_id" and "slots" when a
phrase or template answered; "suggestions" (the nearest reviewed phrases, up to three, each "id", "text",
"translation", "score") when none did, also for a line no pack could translate ("provenance": "original",
"text" the line itself; it still counts as failed).
"""

from __future__ import annotations

import argparse
import json
import sys
import time
from pathlib import Path

from base.errors import InputError, KioskError, PackError
from base.events import Translation
from kiosk.config import KioskConfig

MAX_STDIN_BYTES = 10_000_000
VERIFY_TEXT = {"ko": "안녕하세요.", "en": "Hello.", "zh": "你好。", "ja": "こんにちは。", "vi": "Xin chào."}


def add_transcribe(commands: argparse._SubParsersAction) -> None:
    """Register ``kiosk transcribe``."""
    transcribe = commands.add_parser("transcribe", help="caption a WAV file through the live streaming path")
    transcribe.add_argument("file", type=Path)
    transcribe.add_argument("--lang", default="auto", help="language code, or auto (among the enabled languages)")
    transcribe.add_argument("--json", action="store_true", help="one JSON object per final caption")
    transcribe.add_argument("--clerk", help="the clerk's language: with --visitor, add who spoke (shared microphone)")
    transcribe.add_argument("--visitor", help="the visitor's language (with --clerk)")
    transcribe.set_defaults(handler=_transcribe)


def add_translate(commands: argparse._SubParsersAction) -> None:
    """Register ``kiosk translate``."""
    translate = commands.add_parser("translate", help="translate text offline (phrasebook, packs, pivot)")
    translate.add_argument("--from", dest="source", required=True, help="source language code, e.g. ko")
    translate.add_argument("--to", dest="target", required=True, help="target language code, e.g. en")
    translate.add_argument("--json", action="store_true", help='one {"text", "provenance", "ms"} per line')
    translate.add_argument("text", nargs="*", help="text to translate (default: each line of stdin)")
    translate.set_defaults(handler=_translate)


def add_say(commands: argparse._SubParsersAction) -> None:
    """Register ``kiosk say``."""
    say = commands.add_parser("say", help="speak text with the kiosk's voice (or write it to a WAV file)")
    say.add_argument("--lang", required=True, help="language code")
    say.add_argument("--rate", type=float, default=None, help="speech rate 0.5 .. 2.0 (default: [voice] rate)")
    say.add_argument("-o", "--output", type=Path, help="write a WAV file instead of playing")
    say.add_argument("text", nargs="+")
    say.set_defaults(handler=_say)


def add_packs(commands: argparse._SubParsersAction) -> None:
    """Register ``kiosk packs ...``."""
    packs = commands.add_parser("packs", help="install, list, remove and verify translation packs")
    actions = packs.add_subparsers(dest="action", required=True, metavar="ACTION")
    install = actions.add_parser("install", help="install .argosmodel files, or every one in a folder")
    install.add_argument("paths", type=Path, nargs="+")
    install.set_defaults(handler=_packs_install)
    actions.add_parser("list", help="installed packs").set_defaults(handler=_packs_list)
    remove = actions.add_parser("remove", help="remove the pack for a pair, e.g. ko-en")
    remove.add_argument("code")
    remove.set_defaults(handler=_packs_remove)
    actions.add_parser("verify", help="load every pack and translate a test line").set_defaults(handler=_packs_verify)


def _transcribe(args: argparse.Namespace, config: KioskConfig) -> int:
    from base.events import Role
    from hardware.wav_file import read_wav
    from kiosk.channels.speech import asr_options
    from kiosk.channels.transcribe import stream_audio
    from translations.asr import SpeechRecognizer
    from translations.attribution import attribute
    from translations.streaming import StreamingTranscriber

    if (args.clerk is None) != (args.visitor is None):
        raise InputError("--clerk 와 --visitor 를 함께 주십시오", "give both --clerk and --visitor, or neither")
    allowed = config.kiosk.languages
    language = None if args.lang == "auto" or args.clerk else args.lang
    extra = [code for code in (language, args.clerk, args.visitor) if code is not None and code not in allowed]
    allowed = (*allowed, *extra)
    audio = read_wav(args.file)
    transcriber = StreamingTranscriber(
        SpeechRecognizer(asr_options(config)), Role.VISITOR, language=language, allowed=allowed
    )
    for timed in stream_audio(audio, lambda s: transcriber.push(s) or transcriber.poll(), transcriber.flush):
        if not timed.caption.final:
            continue
        c, fields = timed.caption, timed.as_json()
        if args.clerk:
            who = attribute(c.language, c.language_p, args.clerk, args.visitor, seconds=c.end - c.start)
            p = None if c.language_p is None else round(c.language_p, 3)
            fields |= {"speaker": who.role.value, "lang_p": p}
        if c.revised:  # the line of the final that started at "start", heard again with the next one
            fields["revised"] = True
        if args.json:
            print(json.dumps(fields, ensure_ascii=False), flush=True)
        else:
            who_text = f" {fields['speaker']}" if "speaker" in fields else ""
            revised = " revised" if c.revised else ""
            print(f"[{c.start:7.2f} - {c.end:7.2f}] ({c.language}{who_text}{revised}) {c.text}", flush=True)
    return 0


def _translate(args: argparse.Namespace, config: KioskConfig) -> int:
    from kiosk.translation import kiosk_suggester, kiosk_translator
    from translations.glossary import speaker_role
    from translations.mt import ReviewedTranslation

    translator, notices = kiosk_translator(config)
    suggester = kiosk_suggester(config) if args.json else None
    for notice in notices:
        print(f"경고 / warning: {notice.message_ko} / {notice.message_en}", file=sys.stderr)
    lines = [" ".join(args.text)] if args.text else _stdin_lines()
    failed = 0
    for line in lines:
        if not line.strip():
            continue
        if len(line) > 5000:
            raise InputError("문장이 너무 깁니다(5000자 이하)", "text too long (at most 5000 characters per line)")
        started = time.perf_counter()
        try:
            result = translator.translate(line, args.source, args.target)
        except KioskError as exc:
            print(f"오류 / error: {exc}", file=sys.stderr)
            failed += 1
            if suggester is None:
                continue
            result = Translation(line, args.source, args.target, "original")
        ms = round((time.perf_counter() - started) * 1000, 1)
        if args.json:
            found: dict[str, object] = {"text": result.text, "provenance": result.provenance, "ms": ms}
            if isinstance(result, ReviewedTranslation):
                found |= {"phrase_id": result.phrase_id, "slots": dict(result.slots)}
            else:
                role = speaker_role(args.source)
                offered = suggester.suggest(line, args.source, args.target, role=role) if suggester else []
                found["suggestions"] = [
                    {"id": s.id, "text": s.text, "translation": s.translation, "score": s.score} for s in offered
                ]
            print(json.dumps(found, ensure_ascii=False))
        else:
            print(f"{result.text}\t[{result.provenance}, {ms} ms]")
    return 1 if failed else 0


def _stdin_lines() -> list[str]:
    try:
        return sys.stdin.buffer.read(MAX_STDIN_BYTES + 1).decode("utf-8").splitlines()
    except UnicodeDecodeError as exc:
        raise InputError("입력이 UTF-8 글자가 아닙니다", f"stdin is not UTF-8 text ({exc.reason})") from None


def _say(args: argparse.Namespace, config: KioskConfig) -> int:
    from hardware.wav_file import write_wav
    from kiosk import device_choice
    from translations.tts import VoiceChain

    rate = args.rate if args.rate is not None else config.voice.rate
    if not 0.5 <= rate <= 2.0:
        raise InputError("말하기 속도는 0.5에서 2.0 사이여야 합니다", "--rate must be between 0.5 and 2.0")
    speech = VoiceChain().synthesize(" ".join(args.text), args.lang, rate)
    if args.output:
        write_wav(args.output, speech.samples, speech.sample_rate)
        print(f"{args.output}: {speech.seconds:.2f} s")
        return 0
    speaker, _, problem = device_choice.choose("speaker", config.devices, probe=True)
    if problem:
        print(f"경고 / warning: {problem.message_ko} / {problem.message_en}", file=sys.stderr)
    speaker.play(speech.samples * config.voice.volume, speech.sample_rate)
    time.sleep(speech.seconds)
    return 0


def _folder(config: KioskConfig) -> Path:
    from translations.packs import pack_folder

    return pack_folder(config.models.packs_dir)


def _packs_install(args: argparse.Namespace, config: KioskConfig) -> int:
    from translations.packs import install, pack_files

    failed = 0
    for path in pack_files(args.paths):
        try:
            pack = install(path, _folder(config), _progress_bar(path.name))
        except PackError as exc:
            print(f"\n오류 / error: {exc}", file=sys.stderr)
            failed += 1
            continue
        print(f"\n{pack.code} {pack.version}: {pack.path}")
    return 1 if failed else 0


def _progress_bar(name: str):
    def show(done: int, total: int) -> None:
        filled = int(30 * done / total) if total else 30
        sys.stderr.write(f"\r{name[:30]:30} [{'#' * filled}{' ' * (30 - filled)}] {done * 100 // max(total, 1):3d}%")
        sys.stderr.flush()

    return show


def _packs_list(args: argparse.Namespace, config: KioskConfig) -> int:
    from translations.packs import installed_packs

    folder = _folder(config)
    packs, errors = installed_packs(folder)
    print(f"{folder}:")
    for pack in packs:
        print(f"  {pack.code:8} {pack.version:8} {pack.path.name}")
    for error in errors:
        print(f"  BROKEN   {error.message_en}")
    if not packs and not errors:
        print("  (none: phrasebook only / 설치된 언어 팩 없음: 문구집만 사용)")
    return 0


def _packs_remove(args: argparse.Namespace, config: KioskConfig) -> int:
    from translations.packs import remove

    for path in remove(args.code, _folder(config)):
        print(f"removed {path}")
    return 0


def _packs_verify(args: argparse.Namespace, config: KioskConfig) -> int:
    from translations.mt import ArgosPackTranslator, MtOptions
    from translations.packs import installed_packs

    packs, errors = installed_packs(_folder(config))
    for error in errors:
        print(f"BROKEN {error.message_en}")
    options = MtOptions(beam_size=config.translation.beam_size, cpu_threads=config.translation.cpu_threads)
    for pack in packs:
        translator = ArgosPackTranslator(pack, options)
        text = VERIFY_TEXT.get(pack.from_code, "1")
        try:
            result = translator.translate(text, *pack.pair)
        except KioskError as exc:
            print(f"BROKEN {pack.code}: {exc.message_en}")
            errors.append(exc)
            continue
        print(f"OK     {pack.code}: {text!r} -> {result.text!r} ({result.seconds * 1000:.0f} ms incl. loading)")
    return 1 if errors else 0
