"""Mute, volume and speech rate of the voice that reads the clerk's words aloud to the visitor."""

from __future__ import annotations

from collections.abc import Callable

from PyQt6.QtWidgets import QGridLayout, QLabel, QWidget

from kiosk.channels.voice_output import VoiceOutput
from ui.phrase_breaks import set_wrapped
from ui.strings import tr
from ui.widgets import fold_cut
from ui.wrap_button import WrapButton

COLUMNS = 3  # buttons a row: the words fit a portrait panel at 200 % too


class VoiceControls(QWidget):
    """A row of voice buttons and a status line; hidden when there is no voice or the visitor signs."""

    def __init__(self, voice: VoiceOutput | None, on_change: Callable[[], None]) -> None:
        super().__init__()
        self.voice, self.on_change = voice, on_change
        self.language = "ko"
        self.status = QLabel()
        self.status.setObjectName("voice_status")
        self.status.setWordWrap(True)  # a long status in a narrow window wraps instead of widening the list
        actions: dict[str, Callable[[VoiceOutput], None]] = {
            "voice_mute": lambda v: v.set_muted(not v.muted),
            "voice_quieter": lambda v: v.set_volume(v.volume - 0.2),
            "voice_louder": lambda v: v.set_volume(v.volume + 0.2),
            "voice_slower": lambda v: v.set_rate(v.rate - 0.25),
            "voice_faster": lambda v: v.set_rate(v.rate + 0.25),
        }
        grid = QGridLayout(self)
        grid.setContentsMargins(0, 0, 0, 0)
        self.buttons = {}
        for index, (key, action) in enumerate(actions.items()):
            button = WrapButton()
            button.setObjectName(key)
            button.clicked.connect(lambda _=False, act=action: self._act(act))
            self.buttons[key] = button
            grid.addWidget(button, index // COLUMNS, index % COLUMNS)
        row, column = divmod(len(actions), COLUMNS)
        grid.addWidget(self.status, row, column, 1, COLUMNS - column)

    def start_below(self, fold: int) -> None:
        """Where ``fold`` (px from this widget's top: where the view of the list ends) would cut a row of buttons, the
        rows start below it: whole in view or a scroll away, never a strip of a button (at 200 % in a half screen
        the top 34 px of the first row showed under the suggestions)."""
        grid, buttons = self.layout(), list(self.buttons.values())
        heights = [max(b.height() for b in buttons[row : row + COLUMNS]) for row in range(0, len(buttons), COLUMNS)]
        gap = fold if fold_cut(heights, grid.verticalSpacing(), fold) else 0  # (rows from 0: the buttons' may be stale)
        if gap != grid.contentsMargins().top():
            grid.setContentsMargins(0, gap, 0, 0)
            self.updateGeometry()  # (the list round it asks its height again: it stayed 258 px with a 234 px gap)

    def set_language(self, language: str, hearing: bool) -> None:
        """Label in ``language``; shown only to hearing visitors when a voice exists."""
        self.language = language
        self.setVisible(self.voice is not None and hearing)
        self._label()

    def _act(self, action: Callable[[VoiceOutput], None]) -> None:
        if self.voice is not None:
            action(self.voice)
        self.on_change()
        self._label()

    def _label(self) -> None:
        if self.voice is None:
            return
        for key, button in self.buttons.items():
            muted = key == "voice_mute" and self.voice.muted
            button.setText(tr("voice_unmute" if muted else key, self.language), self.language)
        volume, rate = round(self.voice.volume * 100), f"{self.voice.rate:g}"
        set_wrapped(self.status, tr("voice_status", self.language, volume=volume, rate=rate), self.language)
