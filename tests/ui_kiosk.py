"""A kiosk on screen for the UI tests: the real windows, Session and SQLite store, no devices."""

from __future__ import annotations

import dataclasses

import pytest
from PyQt6.QtCore import Qt
from PyQt6.QtWidgets import QPushButton, QTableWidget, QWidget

from base.clock import ManualClock
from base.events import Notice
from hardware.null_speaker import NullSpeaker
from kiosk.channels.fingerspelling import SpellingChannel
from kiosk.channels.signing import SignChannel
from kiosk.channels.voice_output import VoiceOutput
from kiosk.config import KioskConfig, VoiceOptions
from kiosk.device_status import DeviceStatus
from kiosk.session import Session
from kiosk.store import TranscriptStore
from ui.app import application, build_windows
from ui.clerk_window import ClerkWindow


class FakeRuntime:
    """The runtime's UI-facing surface without devices (no camera or microphone on the test machine)."""

    status = DeviceStatus(camera="demo", microphone="demo", speaker="none")
    offered_languages = None  # every enabled language
    recorder = None

    def __init__(self, session: Session) -> None:
        self.session = session
        self.startup_notices = [Notice("demo_camera", "카메라가 없어 데모 파일을 재생합니다", "no camera: demo")]
        self.frame_listeners: list = []
        self.speaker = NullSpeaker()
        self.voice = VoiceOutput(self.speaker, VoiceOptions(), notify=session.notify)
        session.subscribe(self.voice.on_event)
        self.spelling = SpellingChannel(session)
        self.signing = SignChannel(session)

    def subscribe_frames(self, listener: object) -> None:
        self.frame_listeners.append(listener)

    def subscribe_level(self, listener: object) -> None: ...

    def start_media(self) -> None: ...

    def close(self) -> None: ...


@pytest.fixture
def kiosk(qtbot, config: KioskConfig):
    application()
    clock = ManualClock()
    store = TranscriptStore(config.store.path)
    session = Session(config, store, clock=clock)
    runtime = FakeRuntime(session)
    bridge, visitor, clerk = build_windows(runtime)
    for window in (visitor, clerk):
        qtbot.addWidget(window)
        window.resize(1280, 800)
        window.show()
    qtbot.mouseClick(find(visitor, QPushButton, "attract"), Qt.MouseButton.LeftButton)  # touch to start
    yield dataclasses.make_dataclass("Kiosk", ["session", "store", "clock", "visitor", "clerk", "bridge", "runtime"])(
        session, store, clock, visitor, clerk, bridge, runtime
    )
    runtime.voice.close()
    runtime.spelling.close()
    runtime.signing.close()


def find(window: QWidget, kind: type, name: str):
    widget = window.findChild(kind, name)
    assert widget is not None, f"no {kind.__name__} named {name}"
    return widget


def transcript_texts(clerk: ClerkWindow) -> list[str]:
    table = find(clerk, QTableWidget, "clerk_transcript")
    return [table.item(r, c).text() for r in range(table.rowCount()) for c in (1, 2) if table.item(r, c)]
