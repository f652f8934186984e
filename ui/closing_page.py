"""The visitor's closing page: a summary of the visit and the consent question; export only on "yes".

The answers restate what they do ("Yes, print my copy" / "No copy, thanks") instead of a bare yes/no, the page
says how long the counter keeps its own record (the store's retention setting), and a countdown shows when the
screen clears itself for the next visitor (``kiosk.closing_s``; the session clears it, the page only counts).
The text scrolls; the consent question, its answers (which say what they do), their result and "done" stay in view
below it, the text yielding first: at 200 % on a 1366x768 panel the answers were a scroll away, and then the question
(answers in view without the question they answer), on 960x1080 too.
"""

from __future__ import annotations

import time

from PyQt6.QtCore import QTimer
from PyQt6.QtWidgets import QHBoxLayout, QLabel, QSizePolicy, QVBoxLayout, QWidget

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
        text = QWidget()
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
        buttons = QHBoxLayout()
        for button in (self.yes, self.no):
            buttons.addWidget(button)
        for widget in (self.title, self.summary, self.retention, self.countdown):
            lines.addWidget(widget)
        lines.addStretch(1)
        view = scrolling(text, whole_lines=True)
        view.setSizePolicy(QSizePolicy.Policy.Preferred, QSizePolicy.Policy.Ignored)  # the room the rows below leave
        layout.addWidget(view, 1)
        layout.addWidget(self.consent)  # over its answers
        layout.addLayout(buttons)
        layout.addWidget(self.result)
        layout.addWidget(self.done)  # its own row: the answers keep the width a portrait panel has

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
