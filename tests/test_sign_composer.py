"""Gloss sequences -> the polite Korean sentence a native speaker would write for the clerk."""

from __future__ import annotations

import json
from pathlib import Path

import pytest

from base.errors import MediaFormatError
from sign_models.composer import compose, has_final_consonant, load_lexicon, with_particle

CASES = [
    (["안녕하세요"], "안녕하세요."),
    (["감사합니다", "감사합니다"], "감사합니다."),
    (["화장실", "어디"], "화장실이 어디예요?"),
    (["수수료", "얼마"], "수수료가 얼마예요?"),
    (["이름", "무엇"], "이름이 뭐예요?"),
    (["등본", "얼마"], "등본이 얼마예요?"),
    (["나", "등본", "필요하다"], "저는 등본이 필요해요."),
    (["여권", "없다"], "여권이 없어요."),
    (["현금", "필요하다", "없다"], "현금이 필요 없어요."),
    (["알다", "모르다"], "몰라요."),
    (["좋다", "아니다"], "안 좋아요."),
    (["신분증", "아니다"], "신분증이 아니에요."),
    (["이름", "모르다"], "이름을 몰라요."),
    (["화장실", "가다"], "화장실에 가요."),
    (["내일", "오다"], "내일 와요."),
    (["오늘", "서류", "신청"], "오늘 서류를 신청하고 싶어요."),
    (["등본", "발급"], "등본을 발급해 주세요."),
    (["안녕하세요", "등본", "발급"], "안녕하세요. 등본을 발급해 주세요."),
    (["다시"], "다시 한번 말씀해 주세요."),
    (["다시", "천천히"], "다시 천천히 말씀해 주세요."),
    (["다시", "쓰다"], "다시 써 주세요."),
    (["화장실"], "화장실이요."),
    (["카드"], "카드요."),
    (["나"], "저요."),
    (["언제"], "언제예요?"),
    (["신청", "어디"], "어디에서 신청해요?"),
    (["서명", "어디"], "어디에 서명해요?"),
    (["등본", "발급", "어디"], "등본을 어디에서 발급해요?"),
    (["화장실", "있다", "어디"], "화장실이 어디에 있어요?"),
    (["기다리다", "얼마"], "얼마나 기다려요?"),
    (["오다", "누구"], "누가 와요?"),
    (["필요하다", "무엇"], "뭐가 필요해요?"),
    (["서류", "필요하다", "무엇"], "무슨 서류가 필요해요?"),
    (["서류", "끝나다", "언제"], "서류가 언제 끝나요?"),
    (["신청", "어떻게"], "어떻게 신청해요?"),
    (["등본", "어떻게"], "등본은 어떻게 해요?"),
    (["돈", "필요하다", "얼마"], "돈이 얼마나 필요해요?"),
    (["기다리다", "다시", "오다"], "기다려요. 다시 와요."),
    (["복지카드", "신청"], "복지카드를 신청하고 싶어요."),  # a newly taught sign, not in the lexicon
    (["집", "가족", "아이"], "집 가족 아이요."),  # no rule fits: still readable, nothing dropped
]


@pytest.mark.parametrize(("glosses", "sentence"), CASES, ids=[" ".join(g) for g, _ in CASES])
def test_sentences(glosses: list[str], sentence: str) -> None:
    assert compose(glosses) == sentence


def test_particles_follow_the_final_consonant() -> None:
    assert [has_final_consonant(w) for w in ("등본", "카드", "돈", "KTX", "")] == [True, False, True, False, False]
    assert with_particle("서류", "object") == "서류를" and with_particle("등본", "object") == "등본을"
    assert with_particle("주소", "topic") == "주소는" and with_particle("이름", "subject") == "이름이"


def test_nothing_to_compose_is_empty() -> None:
    assert compose([]) == "" and compose(["", " "]) == ""


def test_lexicon_has_the_counter_glosses_with_korean_and_english() -> None:
    lexicon = load_lexicon()
    assert len(lexicon) >= 50
    for gloss in (
        "안녕하세요",
        "서류",
        "발급",
        "등본",
        "도장",
        "수수료",
        "화장실",
        "외국인등록증",
        "주민센터",
        "천천히",
    ):
        assert lexicon[gloss].en and lexicon[gloss].ko
    predicates = [e for e in lexicon.values() if e.pos == "predicate"]
    assert all(e.form("polite") and e.form("neg") for e in predicates)


def test_every_lexicon_gloss_composes_alone() -> None:
    for gloss, entry in load_lexicon().items():
        sentence = compose([gloss])
        assert sentence and sentence[-1] in ".?", (gloss, sentence)
        assert entry.pos in ("wh", "predicate", "adverb") or entry.ko in sentence, (gloss, sentence)


def test_a_broken_lexicon_is_a_clear_error(tmp_path: Path) -> None:
    path = tmp_path / "lexicon.json"
    path.write_text(json.dumps({"glosses": {"가": {"pos": "verb?", "en": "x"}}}), encoding="utf-8")
    with pytest.raises(MediaFormatError, match="part of speech"):
        load_lexicon(path)
    path.write_text("{", encoding="utf-8")
    with pytest.raises(MediaFormatError):
        load_lexicon(path)
