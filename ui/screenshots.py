"""Render both screens offscreen to PNG files for the README: ``python -m ui.screenshots OUT_DIR``.

A short scripted visit in English (a typed line, a clerk phrase) fills the conversation; the session
runs on an in-memory store, so nothing is kept.
"""

from __future__ import annotations

import os
import sys
from pathlib import Path

from kiosk.clock import ManualClock
from kiosk.config import load_config
from kiosk.events import Notice, Role, VisitorMode
from kiosk.runtime import DeviceStatus
from kiosk.session import Session
from kiosk.store import TranscriptStore
from kiosk.translation import kiosk_translator
from kiosk.voice_output import VoiceOutput

SIZE = (1280, 800)


class _ShotRuntime:
    """A runtime without devices, announcing demo mode like a kiosk without camera and microphone."""

    status = DeviceStatus(camera="demo", microphone="demo", speaker="none")

    def __init__(self, session: Session) -> None:
        self.session = session
        self.startup_notices: list[Notice] = []
        self.voice = VoiceOutput.without_speaker(session.config.voice)

    def subscribe_frames(self, listener: object) -> None: ...

    def subscribe_level(self, listener: object) -> None: ...

    def start_media(self) -> None: ...

    def close(self) -> None:
        self.voice.close()


def render(out: Path) -> list[Path]:
    """Write visitor_start.png, visitor_conversation.png and clerk.png into ``out``."""
    os.environ.setdefault("QT_QPA_PLATFORM", "offscreen")
    from ui.app import application, build_windows

    app = application()
    config = load_config()
    translator, _ = kiosk_translator(config)
    session = Session(config, TranscriptStore(":memory:"), clock=ManualClock(), translator=translator)
    runtime = _ShotRuntime(session)
    _bridge, visitor, clerk = build_windows(runtime)
    for window in (visitor, clerk):
        window.resize(*SIZE)
        window.show()
    out.mkdir(parents=True, exist_ok=True)
    paths = []

    def shot(widget: object, name: str) -> None:
        app.processEvents()
        path = out / name
        widget.grab().save(str(path))  # type: ignore[attr-defined]
        paths.append(path)

    shot(visitor, "visitor_start.png")
    session.choose("en", VisitorMode.SPEECH)
    session.begin()
    session.say_phrase(Role.CLERK, "greeting")
    session.say(Role.VISITOR, session.phrasebook.get("need_certificate").texts["en"])  # typed: found in the phrasebook
    session.say(Role.VISITOR, "It is for my new job.")  # no pack installed: shown untranslated
    session.say_phrase(Role.CLERK, "id_please")
    shot(visitor, "visitor_conversation.png")
    shot(clerk, "clerk.png")
    runtime.close()
    return paths


if __name__ == "__main__":
    for written in render(Path(sys.argv[1] if len(sys.argv) > 1 else "docs/screenshots")):
        print(written)
