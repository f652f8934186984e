"""Is the chat's newest line read whole? The line the reader must read now, checked as the gallery shows it.

:func:`newest_cut` finds a chat whose newest line (who said it and the words; before any, its prompt, then always
whole) is cut: whole in view, or from its top when taller than the view, its first line whole, none halved, and its
words all in view where the chat's full view would hold them all at its whole width (also with a row that makes way
for the other party's words gone: the clerk's quick phrases), else as many whole lines as it holds; its buttons (the
clerk's 고치기, 화자 바꾸기) whole in view: the line read now is the one acted on. The reader's own line that the
recogniser heard again and changed shows its first reading whole too (:mod:`ui.clerk_fit`).
"""

from __future__ import annotations

from typing import TYPE_CHECKING

from PyQt6.QtCore import QPoint, QRect
from PyQt6.QtWidgets import QAbstractButton, QWidget

from ui.fold import lines_of
from ui.phrase_breaks import plain
from ui.places import line_halved, rect_in, widget_name

if TYPE_CHECKING:
    from ui.chat_view import Bubble, ChatView


def newest_cut(window: QWidget, yields: str = "") -> list[str]:
    """Chats whose newest line (its bubble: who said it and the words; before any line, the prompt) is cut: not
    whole in the chat's view, or, when taller than the view, not shown from its top or with a line of its words
    halved by the view's bottom edge. The prompt is whole or cut: what to do is not read in part (the fingerspelling
    prompt's third line, when to press 'Enter', was a scroll away at 200 % on 1366x768). A tall line shows as many
    whole lines of its words as the reader needs (:func:`_words_cut`), counting, where the line is the other party's,
    the room of the widget named ``yields`` while shown: it makes way for their words (the clerk's quick phrases).
    Its buttons are part of it, whole in view (:func:`_actions_out`), also where the line is read from its top."""
    from ui.chat_view import Bubble, ChatView  # (the chat imports nothing of this module)

    problems = []
    for chat in window.findChildren(ChatView):
        newest, words = (chat.newest(), chat.newest_words()) if chat.isVisible() else (None, None)
        if newest is None or words is None:
            continue
        port, rect = rect_in(window, chat.viewport()), rect_in(window, newest)
        inside = port.top() <= rect.top() and rect.bottom() <= port.bottom()  # (across: the label checks)
        tall = rect.height() > port.height() and newest is not chat.placeholder  # (what to do: read whole)
        whole = port.top() <= rect.top() <= port.top() + 2 and not line_halved(window, words, port) if tall else inside
        other = isinstance(newest, Bubble) and newest.role is not chat.own
        revised = isinstance(newest, Bubble) and not other and newest.revised and newest.original.isVisible()
        kept = [w for w in window.findChildren(QWidget, yields) if w.isVisible()] if yields and other else []
        if whole and tall and _words_cut(window, chat, newest, port, sum(w.height() for w in kept[:1])):
            keeps = f", {yields} keeps its room" if kept else ""
            problems.append(
                f"newest line of {widget_name(chat)} {plain(words.text())[:30]!r} shows part of its words{keeps}"
            )
        elif whole and revised and not port.contains(rect_in(window, newest.original)):
            problems.append(f"newest line of {widget_name(chat)} {plain(words.text())[:30]!r} hides its first reading")
        elif not whole:
            top, bottom = rect.top() - port.top(), port.bottom() - rect.bottom()
            edges = f"{top}px below the view's top, {bottom}px above its bottom"
            problems.append(f"newest line of {widget_name(chat)} {plain(words.text())[:30]!r} is cut ({edges})")
        else:
            problems += _actions_out(window, newest, port)
    return problems


def _actions_out(window: QWidget, newest: QWidget, port: QRect) -> list[str]:
    """The buttons of a newest line shown whole (or from its top) that are not whole in the chat's view: the reader
    acts on the line they read now (the clerk's 화자 바꾸기 under the visitor's line at 200 % on 1366x768 showed 2 of
    its 86 px at the fold, 신뢰도 55% · 확인 필요 in view above it)."""
    buttons = [b for b in newest.findChildren(QAbstractButton) if b.isVisible()]
    return [
        f"newest line's button {widget_name(b)} shows {rect_in(window, b).intersected(port).height()} of its "
        f"{b.height()}px in the view"
        for b in buttons
        if not port.contains(rect_in(window, b))
    ]


def _words_cut(window: QWidget, chat: ChatView, newest: Bubble, port: QRect, spare: int) -> bool:
    """A newest line shown from its top with fewer whole lines of its words in the view ``port`` than the reader
    needs: all of them where the chat's full view (``spare`` px higher: the room of a row that makes way for them)
    holds them all at its whole width; else as many as it holds at their width. (At 200 % on 1366x768 the clerk's
    revised line in Japanese showed its first line only, on one line it was whole; the visitor's two-line question on
    the clerk's chat its first line, the quick phrases kept.) A line is whole where its glyphs are
    (:func:`ui.fold.halves`); nothing is asked that no width or height of the chat could show."""
    words, metrics = newest.line, newest.line.fontMetrics()
    room = chat.height() - 2 * chat.frameWidth() + spare  # from the line's top, no fold margin
    start = words.mapTo(newest, QPoint(0, 0)).y() + lines_of(words)[0]  # its first line below the bubble's top

    def lines(width: int) -> int:
        return round(
            (words.heightForWidth(width) - words.height() + words.contentsRect().height()) / metrics.lineSpacing()
        )

    def whole_in(height: int, count: int) -> int:  # of ``count`` lines from ``start``, those whole in ``height``
        return max(0, min(count, (height - start - metrics.height()) // metrics.lineSpacing() + 1))

    now, widest = lines(words.width()), lines(chat.room() - newest.chrome())
    shown = whole_in(port.bottom() + 1 - rect_in(window, newest).top(), now)
    return shown < (now if whole_in(room, widest) == widest else whole_in(room, now))
