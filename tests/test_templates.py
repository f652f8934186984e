"""Templates with slots: values read in every language and written back in each language's own form."""

from __future__ import annotations

import pytest
from num2words import num2words

from base.errors import TranslationUnavailable
from translations.glossary import load_glossary
from translations.mt import ReviewedTranslation, build_translator
from translations.phrasebook import load_phrasebook
from translations.templates import load_templates


@pytest.fixture(scope="module")
def templates():
    return load_templates(glossary=load_glossary())


def test_at_least_forty_templates_in_five_languages(templates) -> None:
    assert len(templates) >= 40
    assert templates.languages == ("ko", "en", "zh", "vi", "ja")
    kinds = {kind for t in templates.templates for kind in t.slots.values()}
    assert kinds >= {"money", "number", "copies", "minutes", "days", "time", "date", "weekday", "document"}


@pytest.mark.parametrize("amount", [500, 1200, 3400, 12000, 25500])
def test_money_in_sino_korean_words_from_an_independent_library(templates, amount: int) -> None:
    spoken = num2words(amount, lang="ko")  # e.g. 천이백: written by num2words, read by the kiosk
    match = templates.match(f"수수료는 {spoken} 원입니다", "ko")
    assert match and match.slots == {"fee": amount}, spoken


@pytest.mark.parametrize(
    ("line", "lang", "template_id", "slots"),
    [
        ("수수료는 1,200원입니다.", "ko", "fee_is", {"fee": 1200}),
        ("3번 창구로 가세요", "ko", "go_to_window", {"window": 3}),
        ("오후 2시에 다시 오세요", "ko", "come_back_at_time", {"time": "14:00"}),
        ("두 시 반에 다시 오세요", "ko", "come_back_at_time", {"time": "14:30"}),
        ("5월 3일에 찾으러 오세요", "ko", "pick_up_on_date", {"date": "05-03"}),
        ("가족관계증명서 두 통 주세요", "ko", "need_copies_of_document", {"document": "가족관계증명서", "copies": 2}),
        ("Please come back at 2:30 pm", "en", "come_back_at_time", {"time": "14:30"}),
        ("手续费是一千二百韩元", "zh", "fee_is", {"fee": 1200}),
        ("请到三号窗口办理", "zh", "go_to_window", {"window": 3}),
        ("Lệ phí là 1.200 won", "vi", "fee_is", {"fee": 1200}),
        ("手数料は千二百ウォンです", "ja", "fee_is", {"fee": 1200}),
        ("手数料は1通につき500ウォンです", "ja", "fee_per_copy", {"fee": 500}),
    ],
)
def test_lines_match_their_template_with_values(templates, line, lang, template_id, slots) -> None:
    match = templates.match(line, lang)
    assert match is not None and (match.template.template_id, match.slots) == (template_id, slots)


def test_a_fixed_value_in_the_template_must_be_the_same(templates) -> None:
    assert templates.match("手数料は2通につき500ウォンです", "ja") is None


def test_ordinary_words_are_not_numbers(templates) -> None:
    assert not templates.reader.find("이 일은 구청에서 해요", "ko")  # 이 = this, 일 = work
    assert not templates.reader.find("请快一点", "zh")  # 一点 = a little


def test_values_are_written_in_each_languages_form(templates) -> None:
    match = templates.match("수수료 1만 2천 원은 5번 창구에서 내 주세요", "ko")
    rendered = {lang: templates.render(match.template, match.slots, lang) for lang in templates.languages}
    assert rendered["en"] == "Please pay the fee of 12,000 won at window 5."
    assert rendered["vi"] == "Vui lòng nộp lệ phí 12.000 won tại quầy số 5."
    assert rendered["zh"] == "请到5号窗口缴纳手续费12,000韩元。"
    assert rendered["ko"] == "수수료 12,000원은 5번 창구에서 내 주세요."


def test_korean_particles_follow_the_value(templates) -> None:
    template = next(t for t in templates.templates if t.template_id == "need_document")
    assert templates.render(template, {"document": "여권"}, "ko") == "여권이 필요해요."
    assert templates.render(template, {"document": "위임장"}, "ko") == "위임장이 필요해요."
    assert templates.render(template, {"document": "가족관계증명서"}, "ko") == "가족관계증명서가 필요해요."


def test_every_template_reads_back_its_own_values_in_every_language(templates) -> None:
    for template in templates.templates:
        for lang in templates.languages:
            slots = {name: value for name, value in zip(template.slots, (3, 4), strict=False)}
            if set(template.slots.values()) & {"time", "date", "weekday", "document"}:
                continue  # covered by the sample values checked at load time
            match = templates.match(templates.render(template, slots, lang), lang)
            assert match and match.slots == slots, (template.template_id, lang)


def test_the_chain_translates_a_template_and_says_which(tmp_path) -> None:
    chain = build_translator(load_phrasebook(), [], load_glossary())
    result = chain.translate("오후 2시에 다시 오세요", "ko", "ja")
    assert isinstance(result, ReviewedTranslation)
    assert (result.text, result.provenance, result.phrase_id, result.slots) == (
        "午後2時にもう一度お越しください。",
        "template",
        "come_back_at_time",
        {"time": "14:00"},
    )
    phrase = chain.translate("잠시만 기다려 주세요", "ko", "en")
    assert (phrase.provenance, phrase.phrase_id) == ("phrasebook", "please_wait")


def test_a_template_answers_only_for_the_person_who_says_it(templates) -> None:
    """ "신분증 좀 주시겠어요" is the clerk asking for the visitor's ID, never the visitor's "I need the ID"."""
    assert templates.match("신분증 주세요", "ko", role="visitor").template.template_id == "need_document"
    assert templates.match("신분증 좀 주시겠어요", "ko", role="clerk") is None
    chain = build_translator(load_phrasebook(), [], load_glossary())
    with pytest.raises(TranslationUnavailable):
        chain.translate("신분증 좀 주시겠어요", "ko", "en")  # the clerk's line: a suggestion, not a wrong template
