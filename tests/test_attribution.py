"""Who spoke on a shared microphone: the rule itself (the real-model checks are in tests/test_speech.py)."""

from __future__ import annotations

import pytest

from base.events import Role
from translations.attribution import Attribution, attribute


@pytest.mark.parametrize(
    ("language", "p", "expected"),
    [
        ("ko", 0.95, Attribution(Role.CLERK)),  # confidently Korean: the clerk
        ("ko", None, Attribution(Role.CLERK)),  # the language was fixed, not guessed
        ("ko", 0.55, Attribution(Role.VISITOR)),  # doubtful Korean: never put in the clerk's mouth
        ("vi", 0.40, Attribution(Role.VISITOR)),  # the visitor's language, however unsure
        ("en", 0.90, Attribution(Role.VISITOR, switch_to="en")),  # a third language: offer to switch
        ("en", 0.30, Attribution(Role.VISITOR)),  # a vague third language: shown, no offer
    ],
)
def test_attribution(language: str, p: float | None, expected: Attribution) -> None:
    assert attribute(language, p, "ko", "vi") == expected


def test_threshold_is_a_parameter() -> None:
    assert attribute("ko", 0.6, "ko", "vi", min_clerk_p=0.5).role is Role.CLERK


def test_a_short_utterance_gets_no_switch_offer() -> None:
    # measured: the first 1.5 s of a Korean clip was once detected as Japanese with p 0.92
    assert attribute("ja", 0.92, "ko", "vi", seconds=1.5) == Attribution(Role.VISITOR)
    assert attribute("ja", 0.92, "ko", "vi", seconds=3.0) == Attribution(Role.VISITOR, switch_to="ja")
