"""What the visitor screen says of a device or saving problem (:class:`~base.events.Notice`)."""

from __future__ import annotations

from collections.abc import Callable

from PyQt6.QtCore import QTimer
from PyQt6.QtWidgets import QLabel, QWidget

from base.events import Notice
from ui.strings import tr

LOCAL_NOTICES = {  # notices with a text of their own in every visitor language (ui/strings.py)
    "store_failed": "not_saved",
    "speech_unavailable": "speech_unavailable",
    "no_demo_speech": "no_demo_speech",
    "speak_up": "speak_up",
}
PASSING_S = {"speak_up": 6.0}  # notices that go away by themselves after this many seconds
DEMO_NOTICES = frozenset({"demo_camera", "demo_microphone"})  # what the demo banner already says


def visitor_notice(notice: Notice, language: str | None, signing: bool, demo: bool) -> str | None:
    """The notice in the visitor's language where it has a text of its own, else in Korean and English; for a
    deaf visitor (``signing``) a problem gets a picture and what to do. None: not the visitor's to read (that
    demo media play is the demo banner's to say, in the visitor's language; asking to speak louder, when the visitor
    signs)."""
    if (demo and notice.code in DEMO_NOTICES) or (signing and notice.code == "speak_up"):
        return None
    local = tr(LOCAL_NOTICES[notice.code], language) if notice.code in LOCAL_NOTICES else ""
    text = local or f"{notice.message_ko}\n{notice.message_en}"
    if signing and notice.severity != "info":
        text = f"✋ {text}\n{tr('error_sign_help', language)}"
    return text


def show_notice(label: QLabel, text: str, code: str) -> None:
    """Show ``text`` on the banner ``label``; a passing notice (``PASSING_S``) hides itself after a while unless
    another notice replaced it."""
    label.setText(text)
    label.show()
    if code in PASSING_S:
        later(label, PASSING_S[code], lambda: label.hide() if label.text() == text else None)


def later(owner: QWidget, seconds: float, action: Callable[[], None]) -> None:
    """Run ``action`` once after ``seconds``, unless ``owner`` is gone by then."""
    timer = QTimer(owner)
    timer.setSingleShot(True)
    timer.timeout.connect(action)
    timer.timeout.connect(timer.deleteLater)
    timer.start(round(seconds * 1000))
