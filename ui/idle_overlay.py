"""The idle warning: a dimmed layer over the whole visitor screen with a big countdown and a big "more time".

Before issue 14 the warning was a row at the bottom of the scrolling conversation page: half hidden under the
text-size bar at 100 %, off-screen at 200 %. Now it is a child of the window itself, outside every layout and
scroll area, resized with the window and raised above everything, so it is always wholly on screen. While it
shows, a touch anywhere on it counts as "I am still here" (the visitor may not find the button at once).
"""

from __future__ import annotations

from collections.abc import Callable

from PyQt6.QtCore import Qt
from PyQt6.QtGui import QMouseEvent
from PyQt6.QtWidgets import QFrame, QLabel, QVBoxLayout, QWidget

from ui.phrase_breaks import set_wrapped
from ui.strings import tr
from ui.wrap_button import WrapButton


class IdleOverlay(QFrame):
    """Covers ``window`` while the idle timer runs out; ``extend`` is called on any touch."""

    def __init__(self, window: QWidget, extend: Callable[[], None]) -> None:
        super().__init__(window)
        self.setObjectName("timeout_overlay")
        self.extend = extend
        self.card = QFrame()
        self.card.setObjectName("timeout_card")
        self.count = QLabel()
        self.count.setObjectName("timeout_count")
        self.unit = QLabel()
        self.unit.setObjectName("timeout_unit")
        self.text = QLabel()
        self.text.setObjectName("timeout_text")
        self.text.setWordWrap(True)
        self.more_time = WrapButton()
        self.more_time.setObjectName("more_time")
        self.more_time.clicked.connect(extend)
        inner = QVBoxLayout(self.card)
        for label in (self.count, self.unit, self.text):
            label.setAlignment(Qt.AlignmentFlag.AlignCenter)
            inner.addWidget(label)
        inner.addWidget(self.more_time)
        outer = QVBoxLayout(self)
        outer.addStretch(1)
        outer.addWidget(self.card)
        outer.addStretch(1)
        self.hide()

    def warn(self, seconds_left: float, language: str | None) -> None:
        """Show (or update) the countdown in the visitor's language."""
        self.count.setText(str(int(seconds_left)))
        self.unit.setText(tr("timeout_seconds", language))
        set_wrapped(self.text, tr("timeout_question", language), language)
        self.more_time.setText(tr("more_time", language), language)
        self.show()
        self.raise_()
        self.fit()

    def fit(self) -> None:
        """Cover the window (again, after a resize or a new text size); the card takes 90 % of its width, by side
        margins: the layout then knows the card's width and its height for it (a fixed width, narrower than the
        layout thought, wrapped the question onto a third line and drew the countdown under its label)."""
        window = self.parentWidget()
        self.setGeometry(window.rect())
        side = max(0, (window.width() - max(320, int(window.width() * 0.9))) // 2)
        self.layout().setContentsMargins(side, 0, side, 0)
        self.count.setStyleSheet("")  # the theme's size: 140 px at 100 % ...
        for widget in (self.card, self.count, self.unit, self.text, self.more_time):
            widget.ensurePolished()
        size = min(self.count.fontInfo().pixelSize(), window.height() // 6)  # ... never over a sixth of the height
        self.count.setStyleSheet(f"font-size: {size}px;")  # (a font set in code, the theme's next polish undid it)
        self.count.setMinimumHeight(self.count.fontMetrics().lineSpacing())
        self.layout().activate()

    def mousePressEvent(self, event: QMouseEvent) -> None:
        self.extend()
        event.accept()
