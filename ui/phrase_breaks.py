"""Lines break between phrases, never inside a word, in languages written without spaces (ja, zh, th).

Qt may break a Japanese, Chinese or Thai line between any two characters (あいさ/つ). BudouX (the
``budoux`` wheel: pure Python, its models inside the wheel, nothing downloaded) splits a line into phrases;
:func:`keep_phrases` joins the characters inside each phrase with WORD JOINER (U+2060, no break, no width)
and puts a ZERO WIDTH SPACE (a break opportunity) between phrases. Which languages need it comes from the
language table (:attr:`base.languages.Language.phrase_model`). What the visitor's screen reader or a copy gets
is the plain text: :class:`~ui.wrap_button.WrapButton` keeps it for ``text()`` and every label set through
:func:`set_wrapped` carries it as its accessible name (``QLabel.text()`` itself keeps the joiners).
"""

from __future__ import annotations

import logging
import math
import re
import unicodedata
from collections.abc import Callable, Iterable, Iterator
from functools import cache

from PyQt6.QtGui import QFont, QFontMetrics, QTextLayout, QTextLine
from PyQt6.QtWidgets import QLabel

from base.languages import lookup

log = logging.getLogger(__name__)
JOINER, BREAK = "\u2060", "\u200b"
UNIT_START = re.compile(r"%|[^\W\d_]")  # a unit after a number: a per cent sign or a letter of any script
NUMBER_UNIT = re.compile(r"(\d)( ?)(?=%|[^\W\d_])")
_CJK = "\u3001-\u303f\u3040-\u30ff\u3400-\u4dbf\u4e00-\u9fff\uff01-\uff0f\uff1a-\uff1f\uff66-\uff9f"  # punctuation
# (a phrase's 。 stays on its line: part of its width), kana, CJK ideographs, full-width punctuation, half-width kana
_CJK_END, _CJK_START, _KANA = re.compile(f"[{_CJK}]+$"), re.compile(f"[{_CJK}]+"), re.compile("[\u3040-\u30ff]")


def keep_phrases(text: str, language: str | None, fits: Callable[[str], bool] | None = None) -> str:
    """``text`` with line breaks allowed only between its phrases (in a spaced language: anywhere but between a
    number and its unit, :func:`keep_units`); a phrase for which ``fits`` says no (wider than the whole line) may
    still break inside."""
    model = lookup(language).phrase_model if language else None
    parser = _parser(model) if model and text else None
    if parser is None:
        return keep_units(text)
    phrases = _units_inside(parser.parse(plain(text)))
    return BREAK.join(keep_units(keep_together(p) if fits is None or fits(p) else p) for p in phrases)


def fitted(marked: str, text: str, language: str | None, font: QFont, room: int) -> str:
    """``marked`` (plain ``text`` broken only between its phrases), or where a phrase held together in it is wider than
    ``room`` px (a whole line), ``text`` marked again with that phrase free to break inside (as a browser's
    ``overflow-wrap: anywhere``): cut at the edge otherwise."""
    if room <= 0 or marked == text or widest_line(marked, font) <= room:
        return marked
    metrics = QFontMetrics(font)
    return keep_phrases(text, language, lambda phrase: metrics.horizontalAdvance(phrase) <= room)


def keep_each(texts: Iterable[tuple[str, str | None]], joiner: str) -> str:
    """``(text, language)`` pairs in one label, each broken only between its own phrases (one that reads the same
    as an earlier one is given once): a label that speaks to a visitor before the language is known."""
    return joiner.join(dict.fromkeys(keep_phrases(text, language) for text, language in texts))


def keep_units(text: str) -> str:
    """No line break between a number and its unit ("1 倍", "100%", "3 pages"): Qt broke the Japanese volume
    status at 200 % between "1" and "倍"."""
    return NUMBER_UNIT.sub(lambda m: m.group(1) + ("\u00a0" if m.group(2) else JOINER), text)  # (a no-break space)


def keep_together(phrase: str) -> str:
    """A joiner between two characters, never before a combining mark (a Thai vowel sign stays on its letter)
    nor around a space or a line break (they stay break opportunities): a name such as "中文 (简体)" breaks only
    at its space."""
    out = []
    for index, char in enumerate(phrase):
        before = phrase[index - 1] if index else ""
        if before and not (unicodedata.category(char).startswith("M") or char.isspace() or before.isspace()):
            out.append(JOINER)
        out.append(char)
    return "".join(out)


def unit_breaks(text: str, font: QFont, width: int) -> list[str]:
    """Where Qt's lines of ``text`` at ``width`` px part a number from its unit (as "1|倍")."""
    ends = _line_ends(text, font, width)
    return [f"{b.rstrip()[-4:]}|{a[:4]}" for b, a in ends if re.search(r"\d ?$", b) and UNIT_START.match(a)]


def phrase_cuts(text: str, font: QFont, width: int) -> list[str]:
    """Where Qt's lines of ``text`` at ``width`` px break inside a Japanese or Chinese phrase that would fit the
    line whole (as "ハイコントラス|ト"): a label that was not given its language, or joined several languages into
    one text without :func:`keep_phrases` on each part."""
    metrics, cut = QFontMetrics(font), []
    for before, after in _line_ends(text, font, width):
        head, tail = _CJK_END.search(before), _CJK_START.match(after)
        if not (head and tail):
            continue
        run, split = head.group() + tail.group(), len(head.group())
        parser = _parser(lookup("ja" if _KANA.search(run) else "zh").phrase_model or "")
        start = 0
        for phrase in parser.parse(run) if parser else []:  # the phrase the line end falls in
            if start + len(phrase) > split:
                if start != split and metrics.horizontalAdvance(phrase) <= width:
                    cut.append(f"{head.group()[-6:]}|{tail.group()[:6]}")
                break
            start += len(phrase)
    return cut


def _line_ends(text: str, font: QFont, width: int) -> list[tuple[str, str]]:
    """The plain text before and after each line end Qt lays out for ``text`` at ``width`` px inside a paragraph."""
    ends = []
    for paragraph, line in laid_out(text, font, width):
        end = line.textStart() + line.textLength()
        if end < len(paragraph):
            ends.append((plain(paragraph[:end]), plain(paragraph[end:])))
    return ends


def laid_out(text: str, font: QFont, width: int) -> Iterator[tuple[str, QTextLine]]:
    """Each line Qt lays out for ``text`` at ``width`` px, with its paragraph (a label draws each line of a
    multi-line text as a paragraph of its own)."""
    for paragraph in text.split("\n"):
        layout = QTextLayout(paragraph, font)
        layout.beginLayout()
        while (line := layout.createLine()).isValid():
            line.setLineWidth(width)
            yield paragraph, line
        layout.endLayout()


def _units_inside(phrases: list[str]) -> list[str]:
    """The phrases, a unit that BudouX began a phrase with joined to its number's phrase."""
    out: list[str] = []
    for phrase in phrases:
        if out and re.search(r"\d ?$", out[-1]) and UNIT_START.match(phrase):
            out[-1] += phrase
        else:
            out.append(phrase)
    return out


def plain(text: str) -> str:
    """The text without the marks :func:`keep_phrases` added."""
    return text.replace(JOINER, "").replace(BREAK, "")


def set_wrapped(label: QLabel, text: str, language: str | None) -> None:
    """Show ``text`` on a word-wrapping label, broken only between phrases (a text marked beforehand keeps its
    marks); the accessible name stays plain."""
    label.setText(keep_phrases(text, language))
    label.setAccessibleName(plain(text))


def widest_line(text: str, font: QFont, width: int = 0) -> int:
    """The widest line Qt lays out for plain ``text`` at ``width`` px; at 0 px: the widest piece no line can
    break (a word, or a phrase held together by :func:`keep_phrases`)."""
    return max((math.ceil(line.naturalTextWidth()) for _, line in laid_out(text, font, width)), default=0)


@cache
def _parser(model: str) -> object | None:
    """The BudouX parser for ``model`` (loaded once); None without budoux (lines then break as Qt likes)."""
    try:
        import json
        from pathlib import Path

        from budoux.parser import MODEL_DIR, Parser
    except ImportError:
        log.warning("budoux is not installed: lines in %s may break inside words", model)
        return None
    return Parser(json.loads((Path(MODEL_DIR) / f"{model}.json").read_text(encoding="utf-8")))
