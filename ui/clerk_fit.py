"""The clerk's chat and the quick phrases under it: the visitor's newest line gets its words whole where it can.

The other party's newest line (the visitor's, the one the clerk must read now) is given the height for who said it and
its words: the quick phrases under the chat shrink to their least height for it, and where even that leaves the chat
too short, they make way (hidden) while it is the newest and come back with the clerk's next line, or as soon as the
clerk taps the chat (read: the answer may be a quick phrase; :class:`ReadMark`). At 200 % on 1366x768 the visitor's
two-line question showed its first line, "이사해서 체류지 변경신고를", what was asked a scroll away. The clerk's own
lines get no more (what they said is known to them), except one the recogniser heard again and changed: its words and,
under them, its first reading (what the visitor may have read first) and what the visitor reads now (at 200 % on
960x1080 its first line only). Words taller than even the room without the phrases are read from
their top, a whole line at a time (:class:`ChatView`).
"""

from __future__ import annotations

from collections.abc import Callable

from PyQt6.QtCore import QEvent, QObject
from PyQt6.QtWidgets import QWidget

from ui.chat_view import Bubble, ChatView
from ui.fold import lines_of


def words_px(chat: ChatView) -> int:
    """The chat's height that shows the other party's newest line from its top to the end of its words, or the reader's
    own revised line to the end of its first reading and translation (0: the newest is another of the reader's own,
    the prompt, or none)."""
    newest, words = chat.newest(), chat.newest_words()
    if not isinstance(newest, Bubble) or words is None:
        return 0
    if newest.role is chat.own:
        return chat.newest_px(below=newest.original) if newest.revised and newest.original.isVisible() else 0
    return chat.newest_px(lines=round(lines_of(words)[1] / words.fontMetrics().lineSpacing()))


def room_px(chat: ChatView, phrases: QWidget, spacing: int) -> int:
    """The most height ``chat`` can have with ``phrases`` (the row under it, ``spacing`` apart) shown at their least
    height: as laid out now, shown or not."""
    least = phrases.minimumSizeHint().height()
    return chat.height() + (phrases.height() - least if phrases.isVisible() else -least - spacing)


class ReadMark(QObject):
    """The other party's newest line that the clerk has tapped in the chat: read, so it needs no more room and the
    quick phrases come back for the answer. ``changed`` is called on the tap."""

    def __init__(self, chat: ChatView, changed: Callable[[], None]) -> None:
        super().__init__(chat)
        self.chat, self.line, self._changed = chat, None, changed
        chat.viewport().installEventFilter(self)

    def eventFilter(self, watched: QObject, event: QEvent) -> bool:
        if event.type() == QEvent.Type.MouseButtonPress and self.line is not self.chat.newest():
            self.line = self.chat.newest()
            self._changed()
        return False

    @property
    def read(self) -> bool:
        """The chat's newest line was tapped."""
        return self.chat.newest() is self.line

    def words_px(self) -> int:
        """:func:`words_px` of the chat, 0 once its newest line was tapped."""
        return 0 if self.read else words_px(self.chat)
