"""The layout check sees what a visitor cannot have whole in view: a quick phrase taller than the list's view, the
consent question scrolled out above its answers, quick phrases pushed half a screen down by the topics' tabs; and the
clerk's quick phrases a scroll away."""

from __future__ import annotations

import pytest
from PyQt6.QtCore import QSize, Qt
from PyQt6.QtWidgets import QLabel, QPushButton, QScrollArea, QVBoxLayout, QWidget

from tests.test_layout_check import SCREEN, _button, _show, _window
from tests.ui_kiosk import find
from ui.app import application
from ui.layout_check import (
    layout_problems,
    needed_out,
    overlaps,
    phrases_far,
    scrolled_out,
    slivers,
    taller_than_view,
)

SMALL = QSize(1366, 768)
LANDSCAPE = QSize(1920, 1080)


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


def test_a_needed_control_hidden_or_a_scroll_away_is_found_and_one_in_view_is_not(qtbot) -> None:
    """The clerk's Talk was hidden while the hint asked the clerk to speak up: no check asked for it."""
    window = _window(qtbot)
    page = QWidget()
    column = QVBoxLayout(page)
    column.addSpacing(SCREEN.height())
    talk, send = _button("clerk_talk"), _button("clerk_send")
    column.addWidget(talk)
    area = QScrollArea()
    area.setObjectName("clerk_scroll")
    area.setWidgetResizable(True)
    area.setWidget(page)
    rows = QVBoxLayout(window)
    rows.addWidget(area)
    rows.addWidget(send)
    _show(qtbot, window)
    assert needed_out(window, ("clerk_send", "clerk_talk")) == [
        "button clerk_talk is seen only by scrolling clerk_scroll"
    ]
    area.verticalScrollBar().setValue(area.verticalScrollBar().maximum())
    assert needed_out(window, ("clerk_send", "clerk_talk")) == []
    send.hide()
    assert needed_out(window, ("clerk_send",)) == ["clerk_send is needed and not shown"]


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


def _settle(window: QWidget, size: QSize) -> None:
    window.resize(size)
    for _ in range(8):
        application().processEvents()


def test_topics_that_push_the_quick_phrases_half_a_screen_down_are_found(qtbot, kiosk) -> None:
    """At 200 % on 1366x768 the twelve topics took six rows, the first phrase 850 px down the list: the tabs fold into
    the chosen topic and "all topics"; opened, every tab is back and the check finds the phrases pushed down."""
    from base.events import VisitorMode

    kiosk.session.choose("vi", VisitorMode.SPEECH)
    kiosk.session.begin()
    kiosk.visitor.display.set(2.0, False)
    _settle(kiosk.visitor, SMALL)
    panel = kiosk.visitor.phrases
    assert [t.objectName() for t in panel.shown_tabs] == ["phrase_category_greeting", "phrase_topics"]
    assert phrases_far(kiosk.visitor) == []
    panel.all_topics.click()  # every topic, as before the fold
    _settle(kiosk.visitor, SMALL)
    problems = phrases_far(kiosk.visitor)
    assert problems and problems[0].startswith("the first phrase of "), problems
    find(kiosk.visitor, QPushButton, "phrase_category_payment").click()  # a topic chosen: folded again
    _settle(kiosk.visitor, SMALL)
    assert [t.objectName() for t in panel.shown_tabs] == ["phrase_category_payment", "phrase_topics"]
    assert phrases_far(kiosk.visitor) == []


def test_each_quick_phrase_can_be_whole_in_view_under_the_fingerspelled_letters(qtbot, kiosk) -> None:
    """The list under the letters was 72 px (100 %) and 82 px (200 %) on 1366x768, a phrase 91 and 126 px: never whole
    in view (the gallery exempted the screen as LIST_ROW_SHORT). The list is now at least a row of it high."""
    from base.events import Spelling, VisitorMode

    kiosk.session.choose("ko", VisitorMode.FINGERSPELLING)
    kiosk.session.begin()
    kiosk.session.show_spelling(Spelling(tuple("ㄱㅣㅁ"), "김", "ㅅ", 0.9))
    for scale in (1.0, 2.0):
        kiosk.visitor.display.set(scale, False)
        _settle(kiosk.visitor, SMALL)
        assert taller_than_view(kiosk.visitor, "phrase_") == [], scale
        assert overlaps(kiosk.visitor) == [], scale


def _closing_at_200(kiosk, language: str) -> QWidget:
    """The closing page of a visit in ``language``, at 200 % on 1366x768; its text's view."""
    from base.events import Role, VisitorMode
    from ui.places import scroll_areas

    kiosk.session.choose(language, VisitorMode.SPEECH)
    kiosk.session.begin()
    kiosk.session.say_phrase(Role.CLERK, "greeting")
    kiosk.session.end("visitor")
    kiosk.visitor.display.set(2.0, False)
    _settle(kiosk.visitor, SMALL)
    return scroll_areas(kiosk.visitor.closing.title, kiosk.visitor)[0].viewport()


def test_the_closing_text_shows_its_first_line_at_200_percent_on_the_small_panel(qtbot, kiosk) -> None:
    """At 200 % on 1366x768 the closing page's text had a 9 px view (English, Japanese), "done" on a row of its own:
    beside the answers, the title's first line is in view."""
    view, closing = _closing_at_200(kiosk, "en"), kiosk.visitor.closing
    assert view.height() >= closing.title.fontMetrics().lineSpacing()
    assert closing.done.y() == closing.yes.y()  # beside the answers
    _settle(kiosk.visitor, QSize(1080, 1920))  # portrait: the answers keep the width, "done" under them
    assert closing.done.y() > closing.yes.y()


def test_the_vietnamese_closing_text_shows_its_title_at_200_percent_on_the_small_panel(qtbot, kiosk) -> None:
    """In Vietnamese at 200 % on 1366x768 the text above the question had a 9 px view: the answers took two lines
    each, the question three. Shorter (Có, in giúp tôi / Không, cảm ơn; the question in two lines), the whole title
    is in view."""
    view, closing = _closing_at_200(kiosk, "vi"), kiosk.visitor.closing
    assert view.height() >= closing.title.height()
    assert closing.yes.height() == closing.done.height()  # one line each, as "Về màn hình đầu"


def test_the_letter_seen_is_in_view_at_200_percent_on_the_small_panel(qtbot, kiosk) -> None:
    """On its own line under the letters, the letter the camera reads ("지금 보이는 글자: ㅅ") was a scroll away at
    200 % on 1366x768 (the list's view holds one row there): the gallery's check passed it. It is in view, in every
    language of the kiosk."""
    from base.events import Spelling, VisitorMode
    from ui.screenshots import IN_VIEW

    for language in kiosk.visitor.languages:
        kiosk.session.choose(language, VisitorMode.FINGERSPELLING)
        kiosk.session.begin()
        kiosk.session.show_spelling(Spelling(tuple("ㄱㅣㅁㅁㅣㄴ"), "김민", "ㅅ", 0.9))
        kiosk.visitor.display.set(2.0, False)
        _settle(kiosk.visitor, SMALL)
        holding = find(kiosk.visitor, QLabel, "spelling_holding")
        assert holding.isVisible() and holding.text().endswith("ㅅ"), language
        assert holding.objectName().startswith(IN_VIEW["fingerspelling"])  # the gallery checks it
        assert scrolled_out(kiosk.visitor, IN_VIEW["fingerspelling"]) == [], language
        assert overlaps(kiosk.visitor) == [], language
        kiosk.session.end("visitor")
        kiosk.session.clear()


def test_a_letter_not_read_is_said_in_view_at_200_percent_on_the_small_panel(qtbot, kiosk) -> None:
    """A hand not read as a letter: its hint ("글자를 알아보지 못했습니다. …") wraps to two lines beside the letters at
    200 % on 1366x768 and started below the list's fold, a scroll away: the visitor did not see that the letter was
    not read. The letters' row is kept whole with the hint, and the self-view yields for it (no letter's box to
    draw)."""
    from base.events import Spelling, VisitorMode
    from ui.layout_check import layout_problems
    from ui.screenshots import IN_VIEW

    kiosk.session.choose("ko", VisitorMode.FINGERSPELLING)
    kiosk.session.begin()
    kiosk.session.show_spelling(Spelling(tuple("ㄱㅣㅁㅁㅣㄴ"), "김민", "?", 0.3))
    kiosk.visitor.display.set(2.0, False)
    _settle(kiosk.visitor, SMALL)
    holding = find(kiosk.visitor, QLabel, "spelling_holding")
    assert holding.isVisible() and holding.height() > 1.5 * holding.fontMetrics().lineSpacing()  # two lines
    assert scrolled_out(kiosk.visitor, IN_VIEW["fingerspelling_unknown"]) == []
    assert overlaps(kiosk.visitor) == []
    assert [p for p in layout_problems(kiosk.visitor, SMALL) if p.startswith("window needs")] == []


def test_the_clerk_sees_a_quick_phrase_without_scrolling_at_every_size(qtbot, kiosk) -> None:
    """The clerk taps quick phrases all day: on every display and text size one is in view without scrolling. At 200 %
    on 960x1080 the clerk's 206 px panel showed the chosen topic and "all topics" and an empty band, at 100 % on
    1920x1080 two rows of tabs filled its 270 px: every phrase a scroll away. The gallery ran the check on visitor
    screens only, and of unfolded tabs it asks the first tab only; every topic opened (as by "all topics"), it finds
    the clerk's phrase a scroll away, not on the visitor's terms."""
    from base.events import Modality, Role, VisitorMode
    from ui.layout_check import first_phrase_out
    from ui.theme import stylesheet

    clerk, session = kiosk.clerk, kiosk.session
    session.choose("en", VisitorMode.SPEECH)
    session.begin()
    session.say_phrase(Role.CLERK, "greeting")
    heard = session.say(Role.CLERK, "여기 서면", Modality.SPEECH, language="ko", confidence=0.45)
    session.revise(heard.entry_id, session.phrasebook.get("sign_here").texts["ko"], 0.82)  # (the gallery's revised)
    qtbot.mouseClick(clerk.notice, Qt.MouseButton.LeftButton)  # the clerk put the demo's notice away (a tap)
    for scale, size in ((2.0, QSize(960, 1080)), (2.0, SMALL), (1.0, LANDSCAPE)):
        clerk.setStyleSheet(stylesheet(scale, False))
        _settle(clerk, size)
        problems = first_phrase_out(clerk, phrase=True) + slivers(clerk, "clerk_phrase") + overlaps(clerk)
        assert clerk.phrases.isVisible() and problems == [], (scale, size, problems)
    _settle(clerk, SMALL)  # (on 1920x1080 every topic and a row of phrases now fit: nothing folded)
    clerk.phrases.all_topics.click()  # every topic shown until one is chosen: the phrases a scroll away under them
    _settle(clerk, SMALL)
    assert first_phrase_out(clerk) == [], "a visitor's unfolded tabs: the first tab is asked"
    problems = first_phrase_out(clerk, phrase=True)
    assert problems == ["button clerk_phrase_greeting is seen only by scrolling QScrollArea in clerk_phrase_panel"]
    find(clerk, QPushButton, "clerk_phrase_category_identity").click()  # a topic chosen: folded, its phrases in view
    _settle(clerk, SMALL)
    assert first_phrase_out(clerk, phrase=True) == []


@pytest.mark.parametrize(
    ("scale", "size", "every"), [(1.0, LANDSCAPE, True), (1.0, QSize(1080, 1920), True), (2.0, SMALL, False)]
)
def test_every_clerk_topic_is_one_tap_away_where_the_screen_has_room(qtbot, kiosk, scale, size, every) -> None:
    """A clerk changes topic many times a visit. At 100 % on 1920x1080 every tab and a row of phrases needed 285 px of
    the panel's 270 (a quarter of the window), in portrait 514 px of its 314 (the chat over 1,000 px): the tabs folded,
    a topic two taps away. The panel now grows to that need up to a third of the window; where that is not enough
    (200 % on 1366x768) the tabs fold as before and a phrase stays in view; the chat's newest line stays whole."""
    from base.events import Role, VisitorMode
    from ui.chat_check import newest_cut
    from ui.layout_check import first_phrase_out
    from ui.theme import stylesheet

    clerk, session = kiosk.clerk, kiosk.session
    session.choose("en", VisitorMode.SPEECH)
    session.begin()
    session.say_phrase(Role.CLERK, "greeting")
    qtbot.mouseClick(clerk.notice, Qt.MouseButton.LeftButton)  # the demo's notice put away (a tap)
    clerk.setStyleSheet(stylesheet(scale, False))
    _settle(clerk, size)
    tabs = [tab for tab in clerk.phrases.tab_group.buttons() if tab.isVisible()]
    assert (len(tabs) == len(clerk.phrases.categories)) is every, len(tabs)
    assert clerk.phrases.all_topics.isVisible() is not every
    problems = first_phrase_out(clerk, phrase=True) + slivers(clerk, "clerk_phrase") + newest_cut(clerk)
    assert clerk.phrases.isVisible() and problems == [], problems
    assert clerk.phrases.height() <= max(192, size.height() // 3)
