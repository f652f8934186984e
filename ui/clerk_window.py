"""The clerk's screen: the two-way transcript, a text box, Korean quick phrases, start and end a visit.

Clerk-facing text is Korean (the clerk's working language). Each transcript row puts the line in the
speaker's column: visitor lines on the left, clerk lines on the right, the translation underneath and a
badge saying where it came from (문구집 = reviewed phrasebook).
"""

from __future__ import annotations

import time
from collections.abc import Callable

from PyQt6.QtCore import Qt
from PyQt6.QtGui import QTextDocument
from PyQt6.QtPrintSupport import QPrinter, QPrinterInfo
from PyQt6.QtWidgets import (
    QComboBox,
    QHBoxLayout,
    QHeaderView,
    QInputDialog,
    QLabel,
    QLineEdit,
    QMessageBox,
    QProgressBar,
    QPushButton,
    QTableWidget,
    QTableWidgetItem,
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
from kiosk.admin.actions import AdminActions
from kiosk.admin.pin import AdminGate
from kiosk.admin.recorder import FrameRecorder
from kiosk.channels.signing import SignChannel
from kiosk.line_worker import LineWorker
from kiosk.session import Session
from ui.admin_window import AdminWindow
from ui.bridge import SessionBridge
from ui.kiosk_mode import ask_pin_dialog
from ui.phrase_panel import PhrasePanel
from ui.strings import language_label
from ui.suggestion_bar import SuggestionBar

SUGGESTIONS = "혹시 이 문구인가요? 누르면 검수된 번역을 보냅니다 (안 누르면 번역 없이 전달)"
PROVENANCE = {
    "template": "문구 틀",
    "phrasebook": "문구집",
    "machine": "기계 번역",
    "pivot": "기계 번역(영어 경유)",
    "original": "",
}
STATES = {"idle": "대기 중", "chosen": "방문자 선택 완료", "conversation": "상담 중", "closing": "상담 종료"}
MODES = {"speech": "음성", "sign": "수어", "fingerspelling": "지문자", "text": "글자"}
VISITOR, CLERK = 1, 2


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
    ) -> None:
        super().__init__()
        self.session = session
        self.lines = lines or LineWorker(session)  # lines and corrections are translated off the Qt thread
        self.setWindowTitle(f"담당자 화면 — {session.config.kiosk.name}")
        self.status = QLabel()
        self.status.setObjectName("clerk_status")
        self.notice = QLabel()
        self.notice.setObjectName("notice_banner")
        self.notice.setWordWrap(True)
        self.notice.hide()
        self.level = QProgressBar()
        self.level.setObjectName("mic_level")
        self.level.setRange(0, 100)
        self.level.setTextVisible(False)
        self.level.setMaximumWidth(160)
        self.level_label = QLabel("마이크")  # the meter beside it shows what the microphone hears
        self.level_label.setBuddy(self.level)
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
        self.table = QTableWidget(0, 3)
        self.table.setObjectName("clerk_transcript")
        self.table.setHorizontalHeaderLabels(["시각", "방문자", "담당자"])
        header = self.table.horizontalHeader()
        header.setSectionResizeMode(0, QHeaderView.ResizeMode.ResizeToContents)
        header.setSectionResizeMode(VISITOR, QHeaderView.ResizeMode.Stretch)
        header.setSectionResizeMode(CLERK, QHeaderView.ResizeMode.Stretch)
        self.table.verticalHeader().hide()
        self.table.setWordWrap(True)
        self.table.setEditTriggers(QTableWidget.EditTrigger.NoEditTriggers)
        self.table.setToolTip("두 번 눌러 고치기 (원문은 그대로 남습니다)")
        self.table.cellDoubleClicked.connect(self._correct_row)
        self._ask_text = ask_text or _ask_correction
        self._confirm = confirm or _confirm_dialog
        self._rows: dict[int, int] = {}  # entry id -> table row
        self._entries: dict[int, TranscriptEntry] = {}
        self.input = QLineEdit()
        self.input.setObjectName("clerk_input")
        self.input.setPlaceholderText("방문자에게 전할 말을 입력하세요")
        self.input.returnPressed.connect(self._send)
        self.send = QPushButton("보내기")
        self.send.setObjectName("clerk_send")
        self.send.clicked.connect(self._send)
        self.talk = QPushButton("말하기")
        self.talk.setObjectName("clerk_talk")
        self.talk.setCheckable(True)
        self.talk.toggled.connect(lambda on: self.session.talk(Role.CLERK if on else None))
        self.talk.setVisible(session.config.speech.enabled and session.config.speech.mode == "push_to_talk")
        self.partial = QLabel()
        self.partial.setObjectName("partial_caption")
        self.partial.setWordWrap(True)
        self.error = QLabel()
        self.error.setObjectName("clerk_error")
        self._build_layout()
        bridge.state_changed.connect(self._on_state)
        bridge.entry_added.connect(self._on_entry)
        bridge.notice.connect(self._on_notice)
        bridge.timeout_warning.connect(self._on_timeout)
        bridge.caption.connect(self._on_caption)
        bridge.spelling.connect(self._on_spelling)
        bridge.signs.connect(self._on_signs)
        bridge.entry_added.connect(self.suggestions.on_entry)
        bridge.suggestions.connect(lambda offer: self.suggestions.show_offer(offer, SUGGESTIONS))
        bridge.level.connect(lambda value: self.level.setValue(int(value * 100)))
        self._on_state(StateChanged(session.state, session.session_id, session.language, session.mode))

    def _build_layout(self) -> None:
        top = QHBoxLayout()
        top_row = (
            self.status,
            self.level_label,
            self.level,
            self.visitor_choice,
            self.start,
            self.end,
            self.print_button,
            self.admin_button,
        )
        for widget in top_row:
            top.addWidget(widget)
        top.setStretch(0, 1)
        self.phrases = PhrasePanel(
            self.session.phrasebook.for_role("clerk"), self._say_phrase, columns=3, prefix="clerk_phrase"
        )
        self.phrases.set_language("ko")
        self.suggestions = SuggestionBar(Role.CLERK, self._use_suggestion, prefix="clerk", with_translation=True)
        entry = QHBoxLayout()
        entry.addWidget(self.input, 1)
        entry.addWidget(self.send)
        entry.addWidget(self.talk)
        layout = QVBoxLayout(self)
        layout.addLayout(top)
        layout.addWidget(self.notice)
        layout.addWidget(self.table, 1)
        layout.addWidget(self.partial)
        layout.addWidget(self.phrases)
        layout.addWidget(self.error)
        layout.addLayout(entry)
        layout.addWidget(self.suggestions)

    def _end(self) -> None:
        if self._confirm(self, "상담을 종료할까요? 방문자 화면은 마무리 화면으로 바뀝니다."):
            self._act(lambda: self.session.end("clerk"))

    def _start(self) -> None:
        language, mode = self.visitor_choice.currentData()
        self._act(lambda: (self.session.choose(language, mode, reason="clerk"), self.session.begin()))

    def _send(self) -> None:
        if self._act(lambda: self.lines.say(Role.CLERK, self.input.text())):
            self.input.clear()

    def _say_phrase(self, phrase_id: str) -> None:
        self._act(lambda: self.lines.say_phrase(Role.CLERK, phrase_id))

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
            text += f" · {language_label(event.language)} · {mode}"
        self.status.setText(text)
        self._show_visit_choice(event)
        active = event.state in (SessionState.CHOSEN, SessionState.CONVERSATION)
        self.start.setEnabled(event.state is SessionState.IDLE)
        self.end.setEnabled(active)
        self.print_button.setEnabled(self.session.consented and event.state is not SessionState.IDLE)
        if event.state is not SessionState.CONVERSATION:
            self.suggestions.clear()
        if event.state in (SessionState.CHOSEN, SessionState.IDLE):
            self.table.setRowCount(0)
            self._rows.clear()
            self._entries.clear()
        if event.state is SessionState.IDLE:
            self.notice.hide()
            self.partial.clear()
            self.talk.setChecked(False)

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
        """A new line, or a corrected one (same entry id: its row is rewritten)."""
        row = self._rows.get(entry.entry_id) if entry.entry_id else None
        if row is None:
            row = self.table.rowCount()
            self.table.insertRow(row)
            if entry.entry_id:
                self._rows[entry.entry_id] = row
        self._entries[row] = entry
        self.table.setItem(row, 0, QTableWidgetItem(time.strftime("%H:%M:%S", time.localtime(entry.time))))
        if entry.correction:
            lines = [f"✎ {entry.correction}", f"(원문: {entry.text})"]
            lines += [f"→ {text}" for lang, text in entry.translations.items() if lang != "ko"]
        else:
            lines = [entry.text, *(f"→ {text}" for text in entry.translations.values())]
        kind = "추천 문구 선택" if entry.suggestion else PROVENANCE.get(entry.provenance, entry.provenance)
        badges = ["수정됨" if entry.correction else "", kind]
        if entry.confidence is not None:
            badges.append(f"신뢰도 {entry.confidence:.0%}")
        if not entry.saved:
            badges.append("저장 안 됨")
        badge = " · ".join(b for b in badges if b)
        item = QTableWidgetItem("\n".join(lines) + (f"\n[{badge}]" if badge else ""))
        self.table.setItem(row, VISITOR if entry.role is Role.VISITOR else CLERK, item)
        self.table.resizeRowToContents(row)
        self.table.scrollToBottom()

    def print_transcript(self) -> None:
        """Print this visit's transcript (the visitor agreed); without a printer it is saved as a file."""
        try:
            path = self.session.export("html")
        except (KioskError, OSError) as exc:
            self.error.setText(getattr(exc, "message_ko", str(exc)))
            return
        if not QPrinterInfo.availablePrinters():
            self.error.setText(f"프린터가 없어 파일로 저장했습니다: {path}")
            return
        document = QTextDocument()
        document.setHtml(path.read_text(encoding="utf-8"))
        document.print(QPrinter(QPrinter.PrinterMode.HighResolution))
        self.error.setText("인쇄를 보냈습니다")

    def open_admin(self) -> None:
        """The admin screen, after the admin PIN (without a configured PIN only outside kiosk mode)."""
        gate = self.gate
        if gate is None:
            return
        if gate.enabled:
            pin = self.ask_pin(self)
            if pin is None or not gate.try_pin(pin):
                self.error.setText(
                    "관리자 PIN이 맞지 않습니다" if gate.locked_for() == 0 else "잠시 후 다시 시도하세요"
                )
                return
        elif self.session.config.ui.fullscreen:
            self.error.setText("관리자 PIN이 설정되어 있지 않습니다 (kiosk admin hash-pin)")
            return
        gate.audit("admin_opened")
        self.admin = AdminWindow(AdminActions(self.session, gate, self.recorder, self.signing))
        self.admin.setWindowFlag(Qt.WindowType.WindowStaysOnTopHint, True)  # above the kiosk-mode windows
        self.admin.resize(1200, 800)
        self.admin.show()

    def _correct_row(self, row: int, _column: int) -> None:
        """Double-click: the clerk types the right words; stored as a correction, the original kept."""
        entry = self._entries.get(row)
        if entry is None or not entry.saved:
            return
        current = entry.correction or (
            entry.text if entry.role is Role.CLERK else entry.translations.get("ko", entry.text)
        )
        text = self._ask_text(self, current)
        if text is None or text.strip() == current:
            return
        self._act(lambda: self.lines.correct(entry.entry_id, text))

    def _on_caption(self, caption: Caption) -> None:
        """Live words of either side in grey under the transcript, until the final line arrives."""
        who = "방문자" if caption.role is Role.VISITOR else "담당자"
        self.partial.setText("" if caption.final else f"{who} (인식 중): {caption.text}")

    def _on_spelling(self, spelling: Spelling) -> None:
        """A fingerspelled word in progress, under the transcript until the visitor confirms it."""
        self.partial.setText(f"방문자 (지문자 입력 중): {spelling.text}" if spelling.letters else "")

    def _on_signs(self, chips: SignChips) -> None:
        """The visitor's signs so far (known and unknown), until the sentence is sent."""
        glosses = " · ".join(s.gloss for s in chips.signs)
        self.partial.setText(f"방문자 (수어 인식 중): {glosses}" if chips.signs else "")

    def _on_notice(self, notice: Notice) -> None:
        self.notice.setText(notice.message_ko)
        self.notice.show()
        if notice.code == "consent":
            self.print_button.setEnabled(self.session.consented)

    def _on_timeout(self, warning: TimeoutWarning) -> None:
        if warning.active:
            self.status.setText(f"{STATES['conversation']} · {int(warning.seconds_left)}초 후 자동 종료")
        else:
            self._on_state(self._last_state)


def _confirm_dialog(parent: QWidget, question: str) -> bool:
    answer = QMessageBox.question(parent, "상담 종료", question)
    return answer == QMessageBox.StandardButton.Yes


def _ask_correction(parent: QWidget, current: str) -> str | None:
    text, ok = QInputDialog.getText(parent, "고치기", "바른 내용을 입력하세요 (원문은 남습니다):", text=current)
    return text if ok else None
