"""Small widgets and helpers the visitor's screens share."""

from __future__ import annotations

from collections.abc import Sequence

from PyQt6.QtCore import QEvent, QSize, Qt
from PyQt6.QtGui import QMouseEvent, QResizeEvent
from PyQt6.QtWidgets import QFrame, QLabel, QScrollArea, QScroller, QStackedWidget, QWidget

from kiosk.session import Session
from ui.fold import WholeLinesFold
from ui.phrase_breaks import fitted, keep_phrases, plain, widest_line


class MessageLine(QLabel):
    """A line that takes no room while it says nothing."""

    def setText(self, text: str) -> None:  # type: ignore[override]
        super().setText(text)
        self.setVisible(bool(text))

    def clear(self) -> None:
        self.setText("")


class PhraseLabel(QLabel):
    """A word-wrapping label whose text breaks only between phrases (:mod:`ui.phrase_breaks`), but inside a phrase
    wider than the label: never narrower than its widest word, nor than its widest phrase up to :attr:`most` px (its
    screen's room for it), it does not widen its screen past the window for one long phrase (the clerk's
    見せていただけますか。 at 200 % in a portrait chat: 1056 px in a 1044 px chat, cut at its edge)."""

    def __init__(self) -> None:
        super().__init__()
        self.setWordWrap(True)
        self._text, self._marked, self._language = "", "", None
        self.most = 10**6

    def set_most(self, px: int) -> None:
        """The room its screen has for a line of it: a wider phrase breaks inside."""
        if px != self.most:
            self.most = px
            self.updateGeometry()

    def set_text(self, text: str, language: str | None) -> None:
        """``text`` in ``language``; the accessible name stays plain."""
        self._text, self._language = plain(text), language
        self._marked = keep_phrases(text, language)
        self.setAccessibleName(self._text)
        self._fit()

    def minimumSizeHint(self) -> QSize:
        hint, margins = super().minimumSizeHint(), self.contentsMargins()  # (its phrases whole, not as now shown)
        word, phrase = (
            widest_line(text, self.font()) + margins.left() + margins.right() for text in (self._text, self._marked)
        )
        return QSize(min(phrase, max(word, self.most)), hint.height())

    def resizeEvent(self, event: QResizeEvent) -> None:
        super().resizeEvent(event)
        self._fit()

    def event(self, event: QEvent) -> bool:
        handled = super().event(event)
        if event.type() in (QEvent.Type.StyleChange, QEvent.Type.FontChange):  # the newest line is drawn larger
            self._fit()
        return handled

    def _fit(self) -> None:
        shown = fitted(self._marked, self._text, self._language, self.font(), self.contentsRect().width())
        if shown != self.text():
            self.setText(shown)


class TapToClose(QLabel):
    """A message banner that a tap puts away (until the next message): it must not keep the room it takes."""

    def mousePressEvent(self, event: QMouseEvent) -> None:
        self.hide()


def restyle(widget: QWidget, name: str, value: object) -> None:
    """Set a property the stylesheet keys on, and apply the stylesheet again (only when it changes: it is slow)."""
    if widget.property(name) == value:
        return
    widget.setProperty(name, value)
    widget.style().unpolish(widget)
    widget.style().polish(widget)


def session_is_push_to_talk(session: Session) -> bool:
    return session.config.speech.enabled and session.config.speech.mode == "push_to_talk"


def scrolling(page: QWidget, whole_lines: bool = False) -> QScrollArea:
    """``page`` in a vertical scroll area that a finger can drag; ``whole_lines``: a page that scrolls as a whole,
    whose view ends between two lines of text (:class:`ui.fold.WholeLinesFold`)."""
    area = QScrollArea()
    area.setWidget(page)
    area.setWidgetResizable(True)
    area.setFrameShape(QFrame.Shape.NoFrame)
    area.setHorizontalScrollBarPolicy(Qt.ScrollBarPolicy.ScrollBarAlwaysOff)
    QScroller.grabGesture(area.viewport(), QScroller.ScrollerGestureType.TouchGesture)
    if whole_lines:
        WholeLinesFold(area)
    return area


class StackPage(QWidget):
    """A page of a :class:`PageStack` that asks for room only while it is on screen. The layout above a stack asks
    the stack's own layout for its height at a width (Qt's QWidgetItem asks a widget's layout, never the widget),
    and that layout answers with its tallest page's height."""

    def heightForWidth(self, width: int) -> int:
        return super().heightForWidth(width) if self._current() else 0

    def minimumSizeHint(self) -> QSize:
        """Nothing while off screen: the stack's layout takes its least height from every page (the action bar's
        question, 167 px at 200 %, held Talk/Type/Finish at 152 px for their 91)."""
        return super().minimumSizeHint() if self._current() else QSize(0, 0)

    def _current(self) -> bool:
        stack = self.parentWidget()
        return not isinstance(stack, QStackedWidget) or stack.currentWidget() is self


class ShortFormLabel(QLabel):
    """A wrapping banner with a whole and a short text: the short one (:meth:`compact`) where the rows need the room."""

    def __init__(self) -> None:
        super().__init__()
        self.setWordWrap(True)
        self.full = self.short = ""
        self.compacted = False

    def set_texts(self, full: str, short: str, language: str | None = None) -> None:
        """``short``: "" when the text has no short form (then it is always whole); ``language``: the texts'
        language, so that they break only between phrases (:mod:`ui.phrase_breaks`)."""
        self.full, self.short = keep_phrases(full, language), keep_phrases(short, language)
        self.setAccessibleName(plain(full))
        self.compact(self.compacted)

    def compact(self, on: bool) -> None:
        self.compacted = on
        self.setText(self.short if on and self.short else self.full)

    def saved_px(self) -> int:
        """How much less high the short form is than the whole text at this width."""
        return self.text_px(self.full) - self.text_px(self.short) if self.short else 0

    def text_px(self, text: str, width: int | None = None) -> int:
        """The height of ``text`` wrapped at ``width`` px (None: this label's width now)."""
        width = self.contentsRect().width() if width is None else width
        return self.fontMetrics().boundingRect(0, 0, width, 10**5, Qt.TextFlag.TextWordWrap, text).height()


class DemoBanner(ShortFormLabel):
    """Demo media play instead of a camera and microphone, and the screen says so (synthetic signs may be shown
    only then): the whole sentence, or in its short form where the rows need the room; never hidden in a demo."""

    def __init__(self) -> None:
        super().__init__()
        self.setObjectName("demo_banner")


class PageStack(QStackedWidget):
    """Pages of which only the one on screen asks for room (a plain stack needs the largest page's minimum)."""

    def __init__(self) -> None:
        super().__init__()
        self.currentChanged.connect(lambda _index: self.updateGeometry())

    def minimumSizeHint(self) -> QSize:
        page = self.currentWidget()
        return page.minimumSizeHint() if page is not None else super().minimumSizeHint()

    def sizeHint(self) -> QSize:
        page = self.currentWidget()
        return page.sizeHint() if page is not None else super().sizeHint()

    def hasHeightForWidth(self) -> bool:
        page = self.currentWidget()
        return page.hasHeightForWidth() if page is not None else super().hasHeightForWidth()


def first_row_top(panel: QWidget) -> int:
    """Px from ``panel``'s top to where its layout's first row starts: its own margin and its layout's."""
    return panel.contentsMargins().top() + panel.layout().contentsMargins().top()


def fold_cut(heights: Sequence[int], spacing: int, fold: int, top: int = 0) -> tuple[int, int] | None:
    """The first of rows ``heights`` tall, ``spacing`` apart, the first at ``top``, that ``fold`` (px, the same
    origin) cuts: (its index, how far the fold lies below its top); None when the fold cuts none."""
    for index, high in enumerate(heights):
        if top < fold < top + high:
            return index, fold - top
        top += high + spacing
    return None
