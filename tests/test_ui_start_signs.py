"""The deaf visitor's way in is on the first screen: the sign tile, or where it is a scroll away, a button in the
language grid that brings it into view (1366x768 at 100 %, and 200 % on 1920x1080 and 960x1080)."""

from __future__ import annotations

from PyQt6.QtCore import QCoreApplication, QSize, Qt
from PyQt6.QtWidgets import QPushButton, QWidget

from tests.ui_kiosk import find
from ui.layout_check import layout_problems
from ui.places import scroll_areas
from ui.screenshots import LOW_FROM
from ui.start_page import StartPage


def shown(kiosk, scale: float, size: QSize) -> None:
    kiosk.visitor.display.set(scale, False)
    kiosk.visitor.resize(size)
    for _ in range(10):
        QCoreApplication.processEvents()


def whole_in_view(widget: QWidget) -> bool:
    return widget.isVisible() and widget.visibleRegion().boundingRect().size() == widget.size()


def test_where_the_tile_is_below_the_fold_a_button_within_reach_brings_it_into_view(qtbot, kiosk) -> None:
    qtbot.mouseClick(find(kiosk.visitor, QPushButton, "attract"), Qt.MouseButton.LeftButton)
    tile, to_signs = find(kiosk.visitor, QWidget, "sign_tile"), find(kiosk.visitor, QPushButton, "to_signs")
    for scale, size in ((1.0, QSize(1366, 768)), (2.0, QSize(1920, 1080)), (2.0, QSize(960, 1080))):
        shown(kiosk, scale, size)
        assert not whole_in_view(tile) and whole_in_view(to_signs), (scale, size)
        assert to_signs.mapTo(kiosk.visitor, to_signs.rect().topLeft()).y() >= LOW_FROM * size.height()
        assert layout_problems(kiosk.visitor, size, low_from=LOW_FROM) == [], (scale, size)
        qtbot.mouseClick(to_signs, Qt.MouseButton.LeftButton)
        QCoreApplication.processEvents()
        assert whole_in_view(tile) and whole_in_view(find(tile, QPushButton, "mode_sign")), (scale, size)
        scroll_areas(tile, kiosk.visitor)[0].verticalScrollBar().setValue(0)  # the page at its top for the next size


def test_where_the_tile_is_in_view_there_is_no_extra_button(qtbot, kiosk) -> None:
    qtbot.mouseClick(find(kiosk.visitor, QPushButton, "attract"), Qt.MouseButton.LeftButton)
    for scale, size in ((1.0, QSize(1920, 1080)), (1.0, QSize(960, 1080)), (2.0, QSize(1080, 1920))):
        shown(kiosk, scale, size)
        assert whole_in_view(find(kiosk.visitor, QWidget, "sign_tile")), (scale, size)
        assert not find(kiosk.visitor, QPushButton, "to_signs").isVisible(), (scale, size)


def test_the_button_takes_only_a_free_cell_of_the_language_grid(qtbot) -> None:
    """With 3 or 6 languages a row of its own lifted the languages above the reach line (200 % on 1920x1080: 389 px
    of 1080); there the tile stays a scroll away, as before."""
    for languages, has_button in ((["ko", "en", "zh"], False), (["ko", "en", "zh", "vi", "ja"], True)):
        page = StartPage(languages, languages, lambda code, mode: None)
        qtbot.addWidget(page)
        assert (page.findChild(QPushButton, "to_signs") is not None) is has_button, languages
