"""Choose the camera, microphone and speaker from the ``[devices]`` settings.

Each choice returns the device (or None), what it is ("real", "demo", "none") and, when the kiosk runs
degraded, a :class:`Notice` in Korean and English for the screens.
"""

from __future__ import annotations

from pathlib import Path

from base.events import Notice
from hardware import discovery
from hardware.null_speaker import NullSpeaker
from hardware.opencv_camera import OpenCvCamera
from hardware.sounddevice_audio import SoundDeviceMicrophone, SoundDeviceSpeaker
from hardware.video_file_camera import VideoFileCamera
from hardware.wav_microphone import WavFileMicrophone
from kiosk.config import DeviceOptions

_NAMES = {"camera": ("카메라", "camera"), "microphone": ("마이크", "microphone"), "speaker": ("스피커", "speaker")}


def choose(kind: str, options: DeviceOptions, *, probe: bool = True) -> tuple[object | None, str, Notice | None]:
    """The device for ``kind`` per its setting; ``probe=False`` skips real devices (tests, replay)."""
    setting = getattr(options, kind).strip()
    if kind == "visitor_microphone":
        kind = "microphone"
        if setting in ("auto", "demo"):
            setting = "none"  # a second microphone is never guessed: the shared one is the default
    if setting == "none":
        return None, "none", None
    if setting == "auto" and probe and _first_real(kind) is not None:
        return _real(kind, None), "real", None
    if setting in ("auto", "demo"):
        return _demo(kind, options)
    if setting.isdigit():
        return _real(kind, int(setting)), "real", None
    if kind != "speaker" and Path(setting).is_file():
        return _file_device(kind, Path(setting)), "demo", None
    return _real(kind, setting), "real", None


def _first_real(kind: str) -> object | None:
    found = {
        "camera": discovery.list_cameras,
        "microphone": discovery.list_microphones,
        "speaker": discovery.list_speakers,
    }[kind]()
    return found[0] if found else None


def _real(kind: str, selector: int | str | None) -> object:
    if kind == "camera":
        return OpenCvCamera(selector if isinstance(selector, int) else 0)
    if kind == "microphone":
        return SoundDeviceMicrophone(device=selector)
    return SoundDeviceSpeaker(device=selector)


def _demo(kind: str, options: DeviceOptions) -> tuple[object | None, str, Notice | None]:
    ko, en = _NAMES[kind]
    if kind == "speaker":
        notice = Notice(
            "no_speaker",
            f"{ko}가 없어 음성 안내를 들을 수 없습니다. 자막은 그대로 표시됩니다.",
            f"no {en}: spoken output is off, captions still show",
            "warning",
        )
        return NullSpeaker(), "none", notice
    media = options.demo_video if kind == "camera" else options.demo_audio
    if not media.is_file():
        notice = Notice(
            f"no_{kind}", f"{ko}와 데모 파일이 모두 없습니다: {media}", f"no {en} and no demo file: {media}", "warning"
        )
        return None, "none", notice
    notice = Notice(f"demo_{kind}", f"{ko}가 없어 데모 파일을 재생합니다", f"no {en}: playing demo media", "info")
    return _file_device(kind, media), "demo", notice


def _file_device(kind: str, path: Path) -> object:
    if kind == "camera":
        return VideoFileCamera(path, loop=True)
    return WavFileMicrophone(path, loop=True)
