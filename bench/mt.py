"""``kiosk bench mt``: milliseconds per sentence, and our overhead over calling CTranslate2 directly.

Each installed pack (or, on a machine with none, a tiny word-for-word pack built for the run, and the
report says so) translates the phrasebook's sentences in its source language two ways, interleaved so
that both see the same machine load: through the kiosk's machine path (glossary + pack router + pack
translator, no cache) and by hand with ``sentencepiece`` + ``ctranslate2.Translator.translate_batch``
with the same options. Overhead = our median / direct median - 1. Then the suggestions (:mod:`bench.suggest`):
milliseconds per line with 300 phrases, and how often the intended phrase is offered on the counter lines.
"""

from __future__ import annotations

import tempfile
import time
from pathlib import Path

import numpy as np

from bench.env import TINY_WORDS
from bench.main import Result, Stage
from bench.suggest import bench_suggestions
from kiosk.config import KioskConfig
from kiosk.translation import installed
from translations.glossary import load_glossary
from translations.mt import ArgosPackTranslator, GlossaryTranslator, MtOptions, PackRouter
from translations.pack_builder import build_pack_folder
from translations.packs import InstalledPack, read_pack
from translations.phrasebook import load_phrasebook


def bench_mt(config: KioskConfig, quick: bool = False) -> Stage:
    """Per-pack latency and overhead; the tiny pack stands in when none is installed."""
    options = MtOptions(beam_size=config.translation.beam_size, cpu_threads=config.translation.cpu_threads)
    packs, _ = installed(config)
    with tempfile.TemporaryDirectory() as tmp:
        source = "installed"
        if not packs:
            packs = [read_pack(build_pack_folder(Path(tmp) / "tiny", "ko", "en", TINY_WORDS))]
            source = "tiny test pack (no pack installed)"
        results = []
        for pack in packs:
            results += _bench_pack(pack, options, config, rounds=2 if quick else 5)
    suggested, info, samples = bench_suggestions(quick)
    info = {"mt_packs": source, "mt_sentences_per_pack": len(_sentences("ko")), **info}
    return Stage(results + suggested, info, samples)


def _sentences(language: str) -> list[str]:
    book = load_phrasebook()
    return [p.texts[language] for p in book] if language in book.languages else [p.texts["en"] for p in book]


def _bench_pack(pack: InstalledPack, options: MtOptions, config: KioskConfig, rounds: int) -> list[Result]:
    ours = GlossaryTranslator(PackRouter([pack], options), load_glossary(config.translation.glossary_dir))
    direct = ArgosPackTranslator(pack, options)
    translator, tokenizer = direct.load()
    sentences = _sentences(pack.from_code)
    ours.translate(sentences[0], *pack.pair)  # load and warm up both paths
    mine, theirs = [], []
    for _ in range(rounds):
        for sentence in sentences:
            started = time.perf_counter()
            ours.translate(sentence, *pack.pair)
            mine.append(time.perf_counter() - started)
            started = time.perf_counter()
            tokens = tokenizer.encode(sentence, out_type=str)
            result = translator.translate_batch(
                [tokens], beam_size=options.beam_size, replace_unknowns=True, max_decoding_length=256
            )
            tokenizer.decode_pieces(result[0].hypotheses[0])
            theirs.append(time.perf_counter() - started)
    ours_ms, direct_ms = float(np.median(mine)) * 1000, float(np.median(theirs)) * 1000
    overhead = ours_ms / direct_ms - 1.0
    return [
        Result(f"mt {pack.code} ms per sentence p50", round(ours_ms, 2), "ms", "report", True),
        Result(
            f"mt {pack.code} ms per sentence p90", round(float(np.percentile(mine, 90)) * 1000, 2), "ms", "report", True
        ),
        Result(f"mt {pack.code} direct ctranslate2 p50", round(direct_ms, 2), "ms", "report", True),
        Result(f"mt {pack.code} overhead per sentence", round(ours_ms - direct_ms, 2), "ms", "report", True),
        Result(f"mt {pack.code} overhead vs direct ctranslate2", round(overhead, 3), "", "<= 0.10", overhead <= 0.10),
    ]
