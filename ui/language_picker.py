"""Changing the visit's language during the conversation: the globe button and the choice of language.

A visitor who tapped the wrong language on the start page, or whose companion takes over, changes it with the
globe button. It shows the language in use by its own name next to a globe drawn on the button (a sign read
without reading any language), on the bottom bar with text size and contrast (:mod:`ui.display_controls`, the
visitor's own settings, always on screen): the action bar has no room for a fourth button (Japanese at 200 % in
portrait needed 1122 px of 1080). The choice is a page in place of the conversation, low on the screen like the
start page: "choose your language" in every language (the visitor may not read the one in use), the start page's
own language buttons (:func:`ui.start_page.language_grid`) with the one in use marked ✓, and a way back, a row of
its own under the scrolling choice and so always in view (at 200 % on 1366x768 it was below the fold). A choice
switches the visit through :meth:`LineWorker.switch_language`, off the Qt thread, as the automatic offer
(:mod:`ui.switch_offer`) does: the lines so far are translated again (:meth:`LineCorrections.new_reader`). Back,
or the language in use, changes nothing.

Decided: not offered in a signing visit (수어, 지문자). The camera's signs become Korean lines and the visitor reads
Korean; there is no spoken language to switch, and a switch would not change the way of talking (camera or
microphone, the visit's mode), which is a new visit: Finish, then choose again. Korean is offered as on the
start page ("한국어 (자막)"): the visitor then reads Korean and the microphone takes Korean speech as the clerk's
(:mod:`kiosk.channels.speech`), as in a visit started in Korean.
"""

from __future__ import annotations

from collections.abc import Callable

from PyQt6.QtCore import QRectF, Qt
from PyQt6.QtGui import QFontInfo, QPainter, QPaintEvent, QPen
from PyQt6.QtWidgets import QLabel, QVBoxLayout, QWidget

from base.events import SessionState, StateChanged, VisitorMode
from base.languages import lookup
from kiosk.line_worker import LineWorker
from ui.bridge import SessionBridge
from ui.phrase_breaks import set_wrapped
from ui.start_page import ChoicePage, choose_title, item_height, language_grid
from ui.strings import language_label, tr
from ui.widgets import scrolling
from ui.wrap_button import WrapButton

GLOBE_PX = 36
SIGNING = (VisitorMode.SIGN, VisitorMode.FINGERSPELLING)


class GlobeButton(WrapButton):
    """A button with a globe drawn on its left: the language in use, by its own name."""

    def __init__(self) -> None:
        super().__init__()
        self.setObjectName("visitor_language")
        self.layout().setContentsMargins(GLOBE_PX + 20, 6, 12, 6)

    def set_language(self, language: str | None) -> None:
        """The language's own name alone (the start page's "(자막)" would only make it wrap)."""
        self.setText(lookup(language or "ko").native, language)

    def paintEvent(self, event: QPaintEvent) -> None:
        super().paintEvent(event)
        painter = QPainter(self)
        painter.setRenderHint(QPainter.RenderHint.Antialiasing)
        painter.setPen(QPen(self.label.palette().color(self.label.foregroundRole()), 3))
        globe = QRectF(14, (self.height() - GLOBE_PX) / 2, GLOBE_PX, GLOBE_PX)
        painter.drawEllipse(globe)
        painter.drawEllipse(globe.adjusted(GLOBE_PX * 0.28, 0, -GLOBE_PX * 0.28, 0))  # a meridian
        middle = globe.center().y()
        painter.drawLine(int(globe.left()), int(middle), int(globe.right()), int(middle))  # the equator
        for dy in (-0.3, 0.3):  # two parallels
            y = int(middle + dy * GLOBE_PX)
            painter.drawLine(int(globe.left() + GLOBE_PX * 0.12), y, int(globe.right() - GLOBE_PX * 0.12), y)


class LanguagePicker(ChoicePage):
    """The visit's languages as on the start page, the one in use marked, and the globe button that opens them."""

    def __init__(
        self,
        lines: LineWorker,
        bridge: SessionBridge,
        codes: list[str],
        languages: list[str],
        show: Callable[[bool], None],
    ) -> None:
        """``codes``: the languages the title is given in; ``languages``: the ones offered (the start page's);
        ``show(True)``: put this page in place of the conversation, ``show(False)``: the conversation again."""
        super().__init__()
        self.setObjectName("language_picker")
        self.lines, self.show_page = lines, show
        self.current: str | None = None
        self.globe = GlobeButton()
        self.globe.clicked.connect(self.open)
        self.globe.hide()
        self.note = QLabel()
        self.note.setObjectName("language_note")
        self.note.setWordWrap(True)
        self.note.setAlignment(Qt.AlignmentFlag.AlignCenter)
        self.title = choose_title(codes)
        self.grid, self.buttons = language_grid(languages, "pick", self._pick)
        for button in self.buttons.values():
            button.setCheckable(True)
        self.cancel = WrapButton()
        self.cancel.setObjectName("language_back")
        self.cancel.clicked.connect(lambda: show(False))
        layout = QVBoxLayout(self)
        layout.addWidget(self.title, 1)
        layout.addWidget(self.note)
        layout.addLayout(self.grid)  # low on the screen, reachable from a wheelchair
        bridge.state_changed.connect(self.on_state)

    def page(self) -> QWidget:
        """The screen's page: this choice in a scroll area, and the way back in a row of its own under it, always
        in view (a visitor who opened the choice by mistake gets out without scrolling)."""
        page = QWidget()
        column = QVBoxLayout(page)
        column.setContentsMargins(0, 0, 0, 0)
        column.addWidget(scrolling(self), 1)
        column.addWidget(self.cancel)
        return page

    def on_state(self, event: StateChanged) -> None:
        """The globe shows the language of a spoken or typed visit (switched, too); none between visits or when
        signing."""
        self.current = event.language
        spoken = event.state in (SessionState.CHOSEN, SessionState.CONVERSATION) and event.mode not in SIGNING
        self.globe.setVisible(spoken)
        self.globe.set_language(event.language)

    def open(self) -> None:
        """The choice, the language in use marked ✓ (the note and the way back in it); a tap is not idle."""
        self.lines.session.touch()
        for code, button in self.buttons.items():
            button.setChecked(code == self.current)
            button.setText(("✓ " if code == self.current else "") + language_label(code), code)
        set_wrapped(self.note, tr("language_note", self.current), self.current)
        self.cancel.setText(tr("language_back", self.current), self.current)
        self.fit()  # the texts' heights are this language's
        self.show_page(True)

    def fit(self) -> None:
        """Every language in view and low on the screen (the way back is under the scroll area: :meth:`page`).
        The note only while the title, at least as large as the note, fits with it and the languages."""
        layout = self.layout()
        if layout is None:
            return
        width, screen = self.room()
        gap, grid = layout.spacing(), item_height(self.grid, width)
        note = self.note.heightForWidth(width)
        noted = self.fit_title(screen - 2 * gap - note - grid, QFontInfo(self.note.font()).pixelSize())
        if not noted:
            self.fit_title(screen - gap - grid)
        self.note.setVisible(noted)

    def _pick(self, language: str) -> None:
        self.show_page(False)
        if language != self.current:
            self.lines.switch_language(language)  # refused (the visit ended meanwhile): a Notice, as for a line
