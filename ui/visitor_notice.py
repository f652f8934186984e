"""What the visitor screen says of a device or saving problem (:class:`~base.events.Notice`)."""

from __future__ import annotations

from base.events import Notice
from ui.strings import tr

LOCAL_NOTICES = {  # notices with a text of their own in every visitor language (ui/strings.py)
    "store_failed": "not_saved",
    "speech_unavailable": "speech_unavailable",
    "no_demo_speech": "no_demo_speech",
}
DEMO_NOTICES = frozenset({"demo_camera", "demo_microphone"})  # what the demo banner already says


def visitor_notice(notice: Notice, language: str | None, signing: bool, demo: bool) -> str | None:
    """The notice in the visitor's language where it has a text of its own, else in Korean and English; for a
    deaf visitor (``signing``) a problem gets a picture and what to do. None: not the visitor's to read (that
    demo media play is the demo banner's to say, in the visitor's language)."""
    if demo and notice.code in DEMO_NOTICES:
        return None
    local = tr(LOCAL_NOTICES[notice.code], language) if notice.code in LOCAL_NOTICES else ""
    text = local or f"{notice.message_ko}\n{notice.message_en}"
    if signing and notice.severity != "info":
        text = f"✋ {text}\n{tr('error_sign_help', language)}"
    return text
