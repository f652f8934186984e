"""The visitor's closing page: a summary of the visit and the consent question; export only on "yes".

The answers restate what they do ("Yes, print my copy" / "No copy, thanks") instead of a bare yes/no, the page
says how long the counter keeps its own record (the store's retention setting), and a countdown shows when the
screen clears itself for the next visitor (``kiosk.closing_s``; the session clears it, the page only counts).
The text scrolls; the consent question, its answers (which say what they do), their result and "done" stay in view
below it, the text yielding first: at 200 % on a 1366x768 panel the answers were a scroll away, and then the question
(answers in view without the question they answer), on 960x1080 too. Where the text is not whole, "done" sits beside
the answers (:meth:`ClosingPage.arrange`): at 200 % on 1366x768 the text had a 9 px view, not one line of it, while
"done" took a whole row it did not need the width of.
"""

from __future__ import annotations

import time

from PyQt6.QtCore import QEvent, QTimer
from PyQt6.QtWidgets import QGridLayout, QLabel, QSizePolicy, QVBoxLayout, QWidget

from base.errors import KioskError
from kiosk.session import Session
from ui.phrase_breaks import set_wrapped
from ui.strings import tr
from ui.widgets import StackPage, scrolling
from ui.wrap_button import WrapButton


class ClosingPage(StackPage):
    """Shown when the visit ends; "done" clears the kiosk for the next visitor."""

    def __init__(self, session: Session) -> None:
        super().__init__()
        self.session = session
        layout = QVBoxLayout(self)
        layout.setContentsMargins(0, 0, 0, 0)
        self.text = text = QWidget()
        lines = QVBoxLayout(text)
        self.title = QLabel()
        self.title.setObjectName("title")
        self.title.setWordWrap(True)
        self.summary = QLabel()
        self.consent = QLabel()
        self.consent.setObjectName("consent_question")
        self.consent.setWordWrap(True)
        self.retention = QLabel()
        self.retention.setObjectName("retention")
        self.retention.setWordWrap(True)
        self.countdown = QLabel()
        self.countdown.setObjectName("closing_countdown")
        self.countdown.setWordWrap(True)  # a long language at 200 % on a half screen is wider than the page
        self._shown_at = 0.0
        self._ticker = QTimer(self)
        self._ticker.timeout.connect(self._tick)
        self.result = QLabel()
        self.result.setObjectName("consent_result")
        self.result.setWordWrap(True)
        self.result.hide()  # until answered: an empty line between the answers and "done" takes their room
        self.yes, self.no = WrapButton(), WrapButton()
        self.yes.setObjectName("consent_yes")
        self.no.setObjectName("consent_no")
        self.yes.clicked.connect(self._export)
        self.no.clicked.connect(self._decline)
        self.done = WrapButton()
        self.done.setObjectName("done")
        self.done.clicked.connect(lambda: self.session.clear("visitor"))
        self.answers = QGridLayout()  # yes, no and "done" beside them, or under them on a row of its own (arrange)
        self.answers.addWidget(self.yes, 0, 0)
        self.answers.addWidget(self.no, 0, 1)
        self.answers.setColumnStretch(0, 1)
        self.answers.setColumnStretch(1, 1)
        self.beside = False
        self.answers.addWidget(self.done, 1, 0, 1, 2)
        for widget in (self.title, self.summary, self.retention, self.countdown):
            lines.addWidget(widget)
        lines.addStretch(1)
        view = scrolling(text, whole_lines=True)
        view.setSizePolicy(QSizePolicy.Policy.Preferred, QSizePolicy.Policy.Ignored)  # the room the rows below leave
        layout.addWidget(view, 1)
        layout.addWidget(self.consent)  # over its answers
        layout.addWidget(self.result)
        layout.addLayout(self.answers)

    def event(self, event: QEvent) -> bool:
        if event.type() in (QEvent.Type.LayoutRequest, QEvent.Type.Resize):  # another size, text size or language
            self.arrange(self.width(), self.height())
        return super().event(event)

    def arrange(self, width: int, height: int) -> None:
        """ "Done" beside the answers where the page, ``width`` x ``height`` px, is too short for the whole text above
        the question and the answers with "done" under them, and the three in a row are less high than those two rows
        (each button's words whole: no narrower than its longest); else on a row of its own, as wide as the page.
        (Decided from the texts' heights, not the view's: the view grows when "done" moves up.)"""
        gap, spacing, buttons = (
            self.answers.horizontalSpacing(),
            self.layout().spacing(),
            (self.yes, self.no, self.done),
        )
        third, half = (width - 2 * gap) // 3, (width - gap) // 2
        row = max(b.heightForWidth(third) for b in buttons)
        rows = max(b.heightForWidth(half) for b in buttons[:2]) + self.answers.verticalSpacing()
        rows += self.done.heightForWidth(width)
        text = self.text.layout().totalHeightForWidth(width) + self.consent.heightForWidth(width) + 2 * spacing
        short = text + rows > height
        beside = short and row < rows and all(b.minimumSizeHint().width() <= third for b in buttons)
        if beside != self.beside:
            self.beside = beside
            self.answers.removeWidget(self.done)
            self.answers.addWidget(self.done, *((0, 2, 1, 1) if beside else (1, 0, 1, 2)))
            self.answers.setColumnStretch(2, 1 if beside else 0)  # equal columns

    def show_visit(self) -> None:
        """Fill the page in the visitor's language for the visit that just ended."""
        language = self.session.language
        set_wrapped(self.title, tr("closing_title", language), language)
        self.summary.setText(tr("closing_summary", language, n=len(self.session.entries)))
        set_wrapped(self.consent, tr("consent_question", language), language)
        retention = self.session.config.store.retention
        hours = "retention_end_of_day" if retention == "end_of_day" else "retention_hours"
        set_wrapped(self.retention, tr(hours, language, n=retention), language)
        self.result.clear()
        self.result.hide()
        self.consent.show()
        for button, key in ((self.yes, "consent_print"), (self.no, "consent_skip"), (self.done, "back_to_start")):
            button.setText(tr(key, language), language)
            button.setEnabled(True)
        self._shown_at = time.monotonic()
        self._tick()
        self._ticker.start(1000)

    def _tick(self) -> None:
        if not self.isVisible() and self._shown_at and time.monotonic() - self._shown_at > 1:
            self._ticker.stop()
            return
        left = max(0, round(self.session.config.kiosk.closing_s - (time.monotonic() - self._shown_at)))
        language = self.session.language
        set_wrapped(self.countdown, tr("closing_countdown", language, n=left), language)  # "15 giây" on one line

    def _export(self) -> None:
        try:
            self.session.give_consent(True)
            self.session.export("html")
        except (KioskError, OSError):
            self._answered(tr("not_saved", self.session.language))
            return
        self._answered(tr("saved", self.session.language))

    def _decline(self) -> None:
        self.session.give_consent(False)
        self._answered(tr("not_kept", self.session.language))

    def _answered(self, message: str) -> None:
        self.result.setText(message)
        self.result.show()
        self.consent.hide()  # answered: its result says what happened (at 200 % on 1366x768 "done" had no room)
        self.yes.setEnabled(False)
        self.no.setEnabled(False)
