"""Error rates for speech recognition: CER or WER, whichever unit the language table names.

Text is NFKC-normalised, lower-cased and stripped of punctuation; for CER spaces are removed too (the
Korean test corpus has its own word spacing). Digits are compared as written: "2018년" against a
reference "이천 십 팔 년" counts as errors for both systems alike.
"""

from __future__ import annotations

import unicodedata

from base.languages import lookup


def _clean(text: str) -> str:
    text = unicodedata.normalize("NFKC", text).lower()
    return "".join(ch if ch.isalnum() or ch.isspace() or _is_mark(ch) else " " for ch in text)


def _is_mark(char: str) -> bool:
    """Thai and Devanagari vowel signs are combining marks: part of the word, not punctuation."""
    return unicodedata.category(char).startswith("M")


def units(text: str, language: str) -> list[str]:
    """Characters (CER languages, spaces dropped) or words, as the language table says."""
    cleaned = _clean(text)
    return list(cleaned.replace(" ", "")) if lookup(language).asr_unit == "char" else cleaned.split()


def edit_distance(reference: list[str], hypothesis: list[str]) -> int:
    """Levenshtein distance over tokens."""
    previous = list(range(len(hypothesis) + 1))
    for i, ref in enumerate(reference, start=1):
        current = [i]
        for j, hyp in enumerate(hypothesis, start=1):
            current.append(min(previous[j] + 1, current[j - 1] + 1, previous[j - 1] + (ref != hyp)))
        previous = current
    return previous[-1]


def error_rate(references: list[str], hypotheses: list[str], language: str) -> float:
    """Corpus error rate: total edits over total reference units."""
    edits = total = 0
    for reference, hypothesis in zip(references, hypotheses, strict=True):
        ref = units(reference, language)
        edits += edit_distance(ref, units(hypothesis, language))
        total += len(ref)
    return edits / max(1, total)
