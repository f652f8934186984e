"""Gloss sequence -> a polite Korean sentence for the clerk.

KSL word order is not Korean word order: question words come last ([화장실, 어디] "toilet where"), negation
follows the predicate ([필요하다, 없다] "need not"), and there are no particles. The composer reorders and
inflects with the lexicon (``data/lexicon.json``): time words first, then the topic (저는), nouns with the
particle their predicate asks for (이/가, 을/를, 에; chosen by the last syllable's final consonant), the
question word as an adverb (어디에서, 얼마나, 뭐가), then the predicate in 해요체 (or its polite request
form, 주세요). A question word makes a question; a negator after a predicate gives its negative form.

The sequence is split into clauses: a phrase (안녕하세요) is its own sentence, and a predicate with the
negators and question words right after it closes a clause. A clause without a predicate is still a polite
fragment ("화장실이요."). Glosses that are not in the lexicon (newly taught signs) are worded from the official
KSL dictionary (:func:`dictionary_entry`: -하다 words as predicates, the rest as nouns).
Repeated glosses in a row count once (the same sign seen twice). Nothing is ever dropped silently: every
gloss's Korean text appears in the output.
"""

from __future__ import annotations

import json
from collections.abc import Sequence
from dataclasses import dataclass, field
from functools import cache
from pathlib import Path

from base.errors import MediaFormatError
from sign_models.dictionary import korean, lookup

LEXICON_PATH = Path(__file__).parent / "data" / "lexicon.json"
POS = ("phrase", "noun", "pronoun", "time", "adverb", "predicate", "wh")


@dataclass(frozen=True)
class Entry:
    """One gloss of the lexicon; ``forms`` holds the part-of-speech specific fields (see the file's ``about``)."""

    gloss: str
    pos: str
    ko: str
    en: str
    forms: dict[str, object] = field(default_factory=dict)

    def form(self, name: str, default: str = "") -> str:
        return str(self.forms.get(name, default))


@cache
def load_lexicon(path: Path = LEXICON_PATH) -> dict[str, Entry]:
    """Every gloss's entry; a missing or broken file raises :class:`MediaFormatError`."""
    try:
        glosses = json.loads(Path(path).read_text(encoding="utf-8"))["glosses"]
        lexicon = {
            gloss: Entry(gloss, fields["pos"], fields.get("ko", gloss), fields["en"], dict(fields))
            for gloss, fields in glosses.items()
        }
    except (OSError, ValueError, KeyError, TypeError, AttributeError) as exc:
        raise MediaFormatError(
            f"수어 어휘 파일을 읽을 수 없습니다: {path}", f"cannot read the lexicon {path}: {exc!r}"
        ) from exc
    bad = [e.gloss for e in lexicon.values() if e.pos not in POS]
    if bad:
        raise MediaFormatError(f"어휘 품사가 잘못되었습니다: {bad}", f"unknown part of speech for {bad}")
    return lexicon


def has_final_consonant(word: str) -> bool:
    """Whether the last Hangul syllable has a final consonant (받침); other scripts count as vowel-final."""
    code = ord(word[-1]) - 0xAC00 if word else -1
    return 0 <= code < 11172 and code % 28 != 0


def with_particle(word: str, kind: str) -> str:
    """``word`` with a particle: subject 이/가, object 을/를, topic 은/는, polite ending 이요/요, destination 에."""
    pairs = {"subject": ("이", "가"), "object": ("을", "를"), "topic": ("은", "는"), "polite": ("이요", "요")}
    if kind == "destination":
        return word + "에"
    if kind not in pairs:
        return word
    consonant, vowel = pairs[kind]
    return word + (consonant if has_final_consonant(word) else vowel)


def compose(glosses: Sequence[str], lexicon: dict[str, Entry] | None = None) -> str:
    """One or more polite Korean sentences for the glosses ("" for none)."""
    lexicon = lexicon if lexicon is not None else load_lexicon()
    entries = []
    for gloss in (g.strip() for g in glosses):
        if gloss and (not entries or entries[-1].gloss != gloss):
            entries.append(lexicon.get(gloss) or dictionary_entry(gloss))
    return " ".join(_sentence(clause) for clause in _clauses(entries))


def dictionary_entry(gloss: str) -> Entry:
    """A gloss that is not in the lexicon (a sign taught on site), worded from the KSL dictionary
    (:mod:`sign_models.dictionary`): a dictionary word in -하다 is a predicate in 해요체 (신청하다 -> 신청해요),
    anything else a noun, without the dictionary's bracketed context."""
    word = korean(gloss)
    if lookup(gloss) is not None and word.endswith("하다") and len(word) > 2:
        stem = word[:-2]
        forms = {"polite": f"{stem}해요", "question": f"{stem}해요", "neg": f"{stem} 안 해요", "case": "object"}
        return Entry(gloss, "predicate", word, "", forms)
    return Entry(gloss, "noun", word, "")


def _clauses(entries: list[Entry]) -> list[list[Entry]]:
    """Split at phrases and after each predicate (with the negators and question words that follow it)."""
    clauses: list[list[Entry]] = []
    current: list[Entry] = []
    for entry in entries:
        has_predicate = any(e.pos == "predicate" for e in current)
        follows = entry.pos == "wh" or (entry.forms.get("negator") and current and current[-1].pos == "predicate")
        if entry.pos == "phrase" or (has_predicate and not follows):
            clauses.append(current)
            current = []
        current.append(entry)
        if entry.pos == "phrase":
            clauses.append(current)
            current = []
    clauses.append(current)
    return [c for c in clauses if c]


def _sentence(clause: list[Entry]) -> str:
    if clause[0].pos == "phrase":
        return clause[0].ko + "."
    predicates = [e for e in clause if e.pos == "predicate"]
    wh = next((e for e in clause if e.pos == "wh"), None)
    if predicates:
        return _with_predicate(clause, predicates, wh)
    return _without_predicate(clause, wh)


def _by_pos(clause: list[Entry], *pos: str) -> list[Entry]:
    return [e for e in clause if e.pos in pos]


def _with_predicate(clause: list[Entry], predicates: list[Entry], wh: Entry | None) -> str:
    """[time] [topic] [nouns + particle] [question word] [adverbs] predicate."""
    main, negated = predicates[0], len(predicates) > 1
    form = main.form("neg") if negated else main.form("question" if wh else "polite", main.form("polite"))
    words = [e.ko for e in _by_pos(clause, "time")] + [e.form("topic", e.ko) for e in _by_pos(clause, "pronoun")]
    nouns = " ".join(e.ko for e in _by_pos(clause, "noun"))
    case = main.form("case")
    question = ""
    if wh is not None and wh.forms.get("modifier") and nouns:
        nouns = f"{wh.form('modifier')} {nouns}"  # 무슨 서류가
    elif wh is not None:
        own = wh.form("object" if case == "object" else "subject")
        question = own or wh.form("adverb").replace("{place}", main.form("place"))
    if nouns:
        words.append(with_particle(nouns, case))
    words += [question] if question else []
    words += [e.ko for e in _by_pos(clause, "adverb")]
    return " ".join([*words, form]) + ("?" if wh else ".")


def _without_predicate(clause: list[Entry], wh: Entry | None) -> str:
    """A question about nouns (화장실이 어디예요?), a request by adverbs (다시 말씀해 주세요), or a fragment."""
    lead = [e.form("topic", e.ko) for e in _by_pos(clause, "pronoun")] if wh else []
    nouns = " ".join(e.ko for e in _by_pos(clause, "time", "noun") + ([] if wh else _by_pos(clause, "pronoun")))
    adverbs = _by_pos(clause, "adverb")
    if wh is not None:
        if not nouns:
            return " ".join([*lead, wh.form("copula")]) + "?"
        kind = "topic" if wh.forms.get("topic") else "subject"
        return " ".join([*lead, with_particle(nouns, kind), wh.form("copula")]) + "?"
    if adverbs and not nouns:
        if len(adverbs) == 1:
            return adverbs[0].form("alone", adverbs[0].ko) + "."
        return " ".join([*(e.ko for e in adverbs), adverbs[-1].form("request")]) + "."
    alone = _by_pos(clause, "pronoun")
    if len(clause) == 1 and alone:
        return alone[0].form("alone", alone[0].ko) + "."
    return " ".join([with_particle(nouns, "polite"), *(e.ko for e in adverbs)]) + "."
