"""``kiosk run``, ``kiosk doctor`` and ``kiosk replay``: start the kiosk, check the machine, replay a scenario.

kiosk run                 start both screens (demo media when there is no camera or microphone)
kiosk doctor [--json]     check devices, fonts, models and packs; exit 0 only when all required are OK
kiosk replay SCENARIO     drive a Session from a scenario file and print the transcript as JSON
"""

from __future__ import annotations

import argparse
import json
from pathlib import Path

from kiosk.config import KioskConfig


def add_run(commands: argparse._SubParsersAction) -> None:
    """Register ``kiosk run``."""
    run = commands.add_parser("run", help="start the visitor and clerk screens")
    run.add_argument("--quit-after", type=float, metavar="SECONDS", help="quit after this long (smoke tests)")
    run.add_argument("--no-devices", action="store_true", help="do not probe real devices; use demo media")
    run.add_argument(
        "--ready-file", type=Path, help="write JSON here once both windows are shown and the kiosk is idle"
    )
    run.set_defaults(handler=_run)


def add_doctor(commands: argparse._SubParsersAction) -> None:
    """Register ``kiosk doctor``."""
    doctor = commands.add_parser("doctor", help="check camera, microphone, speaker, fonts, models and packs")
    doctor.add_argument("--json", action="store_true", help="print the report as JSON")
    doctor.set_defaults(handler=_doctor)


def add_replay(commands: argparse._SubParsersAction) -> None:
    """Register ``kiosk replay``."""
    replay = commands.add_parser("replay", help="replay a scenario file and print the transcript as JSON")
    replay.add_argument("scenario", type=Path)
    replay.add_argument("--db", type=Path, help="keep the transcript in this database (default: in memory)")
    replay.set_defaults(handler=_replay)


def _run(args: argparse.Namespace, config: KioskConfig) -> int:
    from kiosk.runtime import KioskRuntime
    from ui.app import run_kiosk  # the only place the core reaches the UI, lazily: kiosk itself imports no Qt

    runtime = KioskRuntime.build(config, start_devices=not args.no_devices)
    quit_after_ms = int(args.quit_after * 1000) if args.quit_after else None
    return run_kiosk(runtime, quit_after_ms=quit_after_ms, ready_file=args.ready_file)


def _doctor(args: argparse.Namespace, config: KioskConfig) -> int:
    from kiosk.admin.doctor import all_required_ok, report, run_checks

    results = run_checks(config)
    print(report(results, as_json=args.json))
    return 0 if all_required_ok(results) else 1


def _replay(args: argparse.Namespace, config: KioskConfig) -> int:
    from bench.replay import load_scenario, replay
    from kiosk.store import TranscriptStore

    scenario = load_scenario(args.scenario)
    store = TranscriptStore(args.db) if args.db else None
    result = replay(scenario, config, store)
    print(json.dumps(result, ensure_ascii=False, indent=2))
    return 0
