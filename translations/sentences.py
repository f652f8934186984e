"""An offline sentence splitter for Korean, English, Chinese, Japanese and Vietnamese text.

Argos' default splitter needs stanza (and downloads a model); counter lines are short, so punctuation is
enough: a sentence ends at ``. ! ? …`` followed by a space or the end, at the full-width ``。！？`` at any
point, and at a line break. Decimal numbers ("3.5") and a few English abbreviations do not end one.
"""

from __future__ import annotations

import re

from base.languages import lookup

_ABBREVIATIONS = ("mr.", "mrs.", "ms.", "dr.", "no.", "st.", "e.g.", "i.e.", "etc.", "vs.")
_END = re.compile(r"([.!?…]+[\"'”’)\]]*)(\s+)|([。！？]+[」』”）]*)|(\n+)")


def split_sentences(text: str) -> list[str]:
    """``text`` cut into sentences, stripped, none empty; the pieces keep their punctuation."""
    sentences, start = [], 0
    for match in _END.finditer(text):
        if match.group(1) and _is_abbreviation(text[start : match.end(1)]):
            continue
        end = match.end(1) if match.group(1) else match.end()
        sentences.append(text[start:end])
        start = match.end()
    sentences.append(text[start:])
    return [s.strip() for s in sentences if s.strip()]


def joiner(language: str) -> str:
    """What goes between translated sentences: nothing in Chinese and Japanese, a space elsewhere."""
    return lookup(language).sentence_joiner


def _is_abbreviation(piece: str) -> bool:
    words = piece.split()
    return bool(words) and words[-1].lower() in _ABBREVIATIONS
