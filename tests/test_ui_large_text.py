"""200 % text on the small panel (1366x768): the text-size bar stays on the sign screen (a visitor who set 200 %
can get back) and the quick phrases' first row is in view under the chat in every language, and with a revised line
on half of a 1920x1080 screen; what the gallery's checks (:func:`ui.layout_check.not_shown`,
:func:`ui.layout_check.scrolled_out`, :func:`ui.layout_check.first_phrase_out`) found there."""

from __future__ import annotations

import pytest
from PyQt6.QtCore import QSize, Qt
from PyQt6.QtWidgets import QPushButton

from base.events import Caption, Modality, Role, SignChips, SignEvent, VisitorMode
from tests.ui_kiosk import find
from ui.app import application
from ui.chat_check import newest_cut
from ui.layout_check import (
    first_phrase_out,
    layout_problems,
    not_shown,
    overlaps,
    scrolled_out,
    slivers,
)

SMALL = QSize(1366, 768)


def _settle() -> None:
    for _ in range(8):  # as the gallery
        application().processEvents()


def test_the_text_size_bar_stays_on_the_sign_screen(qtbot, kiosk) -> None:
    """It made way for the newest line's first line (signing at 200 % with the demo banner): the visitor could not
    make the text smaller again. The chips, the sign buttons and the newest line stay whole with it."""
    kiosk.session.choose("ko", VisitorMode.SIGN)
    kiosk.session.begin()
    kiosk.visitor.display.set(2.0, False)
    kiosk.visitor.resize(SMALL)
    kiosk.session.say(Role.VISITOR, "화장실이 어디예요?", Modality.SIGN, language="ko", provenance="sign")
    unknown = SignEvent("?", "알 수 없는 수어입니다. 다시 해 주세요.", 0.9, 1, 2)
    kiosk.session.show_signs(SignChips((SignEvent("서류", "서류", 0.97, 0.0, 1.0), unknown)))
    _settle()
    window = kiosk.visitor
    assert not_shown(window, "display_controls") == []
    assert scrolled_out(window, ("sign_send", "sign_undo", "sign_chip")) + newest_cut(window) + overlaps(window) == []
    assert layout_problems(window, SMALL, low_from=0.4) == []


@pytest.mark.parametrize("language", ["en", "zh", "vi", "ja"])
def test_the_first_row_of_quick_phrases_is_in_view(qtbot, kiosk, language) -> None:
    """In Japanese and Vietnamese the list under the chat was lower than the first row of category tabs (126 px; in
    Vietnamese a name on two lines made the row 196 px): it showed nothing until scrolled. Then it showed the tabs,
    every phrase a scroll away: the phrases come first where the view holds one row."""
    qtbot.mouseClick(find(kiosk.visitor, QPushButton, f"lang_{language}"), Qt.MouseButton.LeftButton)
    kiosk.visitor.display.set(2.0, False)
    kiosk.visitor.resize(SMALL)
    kiosk.session.say_phrase(Role.CLERK, "greeting")
    asked = kiosk.session.phrasebook.get("need_certificate").texts[language]
    kiosk.session.say(Role.VISITOR, asked, Modality.SPEECH, language=language, confidence=0.48)
    kiosk.session.say_phrase(Role.CLERK, "id_please")
    kiosk.session.show_caption(Caption(Role.VISITOR, "…", language, 0.0, 1.0, final=False))
    _settle()
    window = kiosk.visitor
    assert first_phrase_out(window) + slivers(window, "phrase_") == []  # a phrase to tap (the tabs under it)
    assert not_shown(window, "display_controls") + newest_cut(window) + overlaps(window) == []
    assert layout_problems(window, SMALL, low_from=0.4) == []


def test_the_check_sees_a_bar_made_way(qtbot, kiosk) -> None:
    kiosk.visitor.display.hide()
    assert not_shown(kiosk.visitor, "display_controls") == ["display_controls is not shown"]


def test_a_quick_phrase_is_in_view_under_a_revised_line(qtbot, suggesting_kiosk) -> None:
    """At 200 % on 960x1080 in English a revised line ("heard again", three lines) left the list under the chat the
    folded topics' two tabs (126 px) and every phrase (196 px, two lines) a scroll away; the gallery did not check the
    revised screens. The list is kept a row of phrases high, the phrases first."""
    from ui.screenshots import PHRASE_IN_VIEW

    assert {"revised", "speak_up", "timeout"} <= PHRASE_IN_VIEW
    kiosk, half = suggesting_kiosk, QSize(960, 1080)
    qtbot.mouseClick(find(kiosk.visitor, QPushButton, "lang_en"), Qt.MouseButton.LeftButton)
    kiosk.visitor.display.set(2.0, False)
    kiosk.visitor.resize(half)
    kiosk.session.say_phrase(Role.CLERK, "greeting")
    heard = kiosk.session.say(Role.CLERK, "여기 서면", Modality.SPEECH, language="ko", confidence=0.45)
    kiosk.session.revise(heard.entry_id, kiosk.session.phrasebook.get("sign_here").texts["ko"], 0.82)
    _settle()
    window = kiosk.visitor
    assert first_phrase_out(window) + slivers(window, "phrase_") == []
    assert not_shown(window, "display_controls") + newest_cut(window) + overlaps(window) == []
    assert layout_problems(window, half, low_from=0.4) == []
