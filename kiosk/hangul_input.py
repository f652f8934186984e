"""Typing Hangul one jamo at a time (the on-screen keyboard): syllables are recomposed after each key.

The text is decomposed into jamo, the key is appended and everything is composed again, so compound
vowels (ㅗ+ㅏ -> ㅘ), final clusters (ㄹ+ㄱ) and re-syllabification (닭 + ㅣ -> 달기) come out as a Korean
IME would write them; other characters pass through unchanged.
"""

from __future__ import annotations

from base.hangul import compose, decompose


def type_key(text: str, key: str) -> str:
    """``text`` after typing ``key`` (a jamo, a letter, a digit, a space or punctuation)."""
    return compose([*decompose(text), key])


def backspace(text: str) -> str:
    """``text`` with its last keystroke removed (the last jamo of a Hangul syllable)."""
    keys = decompose(text)
    return compose(keys[:-1])
