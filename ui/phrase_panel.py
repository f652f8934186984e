"""Quick-phrase buttons grouped by category: rows of category tabs, a grid of the chosen category.

Used on both screens: the visitor sees the phrases in their language with category names from
``ui.strings``; the clerk sees the Korean text. A tap calls ``on_say(phrase_id)``. A row of tabs or phrases that the
view's fold would cut starts below it (:meth:`PhrasePanel.start_below`): whole in view or a scroll away. Where the tabs
would push the phrases more than :data:`MOST_TABS` of the window's height down (200 % text: six rows, the first phrase
854 px down the list on 1366x768 in Vietnamese; three rows, 458 px, in Korean), they fold into one row, the chosen
topic and "all topics"; that button shows every tab until one is chosen. Where the list's view holds only one row
(200 % on 1366x768), the chosen topic's phrases come before those two tabs (:meth:`PhrasePanel._order`).

The clerk's panel (it scrolls by itself) shows a row of phrases without scrolling on every display and text size: the
clerk taps them all day. It asks for the height of every tab and a row of phrases (:meth:`PhrasePanel.need_px`), and
the clerk's screen grants it where it has room (its rule: :mod:`ui.clerk_room`): at 100 % on 1920x1080 and in
portrait every topic is one tap away (285 and 514 px; before, in 270 px and in a 314 px hint, they folded). Elsewhere
the tabs fold where they and a row are higher than the panel's most height, and where even the folded tabs
and a row are higher than its view (200 % on 1366x768 and 960x1080: 126 px of tabs in a 182-206 px view), the phrases
lead and the tabs are a scroll away under them; the chat keeps the rest (its newest line whole: :mod:`ui.chat_check`).
"""

from __future__ import annotations

from collections.abc import Callable, Sequence

from PyQt6.QtCore import QPoint, QSize, Qt
from PyQt6.QtWidgets import (
    QButtonGroup,
    QFrame,
    QGridLayout,
    QPushButton,
    QScrollArea,
    QScroller,
    QSpacerItem,
    QVBoxLayout,
    QWidget,
)

from ui.phrase_breaks import widest_line
from ui.places import scroll_areas
from ui.strings import STRINGS, tr
from ui.theme import TARGET_PX
from ui.widgets import fold_cut
from ui.wrap_button import MARGIN, WrapButton

ORDER = [
    "greeting", "documents", "identity", "forms", "payment", "waiting",
    "schedule", "directions", "requests", "accessibility", "closing",
]  # fmt: skip
TAB_COLUMNS = 6  # on a wide screen; a narrow one (portrait, 200 %) gets fewer, never a clipped tab
TAB_MIN_PX = 280
MOST_TABS = 0.5  # the tabs fold where, all shown, they would push the first phrase more than this share of the
# window's height down (the gallery checks it: ui.layout_check.phrases_far)
# The tabs' and the phrases' grids hold a row of buttons at every odd row (2 * i + 1); the even row before it is
# empty (no height, no spacing) or holds the gap that moves that row below the view's fold.


LEAD_TABS_ROW = 3  # where the phrases lead: the grid row of the folded tabs, after the first row of phrases (_order)


def _row(index: int, columns: int, lead: bool = False) -> tuple[int, int]:
    """The grid cell of the ``index``-th button, ``columns`` a row; with ``lead``, the rows after the first two lower
    (the folded tabs' row between: :data:`LEAD_TABS_ROW`)."""
    row = 2 * (index // columns) + 1
    return row + (2 if lead and row > 1 else 0), index % columns


def _regrid(grid: QGridLayout, buttons: Sequence[QWidget], columns: int, most: int, lead: bool = False) -> None:
    """``buttons`` placed again in ``grid``, ``columns`` a row (``lead``: :func:`_row`); of its ``most`` columns only
    those stretch (equal columns: a long text beside short ones is not squeezed)."""
    for button in buttons:
        grid.removeWidget(button)
    for index, button in enumerate(buttons):
        grid.addWidget(button, *_row(index, columns, lead))
    for column in range(most):
        grid.setColumnStretch(column, 1 if column < columns else 0)


def _heights(buttons: Sequence[QWidget], columns: int) -> list[int]:
    """The height of each row of ``buttons``, ``columns`` a row, as they are placed."""
    return [max(b.height() for b in buttons[start : start + columns]) for start in range(0, len(buttons), columns)]


class PhrasePanel(QWidget):
    """Category tabs and the phrase buttons of the selected category."""

    def __init__(
        self, phrases: list, on_say: Callable[[str], None], *, columns: int, prefix: str, scrolls: bool = True
    ) -> None:
        """``scrolls=False``: the panel is laid out whole, for a screen that puts it in its own scroll area."""
        super().__init__()
        self.phrases, self.on_say, self.columns, self.prefix = phrases, on_say, columns, prefix
        self.language = "ko"
        self.setObjectName(f"{prefix}_panel")
        present = {p.category for p in phrases}
        self.categories = [c for c in ORDER if c in present] + sorted(present - set(ORDER))
        self.tabs = QGridLayout()
        self._tab_columns = TAB_COLUMNS  # as many as _reflow_tabs last laid them in
        self.tab_group = QButtonGroup(self)
        self.tab_group.setExclusive(True)
        for index, category in enumerate(self.categories):
            tab = WrapButton()
            tab.setObjectName(f"{prefix}_category_{category}")
            tab.setCheckable(True)
            tab.clicked.connect(lambda _=False, c=category: self.show_category(c))
            self.tab_group.addButton(tab)
            self.tabs.addWidget(tab, *_row(index, TAB_COLUMNS))
        self.all_topics = WrapButton()  # where the tabs fold: every tab shown until one is chosen
        self.all_topics.setObjectName(f"{prefix}_topics")
        self.all_topics.clicked.connect(lambda: self._place_tabs(self._columns, opened=True))
        self.tabs.addWidget(self.all_topics, *_row(len(self.categories), TAB_COLUMNS))
        self.all_topics.hide()
        self._columns, self._opened = TAB_COLUMNS, False  # the tabs' columns unfolded; every tab shown on request
        self.shown_tabs: list[QWidget] = self.tab_group.buttons()  # as _place_tabs last placed them
        self.shown_columns = columns  # fewer where a phrase at that width is taller than the list's view (fit_columns)
        self.lead = False  # the phrases above the folded tabs, where the view holds one row (_order)
        self.gap = QSpacerItem(0, 0)  # before the row the fold would cut (start_below); where it is: _gap_place
        self.holder = holder = QWidget()
        holder.setObjectName(f"{prefix}_grid")
        rows = QVBoxLayout(holder)  # the tabs scroll with the phrases: on a short screen the list gives way first
        rows.setContentsMargins(0, 0, 0, 0)
        rows.addLayout(self.tabs)
        self.grid = QGridLayout()
        rows.addLayout(self.grid)
        rows.addStretch(1)
        self.scroll = QScrollArea(self)  # a long category scrolls (by finger too) instead of stretching the screen
        self.scroll.setWidget(holder)
        self.scroll.setWidgetResizable(True)
        self.scroll.setFrameShape(QFrame.Shape.NoFrame)
        self.scroll.setHorizontalScrollBarPolicy(Qt.ScrollBarPolicy.ScrollBarAlwaysOff)
        self.scroll.setMinimumHeight(2 * TARGET_PX + 8)
        self.scroll.setVerticalScrollBarPolicy(Qt.ScrollBarPolicy.ScrollBarAlwaysOn)  # it looks scrollable
        self.scroll.verticalScrollBar().rangeChanged.connect(lambda _low, _high: self._own_fold())
        QScroller.grabGesture(self.scroll.viewport(), QScroller.ScrollerGestureType.TouchGesture)
        layout = QVBoxLayout(self)
        layout.setContentsMargins(0, 0, 0, 0)
        if scrolls:
            layout.addWidget(self.scroll, 1)
        else:  # the unused area stays a hidden child: an orphan window would outlive the screens (ui.app.dismantle)
            self.scroll.takeWidget()
            self.scroll.hide()
            layout.addWidget(holder)
        self.scrolls = scrolls
        self.current = self.categories[0] if self.categories else ""

    def showEvent(self, event) -> None:
        """Shown again (the clerk's, after making way for the visitor's words or the suggestions): the phrases' rows are
        measured anew (without, at 200 % on 1920x1080 in the English visit, rows overlapped by 17-23 px once the panel
        came back), and the tabs laid out for their view's width as it is now: a resize while hidden reached the panel
        before its view (still hidden, its width stale), and turned from 1920 px wide to portrait the tabs kept six
        columns, cut at the edge."""
        super().showEvent(event)
        self.grid.invalidate()
        self._reflow_tabs()
        self._own_fold()

    def resizeEvent(self, event) -> None:
        super().resizeEvent(event)
        self._reflow_tabs()
        self._own_fold()

    def _own_fold(self) -> None:
        """In its own scroll area, the rows start below that view's fold (at the top of the list)."""
        if self.scrolls:
            port = self.scroll.viewport()
            self.fit_columns(port.height())
            self.start_below(self.holder.mapFrom(port, QPoint(0, port.height())).y())

    def fit_columns(self, view: int) -> None:
        """``columns`` phrases a row, or fewer where a phrase at that width would be taller than the list's ``view``
        (px): never whole in view, a visitor would have to scroll through it (two lines, 195 px, in a 193 px view at
        200 % on 1366x768: no phrase with two lines was ever whole); one a row where even that does not help. Under
        folded tabs, fewer too where that makes the first row low enough to be in view under them (English at 200 % on
        960x1080: 266 px two a row, 196 px one a row, 126 px of tabs, a 328 px view)."""
        buttons, room, gap = self.buttons(), self._room(), self.grid.spacing()
        columns, tabs = self.columns, self._row_px(self.shown_tabs, self._tab_columns) + self.holder.layout().spacing()
        while view > 0 and columns > 1:
            row, fewer = self._row_px(buttons, columns), self._row_px(buttons, columns - 1)
            tall = any(b.heightForWidth((room - (columns - 1) * gap) // columns) > view for b in buttons)
            if not (tall or (self._folded and tabs + row > view and tabs + fewer <= view)):
                break
            columns -= 1
        if columns != self.shown_columns:
            self.shown_columns = columns
            self._drop_gap()
            self._lay_phrases()
        self._order(view)

    def _order(self, view: int) -> None:
        """Where the tabs are folded and the list's ``view`` (px) holds a row of them or of phrases but not both (200 %
        on 1366x768: 185 px for two rows of 126 px, the phrases a scroll away under the chosen topic and "all topics"),
        the first row of phrases comes first and the two tabs under it, in the phrases' grid: a phrase to tap in view,
        the topics one row's scroll away (under every phrase, 9 rows at 200 % on 1366x768, a change of topic was a long
        scroll); the list is kept as high as the higher of the two rows (:meth:`first_row_end`); the clerk's too."""
        tabs, phrases = (
            self._row_px(self.shown_tabs, self._tab_columns),
            self._row_px(self.buttons(), self.shown_columns),
        )
        both = tabs + self.holder.layout().spacing() + phrases
        lead = self._folded and 0 < phrases <= view and view < both
        if lead != self.lead:
            self.lead = lead
            self._drop_gap()
            self._lay_phrases()

    def _lay_phrases(self) -> None:
        """The phrases placed again, :attr:`shown_columns` a row, and the tabs (the one place that moves them): where
        the phrases lead, after their first row, as wide as it (across the grid's every column they stood out past the
        phrases one a row); else above the phrases."""
        _regrid(self.grid, self.buttons(), self.shown_columns, self.columns, self.lead)
        rows = self.holder.layout()
        for holder in (rows, self.grid):  # (a layout that does not hold them: nothing)
            holder.removeItem(self.tabs)
        if self.lead:
            self.grid.addLayout(self.tabs, LEAD_TABS_ROW, 0, 1, self.shown_columns)
        else:
            rows.insertLayout(0, self.tabs)

    @property
    def _folded(self) -> bool:
        """Whether the tabs are folded: the chosen topic and "all topics" shown, not every tab."""
        return self.all_topics in self.shown_tabs

    def _row_px(self, buttons: Sequence[QWidget], columns: int) -> int:
        """The height of the first row of ``buttons``, ``columns`` a row across the panel's width (0: none)."""
        width = (self._room() - (columns - 1) * self.grid.spacing()) // max(1, columns)
        return max((button.heightForWidth(width) for button in buttons[:columns]), default=0)

    def start_below(self, fold: int) -> None:
        """Where ``fold`` (px from the top of the tabs and phrases: where the view of them ends) would cut a row of
        tabs or phrases, that row starts below it, a gap above it: whole in view or a scroll away, never a strip of
        buttons (at 200 % on 1366x768 the second row of tabs showed 21 px on both screens; in Japanese the list under
        the chat, kept below the reach line, is lower than the first row: the tabs are a scroll away)."""
        place, top = None, 0  # (the rows' places without the gap: the buttons' own may be stale)
        tabs = _heights(self.shown_tabs, self._tab_columns)
        rows = [(self.tabs, tabs), (self.grid, _heights(self.buttons(), self.shown_columns))]
        if self.lead:  # one grid: the first row of phrases, the tabs (as one row), the other phrases
            block = sum(tabs) + (len(tabs) - 1) * self.tabs.verticalSpacing()
            rows = [(self.grid, [*rows[1][1][:1], block, *rows[1][1][1:]])]
        for grid, heights in rows:
            cut = fold_cut(heights, grid.verticalSpacing(), fold, top)
            if place is None and cut is not None:
                place = (grid, 2 * cut[0], cut[1])  # the empty grid row before the cut one (_row)
            top += sum(heights) + (len(heights) - 1) * grid.verticalSpacing() + self.holder.layout().spacing()
        if place != self._gap_place():
            self._drop_gap()
            if place is not None:
                grid, row, gap = place
                self.gap.changeSize(0, gap)
                grid.addItem(self.gap, row, 0)

    def first_row_end(self) -> int:
        """Px from the panel's top to the bottom of its first row of tabs (0: none), or where the tabs are folded of
        the higher of that row and a row of phrases one a row (fewer a row where the view is low: :meth:`fit_columns`;
        the row of phrases leads where the view holds one row: :meth:`_order`); the list under the visitor's chat is at
        least that high where the phrases head it (in Japanese at 200 % on 1366x768 the list showed nothing; with a
        revised line at 200 % on 960x1080 the two tabs, 126 px, and no phrase, 196 px)."""
        tabs = max((tab.height() for tab in self.shown_tabs[: self._tab_columns]), default=0)
        return max(tabs, self._row_px(self.buttons(), 1)) if self._folded else tabs

    def _gap_place(self) -> tuple[QGridLayout, int, int] | None:
        """The grid and row the gap is in, and its height, as the layouts hold it (None: in neither)."""
        for grid in (self.tabs, self.grid):
            index = grid.indexOf(self.gap)
            if index >= 0:
                return grid, grid.getItemPosition(index)[0], self.gap.sizeHint().height()
        return None

    def _drop_gap(self) -> None:
        place = self._gap_place()
        if place is not None:
            place[0].removeItem(self.gap)

    def _reflow_tabs(self) -> None:
        """As many tab columns as leave every tab's name on one line, where that gives two or more; else as many as
        the widest tab's word allows (never a word cut at a tab's edge). A name on two lines made its whole row as
        high (196 px in Vietnamese at 200 % on 1366x768: the list under the chat showed none of it)."""
        tabs, room, gap = [*self.tab_group.buttons(), self.all_topics], self._room(), self.tabs.spacing()
        one_line = max([TAB_MIN_PX, *(widest_line(t.text(), t.label.font(), 10**5) + 2 * MARGIN + gap for t in tabs)])
        widest = max([TAB_MIN_PX, *(tab.minimumWidth() + gap for tab in tabs)])
        columns = max(1, min(TAB_COLUMNS, room // one_line if room // one_line >= 2 else room // widest))
        self._place_tabs(columns, self._opened)

    def _place_tabs(self, columns: int, opened: bool = False) -> None:
        """Every tab, ``columns`` a row; or where those rows are higher than :data:`MOST_TABS` of the window, or in the
        panel's own view they and a row of phrases are higher than its most height (the clerk's share), and not
        ``opened`` (by "all topics", until a topic is chosen), the chosen topic's tab and "all topics"."""
        tabs, gap = self.tab_group.buttons(), self.tabs.verticalSpacing()
        self._columns, self._opened = columns, opened
        tallest, rows = self._tabs_px(columns)
        high = (rows + 1) * (tallest + gap) + self.holder.layout().spacing()  # (+ a row: start_below's gap, less)
        shown = tabs
        crowded = self.scrolls and self.need_px() > self.maximumHeight()
        if (high > MOST_TABS * self.window().height() or crowded) and not opened:
            shown = [tab for tab, category in zip(tabs, self.categories, strict=True) if category == self.current]
            shown.append(self.all_topics)
        columns = min(columns, len(shown))
        if (shown, columns) != (self.shown_tabs, self._tab_columns):
            self.shown_tabs, self._tab_columns = shown, columns
            self._drop_gap()
            hidden = [tab for tab in [*tabs, self.all_topics] if tab not in shown]
            for tab in hidden:
                tab.hide()
            for tab in shown:
                tab.show()
            _regrid(self.tabs, [*shown, *hidden], columns, TAB_COLUMNS)  # (hidden: rows of no height, after them)

    def _tabs_px(self, columns: int) -> tuple[int, int]:
        """The tallest tab's height, every tab ``columns`` a row across the panel's width, and how many rows."""
        tabs = self.tab_group.buttons()
        width = (self._room() - (columns - 1) * self.tabs.spacing()) // columns
        return max((tab.heightForWidth(width) for tab in tabs), default=0), -(-len(tabs) // columns)

    def need_px(self) -> int:
        """The height every tab (as many a row as :meth:`_reflow_tabs` chose) and a row of phrases take: the panel in
        its own view shows every topic where it is at least as high (else they fold: :meth:`_place_tabs`)."""
        tallest, rows = self._tabs_px(self._columns)
        tabs = rows * tallest + (rows - 1) * self.tabs.verticalSpacing() + self.holder.layout().spacing()
        return tabs + self._row_px(self.buttons(), self.shown_columns)

    def sizeHint(self) -> QSize:
        """In its own view, as high as every tab and a row of phrases (:meth:`need_px`) where its most height allows: a
        layout that gives the panel what it asks shows every topic (the clerk's in portrait was 314 px, the tabs folded,
        the chat over 1,000 px)."""
        hint, need = super().sizeHint(), self.need_px()
        return hint.expandedTo(QSize(0, need)) if self.scrolls and need <= self.maximumHeight() else hint

    def _room(self) -> int:
        """The width the tabs and phrases may use: their view's, in the panel's own (beside its scroll bar: at the
        panel's width a phrase of two lines, 196 px, measured one, and the clerk's first phrase of "날짜·시간" lay under
        the fold in portrait at 200 %), or in the scroll area round the panel (as wide as its widest row of tabs
        wants)."""
        areas = [self.scroll] if self.scrolls else scroll_areas(self, self.window())
        return areas[0].viewport().width() if areas else self.width()

    def set_language(self, language: str) -> None:
        """Label everything in ``language`` and show the first category."""
        self.language = language
        for tab, category in zip(self.tab_group.buttons(), self.categories, strict=True):
            key = f"category_{category}"
            tab.setText(tr(key if key in STRINGS else "category_general", language), language)
        self.all_topics.setText(tr("category_all", language), language)
        self._reflow_tabs()
        if self.categories:
            self.show_category(self.categories[0])

    def buttons(self) -> list[QPushButton]:
        """The phrase buttons on show."""
        return [self.grid.itemAt(i).widget() for i in range(self.grid.count()) if self.grid.itemAt(i).widget()]

    def show_category(self, category: str) -> None:
        self.current = category
        for tab, name in zip(self.tab_group.buttons(), self.categories, strict=True):
            tab.setChecked(name == category)
        self._place_tabs(self._columns)  # (folded: the chosen topic's tab)
        self._drop_gap()
        for old in self.buttons():  # (where the phrases lead, the tabs stay in their grid)
            self.grid.removeWidget(old)
            old.hide()
            old.deleteLater()
        shown = [p for p in self.phrases if p.category == category]
        for index, phrase in enumerate(shown):
            text = phrase.text(self.language)
            button = WrapButton(text or phrase.texts["ko"], self.language if text else "ko")
            button.setObjectName(f"{self.prefix}_{phrase.phrase_id}")
            button.clicked.connect(lambda _=False, p=phrase.phrase_id: self.on_say(p))
            self.grid.addWidget(button, *_row(index, self.shown_columns, self.lead))
        if self.scrolls:  # the chosen topic's first phrases in view (it was chosen from under them, where they lead)
            self.scroll.verticalScrollBar().setValue(0)
