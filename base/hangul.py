"""Hangul composition from fingerspelled letters, and the way back.

Fingerspelling gives one compatibility jamo letter at a time (ㅎ, ㅏ, ㄴ ...). :func:`compose` turns such a
sequence into syllables the way a 2-beolsik keyboard does: initial + medial (+ final), compound vowels from
two vowel letters (ㅗ+ㅏ -> ㅘ), final clusters from two consonants (ㄹ+ㄱ -> ㄺ), and re-syllabification when a
vowel follows a final (ㄷㅏㄹㄱㅣ -> 달기, ㄷㅏㄹㄱㅇㅣ -> 닭이). Double consonants (ㄲ ㄸ ㅃ ㅆ ㅉ) are letters of
their own: the fingerspelling decoder produces them from a movement, never from two holds of the plain letter,
so ㅂㅏㄱㄱㅣ stays 박기. A vowel with no consonant before it stays a bare letter (a signer spells ㅇ for 아).
Spaces and any other character (digits, punctuation, finished syllables) end the syllable and pass through.

:func:`decompose` is the inverse: syllables -> letters, with compound vowels and clusters split into the
letters a signer spells, so ``compose(decompose(text)) == text`` for every syllable.
"""

from __future__ import annotations

INITIALS = "ㄱㄲㄴㄷㄸㄹㅁㅂㅃㅅㅆㅇㅈㅉㅊㅋㅌㅍㅎ"
MEDIALS = "ㅏㅐㅑㅒㅓㅔㅕㅖㅗㅘㅙㅚㅛㅜㅝㅞㅟㅠㅡㅢㅣ"
FINALS = ("", *"ㄱㄲㄳㄴㄵㄶㄷㄹㄺㄻㄼㄽㄾㄿㅀㅁㅂㅄㅅㅆㅇㅈㅊㅋㅌㅍㅎ")

COMPOUND_VOWELS = {
    "ㅘ": "ㅗㅏ", "ㅙ": "ㅗㅐ", "ㅚ": "ㅗㅣ", "ㅝ": "ㅜㅓ", "ㅞ": "ㅜㅔ", "ㅟ": "ㅜㅣ", "ㅢ": "ㅡㅣ",
}  # fmt: skip
FINAL_CLUSTERS = {
    "ㄳ": "ㄱㅅ", "ㄵ": "ㄴㅈ", "ㄶ": "ㄴㅎ", "ㄺ": "ㄹㄱ", "ㄻ": "ㄹㅁ", "ㄼ": "ㄹㅂ",
    "ㄽ": "ㄹㅅ", "ㄾ": "ㄹㅌ", "ㄿ": "ㄹㅍ", "ㅀ": "ㄹㅎ", "ㅄ": "ㅂㅅ",
}  # fmt: skip
_JOIN_VOWEL = {pair: vowel for vowel, pair in COMPOUND_VOWELS.items()}
_JOIN_FINAL = {pair: cluster for cluster, pair in FINAL_CLUSTERS.items()}
_SPLIT = COMPOUND_VOWELS | FINAL_CLUSTERS

SYLLABLE_FIRST, SYLLABLE_COUNT = 0xAC00, 11172
_PER_INITIAL = len(MEDIALS) * len(FINALS)


def is_vowel(letter: str) -> bool:
    """True for a vowel letter (ㅏ ... ㅣ, compound ones included)."""
    return letter in MEDIALS


def is_consonant(letter: str) -> bool:
    """True for a consonant letter, single, double or cluster (ㄱ, ㄲ, ㄳ ...)."""
    return letter in INITIALS or letter in FINALS[1:]


def syllable(initial: str, medial: str, final: str = "") -> str:
    """The precomposed syllable of one initial, one medial and an optional final letter."""
    code = INITIALS.index(initial) * _PER_INITIAL + MEDIALS.index(medial) * len(FINALS) + FINALS.index(final)
    return chr(SYLLABLE_FIRST + code)


def split_syllable(char: str) -> tuple[str, str, str]:
    """(initial, medial, final) of a precomposed syllable; final is '' when there is none."""
    code = ord(char) - SYLLABLE_FIRST
    if not 0 <= code < SYLLABLE_COUNT:
        raise ValueError(f"not a Hangul syllable: {char!r}")
    return INITIALS[code // _PER_INITIAL], MEDIALS[code // len(FINALS) % len(MEDIALS)], FINALS[code % len(FINALS)]


def decompose(text: str) -> list[str]:
    """The letters a signer spells for ``text``: ㄱㅗㅏㄴ for 관, ㄷㅏㄹㄱ for 닭; other characters as they are."""
    letters: list[str] = []
    for char in text:
        is_syllable = SYLLABLE_FIRST <= ord(char) < SYLLABLE_FIRST + SYLLABLE_COUNT
        parts = "".join(split_syllable(char)) if is_syllable else char
        letters.extend("".join(_SPLIT.get(part, part) for part in parts))
    return letters


class _Syllable:
    """The syllable being built: initial, medial and final letters, each possibly empty."""

    def __init__(self, initial: str = "", medial: str = "", final: str = "") -> None:
        self.initial, self.medial, self.final = initial, medial, final

    def text(self) -> str:
        if self.initial and self.medial:
            return syllable(self.initial, self.medial, self.final)
        return self.initial + self.medial + self.final


def compose(letters: str | list[str]) -> str:
    """Hangul text from a sequence of jamo letters (a string such as "ㅎㅏㄴㄱㅡㄹ" or a list of letters)."""
    out: list[str] = []
    current = _Syllable()
    for letter in "".join(_SPLIT.get(letter, letter) for letter in letters):
        if is_vowel(letter):
            current = _add_vowel(current, letter, out)
        elif letter in INITIALS:
            current = _add_consonant(current, letter, out)
        else:
            out.append(current.text() + letter)
            current = _Syllable()
    out.append(current.text())
    return "".join(out)


def _add_consonant(current: _Syllable, letter: str, out: list[str]) -> _Syllable:
    if current.initial and current.medial and not current.final and letter in FINALS:
        current.final = letter
        return current
    if current.final and current.final + letter in _JOIN_FINAL:
        current.final = _JOIN_FINAL[current.final + letter]
        return current
    out.append(current.text())
    return _Syllable(initial=letter)


def _add_vowel(current: _Syllable, letter: str, out: list[str]) -> _Syllable:
    if current.final:  # re-syllabify: the last final consonant becomes the next initial
        letters = FINAL_CLUSTERS.get(current.final, current.final)  # a cluster splits: 닭+ㅣ -> 달기
        current.final, move = letters[:-1], letters[-1]
        out.append(current.text())
        return _Syllable(initial=move, medial=letter)
    if current.medial and current.medial + letter in _JOIN_VOWEL:
        current.medial = _JOIN_VOWEL[current.medial + letter]
        return current
    if current.initial and not current.medial:
        current.medial = letter
        return current
    out.append(current.text())
    return _Syllable(medial=letter)
