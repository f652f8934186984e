"""The visitor's touchscreen: choose a language or sign, read large captions, type, tap phrases, finish.

Screens: attract (a welcome in every language; a touch anywhere) -> start (language buttons in native
names, 수어, 지문자) -> conversation -> closing (summary and the consent question; export only on "yes")
-> back to the attract screen with nothing of the visit left. A bottom bar on every screen makes the text
larger (up to 200 %) or high-contrast; the conversation has an on-screen keyboard.
"""

from __future__ import annotations

import time

from PyQt6.QtCore import Qt
from PyQt6.QtGui import QResizeEvent
from PyQt6.QtWidgets import QHBoxLayout, QLayout, QLineEdit, QVBoxLayout, QWidget

from base.errors import KioskError
from base.events import (
    Caption,
    Notice,
    Role,
    SessionState,
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
from ui.action_bar import ActionBar
from ui.bridge import SessionBridge
from ui.chat_view import ChatView
from ui.closing_page import ClosingPage
from ui.conversation_fit import LIST_PX, ConversationFit
from ui.display_controls import DisplayControls
from ui.hand_input import HandInput
from ui.idle_overlay import IdleOverlay
from ui.keyboard import OnScreenKeyboard
from ui.language_picker import SIGNING, LanguagePicker
from ui.phrase_panel import PhrasePanel
from ui.start_page import StartPage, attract_page
from ui.strings import STRINGS, tr, tr_short
from ui.suggestion_bar import SuggestionBar
from ui.switch_offer import SwitchOffer
from ui.theme import stylesheet
from ui.visitor_lines import entry_texts, speaker
from ui.visitor_notice import NoticeBanner, short_notice, visitor_notice
from ui.voice_controls import VoiceControls
from ui.widgets import DemoBanner, MessageLine, PageStack, scrolling, session_is_push_to_talk
from ui.wrap_button import named_button

ATTRACT, START, CONVERSATION, CLOSING, LANGUAGE = 0, 1, 2, 3, 4
SPEAKING_LEVEL = 0.15  # a microphone level this high is someone speaking: the visit is not idle


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
        self._translating = False  # a line of the visitor's was handed to the line worker
        self._last_voice = 0.0  # when the microphone last heard someone (monotonic)
        self.setWindowTitle("방문자 화면 / Visitor")
        self.banner = DemoBanner()
        self.notice = NoticeBanner()
        self.notice.setObjectName("notice_banner")
        self.notice.hide()
        self.pages = PageStack()
        attract, self.attract = attract_page(self._codes(), lambda: self.pages.setCurrentIndex(START))
        self.pages.addWidget(scrolling(attract, whole_lines=True))
        self.closing = ClosingPage(session)
        start = StartPage(self._codes(), self.languages, self._choose)
        self.pages.addWidget(scrolling(start))  # at 200 % text a page scrolls, nothing is cut
        self.pages.addWidget(self._conversation_page())  # fixed: only the chat and the phrase list scroll
        self.pages.addWidget(self.closing)  # its text scrolls, its answers stay in view
        self.picker = LanguagePicker(self.lines, bridge, self._codes(), self.languages, self._show_picker)
        self.pages.addWidget(self.picker.page())  # the globe button's choice of language
        ui = session.config.ui
        self.display = DisplayControls(ui.text_scale, ui.high_contrast, self._restyle, self._codes())
        self.display.add(self.picker.globe)  # the visitor's own settings: text size, contrast, language
        layout = QVBoxLayout(self)
        layout.setContentsMargins(11, 6, 11, 6)  # the sign screen's rows and its text-size bar at 200 % on 1366x768
        layout.setSizeConstraint(QLayout.SizeConstraint.SetNoConstraint)  # the chat's least height must not hold it
        layout.addWidget(self.banner)
        layout.addWidget(self.notice)
        layout.addWidget(self.pages, 1)
        layout.addWidget(self.display)
        parts = (self.captions, self.middle, self.suggestions, self.keyboard, self.switch_offer)
        banner = self.banner if demo else None
        hands = (self.hands.spelling, self.hands.signs, self.hands.camera)
        fit = (self.display, self.picker, *hands, self.voice_controls, self.phrases, banner, self.notice)
        self.room = ConversationFit(self, *parts, *fit)
        self.room.watch(self, self.middle.widget(), *(self.pages.widget(page) for page in (CONVERSATION, LANGUAGE)))
        self.idle = IdleOverlay(self, session.extend)  # above everything, outside every layout
        self.more_time = self.idle.more_time
        bridge.state_changed.connect(self._on_state)
        bridge.entry_added.connect(self._on_entry)
        bridge.suggestions.connect(
            lambda offer: self.suggestions.show_offer(
                offer, tr("did_you_mean", self.session.language), self.session.language
            )
        )
        bridge.caption.connect(self._on_caption)
        self.hands.listen(bridge)
        bridge.timeout_warning.connect(self._on_timeout)
        bridge.notice.connect(self._on_notice)
        bridge.level.connect(self._on_level)
        self._show_start()

    # -- pages ---------------------------------------------------------------------------------------------
    def _conversation_page(self) -> QWidget:
        """Chat on top, then suggestions or the sign panels, the phrase list (which scrolls), the sign panels'
        buttons, the typing row, and the fixed action bar at the bottom: nothing the visitor needs to press can
        scroll out of view (the spelled word's enter and a sentence's send were below the scroll area's fold)."""
        page = QWidget()
        page.setObjectName("conversation_page")
        layout = QVBoxLayout(page)
        layout.setContentsMargins(0, 0, 0, 0)  # the window's margins are round it (twice, 18 px were lost)
        self.hands = HandInput(self.spelling, self.signing, lambda exc: self.error.setText(exc.message_ko))
        self.captions = ChatView()
        top = QHBoxLayout()
        top.addWidget(self.captions, 1)
        top.addWidget(self.hands.camera)
        self.phrases = PhrasePanel(
            self.session.phrasebook.for_role("visitor"),
            self._say_phrase,
            columns=2,
            prefix="phrase",
            scrolls=False,
        )
        self.input = QLineEdit()
        self.input.setObjectName("visitor_input")
        self.input.returnPressed.connect(self._send)
        self.input.textChanged.connect(lambda _: self.session.touch() if self.session.listening else None)
        self.keyboard = OnScreenKeyboard(self.input, self._send)
        self.keyboard.hide()
        self.send = named_button("", "visitor_send")
        self.send.clicked.connect(self._send)
        self.actions = ActionBar(self._talk, self._show_keyboard, lambda: self.session.end("visitor"))
        self.talk, self.keyboard_toggle, self.finish = self.actions.talk, self.actions.type, self.actions.finish
        entry = QHBoxLayout()
        entry.addWidget(self.input, 1)
        entry.addWidget(self.send)
        self.error = MessageLine()
        self.error.setObjectName("input_error")
        self.suggestions = SuggestionBar(
            Role.VISITOR, self._use_suggestion, prefix="visitor", with_translation=False, replaces=self.phrases
        )
        self.voice_controls = VoiceControls(self.voice, self.session.touch)
        self.switch_offer = SwitchOffer(  # a third language heard: it heads the list, scrolled to the top when shown
            self.lines, self.bridge, self._codes(), lambda: self.middle.verticalScrollBar().setValue(0)
        )
        middle = QWidget()  # the one part that scrolls under the chat: offers, suggestions, sign panels, phrases
        rows = QVBoxLayout(middle)
        rows.setContentsMargins(0, 0, 0, 0)
        listed = (self.switch_offer, self.suggestions, self.hands.spelling, self.hands.signs, self.phrases)
        for widget in (*listed, self.voice_controls):
            rows.addWidget(widget)
        rows.addStretch(1)
        self.middle = scrolling(middle)
        self.middle.setObjectName("phrase_scroll")
        self.middle.setVerticalScrollBarPolicy(Qt.ScrollBarPolicy.ScrollBarAlwaysOn)  # it looks scrollable
        self.middle.setMinimumHeight(LIST_PX)
        self.typing = QWidget()  # the text field and Send: shown with the keyboard when Type is tapped
        self.typing.setLayout(entry)
        entry.setContentsMargins(0, 0, 0, 0)
        self.typing.hide()
        fixed = (self.hands.spelling.controls, self.hands.signs.controls, self.error, self.keyboard, self.typing)
        for item in (top, self.middle, *fixed):
            layout.addWidget(item) if isinstance(item, QWidget) else layout.addLayout(item)
        layout.addWidget(self.actions)
        layout.setStretchFactor(self.middle, 1)  # the spare height: the chat and the camera keep their size hints
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
        self._set_translating(True)

    def _say_phrase(self, phrase_id: str) -> None:
        self.lines.say_phrase(Role.VISITOR, phrase_id)
        self._set_translating(True)

    def _talk(self, on: bool) -> None:
        """Push-to-talk: held while the visitor speaks; in auto mode it only marks the visitor's turn."""
        self.session.talk(Role.VISITOR if on else None)
        self._update_talk()

    def _show_picker(self, on: bool) -> None:
        """The globe's choice of language in place of the conversation (which goes on meanwhile), or back."""
        self.pages.setCurrentIndex(LANGUAGE if on else CONVERSATION)

    def _show_keyboard(self, on: bool) -> None:
        """The keyboard takes the phrase list's place (the screen has no room for both at 200 %)."""
        self.keyboard.setVisible(on)
        self.typing.setVisible(on)
        self.middle.setVisible(not on)
        if on:
            self.input.setFocus()

    def _set_translating(self, on: bool) -> None:
        self._translating = on
        self._update_talk()

    def _update_talk(self) -> None:
        push_to_talk = session_is_push_to_talk(self.session)
        clerk_speaking = Role.CLERK in self.bridge.speaking
        self.talk.show_state(clerk_speaking, self._translating, push_to_talk, self.session.language)

    def _use_suggestion(self, entry_id: int, suggestion_id: str) -> None:
        try:
            self.lines.use_suggestion(entry_id, suggestion_id)
        except KioskError:
            self.error.setText(tr("check_input", self.session.language))

    # -- events --------------------------------------------------------------------------------------------
    def _on_state(self, event: StateChanged) -> None:
        if event.state is SessionState.IDLE:
            self._show_start()
        elif event.state is SessionState.CLOSING:
            self._show_closing()
        elif event.state is SessionState.CHOSEN or event.language != self.display.language:  # or switched
            self._show_conversation(event.language or "ko", event.mode)

    def _on_entry(self, entry: TranscriptEntry) -> None:
        """A new chat line, or a corrected one (rewritten in place, marked ✎; on the other side when the clerk
        corrected who said it) or one the recogniser heard again (rewritten, the note by the name); suggestions end.

        The visitor reads each line in their language first; what was said, when it differs, small under it; a
        clerk's line with no translation into their language says so under it, in their language (never bare Korean).
        """
        self.suggestions.clear()
        who, line, original, said = entry_texts(entry, self.session.language)
        bubble = self.captions.shown(entry)
        if bubble is not None:
            self.captions.keep(entry, self.captions.rewrite(bubble, entry.role, who, line, original, said))
            return
        self.captions.keep(entry, self.captions.add(entry.role, who, line, original, said))
        if entry.role is Role.VISITOR:
            self._translating = False
        self._update_talk()

    def _on_caption(self, caption: Caption) -> None:
        """Live words in a dashed "being heard" bubble on the speaker's side, until the final line arrives."""
        language = self.session.language
        if caption.role is Role.CLERK:
            self._update_talk()
            if caption.language != language:
                return  # untranslated live Korean would only confuse a foreign visitor; the final line follows
        who = speaker(caption.role, language)
        text = "" if caption.final else caption.text
        self.captions.show_partial(caption.role, who, text, tr("being_heard", language), caption.language)

    def _on_level(self, level: float) -> None:
        """The microphone level on the Talk button; someone speaking is not idle (checked once a second)."""
        self.talk.set_level(level)
        now = time.monotonic()
        if level >= SPEAKING_LEVEL and now - self._last_voice >= 1.0 and self.session.listening:
            self._last_voice = now
            self.session.touch()

    def _on_timeout(self, warning: TimeoutWarning) -> None:
        if warning.active:
            self.idle.warn(warning.seconds_left, self.session.language)
        else:
            self.idle.hide()

    def _on_notice(self, notice: Notice) -> None:
        text = visitor_notice(notice, self.session.language, self.session.mode in SIGNING, self.demo)
        if text is not None:
            language = self.session.language
            self.notice.show_notice(text, notice.code, short_notice(notice, language), language)

    # -- screen changes ------------------------------------------------------------------------------------
    def _show_start(self) -> None:
        """Back to the start; nothing of the last visit stays in any widget."""
        for widget in (self.captions, self.input, self.error, self.notice, self.suggestions):
            widget.clear()
        self._translating = False
        self.hands.clear()
        self.notice.hide()
        self.idle.hide()
        self.keyboard_toggle.setChecked(False)
        self.display.reset()
        self.display.set_language(None)
        self._set_banner(None)
        self.pages.setCurrentIndex(ATTRACT)

    def _show_conversation(self, language: str, mode: VisitorMode | None) -> None:
        signing = mode in SIGNING
        prompt = "spelling_prompt" if mode is VisitorMode.FINGERSPELLING else "sign_prompt" if signing else "waiting"
        self.captions.set_placeholder(tr(prompt, language), language, tr_short(prompt, language))  # until a line
        self.hands.show_mode(language, mode, self.width(), self.height())
        self.keyboard.show_layout("hangul" if language == "ko" else "latin")
        self.actions.set_language(language)
        self.talk.setVisible(not signing and self.session.config.speech.enabled)
        self.display.set_language(language)
        self.input.setPlaceholderText(tr("type_here", language))
        self.send.setText(tr("send", language))
        self.talk.setChecked(False)
        self._update_talk()
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
        ko_and_en = f"{tr('demo_title', 'ko')} · {tr('demo_title', 'en')}"  # what plays instead: in the visit
        short = tr("demo_title", language) if language else ko_and_en
        self.banner.set_texts(tr("demo_mode", language) if language else ko_and_en, short, language)
        self.banner.setVisible(self.demo)

    def resizeEvent(self, event: QResizeEvent) -> None:
        """The self-view and the idle warning follow the window (the chat's height: :class:`ConversationFit`)."""
        super().resizeEvent(event)
        self.hands.camera.fit(self.width(), self.height())
        self.idle.fit()

    def _restyle(self, scale: float, high_contrast: bool) -> None:
        self.setStyleSheet(stylesheet(scale, high_contrast))
        self.captions.set_contrast(high_contrast)

    def _codes(self) -> list[str]:
        return [c for c in self.session.config.kiosk.languages if c in STRINGS["choose_language"]]
