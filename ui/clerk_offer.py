"""The clerk's suggestions in a view of their own, in the quick phrases' place under the chat.

What gives way where the suggestions do not fit (200 % on 960x1080: the heading and three two-line buttons with
their translations, about 760 px; the window grew to 960x1408, its text box and Talk past the screen's edge): the
clerk most often taps the best suggestion, and must still read the line they said and be able to type or talk. So
the list is as high as all of them where that is at most a third of the window or what the chat can spare (its newest
line kept whole: :meth:`ui.clerk_room.ClerkRoom.spare_px`), else no higher than the quick
phrases may be (:meth:`ui.clerk_room.ClerkRoom.phrases_most`: a quarter), or where more, than its heading and first
suggestion need: the first whole in view, the others whole a scroll away under it (the scroll bar, always shown as
on the quick phrases, says there are more); the chat keeps the rest. None is dropped: the second or third may be the
one the clerk meant.
"""

from __future__ import annotations

from PyQt6.QtCore import QEvent, QObject, QPoint, QSize, Qt
from PyQt6.QtGui import QResizeEvent
from PyQt6.QtWidgets import QFrame, QScrollArea, QScroller

from ui.suggestion_bar import SuggestionBar

QWIDGETSIZE_MAX = (1 << 24) - 1  # Qt's "no most size"


class OfferList(QScrollArea):
    """``bar`` in a scroll area shown while the bar is (a suggestion on offer); :meth:`fit` sets its height."""

    def __init__(self, bar: SuggestionBar) -> None:
        super().__init__()
        self.bar = bar
        self.setObjectName("clerk_offer_list")
        self.setWidget(bar)
        self.setWidgetResizable(True)
        self.setFrameShape(QFrame.Shape.NoFrame)
        self.setHorizontalScrollBarPolicy(Qt.ScrollBarPolicy.ScrollBarAlwaysOff)
        self.setVerticalScrollBarPolicy(Qt.ScrollBarPolicy.ScrollBarAlwaysOn)  # it looks scrollable
        self.verticalScrollBar().rangeChanged.connect(lambda _low, _high: self._fold())
        QScroller.grabGesture(self.viewport(), QScroller.ScrollerGestureType.TouchGesture)
        bar.installEventFilter(self)
        self.hide()

    def eventFilter(self, watched: QObject, event: QEvent) -> bool:
        """Shown and hidden with the bar (an offer made, an offer over); hidden, it holds no height (the next offer's
        screen sets its own: a height kept from 200 % grew the window at 100 %). The bar's rows changed (the heading
        shown again after a change of text size, still 200 % high when measured), the window fits it anew."""
        if watched is self.bar and event.type() == QEvent.Type.LayoutRequest:
            self.updateGeometry()
        if watched is self.bar and event.type() in (QEvent.Type.ShowToParent, QEvent.Type.HideToParent):
            shown = event.type() == QEvent.Type.ShowToParent
            if not shown:
                self.setMaximumHeight(QWIDGETSIZE_MAX)
            self.setVisible(shown)
            self.verticalScrollBar().setValue(0)  # (a new offer: its best first)
        return False

    def fit(self, most: int, every: int) -> None:
        """As high as the bar where that is at most ``every`` px (all in view: at 200 % in portrait a quarter, then a
        third, showed the first and an empty band, the second a scroll away, the chat half empty), else no higher than
        ``most`` px, or than its heading and first suggestion where they need more (arranged side by side where
        they fit in that, else one under another). It asks for no least height: the window's other rows keep
        theirs and the list has what is left, so the window never grows for it; where the list is lower than its
        heading and first suggestion, the suggestion leads (:meth:`_fold`)."""
        width = self.viewport().width()
        above = self.bar.heading_px(width)
        first = self.bar.arrange(most - above)
        whole = self.bar.layout().totalHeightForWidth(width)
        self.setMaximumHeight(whole if whole <= every else max(above + first, most))

    def sizeHint(self) -> QSize:
        """As high as :meth:`fit` allows at most: where the window has the room, the list gets it before the chat
        (which takes what is left)."""
        return QSize(super().sizeHint().width(), self.maximumHeight() if self.maximumHeight() < QWIDGETSIZE_MAX else 0)

    def minimumSizeHint(self) -> QSize:
        """No least height, as :meth:`fit` says (a scroll area's own, 68 px at 200 %, added to the chat's as the offer
        came grew the clerk's 683x768 half of one display to 683x785, and a window shown full screen never shrank)."""
        return QSize(super().minimumSizeHint().width(), 0)

    def resizeEvent(self, event: QResizeEvent) -> None:
        super().resizeEvent(event)
        self._fold()

    def _fold(self) -> None:
        """The heading over the suggestions where the view holds it and the first, else its short form beside them
        where both are in view so (200 % on 1366x768: the first suggestion, 182 px, was all the room the chat and the
        text box left; under it, the heading was out of view), else the heading under them; a suggestion the
        view's fold would cut starts below it: whole in view or a scroll away."""
        port, buttons = self.viewport(), self.bar.buttons()
        lacks = bool(buttons) and port.height() < self.bar.heading_px(port.width()) + buttons[0].height()  # (laid out)
        beside = lacks and self.bar.beside_fits(port.height())
        self.bar.heading_beside(beside)
        self.bar.heading_after(lacks and not beside)
        self.bar.start_below(self.bar.mapFrom(port, QPoint(0, port.height())).y())
