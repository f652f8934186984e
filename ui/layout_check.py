"""Is any text cut off? Compares each visible label's and button's text with the room it has.

Used by the screenshot gallery and its test at 100 % and 200 % text in every language: a window whose
minimum size exceeds the reference screen, a label whose text is wider (or, when wrapping, taller) than
the label, and a button whose text is wider than the button are reported by object name.
"""

from __future__ import annotations

from PyQt6.QtCore import QPoint, QSize
from PyQt6.QtWidgets import QLabel, QPushButton, QWidget

from ui.theme import MIN_TARGET_PX
from ui.wrap_button import WrapButton

BUTTON_PADDING = 32  # the stylesheet's 16 px on each side
LOW_EXEMPT = {"attract"}  # the welcome screen is one button as large as the screen: it can be touched anywhere


def layout_problems(
    window: QWidget, screen: QSize, min_target_px: int = MIN_TARGET_PX, low_from: float | None = None
) -> list[str]:
    """What does not fit when ``window`` fills ``screen``, buttons smaller than ``min_target_px``, and (with
    ``low_from``) buttons above that fraction of the height: a wheelchair user must reach every control."""
    problems = []
    need = window.minimumSizeHint()
    if need.width() > screen.width() or need.height() > screen.height():
        problems.append(f"window needs {need.width()}x{need.height()}, screen is {screen.width()}x{screen.height()}")
    for widget in window.findChildren(QWidget):
        if not widget.isVisible():
            continue
        if isinstance(widget, QLabel) and widget.text() and widget.pixmap().isNull():
            problems += _label(widget)
        elif isinstance(widget, QPushButton):
            top = widget.mapTo(window, QPoint(0, 0)).y()
            if low_from is not None and top < low_from * window.height() and widget.objectName() not in LOW_EXEMPT:
                problems.append(f"button {_name(widget)} at {top}px: above the lower part of the screen")
            if min(widget.width(), widget.height()) < min_target_px:
                problems.append(f"button {_name(widget)}: {widget.width()}x{widget.height()} < {min_target_px}px")
            if not isinstance(widget, WrapButton) and widget.text():
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
