"""Text cut inside its own box: a check of a shown window, beside those of :mod:`ui.layout_check`.

The label checks there measure a label against its own size; they do not see a label or button whose own box is
large enough but is cut by a box around it. :func:`cut_text` reports, by object name:

- a shown label or button whose text needs more height than the box it was given (a plain push button's lines; a
  label's, and a wrapping button's inner label, are measured by :func:`ui.layout_check.layout_problems`);
- a shown label or button that sticks out of an ancestor (a frame squeezed below its layout's least height draws
  its children past its edge, where they are cut); a scroll area's view is such an ancestor only at its sides where it
  shows no horizontal bar (a chat line wider than the chat, 見せていただけますか。 at 200 % in Japanese on the portrait
  panel, its end cut at the window's edge); what it cuts above or below is a scroll away;
- a shown label (a wrapping button's inner one too) whose text the bottom of a scroll area's view runs through, a
  line halved or not even its first line whole (the switch offer at 200 % on 1366x768: its question cut after the
  first line, its buttons' words halved). Above the fold, below it or between two lines a label is fine: whole, a
  scroll away, or more to read by scrolling (a chat's view ends between two lines: ``ChatView._whole_lines``).

Text elided on purpose is drawn by its widget (the self-view's word), not held by a label, so it is not seen here.
"""

from __future__ import annotations

from PyQt6.QtWidgets import QAbstractButton, QLabel, QPushButton, QScrollArea, QWidget

from ui.fold import lines_of
from ui.phrase_breaks import plain
from ui.places import line_halved, rect_in, scroll_areas, widget_kind, widget_name
from ui.wrap_button import WrapButton

SLACK_PX = 1  # rounding of fractional font metrics and of 200 % scaling


def cut_text(window: QWidget) -> list[str]:
    """Shown labels and buttons in ``window`` whose text is cut by their own box, by a box around them, or by a
    scroll area's view through a line."""
    problems = []
    for widget in window.findChildren(QWidget):
        if not widget.isVisible() or not isinstance(widget, (QLabel, QAbstractButton)) or not _has_text(widget):
            continue
        if isinstance(widget, QPushButton) and not isinstance(widget, WrapButton) and widget.text():
            need = widget.fontMetrics().lineSpacing() * len(widget.text().split("\n"))
            if need > widget.height() + SLACK_PX:
                problems.append(
                    f"button {widget_name(widget)} {widget.text()!r}: needs {need}px, has {widget.height()}"
                )
        problems += _cut_by_ancestor(window, widget)
        if isinstance(widget, QLabel):
            problems += _halved_in_view(window, widget)
    return problems


def _cut_by_ancestor(window: QWidget, widget: QWidget) -> list[str]:
    """``widget`` sticking out of an ancestor that is not a scroll area's view; past a view, only the part of
    ``widget`` the view shows is measured against the ancestors around it."""
    rect, parent = rect_in(window, widget), widget.parentWidget()
    while parent is not None and parent is not window and not rect.isEmpty():
        area, outer = parent.parentWidget(), rect_in(window, parent)
        if isinstance(area, QScrollArea) and parent is area.viewport():
            if not _scrolls_sideways(area) and not (
                outer.left() - SLACK_PX <= rect.left() <= rect.right() <= outer.right() + SLACK_PX
            ):
                where = f"{rect.left() - outer.left()}..{rect.right() - outer.left()} px of a {outer.width()} px view"
                return [
                    f"{widget_kind(widget)} {widget_name(widget)} is cut by the side of {widget_name(area)} ({where})"
                ]
            rect = rect.intersected(outer)
        elif not outer.adjusted(-SLACK_PX, -SLACK_PX, SLACK_PX, SLACK_PX).contains(rect):
            where = f"{rect.width()}x{rect.height()} at {rect.x()},{rect.y()} in {outer.width()}x{outer.height()}"
            return [f"{widget_kind(widget)} {widget_name(widget)} is cut by {widget_name(parent)} ({where})"]
        parent = parent.parentWidget()
    return []


def _scrolls_sideways(area: QScrollArea) -> bool:
    """What ``area``'s view cuts at a side is a scroll away: its horizontal bar is shown."""
    bar = area.horizontalScrollBar()
    return bar.isVisible() and bar.maximum() > 0


def _halved_in_view(window: QWidget, label: QLabel) -> list[str]:
    """The bottom of a scroll area's view runs through ``label``'s text, through a line of it."""
    top, height = lines_of(label)
    top += rect_in(window, label).top()
    for area in scroll_areas(label, window):
        port = rect_in(window, area.viewport())
        if top <= port.bottom() < top + height - 1 and line_halved(window, label, port):
            owner = label.parentWidget() if isinstance(label.parentWidget(), WrapButton) else label
            seen = f"{port.bottom() + 1 - top} of its {height}px of text"
            text = plain(label.text())[:30]
            return [f"{widget_kind(owner)} {widget_name(owner)} {text!r} shows {seen} in {widget_name(area)}"]
    return []


def _has_text(widget: QWidget) -> bool:
    if isinstance(widget, QLabel):
        return bool(widget.text()) and widget.pixmap().isNull()
    return bool(widget.text())  # type: ignore[attr-defined]
