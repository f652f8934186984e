"""Choose the camera, microphone and speaker from the ``[devices]`` settings.

Each choice returns the device (or None), what it is ("real", "demo", "none") and, when the kiosk runs
degraded, a :class:`Notice` in Korean and English for the screens. The demo microphone is a
:class:`~hardware.demo_conversation.DemoConversation`: two microphones, the clerk's and the visitor's.
"""

from __future__ import annotations

from pathlib import Path

from base.clock import Clock
from base.errors import MediaFormatError
from base.events import Notice, SessionState, StateChanged, VisitorMode
from base.languages import LANGUAGES
from hardware import discovery
from hardware.demo_conversation import DemoConversation
from hardware.null_speaker import NullSpeaker
from hardware.opencv_camera import OpenCvCamera
from hardware.sounddevice_audio import SoundDeviceMicrophone, SoundDeviceSpeaker
from hardware.video_file_camera import VideoFileCamera
from hardware.wav_microphone import WavFileMicrophone
from kiosk.config import DeviceOptions
from kiosk.session import Session

_NAMES = {"camera": ("카메라", "camera"), "microphone": ("마이크", "microphone"), "speaker": ("스피커", "speaker")}


def choose(
    kind: str, options: DeviceOptions, *, probe: bool = True, clock: Clock | None = None
) -> tuple[object | None, str, Notice | None]:
    """The device for ``kind`` per its setting; ``probe=False`` skips real devices (tests, replay); ``clock``
    paces the demo conversation."""
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
        return _demo(kind, options, clock)
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


def _demo(kind: str, options: DeviceOptions, clock: Clock | None) -> tuple[object | None, str, Notice | None]:
    ko, en = _NAMES[kind]
    if kind == "speaker":
        notice = Notice(
            "no_speaker",
            f"{ko}가 없어 음성 안내를 들을 수 없습니다. 자막은 그대로 표시됩니다.",
            f"no {en}: spoken output is off, captions still show",
            "warning",
        )
        return NullSpeaker(), "none", notice
    media = options.demo_video if kind == "camera" else options.demo_conversation
    if not media.is_file():
        notice = Notice(
            f"no_{kind}", f"{ko}와 데모 파일이 모두 없습니다: {media}", f"no {en} and no demo file: {media}", "warning"
        )
        return None, "none", notice
    if kind == "camera":
        notice = Notice("demo_camera", f"{ko}가 없어 데모 영상을 재생합니다", f"no {en}: playing demo video", "info")
        return _file_device(kind, media), "demo", notice
    try:
        conversation = DemoConversation(media, clock)
    except MediaFormatError as exc:
        return None, "none", Notice("no_microphone", exc.message_ko, exc.message_en, "warning")
    notice = Notice(
        "demo_microphone",
        f"{ko}가 없어 데모 대화(담당자와 방문자의 녹음)를 재생합니다",
        f"no {en}: playing a demo conversation (recordings of a clerk and a visitor)",
        "info",
    )
    return conversation, "demo", notice


def _file_device(kind: str, path: Path) -> object:
    if kind == "camera":
        return VideoFileCamera(path, loop=True)
    return WavFileMicrophone(path, loop=True)


def play_demo(session: Session, conversation: DemoConversation, event: object) -> None:
    """Start the demo conversation when a visit starts (the visitor's turns only for a speaking visitor, in
    their language) and stop it when the visit ends; say so when there is no demo speech in that language."""
    if not isinstance(event, StateChanged):
        return
    if event.state in (SessionState.IDLE, SessionState.CLOSING):
        conversation.end()
    if event.state is not SessionState.CHOSEN or event.language is None:
        return
    clerk = session.config.kiosk.clerk_language
    speaking = event.mode is VisitorMode.SPEECH and event.language != clerk
    if not conversation.begin(clerk, event.language if speaking else None):
        name = LANGUAGES[event.language]
        session.notify(
            Notice(
                "no_demo_speech",
                f"{name.korean} 데모 음성이 없어 담당자의 한국어 녹음만 재생합니다",
                f"There is no demo speech in {name.english}: only the clerk's Korean recordings play",
                "info",
            )
        )
