"""Where a scroll area's view ends, a line of text is whole in view or a scroll away, never halved.

Found by :func:`ui.text_cut.cut_text` (at 200 %: the welcome's and the closing page's text at their fold, the
clerk's first reading of a revised line under a tall newest line; the letter seen in fingerspelling at 100 % on
1366x768, the unknown sign's hint), and kept so in two ways:

- a view ends a little higher, between two lines of the text at its bottom edge (:func:`fold_margin`): a page that
  scrolls as a whole (:class:`WholeLinesFold`), the chat under a newest line taller than it
  (``ChatView._whole_lines``); the rest is a scroll away;
- a line of a list whose rows are kept whole (:func:`below_fold`) starts below the list's fold.
"""

from __future__ import annotations

from collections.abc import Iterable

from PyQt6.QtCore import QEvent, QObject, QPoint, Qt, QTimer
from PyQt6.QtGui import QFontMetrics
from PyQt6.QtWidgets import QLabel, QScrollArea, QWidget

MAX_PASSES = 4  # a fold moved up may fall into the text of a label beside the first; then once more


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


def below_fold(label: QLabel, fold: int) -> None:
    """``label`` in a list whose view ends ``fold`` px below the label's top: where the fold would halve its text, the
    text starts below it (a top margin), whole in view or a scroll away; elsewhere no margin."""
    extra = label.contentsMargins().top()
    top, height = lines_of(label)
    top -= extra
    seen = fold - top
    want = seen if label.text() and halves(seen, height, label.fontMetrics()) else 0
    if want != extra:
        label.setContentsMargins(0, want, 0, 0)


def fold_margin(area: QScrollArea, labels: Iterable[QLabel], start: int) -> int:
    """The bottom margin of ``area``'s view, shown from ``start`` px down its content, that ends the view between two
    lines of each of ``labels`` (never through one)."""
    page, full = area.widget(), area.height() - 2 * area.frameWidth()  # the view's height with no margin
    texts = [label for label in labels if label.text() and label.pixmap().isNull()]
    fold = start + full  # in the content's coordinates
    for _ in range(MAX_PASSES):
        cut = max((_cut(page, label, fold) for label in texts), default=0)
        if not cut:
            break
        fold -= cut
    return start + full - fold


def _cut(page: QWidget, label: QLabel, fold: int) -> int:
    """How far above ``fold`` (in ``page``'s coordinates) the line of ``label`` that it halves begins (0: none)."""
    top, height = lines_of(label)
    seen = fold - (label.mapTo(page, QPoint(0, 0)).y() + top)
    if not halves(seen, height, label.fontMetrics()):
        return 0
    return seen if seen < label.fontMetrics().height() else seen % label.fontMetrics().lineSpacing()


class WholeLinesFold(QObject):
    """Keeps ``area``'s view ending between two lines of the text at its bottom edge (a bottom viewport margin)."""

    def __init__(self, area: QScrollArea) -> None:
        super().__init__(area)
        self.area = area
        self.later = QTimer(self)
        self.later.setSingleShot(True)
        self.later.setInterval(0)
        self.later.timeout.connect(self.fit)
        area.verticalScrollBar().valueChanged.connect(lambda _: self.later.start())
        for watched in (area, area.widget()):
            watched.installEventFilter(self)

    def eventFilter(self, watched: QObject, event: QEvent) -> bool:
        if event.type() in (QEvent.Type.Resize, QEvent.Type.LayoutRequest, QEvent.Type.Show):
            self.later.start()
        return False

    def fit(self) -> None:
        area = self.area
        if area.widget() is None or not area.isVisible():
            return
        shown = [label for label in area.widget().findChildren(QLabel) if label.isVisible()]
        margin = fold_margin(area, shown, area.verticalScrollBar().value())
        if area.viewportMargins().bottom() != margin:
            area.setViewportMargins(0, 0, 0, margin)
