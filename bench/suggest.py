"""Suggestions on the counter lines the team wrote (``tests/data/counter_lines*.tsv``): how often, how fast.

Part of ``kiosk bench mt``. Quality on two self-written sets: ``counter_lines.tsv`` (the suggester was tuned
on it) and ``counter_lines_heldout.tsv`` (written after tuning, never tuned on); each row names the phrase or
template the speaker meant. Speed with the phrasebook padded to 300 phrases (reversed copies: distractors for
a speed figure only), every line suggested for its speaker. These prove the code path on lines we wrote, not
accuracy on real counter speech.
"""

from __future__ import annotations

import time
from pathlib import Path

import numpy as np

from bench.main import Result
from translations.glossary import load_glossary
from translations.phrasebook import Phrase, Phrasebook, load_phrasebook
from translations.suggest import SEND_THRESHOLD, Suggester, build_suggester

DATA = Path(__file__).resolve().parents[1] / "tests" / "data"
SETS = {"tuned": DATA / "counter_lines.tsv", "held-out": DATA / "counter_lines_heldout.tsv"}
BOOK_SIZE = 300  # phrases, for the speed figure (the target: <= 20 ms per line with 300 phrases)
MAX_MS = 20.0


def counter_lines(path: Path = SETS["tuned"]) -> list[tuple[str, str, str, str]]:
    """(language, speaker role, intended phrase or template id, line) per data row."""
    rows = []
    for line in path.read_text(encoding="utf-8").splitlines():
        if line.strip() and not line.startswith("#"):
            lang, role, intended, text = line.split("\t")
            rows.append((lang, role, intended, text))
    return rows


def target_of(language: str) -> str:
    """The other party's language in the test sets: Korean lines go to English, the rest to Korean."""
    return "en" if language == "ko" else "ko"


def measure(suggester: Suggester, path: Path) -> dict[str, float]:
    """Share of lines whose intended id is first / in the top three / beaten by a wrong sendable one."""
    rows = counter_lines(path)
    first = top3 = wrong_sendable = 0
    for lang, role, intended, text in rows:
        found = suggester.suggest(text, lang, target_of(lang), role=role)
        ids = [s.id for s in found]
        first += bool(ids) and ids[0] == intended
        top3 += intended in ids
        wrong_sendable += any(s.id != intended and s.score >= SEND_THRESHOLD for s in found)
    n = len(rows)
    return {"lines": n, "first": first / n, "top3": top3 / n, "wrong_sendable": wrong_sendable / n}


def padded(book: Phrasebook, size: int) -> Phrasebook:
    """The phrasebook grown to ``size`` phrases with reversed texts (distractors for a speed figure only)."""
    extra = [
        Phrase(f"pad{i}_{p.phrase_id}", p.role, {k: v[::-1] for k, v in p.texts.items()}, p.category)
        for i, p in enumerate(list(book) * (size // max(len(book), 1) + 1))
    ]
    return Phrasebook([*book, *extra][:size], book.languages)


def suggestion_times(size: int = BOOK_SIZE, rounds: int = 3) -> tuple[list[float], dict]:
    """Milliseconds per suggested line (every tuned and held-out line, ``rounds`` times) with ``size`` phrases."""
    book = load_phrasebook()
    suggester = build_suggester(padded(book, size) if size > len(book) else book, load_glossary())
    rows = [row for path in SETS.values() for row in counter_lines(path)]
    started = time.perf_counter()
    suggester.prepare(sorted({lang for lang, *_ in rows}))
    prepare_ms = (time.perf_counter() - started) * 1000
    times = []
    for _ in range(rounds):
        for lang, role, _, text in rows:
            started = time.perf_counter()
            suggester.suggest(text, lang, target_of(lang), role=role)
            times.append((time.perf_counter() - started) * 1000)
    info = {"phrases": len(suggester.phrasebook), "templates": len(suggester.templates), "prepare_ms": prepare_ms}
    return times, info


def bench_suggestions(quick: bool = False) -> tuple[list[Result], dict, dict[str, list[float]]]:
    """Figures against the issue's targets, facts about the run, and the per-line times for a histogram."""
    if not all(path.is_file() for path in SETS.values()):
        return [], {"suggest": "skipped: tests/data/counter_lines*.tsv not found (run from the source tree)"}, {}
    times, facts = suggestion_times(rounds=1 if quick else 3)
    median, p95 = float(np.median(times)), float(np.percentile(times, 95))
    size = f"{facts['phrases']} phrases + {facts['templates']} templates"
    results = [
        Result(f"suggest ms per line p50 ({size})", round(median, 2), "ms", "report", True),
        Result(f"suggest ms per line p95 ({size})", round(p95, 2), "ms", f"<= {MAX_MS:.0f}", p95 <= MAX_MS),
    ]
    info = {"suggest_prepare_ms": round(facts["prepare_ms"], 1), "suggest_timed_lines": len(times)}
    suggester = build_suggester(load_phrasebook(), load_glossary())
    for name, path in SETS.items():
        found = measure(suggester, path)
        info[f"suggest_{name}_lines"] = found["lines"]
        results += [
            Result(f"suggest {name}: intended first", round(found["first"], 3), "", "report", True),
            Result(f"suggest {name}: intended in top 3", round(found["top3"], 3), "", ">= 0.85", found["top3"] >= 0.85),
            Result(
                f"suggest {name}: wrong one above the send threshold",
                round(found["wrong_sendable"], 3),
                "",
                "<= 0.05",
                found["wrong_sendable"] <= 0.05,
            ),
        ]
    return results, info, {f"suggest ms per line ({size})": times}
