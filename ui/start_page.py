"""The first two screens: the welcome (one button as large as the screen) and the choice of language or mode."""

from __future__ import annotations

from collections.abc import Callable

from PyQt6.QtCore import Qt
from PyQt6.QtWidgets import QGridLayout, QLabel, QSizePolicy, QVBoxLayout, QWidget

from base.events import VisitorMode
from ui.strings import STRINGS, language_label, tr
from ui.wrap_button import WrapButton, named_button


def attract_page(codes: list[str], on_touch: Callable[[], None]) -> tuple[QWidget, WrapButton]:
    """Welcome in every language; the whole screen is one button."""
    page = QWidget()
    layout = QVBoxLayout(page)
    text = "\n".join(f"{tr('welcome', c)}  ·  {tr('touch_to_start', c)}" for c in codes)
    button = WrapButton(text)
    button.setObjectName("attract")
    button.setSizePolicy(QSizePolicy.Policy.Expanding, QSizePolicy.Policy.Expanding)
    button.clicked.connect(on_touch)
    layout.addWidget(button)
    return page, button


def start_page(codes: list[str], languages: list[str], on_choose: Callable[[str, VisitorMode], None]) -> QWidget:
    """ "Choose your language" in every language, then one button per language and mode (low on the screen)."""
    page = QWidget()
    layout = QVBoxLayout(page)
    title = QLabel("\n".join(STRINGS["choose_language"][code] for code in codes))
    title.setObjectName("title")
    title.setAlignment(Qt.AlignmentFlag.AlignCenter)
    layout.addWidget(title, 1)
    grid = QGridLayout()
    choices = [
        (language_label(c), f"lang_{c}", c, VisitorMode.TEXT if c == "ko" else VisitorMode.SPEECH) for c in languages
    ]
    choices += [
        (tr("sign", "ko"), "mode_sign", "ko", VisitorMode.SIGN),
        (tr("fingerspelling", "ko"), "mode_fingerspelling", "ko", VisitorMode.FINGERSPELLING),
    ]
    for index, (label, name, code, mode) in enumerate(choices):
        button = named_button(label, name)
        button.clicked.connect(lambda _=False, c=code, m=mode: on_choose(c, m))
        grid.addWidget(button, index // 3, index % 3)
    layout.addLayout(grid)  # in the lower part of the screen, reachable from a wheelchair
    return page
