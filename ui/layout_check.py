"""Is any text cut off? Compares each visible label's and button's text with the room it has.

Used by the screenshot gallery and its test at 100 % and 200 % text in every language: a window whose
minimum size exceeds the reference screen, a label whose text is wider (or, when wrapping, taller) than
the label, and a button whose text is wider than the button are reported by object name.
"""

from __future__ import annotations

from PyQt6.QtCore import QSize
from PyQt6.QtWidgets import QLabel, QPushButton, QWidget

from ui.wrap_button import WrapButton

BUTTON_PADDING = 32  # the stylesheet's 16 px on each side


def layout_problems(window: QWidget, screen: QSize) -> list[str]:
    """What does not fit when ``window`` fills ``screen``."""
    problems = []
    need = window.minimumSizeHint()
    if need.width() > screen.width() or need.height() > screen.height():
        problems.append(f"window needs {need.width()}x{need.height()}, screen is {screen.width()}x{screen.height()}")
    for widget in window.findChildren(QWidget):
        if not widget.isVisible():
            continue
        if isinstance(widget, QLabel) and widget.text() and widget.pixmap().isNull():
            problems += _label(widget)
        elif isinstance(widget, QPushButton) and not isinstance(widget, WrapButton) and widget.text():
            width = max(widget.fontMetrics().horizontalAdvance(line) for line in widget.text().split("\n"))
            if width + BUTTON_PADDING > widget.width() + 1:
                problems.append(f"button {_name(widget)} {widget.text()!r}: needs {width + BUTTON_PADDING}px")
    return problems


def _label(label: QLabel) -> list[str]:
    room = label.contentsRect()
    if label.wordWrap():
        height = label.heightForWidth(label.width())  # the whole label, margins and padding included
        fits = height <= label.height() + 2
        need = f"{height}px high, has {label.height()}"
    else:
        metrics, lines = label.fontMetrics(), label.text().split("\n")
        width = max(metrics.horizontalAdvance(line) for line in lines)
        fits = width <= room.width() + 1 and metrics.lineSpacing() * len(lines) <= room.height() + 2
        need = f"{width}px wide, has {room.width()}"
    return [] if fits else [f"label {_name(label)} {label.text()[:40]!r}: {need}"]


def _name(widget: QWidget) -> str:
    parent = widget.parentWidget()
    return widget.objectName() or f"{type(widget).__name__} in {parent.objectName() if parent else '?'}"
