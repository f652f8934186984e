"""The visitor's sign panel: recognised signs as chips; its "send sentence" and "remove last sign" buttons are a
row of their own, :attr:`SignPanel.controls`, which the screen keeps in view.

Each sign is a large chip (48 px text at 100 %, readable from a metre; at least a touch target high) that
wraps onto the next line like a word; the newest is highlighted, an unrecognised one shows "?".
"""

from __future__ import annotations

from PyQt6.QtWidgets import QFrame, QHBoxLayout, QLabel, QPushButton, QVBoxLayout, QWidget

from base.events import SignChips
from kiosk.channels.signing import UNKNOWN, SignChannel
from ui.flow_layout import FlowLayout
from ui.phrase_breaks import set_wrapped
from ui.strings import tr
from ui.widgets import first_row_top


class SignPanel(QFrame):
    """Shows :class:`SignChips`; the buttons go to the live sign channel."""

    def __init__(self, channel: SignChannel | None) -> None:
        super().__init__()
        self.channel = channel
        self.language = "ko"
        self.setObjectName("sign_panel")
        self.chips = QWidget()
        self.chips.setObjectName("sign_chips")
        self.flow = FlowLayout(self.chips)
        self.flow.setContentsMargins(0, 0, 0, 0)
        self.hint = QLabel()
        self.hint.setObjectName("sign_hint")
        self.hint.setWordWrap(True)
        self.send, self.undo = QPushButton(), QPushButton()
        self.send.setObjectName("sign_send")
        self.undo.setObjectName("sign_undo")
        self.send.clicked.connect(lambda: self.channel.send() if self.channel else None)
        self.undo.clicked.connect(lambda: self.channel.undo() if self.channel else None)
        self.controls = QWidget()  # not inside the panel: the panel may scroll, its buttons must not
        self.controls.setObjectName("sign_controls")
        row = QHBoxLayout(self.controls)
        row.setContentsMargins(0, 0, 0, 0)
        row.addWidget(self.undo)
        row.addWidget(self.send)
        layout = QVBoxLayout(self)
        layout.setContentsMargins(0, 0, 0, 0)  # the chips' row fits the list's least height on 1366x768 at 200 %
        layout.addWidget(self.chips)
        layout.addWidget(self.hint)

    def set_language(self, language: str) -> None:
        self.language = language
        self.send.setText(tr("sign_send", language))
        self.undo.setText(tr("sign_undo", language))
        self.clear()

    def clear(self) -> None:
        self.show_signs(SignChips(()))

    def chips_end(self) -> int:
        """Px from the panel's top to the bottom of the first row of chips (0: none); the list under the chat is at
        least that high, the signs are whole (at 200 % on 1366x768 its 72 px showed their tops)."""
        chips = self._chips()
        if not chips:
            return 0
        return first_row_top(self) + max(chip.sizeHint().height() for chip in chips)

    def chip_texts(self) -> list[str]:
        return [label.text() for label in self._chips()]

    def show_signs(self, chips: SignChips) -> None:
        for label in self._chips():
            self.flow.removeWidget(label)
            label.hide()
            label.deleteLater()
        for index, sign in enumerate(chips.signs):
            chip = QLabel(sign.text if sign.gloss != UNKNOWN else "?", self.chips)
            chip.setObjectName("sign_chip")
            chip.setProperty("newest", index == len(chips.signs) - 1)
            self.flow.addWidget(chip)
        last_unknown = bool(chips.signs) and chips.signs[-1].gloss == UNKNOWN
        set_wrapped(self.hint, tr("sign_unknown", self.language) if last_unknown else "", self.language)

    def _chips(self) -> list[QLabel]:
        return [self.flow.itemAt(i).widget() for i in range(self.flow.count())]
