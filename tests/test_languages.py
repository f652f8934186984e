"""The one language table: every module that needs a fact about a language reads it from base.languages."""

from __future__ import annotations

import pytest

from base.languages import LANGUAGES, NAMES_IN, language, lookup, name_in
from bench.scoring import units
from translations.glossary import Protected, restore
from translations.sentences import joiner
from translations.streaming import _join
from translations.text_guards import text_units
from ui.strings import KOREAN_CAPTIONS, language_label

CODES = sorted(LANGUAGES)


@pytest.mark.parametrize("code", CODES)
def test_bench_label_and_scoring_count_the_same_unit(code: str) -> None:
    counted = "CER" if units("ab cd", code) == ["a", "b", "c", "d"] else "WER"
    assert LANGUAGES[code].asr_metric == counted


def test_thai_is_scored_and_labelled_by_characters() -> None:
    assert language("th").asr_metric == "CER"
    assert units("สวัสดี ครับ", "th") == list("สวัสดีครับ")  # vowel signs are counted, not dropped
    assert units("नमस्ते", "ne") == ["नमस्ते"]


@pytest.mark.parametrize("code", CODES)
def test_streaming_tokens_follow_the_table(code: str) -> None:
    tokens = text_units("ab cd", code)
    assert tokens == (["ab", "cd"] if LANGUAGES[code].spaced else ["a", "b", "c", "d"])
    assert _join(tokens, code) == ("ab cd" if LANGUAGES[code].spaced else "abcd")


def test_sentences_are_joined_by_script() -> None:
    assert {code for code in CODES if joiner(code) == ""} == {"zh", "ja"}  # Thai separates sentences by a space


def test_a_term_is_restored_without_spaces_where_words_have_none() -> None:
    protected = Protected(text="ก XQ1 ข", terms={"XQ1": "บัตร"})
    assert restore("ก XQ1 ข", protected, "th") == "กบัตรข"
    assert restore("a XQ1 b", protected, "en") == "a บัตร b"


def test_visitor_buttons_show_the_tables_native_names() -> None:
    assert language_label("ko") == KOREAN_CAPTIONS
    assert language_label("zh") == LANGUAGES["zh"].native == "中文 (简体)"
    assert all(language_label(code) == LANGUAGES[code].native for code in CODES if code != "ko")


def test_a_code_outside_the_table_is_spaced_and_scored_by_words() -> None:
    row = lookup("de")
    assert (row.native, row.spaced, row.asr_metric, row.asr, row.voice) == ("de", True, "WER", None, None)
    with pytest.raises(KeyError, match="known: ko, en"):
        language("de")


def test_a_language_is_named_as_the_sentence_around_it_writes_it() -> None:
    assert [name_in("en", reader) for reader in ("ko", "en", "zh", "vi", "ja")] == [
        "영어",
        "English",
        "英语",
        "tiếng Anh",
        "英語",
    ]
    assert name_in("zh", "en") == "Chinese"  # not the table's "Chinese (Mandarin, simplified)"
    assert name_in("th", "th") == "ภาษาไทย"  # no Thai names in the table: its own name


def test_every_visitor_screen_language_names_every_known_language() -> None:
    for reader in NAMES_IN:
        assert set(NAMES_IN[reader]) == set(LANGUAGES), reader
