"""The official daily-life KSL dictionary (문화체육관광부 「일상생활 수어」, 3,622 signs): words, aliases, 수형 설명.

Shipped in ``data/ksl_lexicon`` with its README; the credit line :data:`CREDIT` must be shown wherever the
data is used (the teaching screen shows it). :func:`search` finds entries by Korean word or alias (exact
first, then prefix, then anywhere in the word); the teaching screen shows the chosen entry's description so
the interpreter signs the standard form, and the word (or the alias picked) becomes the taught sign's gloss.
:func:`korean` gives a gloss's Korean wording for the clerk, without the dictionary's bracketed context
("(사람을)차다" -> "차다"); :func:`sign_models.composer.dictionary_entry` uses it to extend the composer.
"""

from __future__ import annotations

import json
import re
from dataclasses import dataclass
from functools import cache
from pathlib import Path

from base.errors import MediaFormatError

DICTIONARY_PATH = Path(__file__).parent / "data" / "ksl_lexicon" / "daily_life_signs.jsonl"
CREDIT = "수어 사전 자료: 문화체육관광부 일상생활 수어 (공공데이터포털)"
_BRACKETS = re.compile(r"\([^)]*\)")


@dataclass(frozen=True)
class DictionaryEntry:
    """One sign: its Korean word, other Korean words for it, and how it is made (수형 설명; may be empty)."""

    word: str
    aliases: tuple[str, ...]
    description: str

    @property
    def names(self) -> tuple[str, ...]:
        return (self.word, *self.aliases)


@cache
def load_dictionary(path: Path = DICTIONARY_PATH) -> tuple[DictionaryEntry, ...]:
    """Every entry; a missing or damaged file raises :class:`MediaFormatError`."""
    try:
        rows = [json.loads(line) for line in Path(path).read_text(encoding="utf-8").splitlines() if line.strip()]
        return tuple(
            DictionaryEntry(str(r["word"]), tuple(str(a) for a in r.get("aliases", [])), str(r.get("description", "")))
            for r in rows
        )
    except (OSError, ValueError, KeyError, TypeError) as exc:
        raise MediaFormatError(
            f"수어 사전 파일을 읽을 수 없습니다: {path}", f"cannot read the sign dictionary {path}: {exc!r}"
        ) from exc


def search(query: str, limit: int = 20) -> list[DictionaryEntry]:
    """Entries whose word or alias equals, starts with, or contains ``query`` (in that order)."""
    query = query.strip()
    if not query:
        return []
    ranked: list[tuple[int, int, DictionaryEntry]] = []
    for index, entry in enumerate(load_dictionary()):
        names = [_plain(n) for n in entry.names] + list(entry.names)
        if query in names:
            rank = 0
        elif any(n.startswith(query) for n in names):
            rank = 1
        elif any(query in n for n in names):
            rank = 2
        else:
            continue
        ranked.append((rank, index, entry))
    return [entry for _, _, entry in sorted(ranked, key=lambda r: (r[0], r[1]))[:limit]]


def lookup(gloss: str) -> DictionaryEntry | None:
    """The entry whose word or alias is ``gloss`` (with or without its bracketed context), or None."""
    return _index().get(gloss.strip())


def korean(gloss: str) -> str:
    """The Korean wording of a gloss for the clerk: without the dictionary's bracketed context."""
    return _plain(gloss) or gloss


@cache
def _index() -> dict[str, DictionaryEntry]:
    index: dict[str, DictionaryEntry] = {}
    for entry in load_dictionary():
        for name in entry.names:
            index.setdefault(name, entry)
            index.setdefault(_plain(name), entry)
    return index


def _plain(name: str) -> str:
    return _BRACKETS.sub("", name).strip()
