"""Where a widget lies on a shown window, and how a report names it: the parts :mod:`ui.layout_check` and
:mod:`ui.text_cut` share (and the screens that look for the scroll area round a widget)."""

from __future__ import annotations

from PyQt6.QtCore import QPoint, QRect
from PyQt6.QtWidgets import QLabel, QLineEdit, QScrollArea, QStyle, QStyleOptionFrame, QWidget

from ui.fold import halves, lines_of

LINE_EDIT_MARGIN_PX = 2  # Qt's own gap each side of a text field's text (QLineEditPrivate::horizontalMargin)


def text_room_px(edit: QLineEdit) -> int:
    """The width ``edit`` has for its text (or its placeholder: wider, Qt cuts it with "…")."""
    option = QStyleOptionFrame()
    edit.initStyleOption(option)
    room = edit.style().subElementRect(QStyle.SubElement.SE_LineEditContents, option, edit)
    margins = edit.textMargins()
    return room.width() - margins.left() - margins.right() - 2 * LINE_EDIT_MARGIN_PX


def line_halved(window: QWidget, words: QLabel, port: QRect) -> bool:
    """The view's bottom edge runs through a line of ``words`` (its glyphs partly shown), not between two lines,
    or shows not even their first line whole."""
    metrics, top, height = words.fontMetrics(), *lines_of(words)
    seen = port.bottom() + 1 - (rect_in(window, words).top() + top)
    return seen < metrics.height() or halves(seen, height, metrics)


def rect_in(window: QWidget, widget: QWidget) -> QRect:
    """``widget``'s rectangle in ``window``'s coordinates."""
    return QRect(widget.mapTo(window, QPoint(0, 0)), widget.size())


def scroll_areas(widget: QWidget, window: QWidget) -> list[QScrollArea]:
    """The scroll areas round ``widget`` inside ``window``, innermost first."""
    areas, parent = [], widget.parentWidget()
    while parent is not None and parent is not window:
        if isinstance(parent, QScrollArea):
            areas.append(parent)
        parent = parent.parentWidget()
    return areas


def widget_kind(widget: QWidget) -> str:
    """ "label" or "button", as a report names it."""
    return "label" if isinstance(widget, QLabel) else "button"


def widget_name(widget: QWidget) -> str:
    """The object name, or the type and the parent's name, as a report names a widget."""
    parent = widget.parentWidget()
    return widget.objectName() or f"{type(widget).__name__} in {parent.objectName() if parent else '?'}"
