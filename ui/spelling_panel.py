"""The visitor's fingerspelling panel: the word so far (large), its letters, the letter seen now; its buttons
(delete, space, enter) are a row of their own, :attr:`SpellingPanel.controls`, which the screen keeps in view."""

from __future__ import annotations

from PyQt6.QtWidgets import QFrame, QHBoxLayout, QLabel, QVBoxLayout, QWidget

from base.errors import KioskError
from base.events import Spelling
from kiosk.channels.fingerspelling import SpellingChannel
from ui.strings import tr
from ui.wrap_button import add_buttons

ACTIONS = {"spelling_delete": "delete", "spelling_space": "space", "spelling_confirm": "confirm"}


class SpellingPanel(QFrame):
    """Shows :class:`Spelling` events; delete, space and enter go to the live spelling channel."""

    def __init__(self, channel: SpellingChannel | None, on_error: callable) -> None:
        super().__init__()
        self.channel, self.on_error = channel, on_error
        self.language = "ko"
        self.setObjectName("spelling_panel")
        self.word, self.letters, self.holding = QLabel(), QLabel(), QLabel()
        for label, name in ((self.word, "spelling_word"), (self.letters, "spelling_letters")):
            label.setObjectName(name)
        self.holding.setObjectName("spelling_holding")
        self.holding.setWordWrap(True)
        self.controls = QWidget()  # not inside the panel: the panel may scroll, its buttons must not
        self.controls.setObjectName("spelling_controls")
        row = QHBoxLayout(self.controls)
        row.setContentsMargins(0, 0, 0, 0)
        self.buttons = add_buttons(row, ACTIONS, self._act)
        layout = QVBoxLayout(self)
        for label in (self.word, self.letters, self.holding):
            layout.addWidget(label)

    def set_language(self, language: str) -> None:
        self.language = language
        for key, button in self.buttons.items():
            button.setText(tr(key, language))
        self.clear()

    def clear(self) -> None:
        for label in (self.word, self.letters, self.holding):
            label.clear()

    def show_spelling(self, spelling: Spelling) -> None:
        self.word.setText(spelling.text)
        self.letters.setText(" ".join(letter if letter != " " else "␣" for letter in spelling.letters))
        if spelling.holding == "?":
            self.holding.setText(tr("spelling_unknown", self.language))
        elif spelling.holding:
            self.holding.setText(tr("spelling_holding", self.language, letter=spelling.holding))
        else:
            self.holding.clear()

    def _act(self, action: str) -> None:
        if self.channel is None:
            return
        try:
            getattr(self.channel, action)()
        except KioskError as exc:
            self.on_error(exc)
