"""Suggestions and templates on counter lines the team wrote (tests/data/counter_lines.tsv, not recorded).

The figures prove the code path on self-written lines, not accuracy on real counter speech.
"""

from __future__ import annotations

from collections import Counter
from pathlib import Path

import pytest

from bench.suggest import SETS, counter_lines, measure
from translations.glossary import load_glossary
from translations.phrasebook import load_phrasebook
from translations.suggest import Suggester, build_suggester
from translations.values import NUMERIC

LINES = SETS["tuned"]  # the suggester was tuned on these
HELD_OUT = SETS["held-out"]  # written after tuning, never tuned on


@pytest.fixture(scope="module")
def suggester() -> Suggester:
    return build_suggester(load_phrasebook(), load_glossary())


def test_the_test_set_is_large_and_covers_five_languages() -> None:
    rows = counter_lines() + counter_lines(HELD_OUT)
    assert len(rows) >= 150
    assert {lang for lang, *_ in rows} == {"ko", "en", "zh", "vi", "ja"}


@pytest.mark.parametrize("path", [LINES, HELD_OUT], ids=["tuned", "held-out"])
def test_the_intended_phrase_is_offered_and_wrong_ones_are_rarely_sendable(suggester: Suggester, path: Path) -> None:
    figures = measure(suggester, path)
    assert figures["top3"] >= 0.85, figures
    assert figures["wrong_sendable"] <= 0.05, figures


def test_numbers_always_survive_a_suggestion(suggester: Suggester) -> None:
    checked = 0
    for lang, role, _, text in counter_lines() + counter_lines(HELD_OUT):
        numbers = Counter(v.value for v in suggester.templates.reader.find(text, lang) if v.kind in NUMERIC)
        if not numbers:
            continue
        target = "en" if lang == "ko" else "ko"
        for suggestion in suggester.suggest(text, lang, target, role=role):
            assert not numbers - Counter(suggestion.slots.values()), (text, suggestion)
            checked += 1
    assert checked >= 40


def test_a_suggestion_is_the_reviewed_text_in_both_languages(suggester: Suggester) -> None:
    found = suggester.suggest("수수료는 천이백 원이에요", "ko", "zh", role="clerk")[0]
    assert (found.id, found.slots, found.translation) == ("fee_is", {"fee": 1200}, "手续费是1,200韩元。")
    assert found.text == "수수료는 1,200원입니다." and found.sendable
    assert suggester.suggest("   ", "ko", "en") == []
    assert not any(s.sendable for s in suggester.suggest("zebra crossing", "en", "ko"))
