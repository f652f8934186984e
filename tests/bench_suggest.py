"""Suggestion speed on the counter lines: ``python tests/bench_suggest.py [PHRASES]`` prints ms per line.

PHRASES (e.g. 300, 1000) pads the phrasebook with reversed copies to measure a larger book.
"""

from __future__ import annotations

import statistics
import sys
import time
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parents[1]))

from tests.test_suggest import counter_lines
from translations.glossary import load_glossary
from translations.phrasebook import Phrase, Phrasebook, load_phrasebook
from translations.suggest import build_suggester


def padded(book: Phrasebook, size: int) -> Phrasebook:
    """The phrasebook grown to ``size`` phrases with reversed texts (distractors for a speed figure only)."""
    extra = [
        Phrase(f"pad{i}_{p.phrase_id}", p.role, {k: v[::-1] for k, v in p.texts.items()}, p.category)
        for i, p in enumerate(list(book) * (size // max(len(book), 1) + 1))
    ]
    return Phrasebook([*book, *extra][:size], book.languages)


def main() -> None:
    size = int(sys.argv[1]) if len(sys.argv) > 1 else 0
    book = load_phrasebook()
    suggester = build_suggester(padded(book, size) if size > len(book) else book, load_glossary())
    rows = counter_lines()
    started = time.perf_counter()
    suggester.prepare(sorted({lang for lang, *_ in rows}))  # candidate keys are built once per language
    print(f"prepare: {(time.perf_counter() - started) * 1000:.0f} ms for 5 languages")
    times = []
    for _ in range(3):
        for lang, role, _, text in rows:
            started = time.perf_counter()
            suggester.suggest(text, lang, "en" if lang == "ko" else "ko", role=role)
            times.append((time.perf_counter() - started) * 1000)
    times.sort()
    median, p95 = statistics.median(times), times[int(len(times) * 0.95)]
    print(
        f"{len(suggester.phrasebook)} phrases + {len(suggester.templates)} templates, {len(times)} lines: "
        f"median {median:.2f} ms, p95 {p95:.2f} ms, max {times[-1]:.2f} ms"
    )


if __name__ == "__main__":
    main()
