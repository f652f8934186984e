"""``kiosk doctor``: is everything the counter needs present and working? Each check says OK or what is wrong
(MISSING, NO SOUND) and what to do.

The exit code is 0 only when every *required* part is present. Optional parts (speaker, translation
packs, voices, demo media) are reported but do not fail the check: without them the kiosk runs degraded
(captions without voice output, phrasebook-only translation).
"""

from __future__ import annotations

import importlib.util
import json
import os
import shutil
import subprocess
from collections.abc import Callable
from dataclasses import asdict
from pathlib import Path

from base.errors import MediaFormatError
from hardware import discovery
from hardware.demo_conversation import DemoConversation
from kiosk.admin.check import Check
from kiosk.admin.microphone_check import microphone_levels
from kiosk.channels.signing import load_recognizer
from kiosk.config import KioskConfig
from kiosk.paths import bundled_fonts
from translations.packs import installed_packs, pack_folder
from translations.phrasebook import load_phrasebook
from translations.tts import VoiceChain
from translations.whisper_model import model_problems

HOLISTIC_FILES = (
    "pose_detection/pose_detection.tflite",
    "pose_landmark/pose_landmark_full.tflite",
    "hand_landmark/hand_landmark_full.tflite",
    "holistic_landmark/hand_recrop.tflite",
    "palm_detection/palm_detection_full.tflite",
    "face_landmark/face_landmark.tflite",
)


def run_checks(config: KioskConfig) -> list[Check]:
    """Run every check; none of them raises."""
    checks: list[Callable[[KioskConfig], Check | list[Check]]] = [
        _camera,
        _microphone,
        microphone_levels,
        _speaker,
        _korean_font,
        _whisper,
        _vad,
        _mediapipe,
        _store,
        _phrasebook,
        _packs,
        _sign_models,
        _voices,
        _demo_media,
    ]
    results = []
    for check in checks:
        try:
            result = check(config)
            results += result if isinstance(result, list) else [result]
        except Exception as exc:  # noqa: BLE001 - a broken check is reported, never a crash
            results.append(Check(check.__name__.strip("_"), False, True, f"check failed: {exc}"))
    return results


def report(results: list[Check], as_json: bool = False) -> str:
    """A table (or JSON) for the terminal."""
    if as_json:
        return json.dumps(
            {"ok": all_required_ok(results), "checks": [asdict(r) for r in results]}, ensure_ascii=False, indent=2
        )
    lines = []
    for r in results:
        status = "OK" if r.ok else (r.failure if r.required else f"{r.failure} (optional)")
        lines.append(f"{r.name:<14} {status:<19} {r.detail}")
        if not r.ok and r.fix:
            lines.append(f"{'':<14} -> {r.fix}")
    verdict = (
        "모든 필수 항목이 준비되었습니다 / all required parts present"
        if all_required_ok(results)
        else "필수 항목이 빠져 있습니다 / required parts are missing"
    )
    return "\n".join([*lines, "", verdict])


def all_required_ok(results: list[Check]) -> bool:
    """True when no required check failed."""
    return all(r.ok or not r.required for r in results)


def _device(kind: str, devices: list, required: bool, hint: str) -> Check:
    """OK when at least one device of ``kind`` is found; the detail names them."""
    detail = ", ".join(d.name for d in devices) or f"no {kind} found"
    return Check(kind, bool(devices), required, detail, hint)


def _camera(_: KioskConfig) -> Check:
    hint = "USB 카메라를 연결하세요 / plug in a USB camera (sign language needs it; demo video is used until then)"
    return _device("camera", discovery.list_cameras(), True, hint)


def _microphone(_: KioskConfig) -> Check:
    hint = "마이크를 연결하세요 / plug in a microphone (apt-get install libportaudio2 if none is ever found)"
    return _device("microphone", discovery.list_microphones(), True, hint)


def _speaker(_: KioskConfig) -> Check:
    return _device(
        "speaker", discovery.list_speakers(), False, "스피커나 헤드폰을 연결하세요 / plug in a speaker or headphones"
    )


def _korean_font(_: KioskConfig) -> Check:
    bundled = bundled_fonts()
    if bundled:
        return Check("korean_font", True, True, f"bundled {', '.join(p.name for p in bundled)}")
    families = ""
    if shutil.which("fc-list"):
        families = subprocess.run(
            ["fc-list", ":lang=ko", "family"], capture_output=True, text=True, timeout=20
        ).stdout.strip()
    first = families.splitlines()[0] if families else ""
    return Check(
        "korean_font",
        bool(first),
        True,
        first or "no font with Hangul",
        "apt-get install fonts-noto-cjk (한글이 네모로 보입니다 / Hangul shows as boxes)",
    )


def _whisper(config: KioskConfig) -> Check:
    folder = config.models.whisper_dir
    problems = model_problems(folder, check_sha256=False)
    return Check(
        "speech_model",
        not problems,
        True,
        "; ".join(problems) or str(folder),
        "make models (또는 설정의 models.whisper_dir 확인 / or check models.whisper_dir)",
    )


def _vad(_: KioskConfig) -> Check:
    path = _package_dir("faster_whisper") / "assets" / "silero_vad_v6.onnx"
    return Check("vad_model", path.is_file(), True, str(path), "pip install faster-whisper==1.2.1")


def _mediapipe(_: KioskConfig) -> Check:
    base = _package_dir("mediapipe") / "modules"
    missing = [name for name in HOLISTIC_FILES if not (base / name).is_file()]
    detail = "missing " + ", ".join(missing) if missing else f"holistic models in {base}"
    return Check(
        "landmarks", not missing, True, detail, "pip install mediapipe==0.10.21 (newer wheels carry no models)"
    )


def _store(config: KioskConfig) -> Check:
    folder = config.store.path.parent
    existing = next((p for p in (folder, *folder.parents) if p.exists()), folder)
    ok = os.access(existing, os.W_OK)
    return Check("transcripts", ok, True, str(config.store.path), f"make {existing} writable for the kiosk user")


def _phrasebook(_: KioskConfig) -> Check:
    book = load_phrasebook()
    return Check("phrasebook", len(book) > 0, True, f"{len(book)} phrases")


def _packs(config: KioskConfig) -> Check:
    folder = pack_folder(config.models.packs_dir)
    packs, errors = installed_packs(folder)
    detail = ", ".join(p.code for p in packs) or f"no packs in {folder}: phrasebook only"
    if errors:
        detail += "; broken: " + "; ".join(e.message_en for e in errors)
    return Check(
        "translation",
        bool(packs) and not errors,
        False,
        detail,
        "USB의 언어 팩을 설치하세요 / install language packs from USB: kiosk packs install /media/usb",
    )


def _sign_models(config: KioskConfig) -> Check:
    """The sign and fingerspelling models load, and how many signs were taught on site."""
    from sign_models.fewshot import EnrolledSigns
    from sign_models.fingerspell_classifier import FingerspellClassifier

    recognizer, notices = load_recognizer(config)
    FingerspellClassifier.load()
    taught = len({e.gloss for e in EnrolledSigns.load(config.models.enrolled_dir).examples})
    labels = len(recognizer.classifier.labels) if recognizer.classifier else 0
    return Check(
        "sign_models",
        not notices,
        False,
        (
            f"sign model trained on recordings: {labels} classes"
            if labels
            else "no trained sign model (taught signs only)"
        )
        + f"; {taught} sign(s) taught on site; "
        "fingerspelling model OK" + ("; " + "; ".join(n.message_en for n in notices) if notices else ""),
        "teach signs on the admin screen (or kiosk sign enroll); unknown signs are answered as unknown",
    )


def _voices(config: KioskConfig) -> Check:
    voices = VoiceChain()
    missing = [code for code in config.kiosk.languages if not voices.supports(code)]
    spoken = ", ".join(f"{c}={voices.voice_for(c).name}" for c in config.kiosk.languages if c not in missing)
    return Check(
        "voices",
        not missing,
        False,
        spoken + (f"; no voice: {', '.join(missing)}" if missing else ""),
        "sudo apt-get install espeak-ng",
    )


def _demo_media(config: KioskConfig) -> Check:
    files = [config.devices.demo_video, config.devices.demo_audio, config.devices.demo_conversation]
    missing = [str(p) for p in files if not p.is_file()]
    if not missing:
        try:
            DemoConversation(config.devices.demo_conversation).check()
        except MediaFormatError as exc:
            missing.append(exc.message_en)
    return Check("demo_media", not missing, False, ", ".join(missing) or "demo video, audio and conversation present")


def _package_dir(name: str) -> Path:
    spec = importlib.util.find_spec(name)
    if spec is None or spec.origin is None:
        raise RuntimeError(f"Python package {name} is not installed")
    return Path(spec.origin).parent
