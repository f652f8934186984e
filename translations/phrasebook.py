"""Curated counter phrases in every supported language: quick-phrase buttons and exact translations.

A phrase is translated by people, not by a model, so it works with no language pack installed. The
data file ``translations/data/phrasebook.json`` is reviewed like code. A phrase may list other wordings
that mean exactly the same ("also": {"en": ["Where is the toilet?"]}); they match like its text.
"""

from __future__ import annotations

import json
from collections.abc import Iterator
from dataclasses import dataclass, field
from pathlib import Path

DEFAULT_FILE = Path(__file__).resolve().parent / "data" / "phrasebook.json"
ROLES = ("clerk", "visitor", "both")


def said_by(item_role: str, role: str | None) -> bool:
    """A phrase or template of ``item_role`` is something ``role`` says (any role when ``role`` is None)."""
    return role is None or item_role in (role, "both")


@dataclass(frozen=True)
class Phrase:
    """One curated phrase: its id, who says it, and its text per language code."""

    phrase_id: str
    role: str
    texts: dict[str, str]
    category: str = "general"  # groups the quick-phrase buttons
    also: dict[str, tuple[str, ...]] = field(default_factory=dict)  # reviewed other wordings (toilet / restroom)

    def text(self, language: str) -> str | None:
        """The phrase in ``language``, or None when it has no reviewed translation."""
        return self.texts.get(language)


class Phrasebook:
    """The loaded phrasebook, looked up by id."""

    def __init__(self, phrases: list[Phrase], languages: tuple[str, ...] = ("ko",)) -> None:
        self._by_id = {phrase.phrase_id: phrase for phrase in phrases}
        self.languages = languages  # every phrase has a reviewed text in each of these

    def __len__(self) -> int:
        return len(self._by_id)

    def __iter__(self) -> Iterator[Phrase]:
        return iter(self._by_id.values())

    def get(self, phrase_id: str) -> Phrase:
        """The phrase with this id; KeyError when there is none."""
        return self._by_id[phrase_id]

    def for_role(self, role: str) -> list[Phrase]:
        """Phrases that ``role`` ("clerk" or "visitor") says, in file order."""
        return [phrase for phrase in self._by_id.values() if said_by(phrase.role, role)]


def load_phrasebook(path: Path = DEFAULT_FILE) -> Phrasebook:
    """Read and check a phrasebook file: every phrase needs an id, a known role and every listed language."""
    data = json.loads(path.read_text(encoding="utf-8"))
    phrases = []
    for item in data["phrases"]:
        texts = {code: item[code].strip() for code in data["languages"] if item.get(code, "").strip()}
        if len(texts) != len(data["languages"]) or item.get("role") not in ROLES or not item.get("id"):
            raise ValueError(
                f"phrasebook {path}: phrase {item.get('id')!r} needs an id, a role and a text in each of "
                f"{', '.join(data['languages'])}"
            )
        also = {code: tuple(more) for code, more in item.get("also", {}).items() if code in texts}
        phrases.append(Phrase(item["id"], item["role"], texts, item.get("category", "general"), also))
    return Phrasebook(phrases, tuple(data["languages"]))
