"""The conversation as a chat, as in the two-sided interpretation displays of Korean district offices.

The reader's own lines sit on the right, the other party's on the left (as in a messenger: the visitor's screen
has the clerk on the left, the clerk's screen has the visitor on the left), each in its own colour with a person
icon (the clerk's wears a badge) and the speaker's name, so one glance tells who said what. Each bubble shows
the line in the reader's language first and, small under it, what was actually said when that differs. The
other party's newest line is the largest text on the screen (48 px at 100 %): it is what the reader must read
now. A screen may add a footer to a bubble (the clerk's badges) and buttons beside who said it (correction).
Words still being recognised appear in a dashed bubble on the speaker's side, marked "being heard", until the
final line replaces them. Only this view and the phrase list scroll; the view follows the newest line (from its
first words when it is taller than the view).
"""

from __future__ import annotations

from PyQt6.QtCore import QPoint, QRectF, QSize, Qt, QTimer
from PyQt6.QtGui import QColor, QPainter, QPaintEvent, QResizeEvent
from PyQt6.QtWidgets import QFrame, QHBoxLayout, QLabel, QScrollArea, QVBoxLayout, QWidget

from base.events import Role, TranscriptEntry
from ui.flow_layout import FlowLayout
from ui.fold import fold_margin
from ui.phrase_breaks import plain
from ui.widgets import PhraseLabel, ShortFormLabel, restyle

ICON_PX = 56
SIDE = (5, 1)  # a line keeps five sixths of the chat's width, the sixth beside it says whose side it is on
Languages = tuple[str | None, str | None]  # a bubble's line and original: their languages
NONE: Languages = (None, None)
ICON_COLOURS = {  # (high contrast, role) -> colour; the bubbles' colours are in the stylesheet (ui/theme.py)
    (False, Role.CLERK): "#0B5CAD",
    (False, Role.VISITOR): "#1E6B30",
    (True, Role.CLERK): "#FFD400",
    (True, Role.VISITOR): "#FFFFFF",
}


class PersonIcon(QWidget):
    """A head and shoulders in the speaker's colour; the clerk's carries a name badge."""

    def __init__(self, role: Role) -> None:
        super().__init__()
        self.role = role
        self.setObjectName(f"{role.value}_icon")
        self.setFixedSize(ICON_PX, ICON_PX)
        self.high_contrast = False

    def paintEvent(self, event: QPaintEvent) -> None:
        painter = QPainter(self)
        painter.setRenderHint(QPainter.RenderHint.Antialiasing)
        painter.setPen(Qt.PenStyle.NoPen)
        painter.setBrush(QColor(ICON_COLOURS[self.high_contrast, self.role]))
        size = float(min(self.width(), self.height()))
        painter.drawEllipse(QRectF(size * 0.3, size * 0.05, size * 0.4, size * 0.4))
        painter.drawChord(QRectF(size * 0.1, size * 0.5, size * 0.8, size * 0.9), 0, 180 * 16)
        if self.role is Role.CLERK:
            painter.setBrush(QColor("#000000" if self.high_contrast else "#FFFFFF"))
            painter.drawRect(QRectF(size * 0.55, size * 0.7, size * 0.18, size * 0.14))


class Bubble(QFrame):
    """One line: who, the line in the reader's language, and (small) the words as said."""

    def __init__(
        self, role: Role, who: str, line: str, original: str = "", *, partial: bool = False, languages: Languages = NONE
    ) -> None:
        super().__init__()
        self.role, self.who = role, who
        self.footer: QWidget | None = None
        self.revised = False  # heard again and its words changed: its first reading shown under them (the reader's own)
        self.setObjectName(f"{role.value}_{'partial' if partial else 'bubble'}")
        self.icon = PersonIcon(role)
        self.name = QLabel(who)
        self.name.setObjectName("chat_who")
        self.line = PhraseLabel()
        self.line.setObjectName("chat_line")
        self.line.setTextInteractionFlags(Qt.TextInteractionFlag.NoTextInteraction)
        self.original = PhraseLabel()
        self.original.setObjectName("chat_original")
        text = QVBoxLayout()
        text.setSpacing(2)
        text.addWidget(self.name)
        text.addWidget(self.line)
        text.addWidget(self.original)
        self._text = text
        row = QHBoxLayout(self)
        row.addWidget(self.icon, 0, Qt.AlignmentFlag.AlignTop)
        row.addLayout(text, 1)
        self.set_line(line, original, languages)

    def set_line(self, line: str, original: str = "", languages: Languages = NONE) -> None:
        """``languages``: the line's and the original's (ja, zh, th then break between phrases only)."""
        self.line.set_text(line, languages[0])
        self.original.set_text(original, languages[1])
        self.original.setVisible(bool(original) and original != line)

    def fit_width(self, width: int) -> None:
        """Its words never make it wider than ``width`` px (a phrase wider than their room breaks inside)."""
        for label in (self.line, self.original):
            label.set_most(width - self.chrome())

    def height_at(self, width: int) -> int:
        """Its height were it ``width`` px wide: its words wrapped again at that width."""
        labels = [label for label in (self.line, self.original) if not label.isHidden()]
        return self.height() + sum(label.heightForWidth(width - self.chrome()) - label.height() for label in labels)

    def chrome(self) -> int:
        """Its width round its words: its frame, the icon, the margins and the gap between them (the words' width is
        the bubble's less this, laid out or not yet)."""
        return self.minimumSizeHint().width() - self._text.minimumSize().width()

    def add_footer(self, widget: QWidget) -> None:
        """A widget under the line (badges). (Added only then: an empty layout would cap the width.)"""
        self.footer = widget
        self._text.addWidget(widget)

    def add_actions(self, *buttons: QWidget) -> None:
        """``buttons`` for the line beside who said it, on a line of their own under it where the width runs out: in
        view whenever the line is, which is read from its top (under the words, the clerk's 화자 바꾸기 under a
        visitor's line at 200 % on 1366x768 showed 3 of its 86 px at the chat's fold)."""
        head = QWidget()
        head.setObjectName("chat_head")
        flow = FlowLayout(head, spacing=8)
        flow.setContentsMargins(0, 0, 0, 0)
        self._text.replaceWidget(self.name, head)
        for widget in (self.name, *buttons):
            flow.addWidget(widget)

    def text(self) -> str:
        """ "Who: line", as read aloud by a screen reader (and by the tests)."""
        return f"{self.who}: {plain(self.line.text())}"

    def set_newest(self, newest: bool) -> None:
        """The other party's newest line is drawn largest (the stylesheet keys on the ``newest`` property)."""
        restyle(self.line, "newest", newest)


class ChatView(QScrollArea):
    """Bubbles top to bottom, the other party left and the reader (``own``) right; a live "being heard" bubble."""

    def __init__(self, own: Role = Role.VISITOR, name: str = "caption_view") -> None:
        super().__init__()
        self.own = own
        self.setObjectName(name)
        self.setWidgetResizable(True)
        self.setFrameShape(QFrame.Shape.NoFrame)
        self.setHorizontalScrollBarPolicy(Qt.ScrollBarPolicy.ScrollBarAlwaysOff)
        holder = QWidget()
        holder.setObjectName("chat_holder")
        self.rows = QVBoxLayout(holder)
        self.rows.addStretch(1)  # bubbles gather at the bottom, next to the controls, like a messenger
        self.placeholder = ShortFormLabel()  # "the clerk's words will appear here", while there are none
        self.placeholder.setObjectName("chat_placeholder")
        self.rows.addWidget(self.placeholder)
        self.setWidget(holder)
        self.bubbles: list[Bubble] = []
        self._lines: dict[object, Bubble] = {}  # line_key(entry) -> the bubble showing that line
        self.partial: Bubble | None = None
        self.partial_text = ""  # the words being heard, as recognised so far
        self.high_contrast = False
        self.verticalScrollBar().rangeChanged.connect(self._range_changed)
        self._again = QTimer(self)  # the places of a new line are known once Qt has laid it out
        self._again.setSingleShot(True)
        self._again.setInterval(0)
        self._again.timeout.connect(lambda: self._follow(self.verticalScrollBar().maximum()))

    def sizeHint(self) -> QSize:
        """Its least size, not its content's: QScrollArea keeps the size hint its content had when first asked and
        that stale height was the chat's height on the next screen (a fingerspelling visit before suggestions at
        200 % on 1366x768 left the chat 76 px taller and the first suggestion cut). Its screen gives it its room."""
        return self.minimumSizeHint()

    def count(self) -> int:
        return len(self.bubbles)

    def item(self, index: int) -> Bubble:
        return self.bubbles[index]

    def newest_words(self) -> QLabel | None:
        """The label the reader must read now: the newest line's words (the words being heard first), or the prompt
        while there is no line (None: neither is shown)."""
        newest = self.partial or (self.bubbles[-1] if self.bubbles else None)
        if newest is not None:
            return newest.line
        return self.placeholder if self.placeholder.isVisible() and self.placeholder.text() else None

    def newest(self) -> QWidget | None:
        """The newest line's bubble (who said it and the words) or, before any line, the prompt (None: neither)."""
        words = self.newest_words()
        return words if words is None or words is self.placeholder else words.parentWidget()

    def newest_px(self, lines: int | None = None, below: QWidget | None = None) -> int:
        """The chat's height that shows :meth:`newest` whole, or with ``lines``, from its top to the end of that many
        lines of its words, or with ``below`` (a part of it) to that part's bottom (0: nothing to show)."""
        newest, words = self.newest(), self.newest_words()
        if newest is None or words is None:
            return 0
        if newest is self.placeholder and lines is None:  # (its height is stale until the next layout pass)
            return self._prompt_px(newest.text())
        high = newest.height()
        if lines is not None:
            start = words.mapTo(newest, QPoint(0, 0)).y() + words.contentsRect().top()
            high = min(high, start + lines * words.fontMetrics().lineSpacing())
        if below is not None:
            high = min(high, below.mapTo(newest, QPoint(0, below.height())).y())
        margins = self.rows.contentsMargins()
        return high + margins.top() + margins.bottom() + 2 * self.frameWidth()

    def shown(self, entry: TranscriptEntry) -> Bubble | None:
        """The bubble showing ``entry`` already (to rewrite: corrected, or read in a new language), or None."""
        return self._lines.get(line_key(entry))

    def keep(self, entry: TranscriptEntry, bubble: Bubble) -> None:
        """``bubble`` shows ``entry`` from now on."""
        self._lines[line_key(entry)] = bubble

    def add(self, role: Role, who: str, line: str, original: str = "", languages: Languages = NONE) -> Bubble:
        self.show_partial(None)
        bubble = Bubble(role, who, line, original, languages=languages)
        self.bubbles.append(bubble)
        self.placeholder.hide()
        self._place(bubble)
        self._mark_newest()
        return bubble

    def rewrite(
        self, old: Bubble, role: Role, who: str, line: str, original: str = "", languages: Languages = NONE
    ) -> Bubble:
        """``old`` with new words (and ``who``: the reader may have switched language); a new bubble in its place
        when ``role`` changed (the clerk corrected who said it)."""
        if role is old.role:
            old.who = who
            old.name.setText(who)
            old.set_line(line, original, languages)
            return old
        bubble = Bubble(role, who, line, original, languages=languages)
        index = self.rows.indexOf(old.parentWidget())
        self.bubbles[self.bubbles.index(old)] = bubble
        self._remove(old)
        self._place(bubble, index)
        self._mark_newest()
        return bubble

    def show_partial(
        self, role: Role | None, who: str = "", text: str = "", heard: str = "", language: str | None = None
    ) -> None:
        """Words still being recognised (``heard``: "being heard" in the reader's language); None clears."""
        if self.partial is not None:
            self._remove(self.partial)
            self.partial = None
        self.partial_text = text if role is not None else ""
        if role is not None and text:
            line = text if text.endswith("…") else f"{text} …"
            self.partial = Bubble(role, f"{who} · {heard}", line, partial=True, languages=(language, None))
            self._place(self.partial)

    def clear(self) -> None:
        self.show_partial(None)
        for bubble in self.bubbles:
            self._remove(bubble)
        self.bubbles.clear()
        self._lines.clear()
        self.placeholder.show()

    def set_placeholder(self, text: str, language: str | None = None, short: str = "") -> None:
        """What to do until the first line arrives, in ``language`` (broken only between its phrases); ``short``: its
        short form ("": none), shown where the whole would not be in view (:meth:`fit_prompt`)."""
        self.placeholder.set_texts(text, short, language)

    def fit_prompt(self, room: int) -> None:
        """The prompt in its short form where, whole, it needs a chat higher than ``room`` px: read whole, not with its
        last line a scroll away (the fingerspelling prompt's third line, when to press "Enter", at 200 % on 1366x768).
        A bar left from before goes where the prompt is whole without it: Qt wraps a widget at the width beside a bar
        once shown, so the bar stays needed (a line more: the whole prompt cut by 98 px at 200 % on 960x1080)."""
        self.placeholder.compact(bool(self.placeholder.short) and self._prompt_px(self.placeholder.full) > room)
        whole = self.newest() is self.placeholder and self._prompt_px(self.placeholder.text()) <= self.height()
        if whole and self.verticalScrollBar().isVisible():
            self.setVerticalScrollBarPolicy(Qt.ScrollBarPolicy.ScrollBarAlwaysOff)  # (its width comes back)
            self.setVerticalScrollBarPolicy(Qt.ScrollBarPolicy.ScrollBarAsNeeded)

    def _prompt_px(self, text: str) -> int:
        """The chat's height that shows the prompt ``text`` whole. Measured at the view's width without its scroll bar,
        which a whole prompt shows only where it has no room (measured with it, the prompt went short and whole by turns
        at 200 % on 960x1080), not at the label's own size (stale until the next layout pass: after the short form on
        1366x768 the whole prompt on 960x1080 kept its height, cut by 98 px)."""
        rows, label = self.rows.contentsMargins(), self.placeholder.contentsMargins()
        width = self.width() - 2 * self.frameWidth() - rows.left() - rows.right() - label.left() - label.right()
        chrome = label.top() + label.bottom() + rows.top() + rows.bottom() + 2 * self.frameWidth()
        return self.placeholder.text_px(text, width) + chrome

    def set_contrast(self, high: bool) -> None:
        self.high_contrast = high
        for bubble in [*self.bubbles, *([self.partial] if self.partial else [])]:
            bubble.icon.high_contrast = high
            bubble.icon.update()

    def resizeEvent(self, event: QResizeEvent) -> None:
        super().resizeEvent(event)
        for bubble in [*self.bubbles, *([self.partial] if self.partial else [])]:
            bubble.fit_width(self.room())

    def room(self) -> int:
        """The width a bubble may take: the view's (no line is a sideways scroll away)."""
        margins = self.rows.contentsMargins()
        return self.viewport().width() - margins.left() - margins.right()

    def _place(self, bubble: Bubble, index: int = -1) -> None:
        """A row of its own: the other party's bubble keeps the left five sixths, the reader's the right."""
        bubble.icon.high_contrast = self.high_contrast
        bubble.fit_width(self.room())
        holder = QWidget()
        row = QHBoxLayout(holder)
        row.setContentsMargins(0, 0, 0, 0)
        own = bubble.role is self.own
        if own:
            row.addStretch(SIDE[1])
        row.addWidget(bubble, SIDE[0])
        if not own:
            row.addStretch(SIDE[1])
        self.rows.insertWidget(index, holder)

    def _remove(self, bubble: Bubble) -> None:
        """Emptied at once (nothing of a visit stays readable in a widget), deleted when Qt gets round to it."""
        bubble.set_line("")
        bubble.name.clear()
        holder = bubble.parentWidget()
        holder.hide()
        self.rows.removeWidget(holder)
        holder.deleteLater()

    def _range_changed(self, _low: int, high: int) -> None:
        self._follow(high)
        self._again.start()

    def _follow(self, bottom: int) -> None:
        """Show the newest line (:meth:`newest`) next to the controls, from its top: who said it, then the words
        (its screen gives the chat the room for it where it can, :meth:`newest_px`); a line taller than the view
        (200 % in a half screen) from its first line, not its last: the scroll bar says the rest is below. Again
        once Qt has laid the new line out."""
        bar, newest = self.verticalScrollBar(), self.newest()
        if newest is None:
            bar.setValue(bottom)
            return
        self._widen(newest)
        self._whole_lines(newest)
        bar.setValue(min(bottom, newest.mapTo(self.widget(), QPoint(0, 0)).y()))

    def _widen(self, newest: QWidget) -> None:
        """The other party's newest line, taller than the chat at its side's five sixths of the width, takes the whole
        width, its words a line or more shorter (the clerk's revised "こちらにご署名ください。" on the visitor's screen
        at 200 % on 1366x768: its second line a scroll away, on one line whole). Every other line keeps its side, the
        reader's own too: what they said is known to them, on which side it is must stay plain (the clerk's own
        revised line on the clerk's short chat, wider, showed only its first line still, as if the visitor's)."""
        rows = self.rows.contentsMargins()
        view = self.height() - 2 * self.frameWidth() - rows.top() - rows.bottom()
        for bubble in [*self.bubbles, *([self.partial] if self.partial else [])]:
            row = bubble.parentWidget().layout()
            side = row.indexOf(bubble) ^ 1  # the stretch beside it: before the reader's own, after the other's
            part = (self.room() - row.spacing()) * SIDE[0] // sum(SIDE)
            wide = bubble is newest and bubble.role is not self.own and bubble.height_at(part) > view
            if row.stretch(side) != (0 if wide else SIDE[1]):
                row.setStretch(side, 0 if wide else SIDE[1])

    def _whole_lines(self, newest: QWidget) -> None:
        """A newest line taller than the chat: the view ends between two lines of its words (and of the first reading
        or original under them), never through one (the prompt's third line was half shown at 200 % on 1366x768, the
        clerk's first reading of a revised line at 200 % on 1366x768): the rest is a scroll away. (The prompt's height
        at the view's width without its scroll bar: its own, wrapped narrower under the bar that this margin brought,
        kept bar and margin for good: the whole prompt cut by 98 px at 200 % on 960x1080 after 1366x768.)"""
        top = newest.mapTo(self.widget(), QPoint(0, 0)).y()
        labels = [newest] if isinstance(newest, QLabel) else newest.findChildren(QLabel)  # the prompt, or a bubble's
        rows = self.rows.contentsMargins()
        margin = fold_margin(self, labels, top) if self.newest_px() - rows.top() - rows.bottom() > self.height() else 0
        if self.viewportMargins().bottom() != margin:
            self.setViewportMargins(0, 0, 0, margin)

    def _mark_newest(self) -> None:
        other = [b for b in self.bubbles if b.role is not self.own]
        for bubble in self.bubbles:
            bubble.set_newest(bool(other) and bubble is other[-1])


def line_key(entry: TranscriptEntry) -> object:
    """Which line ``entry`` is: a saved line by its id; one the store refused (all have id 0, until written) by when
    it was said and its words, which a re-read (a new reader's translation) keeps."""
    return entry.entry_id if entry.saved else ("unsaved", entry.time, entry.text)
