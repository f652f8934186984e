"""A push button whose text wraps onto several lines (long phrases, 200 % text, CJK) instead of clipping."""

from __future__ import annotations

from collections.abc import Callable, Mapping
from typing import TypeVar

from PyQt6.QtCore import QEvent, QObject, QSize, Qt
from PyQt6.QtGui import QResizeEvent
from PyQt6.QtWidgets import QHBoxLayout, QLabel, QPushButton, QSizePolicy

from ui.theme import TARGET_PX

MARGIN = 12
CHROME_PX = 32  # vertical padding and border of the stylesheet (24 px) and 8 px to spare
T = TypeVar("T")


class WrapButton(QPushButton):
    """``text()`` / ``setText()`` go to an inner word-wrapping label; the button grows in height to fit."""

    def __init__(self, text: str = "") -> None:
        super().__init__()
        self.label = QLabel(text, self)
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

    def _mark(self, on: bool) -> None:
        """Checked buttons are drawn inverted; the label follows (stylesheets cannot see the parent's state)."""
        self.label.setProperty("on", on)
        self.label.style().unpolish(self.label)
        self.label.style().polish(self.label)

    def text(self) -> str:  # type: ignore[override]
        return self.label.text()

    def setText(self, text: str) -> None:  # type: ignore[override]
        self.label.setText(text)
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
        """Ask for the height the wrapped text needs at this width (grid layouts ignore height-for-width)."""
        super().resizeEvent(event)
        self._fit()

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
        needed = self.heightForWidth(self.width())
        if needed != self.minimumHeight():
            self.setMinimumHeight(needed)

    def minimumSizeHint(self) -> QSize:
        """Small: the real height is asked for in :meth:`resizeEvent`, once the width is known."""
        return QSize(2 * TARGET_PX, TARGET_PX)


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
