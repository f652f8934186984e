"""Hangul composition for fingerspelling: every syllable round-trips, and the tricky words compose right."""

from __future__ import annotations

import pytest

from base.hangul import SYLLABLE_COUNT, SYLLABLE_FIRST, compose, decompose, split_syllable, syllable


def test_every_syllable_round_trips_through_its_spelled_letters() -> None:
    failures = []
    for code in range(SYLLABLE_FIRST, SYLLABLE_FIRST + SYLLABLE_COUNT):
        char = chr(code)
        if compose(decompose(char)) != char or syllable(*split_syllable(char)) != char:
            failures.append(char)
    assert not failures, f"{len(failures)} syllables do not round-trip, e.g. {failures[:10]}"


def test_letters_are_the_ones_a_signer_spells() -> None:
    assert "".join(decompose("괜찮아요")) == "ㄱㅗㅐㄴㅊㅏㄴㅎㅇㅏㅇㅛ"
    assert "".join(decompose("값")) == "ㄱㅏㅂㅅ"
    assert "".join(decompose("의")) == "ㅇㅡㅣ"


@pytest.mark.parametrize(
    "word",
    [
        "한글",
        "괜찮아요",
        "읽었어요",
        "외국인등록증",
        "값",
        "닭이",
        "달기",
        "박기",
        "뭐예요",
        "있어요",
        "서울특별시 중구",
    ],
)
def test_tricky_words_round_trip(word: str) -> None:
    assert compose(decompose(word)) == word


@pytest.mark.parametrize(
    ("letters", "text"),
    [
        ("ㅎㅏㄴㄱㅡㄹ", "한글"),
        ("ㄷㅏㄹㄱㅇㅣ", "닭이"),  # the cluster ㄺ stays, ㅇ starts the next syllable
        ("ㄷㅏㄹㄱㅣ", "달기"),  # a vowel after a cluster takes its second consonant
        ("ㄱㅏㅂㅅ", "값"),
        ("ㄱㅗㅏㄴ", "관"),  # compound vowel from two letters
        ("ㅇㅡㅣㅅㅏ", "의사"),
        ("ㄲㅗㅊ", "꽃"),  # double consonants are letters of their own
        ("ㅂㅏㄱㄱㅣ", "박기"),  # two plain ㄱ never become ㄲ
        ("ㅃㅏㅏ", "빠ㅏ"),  # a vowel with no consonant stays a bare letter
        ("ㄱㄴ", "ㄱㄴ"),
        ("ㅇㅏ 12ㅎㅗ", "아 12호"),  # spaces and other characters end the syllable and pass through
        (["ㄱ", "ㅘ", "ㄳ"], "곿"),  # compound letters given directly are accepted
    ],
)
def test_compose(letters: str | list[str], text: str) -> None:
    assert compose(letters) == text


def test_split_syllable_rejects_other_characters() -> None:
    with pytest.raises(ValueError):
        split_syllable("A")
