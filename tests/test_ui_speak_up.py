"""The hint for a voice too soft to caption (issue 16) on the real windows (offscreen Qt): the visitor reads it in
their language, the clerk a short Korean line on the microphone's label; both go away by themselves; a signing
visitor is not asked."""

from __future__ import annotations

import pytest
from PyQt6.QtCore import QSize, Qt
from PyQt6.QtWidgets import QPushButton

from base.events import Caption, Modality, Notice, Role, VisitorMode
from kiosk.channels.speech import SPEAK_UP
from tests.ui_kiosk import find
from ui import visitor_notice
from ui.app import application
from ui.chat_check import newest_cut
from ui.clerk_voice import MIC
from ui.layout_check import layout_problems, needed_out, not_shown, overlaps, slivers
from ui.phrase_breaks import plain
from ui.screenshots import CLERK_NEEDS, DISPLAYS
from ui.strings import STRINGS, tr
from ui.theme import stylesheet


def test_every_visitor_language_has_the_hint(kiosk) -> None:
    assert set(STRINGS["speak_up"]) >= set(kiosk.session.config.kiosk.languages)


@pytest.mark.parametrize("language", ["vi", "ja"])
def test_the_hint_shows_on_both_screens_and_goes_away_by_itself(qtbot, kiosk, monkeypatch, language) -> None:
    monkeypatch.setitem(visitor_notice.PASSING_S, SPEAK_UP.code, 0.2)
    qtbot.mouseClick(find(kiosk.visitor, QPushButton, f"lang_{language}"), Qt.MouseButton.LeftButton)
    kiosk.session.notify(SPEAK_UP)
    assert plain(kiosk.visitor.notice.text()) == tr("speak_up", language) and kiosk.visitor.notice.isVisible()
    assert kiosk.clerk.voice.state.text() == MIC["soft"] and SPEAK_UP.message_ko not in kiosk.clerk.notice.text()
    assert layout_problems(kiosk.visitor, QSize(1920, 1080)) == []
    qtbot.waitUntil(lambda: not kiosk.visitor.notice.isVisible(), timeout=2000)
    assert kiosk.clerk.voice.state.text() == MIC["auto"], "the clerk's microphone label is back too"


def test_another_notice_in_its_place_stays(qtbot, kiosk, monkeypatch) -> None:
    monkeypatch.setitem(visitor_notice.PASSING_S, SPEAK_UP.code, 0.1)
    qtbot.mouseClick(find(kiosk.visitor, QPushButton, "lang_en"), Qt.MouseButton.LeftButton)
    kiosk.session.notify(SPEAK_UP)
    kiosk.session.notify(Notice("store_failed", "저장 실패", "not saved", "error"))
    qtbot.wait(300)
    assert kiosk.visitor.notice.isVisible() and kiosk.visitor.notice.text() == tr("not_saved", "en")


def test_a_later_hint_keeps_its_whole_time(qtbot, kiosk, monkeypatch) -> None:
    """The same hint again restarts the banner's time: the earlier hint's timer (same text) hid it early."""
    monkeypatch.setitem(visitor_notice.PASSING_S, SPEAK_UP.code, 0.4)
    qtbot.mouseClick(find(kiosk.visitor, QPushButton, "lang_en"), Qt.MouseButton.LeftButton)
    kiosk.session.notify(SPEAK_UP)
    qtbot.wait(250)
    kiosk.session.notify(SPEAK_UP)
    qtbot.wait(250)  # the first hint's time is up, the second's is not
    assert kiosk.visitor.notice.isVisible()
    qtbot.waitUntil(lambda: not kiosk.visitor.notice.isVisible(), timeout=2000)


def test_a_signing_visitor_is_not_asked_to_speak_up(kiosk) -> None:
    kiosk.session.choose("ko", VisitorMode.SIGN)
    kiosk.session.notify(SPEAK_UP)
    assert not kiosk.visitor.notice.isVisible() and kiosk.clerk.voice.state.text() == MIC["soft"]


def test_the_hint_at_200_percent_on_the_small_panel_leaves_every_row_whole(qtbot, kiosk) -> None:
    """At 200 % on 1366x768 the clerk's hint took three lines and the chat and the quick phrases under the taller row
    overlapped by 21 px; the second row of quick phrases showed a strip at the list's fold on both screens. The
    hint ends at once when asked (the gallery's next shots do not depend on how long it took). With the clerk's notice
    banner up too, the phrases make way; with the Talk button kept (it was hidden with the hint, which gave them its
    room) they stay away for the visitor's newest line after the notice is tapped away, and are back when the clerk taps
    the chat (read)."""
    qtbot.mouseClick(find(kiosk.visitor, QPushButton, "lang_en"), Qt.MouseButton.LeftButton)
    kiosk.session.say_phrase(Role.CLERK, "greeting")
    lost = kiosk.session.phrasebook.get("lost_residence_card").texts["en"]
    wrong = kiosk.session.say(Role.CLERK, lost, Modality.SPEECH, language="en", confidence=0.55)
    kiosk.session.flip_speaker(wrong.entry_id)  # the visitor's, given to the clerk: the newest line, largest
    kiosk.session.notify(SPEAK_UP)
    assert kiosk.clerk.notice.isVisible(), "the demo's notice (with it the chat and the phrases overlapped by 39 px)"
    kiosk.visitor.display.set(2.0, False)
    kiosk.clerk.setStyleSheet(stylesheet(2.0, False))
    for window, phrases in ((kiosk.visitor, "phrase_"), (kiosk.clerk, "clerk_phrase")):
        window.resize(QSize(1366, 768))
        for _ in range(8):
            application().processEvents()
        assert overlaps(window) + newest_cut(window) + slivers(window, phrases) == []
    assert kiosk.clerk.voice.state.text() == MIC["soft"]
    assert not kiosk.clerk.phrases.isVisible()
    qtbot.mouseClick(kiosk.clerk.notice, Qt.MouseButton.LeftButton)
    qtbot.waitUntil(lambda: not kiosk.clerk.notice.isVisible(), timeout=2000)
    assert kiosk.clerk.talk.isVisible() and newest_cut(kiosk.clerk) == []
    qtbot.mouseClick(kiosk.clerk.transcript.viewport(), Qt.MouseButton.LeftButton)
    qtbot.waitUntil(kiosk.clerk.phrases.isVisible, timeout=2000)
    for _ in range(8):
        application().processEvents()
    assert overlaps(kiosk.clerk) + slivers(kiosk.clerk, "clerk_phrase") == []
    kiosk.clerk.voice.end_hint()
    assert kiosk.clerk.voice.state.text() == MIC["auto"] and layout_problems(kiosk.clerk, QSize(1366, 768)) == []


@pytest.mark.parametrize("display", DISPLAYS)
def test_asked_to_speak_up_the_clerk_has_talk_at_once(qtbot, kiosk, display) -> None:
    """The hint on the clerk's microphone label hid the Talk button (on every display; seen at 200 % on 960x1080):
    the clerk told to speak up could not press it. It stays, in view, and the layout keeps every row whole."""
    qtbot.mouseClick(find(kiosk.visitor, QPushButton, "lang_ja"), Qt.MouseButton.LeftButton)
    kiosk.session.say_phrase(Role.CLERK, "greeting")
    kiosk.session.show_caption(Caption(Role.VISITOR, "…", "ja", 0.0, 1.0, final=False))
    kiosk.clerk.setStyleSheet(stylesheet(2.0, False))
    kiosk.clerk.resize(QSize(*DISPLAYS[display]))
    kiosk.session.notify(SPEAK_UP)
    for _ in range(8):
        application().processEvents()
    assert kiosk.clerk.voice.state.text() == MIC["soft"]
    assert needed_out(kiosk.clerk, CLERK_NEEDS) == []
    assert layout_problems(kiosk.clerk, QSize(*DISPLAYS[display])) + overlaps(kiosk.clerk) == []


def test_the_hint_kept_up_with_the_switch_offer_at_200_percent_on_the_small_panel(qtbot, kiosk) -> None:
    """The visitor's hint kept up with the offer to switch language, then the newest line the largest (200 % on
    1366x768): the chat and the list under it overlapped by 26 px. Then the hint ended where the rows would overlap,
    so the visitor who needs large text never read it; now it takes its short form, and the text-size bar stays."""
    qtbot.mouseClick(find(kiosk.visitor, QPushButton, "lang_en"), Qt.MouseButton.LeftButton)
    kiosk.visitor.display.set(2.0, False)
    kiosk.visitor.resize(QSize(1366, 768))
    kiosk.session.say_phrase(Role.CLERK, "greeting")
    asked = kiosk.session.phrasebook.get("need_certificate").texts["en"]
    kiosk.session.say(Role.VISITOR, asked, Modality.SPEECH, language="en", confidence=0.48)
    kiosk.session.say_phrase(Role.CLERK, "id_please")
    said = kiosk.session.phrasebook.get("pay_by_card").texts["zh"]
    kiosk.session.say(Role.VISITOR, said, Modality.SPEECH, language="zh", confidence=0.8)
    kiosk.session.notify(SPEAK_UP)
    kiosk.session.show_caption(Caption(Role.VISITOR, said, "zh", 0.0, 3.0, final=True, language_p=0.97, switch_to="zh"))
    for _ in range(8):
        application().processEvents()
    assert kiosk.visitor.notice.isVisible() and kiosk.visitor.switch_offer.isVisible()
    assert overlaps(kiosk.visitor) + newest_cut(kiosk.visitor) == []
    kiosk.visitor.switch_offer.no.click()
    lost = kiosk.session.phrasebook.get("lost_residence_card").texts["en"]
    wrong = kiosk.session.say(Role.CLERK, lost, Modality.SPEECH, language="en", confidence=0.55)
    kiosk.session.flip_speaker(wrong.entry_id)  # the visitor's, given to the clerk: the newest line, largest
    for _ in range(8):
        application().processEvents()
    assert overlaps(kiosk.visitor) + newest_cut(kiosk.visitor) + not_shown(kiosk.visitor, "display_controls") == []
    assert kiosk.visitor.notice.isVisible(), "the hint is never dropped for room"
    assert kiosk.visitor.notice.text() == tr("speak_up_short", "en")


def test_the_hint_takes_its_whole_text_again_where_it_fits(qtbot, kiosk) -> None:
    """The short form lasts while the rows need the room. Where even then they lack it (Vietnamese at 200 % on
    1366x768 under the largest newest line and a two-line Finish), the quick phrases' first row goes a scroll away and
    the text-size bar makes way while the hint is up; it is back when the hint ends. On a larger window the whole hint
    is back."""
    qtbot.mouseClick(find(kiosk.visitor, QPushButton, "lang_vi"), Qt.MouseButton.LeftButton)
    kiosk.visitor.display.set(2.0, False)
    kiosk.visitor.resize(QSize(1366, 768))
    kiosk.session.say_phrase(Role.CLERK, "greeting")
    kiosk.session.say_phrase(Role.CLERK, "id_please")
    kiosk.session.notify(SPEAK_UP)
    qtbot.waitUntil(lambda: overlaps(kiosk.visitor) == [] and not kiosk.visitor.room.phrases_first, timeout=2000)
    assert kiosk.visitor.notice.isVisible() and kiosk.visitor.notice.text() == tr("speak_up_short", "vi")
    assert newest_cut(kiosk.visitor) == []
    kiosk.visitor.notice.hide()  # (the hint's time is up)
    qtbot.waitUntil(lambda: not_shown(kiosk.visitor, "display_controls") == [], timeout=2000)
    qtbot.waitUntil(lambda: kiosk.visitor.room.phrases_first, timeout=2000)
    kiosk.session.notify(SPEAK_UP)
    kiosk.visitor.resize(QSize(1920, 1080))
    qtbot.waitUntil(lambda: kiosk.visitor.notice.text() == tr("speak_up", "vi"), timeout=2000)
    assert overlaps(kiosk.visitor) + not_shown(kiosk.visitor, "display_controls") == []
