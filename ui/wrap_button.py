"""A push button whose text wraps onto several lines (long phrases, 200 % text, CJK) instead of clipping.

Given the text's language, a Japanese, Chinese or Thai line breaks only between phrases (:mod:`ui.phrase_breaks`);
only a phrase wider than the whole button is broken inside (as a browser's ``overflow-wrap: anywhere``). The
button never gets narrower than its widest word (an English word cannot break at all). A text may have a short
form, shown where the whole one would take more lines at the button's width (the Talk button's "listening" without
its invitation to speak at 200 % on 1366x768).
"""

from __future__ import annotations

from collections.abc import Callable, Mapping
from typing import TypeVar

from PyQt6.QtCore import QEvent, QObject, QSize, Qt
from PyQt6.QtGui import QFontMetrics, QResizeEvent
from PyQt6.QtWidgets import QHBoxLayout, QLabel, QPushButton, QSizePolicy

from ui.phrase_breaks import fitted, keep_phrases, plain, widest_line
from ui.theme import TARGET_PX

MARGIN = 12
CHROME_PX = 32  # vertical padding and border of the stylesheet (24 px) and 8 px to spare
PADDING_PX = 32  # the stylesheet's horizontal padding of a button, 16 px on each side
MAX_PHRASE_PX = 400  # a button makes room for a phrase up to this wide; a longer one is broken inside
T = TypeVar("T")


class WrapButton(QPushButton):
    """``text()`` / ``setText()`` go to an inner word-wrapping label; the button grows in height to fit."""

    def __init__(self, text: str = "", language: str | None = None) -> None:
        super().__init__()
        self.label = QLabel(self)
        self._text = self._marked = self._short = ""
        self._language: str | None = None
        self.label.setObjectName("wrap_label")
        self.label.setWordWrap(True)
        self.label.setAlignment(Qt.AlignmentFlag.AlignCenter)
        self.label.setAttribute(Qt.WidgetAttribute.WA_TransparentForMouseEvents)
        self.label.installEventFilter(self)  # the label's own font arrives after the button's style change
        layout = QHBoxLayout(self)
        layout.setContentsMargins(MARGIN, MARGIN // 2, MARGIN, MARGIN // 2)
        layout.addWidget(self.label)
        self.toggled.connect(self._mark)
        policy = QSizePolicy(QSizePolicy.Policy.Expanding, QSizePolicy.Policy.Preferred)
        policy.setHeightForWidth(True)
        self.setSizePolicy(policy)
        self.setText(text, language)

    def _mark(self, on: bool) -> None:
        """Checked buttons are drawn inverted; the label follows (stylesheets cannot see the parent's state)."""
        self.label.setProperty("on", on)
        self.label.style().unpolish(self.label)
        self.label.style().polish(self.label)

    def text(self) -> str:  # type: ignore[override]
        """The text as given (without the phrase marks the label shows)."""
        return self._text

    def setText(self, text: str, language: str | None = None, short: str = "") -> None:  # type: ignore[override]
        """``language``: the text's language, so that it breaks only between phrases where that matters; ``short``:
        the text's short form ("": none). A text marked by :func:`~ui.phrase_breaks.keep_phrases` beforehand (one
        label in several languages) keeps its marks on screen; ``text()`` and the accessible name are plain."""
        self._text, self._language, self._marked = plain(text), language, keep_phrases(text, language)
        self._short = keep_phrases(short, language) if short and short != text else ""
        self.label.setText(self._marked)
        self.label.setAccessibleName(self._text)
        self.setAccessibleName(self._text)
        self._fit()  # fewer lines: the button may shrink again
        self.updateGeometry()

    def hasHeightForWidth(self) -> bool:
        return True

    def heightForWidth(self, width: int) -> int:
        """Room for the wrapped label plus the button's chrome: the layout margins and, measured on screen at
        200 %, 24 px more that the stylesheet's padding and border take from the label's height."""
        return max(TARGET_PX, self.label.heightForWidth(width - 2 * MARGIN) + 2 * MARGIN + CHROME_PX)

    def sizeHint(self) -> QSize:
        width = min(self.label.sizeHint().width() + 2 * MARGIN, 480)
        return QSize(max(TARGET_PX, width), self.heightForWidth(width))

    def resizeEvent(self, event: QResizeEvent) -> None:
        """Ask for the height the wrapped text needs at this width (grid layouts ignore height-for-width); the label
        gets the new size even when its layout was being redone (Qt then drops the resize: a label 118 px high in
        a 196 px button, cut at 200 %)."""
        super().resizeEvent(event)
        self._fit()
        if self.layout().geometry() != self.rect():
            self.layout().setGeometry(self.rect())

    def event(self, event: QEvent) -> bool:
        """A new font size or stylesheet (larger text) changes the height the text needs at the same width."""
        handled = super().event(event)
        if event.type() in (QEvent.Type.StyleChange, QEvent.Type.FontChange, QEvent.Type.Polish):
            self._fit()
        return handled

    def eventFilter(self, watched: QObject, event: QEvent) -> bool:
        if watched is self.label and event.type() in (QEvent.Type.FontChange, QEvent.Type.StyleChange):
            self._fit()
        return False

    def _fit(self) -> None:
        self.label.ensurePolished()
        margins = self.layout().contentsMargins()
        room = self.width() - margins.left() - margins.right()
        metrics = self.label.fontMetrics()  # a phrase wider than the button breaks inside, the others stay whole
        shown = fitted(self._marked, self._text, self._language, self.label.font(), room)
        if self._short and _lines(metrics, shown, room) > _lines(metrics, self._short, room):
            shown = self._short
        if shown != self.label.text():
            self.label.setText(shown)
        least = self._least_width()
        if least != self.minimumWidth():
            self.setMinimumWidth(least)
        needed = self.heightForWidth(self.width())
        if needed != self.minimumHeight():
            self.setMinimumHeight(needed)

    def minimumSizeHint(self) -> QSize:
        """Small: the real width and height are set in :meth:`_fit` (the stylesheet's ``min-width`` would
        otherwise win over a hint)."""
        return QSize(2 * TARGET_PX, TARGET_PX)

    def _least_width(self) -> int:
        """As wide as the widest word, or phrase up to ``MAX_PHRASE_PX`` (a longer one may break inside)."""
        font = self.label.font()
        phrase = min(widest_line(self._marked, font), MAX_PHRASE_PX)
        margins = self.layout().contentsMargins()
        return max(2 * TARGET_PX, widest_line(self._text, font), phrase) + margins.left() + margins.right()


def _lines(metrics: QFontMetrics, text: str, width: int) -> int:
    """How many lines ``text`` takes wrapped at ``width``."""
    height = metrics.boundingRect(0, 0, max(1, width), 10**6, Qt.TextFlag.TextWordWrap, text).height()
    return round(height / metrics.lineSpacing())


def named_button(text: str, name: str) -> QPushButton:
    """A push button with an object name (the stylesheet and the tests find it by that name)."""
    button = QPushButton(text)
    button.setObjectName(name)
    return button


def add_buttons(row: QHBoxLayout, actions: Mapping[str, T], on_press: Callable[[T], None]) -> dict[str, QPushButton]:
    """One button per action, named by its key, added to ``row``; pressing it calls ``on_press(action)``."""
    buttons = {}
    for key, action in actions.items():
        button = named_button("", key)
        button.clicked.connect(lambda _=False, act=action: on_press(act))
        buttons[key] = button
        row.addWidget(button)
    return buttons
