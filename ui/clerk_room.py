"""The heights of the clerk's screen: the chat, and the quick phrases under it that make way and come back.

The chat takes the room that is left, never less than who said the newest line and its first line, nor than the
visitor's newest words where the quick phrases can shrink for them (:mod:`ui.clerk_fit`). The quick phrases (they
scroll) keep at most a quarter of the height, or up to a third for every topic's tab and a row of phrases; they make
way (hidden) while the rows would overlap or for the visitor's newest words, and come back where the chat can spare
their room.
"""

from __future__ import annotations

from itertools import pairwise

from PyQt6.QtWidgets import QWidget

from ui.chat_view import ChatView
from ui.clerk_fit import ReadMark, room_px
from ui.clerk_offer import OfferList
from ui.phrase_panel import PhrasePanel
from ui.theme import TARGET_PX


class ClerkRoom:
    """Shares ``window``'s height between its ``chat`` and its ``phrases`` (the suggestions' ``offer`` holds the
    phrases' place while shown); :meth:`fit` after every resize or change of a row."""

    def __init__(self, window: QWidget, chat: ChatView, phrases: PhrasePanel, offer: OfferList) -> None:
        self.window, self.chat, self.phrases, self.offer = window, chat, phrases, offer
        chat.setMinimumHeight(2 * TARGET_PX)
        chat.verticalScrollBar().rangeChanged.connect(lambda _low, _high: self.fit_transcript())
        self.read_mark = ReadMark(chat, self.fit_transcript)

    def fit(self) -> None:
        """The chat's least height (:meth:`fit_transcript`: a change of text size re-lays the rows, the scroll range may
        stay: at 100 % after 200 % in portrait the chat asked 319 px for a line that needed 166), the phrases' most
        height (the suggestions on offer get as much, or all of them where that is at most a third or what the chat
        can spare: :mod:`ui.clerk_offer`), then whether the phrases make way."""
        self._least_chat()
        most = self.phrases_most()
        if not self.offer.isHidden():
            self.offer.fit(most, max(self.window.height() // 3, self.spare_px()))
        self.make_way()

    def spare_px(self) -> int:
        """The height the suggestions may have as laid out now, the chat keeping its newest line whole (or its least
        height where more): at 200 % in portrait the three needed 650 px, just over a third, and the first showed
        with an empty band under it while the chat held one line and 400 px of nothing."""
        keep = max(self.chat.minimumHeight(), self.chat.newest_px())
        return self.offer.height() + self.chat.height() - keep

    def fit_transcript(self) -> None:
        """The chat never less high than who said the newest line and its first line (200 % on 1366x768: the chat
        showed only the speaker's name), nor than the visitor's newest words where the quick phrases, which scroll, can
        shrink for them (else they make way: :mod:`ui.clerk_fit`), until the clerk taps the line (read)."""
        self._least_chat()
        self.make_way()

    def _least_chat(self) -> None:
        """The chat's least height of :meth:`fit_transcript`."""
        words, fits = self.visitor_words()
        first = 0 if self.read_mark.read else self.chat.newest_px(lines=1)  # (read: the phrases may have room)
        self.chat.setMinimumHeight(max(2 * TARGET_PX, min(max(first, words if fits else 0), self._most_chat())))

    def _most_chat(self) -> int:
        """The chat's most least height: the window's, less the other rows' least heights at its width (the quick
        phrases', which make way, not counted). The window keeps its display's size: on the 683x768 half of one
        display at 200 % the chat asked 397 px for the visitor's long line while it still had its side's five sixths
        of the width (its buttons on three rows, before it took the whole width: 319), and the window grew to 683x789
        for good; a status of two lines (Tiếng Việt) took 70 px more than the rows' least heights say."""
        layout, margins = self.window.layout(), self.window.layout().contentsMargins()
        width = self.window.width() - margins.left() - margins.right()
        items = [layout.itemAt(i) for i in range(layout.count())]
        rows = [item for item in items if not item.isEmpty() and item.widget() not in (self.chat, self.phrases)]
        need = sum(max(row.minimumSize().height(), row.heightForWidth(width)) for row in rows)
        return self.window.height() - margins.top() - margins.bottom() - need - layout.spacing() * len(rows)

    def visitor_words(self) -> tuple[int, bool]:
        """The chat's height for the visitor's newest words (:meth:`ReadMark.words_px`), and whether the chat can have
        it with the quick phrases at their least height (else they make way)."""
        words = self.read_mark.words_px()
        return words, words <= room_px(self.chat, self.phrases, self.window.layout().spacing())

    def phrases_most(self) -> int:
        """The quick phrases (they scroll) keep at most a quarter of the height (at least three targets), or up to a
        third what every topic's tab and a row of phrases need (:meth:`PhrasePanel.need_px`; 285 px at 100 % on
        1920x1080): every topic one tap away where there is room, the chat first (it keeps the rest: its newest line
        whole, :meth:`fit_transcript`; the tabs fold where they need more). The quarter is returned."""
        height = self.window.height()
        quarter, need = max(3 * TARGET_PX, height // 4), self.phrases.need_px()
        self.phrases.setMaximumHeight(need if quarter < need <= height // 3 else quarter)
        return quarter

    def make_way(self) -> None:
        """The quick phrases make way while the rows overlap (Qt lays them over one another when their least heights
        add up to more than the window), and come back where the chat can spare their room again (200 % on 1366x768:
        the notice banner and the speak-up hint on the microphone's label overlapped the chat and the phrases by
        39 px); the text box stays for the clerk's words. They make way too for the visitor's newest line's words
        (:mod:`ui.clerk_fit`)."""
        wanted = not self.visitor_words()[1]
        if self.phrases.isVisible():
            layout = self.window.layout()
            rows = [layout.itemAt(i).geometry() for i in range(layout.count()) if not layout.itemAt(i).isEmpty()]
            if wanted or any(below.top() <= above.bottom() for above, below in pairwise(rows)):
                self.phrases.hide()
        elif self.window.isVisible() and self.offer.isHidden() and not wanted:  # (on offer, the suggestions hold
            spare = self.chat.height() - self.chat.minimumHeight()  # the phrases' place)
            if spare >= self.phrases.minimumSizeHint().height() + self.window.layout().spacing():
                self.phrases.show()
