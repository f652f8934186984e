"""The translation chain on tiny real packs: phrasebook first, direct pack, pivot, glossary, cache, session."""

from __future__ import annotations

import dataclasses
from pathlib import Path

import pytest

from base.clock import ManualClock
from base.errors import TranslationUnavailable
from base.events import Role, VisitorMode
from base.languages import LANGUAGES
from kiosk.session import Session
from kiosk.store import TranscriptStore
from kiosk.translation import kiosk_translator, language_support
from translations.glossary import Glossary, load_glossary
from translations.languages import route
from translations.mt import (
    CachedTranslator,
    GlossaryTranslator,
    IdentityTranslator,
    PackRouter,
    PhrasebookTranslator,
    build_translator,
    normalise,
)
from translations.pack_builder import build_pack
from translations.packs import install, installed_packs
from translations.phrasebook import load_phrasebook
from translations.sentences import split_sentences

GLOSSARY = Glossary(
    {
        "en": [("주민등록등본", "certified copy of resident registration"), ("등본", "certified copy")],
        "ja": [("주민등록등본", "住民登録謄本"), ("등본", "謄本")],
    }
)


@pytest.fixture(scope="module")
def packs(tmp_path_factory: pytest.TempPathFactory, pack_files: dict[str, Path]) -> list:
    folder = tmp_path_factory.mktemp("installed")
    for path in pack_files.values():
        install(path, folder)
    return installed_packs(folder)[0]


@pytest.fixture(scope="module")
def chain(packs: list):
    return build_translator(load_phrasebook(), packs, GLOSSARY)


def test_a_phrasebook_phrase_wins_over_the_pack(chain) -> None:
    result = chain.translate("잠시만  기다려 주세요", "ko", "en")  # spacing and punctuation differ
    assert (result.text, result.provenance) == ("Please wait a moment.", "phrasebook")


def test_a_direct_pack_translates_what_the_phrasebook_does_not_know(chain) -> None:
    result = chain.translate("여기 서명 주세요", "ko", "en")
    assert (result.text, result.provenance) == ("here sign please", "machine")
    assert result.seconds > 0


def test_two_packs_compose_through_english_when_no_direct_pack_exists(chain) -> None:
    result = chain.translate("안녕하세요 창구", "ko", "ja")
    assert (result.text, result.provenance) == ("こんにちは 窓口", "pivot")


def test_sentences_are_split_and_joined_for_the_target_language(chain) -> None:
    result = chain.translate("여기 서명 주세요 . 안녕하세요 !", "ko", "en")
    assert result.text == "here sign please . hello !"


def test_no_route_is_a_clear_error(chain) -> None:
    with pytest.raises(TranslationUnavailable, match="ko->vi"):
        chain.translate("여기 서명 주세요", "ko", "vi")
    assert not chain.supports("ko", "th") or chain.translate("감사합니다.", "ko", "th")


def test_glossary_terms_survive_a_real_pack_and_a_pivot(chain) -> None:
    direct = chain.translate("주민등록등본 여기 주세요", "ko", "en")
    assert direct.text == "certified copy of resident registration here please"
    pivot = chain.translate("등본 여기 주세요", "ko", "ja")
    assert pivot.text == "謄本ここ ください"  # no space around the term; the toy model spaces its words
    assert pivot.provenance == "pivot"


def test_when_a_model_loses_the_placeholder_the_line_is_translated_without_protection(tmp_path: Path) -> None:
    """A pack that translates the placeholder itself (as a real model might) must not lose the line."""
    words = {"여기": "here", "주세요": "please", "XQ1": "something"}
    folder = tmp_path / "packs"
    install(build_pack(tmp_path / "lossy.argosmodel", "ko", "en", words), folder)
    translator = GlossaryTranslator(PackRouter(installed_packs(folder)[0]), GLOSSARY)
    result = translator.translate("등본 여기 주세요", "ko", "en")
    assert result.text == "등본 here please"  # the unknown word is copied; nothing invented
    assert "something" not in result.text


def test_the_cache_returns_the_same_result_and_stays_bounded(packs: list) -> None:
    cached = CachedTranslator(PackRouter(packs), size=2)
    first = cached.translate("여기 서명", "ko", "en")
    assert cached.translate("여기 서명", "ko", "en") is first
    cached.translate("안녕하세요", "ko", "en")
    cached.translate("서류", "ko", "en")
    assert cached.translate("여기 서명", "ko", "en") is not first  # evicted, translated again
    assert len(cached._cache) == 2


def test_identity_translator_for_tests() -> None:
    assert IdentityTranslator().translate("그대로", "ko", "en").text == "그대로"


def test_phrasebook_matches_normalised_text_in_every_direction() -> None:
    book = load_phrasebook()
    phrases = PhrasebookTranslator(book)
    for phrase in book:
        for source in book.languages:
            for target in book.languages:
                noisy = "  " + phrase.texts[source].upper() + " "
                assert phrases.translate(noisy, source, target).text == phrase.texts[target]
    with pytest.raises(TranslationUnavailable):
        phrases.translate("이 문장은 문구집에 없습니다", "ko", "en")


def test_split_sentences_keeps_numbers_and_abbreviations() -> None:
    assert split_sentences("The fee is 3.5 dollars. Mr. Kim is here! OK?") == [
        "The fee is 3.5 dollars.",
        "Mr. Kim is here!",
        "OK?",
    ]
    assert split_sentences("请稍等。您的号码是12号！谢谢") == ["请稍等。", "您的号码是12号！", "谢谢"]
    assert split_sentences("잠시만요.\n서명해 주세요") == ["잠시만요.", "서명해 주세요"]
    assert split_sentences("   ") == []


def test_route_prefers_a_direct_pack_and_never_pivots_english_through_itself() -> None:
    pairs = [("ko", "en"), ("en", "ja"), ("ko", "ja")]
    assert route("ko", "ja", pairs) == [("ko", "ja")]
    assert route("ko", "ja", pairs[:2]) == [("ko", "en"), ("en", "ja")]
    assert route("en", "ko", pairs) is None


def test_the_session_translates_each_line_for_the_other_party(config, packs: list) -> None:
    models = dataclasses.replace(config.models, packs_dir=packs[0].path.parent)
    no_glossary = dataclasses.replace(config.translation, glossary_dir=config.store.path.parent / "no-glossary")
    config = dataclasses.replace(config, models=models, translation=no_glossary)
    translator, notices = kiosk_translator(config)
    assert not notices
    store = TranscriptStore(config.store.path)
    session = Session(config, store, clock=ManualClock(), translator=translator)
    session.choose("en", VisitorMode.TEXT)
    clerk = session.say(Role.CLERK, "여기 서명 주세요")
    assert clerk.translations == {"en": "here sign please"} and clerk.provenance == "machine"
    visitor = session.say(Role.VISITOR, "Thank you.")
    assert visitor.translations == {"ko": "감사합니다."} and visitor.provenance == "phrasebook"
    untranslated = session.say(Role.VISITOR, "zebra crossing")
    assert untranslated.translations == {} and untranslated.provenance == "original"
    saved = store.entries(session.session_id)
    assert [(e.provenance, e.translations) for e in saved] == [
        ("machine", {"en": "here sign please"}),
        ("phrasebook", {"ko": "감사합니다."}),
        ("original", {}),
    ]
    store.close()


def test_a_damaged_pack_tells_the_clerk_and_the_conversation_goes_on(config, pack_files: dict, tmp_path) -> None:
    folder = tmp_path / "damaged"
    install(pack_files["ko-en"], folder)
    (folder / "translate-ko_en" / "model" / "model.bin").write_bytes(b"\0" * 100)
    config = dataclasses.replace(config, models=dataclasses.replace(config.models, packs_dir=folder))
    translator, _ = kiosk_translator(config)
    store = TranscriptStore(config.store.path)
    session = Session(config, store, clock=ManualClock(), translator=translator)
    events = []
    session.subscribe(events.append)
    session.choose("en", VisitorMode.TEXT)
    entry = session.say(Role.CLERK, "여기 서명 주세요")
    assert entry.translations == {} and entry.text == "여기 서명 주세요"
    assert any(getattr(e, "code", "") == "translation_failed" for e in events)
    store.close()


def test_languages_are_offered_only_where_the_kiosk_can_help(config, packs: list) -> None:
    assert len(LANGUAGES) == 12
    every = dataclasses.replace(config, kiosk=dataclasses.replace(config.kiosk, languages=tuple(LANGUAGES)))
    support = language_support(every)
    assert {code for code, s in support.items() if s.offered} == {"ko", "en", "zh", "vi", "ja"}
    assert "translation packs ko->th" in support["th"].missing[0]
    assert support["mn"].voice is False  # espeak-ng has no Mongolian voice
    folder = packs[0].path.parent
    with_packs = dataclasses.replace(every, models=dataclasses.replace(every.models, packs_dir=folder))
    assert language_support(with_packs)["en"].translation is False  # en->ko is not installed


def test_the_shipped_glossary_files_are_consistent() -> None:
    glossary = load_glossary()
    assert set(glossary.languages) >= {"en", "zh", "vi", "ja"}
    korean = {lang: {k for k, _ in glossary.terms("ko", lang)} for lang in glossary.languages}
    assert all(len(terms) >= 40 for terms in korean.values()), {k: len(v) for k, v in korean.items()}
    assert len({frozenset(terms) for terms in korean.values()}) == 1, "every file covers the same Korean terms"


def test_the_phrasebook_has_every_phrase_in_every_language() -> None:
    book = load_phrasebook()
    assert len(book) >= 80
    assert set(book.languages) == {"ko", "en", "zh", "vi", "ja"}
    for language in book.languages:
        keys = [normalise(p.texts[language]) for p in book]
        duplicates = {k for k in keys if keys.count(k) > 1}
        assert not duplicates, f"{language}: the same text for two phrases: {duplicates}"
    assert {p.role for p in book} == {"clerk", "visitor", "both"}
