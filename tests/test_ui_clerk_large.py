"""The clerk's screen at 200 % text on the small panel, in portrait and on the left half of a shared screen (offscreen
Qt, real Session and SQLite store): what a clerk reads at a glance between visitors is in view."""

from __future__ import annotations

import pytest
from PyQt6.QtCore import QSize, Qt
from PyQt6.QtWidgets import QWidget

from base.events import Role, VisitorMode
from ui.app import application
from ui.layout_check import first_phrase_out, phrases_far, slivers
from ui.theme import stylesheet

SMALL, PORTRAIT, HALF, LANDSCAPE = QSize(1366, 768), QSize(1080, 1920), QSize(960, 1080), QSize(1920, 1080)


def _at(window: QWidget, size: QSize, scale: float = 2.0) -> None:
    window.setStyleSheet(stylesheet(scale, False))
    window.resize(size)
    for _ in range(8):
        application().processEvents()


def _visit(qtbot, kiosk) -> None:
    kiosk.session.choose("en", VisitorMode.SPEECH)
    kiosk.session.begin()
    kiosk.session.say_phrase(Role.CLERK, "greeting")
    qtbot.mouseClick(kiosk.clerk.notice, Qt.MouseButton.LeftButton)  # the demo's notice put away (a tap)


def test_the_folded_topics_follow_the_first_row_of_phrases_where_the_phrases_lead(qtbot, kiosk) -> None:
    """At 200 % on 1366x768 the chosen topic and "all topics" sat under every phrase of the topic (9 rows): a change of
    topic was a long scroll. They come after the first row, a phrase still in view without scrolling."""
    clerk = kiosk.clerk
    _visit(qtbot, kiosk)
    _at(clerk, SMALL)
    panel = clerk.phrases
    assert panel.lead and panel.all_topics.isVisible()
    assert phrases_far(clerk) + first_phrase_out(clerk, phrase=True) + slivers(clerk, "clerk_phrase") == []
    first, topics = panel.buttons()[0], panel.all_topics
    assert first.geometry().bottom() < topics.geometry().top() < panel.buttons()[panel.shown_columns].geometry().top()
    topics.click()  # every topic shown, one chosen: its phrases lead again, in view
    _at(clerk, SMALL)
    panel.tab_group.buttons()[2].click()
    _at(clerk, SMALL)
    assert phrases_far(clerk) + first_phrase_out(clerk, phrase=True) + slivers(clerk, "clerk_phrase") == []
    chosen = [p.phrase_id for p in panel.phrases if p.category == panel.current]
    assert panel.buttons()[0].objectName() == f"clerk_phrase_{chosen[0]}"


def test_a_topic_the_clerk_picks_in_portrait_shows_its_first_phrase(qtbot, kiosk) -> None:
    """At 200 % in portrait, after "날짜·시간" its first phrase lay under the fold (the gallery rendered no change of
    topic): the panel measured the phrases at its own width, not its view's beside the scroll bar (one line, 126 px,
    for a phrase of two, 196 px), and so put the tabs and that phrase in a view too low for both."""
    clerk = kiosk.clerk
    _visit(qtbot, kiosk)
    _at(clerk, PORTRAIT)
    panel = clerk.phrases
    panel.all_topics.click()
    _at(clerk, PORTRAIT)
    panel.tab_group.buttons()[panel.categories.index("schedule")].click()
    _at(clerk, PORTRAIT)
    assert panel.current == "schedule"
    assert first_phrase_out(clerk, phrase=True) + slivers(clerk, "clerk_phrase") + phrases_far(clerk) == []


def test_the_chats_least_height_follows_a_change_of_text_size(qtbot, kiosk) -> None:
    """The chat's least height (who said the newest line and its first line) was fitted only when its scroll range
    changed, and in portrait with a short line that range stays 0 at 200 % and 100 %: after 200 % on 1366x768 the chat
    kept that screen's 241 px in portrait at 200 % (319 needed), at 100 % (166 needed) and at 200 % again."""
    from base.events import Modality
    from ui.theme import TARGET_PX

    clerk, chat = kiosk.clerk, kiosk.clerk.transcript
    _visit(qtbot, kiosk)
    kiosk.session.say(Role.VISITOR, "Hello", Modality.SPEECH, language="en")
    _at(clerk, SMALL)  # (the chat scrolls: its least height fitted at 200 %)
    asked = []
    for scale in (2.0, 1.0, 2.0):
        _at(clerk, PORTRAIT, scale)
        assert chat.verticalScrollBar().maximum() == 0  # the range the chat was fitted on stays
        need = max(2 * TARGET_PX, chat.newest_px(lines=1), clerk.room.read_mark.words_px())
        asked.append((scale, chat.minimumHeight(), need))
    assert [(scale, need, need) for scale, _, need in asked] == asked, asked
    assert asked[0][2] == asked[2][2] > asked[1][2]  # (200 % needs more)


def _revised_at_half(qtbot, kiosk) -> QWidget:
    """A doubtful spoken line of the clerk's, heard again and changed, at 200 % on 960x1080: its bubble."""
    from base.events import Modality

    session = kiosk.session
    _visit(qtbot, kiosk)
    heard = session.say(Role.CLERK, "여기 서면", Modality.SPEECH, language="ko", confidence=0.45)
    session.revise(heard.entry_id, session.phrasebook.get("sign_here").texts["ko"], 0.82)
    _at(kiosk.clerk, HALF)
    return kiosk.clerk.transcript.newest()


def test_the_clerks_own_revised_line_shows_its_first_reading_on_the_half_screen(qtbot, kiosk) -> None:
    """At 200 % on 960x1080 the clerk's line that the recogniser heard again showed its first line only: not what it
    first read, nor what the visitor reads now (the check asked for its words only)."""
    from ui.chat_check import newest_cut
    from ui.places import rect_in

    clerk, newest = kiosk.clerk, _revised_at_half(qtbot, kiosk)
    assert newest.revised and "처음 인식: 여기 서면" in newest.original.text()
    port = rect_in(clerk, clerk.transcript.viewport())
    assert port.contains(rect_in(clerk, newest.original))
    assert newest_cut(clerk, "clerk_phrase_panel") + first_phrase_out(clerk, phrase=True) == []


def test_the_status_and_the_microphone_keep_two_lines_each_on_the_half_screen(qtbot, kiosk) -> None:
    """At 200 % on 960x1080 the visit's status and the microphone's state took four lines each beside the print and
    admin buttons; the microphone's state now goes under them where either would take more than two, and stays beside
    the status where both fit so."""
    from ui.clerk_top import BESIDE, MOST_LINES, UNDER, lines_at

    clerk = kiosk.clerk
    _visit(qtbot, kiosk)
    for scale, size, arrangement in ((2.0, HALF, UNDER), (1.0, LANDSCAPE, BESIDE), (2.0, PORTRAIT, UNDER)):
        _at(clerk, size, scale)
        assert clerk.top.arrangement == arrangement, (scale, size)
        for label in (clerk.status, clerk.voice.state):
            assert label.isVisible() and lines_at(label, label.width()) <= MOST_LINES, (size, label.text())


@pytest.mark.parametrize(
    ("scale", "size"),
    [(2.0, HALF), (2.0, SMALL), (2.0, LANDSCAPE), (1.0, SMALL)],
    ids=["200-half", "200-small", "200-landscape", "100-small"],
)
def test_the_clerks_suggestions_keep_the_window_on_its_display(qtbot, suggesting_kiosk, scale, size) -> None:
    """At 200 % on 960x1080 three suggestions (two lines each, with their translations) grew the clerk's window to
    960x1408, its text box and Talk past the screen's edge (1366x768 and 1920x1080 at 200 %: 1292 px high). The
    window keeps its display's size; the first suggestion is whole in view, none dropped, the others whole or a
    scroll away; the text box and Talk in view."""
    from ui.layout_check import layout_problems, needed_out, scrolled_out
    from ui.screenshots import CLERK_NEEDS

    clerk, session = suggesting_kiosk.clerk, suggesting_kiosk.session
    _visit(qtbot, suggesting_kiosk)
    session.say(Role.CLERK, "카드 꽂아 주세요")
    _at(clerk, size, scale)
    assert clerk.size() == size
    assert [p for p in layout_problems(clerk, size) if p.startswith("window")] == []
    assert len(clerk.suggestions.buttons()) == 3
    first = scrolled_out(clerk, "clerk_suggestion_", first=True)
    assert first + slivers(clerk, "clerk_suggestion_") + needed_out(clerk, CLERK_NEEDS) == []


def test_a_smaller_text_after_suggestions_at_200_percent_keeps_the_window_on_its_display(
    qtbot, suggesting_kiosk
) -> None:
    """The suggestions' list kept the height it had at 200 % for the next offer at 100 %: 1366x895 on 1366x768."""
    clerk, session = suggesting_kiosk.clerk, suggesting_kiosk.session
    _visit(qtbot, suggesting_kiosk)
    session.say(Role.CLERK, "카드 꽂아 주세요")
    _at(clerk, HALF)
    assert clerk.size() == HALF
    session.say_phrase(Role.CLERK, "id_please")  # the offer is over
    _at(clerk, SMALL, 1.0)
    session.say(Role.CLERK, "카드 꽂아 주세요")
    _at(clerk, SMALL, 1.0)
    assert clerk.suggestions.isVisible() and clerk.size() == SMALL


def test_a_revised_line_says_so_in_view_on_the_half_screen(qtbot, kiosk) -> None:
    """At 200 % on 960x1080 "다시 듣고 고침" was a badge under the revised line, a scroll away: the clerk saw the new
    words without knowing they had changed. It is said with the line's first reading, in view under its words."""
    from ui.places import rect_in

    clerk, newest = kiosk.clerk, _revised_at_half(qtbot, kiosk)
    assert newest.original.text().startswith("(다시 듣고 고침 · 처음 인식: 여기 서면)")
    assert rect_in(clerk, clerk.transcript.viewport()).contains(rect_in(clerk, newest.original))


def test_the_clerks_text_box_says_what_to_type_whole_on_the_half_screen(qtbot, kiosk) -> None:
    """At 200 % on 960x1080 the text box's placeholder read "방문자에게 전…"."""
    from ui.layout_check import layout_problems

    clerk = kiosk.clerk
    _visit(qtbot, kiosk)
    _at(clerk, HALF)
    assert [p for p in layout_problems(clerk, HALF) if p.startswith("text field")] == []


def test_the_clerks_suggestions_take_the_room_the_chat_can_spare_in_portrait(qtbot, suggesting_kiosk) -> None:
    """At 200 % in portrait the three suggestions needed about 650 px, just over a third: the first showed with an
    empty band under it, the others a scroll away, while the chat held one line and 400 px of nothing. All three are in
    view (the heading too), the chat's newest line whole, the window on its display."""
    from ui.layout_check import scrolled_out
    from ui.places import rect_in

    clerk, session = suggesting_kiosk.clerk, suggesting_kiosk.session
    _visit(qtbot, suggesting_kiosk)
    _at(clerk, LANDSCAPE, 1.0)  # (the gallery's order: shown on the landscape display first)
    session.say(Role.CLERK, "카드 꽂아 주세요")
    _at(clerk, PORTRAIT)
    assert clerk.size() == PORTRAIT and len(clerk.suggestions.buttons()) == 3
    assert scrolled_out(clerk, ("clerk_suggestion_", "suggestion_heading")) == []
    chat = clerk.transcript
    assert rect_in(clerk, chat.viewport()).contains(rect_in(clerk, chat.newest()))


def test_the_topics_fit_the_portrait_width_when_the_phrases_come_back_after_a_rotation(qtbot, suggesting_kiosk) -> None:
    """Shown on a 1920 px wide display and turned to portrait while the suggestions held the quick phrases' place, the
    topics kept their six columns of the landscape width when the phrases came back: tabs cut at the panel's edge, the
    first phrase out of view (the gallery shoots landscape first and never hit it)."""
    from ui.layout_check import layout_problems

    clerk, session = suggesting_kiosk.clerk, suggesting_kiosk.session
    _visit(qtbot, suggesting_kiosk)
    _at(clerk, LANDSCAPE)
    session.say(Role.CLERK, "카드 꽂아 주세요")  # the phrases make way for the suggestions
    _at(clerk, LANDSCAPE)
    _at(clerk, PORTRAIT)
    session.say_phrase(Role.CLERK, "id_please")  # the offer is over: the phrases are back
    _at(clerk, PORTRAIT)
    assert clerk.phrases.isVisible()
    assert [p for p in layout_problems(clerk, PORTRAIT) if "clerk_phrase" in p] == []
    assert first_phrase_out(clerk, phrase=True) + slivers(clerk, "clerk_phrase") == []


def test_the_clerk_reads_what_a_tap_on_a_suggestion_does_on_the_small_panel(qtbot, suggesting_kiosk) -> None:
    """At 200 % on 1366x768 the list's view held the first suggestion only, and the heading (what a tap does) went
    under it, out of view. A short form of it stands beside the suggestions, in view with the first."""
    from ui.clerk_strings import SUGGESTIONS_SHORT
    from ui.layout_check import scrolled_out

    clerk, session = suggesting_kiosk.clerk, suggesting_kiosk.session
    _visit(qtbot, suggesting_kiosk)
    session.say(Role.CLERK, "카드 꽂아 주세요")
    _at(clerk, SMALL)
    bar = clerk.suggestions
    assert [label.text() for label in (bar.heading, bar.brief) if label.isVisible()] == [SUGGESTIONS_SHORT]
    assert scrolled_out(clerk, ("suggestion_heading", "clerk_suggestion_"), first=True) == []
    assert scrolled_out(clerk, "suggestion_heading") == [] and clerk.size() == SMALL
