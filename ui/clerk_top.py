"""The top of the clerk's screen: the visit's status and the microphone's state, read at a glance between visitors.

What the clerk must read there, whole and without a tap (a touch screen has no hover: no elided text with a tooltip):
the visit's state with the visitor's language and mode, and what the microphone does. Each of the two keeps at most
:data:`MOST_LINES` lines: beside each other between the demo notice and the print and admin buttons where both fit so,
else the microphone's state goes to a row of its own under them, the window's whole width, and the status keeps the
room beside the buttons (200 % on 960x1080: four lines each, the chat's newest line cut after its first line).
"""

from __future__ import annotations

from collections.abc import Sequence

from PyQt6.QtWidgets import QGridLayout, QLabel, QWidget

MOST_LINES = 2


def lines_at(label: QLabel, width: int) -> int:
    """How many lines ``label``'s text takes at ``width`` px (the label's own width, margins included)."""
    chrome = label.height() - label.contentsRect().height()
    return round((label.heightForWidth(width) - chrome) / label.fontMetrics().lineSpacing())


class TopRow(QGridLayout):
    """``lead`` (the demo notice), the ``status`` and ``state`` labels, then ``buttons``; ``state`` under them all
    where beside ``status`` either would take more than :data:`MOST_LINES` lines (:meth:`fit`)."""

    def __init__(self, lead: QWidget, status: QLabel, state: QLabel, buttons: Sequence[QWidget]) -> None:
        super().__init__()
        self.lead, self.status, self.state, self.buttons = lead, status, state, list(buttons)
        self.under: bool | None = None  # the state in a row of its own (None: not placed yet)
        self._place(False)

    def fit(self, width: int) -> None:
        """Place the labels for a window ``width`` px wide."""
        fixed = [w for w in (self.lead, *self.buttons) if not w.isHidden()]
        margins = self.contentsMargins().left() + self.contentsMargins().right()
        room = width - margins - sum(w.sizeHint().width() for w in fixed) - len(fixed) * self.horizontalSpacing()
        side = (room - self.horizontalSpacing()) // 2
        under = any(lines_at(label, side) > MOST_LINES for label in (self.status, self.state) if label.text())
        if under != self.under:
            self._place(under)

    def _place(self, under: bool) -> None:
        self.under = under
        for widget in (self.lead, self.status, self.state, *self.buttons):
            self.removeWidget(widget)
        row = [self.lead, self.status, *([] if under else [self.state]), *self.buttons]
        for column, widget in enumerate(row):
            self.addWidget(widget, 0, column)
            self.setColumnStretch(column, 1 if widget in (self.status, self.state) else 0)
        if under:
            self.addWidget(self.state, 1, 0, 1, len(row))
