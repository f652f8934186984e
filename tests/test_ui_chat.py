"""The visitor's conversation screen: a chat, a fixed action bar, and a kiosk that is not idle while people talk."""

from __future__ import annotations

from PyQt6.QtCore import QCoreApplication, QPoint, Qt
from PyQt6.QtGui import QFontInfo
from PyQt6.QtWidgets import QPushButton, QWidget

from base.events import Caption, Role
from tests.ui_kiosk import find


def test_clerk_left_visitor_right_newest_clerk_line_largest_original_under_it(qtbot, kiosk) -> None:
    qtbot.mouseClick(find(kiosk.visitor, QPushButton, "lang_en"), Qt.MouseButton.LeftButton)
    kiosk.session.say_phrase(Role.CLERK, "greeting")
    kiosk.session.say(Role.VISITOR, "I need a certificate")
    kiosk.session.say_phrase(Role.CLERK, "id_please")
    chat = find(kiosk.visitor, QWidget, "caption_view")
    first, visitor, newest = (chat.item(i) for i in range(3))
    assert [b.text() for b in (first, visitor)] == ["Clerk: Hello. How can I help you?", "You: I need a certificate"]
    middle = chat.width() // 2
    left = lambda bubble: bubble.mapTo(chat, QPoint(0, 0)).x()  # noqa: E731
    qtbot.waitUntil(lambda: left(visitor) > 0)  # laid out
    assert left(first) < 20 and left(visitor) > 100  # clerk on the left, the visitor indented from the right side
    assert visitor.mapTo(chat, QPoint(visitor.width(), 0)).x() > middle + first.width() // 3
    assert first.objectName() == "clerk_bubble" and visitor.objectName() == "visitor_bubble"
    assert QFontInfo(newest.line.font()).pixelSize() >= 48 > QFontInfo(first.line.font()).pixelSize()
    assert newest.original.isVisible() and newest.original.text() == "신분증을 보여 주시겠어요?"  # said, small, under
    assert not visitor.original.isVisible()  # the visitor's own words: nothing to add


def test_words_being_heard_show_on_the_speakers_side_until_the_line_arrives(qtbot, kiosk) -> None:
    qtbot.mouseClick(find(kiosk.visitor, QPushButton, "lang_en"), Qt.MouseButton.LeftButton)
    kiosk.session.show_caption(Caption(Role.VISITOR, "I would like", "en", 0.0, 1.0, final=False))
    chat = find(kiosk.visitor, QWidget, "caption_view")
    assert chat.partial is not None and chat.partial.objectName() == "visitor_partial"
    assert chat.partial.text() == "You · being heard: I would like …"
    kiosk.session.say(Role.VISITOR, "I would like a certificate")
    assert chat.partial is None and chat.count() == 1


def test_words_the_recogniser_then_dropped_are_taken_back_from_both_screens(qtbot, kiosk) -> None:
    """A final caption without words (the utterance was judged silence or a hallucination) removes the partial."""
    qtbot.mouseClick(find(kiosk.visitor, QPushButton, "lang_en"), Qt.MouseButton.LeftButton)
    heard = Caption(Role.VISITOR, "Thanks for watching.", "en", 0.0, 1.0, final=False)
    kiosk.session.show_caption(heard)
    chat, transcript = find(kiosk.visitor, QWidget, "caption_view"), kiosk.clerk.transcript
    assert chat.partial is not None and transcript.partial is not None
    kiosk.session.show_caption(Caption(Role.VISITOR, "", "en", 0.0, 1.0, final=True))
    assert chat.partial is None and transcript.partial is None and chat.count() == transcript.count() == 0
    assert not kiosk.bridge.speaking and kiosk.session.entries == []


def test_the_talk_button_says_what_the_kiosk_is_doing_in_the_visitors_language(qtbot, kiosk) -> None:
    qtbot.mouseClick(find(kiosk.visitor, QPushButton, "lang_vi"), Qt.MouseButton.LeftButton)
    talk = find(kiosk.visitor, QPushButton, "visitor_talk")
    assert talk.isVisible() and talk.text() == "Đang nghe. Mời bạn nói"
    kiosk.session.show_caption(Caption(Role.CLERK, "잠시만", "ko", 0.0, 1.0, final=False))
    assert talk.text() == "Nhân viên đang nói"
    kiosk.session.say_phrase(Role.CLERK, "please_wait")
    assert talk.text() == "Đang nghe. Mời bạn nói"
    kiosk.bridge.level.emit(0.6)
    assert talk.level == 0.6


def test_talking_is_not_idle(qtbot, kiosk) -> None:
    """A visitor who speaks at length (the microphone hears them) never sees the idle warning meanwhile."""
    qtbot.mouseClick(find(kiosk.visitor, QPushButton, "lang_en"), Qt.MouseButton.LeftButton)
    overlay = find(kiosk.visitor, QWidget, "timeout_overlay")
    options = kiosk.session.config.kiosk
    for _ in range(int(options.idle_timeout_s) + 5):
        kiosk.clock.advance(1)
        kiosk.visitor._last_voice = 0.0  # the once-a-second throttle runs on the real clock
        kiosk.bridge.level.emit(0.5)
        kiosk.session.tick()
    assert not overlay.isVisible() and kiosk.session.state.value == "conversation"
    for _ in range(int(options.idle_timeout_s - options.idle_warning_s) + 1):  # silence: the warning comes
        kiosk.clock.advance(1)
        kiosk.bridge.level.emit(0.01)
        kiosk.session.tick()
    assert overlay.isVisible()


def test_the_action_bar_never_scrolls_and_only_the_phrase_list_does(qtbot, kiosk) -> None:
    qtbot.mouseClick(find(kiosk.visitor, QPushButton, "lang_ja"), Qt.MouseButton.LeftButton)
    kiosk.visitor.display.set(2.0, False)
    bar = find(kiosk.visitor, QWidget, "action_bar")
    bottom = bar.mapTo(kiosk.visitor, QPoint(0, bar.height())).y()
    assert bottom <= kiosk.visitor.height() and bar.isVisible()
    scroll = find(kiosk.visitor, QWidget, "phrase_scroll")
    assert scroll.verticalScrollBar().isVisible() and not scroll.isAncestorOf(bar)


def test_before_a_language_is_chosen_the_display_buttons_speak_every_language(qtbot, kiosk) -> None:
    bigger = find(kiosk.visitor, QPushButton, "text_bigger")
    assert bigger.text().startswith("A+\n") and all(
        word in bigger.text() for word in ("글자 크게", "Larger text", "放大字体", "Chữ to hơn", "文字を大きく")
    )
    tile = find(kiosk.visitor, QWidget, "sign_tile")
    assert tile.isVisible() and find(tile, QWidget, "hand_icon").isVisible()
    assert find(tile, QPushButton, "mode_sign").isVisible() and find(tile, QPushButton, "mode_fingerspelling")


def test_the_closing_screen_restates_the_choice_the_retention_and_counts_down(qtbot, kiosk) -> None:
    from PyQt6.QtWidgets import QLabel

    qtbot.mouseClick(find(kiosk.visitor, QPushButton, "lang_en"), Qt.MouseButton.LeftButton)
    kiosk.session.end("visitor")
    assert find(kiosk.visitor, QPushButton, "consent_yes").text() == "Yes, print my copy"
    assert find(kiosk.visitor, QPushButton, "consent_no").text() == "No copy, thanks"
    retention = find(kiosk.visitor, QLabel, "retention").text()
    assert retention == "The counter's record of this conversation is deleted automatically at the end of the day."
    assert find(kiosk.visitor, QLabel, "closing_countdown").accessibleName() == "Back to the start in 15 seconds"


def test_the_fingerspelling_self_view_is_large_with_a_cue_and_the_letter_held(qtbot, kiosk) -> None:
    import numpy as np

    from base.events import CameraView, Spelling

    kiosk.visitor.resize(1920, 1080)
    qtbot.mouseClick(find(kiosk.visitor, QPushButton, "mode_fingerspelling"), Qt.MouseButton.LeftButton)
    camera = find(kiosk.visitor, QWidget, "camera_view")
    assert camera.isVisible() and camera.width() >= 0.4 * kiosk.visitor.width()
    assert camera.cue() == "화면 안으로 오세요"  # nothing seen yet: step into the frame
    kiosk.bridge.frame.emit(np.full((480, 640, 3), 10, np.uint8))  # the picture alone says nothing (the input's
    assert camera.cue() == "화면 안으로 오세요"  # landmark results do: tests/test_camera_cues.py)
    kiosk.bridge.camera_view.emit(CameraView(hands=False, dark=True))
    assert camera.cue() == "너무 어두워요"
    kiosk.bridge.camera_view.emit(CameraView(hands=True, dark=False))
    kiosk.session.show_spelling(Spelling(("ㄱ",), "ㄱ", "ㅅ", 0.9))
    assert camera.cue() == "손이 보여요" and camera.letter == "ㅅ"


def test_the_clerk_ends_a_visit_only_after_confirming_with_a_red_button(qtbot, kiosk) -> None:
    from ui.theme import contrast_ratio

    qtbot.mouseClick(find(kiosk.visitor, QPushButton, "lang_vi"), Qt.MouseButton.LeftButton)
    answers: list[str] = []
    kiosk.clerk._confirm = lambda _parent, question: answers.append(question) or len(answers) > 1
    end = find(kiosk.clerk, QPushButton, "clerk_end")
    assert "#B3261E" in kiosk.clerk.styleSheet() and contrast_ratio("#FFFFFF", "#B3261E") >= 4.5
    qtbot.mouseClick(end, Qt.MouseButton.LeftButton)
    assert kiosk.session.state.value == "conversation" and "종료할까요" in answers[0]  # "no": nothing ends
    qtbot.mouseClick(end, Qt.MouseButton.LeftButton)
    assert kiosk.session.state.value == "closing"


def test_a_newest_line_taller_than_the_chat_is_shown_from_its_start(qtbot, kiosk) -> None:
    """200 % text in the half-screen window (960x1080): the greeting was taller than the chat's share. Following the
    bottom showed only its last word ("you?"); then its words from their first, who said it scrolled out. The chat
    grows past its share and, still too short, shows the line from its top, who said it above its first word
    (:func:`ui.layout_check.newest_cut`); at 100 % it follows its bottom again. (The greeting now takes the chat's
    whole width and is whole: a line too long for even that is shown from its top.)"""
    from ui.chat_check import newest_cut
    from ui.conversation_fit import CAPTION_SHARE

    qtbot.mouseClick(find(kiosk.visitor, QPushButton, "lang_en"), Qt.MouseButton.LeftButton)
    kiosk.visitor.display.set(2.0, False)
    kiosk.visitor.resize(960, 1080)
    kiosk.session.say(Role.VISITOR, "I need a certificate")
    kiosk.session.say_phrase(Role.CLERK, "signature_instead_of_seal")  # taller than the chat at any width here
    chat = find(kiosk.visitor, QWidget, "caption_view")
    newest = chat.item(1)
    for _ in range(8):
        QCoreApplication.processEvents()
    bottom = chat.mapTo(kiosk.visitor, QPoint(0, chat.height())).y()
    assert bottom > CAPTION_SHARE * kiosk.visitor.height(), "taller than its share of the window"
    assert newest.height() > chat.viewport().height()  # taller than the chat even so
    assert 0 <= newest.mapTo(chat.viewport(), QPoint(0, 0)).y() <= 2, "from its top: who said it, its first line"
    assert newest_cut(kiosk.visitor) == []  # and no line halved at the chat's bottom
    assert chat.verticalScrollBar().value() < chat.verticalScrollBar().maximum()  # the bar says there is more
    kiosk.visitor.display.set(1.0, False)  # short enough again: the chat follows its bottom
    qtbot.waitUntil(lambda: chat.verticalScrollBar().value() == chat.verticalScrollBar().maximum())


def test_the_chat_keeps_its_reach_line_when_a_notice_or_the_error_line_appears(qtbot, kiosk) -> None:
    """The chat fitted its height only at a resize, a text size, a new visit and suggestions: a notice shown during
    the visit pushed it down by the notice's height, so the controls under it sank and the list between shrank."""
    from base.events import Notice
    from ui.conversation_fit import CAPTION_SHARE

    window = kiosk.visitor
    window.resize(1366, 768)
    qtbot.mouseClick(find(window, QPushButton, "lang_en"), Qt.MouseButton.LeftButton)
    chat = window.captions

    def bottom() -> int:
        for _ in range(5):
            QCoreApplication.processEvents()
        return chat.mapTo(window, QPoint(0, chat.height())).y()

    line = int(CAPTION_SHARE * window.height()) + 8
    assert bottom() == line
    kiosk.session.notify(Notice("store_failed", "기록을 저장하지 못했습니다", "not saved", "error"))
    assert window.notice.isVisible() and bottom() == line, "a notice above the chat"
    window.error.setText("Please check what you typed.")
    assert bottom() == line, "the error line under the list"
