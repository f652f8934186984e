"""The layout check sees what a visitor cannot have whole in view: a quick phrase taller than the list's view, the
consent question scrolled out above its answers."""

from __future__ import annotations

from PyQt6.QtCore import QSize
from PyQt6.QtWidgets import QScrollArea, QVBoxLayout, QWidget

from tests.test_layout_check import SCREEN, _button, _show, _window
from ui.app import application
from ui.layout_check import layout_problems, scrolled_out, slivers, taller_than_view


def test_a_button_taller_than_its_view_is_found_even_a_scroll_away(qtbot) -> None:
    """A quick phrase of two lines at 200 % on 1366x768 was 195 px high in a 193 px view: below the fold it was no
    sliver, yet never whole in view (the visitor scrolled through each one)."""
    window = _window(qtbot)
    page = QWidget()
    rows = QVBoxLayout(page)
    rows.addSpacing(SCREEN.height())  # the phrase starts below the view's fold: a scroll away
    phrase = _button("phrase_here_for_paperwork")
    phrase.setStyleSheet(f"min-height: {SCREEN.height()}px; max-height: {SCREEN.height()}px")  # (the theme's wins)
    rows.addWidget(phrase)
    area = QScrollArea()
    area.setWidget(page)
    area.setWidgetResizable(True)
    QVBoxLayout(window).addWidget(area)
    _show(qtbot, window)
    assert slivers(window, "phrase_") == []  # a scroll away: no sliver
    problems = taller_than_view(window, "phrase_")
    assert problems and problems[0].startswith("button phrase_here_for_paperwork is "), problems
    assert "px high, its view in" in problems[0], problems
    phrase.setStyleSheet("min-height: 100px; max-height: 100px")
    _show(qtbot, window)
    assert taller_than_view(window, "phrase_") == []


def test_the_consent_question_is_in_view_with_its_answers_at_200_percent(qtbot, kiosk) -> None:
    """At 200 % on 1366x768 (every language) and 960x1080 (en, vi, ja) the answers were in view and the question they
    answer a scroll away in the closing page's text; the gallery's IN_VIEW now names the question too."""
    from base.events import Role, VisitorMode
    from ui.screenshots import IN_VIEW

    assert "consent_question" in IN_VIEW["closing"]
    kiosk.session.choose("vi", VisitorMode.SPEECH)
    kiosk.session.begin()
    kiosk.session.say_phrase(Role.CLERK, "greeting")
    kiosk.session.end("visitor")
    kiosk.visitor.display.set(2.0, False)
    for size in (QSize(1366, 768), QSize(960, 1080)):
        kiosk.visitor.resize(size)
        for _ in range(8):
            application().processEvents()
        assert scrolled_out(kiosk.visitor, IN_VIEW["closing"]) == [], size
        assert [p for p in layout_problems(kiosk.visitor, size) if "consent" in p] == [], size
