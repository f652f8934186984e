"""Issue 16 item 4 and issue 14 point 8 on the real windows (offscreen Qt, real Session and SQLite store):
the clerk flips a line's speaker with one tap, the visitor is offered a switch to a third language they were
heard speaking, and the clerk's screen shows its microphone's state in words and badges on each line."""

from __future__ import annotations

from PyQt6.QtCore import QPoint, QSize, Qt
from PyQt6.QtWidgets import QLabel, QPushButton, QWidget

from base.events import Caption, Modality, Notice, Role
from tests.ui_kiosk import find, settle, transcript_texts
from ui.layout_check import layout_problems
from ui.strings import tr


def test_one_tap_flips_a_misattributed_line_on_both_screens_and_in_the_store(qtbot, suggesting_kiosk) -> None:
    kiosk = suggesting_kiosk
    qtbot.mouseClick(find(kiosk.visitor, QPushButton, "lang_en"), Qt.MouseButton.LeftButton)
    asked = kiosk.session.phrasebook.get("need_certificate").texts
    line = kiosk.session.say(Role.CLERK, asked["en"], Modality.SPEECH, language="en", confidence=0.55)
    visitor_chat = find(kiosk.visitor, QWidget, "caption_view")
    assert visitor_chat.item(0).objectName() == "clerk_bubble"  # as the microphone attributed it: wrong
    clerk_chat = kiosk.clerk.transcript
    assert clerk_chat.item(0).objectName() == "clerk_bubble" and clerk_chat.item(0).property("doubtful")
    (shown,) = transcript_texts(kiosk.clerk)
    assert "[음성]" in shown and "신뢰도 55% · 확인 필요" in shown
    qtbot.mouseClick(find(kiosk.clerk, QPushButton, f"flip_{line.entry_id}"), Qt.MouseButton.LeftButton)
    settle(kiosk)
    (flipped,) = transcript_texts(kiosk.clerk)
    assert flipped.startswith(f"{asked['ko']}\n{asked['en']}\n") and "[화자 바뀜]" in flipped  # Korean first now
    assert "[문구집]" in flipped and "[번역]" not in flipped, "its Korean came from the phrasebook"
    moved = clerk_chat.item(0)
    assert moved.objectName() == "visitor_bubble" and moved.name.text() == "방문자 · 영어"
    qtbot.waitUntil(lambda: moved.isVisible())
    assert moved.mapTo(clerk_chat, QPoint(0, 0)).x() < 20, "the visitor's side of the clerk's chat is the left"
    assert visitor_chat.count() == 1 and visitor_chat.item(0).objectName() == "visitor_bubble"
    assert visitor_chat.item(0).text() == f"You: {asked['en']}"
    (stored,) = kiosk.store.entries(kiosk.session.session_id)
    assert stored.role is Role.VISITOR and stored.flipped and stored.text == asked["en"]
    assert find(kiosk.clerk, QPushButton, f"flip_{line.entry_id}").isVisible(), "it can be flipped back"


def test_typed_lines_cannot_be_flipped_and_a_sure_line_is_not_highlighted(qtbot, kiosk) -> None:
    qtbot.mouseClick(find(kiosk.visitor, QPushButton, "lang_vi"), Qt.MouseButton.LeftButton)
    typed = kiosk.session.say(Role.VISITOR, "toi can giay to")
    heard = kiosk.session.say(Role.CLERK, "잠시만요", Modality.SPEECH, confidence=0.91)
    settle(kiosk)  # new bubbles are shown by the next turn of the event loop
    assert not kiosk.clerk.findChild(QPushButton, f"flip_{typed.entry_id}").isVisibleTo(kiosk.clerk)
    assert find(kiosk.clerk, QPushButton, f"correct_{typed.entry_id}").isVisibleTo(kiosk.clerk)
    assert not kiosk.clerk.transcript.item(1).property("doubtful")
    assert transcript_texts(kiosk.clerk)[1] == "잠시만요\n[음성]  [번역 없음]  [신뢰도 91%]"
    assert find(kiosk.clerk, QPushButton, f"flip_{heard.entry_id}").isVisibleTo(kiosk.clerk)


def test_a_third_language_heard_offers_a_switch_that_does_not_take_the_screen(qtbot, kiosk) -> None:
    qtbot.mouseClick(find(kiosk.visitor, QPushButton, "lang_vi"), Qt.MouseButton.LeftButton)
    offer = find(kiosk.visitor, QWidget, "switch_offer")
    assert not offer.isVisible()
    said = "Where do I pay the fee?"
    kiosk.session.say(Role.VISITOR, said, Modality.SPEECH, language="en")  # as the speech channel commits it
    kiosk.session.show_caption(Caption(Role.VISITOR, said, "en", 0.0, 3.0, final=True, language_p=0.97, switch_to="en"))
    assert offer.isVisible()
    question = find(offer, QLabel, "switch_question").text()
    assert question == "Switch the screen to English?\nChuyển màn hình sang tiếng Anh?"
    yes, no = find(offer, QPushButton, "switch_yes"), find(offer, QPushButton, "switch_no")
    assert (yes.text(), no.text()) == ("Switch / Chuyển", "No, thanks / Không, cảm ơn")
    assert find(kiosk.visitor, QWidget, "caption_view").isVisible() and kiosk.visitor.finish.isVisible()
    kiosk.visitor.resize(1920, 1080)
    qtbot.wait(10)
    assert layout_problems(kiosk.visitor, QSize(1920, 1080)) == []  # nothing covered, nothing pushed out
    qtbot.mouseClick(yes, Qt.MouseButton.LeftButton)
    settle(kiosk)  # switched on the line worker
    assert kiosk.session.language == "en" and not offer.isVisible()
    assert kiosk.visitor.finish.text() == tr("finish", "en") and kiosk.visitor.talk.text() == tr("talk_listening", "en")
    assert kiosk.store.session_language(kiosk.session.session_id) == "en"
    assert find(kiosk.visitor, QWidget, "caption_view").count() == 1, "the conversation so far stays"
    kiosk.session.say_phrase(Role.CLERK, "sign_here")
    assert find(kiosk.visitor, QWidget, "caption_view").item(1).text() == "Clerk: Please sign here."


def test_a_declined_switch_is_not_offered_again_in_this_visit(qtbot, kiosk) -> None:
    qtbot.mouseClick(find(kiosk.visitor, QPushButton, "lang_vi"), Qt.MouseButton.LeftButton)
    offer = find(kiosk.visitor, QWidget, "switch_offer")
    heard = Caption(Role.VISITOR, "请问在哪里交费", "zh", 0.0, 3.0, final=True, language_p=0.9, switch_to="zh")
    kiosk.session.show_caption(heard)
    question = find(offer, QLabel, "switch_question").accessibleName()  # the plain text, without phrase marks
    assert offer.isVisible() and question.startswith("要将屏幕切换为中文")
    qtbot.mouseClick(find(offer, QPushButton, "switch_no"), Qt.MouseButton.LeftButton)
    assert not offer.isVisible() and kiosk.session.language == "vi"
    kiosk.session.show_caption(heard)
    assert not offer.isVisible()
    kiosk.session.show_caption(Caption(Role.VISITOR, "hello", "en", 0.0, 1.0, final=False, switch_to="en"))
    assert not offer.isVisible(), "only a final line carries an offer"


def test_the_clerk_sees_the_microphone_state_in_words_and_a_talk_button(qtbot, kiosk) -> None:
    state, talk = find(kiosk.clerk, QLabel, "mic_state"), find(kiosk.clerk, QPushButton, "clerk_talk")
    assert state.text().startswith("마이크 대기") and not talk.isVisible()  # no visit: nothing is heard
    qtbot.mouseClick(find(kiosk.visitor, QPushButton, "lang_vi"), Qt.MouseButton.LeftButton)
    assert state.text() == "마이크 켜짐 · 자동으로 듣습니다" and talk.isVisible()
    assert talk.text() == "듣고 있어요. 말씀하세요"
    kiosk.session.show_caption(Caption(Role.VISITOR, "toi can", "vi", 0.0, 1.0, final=False))
    assert talk.text() == "방문자가 말하고 있어요"
    assert kiosk.clerk.transcript.partial.text() == "방문자 · 인식 중: toi can …"
    kiosk.session.say(Role.VISITOR, "toi can giay to", Modality.SPEECH)
    assert talk.text() == "듣고 있어요. 말씀하세요"
    kiosk.clerk.input.setText("잠시만요")
    qtbot.mouseClick(find(kiosk.clerk, QPushButton, "clerk_send"), Qt.MouseButton.LeftButton)
    assert talk.text() == "번역하고 있어요…"  # until the line comes back from the line worker
    settle(kiosk)
    assert talk.text() == "듣고 있어요. 말씀하세요"
    kiosk.bridge.level.emit(0.4)
    assert talk.level == 0.4
    kiosk.bridge.notice.emit(Notice("speech_unavailable", "음성 인식을 쓸 수 없습니다", "speech unavailable"))
    assert state.text().startswith("마이크 사용 불가") and not talk.isVisible()


def test_after_a_switch_both_screens_show_the_conversation_so_far_in_the_new_language(qtbot, suggesting_kiosk) -> None:
    kiosk = suggesting_kiosk
    qtbot.mouseClick(find(kiosk.visitor, QPushButton, "lang_vi"), Qt.MouseButton.LeftButton)
    sign, need = (kiosk.session.phrasebook.get(p).texts for p in ("sign_here", "need_certificate"))
    kiosk.session.say(Role.CLERK, sign["ko"], Modality.SPEECH, confidence=0.9)
    kiosk.session.say(Role.VISITOR, need["vi"], Modality.SPEECH, confidence=0.9)
    kiosk.session.say(Role.CLERK, "잠시만 기다려 주시겠어요", Modality.SPEECH, confidence=0.9)  # no phrase, no pack
    chat = find(kiosk.visitor, QWidget, "caption_view")
    assert chat.item(0).text() == f"Nhân viên: {sign['vi']}"
    kiosk.session.show_caption(
        Caption(Role.VISITOR, "hello", "en", 0.0, 3.0, final=True, language_p=0.97, switch_to="en")
    )
    qtbot.mouseClick(find(kiosk.visitor, QPushButton, "switch_yes"), Qt.MouseButton.LeftButton)
    settle(kiosk)
    assert kiosk.session.language == "en"
    assert [chat.item(i).text() for i in range(chat.count())] == [
        f"Clerk: {sign['en']}",
        f"You: {need['en']}",
        "Clerk: 잠시만 기다려 주시겠어요",  # nothing to translate it with: as a new line would be shown
    ]
    assert chat.item(1).original.text() == need["vi"], "what was said stays under it"
    clerk_lines = transcript_texts(kiosk.clerk)
    assert clerk_lines[0].startswith(f"{sign['ko']}\n→ {sign['en']}\n[음성]  [문구집]"), "what the visitor reads now"
    assert sign["vi"] not in clerk_lines[0]
    assert clerk_lines[2] == "잠시만 기다려 주시겠어요\n[음성]  [번역 없음]  [신뢰도 90%]"


def test_who_is_speaking_is_kept_in_one_place_that_both_screens_read(qtbot, kiosk) -> None:
    qtbot.mouseClick(find(kiosk.visitor, QPushButton, "lang_vi"), Qt.MouseButton.LeftButton)
    visitor_talk, clerk_talk = kiosk.visitor.talk, kiosk.clerk.talk
    kiosk.session.show_caption(Caption(Role.CLERK, "잠시", "ko", 0.0, 1.0, final=False))
    assert kiosk.bridge.speaking == {Role.CLERK}
    assert (visitor_talk.state, clerk_talk.state) == ("clerk_speaking", "listening")
    kiosk.session.show_caption(Caption(Role.VISITOR, "toi can", "vi", 0.0, 1.0, final=False))
    assert kiosk.bridge.speaking == {Role.CLERK, Role.VISITOR}  # two microphones: both at once
    assert (visitor_talk.state, clerk_talk.state) == ("clerk_speaking", "visitor_speaking")
    kiosk.session.say(Role.CLERK, "잠시만요", Modality.SPEECH)  # the clerk's line is in: no longer being heard
    assert kiosk.bridge.speaking == {Role.VISITOR}
    assert (visitor_talk.state, clerk_talk.state) == ("listening", "visitor_speaking")
    kiosk.session.show_caption(Caption(Role.VISITOR, "toi can giay", "vi", 0.0, 2.0, final=True))
    assert kiosk.bridge.speaking == set() and clerk_talk.state == "listening"
    kiosk.session.show_caption(Caption(Role.VISITOR, "toi", "vi", 0.0, 1.0, final=False))
    kiosk.session.end()
    kiosk.session.clear()
    assert kiosk.bridge.speaking == set() and clerk_talk.state == "listening", "a new visit starts with nobody heard"


def test_a_line_in_a_third_language_is_badged_by_its_translation_for_the_clerk(qtbot, suggesting_kiosk) -> None:
    kiosk = suggesting_kiosk
    qtbot.mouseClick(find(kiosk.visitor, QPushButton, "lang_vi"), Qt.MouseButton.LeftButton)
    said = kiosk.session.phrasebook.get("pay_by_card").texts
    kiosk.session.say(Role.VISITOR, said["en"], Modality.SPEECH, language="en", confidence=0.8)
    (shown,) = transcript_texts(kiosk.clerk)  # the visitor reads their own words: no Vietnamese is missing
    assert shown == f"{said['ko']}\n{said['en']}\n[음성]  [문구집]  [신뢰도 80%]"
