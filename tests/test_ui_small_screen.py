"""At 200 % text on a 1366x768 panel (offscreen Qt, real Session and SQLite store): the switch offer is read and
answered whole, and Talk and Finish keep one line each in Japanese and Vietnamese (a short form where the whole
text took two: it left no room for the rows above)."""

from __future__ import annotations

from PyQt6.QtCore import QSize, Qt
from PyQt6.QtWidgets import QLabel, QPushButton

from base.events import Caption, Modality, Role
from tests.ui_kiosk import find
from ui.app import application
from ui.layout_check import layout_problems, overlaps, scrolled_out
from ui.phrase_breaks import plain
from ui.strings import tr
from ui.text_cut import cut_text

SMALL = QSize(1366, 768)


def _at(kiosk, size: QSize, scale: float) -> None:
    kiosk.visitor.display.set(scale, False)
    kiosk.visitor.resize(size)
    for _ in range(8):
        application().processEvents()


def test_the_switch_offer_is_whole_in_view_at_200_percent_on_the_small_panel(qtbot, kiosk) -> None:
    """Its question was cut after its first line and both answers at their bottom (switch_offer_vi_200_small.png)."""
    for language in ("vi", "ja"):
        qtbot.mouseClick(find(kiosk.visitor, QPushButton, f"lang_{language}"), Qt.MouseButton.LeftButton)
        said = "I'll pay by card."
        kiosk.session.say(Role.VISITOR, said, Modality.SPEECH, language="en")
        kiosk.session.show_caption(
            Caption(Role.VISITOR, said, "en", 0.0, 3.0, final=True, language_p=0.97, switch_to="en")
        )
        _at(kiosk, SMALL, 2.0)
        assert kiosk.visitor.switch_offer.isVisible()
        problems = scrolled_out(kiosk.visitor, "switch_") + cut_text(kiosk.visitor) + overlaps(kiosk.visitor)
        assert problems + layout_problems(kiosk.visitor, SMALL) == [], language
        kiosk.visitor.switch_offer.no.click()
        _at(kiosk, SMALL, 2.0)
        assert kiosk.visitor.display.isVisible(), "answered: the text-size bar is back"
        kiosk.session.end("visitor")
        kiosk.session.clear()


def test_talk_and_finish_keep_one_line_with_a_short_form_only_where_the_whole_text_wraps(qtbot, kiosk) -> None:
    qtbot.mouseClick(find(kiosk.visitor, QPushButton, "lang_ja"), Qt.MouseButton.LeftButton)
    for language in ("ja", "vi"):
        kiosk.session.switch_language(language)
        talk, finish = kiosk.visitor.talk, kiosk.visitor.finish
        _at(kiosk, SMALL, 2.0)
        for button in (talk, finish):
            lines = button.label.heightForWidth(button.label.width()) // button.label.fontMetrics().lineSpacing()
            assert lines == 1, (language, button.label.text())
        short = {"ja": (tr("talk_listening_short", "ja"), "終了する"), "vi": ("Đang nghe. Mời bạn nói", "Kết thúc")}
        assert (plain(talk.label.text()), plain(finish.label.text())) == short[language]
        whole = (tr("talk_listening", language), tr("finish", language))
        assert (talk.text(), finish.text()) == whole  # the text as given (and its accessible name)
        _at(kiosk, QSize(1920, 1080), 1.0)  # room for the whole text: it is shown
        assert (plain(talk.label.text()), plain(finish.label.text())) == whole


def test_no_line_of_the_welcome_start_and_closing_pages_is_halved_at_their_fold(qtbot, kiosk) -> None:
    """At 200 % the fold of these pages ran through a line: the welcome's (1366x768), the sign tile's title (1920x1080),
    the closing page's note on the record and its countdown (1366x768, 960x1080). A line is whole or a scroll away."""
    qtbot.mouseClick(find(kiosk.visitor, QPushButton, "lang_en"), Qt.MouseButton.LeftButton)
    kiosk.session.say_phrase(Role.CLERK, "greeting")
    kiosk.session.end("visitor")
    pages = kiosk.visitor.pages
    for page in (3, 0, 1):  # closing (before the visit is cleared), welcome, start
        pages.setCurrentIndex(page)
        for size in (SMALL, QSize(1920, 1080), QSize(960, 1080)):
            _at(kiosk, size, 2.0)
            assert cut_text(kiosk.visitor) == [], (page, size)
            assert scrolled_out(kiosk.visitor, "lang_") == [], (page, size)  # the languages stay in view


def test_the_letter_seen_and_the_unknown_sign_hint_are_whole_or_a_scroll_away_in_the_list(qtbot, kiosk) -> None:
    """The list's fold ran through "지금 보이는 글자: ㅅ" (100 % on 1366x768) and through the unknown sign's hint
    (200 % on 1920x1080): each starts below the fold where it would be halved."""
    from base.events import SignChips, SignEvent, Spelling, VisitorMode

    unknown = SignEvent("?", "알 수 없는 수어입니다. 다시 해 주세요.", 0.9, 1, 2)
    for mode, size, scale in ((VisitorMode.FINGERSPELLING, SMALL, 1.0), (VisitorMode.SIGN, QSize(1920, 1080), 2.0)):
        kiosk.session.choose("ko", mode)
        kiosk.session.begin()
        kiosk.session.say(Role.VISITOR, "화장실이 어디예요?", Modality.SIGN, language="ko", provenance="sign")
        kiosk.session.show_spelling(Spelling(tuple("ㄱㅣㅁㅁㅣㄴ"), "김민", "ㅅ", 0.9))
        kiosk.session.show_signs(SignChips((SignEvent("서류", "서류", 0.97, 0.0, 1.0), unknown)))
        _at(kiosk, size, scale)
        assert cut_text(kiosk.visitor) == [], mode
        kiosk.session.end("visitor")
        kiosk.session.clear()


def test_the_consent_answers_and_their_result_are_in_view_at_200_percent(qtbot, kiosk) -> None:
    """The closing page scrolled as a whole: at 200 % on 1366x768 and 960x1080 the answers to the consent question
    (and on 1920x1080 "back to the start") were a scroll away under its text. Now only the text scrolls."""
    qtbot.mouseClick(find(kiosk.visitor, QPushButton, "lang_vi"), Qt.MouseButton.LeftButton)
    kiosk.session.say_phrase(Role.CLERK, "greeting")
    kiosk.session.end("visitor")
    kiosk.visitor.pages.setCurrentIndex(3)
    answers = ("consent_yes", "consent_no", "consent_result", "done")
    for size in (SMALL, QSize(960, 1080), QSize(1920, 1080)):
        _at(kiosk, size, 2.0)
        assert scrolled_out(kiosk.visitor, answers) == [], size
    qtbot.mouseClick(find(kiosk.visitor, QPushButton, "consent_no"), Qt.MouseButton.LeftButton)
    _at(kiosk, SMALL, 2.0)
    result = find(kiosk.visitor, QLabel, "consent_result")
    assert result.isVisible() and result.text() == tr("not_kept", "vi")
    assert scrolled_out(kiosk.visitor, answers) == [] and cut_text(kiosk.visitor) == []
