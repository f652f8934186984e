"""The visitor's closing page: a summary of the visit and the consent question; export only on "yes"."""

from __future__ import annotations

from PyQt6.QtWidgets import QHBoxLayout, QLabel, QVBoxLayout, QWidget

from base.errors import KioskError
from kiosk.session import Session
from ui.strings import tr
from ui.wrap_button import named_button


class ClosingPage(QWidget):
    """Shown when the visit ends; "done" clears the kiosk for the next visitor."""

    def __init__(self, session: Session) -> None:
        super().__init__()
        self.session = session
        layout = QVBoxLayout(self)
        self.title = QLabel()
        self.title.setObjectName("title")
        self.summary = QLabel()
        self.consent = QLabel()
        self.consent.setWordWrap(True)
        self.result = QLabel()
        self.result.setObjectName("consent_result")
        self.result.setWordWrap(True)
        self.yes, self.no = named_button("", "consent_yes"), named_button("", "consent_no")
        self.yes.clicked.connect(self._export)
        self.no.clicked.connect(self._decline)
        self.done = named_button("", "done")
        self.done.clicked.connect(lambda: self.session.clear("visitor"))
        buttons = QHBoxLayout()
        for button in (self.yes, self.no, self.done):
            buttons.addWidget(button)
        for widget in (self.title, self.summary, self.consent, self.result):
            layout.addWidget(widget)
        layout.addStretch(1)
        layout.addLayout(buttons)

    def show_visit(self) -> None:
        """Fill the page in the visitor's language for the visit that just ended."""
        language = self.session.language
        self.title.setText(tr("closing_title", language))
        self.summary.setText(tr("closing_summary", language, n=len(self.session.entries)))
        self.consent.setText(tr("consent_question", language))
        self.result.clear()
        for button, key in ((self.yes, "yes"), (self.no, "no"), (self.done, "back_to_start")):
            button.setText(tr(key, language))
            button.setEnabled(True)

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
        self.yes.setEnabled(False)
        self.no.setEnabled(False)
