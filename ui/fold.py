"""Where a line of a label's text is drawn, and whether a view's edge runs through one (:mod:`ui.layout_check`,
:mod:`ui.text_cut`)."""

from __future__ import annotations

from PyQt6.QtCore import Qt
from PyQt6.QtGui import QFontMetrics
from PyQt6.QtWidgets import QLabel


def halves(seen: int, height: int, metrics: QFontMetrics) -> bool:
    """A view that shows ``seen`` px of a text ``height`` px high runs through one of its lines (or shows not even
    its first line whole), not between two."""
    if seen <= 0 or seen >= height:
        return False
    return seen < metrics.height() or 2 < seen % metrics.lineSpacing() < metrics.height()


def lines_of(label: QLabel) -> tuple[int, int]:
    """Where a label's text lines are drawn: their top below the label's top and their height (wrapped at its width;
    centred or at the bottom as the label's alignment says)."""
    room = label.contentsRect()
    if label.wordWrap():
        height = label.heightForWidth(label.width()) - (label.height() - room.height())
    else:
        height = label.fontMetrics().lineSpacing() * len(label.text().split("\n"))
    height, spare = min(height, room.height()), max(0, room.height() - height)
    align, flag = label.alignment(), Qt.AlignmentFlag
    offset = spare // 2 if align & flag.AlignVCenter else spare if align & flag.AlignBottom else 0
    return room.top() + offset, height
