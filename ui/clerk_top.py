"""The top of the clerk's screen: the visit's status and the microphone's state, read at a glance between visitors.

What the clerk must read there, whole and without a tap (a touch screen has no hover: no elided text with a tooltip):
the visit's state with the visitor's language and mode, and what the microphone does. Each of the two keeps at most
:data:`MOST_LINES` lines: beside each other between the demo notice and the print and admin buttons where both fit so,
else the microphone's state goes to a row of its own under them, the window's whole width, and the status keeps the
room beside the buttons (200 % on 960x1080: four lines each, the chat's newest line cut after its first line).

Where even the status alone takes more than :data:`MOST_LINES` beside the buttons, or the language choice, 상담 시작 and
상담 종료 do not fit one row (the clerk's 683 px half of one 1366x768 display at 200 %: the status four lines, 상담 시작
/ 상담 종료 cut, the text box and Talk under the display's edge; idle, the status is short), the window is *narrow*:
the status and the state each take a row of their own, and the print and admin buttons join the visit's row, where
only what can be pressed now is shown (:meth:`TopRow.show_pressable`). Decided so, not by stacking the buttons, as
a clerk answers a visitor: the chat's newest line, the text box and Talk keep their room (a stacked row cost 86 px
the chat lacked); 상담 시작 and 상담 종료 are never both pressable, the language choice picks the language of a visit
still to start (in a visit the status says it), and 기록 인쇄 comes once the visitor said yes.
"""

from __future__ import annotations

from collections.abc import Sequence

from PyQt6.QtWidgets import QBoxLayout, QGridLayout, QLabel, QWidget

MOST_LINES = 2
# TopRow's arrangements: the state beside the status; the state under them all; the status and state each a row of
# their own, the print and admin buttons in the visit's row
BESIDE, UNDER, NARROW = "beside", "under", "narrow"


def lines_at(label: QLabel, width: int) -> int:
    """How many lines ``label``'s text takes at ``width`` px (the label's own width, margins included)."""
    chrome = label.height() - label.contentsRect().height()
    return round((label.heightForWidth(width) - chrome) / label.fontMetrics().lineSpacing())


class TopRow(QGridLayout):
    """``lead`` (the demo notice), the ``status`` and ``state`` labels, then ``buttons``; ``state`` under them all
    where beside ``status`` either would take more than :data:`MOST_LINES` lines, and ``buttons`` at the end of
    ``visit`` (the visit's row: the language choice, start and end) where ``status`` alone would or that row lacks
    room (:meth:`fit`)."""

    def __init__(
        self, lead: QWidget, status: QLabel, state: QLabel, buttons: Sequence[QWidget], visit: QBoxLayout
    ) -> None:
        super().__init__()
        self.lead, self.status, self.state, self.buttons, self.visit = lead, status, state, list(buttons), visit
        self.arrangement: str | None = None  # BESIDE, UNDER or NARROW (None: not placed yet)
        self._place(BESIDE)

    def fit(self, width: int) -> None:
        """Place the labels and buttons for a window ``width`` px wide."""
        fixed = [*([] if self.lead.isHidden() else [self.lead]), *self.buttons]  # buttons: also if narrow hid them
        margins = self.contentsMargins().left() + self.contentsMargins().right()
        room = width - margins - sum(w.sizeHint().width() for w in fixed) - len(fixed) * self.horizontalSpacing()
        side = (room - self.horizontalSpacing()) // 2
        visit = [self.visit.itemAt(i).widget() for i in range(self.visit.count())]
        choice = sum(w.sizeHint().width() for w in visit if w not in self.buttons) + 2 * self.visit.spacing()
        if choice > width - margins or (self.status.text() and lines_at(self.status, room) > MOST_LINES):
            arrangement = NARROW
        elif any(lines_at(label, side) > MOST_LINES for label in (self.status, self.state) if label.text()):
            arrangement = UNDER
        else:
            arrangement = BESIDE
        if arrangement != self.arrangement:
            self._place(arrangement)

    def _place(self, arrangement: str) -> None:
        self.arrangement = arrangement
        for widget in (self.lead, self.status, self.state, *self.buttons):
            self.removeWidget(widget)
            self.visit.removeWidget(widget)
        narrow = arrangement == NARROW
        row = [
            self.lead,
            self.status,
            *([self.state] if arrangement == BESIDE else []),
            *([] if narrow else self.buttons),
        ]
        for column in range(self.columnCount()):
            self.setColumnStretch(column, 0)
        for column, widget in enumerate(row):
            self.addWidget(widget, 0, column)
            self.setColumnStretch(column, 1 if widget in (self.status, self.state) else 0)
        if arrangement != BESIDE:
            self.addWidget(self.state, 1, 0, 1, len(row))
        for button in self.buttons if narrow else ():  # as wide as they need: 상담 시작 / 종료 take the rest
            self.visit.addWidget(button)

    def show_pressable(self, choosing: bool) -> None:
        """Narrow, the visit's row shows the language choice only while ``choosing`` (before a visit) and of its
        buttons only those enabled now; else all of them (disabled ones greyed)."""
        narrow = self.arrangement == NARROW
        for index in range(self.visit.count()):
            widget = self.visit.itemAt(index).widget()
            first = index == 0  # the language choice
            shown = not narrow or (choosing if first else widget.isEnabled())
            if widget.isHidden() == shown:
                widget.setVisible(shown)
