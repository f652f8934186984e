"""The chat as a low-vision visitor reads it at 200 %: the prompt whole (its short form where the whole has no room),
and no line wider than the chat (its end cut at the window's edge, where nothing scrolls sideways)."""

from __future__ import annotations

from PyQt6.QtCore import QSize, Qt
from PyQt6.QtWidgets import QLabel, QScrollArea, QVBoxLayout, QWidget

from base.events import Role
from tests.test_layout_check import _button, _show, _window
from tests.test_layout_check_views import SMALL, _settle
from ui.chat_check import newest_cut
from ui.chat_view import ChatView
from ui.layout_check import layout_problems
from ui.text_cut import cut_text

LONG_PHRASE = "身分証明書を見せていただけますか。"  # its second phrase is 1054 px at the newest line's 200 % size


def test_a_prompt_with_a_line_out_of_view_is_found(qtbot) -> None:
    """The fingerspelling prompt, taller than the chat, was shown from its top, its third line (when to press 'Enter')
    a scroll away: the check let a tall prompt pass as it lets a tall line (read from its top, then scrolled)."""
    window = _window(qtbot)
    chat = ChatView()
    chat.set_placeholder("Fingerspell one letter at a time to the camera, then press 'Enter' when the word is right.")
    chat.setFixedHeight(2 * chat.placeholder.fontMetrics().lineSpacing() + 30)  # two lines whole, the rest out
    chat.setFixedWidth(300)  # several lines
    QVBoxLayout(window).addWidget(chat)
    _show(qtbot, window)
    problems = newest_cut(window)
    assert problems and problems[0].startswith("newest line of caption_view 'Fingerspell"), problems
    chat.setFixedSize(1200, 600)
    _show(qtbot, window)
    assert newest_cut(window) == []


def test_the_fingerspelling_prompt_is_whole_at_200_percent(qtbot, kiosk) -> None:
    """At 200 % on 1366x768 the prompt's third line was a scroll away: its short form is whole in view there. Where the
    whole prompt has room (half of a 1920x1080 screen), it is whole, also right after the small panel (the gallery's
    order: it kept the scroll bar and the narrower lines it brought, a line more, cut by 98 px)."""
    from base.events import Spelling, VisitorMode

    prompt = kiosk.visitor.captions.placeholder
    for size, short in ((SMALL, True), (QSize(960, 1080), False)):  # a visit each, begun at the size before
        kiosk.session.choose("ko", VisitorMode.FINGERSPELLING)
        kiosk.session.begin()
        kiosk.visitor.display.set(2.0, False)
        kiosk.session.show_spelling(Spelling(tuple("ㄱㅣㅁ"), "김", "ㅅ", 0.9))
        _settle(kiosk.visitor, size)
        assert "'입력'" in prompt.text() and ("카메라" not in prompt.text()) is short, size
        assert newest_cut(kiosk.visitor) + cut_text(kiosk.visitor) == [], size
        assert [p for p in layout_problems(kiosk.visitor, size) if "chat_placeholder" in p] == [], size
        kiosk.session.end("visitor")
        kiosk.session.clear()


def test_a_label_cut_by_the_side_of_a_view_that_does_not_scroll_sideways_is_found(qtbot) -> None:
    """A scroll area cuts below its fold what is a scroll away; at its sides, with no horizontal bar, what it cuts is
    never seen (the clerk's line at 200 % in Japanese on the portrait panel: 1142 px in a 1044 px chat)."""
    window = _window(qtbot)
    label = QLabel("wide")
    label.setObjectName("too_wide")
    label.setMinimumWidth(2000)
    page = QWidget()
    QVBoxLayout(page).addWidget(label)
    area = QScrollArea()
    area.setWidget(page)
    area.setWidgetResizable(True)
    area.setHorizontalScrollBarPolicy(area.horizontalScrollBarPolicy().ScrollBarAlwaysOff)
    QVBoxLayout(window).addWidget(area)
    _show(qtbot, window)
    problems = cut_text(window)
    assert any(p.startswith("label too_wide is cut by the side of ") for p in problems), problems
    area.setHorizontalScrollBarPolicy(area.horizontalScrollBarPolicy().ScrollBarAlwaysOn)  # a scroll away
    _show(qtbot, window)
    assert cut_text(window) == []


def test_a_phrase_wider_than_the_chat_breaks_inside_it_and_no_wider(qtbot, kiosk) -> None:
    """見せていただけますか。 is one phrase, kept on one line: at 200 % in a 1080 px wide chat it made the clerk's
    bubble 1142 px wide, cut at the window's edge. It breaks inside now, there only; where it fits (1366 px), whole."""
    from base.events import VisitorMode
    from ui.phrase_breaks import JOINER

    kiosk.session.choose("ja", VisitorMode.SPEECH)
    kiosk.session.begin()
    kiosk.visitor.display.set(2.0, False)
    chat = kiosk.visitor.captions
    bubble = chat.add(Role.CLERK, "担当者", LONG_PHRASE, languages=("ja", None))
    _settle(kiosk.visitor, QSize(1080, 1920))
    assert chat.widget().width() <= chat.viewport().width()
    assert cut_text(kiosk.visitor) == []
    assert f"た{JOINER}だ" not in bubble.line.text()  # broken inside the phrase wider than the line
    _settle(kiosk.visitor, SMALL)
    assert f"た{JOINER}だ" in bubble.line.text()  # whole where it fits
    assert cut_text(kiosk.visitor) == []


def test_the_whole_prompt_is_whole_after_a_spoken_visit_in_the_gallery_order(qtbot, config, tmp_path) -> None:
    """In the gallery's order (a spoken visit, then fingerspelling, at 200 % on 960x1080) the whole prompt kept the
    scroll bar it had while the chat was narrower and was wrapped beside it, a line more: cut by 98 px."""
    from ui.screenshots import Gallery

    gallery = Gallery(config, tmp_path)
    gallery.display = "half"
    gallery.visit("ko", "200")
    gallery.fingerspelling("200")
    gallery.close()
    assert [(s.display, s.problems) for s in gallery.shots if s.screen == "fingerspelling" and s.problems] == []


def test_a_revised_line_with_its_words_cut_is_found_and_shown_whole_at_200_percent(qtbot, suggesting_kiosk) -> None:
    """The clerk's revised line in Japanese at 200 % on 1366x768, "こちらにご署名ください。", was shown from its
    top with its first line only, "ご署名ください" (what to do) a scroll away: the check passed a tall line read from
    its top. At the chat's whole width the line is one line and whole in view; it is shown so, and the check finds the
    cut words when the line is drawn at its side's five sixths of the width again."""
    from base.events import Modality, VisitorMode

    kiosk = suggesting_kiosk
    kiosk.session.choose("ja", VisitorMode.SPEECH)
    kiosk.session.begin()
    heard = kiosk.session.say(Role.CLERK, "여기 서면", Modality.SPEECH, language="ko", confidence=0.45)
    kiosk.session.revise(heard.entry_id, kiosk.session.phrasebook.get("sign_here").texts["ko"], 0.82)
    kiosk.visitor.display.set(2.0, False)
    _settle(kiosk.visitor, SMALL)
    chat = kiosk.visitor.captions
    assert "ご署名ください" in chat.newest_words().text().replace("\u2060", "")
    assert newest_cut(kiosk.visitor) + cut_text(kiosk.visitor) == []
    row = chat.newest().parentWidget().layout()
    row.setStretch(1, 1)  # the other party's side again: five sixths of the width, the words on two lines
    chat._widen = lambda newest: None  # (kept so)
    _settle(kiosk.visitor, SMALL)
    problems = newest_cut(kiosk.visitor)
    assert problems and problems[0].endswith("shows part of its words"), problems


def test_the_readers_own_tall_line_keeps_its_side(qtbot, suggesting_kiosk) -> None:
    """The same revised line on the clerk's short chat at 200 % on 1366x768 is taller than the chat at any width.
    It is the clerk's own: it stays on the clerk's side (right, a sixth of the width beside it), where the clerk looks
    for their own words; only the other party's newest line takes the whole width."""
    from base.events import Modality, VisitorMode
    from ui.theme import stylesheet

    kiosk = suggesting_kiosk
    kiosk.session.choose("ja", VisitorMode.SPEECH)
    kiosk.session.begin()
    heard = kiosk.session.say(Role.CLERK, "여기 서면", Modality.SPEECH, language="ko", confidence=0.45)
    kiosk.session.revise(heard.entry_id, kiosk.session.phrasebook.get("sign_here").texts["ko"], 0.82)
    kiosk.clerk.setStyleSheet(stylesheet(2.0, False))  # (as the gallery draws the clerk's screen at 200 %)
    _settle(kiosk.clerk, SMALL)
    chat = kiosk.clerk.transcript
    newest = chat.newest()
    rows = chat.rows.contentsMargins()
    assert newest.height() > chat.height() - rows.top() - rows.bottom(), "taller than the clerk's chat"
    assert newest.parentWidget().layout().stretch(0) == 1, "a sixth of the width before the clerk's own line"
    assert newest.mapTo(chat.widget(), newest.rect().topLeft()).x() > chat.widget().width() // 8


def test_the_visitors_question_is_whole_on_the_clerks_short_chat(qtbot, suggesting_kiosk, monkeypatch) -> None:
    """The visitor's two-line question on the clerk's chat at 200 % on 1366x768 showed its first line, "이사해서 체류지
    변경신고를", what was asked a scroll away, while the quick phrases kept their row: the check found nothing. Now the
    phrases make way and its words are whole; they come back when the clerk taps the chat (read) or with the clerk's
    next line. With them kept (as before), the check finds the cut words."""
    from base.events import Modality, VisitorMode
    from ui.places import rect_in
    from ui.theme import stylesheet

    kiosk, clerk = suggesting_kiosk, suggesting_kiosk.clerk
    kiosk.session.choose("ja", VisitorMode.SPEECH)
    kiosk.session.begin()
    kiosk.session.say_phrase(Role.CLERK, "greeting")
    asked = kiosk.session.phrasebook.get("report_residence_change").texts["ja"]
    kiosk.session.say(Role.VISITOR, asked, Modality.SPEECH, language="ja", confidence=0.9)
    clerk.setStyleSheet(stylesheet(2.0, False))  # (as the gallery draws the clerk's screen at 200 %)
    qtbot.mouseClick(clerk.notice, Qt.MouseButton.LeftButton)  # the clerk put the demo's notice away (a tap)
    _settle(clerk, SMALL)
    chat, words = clerk.transcript, clerk.transcript.newest_words()
    assert words.height() >= 2 * words.fontMetrics().lineSpacing(), "two lines"
    assert rect_in(clerk, words).bottom() <= rect_in(clerk, chat.viewport()).bottom()
    assert not clerk.phrases.isVisible() and newest_cut(clerk, "clerk_phrase_panel") == []
    assert [p for p in layout_problems(clerk, SMALL) if p.startswith("window needs")] == []
    qtbot.mouseClick(chat.viewport(), Qt.MouseButton.LeftButton)  # read: the answer may be a quick phrase
    _settle(clerk, SMALL)
    assert clerk.phrases.isVisible()
    kiosk.session.say(Role.VISITOR, asked, Modality.SPEECH, language="ja", confidence=0.9)
    _settle(clerk, SMALL)
    assert not clerk.phrases.isVisible(), "a new question makes them make way again"
    kiosk.session.say_phrase(Role.CLERK, "id_please")
    _settle(clerk, SMALL)
    assert clerk.phrases.isVisible()
    kiosk.session.say(Role.VISITOR, asked, Modality.SPEECH, language="ja", confidence=0.9)
    monkeypatch.setattr(clerk.room.read_mark, "words_px", lambda: 0)  # the phrases kept, as in the gallery before
    monkeypatch.setattr(clerk.room, "make_way", lambda: None)
    clerk.phrases.show()
    _settle(clerk, SMALL)
    problems = newest_cut(clerk, "clerk_phrase_panel")
    assert problems and problems[0].endswith("clerk_phrase_panel keeps its room"), problems


def test_a_newest_lines_button_cut_by_the_fold_is_found(qtbot) -> None:
    """A newest line read from its top, its words whole, a button under them cut by the chat's fold: the reader cannot
    act on the line read now (the clerk's 화자 바꾸기 showed 3 of its 86 px at 200 % on 1366x768)."""
    window = _window(qtbot)
    chat = ChatView(own=Role.CLERK, name="clerk_transcript")
    bubble = chat.add(Role.VISITOR, "방문자", "외국인등록증을 잃어버렸어요.")
    footer = QWidget()
    under = QVBoxLayout(footer)
    under.addSpacing(200)  # the line taller than the chat, the button at its end
    under.addWidget(_button("flip_1"))
    bubble.add_footer(footer)
    chat.setFixedSize(800, 250)
    QVBoxLayout(window).addWidget(chat)
    _show(qtbot, window)
    problems = newest_cut(window)
    assert problems and problems[0].startswith("newest line's button flip_1 shows "), problems
    chat.setFixedSize(800, 600)  # whole in view
    _show(qtbot, window)
    assert newest_cut(window) == []


def test_the_clerk_can_flip_the_visitors_newest_line_without_scrolling(qtbot, suggesting_kiosk) -> None:
    """Issue 16 item 4 at 200 % on 1366x768: the visitor's newest line, flipped, taller than the clerk's chat, was
    read from its top with 고치기 and 화자 바꾸기 under its badges, 3 of their 86 px above the fold. They sit beside who
    said the line now, no higher than the name: whole in view with it (under who said it where the width runs out)."""
    from PyQt6.QtWidgets import QPushButton

    from base.events import Modality, VisitorMode
    from ui.places import rect_in
    from ui.theme import stylesheet

    kiosk, clerk = suggesting_kiosk, suggesting_kiosk.clerk
    kiosk.session.choose("en", VisitorMode.SPEECH)
    kiosk.session.begin()
    lost = kiosk.session.phrasebook.get("lost_residence_card").texts["en"]
    wrong = kiosk.session.say(Role.CLERK, lost, Modality.SPEECH, language="en", confidence=0.55)
    kiosk.session.flip_speaker(wrong.entry_id)
    clerk.setStyleSheet(stylesheet(2.0, False))  # (as the gallery draws the clerk's screen at 200 %)
    for size in (SMALL, QSize(960, 1080)):
        _settle(clerk, size)
        chat, port = clerk.transcript, rect_in(clerk, clerk.transcript.viewport())
        assert chat.newest().height() > port.height(), "taller than the chat: read from its top"
        (flip,) = [b for b in clerk.findChildren(QPushButton, f"flip_{wrong.entry_id}") if b.isVisible()]
        assert port.contains(rect_in(clerk, flip)), size  # (the one of the line before the flip: hidden)
        assert newest_cut(clerk, "clerk_phrase_panel") == [], size
        assert [p for p in layout_problems(clerk, size) if "flip_" in p or "correct_" in p] == [], size


def _tall_line(qtbot, view_lines: float, under: int = 0) -> tuple[QWidget, ChatView]:
    """The visitor's line of six lines on the clerk's chat, 800 px wide, as high as shows ``view_lines`` of its words
    from its top; under it a row ``under`` px high that makes way for the visitor's words (none: 0)."""
    window = _window(qtbot)
    chat = ChatView(own=Role.CLERK, name="clerk_transcript")
    bubble = chat.add(Role.VISITOR, "방문자", " ".join(["외국인등록증을 잃어버렸어요."] * 12))
    column = QVBoxLayout(window)
    column.addWidget(chat)
    if under:
        row = QWidget()
        row.setObjectName("makes_way")
        row.setFixedHeight(under)
        column.addWidget(row)
    chat.setFixedWidth(800)
    _show(qtbot, window)
    words = bubble.line
    start = words.mapTo(bubble, words.rect().topLeft()).y()
    chat.setFixedHeight(start + round(view_lines * words.fontMetrics().lineSpacing()) + 2 * chat.frameWidth())
    _show(qtbot, window)
    assert round(words.height() / words.fontMetrics().lineSpacing()) > view_lines + 2, "taller than the chat"
    return window, chat


def test_a_view_with_fewer_lines_of_the_newest_words_than_the_chat_holds_is_found(qtbot) -> None:
    """A line taller than the chat at any width is read from its top with as many whole lines of its words as the
    chat holds: the check passed a view ending a line short of that (it asked only where the words would be whole),
    and passes the view ending between two lines where the next one would not be whole."""
    window, chat = _tall_line(qtbot, 2.5)
    assert newest_cut(window) == []  # two lines whole, the fold above the third
    spacing = chat.newest_words().fontMetrics().lineSpacing()
    chat._whole_lines = lambda newest: None  # (kept so)
    chat.setViewportMargins(0, 0, 0, chat.viewportMargins().bottom() + spacing)  # a line short of what it holds
    _show(qtbot, window)
    problems = newest_cut(window)
    assert problems and problems[0].endswith("shows part of its words"), problems


def test_a_row_kept_under_a_tall_newest_line_is_found_only_where_its_room_shows_more(qtbot) -> None:
    """A row that makes way for the other party's words (the clerk's quick phrases) is wanted away only where its room
    would show more of them: the check found any kept row under a line cut at the fold, also one too low to show a
    line more."""
    window, _chat = _tall_line(qtbot, 2.5, under=20)
    assert newest_cut(window, "makes_way") == []  # 20 px more: still two lines
    window, _chat = _tall_line(qtbot, 2.5, under=200)
    problems = newest_cut(window, "makes_way")
    assert problems and problems[0].endswith("makes_way keeps its room"), problems
