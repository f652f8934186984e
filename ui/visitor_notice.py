"""What the visitor screen says of a device or saving problem (:class:`~base.events.Notice`)."""

from __future__ import annotations

from PyQt6.QtCore import QTimer

from base.events import Notice
from ui.strings import tr, tr_short
from ui.widgets import ShortFormLabel

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


def short_notice(notice: Notice, language: str | None) -> str:
    """The notice's short form in the visitor's language, for where the rows need the room; "": it has none."""
    return tr_short(LOCAL_NOTICES.get(notice.code, ""), language)


class NoticeBanner(ShortFormLabel):
    """The visitor's notice banner, whole or in a short form where the rows need the room (never dropped for room:
    the speak-up hint is for the visitor who needs large text the most); a passing notice (``PASSING_S``) hides it
    after a while, on one timer that each notice restarts (a passing one) or stops (another): an earlier notice's time
    never hides a later one."""

    def __init__(self) -> None:
        super().__init__()
        self.passing = QTimer(self)
        self.passing.setSingleShot(True)
        self.passing.timeout.connect(self.hide)

    def show_notice(self, text: str, code: str, short: str = "", language: str | None = None) -> None:
        """Show ``text`` (``short``: its short form; ``language``: theirs), for ``PASSING_S[code]`` seconds if
        ``code`` is a passing notice, else until replaced."""
        self.set_texts(text, short, language)
        self.show()
        if code in PASSING_S:
            self.passing.start(round(PASSING_S[code] * 1000))
        else:
            self.passing.stop()
