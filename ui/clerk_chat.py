"""The clerk's transcript as a chat: Korean first, where each line came from, and one tap to fix it.

Built on :class:`ui.chat_view.ChatView` from the clerk's side: the clerk's own lines on the right, the visitor's on
the left (the visitor's newest line largest). Each bubble shows the line in Korean first and, small under it, the
words as said (a visitor's line) or what the visitor reads (a clerk's line). Under that, badges say how the line was
given (음성 / 입력 / 수어 / 지문자 / 문구), how it was translated (문구집, 문구 틀, 기계 번역, 영어 경유,
or 번역 없음) and the recogniser's confidence; a line the recogniser heard again and changed says so with its
first reading under its words ("(다시 듣고 고침 · 처음 인식: …)": at 200 % on 960x1080 a badge under the line
was a scroll away); a line below ``LOW_CONFIDENCE`` is edged in amber with "확인 필요".
Every saved line has a 고치기 button (the clerk types the right words; stored as a correction, the original kept), and
a spoken line a 화자 바꾸기 button (one shared microphone can give a line to the wrong person: one tap moves it to the
other side, on both screens, stored the same way), both beside who said it: in view whenever the line is.
"""

from __future__ import annotations

from collections.abc import Callable

from PyQt6.QtWidgets import QLabel, QPushButton, QVBoxLayout, QWidget

from base.events import LOW_CONFIDENCE, Modality, Role, TranscriptEntry
from base.languages import lookup
from ui.chat_view import Bubble, ChatView, Languages
from ui.strings import tr
from ui.widgets import restyle

PROVENANCE = {
    "template": "문구 틀",
    "phrasebook": "문구집",
    "machine": "기계 번역",
    "pivot": "기계 번역(영어 경유)",
}
MODALITIES = {  # words only: the kiosk's fonts have no emoji
    Modality.SPEECH: "음성",
    Modality.TEXT: "입력",
    Modality.SIGN: "수어",
    Modality.FINGERSPELLING: "지문자",
    Modality.PHRASE: "문구",
}


class LineFooter(QWidget):
    """Under a clerk-screen bubble: the badges; beside who said the line, 고치기 and (for speech) 화자 바꾸기."""

    def __init__(self, transcript: ClerkTranscript, entry: TranscriptEntry, bubble: Bubble) -> None:
        super().__init__()
        self.setObjectName("line_footer")
        rows = QVBoxLayout(self)
        rows.setContentsMargins(0, 0, 0, 0)
        self.badges = QLabel()
        self.badges.setObjectName("clerk_badges")
        self.badges.setWordWrap(True)
        rows.addWidget(self.badges)
        self.fix = QPushButton("✎ 고치기")
        self.fix.setObjectName(f"correct_{entry.entry_id}")
        self.fix.setToolTip("바른 내용을 입력합니다 (원문은 그대로 남습니다)")
        self.fix.clicked.connect(lambda: transcript.on_correct(transcript.entries[entry.entry_id]))
        self.flip = QPushButton("⇄ 화자 바꾸기")
        self.flip.setObjectName(f"flip_{entry.entry_id}")
        self.flip.setToolTip("이 말을 한 사람이 반대입니다 (원래 기록은 남습니다)")
        self.flip.clicked.connect(lambda: transcript.on_flip(transcript.entries[entry.entry_id]))
        bubble.add_footer(self)
        bubble.add_actions(self.fix, self.flip)
        self.fix.setVisible(entry.saved)
        self.flip.setVisible(entry.saved and entry.modality is Modality.SPEECH)

    def show_entry(self, bubble: Bubble, entry: TranscriptEntry, reader: str) -> None:
        """``reader``: the language the other party reads the line in."""
        self.badges.setText("  ".join(f"[{badge}]" for badge in badges(entry, reader)))
        if doubtful(entry) or bubble.property("doubtful"):  # (unset reads as not doubtful: no restyling needed)
            restyle(bubble, "doubtful", doubtful(entry))
            restyle(self.fix, "doubtful", doubtful(entry))


class ClerkTranscript(ChatView):
    """The visit's lines for the clerk; ``on_correct`` and ``on_flip`` are called with the line tapped."""

    def __init__(
        self,
        clerk_language: str,
        on_correct: Callable[[TranscriptEntry], None],
        on_flip: Callable[[TranscriptEntry], None],
    ) -> None:
        super().__init__(own=Role.CLERK, name="clerk_transcript")
        self.clerk_language = clerk_language
        self.on_correct, self.on_flip = on_correct, on_flip
        self.entries: dict[int, TranscriptEntry] = {}  # entry id -> the line as shown
        self.set_placeholder("방문자와 담당자의 말이 여기에 차례로 나옵니다", "ko")

    def show_entry(self, entry: TranscriptEntry, visitor_language: str | None) -> Bubble:
        """A new line, or a corrected one (same entry id: rewritten in place, on its speaker's side)."""
        line, original, said = korean_first(entry, self.clerk_language, visitor_language)
        who = "담당자" if entry.role is Role.CLERK else f"방문자 · {lookup(entry.language).korean}"
        old = self.shown(entry)
        if old is None:
            bubble = self.add(entry.role, who, line, original, said)
        else:
            bubble = self.rewrite(old, entry.role, who, line, original, said)
        bubble.revised = bool(entry.first_reading and not entry.correction)  # (korean_first shows it)
        footer = bubble.footer
        if not isinstance(footer, LineFooter):
            footer = LineFooter(self, entry, bubble)
        visitor = visitor_language or self.clerk_language
        footer.show_entry(bubble, entry, self.clerk_language if entry.role is Role.VISITOR else visitor)
        self.keep(entry, bubble)
        if entry.saved:
            self.entries[entry.entry_id] = entry
        return bubble

    def clear(self) -> None:
        super().clear()
        self.entries.clear()

    def lines(self) -> list[str]:
        """Each line as the clerk reads it: Korean, the words under it, the badges (for the tests)."""
        return [_plain(bubble, bubble.footer) for bubble in self.bubbles]


def korean_first(entry: TranscriptEntry, korean: str, visitor: str | None = None) -> tuple[str, str, Languages]:
    """The line in the clerk's language ``korean`` and, small under it, the words as said (a visitor's line in
    another language, the original of a corrected line), the recogniser's first reading of a line it heard again,
    which says so (the clerk may have acted on it; in view with the line: :mod:`ui.clerk_fit`), and what the
    visitor reads (``→`` the translation into the ``visitor``'s language; None: every translation); and the
    languages of the two (the small text's: the visitor's, which the line breaks follow)."""
    own = entry.correction or (entry.text if entry.language == korean else entry.translations.get(korean, ""))
    read = {lang: text for lang, text in entry.translations.items() if lang != korean and visitor in (None, lang)}
    shown = [f"→ {text}" for text in read.values()]
    if not own:
        return entry.text, "\n".join(["(한국어 번역 없음)", *shown]), (entry.language, entry.language)
    said = f"(원문: {entry.text})" if entry.correction else entry.text if entry.language != korean else ""
    heard = entry.first_reading and not entry.correction  # (corrected: the clerk's words replace both; a badge says it)
    first = f"({tr('heard_again', 'ko')} · 처음 인식: {entry.first_reading})" if heard else ""
    small = "\n".join(u for u in [said, first, *shown] if u)
    return (
        ("✎ " if entry.correction else "") + own,
        small,
        (korean, next(iter(read), entry.language) if not said + first else entry.language),
    )


def badges(entry: TranscriptEntry, reader: str) -> list[str]:
    """How the line was given, how it was translated for the other party's language ``reader`` (or "번역 없음" when
    it has none: e.g. after the visitor switched language), how sure the recogniser was, what the clerk changed;
    that the recogniser heard the line again and changed its words where the clerk corrected it (else that is said
    with its first reading under its words: :func:`korean_first`)."""
    needed = reader != entry.language
    kind = PROVENANCE.get(entry.provenance, "번역" if needed else "")
    if needed and reader not in entry.translations:
        kind = "번역 없음"
    found = [MODALITIES[entry.modality], *(["추천 문구 선택" if entry.suggestion else kind] if kind else [])]
    if entry.confidence is not None:
        found.append(f"신뢰도 {entry.confidence:.0%}" + (" · 확인 필요" if doubtful(entry) else ""))
    found += (
        [tr("heard_again", "ko")] if entry.first_reading and entry.correction else []
    )  # (else by its first reading)
    found += ["수정됨"] if entry.correction else []
    found += ["화자 바뀜"] if entry.flipped else []
    found += [] if entry.saved else ["저장 안 됨"]
    return found


def doubtful(entry: TranscriptEntry) -> bool:
    """The recogniser was not sure and nobody corrected the line yet."""
    return entry.confidence is not None and entry.confidence < LOW_CONFIDENCE and not entry.correction


def _plain(bubble: Bubble, footer: QWidget | None) -> str:
    parts = [bubble.line.text(), bubble.original.text() if bubble.original.isVisibleTo(bubble) else ""]
    return "\n".join(p for p in [*parts, footer.badges.text() if isinstance(footer, LineFooter) else ""] if p)
