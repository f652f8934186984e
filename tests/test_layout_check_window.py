"""The layout check sees what lies past the display's edge or behind a "…": a window grown larger than its display, a
text field's cut placeholder; and the clerk's screen keeps to its display, its text box's placeholder whole."""

from __future__ import annotations

from PyQt6.QtWidgets import QHBoxLayout, QLineEdit

from tests.test_layout_check import SCREEN, _show, _window
from ui.layout_check import layout_problems


def test_a_window_grown_past_its_display_is_found(qtbot) -> None:
    """The clerk's window at 200 % on 960x1080 with three suggestions grew to 960x1408: its least size was its rows'
    least heights at its width, more than its hint. A window held larger than the display is reported; the minimum
    size hint check alone did not see it."""
    window = _window(qtbot)
    window.setMinimumSize(SCREEN.width(), SCREEN.height() + 200)
    _show(qtbot, window)
    problems = layout_problems(window, SCREEN)
    assert "window is 960x740, larger than its display 960x540" in problems, problems
    assert not [p for p in problems if p.startswith("window needs")], "the hint check alone saw nothing"
    window.setMinimumSize(0, 0)
    _show(qtbot, window)
    assert not [p for p in layout_problems(window, SCREEN) if p.startswith("window is")]


def test_a_text_fields_cut_placeholder_is_found_and_a_whole_one_is_not(qtbot) -> None:
    """The clerk's text box said "방문자에게 전…" at 200 % on 960x1080: what to type there, cut by Qt's "…"."""
    window = _window(qtbot)
    field = QLineEdit()
    field.setObjectName("clerk_input")
    field.setPlaceholderText("방문자에게 전할 말을 입력하세요")
    row = QHBoxLayout(window)
    row.addWidget(field)
    row.addStretch(1)
    field.setFixedWidth(200)
    _show(qtbot, window)
    problems = [p for p in layout_problems(window, SCREEN) if p.startswith("text field")]
    assert problems and problems[0].startswith("text field clerk_input '방문자에게 전할 말을 입력하세요': needs"), (
        problems
    )
    field.setFixedWidth(SCREEN.width() - 40)
    _show(qtbot, window)
    assert not [p for p in layout_problems(window, SCREEN) if p.startswith("text field")]
    field.setFixedWidth(200)
    field.setText("typed")  # the placeholder is not shown: nothing to cut
    _show(qtbot, window)
    assert not [p for p in layout_problems(window, SCREEN) if p.startswith("text field")]
