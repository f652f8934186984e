"""A kiosk on screen for the UI tests: the real windows, Session and SQLite store, no devices."""

from __future__ import annotations

import dataclasses

import pytest
from PyQt6.QtCore import QCoreApplication, Qt
from PyQt6.QtWidgets import QPushButton, QWidget

from base.clock import ManualClock
from base.events import Notice
from kiosk.config import KioskConfig
from kiosk.deviceless_runtime import DevicelessRuntime
from kiosk.session import Session
from kiosk.store import TranscriptStore
from kiosk.translation import kiosk_suggester, kiosk_translator
from ui.app import application, build_windows
from ui.clerk_window import ClerkWindow


@pytest.fixture
def kiosk(qtbot, config: KioskConfig):
    yield from _kiosk(qtbot, config)


@pytest.fixture
def suggesting_kiosk(qtbot, config: KioskConfig):
    """The kiosk with the phrasebook, templates and suggestions of a kiosk without packs."""
    translator, _ = kiosk_translator(config)
    yield from _kiosk(qtbot, config, translator=translator, suggester=kiosk_suggester(config))


def _kiosk(qtbot, config: KioskConfig, **parts):
    application()
    clock = ManualClock()
    store = TranscriptStore(config.store.path)
    session = Session(config, store, clock=clock, **parts)
    runtime = DevicelessRuntime(
        session, [Notice("demo_camera", "카메라가 없어 데모 파일을 재생합니다", "no camera: demo")]
    )
    bridge, visitor, clerk = build_windows(runtime)
    for window in (visitor, clerk):
        qtbot.addWidget(window)
        window.resize(1280, 800)
        window.show()
    qtbot.mouseClick(find(visitor, QPushButton, "attract"), Qt.MouseButton.LeftButton)  # touch to start
    yield dataclasses.make_dataclass("Kiosk", ["session", "store", "clock", "visitor", "clerk", "bridge", "runtime"])(
        session, store, clock, visitor, clerk, bridge, runtime
    )
    runtime.close()


def find(window: QWidget, kind: type, name: str):
    widget = window.findChild(kind, name)
    assert widget is not None, f"no {kind.__name__} named {name}"
    return widget


def transcript_texts(clerk: ClerkWindow) -> list[str]:
    """The clerk's chat, one text per line: Korean first, the words under it, the badges."""
    return clerk.transcript.lines()


def settle(kiosk) -> None:
    """Wait for the lines the screens handed to the line worker, then deliver their queued Qt signals."""
    kiosk.runtime.lines.wait(10)
    QCoreApplication.processEvents()
