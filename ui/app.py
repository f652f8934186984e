"""Start the two screens for a KioskRuntime: visitor on the touch display, clerk on the second monitor.

Which screen is which: :mod:`ui.displays` (``[display]``); with one screen the two windows sit side by side.
The session's timers are driven by a one-second QTimer; camera frames and microphone levels arrive through
the bridge on the GUI thread.
"""

from __future__ import annotations

import gc
import json
import logging
import os
import sys
import time
from pathlib import Path

from PyQt6 import sip
from PyQt6.QtCore import QObject, QTimer
from PyQt6.QtGui import QFont, QFontDatabase
from PyQt6.QtWidgets import QApplication, QWidget

from kiosk.admin.pin import AdminGate
from kiosk.contract import ScreenRuntime, check_contract
from kiosk.paths import bundled_fonts
from ui.bridge import SessionBridge
from ui.clerk_window import ClerkWindow
from ui.displays import place
from ui.kiosk_mode import KioskGuard
from ui.theme import stylesheet
from ui.visitor_window import VisitorWindow

log = logging.getLogger(__name__)
FONT_FAMILIES = ["Noto Sans CJK KR", "Noto Sans KR", "NanumGothic", "Noto Sans"]


def clear_opencv_qt_variables() -> None:
    """Drop Qt variables that ``import cv2`` points at opencv's bundled Qt5 (they break PyQt6)."""
    for name in ("QT_QPA_PLATFORM_PLUGIN_PATH", "QT_QPA_FONTDIR"):
        if "cv2" in os.environ.get(name, ""):
            del os.environ[name]


def application() -> QApplication:
    """The QApplication (created once), with a font that has Hangul, CJK and Vietnamese."""
    clear_opencv_qt_variables()
    app = QApplication.instance() or QApplication(sys.argv[:1])
    for path in bundled_fonts():  # the installer carries Noto Sans CJK; a source tree uses the system's
        QFontDatabase.addApplicationFont(str(path))
    font = QFont()
    font.setFamilies(FONT_FAMILIES)
    app.setFont(font)
    return app


def build_windows(runtime: ScreenRuntime) -> tuple[SessionBridge, VisitorWindow, ClerkWindow]:
    """Both windows wired to the runtime's session and media, styled from the config.

    A runtime that lacks a part of :class:`ScreenRuntime` is refused here (:func:`check_contract`).
    """
    check_contract(runtime)
    session = runtime.session
    bridge = SessionBridge(session)
    ui = session.config.ui
    visitor = VisitorWindow(
        session,
        bridge,
        demo=runtime.status.demo,
        voice=runtime.voice,
        languages=runtime.offered_languages,
        spelling=runtime.spelling,
        signing=runtime.signing,
        lines=runtime.lines,
    )
    gate = AdminGate(ui.admin_pin, session.config.store.audit_log)
    clerk = ClerkWindow(
        session,
        bridge,
        gate=gate,
        recorder=runtime.recorder,
        signing=runtime.signing,
        lines=runtime.lines,
        demo=runtime.status.demo,
    )
    for window in (visitor, clerk):
        window.setStyleSheet(stylesheet(ui.text_scale, ui.high_contrast))
    for notice in runtime.startup_notices:
        bridge.notice.emit(notice)
    runtime.subscribe_frames(bridge.on_frame)
    runtime.subscribe_level(bridge.on_level)
    for channel in (runtime.signing, runtime.spelling):
        if channel is not None:
            channel.subscribe_view(bridge.on_camera_view)
    return bridge, visitor, clerk


def show_windows(runtime: ScreenRuntime) -> tuple[SessionBridge, VisitorWindow, ClerkWindow]:
    """:func:`build_windows`, shown on their screens as configured (kiosk mode: full screen, guarded)."""
    bridge, visitor, clerk = build_windows(runtime)
    config = runtime.session.config
    if config.ui.fullscreen:  # the guard lives as long as the visitor window
        visitor.guard = KioskGuard(clerk.gate, [visitor, clerk], visitor)
    missing = place(visitor, clerk, config.ui.fullscreen, config.display)
    if missing is not None:  # for the clerk, who can fix the cabling or the setting (not the visitor's business)
        clerk.show_notice(missing)
    return bridge, visitor, clerk


def run_kiosk(runtime: ScreenRuntime, quit_after_ms: int | None = None, ready_file: Path | None = None) -> int:
    """Show both screens and run the Qt event loop until the windows close (or ``quit_after_ms``).

    Once the loop runs with both windows shown, "kiosk ready" is logged and, with ``ready_file``, written
    there as JSON (wall time, session state): ``kiosk bench startup`` measures cold start with it.
    """
    app = application()
    bridge, visitor, clerk = show_windows(runtime)  # the bridge must live as long as the loop
    ticker = QTimer()
    ticker.timeout.connect(runtime.session.tick)
    ticker.start(1000)
    runtime.start_media()
    if quit_after_ms is not None:
        QTimer.singleShot(quit_after_ms, app.quit)
    QTimer.singleShot(0, lambda: _ready(runtime, (visitor, clerk), ready_file))
    QTimer.singleShot(0, freeze_start_up_heap)
    try:
        return app.exec()
    finally:
        ticker.stop()
        runtime.close()
        dismantle(app, ticker, bridge)


def dismantle(app: QApplication, *objects: QObject) -> None:
    """Destroy every window the kiosk made (children with them), then ``objects``, while ``app`` still exists.

    Left to Python, the QApplication goes first (the first local of :func:`run_kiosk` to be released) and PyQt then
    destroys the QObjects Python owns while it walks its map of wrappers; a window destroyed there takes its
    children's wrappers out of the map under the walk. That crashed the kiosk on quitting (SIGSEGV in sip's
    ``cleanup_qobject``; the CI run of 2026-11-29). Destroyed here, in this order, nothing of ours is left for that
    walk: ``kiosk run --no-devices --quit-after 0.5`` from a cold disk cache, 300 starts each, interleaved, under load
    8-10, crashed 9 times before and never after.
    """
    windows = [w for w in app.topLevelWidgets() if sip.ispyowned(w)]  # Qt's own (tooltips) are Qt's to delete
    for window in windows:
        window.close()
    for thing in (*windows, *objects):
        if not sip.isdeleted(thing):
            sip.delete(thing)


def freeze_start_up_heap() -> None:
    """Move everything loaded at start-up (models, Qt wrappers) out of the garbage collector's view.

    With MediaPipe and the language packs loaded, a full collection walks millions of objects and holds the
    interpreter for 50-100 ms, on whichever thread triggers it: the screens would stall. Frozen, a full
    collection only walks what the visits allocate.
    """
    gc.collect()
    gc.freeze()


def _ready(runtime: ScreenRuntime, windows: tuple[QWidget, ...], ready_file: Path | None) -> None:
    state, shown = runtime.session.state.value, all(w.isVisible() for w in windows)
    log.info("kiosk ready: windows shown=%s, session %s", shown, state)
    if ready_file is not None:  # written whole, then renamed: a reader never sees half a file
        partial = ready_file.with_name(ready_file.name + ".partial")
        partial.write_text(json.dumps({"time": time.time(), "windows_shown": shown, "session": state}))
        partial.replace(ready_file)
