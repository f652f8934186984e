"""Civil-service terms corrected in recognised Korean: near-misses only, never into unrelated speech."""

from __future__ import annotations

import pytest

from translations.glossary import correct_terms, korean_terms

TERMS = korean_terms()


@pytest.mark.parametrize(
    ("heard", "meant"),
    [
        ("주민등록등봉을 떼러 왔어요", "주민등록등본을 떼러 왔어요"),  # one syllable wrong, particle kept
        ("외국인등록중이 필요합니다.", "외국인등록증이 필요합니다."),  # punctuation kept
        ("전입 신교 하러 왔어요", "전입신고 하러 왔어요"),  # a term heard as two words
        ("주민선터에 가세요", "주민센터에 가세요"),
        ("본인서명사실확인소를 주세요", "본인서명사실확인서를 주세요"),
    ],
)
def test_a_near_miss_of_a_term_is_corrected(heard: str, meant: str) -> None:
    assert correct_terms(heard, TERMS) == meant


@pytest.mark.parametrize(
    "heard",
    [
        "운동하는 기구 있대요",  # issue 16: the hotword prompt made this "... 이대요 수수료룡"
        "운동하는 기구 이대요",
        "수수로는 얼마예요",  # three-syllable terms are never corrected: too near everyday words
        "혼인신고서를 써 주세요",  # a longer word that holds a term is not cut down to it
        "건강보험을 알아보려고요",  # a term that is another term's prefix stays as heard
        "건강보험료를 내러 왔어요",
        "가족 관계 증명서 한 통 주세요",  # already right, only spaced differently
        "지난해 삼월 김 전 장관의 동료인 장동련 홍익대 교수가",
        " 한잔의 커피가  소비자에게 전해지기 위해서는 여러 차례의 공정을 거쳐야 한다.",  # spacing kept as heard
    ],
)
def test_other_speech_is_left_as_heard(heard: str) -> None:
    assert correct_terms(heard, TERMS) == heard


def test_the_term_list_holds_glossary_and_speech_terms_without_spaces() -> None:
    assert {"주민등록등본", "체류지변경신고", "수어통역사"} <= set(TERMS)
    assert all(" " not in term for term in TERMS)
