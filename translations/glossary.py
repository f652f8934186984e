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
from functools import cache
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


TERMS_KO = Path(__file__).resolve().parent / "data" / "civil_terms_ko.txt"
MIN_TERM_CHARS = 4  # shorter terms (수수료, 여권, 민원) are one slip away from everyday words: never corrected
PARTICLES = (
    "",
    "을",
    "를",
    "이",
    "가",
    "은",
    "는",
    "도",
    "만",
    "의",
    "에",
    "에서",
    "으로",
    "로",
    "과",
    "와",
    "이나",
    "나",
    "부터",
    "까지",
    "하고",
    "이랑",
    "랑",
    "요",
    "이요",
    "이에요",
    "예요",
    "입니다",
    "이고",
    "이면",
    "인데",
)
LONG_TERM = 8  # from this length a term may differ by two syllables, or have one more or one fewer
MAX_SPAN = 3  # a term may have been heard as up to three words ("가족 관계 증명서")


@cache
def korean_terms() -> tuple[str, ...]:
    """The Korean civil-service terms (the glossary's Korean side and the speech term list), without spaces."""
    terms = {korean for pairs in load_glossary()._pairs.values() for korean, _ in pairs}
    if TERMS_KO.is_file():
        lines = (line.split("#", 1)[0].strip() for line in TERMS_KO.read_text(encoding="utf-8").splitlines())
        terms |= {line for line in lines if line}
    return tuple(sorted({t.replace(" ", "") for t in terms}, key=lambda t: (-len(t), t)))


def fix_terms(text: str, language: str) -> str:
    """``text`` recognised in ``language``: Korean with :func:`correct_terms` applied, any other as heard."""
    return correct_terms(text, korean_terms()) if language == HOME else text


def correct_terms(text: str, terms: tuple[str, ...]) -> str:
    """Recognised Korean with near-misses of civil-service terms replaced by the term ("주민등록등봉을" ->
    "주민등록등본을"). Only whole words: one to three words that are a term of at least ``MIN_TERM_CHARS``
    syllables with one syllable heard wrong (two, or one missing or extra, from ``LONG_TERM`` syllables on),
    plus nothing or a particle; a span that
    already holds a term exactly is left alone, so a correct word is never turned into a neighbouring term."""
    from rapidfuzz.distance import Levenshtein

    words = text.split()
    out, i, fixes = [], 0, 0
    while i < len(words):
        for size in range(min(MAX_SPAN, len(words) - i), 0, -1):
            span = words[i : i + size]
            body, tail = _split_punctuation("".join(span))
            fixed = _near_term(body, terms, Levenshtein.distance)
            if fixed is not None:
                out.append(fixed + tail)
                i, fixes = i + size, fixes + 1
                break
        else:
            out.append(words[i])
            i += 1
    return " ".join(out) if fixes else text


def _near_term(word: str, terms: tuple[str, ...], distance) -> str | None:
    """``word`` with its stem replaced by the one term it nearly matches, else None."""
    splits = [(word[: len(word) - len(p)], p) for p in PARTICLES if word.endswith(p) and len(word) > len(p)]
    if any(stem in terms for stem, _ in splits):
        return None
    found = [
        (edits, term, particle)
        for stem, particle in splits
        for term in terms
        if len(term) >= MIN_TERM_CHARS
        and abs(len(stem) - len(term)) <= (len(term) >= LONG_TERM)
        and 0 < (edits := distance(stem, term)) <= 1 + (len(term) >= LONG_TERM)
    ]
    if len({term for _, term, _ in found}) != 1:
        return None  # no term near, or two different ones: leave the words as heard
    _, term, particle = min(found, key=lambda item: (item[0], -len(item[2])))
    return term + particle


def _split_punctuation(word: str) -> tuple[str, str]:
    """The word and its trailing punctuation."""
    end = len(word)
    while end and not word[end - 1].isalnum():
        end -= 1
    return word[:end], word[end:]
