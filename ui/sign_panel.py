"""The visitor's sign panel: recognised signs as chips, with "send sentence" and "remove last sign"."""

from __future__ import annotations

from PyQt6.QtWidgets import QFrame, QHBoxLayout, QLabel, QPushButton, QVBoxLayout

from base.events import SignChips
from kiosk.channels.signing import UNKNOWN, SignChannel
from ui.strings import tr


class SignPanel(QFrame):
    """Shows :class:`SignChips`; the buttons go to the live sign channel."""

    def __init__(self, channel: SignChannel | None) -> None:
        super().__init__()
        self.channel = channel
        self.language = "ko"
        self.setObjectName("sign_panel")
        self.chips = QLabel()
        self.chips.setObjectName("sign_chips")
        self.chips.setWordWrap(True)
        self.hint = QLabel()
        self.hint.setObjectName("sign_hint")
        self.hint.setWordWrap(True)
        self.send, self.undo = QPushButton(), QPushButton()
        self.send.setObjectName("sign_send")
        self.undo.setObjectName("sign_undo")
        self.send.clicked.connect(lambda: self.channel.send() if self.channel else None)
        self.undo.clicked.connect(lambda: self.channel.undo() if self.channel else None)
        row = QHBoxLayout()
        row.addWidget(self.undo)
        row.addWidget(self.send)
        layout = QVBoxLayout(self)
        layout.addWidget(self.chips)
        layout.addWidget(self.hint)
        layout.addLayout(row)

    def set_language(self, language: str) -> None:
        self.language = language
        self.send.setText(tr("sign_send", language))
        self.undo.setText(tr("sign_undo", language))
        self.clear()

    def clear(self) -> None:
        self.chips.clear()
        self.hint.clear()

    def show_signs(self, chips: SignChips) -> None:
        self.chips.setText("  ".join(f"[ {s.text if s.gloss != UNKNOWN else '?'} ]" for s in chips.signs))
        last_unknown = bool(chips.signs) and chips.signs[-1].gloss == UNKNOWN
        self.hint.setText(tr("sign_unknown", self.language) if last_unknown else "")
