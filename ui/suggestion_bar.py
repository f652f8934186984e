"""The nearest reviewed phrases for the speaker's last line: a heading and up to three buttons, one tap sends.

Used on both screens: the clerk sees the Korean text with its translation small underneath; the visitor sees
the phrases in their own language. The bar is empty (hidden) until the session offers suggestions for this
speaker's line, and empties again when the next line is said or a suggestion was sent. On the visitor's
screen it takes the place of the quick phrases meanwhile (``replaces``), so the input row stays on screen.
The buttons sit side by side when they fit the bar's width and the height in view (:attr:`SuggestionBar.room`),
else one under another, each as wide as the bar and so as low as it can be (Japanese at 200 % on a half screen:
three phrases kept whole are wider than the window; at 200 % on 1366x768 three two-line buttons are taller than
the view, one line each the first is whole); the bar never asks for more width than it has. Where the view holds the
first button but not the heading over it, the heading's short form may stand beside the buttons
(:meth:`SuggestionBar.heading_beside`).
"""

from __future__ import annotations

import html
from collections.abc import Callable

from PyQt6.QtCore import Qt
from PyQt6.QtGui import QResizeEvent
from PyQt6.QtWidgets import QBoxLayout, QHBoxLayout, QLabel, QSizePolicy, QSpacerItem, QVBoxLayout, QWidget

from base.events import Role, Suggestions, TranscriptEntry
from ui.phrase_breaks import keep_phrases, set_wrapped
from ui.widgets import fold_cut
from ui.wrap_button import WrapButton


class SuggestionBar(QWidget):
    """Suggestions for ``role``'s newest line; a tap calls ``on_use(entry_id, suggestion_id)``."""

    def __init__(
        self,
        role: Role,
        on_use: Callable[[int, str], None],
        *,
        prefix: str,
        with_translation: bool,
        replaces: QWidget | None = None,
    ) -> None:
        super().__init__()
        self.role, self.on_use, self.prefix, self.with_translation = role, on_use, prefix, with_translation
        self.replaces = replaces  # hidden while suggestions are on offer
        self.setObjectName(f"{prefix}_suggestions")
        self.heading = QLabel()
        self.heading.setObjectName("suggestion_heading")
        self.heading.setWordWrap(True)
        self.brief = QLabel()  # the heading's short form beside the buttons (:meth:`heading_beside`)
        self.brief.setObjectName("suggestion_heading_short")
        self.brief.setWordWrap(True)
        self.brief.hide()
        self.row = QBoxLayout(QBoxLayout.Direction.LeftToRight)
        self.row.setContentsMargins(0, 0, 0, 0)
        self.setSizePolicy(QSizePolicy.Policy.Ignored, QSizePolicy.Policy.Preferred)  # its width: what there is
        layout = QVBoxLayout(self)
        layout.setContentsMargins(0, 0, 0, 0)
        layout.addWidget(self.heading)
        body = QHBoxLayout()
        body.addWidget(self.brief, 0, Qt.AlignmentFlag.AlignTop)  # beside the first button
        body.addLayout(self.row, 1)
        layout.addLayout(body)
        self.offer: Suggestions | None = None
        self.gap = QSpacerItem(0, 0)  # above the button that would be cut at the list's fold (:meth:`start_below`)
        self.room: int | None = None  # the height its buttons have in view (None: no limit), set by the screen
        self.hide()

    def buttons(self) -> list[WrapButton]:
        """The suggestion buttons on show, best first."""
        items = (self.row.itemAt(i) for i in range(self.row.count()))
        return [item.widget() for item in items if item.widget() is not None]

    def start_below(self, fold: int) -> None:
        """One under another, a button after the first that ``fold`` (px from the bar's top: where the view of the
        list ends) would cut starts below it instead, a gap above it: whole in view or a scroll away, never a strip
        of a button (at 200 % on 1366x768 the second showed its top 49 px)."""
        buttons, cut = self.buttons(), None
        if self.row.direction() == QBoxLayout.Direction.TopToBottom and len(buttons) > 1:
            top = buttons[0].y() + buttons[0].height() + self.row.spacing()
            cut = fold_cut([button.height() for button in buttons[1:]], self.row.spacing(), fold, top)
        gap = cut[1] if cut else 0
        if gap != self.gap.sizeHint().height():
            self.row.removeItem(self.gap)
            self.gap.changeSize(0, gap)
            if cut:
                self.row.insertItem(self.row.indexOf(buttons[1 + cut[0]]), self.gap)

    def show_offer(self, offer: Suggestions, heading: str, language: str | None = None, short: str = "") -> None:
        """Show ``offer`` when it is for this bar's speaker (another speaker's offer only clears the bar);
        ``language``: the speaker's, so that the phrases break only between phrases; ``short``: the heading's short
        form ("": none) for :meth:`heading_beside`."""
        self.clear()
        if offer.role is not self.role or not offer.items:
            return
        self.offer = offer
        set_wrapped(self.heading, heading, language)
        set_wrapped(self.brief, short, language)
        for item in offer.items:
            text = html.escape(keep_phrases(item.text, language))
            if self.with_translation:
                text += f"<br><small>→ {html.escape(item.translation)}</small>"
            button = WrapButton(text)
            button.setObjectName(f"{self.prefix}_suggestion_{item.suggestion_id}")
            button.setToolTip(f"{item.score:.0f} / 100")
            button.clicked.connect(lambda _=False, i=item.suggestion_id: self.on_use(offer.entry_id, i))
            self.row.addWidget(button)
        self._arrange()
        if self.replaces is not None:  # first: both shown at once, the clerk's window grew 15 px past 1366x768 at 200 %
            self.replaces.hide()
        self.show()

    def heading_after(self, after: bool) -> None:
        """The heading under the buttons (``after``) or over them: where a view holds the first suggestion but not the
        heading too, the suggestion leads and what the heading says is a scroll away."""
        layout = self.layout()
        if layout.indexOf(self.heading) != (1 if after else 0):
            layout.removeWidget(self.heading)
            layout.insertWidget(1 if after else 0, self.heading)

    def beside_fits(self, view: int) -> bool:
        """Whether the heading's short form, in its column, and the first button beside it are each at most ``view`` px
        high (the list's view: both in view at once)."""
        buttons, (column, row) = self.buttons(), self._widths(beside=True)
        if not (self.brief.text() and buttons):
            return False
        self.brief.ensurePolished()  # (hidden so far: its font from the stylesheet)
        return self.brief.heightForWidth(column) <= view and buttons[0].heightForWidth(row) <= view

    def heading_beside(self, beside: bool) -> None:
        """The heading's short form beside the buttons, in its column (``beside``), or the heading over or under them:
        at 200 % on 1366x768 the list's view held the first suggestion only and the heading went under it, out of view;
        the clerk saw a big button and no word on what a tap does. Beside it, they read both at once."""
        if beside:
            self.brief.setFixedWidth(self._widths(beside=True)[0])
        if beside != (not self.brief.isHidden()):
            self.brief.setVisible(beside)
            self.heading.setVisible(not beside)
            self._arrange()

    def room_above(self) -> int:
        """While suggestions are on show, the height of their heading and the gap under it: a label, it may sit
        above the reach line, so the chat above gives it room and the buttons get more (at 200 % on a half
        screen the list showed the heading and the buttons' first lines only)."""
        return 0 if self.isHidden() else self.heading_px(self.width())

    def heading_px(self, width: int) -> int:
        """The height of the heading over the buttons at ``width`` px and of the gap under it."""
        return self.heading.heightForWidth(width) + self.layout().spacing()

    def resizeEvent(self, event: QResizeEvent) -> None:
        super().resizeEvent(event)
        self._arrange()

    def arrange(self, room: int | None) -> int:
        """Arranged for ``room`` px in view (None: no limit); the first button's height as arranged (0: none)."""
        self.room = room
        return self._arrange()

    def _arrange(self) -> int:
        """Side by side when the buttons fit the bar's width and :attr:`room`, else one under another."""
        buttons = self.buttons()
        if not buttons:
            return 0
        gaps, width = self.row.spacing() * (len(buttons) - 1), self._widths(not self.brief.isHidden())[1]
        need = sum(button.minimumWidth() for button in buttons) + gaps
        share = (width - gaps) // len(buttons)
        high = max(button.heightForWidth(max(share, button.minimumWidth())) for button in buttons)
        fits = need <= width and (self.room is None or high <= self.room)
        across = QBoxLayout.Direction.LeftToRight if fits else QBoxLayout.Direction.TopToBottom
        if self.row.direction() != across:
            self.row.setDirection(across)
        return high if fits else buttons[0].heightForWidth(width)

    def _widths(self, beside: bool) -> tuple[int, int]:
        """The heading's short form's column (a third of the bar's width; 0: not ``beside`` the buttons) and the
        buttons' width: the bar's, less that column and the gap after it."""
        column = self.width() // 3 if beside else 0
        return column, self.width() - (column + self.layout().spacing() if beside else 0)

    def on_entry(self, entry: TranscriptEntry) -> None:
        """A line was said (or a suggestion sent): the offer is over."""
        self.clear()

    def clear(self) -> None:
        """The offer over: what it replaced comes back, only if it was on offer (else what shows it is not the bar's to
        say: every line said ends an offer, and the clerk's quick phrases, made way for the visitor's line, came back
        at once and grew the 683x768 half of one display at 200 % to 683x853 before they made way again)."""
        offered, self.offer = self.offer is not None, None
        self.heading_beside(False)
        self.row.removeItem(self.gap)
        self.gap.changeSize(0, 0)
        while self.row.count():
            old = self.row.takeAt(0).widget()
            old.hide()
            old.deleteLater()
        self.hide()
        if self.replaces is not None and offered:
            self.replaces.show()
