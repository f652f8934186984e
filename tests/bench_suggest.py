"""Suggestion speed on the counter lines: ``python tests/bench_suggest.py`` prints the median ms per line."""

from __future__ import annotations

import statistics
import sys
import time
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parents[1]))

from tests.test_suggest import counter_lines
from translations.glossary import load_glossary
from translations.phrasebook import load_phrasebook
from translations.suggest import build_suggester


def main() -> None:
    suggester = build_suggester(load_phrasebook(), load_glossary())
    rows = counter_lines()
    for lang in {lang for lang, *_ in rows}:
        suggester.suggest("warm up", lang, "ko")  # candidate keys are built once per language
    times = []
    for _ in range(3):
        for lang, role, _, text in rows:
            started = time.perf_counter()
            suggester.suggest(text, lang, "en" if lang == "ko" else "ko", role=role)
            times.append((time.perf_counter() - started) * 1000)
    times.sort()
    median, p95 = statistics.median(times), times[int(len(times) * 0.95)]
    print(f"{len(suggester.phrasebook)} phrases + {len(suggester.templates)} templates, {len(times)} lines: "
          f"median {median:.2f} ms, p95 {p95:.2f} ms, max {times[-1]:.2f} ms")


if __name__ == "__main__":
    main()
