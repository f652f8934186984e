"""Both windows shown as ``kiosk run`` shows them (:func:`ui.app.show_windows`), for a test that starts this module in
a process of its own: the offscreen platform's screens are fixed when Qt starts (``QT_QPA_PLATFORM=offscreen:
configfile=...``). ``python -m tests.shown_kiosk CONFIG`` prints, as JSON, each window's screen, geometry and what
:func:`ui.layout_check.layout_problems` says of its size on that screen, for a few states of a visit."""

from __future__ import annotations

import json
import sys
from pathlib import Path

from PyQt6.QtWidgets import QPushButton, QWidget

from base.clock import ManualClock
from base.events import Modality, Role, VisitorMode
from kiosk.config import load_config
from kiosk.deviceless_runtime import DevicelessRuntime
from kiosk.session import Session
from kiosk.store import TranscriptStore
from kiosk.translation import kiosk_suggester, kiosk_translator
from ui.app import application, dismantle, show_windows
from ui.layout_check import layout_problems


def _shown(window: QWidget) -> dict[str, object]:
    """Where ``window`` is and what does not fit its screen's room (the check's "window ..." problems)."""
    for _ in range(10):
        application().processEvents()
    area = window.screen().availableGeometry()
    problems = [p for p in layout_problems(window, area.size()) if p.startswith("window")]
    return {
        "screen": window.screen().name(),
        "area": area.getRect(),
        "geometry": window.geometry().getRect(),
        "problems": problems,
    }


def main(config_path: Path) -> dict[str, dict[str, object]]:
    """The windows' places and problems: idle, the visitor's start page, a visit with lines, the clerk's suggestions."""
    config = load_config(config_path)
    app = application()
    translator, _ = kiosk_translator(config)
    session = Session(
        config,
        TranscriptStore(config.store.path),
        clock=ManualClock(),
        translator=translator,
        suggester=kiosk_suggester(config),
    )
    runtime = DevicelessRuntime(session, speaks=False)
    bridge, visitor, clerk = show_windows(runtime)
    steps = {
        "idle": lambda: None,
        "start": lambda: visitor.findChild(QPushButton, "attract").click(),
        "visit": lambda: (
            session.choose("en", VisitorMode.SPEECH),
            session.begin(),
            session.say_phrase(Role.CLERK, "greeting"),
        ),
        "visitor line": lambda: session.say(
            Role.VISITOR, "I moved house, where do I report my new address?", Modality.SPEECH, language="en"
        ),
        "suggestions": lambda: session.say(Role.CLERK, "카드 꽂아 주세요"),
    }
    shown = {}
    for state, step in steps.items():
        step()
        shown[state] = {"visitor": _shown(visitor), "clerk": _shown(clerk)}
    runtime.close()
    dismantle(app, bridge)  # (as kiosk run quits: left to Python, PyQt's clean-up at exit may crash)
    return shown


if __name__ == "__main__":
    print(json.dumps(main(Path(sys.argv[1]))))
