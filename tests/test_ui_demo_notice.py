"""The demo notice on every screen, the newest chat line from who said it, numbers kept with their units, and the
voice buttons whole or a scroll away: what the gallery's checks found at 200 % on the small and half screens."""

from __future__ import annotations

from PyQt6.QtCore import QPoint, QSize
from PyQt6.QtGui import QFont
from PyQt6.QtWidgets import QLabel

from base.events import Role, SignChips, SignEvent, Spelling, VisitorMode
from tests.ui_kiosk import find
from ui.app import application
from ui.chat_check import newest_cut
from ui.layout_check import demo_hidden, overlaps
from ui.phrase_breaks import keep_phrases, plain, unit_breaks

SMALL = QSize(1366, 768)


def _settle() -> None:
    for _ in range(8):  # as the gallery: a wrapping button asks for its height once it knows its width
        application().processEvents()


def test_the_demo_notice_stays_on_the_sign_screens_at_200_percent_on_the_small_panel(qtbot, kiosk) -> None:
    """The banner made way when the rows did not fit (fingerspelling and signing at 200 % on 1366x768): demo signs
    showed with no word of the demo. It takes its short form instead, and the clerk's screen says it too."""
    for mode in (VisitorMode.FINGERSPELLING, VisitorMode.SIGN):
        kiosk.session.choose("ko", mode)
        kiosk.session.begin()
        kiosk.session.say(Role.VISITOR, "화장실이 어디예요?", language="ko")
        kiosk.session.show_spelling(Spelling(tuple("ㄱㅣㅁ"), "김", "ㅁ", 0.9))
        kiosk.session.show_signs(SignChips((SignEvent("서류", "서류", 0.97, 0.0, 1.0),)))
        kiosk.visitor.display.set(2.0, False)
        kiosk.visitor.resize(SMALL)
        _settle()
        assert demo_hidden(kiosk.visitor) == [], mode
        assert newest_cut(kiosk.visitor) + overlaps(kiosk.visitor) == [], mode
        kiosk.session.end("visitor")
        kiosk.session.clear()
    assert demo_hidden(kiosk.clerk) == []
    assert find(kiosk.clerk, QLabel, "demo_banner").text() == "데모 모드"
    kiosk.visitor.banner.hide()  # the check fails without the notice
    assert demo_hidden(kiosk.visitor) == ["no demo notice on screen in demo mode"]


def test_the_newest_line_shows_who_said_it(qtbot, kiosk) -> None:
    """At 200 % on 1366x768 the sign screen showed the visitor's words with "나" (who said it) scrolled out: the
    chat shows the line from its top, and the check finds a line scrolled past who said it."""
    kiosk.session.choose("ko", VisitorMode.SIGN)
    kiosk.session.begin()
    kiosk.session.say(Role.CLERK, "안녕하세요. 무엇을 도와드릴까요?")
    kiosk.session.say(Role.VISITOR, "화장실이 어디예요? 서류는 어디에서 받나요?", language="ko")  # on two lines
    kiosk.visitor.display.set(2.0, False)
    kiosk.visitor.resize(SMALL)
    _settle()
    chat = kiosk.visitor.captions
    assert newest_cut(kiosk.visitor) == []
    top = chat.newest().mapTo(chat.widget(), QPoint(0, 0)).y()
    chat.verticalScrollBar().setValue(top + 20)  # who said it above the view's top, the words below it
    assert chat.verticalScrollBar().value() == top + 20
    assert newest_cut(kiosk.visitor)[0].startswith(
        "newest line of caption_view '화장실이 어디예요? 서류는 어디에서 받나요?' is cut"
    )


def test_a_number_stays_with_its_unit_in_every_language(qtbot) -> None:
    """Japanese at 200 % on a half screen broke "速さ 1 倍" between "1" and "倍"."""
    application()
    font = QFont()
    font.setPixelSize(48)
    for language, text in (("ja", "音量 100% · 速さ 1 倍"), ("zh", "音量 100% · 语速 1.25 倍"), ("en", "Speed 3 x")):
        assert plain(keep_phrases(text, language)) == text.replace(" 倍", "\u00a0倍").replace(" x", "\u00a0x")
        parted = [unit_breaks(text, font, width) for width in range(60, 600, 10)]
        assert any(parted), f"the check finds Qt's own breaks in {text!r}"
        kept = keep_phrases(text, language)
        assert not any(unit_breaks(kept, font, width) for width in range(60, 600, 10)), language
