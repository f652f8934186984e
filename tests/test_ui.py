"""Offscreen pytest-qt flows through the real windows, the real Session and a real SQLite store."""

from __future__ import annotations

import numpy as np
import pytest
from PyQt6.QtCore import QCoreApplication, QSize, Qt
from PyQt6.QtWidgets import QLabel, QLineEdit, QPushButton, QWidget

from base.events import Modality, Notice, Role, VisitorMode
from kiosk.config import KioskConfig
from tests.ui_kiosk import find, settle, transcript_texts
from ui.layout_check import layout_problems
from ui.theme import HIGH_CONTRAST, MIN_TARGET_PX
from ui.visitor_window import ATTRACT, CLOSING


def test_tap_language_type_and_clerk_sees_it(qtbot, kiosk) -> None:
    qtbot.mouseClick(find(kiosk.visitor, QPushButton, "lang_en"), Qt.MouseButton.LeftButton)
    assert kiosk.session.language == "en"
    assert not find(kiosk.visitor, QLineEdit, "visitor_input").isVisible()  # Type opens the text field
    qtbot.mouseClick(find(kiosk.visitor, QPushButton, "keyboard_toggle"), Qt.MouseButton.LeftButton)
    qtbot.keyClicks(find(kiosk.visitor, QLineEdit, "visitor_input"), "I lost my alien registration card")
    qtbot.mouseClick(find(kiosk.visitor, QPushButton, "visitor_send"), Qt.MouseButton.LeftButton)
    settle(kiosk)
    said = "I lost my alien registration card"
    assert transcript_texts(kiosk.clerk) == [f"{said}\n(한국어 번역 없음)\n[입력]  [번역 없음]"]
    assert [e.text for e in kiosk.store.entries(kiosk.session.session_id)] == ["I lost my alien registration card"]
    assert find(kiosk.visitor, QLineEdit, "visitor_input").text() == ""


def test_clerk_phrase_reaches_visitor_in_their_language(qtbot, kiosk) -> None:
    qtbot.mouseClick(find(kiosk.visitor, QPushButton, "lang_vi"), Qt.MouseButton.LeftButton)
    qtbot.mouseClick(find(kiosk.clerk, QPushButton, "clerk_phrase_category_forms"), Qt.MouseButton.LeftButton)
    qtbot.mouseClick(find(kiosk.clerk, QPushButton, "clerk_phrase_sign_here"), Qt.MouseButton.LeftButton)
    settle(kiosk)
    captions = find(kiosk.visitor, QWidget, "caption_view")
    assert captions.item(0).text() == "Nhân viên: Vui lòng ký tên vào đây."
    assert "여기에 서명해 주세요.\n→ Vui lòng ký tên vào đây.\n[문구]  [문구집]" in transcript_texts(kiosk.clerk)
    clerk_input = find(kiosk.clerk, QLineEdit, "clerk_input")
    clerk_input.setText("잠시만요")  # QTest types ASCII only
    qtbot.keyClick(clerk_input, Qt.Key.Key_Return)
    settle(kiosk)
    assert captions.item(1).text() == "Nhân viên: 잠시만요"  # no phrase, no pack: the original is shown

    visitor_tab = find(kiosk.visitor, QPushButton, "phrase_category_accessibility")
    assert visitor_tab.text() == "Hỗ trợ giao tiếp"
    qtbot.mouseClick(visitor_tab, Qt.MouseButton.LeftButton)
    qtbot.mouseClick(find(kiosk.visitor, QPushButton, "phrase_repeat"), Qt.MouseButton.LeftButton)
    settle(kiosk)
    assert kiosk.visitor.session.entries[-1].translations["ko"] == "다시 한번 말씀해 주시겠어요?"


def test_timeout_warning_and_more_time(qtbot, kiosk) -> None:
    qtbot.mouseClick(find(kiosk.visitor, QPushButton, "lang_ja"), Qt.MouseButton.LeftButton)
    overlay = kiosk.visitor.findChild(QWidget, "timeout_overlay")
    for _ in range(95):
        kiosk.clock.advance(1)
        kiosk.session.tick()
    assert overlay.isVisible() and overlay.geometry() == kiosk.visitor.rect()  # the whole screen, above everything
    assert find(kiosk.visitor, QLabel, "timeout_count").text() == "25"  # the warning started at 30 s
    assert find(kiosk.visitor, QLabel, "timeout_unit").text() == "秒で終了"
    assert "さらに時間が必要な場合" in find(kiosk.visitor, QLabel, "timeout_text").accessibleName()
    qtbot.mouseClick(find(kiosk.visitor, QPushButton, "more_time"), Qt.MouseButton.LeftButton)
    assert not overlay.isVisible()


def test_end_consent_export_and_nothing_left(qtbot, kiosk, config: KioskConfig) -> None:
    qtbot.mouseClick(find(kiosk.visitor, QPushButton, "lang_zh"), Qt.MouseButton.LeftButton)
    kiosk.session.say(Role.VISITOR, "我的名字是王芳")
    qtbot.mouseClick(find(kiosk.visitor, QPushButton, "end_visit"), Qt.MouseButton.LeftButton)
    pages = kiosk.visitor.pages
    assert pages.currentIndex() != CLOSING  # Finish asks first
    assert find(kiosk.visitor, QLabel, "finish_question").accessibleName() == "要结束本次服务吗？"
    qtbot.mouseClick(find(kiosk.visitor, QPushButton, "finish_no"), Qt.MouseButton.LeftButton)
    assert kiosk.session.state.value == "conversation" and find(kiosk.visitor, QPushButton, "end_visit").isVisible()
    qtbot.mouseClick(find(kiosk.visitor, QPushButton, "end_visit"), Qt.MouseButton.LeftButton)
    qtbot.mouseClick(find(kiosk.visitor, QPushButton, "finish_yes"), Qt.MouseButton.LeftButton)
    assert pages.currentIndex() == CLOSING
    assert not config.store.export_dir.exists()  # nothing exported without consent
    qtbot.mouseClick(find(kiosk.visitor, QPushButton, "consent_yes"), Qt.MouseButton.LeftButton)
    [exported] = list(config.store.export_dir.iterdir())
    assert "我的名字是王芳" in exported.read_text(encoding="utf-8")
    assert find(kiosk.visitor, QLabel, "consent_result").text() == "已保存，请向工作人员领取。"
    qtbot.mouseClick(find(kiosk.visitor, QPushButton, "done"), Qt.MouseButton.LeftButton)
    assert pages.currentIndex() == ATTRACT
    texts = [w.text() for w in kiosk.visitor.findChildren(QLabel) + kiosk.visitor.findChildren(QLineEdit)]
    texts += [
        find(kiosk.visitor, QWidget, "caption_view").item(i).text()
        for i in range(find(kiosk.visitor, QWidget, "caption_view").count())
    ]
    assert not any("王芳" in t for t in texts)
    assert transcript_texts(kiosk.clerk) == []


def test_no_consent_writes_nothing(qtbot, kiosk, config: KioskConfig) -> None:
    qtbot.mouseClick(find(kiosk.visitor, QPushButton, "lang_en"), Qt.MouseButton.LeftButton)
    kiosk.session.say(Role.VISITOR, "private")
    kiosk.session.end("visitor")
    qtbot.mouseClick(find(kiosk.visitor, QPushButton, "consent_no"), Qt.MouseButton.LeftButton)
    assert not config.store.export_dir.exists()


def test_empty_text_shows_a_message(qtbot, kiosk) -> None:
    qtbot.mouseClick(find(kiosk.visitor, QPushButton, "lang_en"), Qt.MouseButton.LeftButton)
    qtbot.mouseClick(find(kiosk.visitor, QPushButton, "keyboard_toggle"), Qt.MouseButton.LeftButton)
    qtbot.keyClicks(find(kiosk.visitor, QLineEdit, "visitor_input"), "   ")
    qtbot.mouseClick(find(kiosk.visitor, QPushButton, "visitor_send"), Qt.MouseButton.LeftButton)
    assert find(kiosk.visitor, QLabel, "input_error").text() == "Please check what you typed."
    assert kiosk.session.entries == []


def test_clerk_starts_a_sign_visit_and_sees_notices(qtbot, kiosk) -> None:
    choice = kiosk.clerk.findChild(QWidget, "clerk_visitor_choice")
    choice.setCurrentIndex(choice.findText("수어"))
    qtbot.mouseClick(find(kiosk.clerk, QPushButton, "clerk_start"), Qt.MouseButton.LeftButton)
    assert kiosk.session.mode.value == "sign"
    assert find(kiosk.visitor, QLabel, "camera_view").isVisible()
    notice = find(kiosk.clerk, QLabel, "notice_banner")
    assert notice.text() == "카메라가 없어 데모 파일을 재생합니다  (눌러서 닫기)" and notice.isVisible()
    assert find(kiosk.visitor, QLabel, "demo_banner").isVisible()
    assert not find(kiosk.visitor, QLabel, "notice_banner").isVisible()  # the banner says it in their language
    qtbot.mouseClick(notice, Qt.MouseButton.LeftButton)  # read: a tap gives the chat its room back
    assert not notice.isVisible()


def test_camera_frames_reach_the_visitor_screen(qtbot, kiosk) -> None:
    kiosk.session.choose("ko", VisitorMode.SIGN)
    kiosk.session.begin()
    image = np.zeros((240, 320, 3), np.uint8)
    image[:, :, 0] = 255
    for listener in kiosk.runtime.frame_listeners:
        listener(image)
    qtbot.waitUntil(
        lambda: (
            find(kiosk.visitor, QLabel, "camera_view").pixmap() is not None
            and not find(kiosk.visitor, QLabel, "camera_view").pixmap().isNull()
        )
    )
    sample = find(kiosk.visitor, QLabel, "camera_view").pixmap().toImage().pixelColor(100, 100)
    assert sample.red() == 255 and sample.blue() == 0


def test_touch_targets_are_large_enough(kiosk) -> None:
    buttons = kiosk.visitor.findChildren(QPushButton)
    visible = [b for b in buttons if b.isVisible()]
    assert len(visible) >= 7
    for button in visible:
        assert button.width() >= MIN_TARGET_PX and button.height() >= MIN_TARGET_PX, button.objectName()


def test_voice_controls_for_hearing_visitors_only(qtbot, kiosk) -> None:
    qtbot.mouseClick(find(kiosk.visitor, QPushButton, "lang_en"), Qt.MouseButton.LeftButton)
    status = find(kiosk.visitor, QLabel, "voice_status")
    assert status.isVisible() and status.accessibleName() == "Volume 80% · speed 1x"  # (text: number and unit joined)
    qtbot.mouseClick(find(kiosk.visitor, QPushButton, "voice_louder"), Qt.MouseButton.LeftButton)
    qtbot.mouseClick(find(kiosk.visitor, QPushButton, "voice_slower"), Qt.MouseButton.LeftButton)
    assert status.accessibleName() == "Volume 100% · speed 0.75x"
    mute = find(kiosk.visitor, QPushButton, "voice_mute")
    qtbot.mouseClick(mute, Qt.MouseButton.LeftButton)
    assert kiosk.runtime.voice.muted and mute.text() == "Sound on"
    kiosk.session.say_phrase(Role.CLERK, "please_wait")
    assert kiosk.runtime.speaker.played == []
    kiosk.session.end("clerk")
    kiosk.session.clear()
    kiosk.session.choose("ko", VisitorMode.SIGN)
    assert not status.isVisible()


def test_fingerspelling_on_the_visitor_screen(qtbot, kiosk) -> None:
    import numpy as np

    from sign_models.synthetic_signing import ASPECT, spelled_hands

    qtbot.mouseClick(find(kiosk.visitor, QPushButton, "mode_fingerspelling"), Qt.MouseButton.LeftButton)
    panel = find(kiosk.visitor, QWidget, "spelling_panel")
    assert panel.isVisible()
    channel = kiosk.runtime.spelling
    t = 0.0
    for t, hand in spelled_hands("김", np.random.default_rng(3)):
        channel.push_hand(hand, t, ASPECT)
    channel.push_hand(None, t + 1, ASPECT)
    qtbot.waitUntil(lambda: find(kiosk.visitor, QLabel, "spelling_word").text() == "김")
    assert find(kiosk.visitor, QLabel, "spelling_letters").text() == "ㄱ ㅣ ㅁ"
    assert kiosk.clerk.transcript.partial.text() == "방문자 · 지문자 입력 중: 김 …"
    qtbot.mouseClick(find(kiosk.visitor, QPushButton, "spelling_delete"), Qt.MouseButton.LeftButton)
    assert find(kiosk.visitor, QLabel, "spelling_word").text() == "기"
    qtbot.mouseClick(find(kiosk.visitor, QPushButton, "spelling_confirm"), Qt.MouseButton.LeftButton)
    assert kiosk.session.entries[-1].text == "기"
    assert find(kiosk.visitor, QLabel, "spelling_word").text() == ""
    assert transcript_texts(kiosk.clerk) == ["기\n[지문자]"]  # Korean for the clerk: nothing to translate


def test_the_attract_screen_comes_back_after_a_visit(qtbot, kiosk) -> None:
    pages = kiosk.visitor.pages
    qtbot.mouseClick(find(kiosk.visitor, QPushButton, "lang_ja"), Qt.MouseButton.LeftButton)
    kiosk.session.end("clerk")
    kiosk.session.clear()
    assert pages.currentIndex() == ATTRACT
    attract = find(kiosk.visitor, QPushButton, "attract")
    assert "ようこそ" in attract.text() and "Touch the screen to start" in attract.text()


def test_larger_text_and_high_contrast_last_one_visit(qtbot, kiosk) -> None:
    qtbot.mouseClick(find(kiosk.visitor, QPushButton, "lang_en"), Qt.MouseButton.LeftButton)
    bigger = find(kiosk.visitor, QPushButton, "text_bigger")
    assert bigger.text() == "A+  Larger text"
    for _ in range(6):
        qtbot.mouseClick(bigger, Qt.MouseButton.LeftButton)
    assert not bigger.isEnabled() and "font-size: 48px" in kiosk.visitor.styleSheet()  # 200 % of 24 px
    qtbot.mouseClick(find(kiosk.visitor, QPushButton, "contrast"), Qt.MouseButton.LeftButton)
    assert HIGH_CONTRAST.background in kiosk.visitor.styleSheet()
    kiosk.session.end("visitor")
    kiosk.session.clear()
    assert (
        "font-size: 24px" in kiosk.visitor.styleSheet() and HIGH_CONTRAST.background not in kiosk.visitor.styleSheet()
    )


def test_the_on_screen_keyboard_types_hangul(qtbot, kiosk) -> None:
    qtbot.mouseClick(find(kiosk.visitor, QPushButton, "lang_ko"), Qt.MouseButton.LeftButton)
    qtbot.mouseClick(find(kiosk.visitor, QPushButton, "keyboard_toggle"), Qt.MouseButton.LeftButton)
    keyboard = kiosk.visitor.keyboard
    assert keyboard.isVisible()
    keys = {key.text(): key for key in keyboard.keys}
    for jamo in "ㅇㅏㄴㄴㅕㅇ":
        qtbot.mouseClick(keys[jamo], Qt.MouseButton.LeftButton)
    assert find(kiosk.visitor, QLineEdit, "visitor_input").text() == "안녕"
    qtbot.mouseClick(find(kiosk.visitor, QPushButton, "key_back"), Qt.MouseButton.LeftButton)
    assert find(kiosk.visitor, QLineEdit, "visitor_input").text() == "안녀"
    qtbot.mouseClick(keys["ㅇ"], Qt.MouseButton.LeftButton)
    qtbot.mouseClick(find(kiosk.visitor, QPushButton, "key_enter"), Qt.MouseButton.LeftButton)
    assert kiosk.session.entries[-1].text == "안녕"
    qtbot.mouseClick(find(kiosk.visitor, QPushButton, "key_switch"), Qt.MouseButton.LeftButton)
    assert "q" in [key.text() for key in keyboard.keys]


def test_deaf_visitors_get_errors_with_a_picture_and_what_to_do(qtbot, kiosk) -> None:
    qtbot.mouseClick(find(kiosk.visitor, QPushButton, "mode_sign"), Qt.MouseButton.LeftButton)
    kiosk.session.notify(Notice("store_failed", "기록을 저장하지 못했습니다", "not saved", "error"))
    text = find(kiosk.visitor, QLabel, "notice_banner").text()
    assert text.startswith("✋") and "손을 들어" in text


def test_the_gallery_has_every_screen_and_no_text_is_cut_off(tmp_path) -> None:
    from ui.screenshots import VARIANTS, render

    shots = render(tmp_path)
    problems = [f"{s.path.name}: {p}" for s in shots for p in s.problems]
    assert not problems, "\n".join(problems)
    languages = {s.language for s in shots} - {"all", "ko"}
    assert languages == {"en", "zh", "vi", "ja"}
    assert {s.variant for s in shots} == set(VARIANTS)
    assert {s.display for s in shots} == {"landscape", "portrait", "small", "half", "small_half"}
    assert {s.screen for s in shots} >= {"attract", "start", "conversation", "fingerspelling", "closing", "clerk"}
    assert {s.display for s in shots if s.screen == "clerk"} == {"landscape", "portrait", "small", "half", "small_half"}
    assert {s.screen for s in shots} >= {"switch_offer", "flipped", "clerk_flipped"}  # issue 16 item 4
    assert {s.screen for s in shots} >= {"revised", "clerk_revised"}  # a line the recogniser heard again
    every = {(display, variant) for display in ("landscape", "portrait", "small", "half") for variant in VARIANTS}
    every |= {("small_half", "100"), ("small_half", "contrast")}  # the clerk's half of one 1366x768 display
    assert {(s.display, s.variant) for s in shots if s.screen == "clerk_topic"} == every
    assert all(s.screen.startswith("clerk") for s in shots if s.display == "small_half")  # the clerk's only
    offered = {(s.display, s.variant) for s in shots if s.screen == "clerk_suggestions"}  # (200 %: the window grew)
    assert offered == every
    assert {s.language for s in shots if s.screen == "language"} == {"ko", "en", "zh", "vi", "ja"}  # the globe
    assert all(s.path.is_file() for s in shots) and (tmp_path / "README.md").is_file()


def test_the_clerk_corrects_a_line_on_screen(qtbot, kiosk) -> None:
    kiosk.clerk._ask_text = lambda _parent, current: "여기에 서명해 주세요." if current == "잠시만요" else None
    qtbot.mouseClick(find(kiosk.visitor, QPushButton, "lang_vi"), Qt.MouseButton.LeftButton)
    line = kiosk.session.say(Role.CLERK, "잠시만요")
    qtbot.mouseClick(find(kiosk.clerk, QPushButton, f"correct_{line.entry_id}"), Qt.MouseButton.LeftButton)
    settle(kiosk)
    (cell,) = transcript_texts(kiosk.clerk)  # the line is rewritten, not added
    assert cell.startswith("✎ 여기에 서명해 주세요.\n(원문: 잠시만요)") and "수정됨" in cell
    captions = find(kiosk.visitor, QWidget, "caption_view")
    assert captions.count() == 1 and captions.item(0).text() == "Nhân viên: 여기에 서명해 주세요. ✎"


def test_a_line_the_recogniser_heard_again_is_marked_on_both_screens(qtbot, suggesting_kiosk) -> None:
    kiosk = suggesting_kiosk  # the phrasebook translates the revised words
    qtbot.mouseClick(find(kiosk.visitor, QPushButton, "lang_vi"), Qt.MouseButton.LeftButton)
    line = kiosk.session.say(Role.CLERK, "잠시만", Modality.SPEECH, confidence=0.45)
    kiosk.session.revise(line.entry_id, "잠시만 기다려 주세요.", 0.8)
    settle(kiosk)
    (cell,) = transcript_texts(kiosk.clerk)  # the line is rewritten, not added, its first reading under it
    assert cell.startswith("잠시만 기다려 주세요.\n(다시 듣고 고침 · 처음 인식: 잠시만)")  # with what it first read
    captions = find(kiosk.visitor, QWidget, "caption_view")
    assert captions.count() == 1
    assert captions.item(0).text() == "Nhân viên · đã sửa sau khi nghe lại: Vui lòng đợi một chút."


def test_the_clerk_prints_only_after_the_visitor_agrees(qtbot, kiosk, config: KioskConfig) -> None:
    qtbot.mouseClick(find(kiosk.visitor, QPushButton, "lang_en"), Qt.MouseButton.LeftButton)
    kiosk.session.say_phrase(Role.CLERK, "greeting")
    printing = find(kiosk.clerk, QPushButton, "print_transcript")
    assert not printing.isEnabled()
    kiosk.session.end("visitor")
    qtbot.mouseClick(find(kiosk.visitor, QPushButton, "consent_yes"), Qt.MouseButton.LeftButton)
    assert printing.isEnabled()
    qtbot.mouseClick(printing, Qt.MouseButton.LeftButton)
    assert "파일로 저장했습니다" in find(kiosk.clerk, QLabel, "clerk_error").text()  # no printer on this machine
    assert len(list(config.store.export_dir.iterdir())) == 1  # one file per visit, written again for the print
    kiosk.session.clear()
    assert not printing.isEnabled()


def test_signing_on_the_visitor_screen_reaches_the_clerk_as_a_sentence(qtbot, kiosk) -> None:
    import numpy as np

    from sign_models.enrollment import enroll_frames
    from sign_models.synthetic_signs import render_signs

    for gloss, seed in (("화장실", 11), ("화장실", 12), ("어디", 13), ("어디", 14)):  # taught on site (synthetic)
        frames = render_signs([gloss], np.random.default_rng(seed)).frames
        enroll_frames(frames, gloss, kiosk.runtime.session.config.models.enrolled_dir)
    kiosk.runtime.signing.reload_enrolled()
    qtbot.mouseClick(find(kiosk.visitor, QPushButton, "mode_sign"), Qt.MouseButton.LeftButton)
    assert find(kiosk.visitor, QWidget, "sign_panel").isVisible()
    assert find(kiosk.visitor, QLabel, "camera_view").isVisible()
    for frame in render_signs(["화장실", "어디"], np.random.default_rng(3)).frames:
        kiosk.runtime.signing.handle(frame, frame.t)
    assert kiosk.visitor.hands.signs.chip_texts() == ["화장실", "어디"]
    assert kiosk.clerk.transcript.partial.text() == "방문자 · 수어 인식 중: 화장실 · 어디 …"
    qtbot.mouseClick(find(kiosk.visitor, QPushButton, "sign_send"), Qt.MouseButton.LeftButton)
    assert "화장실이 어디예요?" in "\n".join(transcript_texts(kiosk.clerk))
    assert kiosk.visitor.hands.signs.chip_texts() == []


@pytest.mark.parametrize("size", [(1920, 1080), (1080, 1920)], ids=["landscape", "portrait"])
def test_a_whole_visit_by_touch_alone(qtbot, kiosk, size) -> None:
    """A new visitor, fingers only: welcome -> language -> typed line, phrase, clerk's answer -> finish; every
    button tapped is on screen and not covered (the layout check) in both orientations."""
    kiosk.visitor.resize(*size)

    def tap(window, name: str) -> None:
        button = find(window, QPushButton, name)
        QCoreApplication.processEvents()  # the layout pass a screen makes before the next touch
        if window is kiosk.visitor:
            assert button.isVisible() and not [p for p in layout_problems(window, QSize(*size)) if name in p]
        qtbot.mouseClick(button, Qt.MouseButton.LeftButton)

    tap(kiosk.visitor, "lang_vi")
    tap(kiosk.visitor, "keyboard_toggle")
    keys = {key.text(): key for key in kiosk.visitor.keyboard.keys}
    for letter in "xin":
        qtbot.mouseClick(keys[letter], Qt.MouseButton.LeftButton)
    tap(kiosk.visitor, "key_enter")
    tap(kiosk.visitor, "keyboard_toggle")  # the keyboard closes; the phrases are back in its place
    tap(kiosk.visitor, "phrase_category_documents")
    visitor_phrase = kiosk.visitor.phrases.buttons()[0]
    qtbot.mouseClick(visitor_phrase, Qt.MouseButton.LeftButton)
    tap(kiosk.clerk, "clerk_phrase_category_waiting")
    qtbot.mouseClick(kiosk.clerk.phrases.buttons()[0], Qt.MouseButton.LeftButton)
    settle(kiosk)
    captions = find(kiosk.visitor, QWidget, "caption_view")
    assert [captions.item(i).text().split(":")[0] for i in range(captions.count())] == ["Bạn", "Bạn", "Nhân viên"]
    assert kiosk.session.entries[0].text == "xin"
    tap(kiosk.visitor, "end_visit")
    tap(kiosk.visitor, "finish_yes")
    tap(kiosk.visitor, "consent_no")
    tap(kiosk.visitor, "done")
    assert kiosk.visitor.pages.currentIndex() == ATTRACT and kiosk.session.state.value == "idle"
    assert captions.count() == 0


def test_the_clerk_sees_the_language_the_visitor_chose(qtbot, kiosk) -> None:
    """The visitor taps Tiếng Việt on their screen: the clerk's choice shows it, not 한국어 (자막)."""
    from PyQt6.QtWidgets import QComboBox

    qtbot.mouseClick(find(kiosk.visitor, QPushButton, "lang_vi"), Qt.MouseButton.LeftButton)
    choice = find(kiosk.clerk, QComboBox, "clerk_visitor_choice")
    assert choice.currentText() == "Tiếng Việt"
    assert choice.currentData() == ("vi", VisitorMode.SPEECH)
