"""Civil-service terms that machine translation must not garble.

One reviewed file per language, ``translations/data/glossary/<code>.tsv``: ``Korean term<TAB>term``.
Before a pack translates, every known term in the source is replaced by a placeholder (``XQ1``, ``XQ2``
...): Latin capitals and digits that translation models copy through unchanged. Afterwards each
placeholder becomes the curated term of the target language. When the model drops a placeholder,
:class:`~translations.mt.GlossaryTranslator` translates again without protection, so no term is lost.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from pathlib import Path

from base.languages import lookup

DEFAULT_DIR = Path(__file__).resolve().parent / "data" / "glossary"
HOME = "ko"


def speaker_role(language: str) -> str:
    """Who says a line in ``language`` at the counter: the clerk speaks the home language, a visitor any other."""
    return "clerk" if language == HOME else "visitor"


@dataclass(frozen=True)
class Protected:
    """Source text with placeholders, and the target term each placeholder stands for."""

    text: str
    terms: dict[str, str]


class Glossary:
    """Curated term pairs between Korean and other languages."""

    def __init__(self, pairs: dict[str, list[tuple[str, str]]]) -> None:
        self._pairs = pairs  # language -> [(korean, term)]
        self._patterns: dict[tuple[str, str], tuple[re.Pattern, dict[str, str]] | None] = {}

    @property
    def languages(self) -> list[str]:
        return sorted(self._pairs)

    def terms(self, source: str, target: str) -> list[tuple[str, str]]:
        """(source term, target term) for this direction, longest source term first; empty if not curated."""
        if source == HOME and target in self._pairs:
            pairs = self._pairs[target]
        elif target == HOME and source in self._pairs:
            pairs = [(term, korean) for korean, term in self._pairs[source]]
        elif source in self._pairs and target in self._pairs:
            theirs = dict(self._pairs[target])
            pairs = [(term, theirs[korean]) for korean, term in self._pairs[source] if korean in theirs]
        else:
            return []
        return sorted(pairs, key=lambda pair: -len(pair[0]))

    def protect(self, text: str, source: str, target: str) -> Protected:
        """Replace every curated term in ``text`` by a placeholder (the same term, the same placeholder)."""
        compiled = self._compiled(source, target)
        if compiled is None:
            return Protected(text=text, terms={})
        pattern, by_term = compiled
        keys: dict[str, str] = {}
        terms: dict[str, str] = {}

        def swap(match: re.Match) -> str:
            folded = match.group(0).casefold()
            if folded not in keys:
                keys[folded] = f"XQ{len(keys) + 1}"
                terms[keys[folded]] = by_term[folded]
            return keys[folded] if lookup(source).spaced else f" {keys[folded]} "

        return Protected(text=pattern.sub(swap, text), terms=terms)

    def _compiled(self, source: str, target: str) -> tuple[re.Pattern, dict[str, str]] | None:
        """One alternation per direction, longest term first (compiled once: it runs for every line)."""
        if (source, target) not in self._patterns:
            pairs = self.terms(source, target)
            if not pairs:
                self._patterns[(source, target)] = None
            else:
                alternation = "|".join(re.escape(term) for term, _ in pairs)
                row = lookup(source)
                if row.spaced and row.script == "Latn":  # whole words only in space-separated Latin scripts
                    alternation = rf"(?<!\w)(?:{alternation})(?!\w)"
                by_term: dict[str, str] = {}
                for term, replacement in pairs:
                    by_term.setdefault(term.casefold(), replacement)
                flags = re.IGNORECASE if source != HOME else 0
                self._patterns[(source, target)] = (re.compile(alternation, flags), by_term)
        return self._patterns[(source, target)]


def restore(translated: str, protected: Protected, target: str) -> str | None:
    """Put the curated terms in place of the placeholders; None when the model lost one of them."""
    space = "" if lookup(target).spaced else r"\s*"  # no spaces around a term where words have none
    for key, term in protected.terms.items():
        pattern = re.compile(space + r"X\s*Q\s*" + key[2:] + r"(?!\d)" + space, re.IGNORECASE)
        translated, count = pattern.subn(lambda _m, term=term: term, translated)
        if not count:
            return None
    return re.sub(r"\s{2,}", " ", translated).strip()


def load_glossary(folder: Path = DEFAULT_DIR) -> Glossary:
    """Read every ``<code>.tsv`` in ``folder`` (a missing folder is an empty glossary)."""
    pairs: dict[str, list[tuple[str, str]]] = {}
    for path in sorted(folder.glob("*.tsv")) if folder.is_dir() else []:
        rows = []
        for number, line in enumerate(path.read_text(encoding="utf-8").splitlines(), start=1):
            if not line.strip() or line.lstrip().startswith("#"):
                continue
            korean, sep, term = line.partition("\t")
            if not sep or not korean.strip() or not term.strip():
                raise ValueError(f"glossary {path}, line {number}: expected 'Korean term<TAB>term'")
            rows.append((korean.strip(), term.strip()))
        pairs[path.stem] = rows
    return Glossary(pairs)
