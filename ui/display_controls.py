"""Larger or smaller text (100 % to 200 %) and a high-contrast theme, for the visitor's own eyes.

Every visit starts from the configured defaults again, so one visitor's choice never carries over. Each button
carries a language-neutral sign (A−, A+, ◐) above its label; before a language is chosen the label is given in
every language, so a visitor who reads no Korean can enlarge the text of the language choice itself (each broken
only between its own phrases: "ハイコントラス/ト" was cut at the last letter on the live start screen).
"""

from __future__ import annotations

from collections.abc import Callable

from PyQt6.QtWidgets import QHBoxLayout, QWidget

from ui.phrase_breaks import keep_each
from ui.strings import tr
from ui.wrap_button import WrapButton

STEPS = (1.0, 1.25, 1.5, 1.75, 2.0)
ICONS = {"text_smaller": "A−", "text_bigger": "A+", "contrast": "◐"}


class DisplayControls(QWidget):
    """Three buttons; ``apply(scale, high_contrast)`` restyles the screen."""

    def __init__(
        self, scale: float, high_contrast: bool, apply: Callable[[float, bool], None], codes: list[str] | None = None
    ) -> None:
        """``codes``: the languages to label the buttons in before one is chosen."""
        super().__init__()
        self.setObjectName("display_controls")
        self.codes = codes or ["ko"]
        self.language: str | None = None
        self.defaults = (scale, high_contrast)
        self.scale, self.high_contrast, self.apply = scale, high_contrast, apply
        self.buttons = {name: WrapButton() for name in ICONS}
        row = QHBoxLayout(self)
        row.setContentsMargins(0, 0, 0, 0)
        for name, button in self.buttons.items():
            button.setObjectName(name)
            row.addWidget(button)
        self.buttons["text_smaller"].clicked.connect(lambda: self.set(self._step(-1), self.high_contrast))
        self.buttons["text_bigger"].clicked.connect(lambda: self.set(self._step(+1), self.high_contrast))
        self.buttons["contrast"].clicked.connect(lambda: self.set(self.scale, not self.high_contrast))
        self.buttons["contrast"].setCheckable(True)

    def add(self, button: QWidget) -> None:
        """One more button on the bar (the globe of :mod:`ui.language_picker`)."""
        self.layout().addWidget(button)

    def set_language(self, language: str | None) -> None:
        """Before a language is chosen: every language up to 125 %; larger, the first one (the sign says the rest)."""
        self.language = language
        codes = self.codes if self.scale < 1.5 else self.codes[:1]
        for name, button in self.buttons.items():
            label = tr(name, language) if language else keep_each(((tr(name, c), c) for c in codes), " · ")
            button.setText(f"{ICONS[name]}  {label}" if language else f"{ICONS[name]}\n{label}", language)

    def set(self, scale: float, high_contrast: bool) -> None:
        self.scale, self.high_contrast = scale, high_contrast
        self.buttons["contrast"].setChecked(high_contrast)
        self.buttons["text_smaller"].setEnabled(scale > STEPS[0])
        self.buttons["text_bigger"].setEnabled(scale < STEPS[-1])
        self.set_language(self.language)
        self.apply(scale, high_contrast)

    def reset(self) -> None:
        self.set(*self.defaults)

    def _step(self, direction: int) -> float:
        nearest = min(range(len(STEPS)), key=lambda i: abs(STEPS[i] - self.scale))
        return STEPS[max(0, min(len(STEPS) - 1, nearest + direction))]
