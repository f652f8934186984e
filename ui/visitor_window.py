"""The visitor's touchscreen: choose a language or sign, read large captions, type, tap phrases, finish.

Screens: attract (a welcome in every language; a touch anywhere) -> start (language buttons in native
names, 수어, 지문자) -> conversation -> closing (summary and the consent question; export only on "yes")
-> back to the attract screen with nothing of the visit left. A bottom bar on every screen makes the text
larger (up to 200 %) or high-contrast; the conversation has an on-screen keyboard.
"""

from __future__ import annotations

import numpy as np
from PyQt6.QtCore import Qt
from PyQt6.QtGui import QImage, QPixmap, QResizeEvent
from PyQt6.QtWidgets import (
    QFrame,
    QGridLayout,
    QHBoxLayout,
    QLabel,
    QLineEdit,
    QListWidget,
    QListWidgetItem,
    QScrollArea,
    QScroller,
    QSizePolicy,
    QStackedWidget,
    QVBoxLayout,
    QWidget,
)

from base.errors import KioskError
from base.events import (
    Caption,
    Notice,
    Role,
    SessionState,
    Spelling,
    StateChanged,
    TimeoutWarning,
    TranscriptEntry,
    VisitorMode,
)
from kiosk.channels.fingerspelling import SpellingChannel
from kiosk.channels.signing import SignChannel
from kiosk.channels.voice_output import VoiceOutput
from kiosk.line_worker import LineWorker
from kiosk.session import Session
from ui.bridge import SessionBridge
from ui.closing_page import ClosingPage
from ui.display_controls import DisplayControls
from ui.idle_overlay import IdleOverlay
from ui.keyboard import OnScreenKeyboard
from ui.phrase_panel import PhrasePanel
from ui.sign_panel import SignPanel
from ui.spelling_panel import SpellingPanel
from ui.strings import STRINGS, language_label, tr
from ui.suggestion_bar import SuggestionBar
from ui.theme import TARGET_PX, stylesheet
from ui.voice_controls import VoiceControls
from ui.wrap_button import WrapButton, named_button

ATTRACT, START, CONVERSATION, CLOSING = 0, 1, 2, 3
SIGNING = (VisitorMode.SIGN, VisitorMode.FINGERSPELLING)
CAPTION_SHARE = 0.3  # of the screen height, at least, for captions above all controls
LOCAL_NOTICES = {"store_failed": "not_saved", "speech_unavailable": "speech_unavailable"}


def session_is_push_to_talk(session: Session) -> bool:
    return session.config.speech.enabled and session.config.speech.mode == "push_to_talk"


def _scrolling(page: QWidget) -> QScrollArea:
    """``page`` in a vertical scroll area that a finger can drag."""
    area = QScrollArea()
    area.setWidget(page)
    area.setWidgetResizable(True)
    area.setFrameShape(QFrame.Shape.NoFrame)
    area.setHorizontalScrollBarPolicy(Qt.ScrollBarPolicy.ScrollBarAlwaysOff)
    QScroller.grabGesture(area.viewport(), QScroller.ScrollerGestureType.TouchGesture)
    return area


class VisitorWindow(QWidget):
    """The visitor screen for one Session; ``demo_text`` (ko/en) is shown when demo media play."""

    def __init__(
        self,
        session: Session,
        bridge: SessionBridge,
        demo: bool = False,
        voice: VoiceOutput | None = None,
        languages: list[str] | None = None,
        spelling: SpellingChannel | None = None,
        signing: SignChannel | None = None,
        lines: LineWorker | None = None,
    ) -> None:
        super().__init__()
        self.session, self.bridge, self.demo, self.voice = session, bridge, demo, voice
        self.lines = lines or LineWorker(session)  # lines are translated off the Qt thread
        self.spelling, self.signing = spelling, signing
        self.languages = languages if languages is not None else list(session.config.kiosk.languages)
        self._caption_items: dict[int, QListWidgetItem] = {}  # entry id -> its caption line
        self.setWindowTitle("방문자 화면 / Visitor")
        self.banner = QLabel()
        self.banner.setObjectName("demo_banner")
        self.banner.setWordWrap(True)
        self.notice = QLabel()
        self.notice.setObjectName("notice_banner")
        self.notice.setWordWrap(True)
        self.notice.hide()
        self.pages = QStackedWidget()
        self.pages.addWidget(self._attract_page())
        self.closing = ClosingPage(session)
        for page in (self._start_page(), self._conversation_page(), self.closing):
            self.pages.addWidget(_scrolling(page))  # at 200 % text a page scrolls rather than cut anything off
        ui = session.config.ui
        self.display = DisplayControls(ui.text_scale, ui.high_contrast, self._restyle)
        layout = QVBoxLayout(self)
        layout.addWidget(self.banner)
        layout.addWidget(self.notice)
        layout.addWidget(self.pages, 1)
        layout.addWidget(self.display)
        self.idle = IdleOverlay(self, session.extend)  # above everything, outside every layout
        self.more_time = self.idle.more_time
        bridge.state_changed.connect(self._on_state)
        bridge.entry_added.connect(self._on_entry)
        bridge.suggestions.connect(
            lambda offer: self.suggestions.show_offer(offer, tr("did_you_mean", self.session.language))
        )
        bridge.caption.connect(self._on_caption)
        bridge.spelling.connect(self._on_spelling)
        bridge.signs.connect(lambda chips: self.sign_box.show_signs(chips))
        bridge.timeout_warning.connect(self._on_timeout)
        bridge.notice.connect(self._on_notice)
        bridge.frame.connect(self._on_frame)
        self._show_start()

    # -- pages ---------------------------------------------------------------------------------------------
    def _attract_page(self) -> QWidget:
        """Welcome in every language; the whole screen is one button."""
        page = QWidget()
        layout = QVBoxLayout(page)
        text = "\n".join(f"{tr('welcome', c)}  ·  {tr('touch_to_start', c)}" for c in self._codes())
        self.attract = WrapButton(text)
        self.attract.setObjectName("attract")
        self.attract.setSizePolicy(QSizePolicy.Policy.Expanding, QSizePolicy.Policy.Expanding)
        self.attract.clicked.connect(lambda: self.pages.setCurrentIndex(START))
        layout.addWidget(self.attract)
        return page

    def _start_page(self) -> QWidget:
        page = QWidget()
        layout = QVBoxLayout(page)
        title = QLabel("\n".join(STRINGS["choose_language"][code] for code in self._codes()))
        title.setObjectName("title")
        title.setAlignment(Qt.AlignmentFlag.AlignCenter)
        layout.addWidget(title, 1)
        grid = QGridLayout()
        choices = [
            (language_label(c), f"lang_{c}", c, VisitorMode.TEXT if c == "ko" else VisitorMode.SPEECH)
            for c in self.languages
        ]
        choices += [
            (tr("sign", "ko"), "mode_sign", "ko", VisitorMode.SIGN),
            (tr("fingerspelling", "ko"), "mode_fingerspelling", "ko", VisitorMode.FINGERSPELLING),
        ]
        for index, (label, name, code, mode) in enumerate(choices):
            button = named_button(label, name)
            button.clicked.connect(lambda _=False, c=code, m=mode: self._choose(c, m))
            grid.addWidget(button, index // 3, index % 3)
        layout.addLayout(grid)  # in the lower part of the screen, reachable from a wheelchair
        return page

    def _conversation_page(self) -> QWidget:
        page = QWidget()
        layout = QVBoxLayout(page)
        self.prompt = QLabel()
        self.prompt.setWordWrap(True)
        self.camera = QLabel()
        self.camera.setObjectName("camera_view")
        self.camera.setFixedSize(320, 240)
        self.captions = QListWidget()
        self.captions.setObjectName("caption_view")
        self.captions.setWordWrap(True)
        self.captions.setMinimumHeight(3 * TARGET_PX)
        self.partial = QLabel()
        self.partial.setObjectName("partial_caption")
        self.partial.setWordWrap(True)
        top = QHBoxLayout()
        top.addWidget(self.captions, 1)
        top.addWidget(self.camera)
        self.phrases = PhrasePanel(
            self.session.phrasebook.for_role("visitor"),
            lambda phrase_id: self.lines.say_phrase(Role.VISITOR, phrase_id),
            columns=2,
            prefix="phrase",
        )
        self.input = QLineEdit()
        self.input.setObjectName("visitor_input")
        self.input.returnPressed.connect(self._send)
        self.input.textChanged.connect(lambda _: self.session.touch() if self.session.listening else None)
        self.keyboard = OnScreenKeyboard(self.input, self._send)
        self.keyboard.hide()
        self.keyboard_toggle = named_button("", "keyboard_toggle")
        self.keyboard_toggle.setCheckable(True)
        self.keyboard_toggle.toggled.connect(self.keyboard.setVisible)
        self.send = named_button("", "visitor_send")
        self.send.clicked.connect(self._send)
        self.talk = named_button("", "visitor_talk")
        self.talk.setCheckable(True)
        self.talk.toggled.connect(lambda on: self.session.talk(Role.VISITOR if on else None))
        self.talk.setVisible(session_is_push_to_talk(self.session))
        self.finish = named_button("", "end_visit")
        self.finish.clicked.connect(lambda: self.session.end("visitor"))
        entry = QHBoxLayout()
        entry.addWidget(self.input, 1)
        entry.addWidget(self.keyboard_toggle)
        entry.addWidget(self.send)
        entry.addWidget(self.talk)
        entry.addWidget(self.finish)
        self.error = QLabel()
        self.error.setObjectName("input_error")
        self.suggestions = SuggestionBar(
            Role.VISITOR, self._use_suggestion, prefix="visitor", with_translation=False, replaces=self.phrases
        )
        self.voice_controls = VoiceControls(self.voice, self.session.touch)
        self.spelling_box = SpellingPanel(self.spelling, lambda exc: self.error.setText(exc.message_ko))
        self.spelling_box.hide()
        self.sign_box = SignPanel(self.signing)
        self.sign_box.hide()
        self.camera.hide()
        panels = (self.spelling_box, self.sign_box)
        items = (self.prompt, top, self.partial, self.suggestions, *panels, self.phrases, self.error)
        lows = (self.voice_controls, entry, self.keyboard)
        for item in (*items, *lows):
            layout.addLayout(item) if isinstance(item, QHBoxLayout) else layout.addWidget(item)
        layout.setStretch(1, 1)
        return page

    # -- actions -------------------------------------------------------------------------------------------
    def _choose(self, language: str, mode: VisitorMode) -> None:
        self.session.choose(language, mode)
        self.session.begin()

    def _send(self) -> None:
        try:
            self.lines.say(Role.VISITOR, self.input.text())
        except KioskError:
            self.error.setText(tr("check_input", self.session.language))
            return
        self.input.clear()
        self.error.clear()

    def _use_suggestion(self, entry_id: int, suggestion_id: str) -> None:
        try:
            self.lines.use_suggestion(entry_id, suggestion_id)
        except KioskError:
            self.error.setText(tr("check_input", self.session.language))

    # -- events --------------------------------------------------------------------------------------------
    def _on_state(self, event: StateChanged) -> None:
        if event.state is SessionState.IDLE:
            self._show_start()
        elif event.state is SessionState.CHOSEN:
            self._show_conversation(event.language or "ko", event.mode)
        elif event.state is SessionState.CLOSING:
            self._show_closing()

    def _on_entry(self, entry: TranscriptEntry) -> None:
        """A new caption line; a line the clerk corrected is rewritten in place (marked ✎); suggestions end."""
        self.suggestions.clear()
        language = self.session.language
        own = entry.correction if entry.role is Role.CLERK and entry.correction else entry.text
        text = own if entry.language == language else entry.translations.get(language or "", own)
        who = tr("you" if entry.role is Role.VISITOR else "clerk", language)
        line = f"{who}: {text}" + (" ✎" if entry.correction and entry.role is Role.CLERK else "")
        item = self._caption_items.get(entry.entry_id) if entry.entry_id else None
        if item is not None:
            item.setText(line)
            return
        self.captions.addItem(line)
        if entry.entry_id:
            self._caption_items[entry.entry_id] = self.captions.item(self.captions.count() - 1)
        self.captions.scrollToBottom()
        self.partial.clear()

    def _on_caption(self, caption: Caption) -> None:
        """Live words in grey; they turn into a solid caption line when final (the entry arrives first)."""
        if caption.role is Role.CLERK and caption.language != self.session.language:
            return  # untranslated live Korean would only confuse a foreign visitor; the final line follows
        self.partial.setText("" if caption.final else caption.text)

    def _on_timeout(self, warning: TimeoutWarning) -> None:
        if warning.active:
            self.idle.warn(warning.seconds_left, self.session.language)
        else:
            self.idle.hide()

    def _on_notice(self, notice: Notice) -> None:
        language = self.session.language
        local = tr(LOCAL_NOTICES[notice.code], language) if notice.code in LOCAL_NOTICES else ""
        text = local or f"{notice.message_ko}\n{notice.message_en}"
        if self.session.mode in SIGNING and notice.severity != "info":  # deaf visitors: a picture and what to do
            text = f"✋ {text}\n{tr('error_sign_help', language)}"
        self.notice.setText(text)
        self.notice.show()

    def _on_spelling(self, spelling: Spelling) -> None:
        self.spelling_box.show_spelling(spelling)

    def _on_frame(self, image: np.ndarray) -> None:
        if not self.camera.isVisible():
            return
        height, width, _ = image.shape
        qimage = QImage(image.data, width, height, 3 * width, QImage.Format.Format_RGB888).copy()
        self.camera.setPixmap(QPixmap.fromImage(qimage).scaled(self.camera.size(), Qt.AspectRatioMode.KeepAspectRatio))

    # -- screen changes ------------------------------------------------------------------------------------
    def _show_start(self) -> None:
        """Back to the start; nothing of the last visit stays in any widget."""
        for widget in (self.captions, self.input, self.partial, self.error, self.notice, self.suggestions):
            widget.clear()
        self._caption_items.clear()
        self.spelling_box.clear()
        self.sign_box.clear()
        self.camera.clear()
        self.notice.hide()
        self.idle.hide()
        self.keyboard_toggle.setChecked(False)
        self.display.reset()
        self.display.set_language(None)
        self._set_banner(None)
        self.pages.setCurrentIndex(ATTRACT)

    def _show_conversation(self, language: str, mode: VisitorMode | None) -> None:
        signing = mode in SIGNING
        spelling = mode is VisitorMode.FINGERSPELLING
        prompt = "spelling_prompt" if spelling else "sign_prompt" if signing else "waiting"
        self.prompt.setText(tr(prompt, language))
        self.spelling_box.setVisible(spelling and self.spelling is not None)
        self.spelling_box.set_language(language)
        self.sign_box.setVisible(mode is VisitorMode.SIGN and self.signing is not None)
        self.sign_box.set_language(language)
        self.camera.setVisible(signing)
        self.keyboard.show_layout("hangul" if language == "ko" else "latin")
        self.keyboard_toggle.setText(tr("keyboard", language))
        self.display.set_language(language)
        self.input.setPlaceholderText(tr("type_here", language))
        self.send.setText(tr("send", language))
        self.talk.setText(tr("talk", language))
        self.talk.setChecked(False)
        self.finish.setText(tr("finish", language))
        self.phrases.set_language(language)
        self.voice_controls.set_language(language, hearing=not signing)
        self._set_banner(language)
        self.pages.setCurrentIndex(CONVERSATION)

    def _show_closing(self) -> None:
        self.idle.hide()
        self.suggestions.clear()
        self.closing.show_visit()
        self.pages.setCurrentIndex(CLOSING)

    def _set_banner(self, language: str | None) -> None:
        lines = [tr("demo_mode", code) for code in dict.fromkeys([language or "ko", "ko", "en"])]
        self.banner.setText("\n".join(lines))
        self.banner.setVisible(self.demo)

    def resizeEvent(self, event: QResizeEvent) -> None:
        """The captions keep the upper part of the screen, so every control stays low (wheelchair reach)."""
        super().resizeEvent(event)
        self.captions.setMinimumHeight(max(3 * TARGET_PX, int(CAPTION_SHARE * self.height())))
        self.idle.fit()

    def _restyle(self, scale: float, high_contrast: bool) -> None:
        self.setStyleSheet(stylesheet(scale, high_contrast))

    def _codes(self) -> list[str]:
        return [c for c in self.session.config.kiosk.languages if c in STRINGS["choose_language"]]
