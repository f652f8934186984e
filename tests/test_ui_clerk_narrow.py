"""The clerk's window on its 683x768 half of one 1366x768 display at 200 % text (offscreen Qt, real Session and SQLite
store): before a visit and in one, every control whole and no text cut; the visit's row shows what can be pressed."""

from __future__ import annotations

from PyQt6.QtCore import QSize, Qt

from base.events import Modality, Role, VisitorMode
from ui.app import application
from ui.layout_check import layout_problems
from ui.text_cut import cut_text
from ui.theme import min_target_px, stylesheet

HALF_OF_SMALL = QSize(683, 768)


def _problems(kiosk) -> list[str]:
    """What the gallery's layout check and text-cut check say of the clerk's window on the 683x768 half at 200 %."""
    clerk = kiosk.clerk
    clerk.setStyleSheet(stylesheet(2.0, False))
    clerk.resize(HALF_OF_SMALL)
    for _ in range(8):
        application().processEvents()
    target = min_target_px(HALF_OF_SMALL.width(), kiosk.session.config.ui.display_width_mm)
    return layout_problems(clerk, HALF_OF_SMALL, target) + cut_text(clerk)


def _shown(clerk) -> set[str]:
    """Which of the visit's row's widgets are shown."""
    row = {"choice": clerk.visitor_choice, "start": clerk.start, "end": clerk.end}
    return {
        name for name, w in (row | {"print": clerk.print_button, "admin": clerk.admin_button}).items() if w.isVisible()
    }


def test_the_clerks_half_of_one_display_holds_its_controls_whole_at_200_percent(qtbot, kiosk) -> None:
    """At 200 % on the 683 px half the status took four lines beside the print and admin buttons, 상담 시작 and
    상담 종료 were cut (223 px each needed, 181 had), the text box said "전할 …" and the window grew to 683x799 with
    the visitor's line. Before a visit: the language choice and 상담 시작; in one: 상담 종료; 기록 인쇄 only once it
    can print."""
    clerk = kiosk.clerk
    qtbot.mouseClick(clerk.notice, Qt.MouseButton.LeftButton)  # the demo's notice put away (a tap)
    assert _problems(kiosk) == []
    assert _shown(clerk) == {"choice", "start", "admin"}
    kiosk.session.choose("en", VisitorMode.SPEECH)
    kiosk.session.begin()
    kiosk.session.say_phrase(Role.CLERK, "greeting")
    kiosk.session.say(Role.VISITOR, "I moved house, where do I report my new address?", Modality.SPEECH, language="en")
    assert _problems(kiosk) == []
    assert _shown(clerk) == {"end", "admin"}
    assert clerk.input.placeholderText() == "전할 말" and clerk.talk.isVisible()
