"""Japanese, Chinese and Thai lines break between phrases (BudouX), never inside a word such as あいさつ."""

from __future__ import annotations

import unicodedata
from itertools import pairwise

import pytest
from PyQt6.QtWidgets import QLabel, QVBoxLayout

from base.events import Modality, Role, TranscriptEntry
from base.languages import LANGUAGES
from tests.test_layout_check import SCREEN, _show, _window
from ui.app import application
from ui.chat_view import ChatView
from ui.clerk_chat import korean_first
from ui.display_controls import DisplayControls
from ui.layout_check import layout_problems
from ui.phrase_breaks import BREAK, JOINER, keep_phrases, laid_out, phrase_cuts, plain, set_wrapped
from ui.wrap_button import WrapButton

LINE = "窓口でのあいさつと手続き"  # "greetings and procedures at the counter"


def rendered_lines(button: WrapButton) -> list[str]:
    """The lines the button's label draws at its width (Qt's own line breaking, the label's font)."""
    label = button.label
    return [
        plain(paragraph[line.textStart() : line.textStart() + line.textLength()])
        for paragraph, line in laid_out(label.text(), label.font(), label.contentsRect().width())
    ]


def button_at_split(qtbot, language: str | None) -> WrapButton:
    """A phrase button just wide enough for 窓口でのあい: Qt alone breaks it as あい/さつ."""
    application()  # the kiosk's fonts
    button = WrapButton(LINE, language)
    font = button.label.font()
    font.setPixelSize(32)
    button.label.setFont(font)
    width = button.label.fontMetrics().horizontalAdvance("窓口でのあい") + 4
    margins = button.layout().contentsMargins()
    button.resize(width + margins.left() + margins.right(), 200)
    button.layout().activate()
    qtbot.addWidget(button)
    return button


def test_a_japanese_button_keeps_its_words_whole(qtbot) -> None:
    lines = rendered_lines(button_at_split(qtbot, "ja"))
    assert any("あいさつ" in line for line in lines), lines
    assert "".join(lines) == LINE
    assert rendered_lines(button_at_split(qtbot, None))[0] == "窓口でのあい", "without the phrases Qt splits the word"


def test_screen_readers_and_copies_get_the_plain_text(qtbot) -> None:
    button = button_at_split(qtbot, "ja")
    assert JOINER in button.label.text()  # what is drawn
    assert button.text() == LINE and button.accessibleName() == LINE  # what is read out or copied


def test_which_languages_need_phrases_comes_from_the_language_table() -> None:
    needing = {code for code, row in LANGUAGES.items() if row.phrase_model}
    assert needing == {code for code, row in LANGUAGES.items() if not row.spaced} == {"zh", "ja", "th"}
    assert keep_phrases("Chào hỏi", "vi") == "Chào hỏi" and keep_phrases("인사 드립니다", "ko") == "인사 드립니다"


@pytest.mark.parametrize(("language", "text"), [("zh", "请在这里签名后交给窗口"), ("th", "กรุณาลงชื่อที่นี่")])
def test_chinese_and_thai_get_breaks_between_phrases_only(language: str, text: str) -> None:
    marked = keep_phrases(text, language)
    assert plain(marked) == text and BREAK in marked and JOINER in marked
    assert keep_phrases(marked, language) == marked, "applying it twice changes nothing"
    after_joiner = [b for a, b in pairwise(marked) if a == JOINER]
    assert not [c for c in after_joiner if unicodedata.category(c).startswith("M")], "a mark stays on its letter"


def test_chat_lines_on_both_screens_keep_japanese_words_whole(qtbot) -> None:
    """The visitor's chat and the clerk's: the line and the small original break between phrases only."""
    application()
    view = ChatView(Role.VISITOR)
    qtbot.addWidget(view)
    bubble = view.add(Role.CLERK, "係員", LINE, LINE, ("ja", "ja"))
    assert plain(bubble.line.text()) == LINE and JOINER in bubble.line.text() and JOINER in bubble.original.text()
    assert bubble.text() == f"係員: {LINE}"  # read out without the marks
    bubble.set_line(LINE, "")  # no language given: Qt's own breaking, as before
    assert JOINER not in bubble.line.text()


def test_the_clerk_screen_knows_which_language_each_part_of_a_line_is_in() -> None:
    said = TranscriptEntry(1, "s", 0.0, Role.CLERK, Modality.TEXT, "ko", "안녕하세요", {"ja": "こんにちは"})
    assert korean_first(said, "ko") == ("안녕하세요", "→ こんにちは", ("ko", "ja"))
    heard = TranscriptEntry(2, "s", 0.0, Role.VISITOR, Modality.SPEECH, "ja", "あいさつ", {"ko": "인사"})
    assert korean_first(heard, "ko") == ("인사", "あいさつ", ("ko", "ja"))
    untranslated = TranscriptEntry(3, "s", 0.0, Role.VISITOR, Modality.SPEECH, "ja", "あいさつ")
    assert korean_first(untranslated, "ko")[::2] == ("あいさつ", ("ja", "ja"))


def test_the_check_sees_a_word_broken_inside(qtbot) -> None:
    button = button_at_split(qtbot, None)
    font, width = button.label.font(), button.label.contentsRect().width()
    assert phrase_cuts(LINE, font, width) == ["窓口でのあい|さつと手続き"]
    assert phrase_cuts(keep_phrases(LINE, "ja"), font, width) == []
    assert phrase_cuts(LINE, font, button.label.fontMetrics().horizontalAdvance("さ")) == [], "no phrase fits: allowed"


def test_the_buttons_labelled_in_every_language_keep_each_languages_words_whole(qtbot) -> None:
    """Before a language is chosen the display buttons carry every language in one label; on the live start
    screen Qt broke it as "ハイコントラス/ト" (each part must be marked in its own language)."""
    application()
    controls = DisplayControls(1.0, False, lambda scale, contrast: None, ["ko", "en", "zh", "vi", "ja"])
    qtbot.addWidget(controls)
    controls.set_language(None)
    label = controls.buttons["contrast"].label
    assert controls.buttons["contrast"].text().endswith("ハイコントラスト")
    widths = range(120, 400, 4)
    unmarked = [w for w in widths if phrase_cuts(plain(label.text()), label.font(), w)]
    assert unmarked, "some width breaks the plain label inside a word"
    assert [w for w in unmarked if phrase_cuts(label.text(), label.font(), w)] == []


def test_a_japanese_word_broken_inside_is_found_and_a_marked_one_is_not(qtbot) -> None:
    """The speak-up banner in Japanese broke as "お話しくだ/さい": a label not told its language."""
    window = _window(qtbot)
    label = QLabel("もう少しマイクに近づくか、少し大きな声でお話しください。")
    label.setObjectName("notice_banner")
    label.setWordWrap(True)
    QVBoxLayout(window).addWidget(label)
    _show(qtbot, window)
    width = label.fontMetrics().horizontalAdvance("もう少しマイクに近づくか、少し大きな声でお話しくだ") + 2
    window.resize(width + 40, SCREEN.height())
    application().processEvents()
    assert any("notice_banner breaks inside a phrase" in p for p in layout_problems(window, SCREEN))
    set_wrapped(label, label.text(), "ja")
    application().processEvents()
    assert not [p for p in layout_problems(window, SCREEN) if "phrase" in p]
