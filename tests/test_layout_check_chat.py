"""The chat as a low-vision visitor reads it at 200 %: no line wider than the chat (its end cut at the window's edge,
where nothing scrolls sideways)."""

from __future__ import annotations

from PyQt6.QtCore import QSize
from PyQt6.QtWidgets import QLabel, QScrollArea, QVBoxLayout, QWidget

from base.events import Role
from tests.test_layout_check import _show, _window
from tests.test_layout_check_views import SMALL, _settle
from ui.text_cut import cut_text

LONG_PHRASE = "身分証明書を見せていただけますか。"  # its second phrase is 1054 px at the newest line's 200 % size


def test_a_label_cut_by_the_side_of_a_view_that_does_not_scroll_sideways_is_found(qtbot) -> None:
    """A scroll area cuts below its fold what is a scroll away; at its sides, with no horizontal bar, what it cuts is
    never seen (the clerk's line at 200 % in Japanese on the portrait panel: 1142 px in a 1044 px chat)."""
    window = _window(qtbot)
    label = QLabel("wide")
    label.setObjectName("too_wide")
    label.setMinimumWidth(2000)
    page = QWidget()
    QVBoxLayout(page).addWidget(label)
    area = QScrollArea()
    area.setWidget(page)
    area.setWidgetResizable(True)
    area.setHorizontalScrollBarPolicy(area.horizontalScrollBarPolicy().ScrollBarAlwaysOff)
    QVBoxLayout(window).addWidget(area)
    _show(qtbot, window)
    problems = cut_text(window)
    assert any(p.startswith("label too_wide is cut by the side of ") for p in problems), problems
    area.setHorizontalScrollBarPolicy(area.horizontalScrollBarPolicy().ScrollBarAlwaysOn)  # a scroll away
    _show(qtbot, window)
    assert cut_text(window) == []


def test_a_phrase_wider_than_the_chat_breaks_inside_it_and_no_wider(qtbot, kiosk) -> None:
    """見せていただけますか。 is one phrase, kept on one line: at 200 % in a 1080 px wide chat it made the clerk's
    bubble 1142 px wide, cut at the window's edge. It breaks inside now, there only; where it fits (1366 px), whole."""
    from base.events import VisitorMode
    from ui.phrase_breaks import JOINER

    kiosk.session.choose("ja", VisitorMode.SPEECH)
    kiosk.session.begin()
    kiosk.visitor.display.set(2.0, False)
    chat = kiosk.visitor.captions
    bubble = chat.add(Role.CLERK, "担当者", LONG_PHRASE, languages=("ja", None))
    _settle(kiosk.visitor, QSize(1080, 1920))
    assert chat.widget().width() <= chat.viewport().width()
    assert cut_text(kiosk.visitor) == []
    assert f"た{JOINER}だ" not in bubble.line.text()  # broken inside the phrase wider than the line
    _settle(kiosk.visitor, SMALL)
    assert f"た{JOINER}だ" in bubble.line.text()  # whole where it fits
    assert cut_text(kiosk.visitor) == []
