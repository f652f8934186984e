"""``kiosk bench`` and ``kiosk soak``: measurements against the targets, and an accelerated counter day.

kiosk bench [STAGE...]    latency, real-time factor and memory against the targets (bench.main)
kiosk soak --visits N     an accelerated counter day: memory growth, leaks, nothing lost
"""

from __future__ import annotations

import argparse
import json
import sys
from pathlib import Path

from kiosk.config import KioskConfig


def add_bench(commands: argparse._SubParsersAction) -> None:
    """Register ``kiosk bench``."""
    bench = commands.add_parser("bench", help="measure latency, real-time factor and memory against targets")
    bench.add_argument(
        "stage", nargs="*", default=["all"], help="asr, mt, sign, ui, startup, memory, pipeline or all (default)"
    )
    bench.add_argument("--cores", type=int, help="pin to this many cores (mimic the counter PC)")
    bench.add_argument("--json", action="store_true", help='print {"results": [...], "machine", "command"}')
    bench.add_argument("--out", type=Path, help="also write report.md, report.json and charts here")
    bench.add_argument("--quick", action="store_true", help="few samples per stage: under a minute (CI)")
    bench.add_argument(
        "--set",
        dest="sets",
        action="append",
        metavar="SET",
        help="asr: speech set(s) scored against offline: clean (default), joined, white, babble, cut, short, quiet,"
        " reverb, phone, breaths, all or none",
    )
    bench.add_argument(
        "--asr",
        action="append",
        default=[],
        metavar="KEY=VALUE",
        help="asr: a recogniser setting for this run, e.g. beam_size=5 or min_window_s=30",
    )
    bench.set_defaults(handler=_bench)


def add_soak(commands: argparse._SubParsersAction) -> None:
    """Register ``kiosk soak``."""
    soak = commands.add_parser("soak", help="an accelerated counter day: memory, threads, files, nothing lost")
    soak.add_argument("--visits", type=int, default=300)
    soak.add_argument("--speech-every", type=int, default=10, metavar="K", help="speech in every K-th visit (0: none)")
    soak.add_argument("--seed", type=int, default=1)
    soak.add_argument("--json", action="store_true")
    soak.set_defaults(handler=_soak)


def _bench(args: argparse.Namespace, config: KioskConfig) -> int:
    from bench.main import run
    from bench.report import markdown, write

    try:
        overrides = asr_overrides(args.asr)
        report, stages = run(args.stage, config, args.cores, args.quick, tuple(args.sets or ["clean"]), overrides)
    except (ValueError, FileNotFoundError) as exc:
        print(f"bench: {exc}", file=sys.stderr)
        return 2
    if args.out:
        write(args.out, report, stages)
    print(json.dumps(report, ensure_ascii=False, indent=2) if args.json else markdown(report))
    return 0


def asr_overrides(pairs: list[str]) -> dict:
    """``KEY=VALUE`` strings as recogniser settings, each converted to the type of the setting's default."""
    import dataclasses

    from translations.asr import AsrOptions

    defaults = {f.name: f.default for f in dataclasses.fields(AsrOptions) if f.default is not dataclasses.MISSING}
    out = {}
    for pair in pairs:
        key, _, value = pair.partition("=")
        if key not in defaults or not value:
            raise ValueError(f"--asr {pair!r}: expected KEY=VALUE, KEY one of {', '.join(sorted(defaults))}")
        kind = type(defaults[key])
        out[key] = value.lower() in ("1", "true", "yes") if kind is bool else kind(value)
    return out


def _soak(args: argparse.Namespace, config: KioskConfig) -> int:
    from bench.soak import soak

    if args.visits < 1 or args.speech_every < 0:
        print("soak: --visits must be at least 1 and --speech-every at least 0", file=sys.stderr)
        return 2
    report = soak(config, args.visits, args.speech_every, args.seed).as_json()
    if args.json:
        print(json.dumps(report, indent=2))
    else:
        for key, value in report.items():
            print(f"{key:26} {value}")
    return 0 if report["pass"] else 1
