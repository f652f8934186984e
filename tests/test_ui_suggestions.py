"""Suggestions on both screens: shown to the speaker of an untranslated line, one tap sends, gone on the next line."""

from __future__ import annotations

import pytest
from PyQt6.QtCore import QCoreApplication, QPoint, QRect, QSize, Qt
from PyQt6.QtWidgets import QBoxLayout, QPushButton, QWidget

from base.events import Role
from tests.ui_kiosk import find, settle, transcript_texts
from ui.chat_check import newest_cut
from ui.layout_check import layout_problems, scrolled_out, slivers
from ui.screenshots import LOW_FROM
from ui.theme import VISITOR_TEXT_PX


def test_the_clerk_taps_a_suggestion_and_the_visitor_reads_the_reviewed_translation(qtbot, suggesting_kiosk) -> None:
    kiosk = suggesting_kiosk
    qtbot.mouseClick(find(kiosk.visitor, QPushButton, "lang_en"), Qt.MouseButton.LeftButton)
    kiosk.session.say(Role.CLERK, "카드 꽂아 주세요")
    bar = find(kiosk.clerk, QWidget, "clerk_suggestions")
    assert bar.isVisible() and len(bar.buttons()) == 3
    assert not find(kiosk.visitor, QWidget, "visitor_suggestions").isVisible()  # the clerk's, not the visitor's
    button = find(kiosk.clerk, QPushButton, "clerk_suggestion_insert_card")
    assert "카드를 단말기에 꽂아 주세요." in button.text() and "Please insert your card" in button.text()
    captions = find(kiosk.visitor, QWidget, "caption_view")
    bubble = captions.item(captions.count() - 1)
    assert bubble.text() == "Clerk: 카드 꽂아 주세요"  # untranslated until a tap, and it says so in English
    assert bubble.original.isVisibleTo(bubble) and "could not be translated" in bubble.original.text()
    qtbot.mouseClick(button, Qt.MouseButton.LeftButton)
    settle(kiosk)
    assert bubble.text() == "Clerk: Please insert your card into the card reader."
    assert bubble.original.text() == "카드 꽂아 주세요"  # now the words as said, small under the translation
    assert not bar.isVisible()
    (cell,) = transcript_texts(kiosk.clerk)
    assert cell.startswith("카드 꽂아 주세요\n→ Please insert your card") and "추천 문구 선택" in cell


def test_only_the_clerks_untranslated_line_carries_the_note(qtbot, suggesting_kiosk) -> None:
    """The visitor's own line in a third language (before a switch) is shown as said, with no note about it."""
    kiosk = suggesting_kiosk
    qtbot.mouseClick(find(kiosk.visitor, QPushButton, "lang_en"), Qt.MouseButton.LeftButton)
    kiosk.session.say(Role.VISITOR, "我用卡支付。", language="zh")
    settle(kiosk)
    captions = find(kiosk.visitor, QWidget, "caption_view")
    bubble = captions.item(captions.count() - 1)
    assert bubble.text() == "You: 我用卡支付。" and not bubble.original.isVisibleTo(bubble)


def test_the_visitor_taps_a_suggestion_in_their_language(qtbot, suggesting_kiosk) -> None:
    kiosk = suggesting_kiosk
    qtbot.mouseClick(find(kiosk.visitor, QPushButton, "lang_vi"), Qt.MouseButton.LeftButton)
    kiosk.session.say(Role.VISITOR, "hà vệ sinh ở đâu ạ")  # the first sound missed
    bar = find(kiosk.visitor, QWidget, "visitor_suggestions")
    assert bar.isVisible() and not find(kiosk.clerk, QWidget, "clerk_suggestions").isVisible()
    assert "Có phải ý bạn là" in bar.heading.text()
    button = find(kiosk.visitor, QPushButton, "visitor_suggestion_restroom")
    assert button.text() == "Nhà vệ sinh ở đâu ạ?"  # in the visitor's language, no Korean on their screen
    assert not kiosk.visitor.phrases.isVisible()  # the suggestions take the quick phrases' place meanwhile
    qtbot.mouseClick(button, Qt.MouseButton.LeftButton)
    settle(kiosk)
    (cell,) = transcript_texts(kiosk.clerk)
    assert cell.startswith("화장실이 어디예요?\nhà vệ sinh ở đâu ạ")  # the reviewed Korean, and what was said
    assert not bar.isVisible() and kiosk.visitor.phrases.isVisible()


def test_suggestions_disappear_when_the_next_line_is_said(qtbot, suggesting_kiosk) -> None:
    kiosk = suggesting_kiosk
    qtbot.mouseClick(find(kiosk.visitor, QPushButton, "lang_en"), Qt.MouseButton.LeftButton)
    kiosk.session.say(Role.VISITOR, "where's the toilet")
    bar = find(kiosk.visitor, QWidget, "visitor_suggestions")
    assert bar.isVisible()
    kiosk.session.say_phrase(Role.CLERK, "greeting")
    assert not bar.isVisible() and bar.buttons() == []
    assert kiosk.session.entries[0].translations == {}  # no tap: the line stays untranslated


@pytest.mark.parametrize("scale", [1.0, 2.0], ids=["100", "200"])
def test_suggestions_fit_the_half_screen_window_of_a_one_screen_counter(qtbot, suggesting_kiosk, scale) -> None:
    """One screen: the visitor's window is its left half (``ui.displays.place``), 960x1080 on a 1920x1080 one.
    At 200 % the voice status line once held the list 7 px wider than its view, cutting the right-hand buttons."""
    kiosk, half = suggesting_kiosk, QSize(960, 1080)
    qtbot.mouseClick(find(kiosk.visitor, QPushButton, "lang_vi"), Qt.MouseButton.LeftButton)
    kiosk.visitor.display.set(scale, False)
    kiosk.visitor.resize(half)
    kiosk.session.say(Role.VISITOR, "hà vệ sinh ở đâu ạ")
    for _ in range(8):  # as the gallery: a wrapping button asks for its height once it knows its width
        QCoreApplication.processEvents()
    assert kiosk.visitor.size() == half and len(kiosk.visitor.suggestions.buttons()) == 3
    text = VISITOR_TEXT_PX if scale == 1.0 else None
    assert layout_problems(kiosk.visitor, half, low_from=LOW_FROM, min_text_px=text) == []


def test_at_200_percent_on_the_half_screen_the_suggestions_get_the_room_the_finish_question_kept(
    qtbot, suggesting_kiosk
) -> None:
    """The action bar held the room of its hidden "end this conversation?" page (taller than Talk/Type/Finish), and
    Talk took three fifths of the row so Finish wrapped to three lines: the list above showed only part of the
    suggestions' heading, no suggestion."""
    kiosk, half = suggesting_kiosk, QSize(960, 1080)
    qtbot.mouseClick(find(kiosk.visitor, QPushButton, "lang_vi"), Qt.MouseButton.LeftButton)
    kiosk.visitor.display.set(2.0, False)
    kiosk.visitor.resize(half)
    kiosk.session.say(Role.VISITOR, "hà vệ sinh ở đâu ạ")
    for _ in range(5):
        QCoreApplication.processEvents()
    actions, middle = kiosk.visitor.actions, kiosk.visitor.middle
    assert actions.layout().totalHeightForWidth(actions.width()) == actions.height(), "no room kept for the question"
    heading = kiosk.visitor.suggestions.heading
    seen = QRect(middle.viewport().mapTo(kiosk.visitor, QPoint(0, 0)), middle.viewport().size())
    assert seen.contains(QRect(heading.mapTo(kiosk.visitor, QPoint(0, 0)), heading.size())), "the heading is whole"
    assert middle.viewport().height() >= heading.height() + 60, "and the first suggestion begins below it"


@pytest.mark.parametrize("language", ["en", "vi", "zh", "ja"])
def test_at_200_percent_on_the_half_screen_each_suggestion_is_read_whole_or_reached_by_scrolling(
    qtbot, suggesting_kiosk, language: str
) -> None:
    """The list under the chat showed the heading and the first line of each suggestion ("Where is the"): the
    heading now rises above the reach line (a label), the chat giving it room, and the buttons start at the line.
    Side by side they are whole in view; one under another (Japanese) the first is, the others a scroll away."""
    kiosk, half = suggesting_kiosk, QSize(960, 1080)
    _misheard_at_200_percent(qtbot, kiosk, language, half)
    bar, middle = kiosk.visitor.suggestions, kiosk.visitor.middle
    seen = QRect(middle.viewport().mapTo(kiosk.visitor, QPoint(0, 0)), middle.viewport().size())
    buttons = [QRect(b.mapTo(kiosk.visitor, QPoint(0, 0)), b.size()) for b in bar.buttons()]
    assert len(buttons) == 3 and all(b.top() >= LOW_FROM * half.height() for b in buttons), buttons
    side_by_side = bar.row.direction() is QBoxLayout.Direction.LeftToRight
    whole = [seen.contains(b) for b in buttons]
    assert all(whole) if side_by_side else whole[0], (language, seen, buttons)
    assert middle.verticalScrollBar().isVisible() and middle.verticalScrollBar().maximum() > 0, "the rest a scroll away"
    assert layout_problems(kiosk.visitor, half, low_from=LOW_FROM) == []


@pytest.mark.parametrize("language", ["en", "vi", "zh", "ja"])
def test_at_200_percent_on_1366x768_the_first_suggestion_is_whole_below_the_reach_line(
    qtbot, suggesting_kiosk, language: str
) -> None:
    """101 px lay between the reach line and the list's bottom: each suggestion showed its top 55 px (Japanese,
    Vietnamese) or 87 px (one line: 126 px). One under another, the text-size bar making way while they are on
    offer, the first is whole in view, the others whole or a scroll away; the bar is back when the offer ends."""
    kiosk, small = suggesting_kiosk, QSize(1366, 768)
    _misheard_at_200_percent(qtbot, kiosk, language, small)
    assert scrolled_out(kiosk.visitor, "visitor_suggestion_", first=True) == []
    assert slivers(kiosk.visitor, "visitor_suggestion_") == []  # the second showed its top 49 px
    assert newest_cut(kiosk.visitor) == []  # the chat showed the top half of the visitor's words
    assert layout_problems(kiosk.visitor, small, low_from=LOW_FROM) == []
    kiosk.session.say_phrase(Role.CLERK, "greeting")
    for _ in range(3):
        QCoreApplication.processEvents()
    assert kiosk.visitor.display.isVisible()


def _misheard_at_200_percent(qtbot, kiosk, language: str, size: QSize) -> None:
    """A visit in ``language`` at 200 % text on a ``size`` window; "restroom" heard without its first sound."""
    qtbot.mouseClick(find(kiosk.visitor, QPushButton, f"lang_{language}"), Qt.MouseButton.LeftButton)
    kiosk.visitor.display.set(2.0, False)
    kiosk.visitor.resize(size)
    kiosk.session.say(Role.VISITOR, kiosk.session.phrasebook.get("restroom").texts[language][1:])
    for _ in range(8):  # as the gallery: a wrapping button asks for its height once it knows its width
        QCoreApplication.processEvents()


def test_suggestions_after_fingerspelling_on_the_small_panel_at_200_percent(qtbot, config, tmp_path) -> None:
    """The gallery's screens in another order: fingerspelling just before suggestions (200 %, 1366x768) left the
    chat 76 px taller (QScrollArea's stale size hint) and cut the first suggestion by 15 px."""
    from ui.screenshots import Gallery

    gallery = Gallery(config, tmp_path)
    gallery.display = "small"
    gallery.visitor.display.set(2.0, False)
    try:
        gallery.fingerspelling("200")
        gallery.suggestions("en", "200")
    finally:
        gallery.close()
    assert [(shot.screen, shot.problems) for shot in gallery.shots][-1] == ("suggestions", [])
