"""Larger or smaller text (100 % to 200 %) and a high-contrast theme, for the visitor's own eyes.

Every visit starts from the configured defaults again, so one visitor's choice never carries over.
"""

from __future__ import annotations

from collections.abc import Callable

from PyQt6.QtWidgets import QHBoxLayout, QPushButton, QWidget

from ui.strings import tr

STEPS = (1.0, 1.25, 1.5, 1.75, 2.0)


class DisplayControls(QWidget):
    """Three buttons; ``apply(scale, high_contrast)`` restyles the screen."""

    def __init__(self, scale: float, high_contrast: bool, apply: Callable[[float, bool], None]) -> None:
        super().__init__()
        self.defaults = (scale, high_contrast)
        self.scale, self.high_contrast, self.apply = scale, high_contrast, apply
        self.buttons = {name: QPushButton() for name in ("text_smaller", "text_bigger", "contrast")}
        row = QHBoxLayout(self)
        row.setContentsMargins(0, 0, 0, 0)
        for name, button in self.buttons.items():
            button.setObjectName(name)
            row.addWidget(button)
        self.buttons["text_smaller"].clicked.connect(lambda: self.set(self._step(-1), self.high_contrast))
        self.buttons["text_bigger"].clicked.connect(lambda: self.set(self._step(+1), self.high_contrast))
        self.buttons["contrast"].clicked.connect(lambda: self.set(self.scale, not self.high_contrast))
        self.buttons["contrast"].setCheckable(True)

    def set_language(self, language: str | None) -> None:
        for name, button in self.buttons.items():
            button.setText(tr(name, language))

    def set(self, scale: float, high_contrast: bool) -> None:
        self.scale, self.high_contrast = scale, high_contrast
        self.buttons["contrast"].setChecked(high_contrast)
        self.buttons["text_smaller"].setEnabled(scale > STEPS[0])
        self.buttons["text_bigger"].setEnabled(scale < STEPS[-1])
        self.apply(scale, high_contrast)

    def reset(self) -> None:
        self.set(*self.defaults)

    def _step(self, direction: int) -> float:
        nearest = min(range(len(STEPS)), key=lambda i: abs(STEPS[i] - self.scale))
        return STEPS[max(0, min(len(STEPS) - 1, nearest + direction))]
