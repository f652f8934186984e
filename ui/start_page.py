"""The first two screens: the welcome (one button as large as the screen) and the choice of language or mode.

The welcome is set large enough to read from two metres (the stylesheet's ``attract`` size) so a passer-by sees
the kiosk speaks their language. On the choice screen the spoken and written languages are one grid; sign
language (수어) and fingerspelling (지문자) are not languages to pick from that list but a different way of
talking, so they get a tile of their own with a hand pictogram and one line saying what happens (the camera
reads the signs, the clerk reads them in Korean).

The language buttons must be on screen without scrolling at every display and text size (a visitor who cannot
read the title in a language they do not know finds their own only by its button): the title's text shrinks,
down to the smallest visitor text, until it and the buttons fit the screen (:class:`ChoicePage`, the globe's
choice of language too). The sign tile below them may then need scrolling; the scroll bar says so. It is whole in
view or starts below the fold (its title was halved there at 200 % on 1920x1080). The welcome and the closing page
end their view between two lines of text (:class:`ui.fold.WholeLinesFold`).
"""

from __future__ import annotations

from collections.abc import Callable

from PyQt6.QtCore import QEvent, QObject, QRect, QRectF, Qt
from PyQt6.QtGui import QColor, QFont, QFontInfo, QFontMetrics, QPainter, QPaintEvent, QResizeEvent
from PyQt6.QtWidgets import (
    QFrame,
    QGridLayout,
    QHBoxLayout,
    QLabel,
    QLayout,
    QSizePolicy,
    QSpacerItem,
    QVBoxLayout,
    QWidget,
)

from base.events import VisitorMode
from ui.phrase_breaks import keep_each, set_wrapped
from ui.places import scroll_areas
from ui.strings import STRINGS, language_label, tr
from ui.theme import VISITOR_TEXT_PX
from ui.wrap_button import WrapButton


def attract_page(codes: list[str], on_touch: Callable[[], None]) -> tuple[QWidget, WrapButton]:
    """Welcome in every language (each line broken only between its own phrases); the whole screen is one button."""
    page = QWidget()
    layout = QVBoxLayout(page)
    button = WrapButton(keep_each(((f"{tr('welcome', c)}  ·  {tr('touch_to_start', c)}", c) for c in codes), "\n"))
    button.setObjectName("attract")
    button.setSizePolicy(QSizePolicy.Policy.Expanding, QSizePolicy.Policy.Expanding)
    button.clicked.connect(on_touch)
    layout.addWidget(button)
    return page, button


class ChoicePage(QWidget):
    """A page headed by "choose your language" in every language (``title``) whose language buttons must be in
    view without scrolling: :meth:`fit` places them again at every resize and text size."""

    title: QLabel
    followed: QWidget | None = None  # the parent whose resizes it follows

    def resizeEvent(self, event: QResizeEvent) -> None:
        super().resizeEvent(event)
        self.fit()

    def event(self, event: QEvent) -> bool:
        """A new parent is the screen it fits (a page taller than the scroll area's viewport is not resized when
        the viewport is): its resizes are followed, the old parent's no longer."""
        if event.type() == QEvent.Type.ParentChange:
            if self.followed is not None:
                self.followed.removeEventFilter(self)
            self.followed = self.parentWidget()
            if self.followed is not None:
                self.followed.installEventFilter(self)
        return super().event(event)

    def eventFilter(self, watched: QObject, event: QEvent) -> bool:
        if watched is self.parentWidget() and event.type() == QEvent.Type.Resize:
            self.fit()
        return False

    def changeEvent(self, event: QEvent) -> None:
        super().changeEvent(event)
        if event.type() == QEvent.Type.StyleChange:  # another text size: the title's room and size change
            self.fit()

    def fit(self) -> None:
        """Size the title (and what else the page has) so its language buttons are in view."""
        raise NotImplementedError

    def room(self) -> tuple[int, int]:
        """The width inside the page's margins, and the height of the screen less the margins: the scroll area's
        viewport when the page is in one."""
        margins = self.layout().contentsMargins()
        screen = self.parentWidget().height() if self.parentWidget() else self.height()
        return self.width() - margins.left() - margins.right(), screen - margins.top() - margins.bottom()

    def fit_title(self, room: int, least: int = VISITOR_TEXT_PX) -> bool:
        """The title at the theme's size, or smaller (not under ``least`` px, by default the visitor's least text
        size) until it is at most ``room`` high; whether it is."""
        self.title.setStyleSheet("")
        self.title.ensurePolished()
        styled = QFontInfo(self.title.font()).pixelSize()
        width = self.room()[0]
        size = next((px for px in range(styled, least, -2) if self._title_height(px, width) <= room), None)
        if size != styled:
            self.title.setStyleSheet(f"font-size: {size or least}px;")  # the theme's weight and colour stay
        return size is not None or self._title_height(least, width) <= room

    def _title_height(self, px: int, width: int) -> int:
        font = QFont(self.title.font())
        font.setPixelSize(px)
        flags = Qt.AlignmentFlag.AlignCenter | Qt.TextFlag.TextWordWrap
        return QFontMetrics(font).boundingRect(QRect(0, 0, width, 100_000), flags, self.title.text()).height()


class StartPage(ChoicePage):
    """ "Choose your language" in every language, then one button per language and mode (low on the screen)."""

    def __init__(self, codes: list[str], languages: list[str], on_choose: Callable[[str, VisitorMode], None]) -> None:
        super().__init__()
        self.title = choose_title(codes)
        self.grid, self.buttons = language_grid(
            languages, "lang", lambda c: on_choose(c, VisitorMode.TEXT if c == "ko" else VisitorMode.SPEECH)
        )
        layout = QVBoxLayout(self)
        layout.addWidget(self.title, 1)
        layout.addLayout(self.grid)  # in the lower part of the screen, reachable from a wheelchair
        self.gap = QSpacerItem(0, 0, QSizePolicy.Policy.Minimum, QSizePolicy.Policy.Fixed)
        layout.addItem(self.gap)
        self.tile = _sign_tile(on_choose)
        layout.addWidget(self.tile)
        self.to_signs: WrapButton | None = None  # the tile, where it is a scroll away
        if len(languages) % 3:  # only in a free cell: a row of its own lifted 3 or 6 languages above the reach line
            self.to_signs = WrapButton(f"↓ {tr('sign_tile_title', 'ko')}", "ko")
            self.to_signs.setObjectName("to_signs")
            self.to_signs.clicked.connect(self.show_signs)
            self.to_signs.hide()
            self.grid.addWidget(self.to_signs, len(languages) // 3, len(languages) % 3)

    def fit(self) -> None:
        """The title and the language buttons fit the screen; the sign tile below them is whole in view or starts
        below its fold, a scroll away (its title's first line was halved there at 200 % on 1920x1080). Where it is
        a scroll away, a "↓ 수어 · 지문자" button in the language grid's free cell (within reach, in the first screen)
        brings it into view: a deaf visitor who does not think to scroll still sees the way in. With 3 or 6 languages
        the grid has no free cell and there is no such button (not solved: the tile stays a scroll away)."""
        layout = self.layout()
        if layout is not None:
            width, screen = self.room()
            self.fit_title(screen - layout.spacing() - item_height(self.grid, width))
            top = self.tile.y() - self.gap.sizeHint().height()  # where the tile starts without the gap
            fold = self.parentWidget().height() if self.parentWidget() else self.height()  # (scrolled to the top)
            gap = fold - top if top < fold < top + self.tile.height() else 0
            if gap != self.gap.sizeHint().height():
                self.gap.changeSize(0, gap, QSizePolicy.Policy.Minimum, QSizePolicy.Policy.Fixed)
                layout.invalidate()
            if self.to_signs is not None:
                self.to_signs.setVisible(top + self.tile.height() > fold)

    def show_signs(self) -> None:
        """Scroll the sign tile into view (the deaf visitor's way in, below the fold on a small or 200 % screen)."""
        for area in scroll_areas(self.tile, self.window())[:1]:
            area.ensureWidgetVisible(self.tile, 0, 0)


def item_height(item: QLayout | QWidget, width: int) -> int:
    """The height of a layout or widget at ``width`` (0 for a hidden widget)."""
    if isinstance(item, QWidget) and item.isHidden():
        return 0
    if item.hasHeightForWidth():
        return item.totalHeightForWidth(width) if isinstance(item, QLayout) else item.heightForWidth(width)
    return item.sizeHint().height()


def choose_title(codes: list[str]) -> QLabel:
    """ "Choose your language" in each of ``codes``, one per line (before a choice, the visitor reads any)."""
    title = QLabel()
    set_wrapped(title, keep_each(((STRINGS["choose_language"][code], code) for code in codes), "\n"), None)
    title.setObjectName("title")
    title.setAlignment(Qt.AlignmentFlag.AlignCenter)
    title.setWordWrap(True)
    return title


def language_grid(
    languages: list[str], prefix: str, on_choose: Callable[[str], None]
) -> tuple[QGridLayout, dict[str, WrapButton]]:
    """One button per language, by its own name, three to a row (named ``{prefix}_{code}``), and the buttons by code."""
    grid = QGridLayout()
    buttons: dict[str, WrapButton] = {}
    for index, code in enumerate(languages):
        button = buttons[code] = WrapButton(language_label(code), code)  # wraps rather than widen a narrow screen
        button.setObjectName(f"{prefix}_{code}")
        button.clicked.connect(lambda _=False, c=code: on_choose(c))
        grid.addWidget(button, index // 3, index % 3)
    return grid, buttons


def _sign_tile(on_choose: Callable[[str, VisitorMode], None]) -> QFrame:
    """수어 and 지문자: a hand, what happens, and the two ways in (shown in Korean: KSL signers read Korean)."""
    tile = QFrame()
    tile.setObjectName("sign_tile")
    text = QVBoxLayout()
    title = QLabel(tr("sign_tile_title", "ko"))
    title.setObjectName("sign_tile_title")
    help_line = QLabel(tr("sign_tile_help", "ko"))
    help_line.setObjectName("sign_tile_help")
    help_line.setWordWrap(True)
    buttons = QHBoxLayout()
    for label, name, mode in (
        (tr("sign", "ko"), "mode_sign", VisitorMode.SIGN),
        (tr("fingerspelling", "ko"), "mode_fingerspelling", VisitorMode.FINGERSPELLING),
    ):
        button = WrapButton(label)
        button.setObjectName(name)
        button.clicked.connect(lambda _=False, m=mode: on_choose("ko", m))
        buttons.addWidget(button)
    text.addWidget(title)
    text.addWidget(help_line)
    text.addLayout(buttons)
    row = QHBoxLayout(tile)
    row.addWidget(HandIcon(), 0, Qt.AlignmentFlag.AlignVCenter)
    row.addLayout(text, 1)
    return tile


class HandIcon(QWidget):
    """An open hand: a palm, four fingers and a thumb."""

    def __init__(self) -> None:
        super().__init__()
        self.setObjectName("hand_icon")
        self.setFixedSize(96, 112)

    def paintEvent(self, event: QPaintEvent) -> None:
        painter = QPainter(self)
        painter.setRenderHint(QPainter.RenderHint.Antialiasing)
        painter.setPen(Qt.PenStyle.NoPen)
        painter.setBrush(QColor(self.palette().color(self.foregroundRole())))
        painter.drawRoundedRect(QRectF(22, 50, 52, 56), 16, 16)  # the palm
        for index, top in enumerate((14, 4, 8, 20)):  # four fingers, the middle one longest
            painter.drawRoundedRect(QRectF(22 + index * 13.5, top, 11, 60 - top), 5.5, 5.5)
        painter.save()
        painter.translate(24, 78)
        painter.rotate(40)
        painter.drawRoundedRect(QRectF(-34, -6, 36, 12), 6, 6)  # the thumb
        painter.restore()
