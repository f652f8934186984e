"""The visitor's fingerspelling panel: the word so far (large), its letters and, beside them, the letter seen
now; its buttons
(delete, space, enter) are a row of their own, :attr:`SpellingPanel.controls`, which the screen keeps in view.

Decided: the word line is shown only where it fits whole, with the letters' line under it, in the view of the list it
heads (:meth:`SpellingPanel.fit`), never cut in half; the letters' line is always whole (the list is kept that high).
Where it does not (200 % text on 1366x768 and on 1920x1080: a 72 or 80 px view under the chat, which keeps the top
40 % for reach, and the camera, for a 105 px line), the self-view carries the word alone: it is
drawn along the picture's top (:mod:`ui.camera_view`), where the visitor looks while spelling, always in view. A
smaller camera would not give the line room on 1366x768 (the chat alone reaches the reach line there), and the
word elided in the list would only repeat the self-view's, smaller. The letter seen shares the letters' row, so it is
in view wherever they are (on a line of its own under them it was a scroll away at 200 % on 1366x768, where the list's
view holds one row); where the row is too narrow for it (the "not recognised" hint) it wraps and the row, kept whole
in the list's view, is as high as its lines (:meth:`SpellingPanel.letters_end`: the self-view, which draws no letter
then, yields for them); a line the list's fold would still halve starts below it (:func:`ui.fold.below_fold`).
"""

from __future__ import annotations

from PyQt6.QtCore import Qt
from PyQt6.QtWidgets import QFrame, QHBoxLayout, QLabel, QVBoxLayout, QWidget

from base.errors import KioskError
from base.events import Spelling
from kiosk.channels.fingerspelling import SpellingChannel
from ui.strings import tr
from ui.widgets import first_row_top
from ui.wrap_button import add_buttons

GAP_PX = 48  # between the letters and the letter seen: two things, not one run of text
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
        layout.addWidget(self.word)
        letters = QHBoxLayout()  # the letter seen beside the letters: under them it was a scroll away at 200 %
        letters.setSpacing(GAP_PX)
        letters.addWidget(self.letters, 0, Qt.AlignmentFlag.AlignTop)  # a hint of two lines beside: read from the top
        letters.addWidget(self.holding, 1)
        layout.addLayout(letters)

    def fit(self, view: int) -> None:
        """Show the word line only when it and the letters' line under it are whole within ``view`` px from the
        panel's top (the list is at least :meth:`letters_end` high: the letters' line is always whole)."""
        line = max(self.word.sizeHint().height(), self.word.fontMetrics().height())  # with or without a word yet
        self.word.setVisible(self.letters_end() + line + self.layout().spacing() <= view)

    def letters_end(self) -> int:
        """Px from the panel's top to the bottom of the letters' row when the word line is not shown: the letters'
        line, or the letter seen beside it where that wraps taller (the "not recognised" hint in two lines at 200 %
        on 1366x768 started below the list's fold, a scroll away: the visitor did not see the letter was not read)."""
        line = max(self.letters.sizeHint().height(), self.letters.fontMetrics().height())
        hint = self.holding
        if hint.text() and hint.width() > 0:
            line = max(line, hint.heightForWidth(hint.width()) - hint.contentsMargins().top())  # (less its fold margin)
        return first_row_top(self) + line

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
