"""Suggestions and templates on counter lines the team wrote (tests/data/counter_lines.tsv, not recorded).

The figures prove the code path on self-written lines, not accuracy on real counter speech.
"""

from __future__ import annotations

from collections import Counter
from pathlib import Path

import pytest

from translations.glossary import load_glossary
from translations.phrasebook import load_phrasebook
from translations.suggest import SEND_THRESHOLD, Suggester, build_suggester
from translations.values import NUMERIC

DATA = Path(__file__).resolve().parent / "data"
LINES = DATA / "counter_lines.tsv"  # the suggester was tuned on these
HELD_OUT = DATA / "counter_lines_heldout.tsv"  # written after tuning, never tuned on


def counter_lines(path: Path = LINES) -> list[tuple[str, str, str, str]]:
    """(language, speaker role, intended phrase or template id, line) per data row."""
    rows = []
    for line in path.read_text(encoding="utf-8").splitlines():
        if line.strip() and not line.startswith("#"):
            lang, role, intended, text = line.split("\t")
            rows.append((lang, role, intended, text))
    return rows


@pytest.fixture(scope="module")
def suggester() -> Suggester:
    return build_suggester(load_phrasebook(), load_glossary())


def measure(suggester: Suggester, path: Path = LINES) -> dict[str, float]:
    """Share of lines whose intended id is first / in the top three / beaten by a wrong sendable one."""
    rows = counter_lines(path)
    first = top3 = wrong_sendable = 0
    for lang, role, intended, text in rows:
        target = "en" if lang == "ko" else "ko"
        found = suggester.suggest(text, lang, target, role=role)
        ids = [s.id for s in found]
        first += bool(ids) and ids[0] == intended
        top3 += intended in ids
        wrong_sendable += any(s.id != intended and s.score >= SEND_THRESHOLD for s in found)
    n = len(rows)
    return {"lines": n, "first": first / n, "top3": top3 / n, "wrong_sendable": wrong_sendable / n}


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
