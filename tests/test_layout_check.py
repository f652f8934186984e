"""The layout check can fail: covered controls, controls out of reach, clipped overlays and small text are found."""

from __future__ import annotations

from PyQt6.QtCore import QSize, Qt
from PyQt6.QtGui import QFontInfo
from PyQt6.QtWidgets import QFrame, QHBoxLayout, QLabel, QPushButton, QScrollArea, QVBoxLayout, QWidget

from tests.ui_kiosk import find
from ui.app import application
from ui.chat_check import newest_cut
from ui.layout_check import layout_problems, overlaps, scrolled_out, slivers
from ui.phrase_breaks import set_wrapped
from ui.start_page import StartPage
from ui.text_cut import cut_text
from ui.theme import VISITOR_TEXT_PX, stylesheet

SCREEN = QSize(960, 540)
SIZE_FHD = QSize(1920, 1080)


def _window(qtbot) -> QWidget:
    application()
    window = QWidget()
    window.setStyleSheet(stylesheet())
    qtbot.addWidget(window)
    return window


def _show(qtbot, window: QWidget) -> None:
    window.resize(SCREEN)
    window.show()
    qtbot.waitExposed(window)
    for _ in range(3):
        application().processEvents()


def _button(name: str) -> QPushButton:
    button = QPushButton(name)
    button.setObjectName(name)
    return button


def test_the_idle_warning_of_before_issue_14_is_found(qtbot) -> None:
    """Rebuilt as it was: the warning a row at the bottom of the scrolling conversation page, the text-size bar
    below the page; on a short screen the warning ends under the bar, half hidden (timeout_en_100.png)."""
    window = _window(qtbot)
    page = QWidget()
    rows = QVBoxLayout(page)
    captions = QLabel("Clerk: Hello. How can I help you?")
    captions.setMinimumHeight(300)
    rows.addWidget(captions)
    for name in ("phrase_hello", "phrase_excuse_me"):
        rows.addWidget(_button(name))
    warning = QFrame()
    warning.setObjectName("timeout_overlay")
    row = QHBoxLayout(warning)
    row.addWidget(QLabel("This session will end in 29 seconds. Do you need more time?"), 1)
    row.addWidget(_button("more_time"))
    rows.addWidget(warning)
    area = QScrollArea()
    area.setWidget(page)
    area.setWidgetResizable(True)
    bar = QHBoxLayout()
    for name in ("text_smaller", "text_bigger", "contrast"):
        bar.addWidget(_button(name))
    layout = QVBoxLayout(window)
    layout.addWidget(area, 1)
    layout.addLayout(bar)
    _show(qtbot, window)
    problems = layout_problems(window, SCREEN)
    assert any(p.startswith("overlay timeout_overlay") and "is clipped" in p for p in problems), problems


def test_a_control_under_another_widget_is_found(qtbot) -> None:
    window = _window(qtbot)
    layout = QVBoxLayout(window)
    send = _button("visitor_send")
    layout.addWidget(send)
    layout.addStretch(1)
    _show(qtbot, window)
    assert layout_problems(window, SCREEN) == []
    bar = QFrame(window)  # a bar drawn over the lower half of the button, as the text-size bar did
    bar.setObjectName("display_bar")
    bar.setGeometry(0, send.y() + send.height() // 2, window.width(), 200)
    bar.show()
    bar.raise_()
    problems = layout_problems(window, SCREEN)
    assert problems and "control visitor_send is covered by display_bar" in problems[0]


def test_a_control_cut_off_without_a_scroll_bar_is_found_and_with_one_it_is_not(qtbot) -> None:
    window = _window(qtbot)
    page = QWidget()
    rows = QVBoxLayout(page)
    rows.addSpacing(900)  # taller than the window: the button is below the fold
    rows.addWidget(_button("end_visit"))
    area = QScrollArea()
    area.setWidget(page)
    area.setWidgetResizable(True)
    area.setVerticalScrollBarPolicy(Qt.ScrollBarPolicy.ScrollBarAlwaysOff)  # no sign that there is more
    QVBoxLayout(window).addWidget(area)
    _show(qtbot, window)
    problems = layout_problems(window, SCREEN)
    assert any("control end_visit is cut off" in p for p in problems), problems
    area.setVerticalScrollBarPolicy(Qt.ScrollBarPolicy.ScrollBarAsNeeded)
    _show(qtbot, window)
    assert layout_problems(window, SCREEN) == []


def test_a_control_outside_the_window_and_an_overlay_over_its_edge_are_found(qtbot) -> None:
    window = _window(qtbot)
    _show(qtbot, window)
    finish = _button("end_visit")
    finish.setParent(window)
    finish.setGeometry(SCREEN.width() - 50, 100, 200, 80)
    finish.show()
    overlay = QFrame(window)
    overlay.setObjectName("warning_overlay")
    overlay.setGeometry(100, SCREEN.height() - 100, 400, 300)
    overlay.show()
    problems = layout_problems(window, SCREEN)
    assert any("control end_visit at 910,100 200x80 is outside the window" in p for p in problems), problems
    assert any("overlay warning_overlay at 100,440 400x300 is clipped by the window" in p for p in problems)


def test_controls_under_a_modal_overlay_are_covered_on_purpose(qtbot) -> None:
    window = _window(qtbot)
    QVBoxLayout(window).addWidget(_button("visitor_send"))
    _show(qtbot, window)
    overlay = QFrame(window)
    overlay.setObjectName("timeout_overlay")
    QVBoxLayout(overlay).addWidget(_button("more_time"))
    overlay.setGeometry(window.rect())
    overlay.show()
    overlay.raise_()
    assert layout_problems(window, SCREEN) == []


def test_visitor_text_under_24_px_is_found(qtbot) -> None:
    window = _window(qtbot)
    label = QLabel("The clerk's words will appear here")
    label.setObjectName("prompt")
    QVBoxLayout(window).addWidget(label)
    _show(qtbot, window)
    assert layout_problems(window, SCREEN, min_text_px=VISITOR_TEXT_PX) == []
    label.setStyleSheet("font-size: 22px")  # the body size before issue 14
    assert layout_problems(window, SCREEN, min_text_px=VISITOR_TEXT_PX) == ["text of prompt is 22px < 24px"]


def test_the_idle_warning_now_covers_the_whole_visitor_screen(qtbot, kiosk) -> None:
    kiosk.visitor.resize(1366, 768)
    qtbot.mouseClick(find(kiosk.visitor, QPushButton, "lang_en"), Qt.MouseButton.LeftButton)
    options = kiosk.session.config.kiosk
    for scale in (1.0, 2.0):
        kiosk.visitor.display.set(scale, False)
        kiosk.clock.advance(options.idle_timeout_s - options.idle_warning_s + 1)
        kiosk.session.tick()
        overlay = find(kiosk.visitor, QFrame, "timeout_overlay")
        assert overlay.isVisible() and overlay.geometry() == kiosk.visitor.rect()
        problems = layout_problems(kiosk.visitor, QSize(1366, 768)) + overlaps(overlay)
        assert not [p for p in problems if "overlay" in p or "more_time" in p or "timeout" in p], problems
        qtbot.mouseClick(find(kiosk.visitor, QPushButton, "more_time"), Qt.MouseButton.LeftButton)
        assert not overlay.isVisible()


def test_widgets_a_squeezed_layout_draws_over_each_other_are_found(qtbot) -> None:
    """A layout with less room than its widgets' least heights places them over each other (the idle warning's
    countdown under its label at 200 % on 1366x768); each label alone fits its own place, so only this finds it."""
    window = _window(qtbot)
    card = QFrame(window)
    card.setObjectName("card")
    rows = QVBoxLayout(card)
    for name in ("count", "unit"):
        label = QLabel(name)
        label.setObjectName(name)
        label.setMinimumHeight(200)
        rows.addWidget(label)
    card.setGeometry(0, 0, 300, 500)
    _show(qtbot, window)
    assert overlaps(window) == []
    card.setGeometry(0, 0, 300, 300)
    application().processEvents()
    problems = overlaps(window)
    assert len(problems) == 1 and problems[0].startswith("count and unit overlap by 2"), problems


def test_a_phrase_kept_whole_but_wider_than_its_label_is_found(qtbot) -> None:
    """A word that cannot break (a Japanese phrase held together, ui.phrase_breaks) is cut at the label's edge."""

    window = _window(qtbot)
    label = QLabel()
    label.setObjectName("question")
    label.setWordWrap(True)
    set_wrapped(label, "窓口での手続きについて", "ja")
    QVBoxLayout(window).addWidget(label)
    _show(qtbot, window)
    assert layout_problems(window, SCREEN) == []
    label.setFixedWidth(label.fontMetrics().horizontalAdvance("窓口で"))  # narrower than 窓口での
    problems = layout_problems(window, SCREEN)
    assert len(problems) == 1 and problems[0].startswith("label question '窓口での手続きについて': a line"), problems


def test_a_window_turned_from_portrait_to_the_small_panel_fits_it(qtbot, kiosk) -> None:
    """The chat's least height must not follow the window's height, or it keeps the window taller than the panel."""
    qtbot.mouseClick(find(kiosk.visitor, QPushButton, "lang_en"), Qt.MouseButton.LeftButton)
    for size in (QSize(1080, 1920), QSize(1366, 768)):
        kiosk.visitor.resize(size)
        for _ in range(3):
            application().processEvents()
    assert kiosk.visitor.size() == QSize(1366, 768)
    assert layout_problems(kiosk.visitor, QSize(1366, 768)) == []


def test_opening_the_keyboard_keeps_the_landscape_window_on_its_screen(qtbot, kiosk) -> None:
    screen = QSize(1920, 1080)
    kiosk.visitor.resize(screen)
    qtbot.mouseClick(find(kiosk.visitor, QPushButton, "lang_vi"), Qt.MouseButton.LeftButton)
    qtbot.mouseClick(find(kiosk.visitor, QPushButton, "keyboard_toggle"), Qt.MouseButton.LeftButton)
    for _ in range(3):
        application().processEvents()
    assert kiosk.visitor.size() == screen
    assert layout_problems(kiosk.visitor, screen) == []


def test_a_button_above_the_reach_line_is_found_in_a_scrolling_page(qtbot) -> None:
    """The start page at 960x1080 with the three-line demo banner: its language buttons began at 420 px, above 40 %
    of the height, and the gallery (which had no half screen) never said so."""
    window = _window(qtbot)
    rows = QVBoxLayout(window)
    rows.setContentsMargins(0, 0, 0, 0)
    banner = QLabel("banner")
    banner.setFixedHeight(120)
    rows.addWidget(banner)
    page = QWidget()
    column = QVBoxLayout(page)
    column.setContentsMargins(0, 0, 0, 0)
    column.addSpacing(293)  # with the layout's spacing: 420 px from the top
    column.addWidget(_button("lang_ko"))
    column.addStretch(1)
    area = QScrollArea()
    area.setWidgetResizable(True)
    area.setWidget(page)
    rows.addWidget(area, 1)
    window.resize(960, 1080)
    window.show()
    qtbot.waitExposed(window)
    application().processEvents()
    size = QSize(960, 1080)
    assert layout_problems(window, size, low_from=0.4) == [
        "button lang_ko at 420px: above the lower part of the screen"
    ]
    column.insertSpacing(0, 13)  # at 433 px it is low enough
    application().processEvents()
    assert layout_problems(window, size, low_from=0.4) == []


def test_every_language_button_is_in_view_on_the_start_page_at_200_percent(qtbot, kiosk) -> None:
    """With 200 % text the title in five languages pushed the second row of languages below the fold on half a
    1920x1080 screen (a Vietnamese or Japanese visitor saw half of their button) and both rows on 1366x768."""
    kiosk.visitor.pages.setCurrentIndex(1)
    title = kiosk.visitor.findChild(StartPage).title  # not the first "title": the globe's choice has one too
    for scale, size, title_px in ((2.0, QSize(960, 1080), None), (2.0, QSize(1366, 768), None), (1.0, SIZE_FHD, 36)):
        kiosk.visitor.display.set(scale, False)
        kiosk.visitor.resize(size)
        for _ in range(5):
            application().processEvents()
        assert scrolled_out(kiosk.visitor, "lang_") == [], size
        assert layout_problems(kiosk.visitor, size, low_from=0.4) == [], size
        if title_px:
            assert QFontInfo(title.font()).pixelSize() == title_px, "where all fits the title keeps the theme's size"


def test_a_button_below_the_fold_of_a_scroll_area_is_found(qtbot) -> None:
    window = _window(qtbot)
    page = QWidget()
    column = QVBoxLayout(page)
    column.addSpacing(600)
    column.addWidget(_button("lang_vi"))
    area = QScrollArea(window)
    area.setObjectName("start_scroll")
    area.setWidgetResizable(True)
    area.setWidget(page)
    area.resize(SCREEN)
    _show(qtbot, window)
    assert scrolled_out(window, "lang_") == ["button lang_vi is seen only by scrolling start_scroll"]
    area.verticalScrollBar().setValue(area.verticalScrollBar().maximum())
    assert scrolled_out(window, "lang_") == []


def test_a_button_of_which_the_fold_shows_a_strip_is_found(qtbot) -> None:
    """At 200 % on 1366x768 the second suggestion showed its top 49 of 126 px under the first: whole or not at all."""
    window = _window(qtbot)
    page = QWidget()
    column = QVBoxLayout(page)
    column.addSpacing(SCREEN.height() - 50)
    column.addWidget(_button("visitor_suggestion_exit"))
    column.addSpacing(SCREEN.height())
    area = QScrollArea(window)
    area.setWidgetResizable(True)
    area.setWidget(page)
    area.resize(SCREEN)
    _show(qtbot, window)
    assert slivers(window, "visitor_suggestion_")[0].startswith("button visitor_suggestion_exit shows ")
    area.verticalScrollBar().setValue(300)  # scrolled: whole
    assert slivers(window, "visitor_suggestion_") == []
    area.verticalScrollBar().setValue(0)
    area.resize(SCREEN.width(), SCREEN.height() - 60)  # below the fold: a scroll away
    assert slivers(window, "visitor_suggestion_") == []


def test_the_spelling_and_sign_buttons_are_in_view_on_the_small_panel(qtbot, kiosk) -> None:
    """Enter (the spelled word) and send (the signed sentence) were inside the scrolling area under the camera,
    below its fold on 1366x768 at 100 % and on every display at 200 %: the visitor was told to press a button
    they could not see. The spelled word's line under the camera showed its top 60 of 105 px at 200 %: it is
    whole or not shown (the self-view carries the word); the letters' line lost its bottom 10 px at 200 %, the
    chat and the self-view reaching 41 px into the list: it is whole, the rows do not overlap. The signs showed
    their tops in the list's 72 px: they are whole (the self-view yields more on the sign screen, holding no letter)."""
    from base.events import SignChips, SignEvent, Spelling, VisitorMode
    from ui.screenshots import IN_VIEW

    for mode, prefix, button in (
        (VisitorMode.FINGERSPELLING, IN_VIEW["fingerspelling"], "spelling_confirm"),
        (VisitorMode.SIGN, IN_VIEW["sign"], "sign_send"),
    ):
        kiosk.session.choose("ko", mode)
        kiosk.session.begin()
        kiosk.session.show_spelling(Spelling(tuple("ㄱㅣㅁㅁㅣㄴ"), "김민", "ㅅ", 0.9))
        kiosk.session.show_signs(SignChips((SignEvent("서류", "서류", 0.97, 0.0, 1.0),)))
        for scale in (1.0, 2.0):
            kiosk.visitor.display.set(scale, False)
            kiosk.visitor.resize(QSize(1366, 768))
            for _ in range(5):
                application().processEvents()
            assert find(kiosk.visitor, QPushButton, button).isVisible()
            assert scrolled_out(kiosk.visitor, prefix) == [], (mode, scale)
            camera, middle = kiosk.visitor.hands.camera, kiosk.visitor.middle
            assert camera.geometry().bottom() < middle.y(), (mode, scale)  # the self-view's cue is not under the list
            assert newest_cut(kiosk.visitor) + overlaps(kiosk.visitor) == [], (mode, scale)
        kiosk.session.end("visitor")
        kiosk.session.clear()


def test_a_widget_cut_by_the_frame_around_it_is_found_and_a_whole_one_is_not(qtbot) -> None:
    """A frame squeezed below its layout's least height draws its buttons past its edge, where they are cut."""
    window = _window(qtbot)
    _show(qtbot, window)
    offer = QFrame(window)
    offer.setObjectName("switch_offer")
    yes = _button("switch_yes")
    yes.setParent(offer)
    yes.setGeometry(0, 40, 300, 126)
    offer.setGeometry(0, 0, 400, 100)
    offer.show()
    assert cut_text(window) == ["button switch_yes is cut by switch_offer (300x126 at 0,40 in 400x100)"]
    offer.setGeometry(0, 0, 400, 200)
    assert cut_text(window) == []
    yes.setFixedHeight(yes.fontMetrics().lineSpacing() // 2)  # a button lower than its own line of text
    assert cut_text(window)[0].startswith("button switch_yes 'switch_yes': needs ")


def test_a_label_halved_by_a_scroll_areas_fold_is_found_and_a_whole_one_is_not(qtbot) -> None:
    """The switch offer heading the list at 200 % on 1366x768: the list's fold ran through its question's second line.
    Above the fold, below it or between two lines the label is fine (whole, a scroll away, or more to read)."""
    window = _window(qtbot)
    page = QWidget()
    question = QLabel("Switch the screen to English?\nChuyển màn hình sang English?")
    question.setObjectName("switch_question")
    question.setWordWrap(True)
    column = QVBoxLayout(page)
    column.setContentsMargins(0, 0, 0, 0)
    column.addWidget(question)
    column.addSpacing(SCREEN.height())
    area = QScrollArea(window)
    area.setWidgetResizable(True)
    area.setWidget(page)
    _show(qtbot, window)
    line = question.fontMetrics().lineSpacing()
    for view, cut in ((line * 3 // 2, True), (line * 3, False), (line, False)):
        area.resize(SCREEN.width(), view + 2 * area.frameWidth())
        application().processEvents()
        found = cut_text(window)
        assert bool(found) is cut and all(p.startswith("label switch_question") for p in found), (view, found)
