"""The clerk's microphone, labelled: what it does now, in words, and a Talk button with the live level.

In ``auto`` speech mode the kiosk listens all the time: the label says so and the Talk button shows what is
happening (듣고 있어요 / 번역하고 있어요 / 방문자가 말하고 있어요) with the microphone level along its bottom edge;
a tap only counts as activity (who spoke is decided by the language heard, :mod:`translations.attribution`).
In ``push_to_talk`` mode the button is held (checked) while the clerk speaks. Without speech (switched off,
or no model or microphone) the label says why and the button is hidden. A voice too soft to caption (the
``speak_up`` notice) is said there for a while, in the label's place (at most two lines: :mod:`ui.clerk_top`).
What gives way for it: never the Talk button (asked to speak up, the clerk presses it at once; it was hidden with the
hint, on every display), nor the text box and Send; where the rows lack room the quick phrases make way first, the chat
keeping the newest line (:mod:`ui.clerk_fit`).
"""

from __future__ import annotations

from PyQt6.QtCore import QTimer
from PyQt6.QtWidgets import QLabel

from base.events import Caption, Notice, Role, SessionState, StateChanged, TranscriptEntry
from kiosk.session import Session
from ui.action_bar import TalkButton
from ui.bridge import SessionBridge
from ui.visitor_notice import PASSING_S
from ui.widgets import session_is_push_to_talk

MIC = {
    "auto": "마이크 켜짐 · 자동으로 듣습니다",
    "push_to_talk": "마이크 · 말하기 버튼을 누르는 동안만 듣습니다",
    "off": "마이크 꺼짐 · 설정에서 음성 인식을 껐습니다",
    "unavailable": "마이크 사용 불가 · 글자와 문구로 대화하세요",
    "idle": "마이크 대기 · 상담 중에만 듣습니다",
    "soft": "말소리가 작아요 · 가까이서 말씀하세요",
}
TALKS = {"auto", "push_to_talk", "soft"}  # the states of a microphone that listens: the Talk button shows


class ClerkVoice:
    """The microphone state in words (``state``, beside the visit's status) and the clerk's Talk button (``talk``,
    beside the text box)."""

    def __init__(self, session: Session, bridge: SessionBridge) -> None:
        """``bridge``: the session's events; whose words are being heard is its :attr:`SessionBridge.speaking`."""
        self.session, self.bridge = session, bridge
        self.state = QLabel()
        self.state.setObjectName("mic_state")
        self.state.setWordWrap(True)
        self.talk = TalkButton("clerk_talk", other="visitor_speaking")
        self.talk.toggled.connect(self._on_talk)
        self.unavailable = not session.config.speech.enabled
        self.translating = False  # a line the clerk typed or tapped is with the line worker
        self.soft = QTimer(self.state)  # while it runs, the label asks to speak up (a new notice starts it again)
        self.soft.setSingleShot(True)
        self.soft.timeout.connect(self.update_state)
        self.update_state()

    def _on_talk(self, on: bool) -> None:
        self.session.talk(Role.CLERK if on else None)
        self.update_state()

    def on_caption(self, caption: Caption) -> None:
        if caption.role is Role.VISITOR:
            self.update_state()

    def on_entry(self, entry: TranscriptEntry) -> None:
        if entry.role is Role.CLERK:
            self.translating = False
        self.update_state()

    def on_notice(self, notice: Notice) -> None:
        if notice.code == "speech_unavailable":
            self.unavailable = True
        elif notice.code in PASSING_S:
            self.soft.start(round(PASSING_S[notice.code] * 1000))
        self.update_state()

    def end_hint(self) -> None:
        """The label says the microphone's state again now, not when the hint's time is up."""
        self.soft.stop()
        self.update_state()

    def on_state(self, event: StateChanged) -> None:
        if event.state is SessionState.IDLE:
            self.translating = False
            self.talk.setChecked(False)
        self.update_state()

    def sending(self) -> None:
        """The clerk sent a line: "translating" until it comes back."""
        self.translating = True
        self.update_state()

    def update_state(self) -> None:
        speech = self.session.config.speech
        if not speech.enabled:
            key = "off"
        elif self.unavailable:
            key = "unavailable"
        elif not self.session.listening:
            key = "idle"
        elif self.soft.isActive():
            key = "soft"
        else:
            key = speech.mode
        self.state.setText(MIC[key])
        self.talk.setVisible(key in TALKS)
        push_to_talk = session_is_push_to_talk(self.session)
        self.talk.show_state(Role.VISITOR in self.bridge.speaking, self.translating, push_to_talk, "ko")
