"""The clerk's chat and the quick phrases under it: the visitor's newest line gets its words whole where it can.

The other party's newest line (the visitor's, the one the clerk must read now) is given the height for who said it and
its words: the quick phrases under the chat shrink to their least height for it, and where even that leaves the chat
too short, they make way (hidden) while it is the newest and come back with the clerk's next line (at 200 % on
1366x768 the visitor's two-line question showed its first line, "이사해서 체류지 변경신고를", what was asked a scroll
away). The clerk's own lines get no more: what they said is known to them. Words taller than even the room without the
phrases are read from their top, a whole line at a time (:class:`ChatView`).
"""

from __future__ import annotations

from PyQt6.QtWidgets import QWidget

from ui.chat_view import Bubble, ChatView
from ui.fold import lines_of


def words_px(chat: ChatView) -> int:
    """The chat's height that shows the other party's newest line from its top to the end of its words (0: the
    newest is the reader's own, the prompt, or none)."""
    newest, words = chat.newest(), chat.newest_words()
    if not isinstance(newest, Bubble) or newest.role is chat.own or words is None:
        return 0
    return chat.newest_px(lines=round(lines_of(words)[1] / words.fontMetrics().lineSpacing()))


def room_px(chat: ChatView, phrases: QWidget, spacing: int) -> int:
    """The most height ``chat`` can have with ``phrases`` (the row under it, ``spacing`` apart) shown at their least
    height: as laid out now, shown or not."""
    least = phrases.minimumSizeHint().height()
    return chat.height() + (phrases.height() - least if phrases.isVisible() else -least - spacing)
