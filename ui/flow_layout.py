"""A layout that places its items left to right and wraps onto the next line when the width runs out."""

from __future__ import annotations

from PyQt6.QtCore import QPoint, QRect, QSize, Qt
from PyQt6.QtWidgets import QLayout, QLayoutItem, QWidget


class FlowLayout(QLayout):
    """Items in reading order, each at its size hint, wrapped like words (the sign chips; who said a line and the
    clerk's buttons for it)."""

    def __init__(self, parent: QWidget | None = None, spacing: int = 12) -> None:
        super().__init__(parent)
        self._items: list[QLayoutItem] = []
        self.setSpacing(spacing)

    def addItem(self, item: QLayoutItem) -> None:
        self._items.append(item)

    def count(self) -> int:
        return len(self._items)

    def itemAt(self, index: int) -> QLayoutItem | None:
        return self._items[index] if 0 <= index < len(self._items) else None

    def takeAt(self, index: int) -> QLayoutItem | None:
        return self._items.pop(index) if 0 <= index < len(self._items) else None

    def expandingDirections(self) -> Qt.Orientation:
        return Qt.Orientation(0)

    def hasHeightForWidth(self) -> bool:
        return True

    def heightForWidth(self, width: int) -> int:
        return self._place(QRect(0, 0, width, 0), move=False)

    def setGeometry(self, rect: QRect) -> None:
        super().setGeometry(rect)
        self._place(rect, move=True)

    def sizeHint(self) -> QSize:
        return self.minimumSize()

    def minimumSize(self) -> QSize:
        """The largest item: the narrowest the layout can be (one item a line)."""
        size = QSize()
        for item in self._items:
            size = size.expandedTo(item.minimumSize())
        margins = self.contentsMargins()
        return size + QSize(margins.left() + margins.right(), margins.top() + margins.bottom())

    def _place(self, rect: QRect, *, move: bool) -> int:
        """Lay the items out in ``rect`` (or only measure), each centred in the height of its line; the height they
        take."""
        margins = self.contentsMargins()
        room = rect.adjusted(margins.left(), margins.top(), -margins.right(), -margins.bottom())
        placed: list[tuple[QLayoutItem, QPoint]] = []  # the items of the line so far, where they start
        x, y, line = room.x(), room.y(), 0
        for item in (item for item in self._items if not item.isEmpty()):  # (a hidden widget takes no room)
            hint = item.sizeHint()
            if x + hint.width() > room.right() + 1 and line > 0:  # the next line
                if move:
                    _centre(placed, line)
                x, y, line, placed = room.x(), y + line + self.spacing(), 0, []
            placed.append((item, QPoint(x, y)))
            x += hint.width() + self.spacing()
            line = max(line, hint.height())
        if move:
            _centre(placed, line)
        return y + line - rect.y() + margins.bottom()


def _centre(placed: list[tuple[QLayoutItem, QPoint]], height: int) -> None:
    """Each of a line's ``placed`` items at its point, moved down to the middle of the line's ``height``."""
    for item, point in placed:
        hint = item.sizeHint()
        item.setGeometry(QRect(point + QPoint(0, (height - hint.height()) // 2), hint))
