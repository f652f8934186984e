"""Changing the visit's language during the conversation: the globe button and the choice of language.

A visitor who tapped the wrong language on the start page, or whose companion takes over, changes it with the
globe button on the action bar (:mod:`ui.action_bar`; it always shows the language in use by its own name, next
to a globe drawn on the button, a sign read without reading any language). The choice is a page in place of the
conversation, low on the screen like the start page: "choose your language" in every language (the visitor may
not read the one in use), the start page's own language buttons (:func:`ui.start_page.language_grid`) with the
one in use marked ✓, and a way back. A choice switches the visit through :meth:`LineWorker.switch_language`, off
the Qt thread, as the automatic offer (:mod:`ui.switch_offer`) does: the lines so far are translated again
(:meth:`LineCorrections.new_reader`). Back, or the language in use, changes nothing.

Decided: not offered in a signing visit (수어, 지문자). The camera's signs become Korean lines and the visitor reads
Korean; there is no spoken language to switch, and a switch would not change the way of talking (camera or
microphone, the visit's mode), which is a new visit: Finish, then choose again. Korean is offered as on the
start page ("한국어 (자막)"): the visitor then reads Korean and the microphone takes Korean speech as the clerk's
(:mod:`kiosk.channels.speech`), as in a visit started in Korean.
"""

from __future__ import annotations

from collections.abc import Callable

from PyQt6.QtCore import QRectF, Qt
from PyQt6.QtGui import QPainter, QPaintEvent, QPen
from PyQt6.QtWidgets import QLabel, QVBoxLayout, QWidget

from kiosk.line_worker import LineWorker
from ui.phrase_breaks import set_wrapped
from ui.start_page import choose_title, language_grid
from ui.strings import language_label, tr
from ui.wrap_button import WrapButton

GLOBE_PX = 36


class GlobeButton(WrapButton):
    """A button with a globe drawn on its left: the language in use, by its own name."""

    def __init__(self) -> None:
        super().__init__()
        self.setObjectName("visitor_language")
        self.layout().setContentsMargins(GLOBE_PX + 20, 6, 12, 6)

    def set_language(self, language: str | None) -> None:
        self.setText(language_label(language or "ko"), language)

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


class LanguagePicker(QWidget):
    """The visit's languages as on the start page, the one in use marked; ``back()`` returns to the conversation."""

    def __init__(self, lines: LineWorker, codes: list[str], languages: list[str], back: Callable[[], None]) -> None:
        """``codes``: the languages the title is given in; ``languages``: the ones offered (the start page's)."""
        super().__init__()
        self.setObjectName("language_picker")
        self.lines, self.back = lines, back
        self.current: str | None = None
        self.note = QLabel()
        self.note.setObjectName("language_note")
        self.note.setWordWrap(True)
        self.note.setAlignment(Qt.AlignmentFlag.AlignCenter)
        grid, self.buttons = language_grid(languages, "pick", self._pick)
        for button in self.buttons.values():
            button.setCheckable(True)
        self.cancel = WrapButton()
        self.cancel.setObjectName("language_back")
        self.cancel.clicked.connect(back)
        layout = QVBoxLayout(self)
        layout.addWidget(choose_title(codes), 1)
        layout.addWidget(self.note)
        layout.addLayout(grid)  # low on the screen, reachable from a wheelchair
        layout.addWidget(self.cancel)

    def open(self, language: str | None) -> None:
        """The choice for a visit in ``language`` (marked ✓, the note and the way back in it); a tap is not idle."""
        self.lines.session.touch()
        self.current = language
        for code, button in self.buttons.items():
            button.setChecked(code == language)
            button.setText(("✓ " if code == language else "") + language_label(code), code)
        set_wrapped(self.note, tr("language_note", language), language)
        self.cancel.setText(tr("language_back", language), language)

    def _pick(self, language: str) -> None:
        self.back()
        if language != self.current:
            self.lines.switch_language(language)  # refused (the visit ended meanwhile): a Notice, as for a line
