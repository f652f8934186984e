"""The clerk's screen: the conversation as a chat, a text box, Korean quick phrases, start and end a visit.

Clerk-facing text is Korean (the clerk's working language). The transcript (:mod:`ui.clerk_chat`) puts the
visitor's lines on the left and the clerk's on the right, Korean first, with badges and one-tap correction
and speaker flip; words still being recognised (speech, signs, fingerspelling) show in a dashed bubble at its
end. The microphone's state is in words beside the clerk's Talk button (:mod:`ui.clerk_voice`).
"""

from __future__ import annotations

from collections.abc import Callable

from PyQt6.QtCore import QEvent
from PyQt6.QtGui import QResizeEvent
from PyQt6.QtWidgets import (
    QComboBox,
    QHBoxLayout,
    QLabel,
    QLineEdit,
    QPushButton,
    QVBoxLayout,
    QWidget,
)

from base.errors import KioskError
from base.events import (
    Caption,
    Notice,
    Role,
    SessionState,
    SignChips,
    Spelling,
    StateChanged,
    TimeoutWarning,
    TranscriptEntry,
    VisitorMode,
)
from kiosk.admin.pin import AdminGate
from kiosk.admin.recorder import FrameRecorder
from kiosk.channels.signing import SignChannel
from kiosk.line_worker import LineWorker
from kiosk.session import Session
from ui.admin_window import AdminWindow
from ui.bridge import SessionBridge
from ui.clerk_chat import ClerkTranscript
from ui.clerk_desk import ask_correction, confirm_dialog, open_admin, print_transcript
from ui.clerk_offer import QWIDGETSIZE_MAX, OfferList
from ui.clerk_room import ClerkRoom
from ui.clerk_strings import SUGGESTIONS, SUGGESTIONS_SHORT
from ui.clerk_top import NARROW, TopRow
from ui.clerk_voice import ClerkVoice
from ui.kiosk_mode import ask_pin_dialog
from ui.phrase_breaks import keep_together, set_wrapped
from ui.phrase_panel import PhrasePanel
from ui.places import text_room_px
from ui.strings import language_label, tr
from ui.suggestion_bar import SuggestionBar
from ui.visitor_notice import PASSING_S
from ui.widgets import DemoBanner, MessageLine, TapToClose

STATES = {"idle": "대기 중", "chosen": "방문자 선택 완료", "conversation": "상담 중", "closing": "상담 종료"}
CLOSE = "  (눌러서 닫기)"  # the notice banner: a tap puts it away
MODES = {"speech": "음성", "sign": "수어", "fingerspelling": "지문자", "text": "글자"}
ENTRY, ENTRY_SHORT = "전할 말 입력", "전할 말"  # what the text box says (whole at 200 % on 960x1080); narrow, short


class ClerkWindow(QWidget):
    """The clerk screen for one Session."""

    def __init__(
        self,
        session: Session,
        bridge: SessionBridge,
        ask_text: Callable[[QWidget, str], str | None] | None = None,
        confirm: Callable[[QWidget, str], bool] | None = None,
        gate: AdminGate | None = None,
        ask_pin: Callable[[QWidget], str | None] = ask_pin_dialog,
        recorder: FrameRecorder | None = None,
        signing: SignChannel | None = None,
        lines: LineWorker | None = None,
        demo: bool = False,
    ) -> None:
        """``demo``: demo media play instead of a camera and microphone, which a band on top says."""
        super().__init__()
        self.session = session
        self.banner = DemoBanner()  # its short form, first in the top row: a band of its own took the chat's room
        self.banner.set_texts(tr("demo_mode", "ko"), tr("demo_title", "ko"))
        self.banner.compact(True)
        self.banner.setVisible(demo)
        self.lines = lines or LineWorker(session)  # lines and corrections are translated off the Qt thread
        self.setWindowTitle(f"담당자 화면 — {session.config.kiosk.name}")
        self.status = QLabel()
        self.status.setObjectName("clerk_status")
        self.status.setWordWrap(True)
        self.notice = TapToClose()
        self.notice.setObjectName("notice_banner")
        self.notice.setToolTip("눌러서 닫기")
        self.notice.setWordWrap(True)
        self.notice.hide()
        self.visitor_choice = QComboBox()
        self.visitor_choice.setObjectName("clerk_visitor_choice")
        for code in session.config.kiosk.languages:
            mode = VisitorMode.TEXT if code == "ko" else VisitorMode.SPEECH
            self.visitor_choice.addItem(language_label(code), (code, mode))
        self.visitor_choice.addItem("수어", ("ko", VisitorMode.SIGN))
        self.visitor_choice.addItem("지문자", ("ko", VisitorMode.FINGERSPELLING))
        self.start = QPushButton("상담 시작")
        self.start.setObjectName("clerk_start")
        self.start.clicked.connect(self._start)
        self.end = QPushButton("상담 종료")
        self.gate, self.ask_pin, self.recorder, self.signing = gate, ask_pin, recorder, signing
        self.print_button = QPushButton("기록 인쇄")
        self.print_button.setObjectName("print_transcript")
        self.print_button.setToolTip("방문자가 동의한 경우에만 (방문자 화면에서 '예')")
        self.print_button.setEnabled(False)
        self.print_button.clicked.connect(self.print_transcript)
        self.admin_button = QPushButton("관리")
        self.admin_button.setObjectName("open_admin")
        self.admin_button.clicked.connect(self.open_admin)
        self.admin: AdminWindow | None = None
        self.end.setObjectName("clerk_end")
        self.end.clicked.connect(self._end)  # red, and asked first: it ends the visitor's conversation too
        self.transcript = ClerkTranscript(session.config.kiosk.clerk_language, self._correct, self._flip)
        self._ask_text = ask_text or ask_correction
        self._confirm = confirm or confirm_dialog
        self.input = QLineEdit()
        self.input.setObjectName("clerk_input")
        self.input.setPlaceholderText(ENTRY)
        self.input.returnPressed.connect(self._send)
        self.send = QPushButton("보내기")
        self.send.setObjectName("clerk_send")
        self.send.clicked.connect(self._send)
        self.voice = ClerkVoice(session, bridge)
        self.talk = self.voice.talk
        self.error = MessageLine()  # takes no room while it says nothing
        self.error.setObjectName("clerk_error")
        self.error.clear()
        self._build_layout()
        bridge.state_changed.connect(self._on_state)
        bridge.entry_added.connect(self._on_entry)
        bridge.notice.connect(self._on_notice)
        bridge.timeout_warning.connect(self._on_timeout)
        bridge.caption.connect(self._on_caption)
        bridge.spelling.connect(self._on_spelling)
        bridge.signs.connect(self._on_signs)
        bridge.entry_added.connect(self.suggestions.on_entry)
        bridge.suggestions.connect(
            lambda offer: self.suggestions.show_offer(offer, SUGGESTIONS, short=SUGGESTIONS_SHORT)
        )
        bridge.level.connect(self.talk.set_level)
        for signal, slot in ((bridge.caption, "on_caption"), (bridge.entry_added, "on_entry")):
            signal.connect(getattr(self.voice, slot))
        bridge.notice.connect(self.voice.on_notice)
        bridge.state_changed.connect(self.voice.on_state)
        self._on_state(StateChanged(session.state, session.session_id, session.language, session.mode))

    def _build_layout(self) -> None:
        """Status and the visit's buttons on top, the chat, then the phrases, the text box and the microphone."""
        visit = QHBoxLayout()
        visit.addWidget(self.visitor_choice, 1)
        visit.addWidget(self.start, 1)
        visit.addWidget(self.end, 1)
        buttons = (self.print_button, self.admin_button)  # in the visit's row where narrow (ui.clerk_top)
        self.top = top = TopRow(self.banner, self.status, self.voice.state, buttons, visit)
        self.phrases = PhrasePanel(
            self.session.phrasebook.for_role("clerk"), self._say_phrase, columns=3, prefix="clerk_phrase"
        )
        self.phrases.set_language("ko")
        self.suggestions = SuggestionBar(  # in the phrases' place while on offer: the chat keeps its room
            Role.CLERK, self._use_suggestion, prefix="clerk", with_translation=True, replaces=self.phrases
        )
        self.entry = entry = QHBoxLayout()
        entry.addWidget(self.input, 1)  # at 2 of 4, the state on Talk took three lines at 200 % on 1366x768
        entry.addWidget(self.send)
        entry.addWidget(self.talk, 1)
        layout = QVBoxLayout(self)
        self.offer = OfferList(self.suggestions)  # in a view of its own: the window keeps the display's height
        chat = (self.transcript, self.offer, self.phrases, self.error)
        parts = (top, visit, self.notice, *chat, entry)
        for part in parts:
            layout.addWidget(part) if isinstance(part, QWidget) else layout.addLayout(part)
        layout.setStretch(parts.index(self.transcript), 1)  # the chat takes the room that is left
        self.room = ClerkRoom(self, self.transcript, self.phrases, self.offer)

    def resizeEvent(self, event: QResizeEvent) -> None:
        super().resizeEvent(event)
        self._fit()

    def event(self, event: QEvent) -> bool:
        handled = super().event(event)
        if event.type() == QEvent.Type.LayoutRequest:  # a row shown, hidden or taller: the notice, the hint
            self._fit()
        return handled

    def _fit(self) -> None:
        """The top rows for the window's width (:class:`ui.clerk_top.TopRow`), then the chat's and phrases' heights."""
        self.top.fit(self.width())
        self._show_pressable()
        self._fit_entry()
        self.room.fit()

    def _fit_entry(self) -> None:
        """Narrow (:data:`ui.clerk_top.NARROW`), the text box says its short form and is no wider than that needs, and
        Talk has the rest: its state in two lines (given half the row, "방문자가 말하고 있어요" took three, 266 px, and
        Talk lay past the 683x768 half's bottom; the text box said "전할 말…"). Else the two share the row."""
        narrow = self.top.arrangement == NARROW
        text = ENTRY_SHORT if narrow else ENTRY
        if self.input.placeholderText() != text:
            self.input.setPlaceholderText(text)
        most = QWIDGETSIZE_MAX
        if narrow:  # the field's frame and margins (its width less the room for text) and the placeholder's width
            most = self.input.width() - text_room_px(self.input) + self.input.fontMetrics().horizontalAdvance(text)
        if self.input.maximumWidth() != most:
            self.input.setMaximumWidth(most)

    def _show_pressable(self) -> None:
        """Narrow, the visit's row shows what can be pressed now (:meth:`ui.clerk_top.TopRow.show_pressable`)."""
        self.top.show_pressable(self.session.state is SessionState.IDLE)

    def _end(self) -> None:
        if self._confirm(self, "상담을 종료할까요? 방문자 화면은 마무리 화면으로 바뀝니다."):
            self._act(lambda: self.session.end("clerk"))

    def _start(self) -> None:
        language, mode = self.visitor_choice.currentData()
        self._act(lambda: (self.session.choose(language, mode, reason="clerk"), self.session.begin()))

    def _send(self) -> None:
        if self._act(lambda: self.lines.say(Role.CLERK, self.input.text())):
            self.input.clear()
            self.voice.sending()

    def _say_phrase(self, phrase_id: str) -> None:
        if self._act(lambda: self.lines.say_phrase(Role.CLERK, phrase_id)):
            self.voice.sending()

    def _use_suggestion(self, entry_id: int, suggestion_id: str) -> None:
        self._act(lambda: self.lines.use_suggestion(entry_id, suggestion_id))

    def _act(self, action: object) -> bool:
        """Run a session action; a refusal is shown in the error line, never raised into Qt."""
        try:
            action()  # type: ignore[operator]
        except KioskError as exc:
            self.error.setText(exc.message_ko)
            return False
        self.error.clear()
        return True

    def _on_state(self, event: StateChanged) -> None:
        self._last_state = event
        text = STATES[event.state.value]
        if event.language:
            mode = MODES[event.mode.value] if event.mode else ""
            name = keep_together(language_label(event.language))  # "中文 (简|体)" otherwise
            text += f" · {name} · {mode}"
        set_wrapped(self.status, text, None)
        self._show_visit_choice(event)
        active = event.state in (SessionState.CHOSEN, SessionState.CONVERSATION)
        self.start.setEnabled(event.state is SessionState.IDLE)
        self.end.setEnabled(active)
        self.print_button.setEnabled(self.session.consented and event.state is not SessionState.IDLE)
        if event.state is not SessionState.CONVERSATION:
            self.suggestions.clear()
        if event.state in (SessionState.CHOSEN, SessionState.IDLE):
            self.transcript.clear()
        if event.state is SessionState.IDLE:
            self.notice.hide()
        self._show_pressable()

    def _show_visit_choice(self, event: StateChanged) -> None:
        """The choice shows the visit's own language and mode (the visitor may have chosen on their screen)."""
        if event.language is None:
            return
        index = self.visitor_choice.findData((event.language, event.mode))
        if index < 0:
            codes = [self.visitor_choice.itemData(i)[0] for i in range(self.visitor_choice.count())]
            index = codes.index(event.language) if event.language in codes else -1
        if index >= 0:
            self.visitor_choice.setCurrentIndex(index)

    def _on_entry(self, entry: TranscriptEntry) -> None:
        """A new line, or a corrected one (same entry id: rewritten in place, on its speaker's side)."""
        self.transcript.show_entry(entry, self.session.language)

    def print_transcript(self) -> None:
        """Print this visit's transcript (the visitor agreed): :func:`ui.clerk_desk.print_transcript`."""
        print_transcript(self.session, self.error.setText)

    def open_admin(self) -> None:
        """The admin screen, after the admin PIN (:func:`ui.clerk_desk.open_admin`)."""
        if self.gate is not None:
            parts = (self.recorder, self.signing)
            admin = open_admin(self.session, self.gate, lambda: self.ask_pin(self), self.error.setText, parts)
            self.admin = admin or self.admin

    def _correct(self, entry: TranscriptEntry) -> None:
        """고치기: the clerk types the right words; stored as a correction, the original kept."""
        current = entry.correction or (
            entry.text if entry.role is Role.CLERK else entry.translations.get("ko", entry.text)
        )
        text = self._ask_text(self, current)
        if text is None or text.strip() == current:
            return
        self._act(lambda: self.lines.correct(entry.entry_id, text))

    def _flip(self, entry: TranscriptEntry) -> None:
        """화자 바꾸기: the other party said this line (stored as a correction; both screens move it)."""
        self._act(lambda: self.lines.flip_speaker(entry.entry_id))

    def _on_caption(self, caption: Caption) -> None:
        """Live words of either side in a dashed bubble on the speaker's side, until the final line arrives."""
        who = "방문자" if caption.role is Role.VISITOR else "담당자"
        self.transcript.show_partial(caption.role, who, "" if caption.final else caption.text, "인식 중")

    def _on_spelling(self, spelling: Spelling) -> None:
        """A fingerspelled word in progress, until the visitor confirms it."""
        text = spelling.text if spelling.letters else ""
        self.transcript.show_partial(Role.VISITOR, "방문자", text, "지문자 입력 중")

    def _on_signs(self, chips: SignChips) -> None:
        """The visitor's signs so far (known and unknown), until the sentence is sent."""
        glosses = " · ".join(s.gloss for s in chips.signs)
        self.transcript.show_partial(Role.VISITOR, "방문자", glosses, "수어 인식 중")

    def show_notice(self, notice: Notice) -> None:
        """A message for the clerk only, in Korean and English (e.g. a configured screen is missing)."""
        self.notice.setText(f"{notice.message_ko}\n{notice.message_en}{CLOSE}")
        self.notice.show()

    def _on_notice(self, notice: Notice) -> None:
        if notice.code in PASSING_S:  # the microphone's label says it for a while (ui.clerk_voice)
            return
        self.notice.setText(notice.message_ko + CLOSE)
        self.notice.show()
        if notice.code == "consent":
            self.print_button.setEnabled(self.session.consented)
            self._show_pressable()

    def _on_timeout(self, warning: TimeoutWarning) -> None:
        if warning.active:
            self.status.setText(f"{STATES['conversation']} · {int(warning.seconds_left)}초 후 자동 종료")
        else:
            self._on_state(self._last_state)
