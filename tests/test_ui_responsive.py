"""No engine work on the Qt main thread: with a translator that takes a full second a sentence, typing, sending,
tapping a phrase and correcting never freeze the screens (the event loop never stalls for more than 50 ms)."""

from __future__ import annotations

import time
from concurrent.futures import Future

import pytest
from PyQt6.QtCore import QCoreApplication, QEvent, Qt, QTimer
from PyQt6.QtWidgets import QApplication, QLineEdit, QPushButton, QWidget

from base.events import Role
from kiosk.config import KioskConfig
from kiosk.line_worker import LineWorker
from tests.ui_kiosk import _kiosk, find, transcript_texts
from translations.mt import Translation
from ui.app import freeze_start_up_heap

STALL_MS = 50


class SlowTranslator:
    """A language pack on a slow mini-PC: one second a sentence."""

    def __init__(self) -> None:
        self.calls = 0

    def supports(self, source: str, target: str) -> bool:
        return True

    def translate(self, text: str, source: str, target: str) -> Translation:
        self.calls += 1
        time.sleep(1.0)
        return Translation(f"[{target}] {text}", source, target, "pack", 1.0)


class Heartbeat:
    """A 5 ms QTimer; the longest gap between two beats is how long the event loop was blocked."""

    def __init__(self) -> None:
        self.last = time.perf_counter()
        self.longest = 0.0
        self.timer = QTimer()
        self.timer.setInterval(5)
        self.timer.timeout.connect(self._beat)

    def _beat(self) -> None:
        now = time.perf_counter()
        self.longest = max(self.longest, now - self.last)
        self.last = now

    def start(self) -> None:
        self.last = time.perf_counter()
        self.timer.start()


@pytest.fixture
def slow_kiosk(qtbot, config: KioskConfig):
    translator = SlowTranslator()
    for kiosk in _kiosk(qtbot, config, translator=translator):
        kiosk.translator = translator
        _close_other_windows(kiosk.visitor, kiosk.clerk)
        freeze_start_up_heap()  # as run_kiosk does once the windows are up
        yield kiosk


def _close_other_windows(*keep: QWidget) -> None:
    """Windows earlier tests left open would be laid out and painted too: only this kiosk's screens run."""
    for window in QApplication.topLevelWidgets():
        if window not in keep:
            window.close()
            window.deleteLater()
    QCoreApplication.sendPostedEvents(None, QEvent.Type.DeferredDelete.value)


def _visit_with_slow_lines(qtbot, kiosk) -> Heartbeat:
    """Visitor types and sends, the clerk types and sends, the clerk corrects the visitor's line."""
    kiosk.clerk._ask_text = lambda _parent, current: "외국인등록증을 잃어버렸어요"
    qtbot.mouseClick(find(kiosk.visitor, QPushButton, "lang_vi"), Qt.MouseButton.LeftButton)
    qtbot.mouseClick(find(kiosk.visitor, QPushButton, "keyboard_toggle"), Qt.MouseButton.LeftButton)
    qtbot.keyClicks(find(kiosk.visitor, QLineEdit, "visitor_input"), "toi mat the")  # typing is not engine work
    clerk_input = find(kiosk.clerk, QLineEdit, "clerk_input")
    clerk_input.setText("잠시만요")
    heart = Heartbeat()
    heart.start()
    qtbot.mouseClick(find(kiosk.visitor, QPushButton, "visitor_send"), Qt.MouseButton.LeftButton)
    qtbot.keyClick(clerk_input, Qt.Key.Key_Return)
    qtbot.waitUntil(lambda: len(transcript_texts(kiosk.clerk)) == 2, timeout=10_000)
    clerk_line = next(e for e in kiosk.session.entries if e.role is Role.CLERK)
    qtbot.mouseClick(find(kiosk.clerk, QPushButton, f"correct_{clerk_line.entry_id}"), Qt.MouseButton.LeftButton)
    qtbot.waitUntil(lambda: "✎" in find(kiosk.visitor, QWidget, "caption_view").item(1).text(), timeout=10_000)
    qtbot.wait(30)  # the beat after the last action (a blocked loop beats only after it is free again)
    heart.timer.stop()
    return heart


def test_a_one_second_translator_never_blocks_the_screens(qtbot, slow_kiosk) -> None:
    heart = _visit_with_slow_lines(qtbot, slow_kiosk)
    assert slow_kiosk.translator.calls == 3  # the work really happened: two lines and a correction
    texts = transcript_texts(slow_kiosk.clerk)
    assert texts[0].startswith("[ko] toi mat the\ntoi mat the") and "→ [vi] 외국인등록증을 잃어버렸어요" in texts[1]
    assert heart.longest * 1000 < STALL_MS, f"the Qt event loop was blocked for {heart.longest * 1000:.0f} ms"


def test_the_heartbeat_sees_a_line_translated_on_the_qt_thread(qtbot, slow_kiosk, monkeypatch) -> None:
    """The probe can fail: the way lines were sent before issue 14 (Session.say on the Qt thread) blocks >= 1 s."""

    def inline(self, call) -> Future:
        future: Future = Future()
        future.set_result(self._run(call))
        return future

    monkeypatch.setattr(LineWorker, "_submit", inline)
    heart = _visit_with_slow_lines(qtbot, slow_kiosk)
    assert heart.longest >= 0.9
