"""An on-screen keyboard for the visitor's touchscreen: Korean (two-set, 두벌식) and Latin (QWERTY).

Keys go into a QLineEdit through :mod:`kiosk.hangul_input`, so Hangul syllables compose as they would
with a desktop IME. Chinese and Japanese visitors get the Latin layout (no pinyin or kana conversion on
the kiosk yet): quick phrases and speech serve them better.
"""

from __future__ import annotations

from collections.abc import Callable

from PyQt6.QtWidgets import QGridLayout, QLineEdit, QPushButton, QSizePolicy, QWidget

from kiosk.hangul_input import backspace, type_key

LAYOUTS = {
    "hangul": ["1234567890", "ㅂㅈㄷㄱㅅㅛㅕㅑㅐㅔ", "ㅁㄴㅇㄹㅎㅗㅓㅏㅣ-", "ㅋㅌㅊㅍㅠㅜㅡ.,?"],
    "hangul_shift": ["1234567890", "ㅃㅉㄸㄲㅆㅛㅕㅑㅒㅖ", "ㅁㄴㅇㄹㅎㅗㅓㅏㅣ-", "ㅋㅌㅊㅍㅠㅜㅡ.,?"],
    "latin": ["1234567890", "qwertyuiop", "asdfghjkl@", "zxcvbnm.,?"],
    "latin_shift": ["1234567890", "QWERTYUIOP", "ASDFGHJKL@", "ZXCVBNM-'!"],
}
SPECIAL = {"shift": "⇧", "switch": "한/A", "space": "␣", "back": "⌫", "enter": "⏎"}


class OnScreenKeyboard(QWidget):
    """Keys that type into ``target``; ``on_enter`` sends the line."""

    def __init__(self, target: QLineEdit, on_enter: Callable[[], None]) -> None:
        super().__init__()
        self.setObjectName("keyboard")
        self.target, self.on_enter = target, on_enter
        self.layout_name, self.shift = "latin", False
        self.grid = QGridLayout(self)
        self.grid.setSpacing(4)
        self.keys: list[QPushButton] = []
        for row in range(4):
            for column in range(10):
                key = self._key(f"key_{row}_{column}")
                key.clicked.connect(lambda _=False, b=key: self.press(b.text()))
                self.grid.addWidget(key, row, column)
                self.keys.append(key)
        for column, (name, span) in enumerate((("shift", 2), ("switch", 2), ("space", 3), ("back", 2), ("enter", 1))):
            key = self._key(f"key_{name}")
            key.setText(SPECIAL[name])
            key.clicked.connect(lambda _=False, n=name: self.special(n))
            self.grid.addWidget(key, 4, sum((2, 2, 3, 2, 1)[:column]), 1, span)
        self.show_layout("latin")

    def show_layout(self, name: str) -> None:
        """``hangul`` or ``latin``."""
        self.layout_name = name
        rows = LAYOUTS[f"{name}_shift" if self.shift else name]
        for index, key in enumerate(self.keys):
            key.setText(rows[index // 10][index % 10])

    def press(self, key: str) -> None:
        self.target.setText(type_key(self.target.text(), key))
        if self.shift:
            self.shift = False
            self.show_layout(self.layout_name)

    def special(self, name: str) -> None:
        if name == "shift":
            self.shift = not self.shift
            self.show_layout(self.layout_name)
        elif name == "switch":
            self.show_layout("latin" if self.layout_name == "hangul" else "hangul")
        elif name == "space":
            self.target.setText(self.target.text() + " ")
        elif name == "back":
            self.target.setText(backspace(self.target.text()))
        else:
            self.on_enter()

    def _key(self, name: str) -> QPushButton:
        key = QPushButton()
        key.setObjectName(name)
        key.setSizePolicy(QSizePolicy.Policy.Expanding, QSizePolicy.Policy.Fixed)
        return key
