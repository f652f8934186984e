"""The ``kiosk`` command: the entry point, composing one module per command family.

    kiosk run | doctor | replay             start the screens, check the machine, replay   (cli.run)
    kiosk transcribe | translate | say | packs   speech, text and language packs   (cli.translation)
    kiosk bench | soak                      measurements against the targets, a counter day   (cli.measure)
    kiosk sign ... | fingerspell ...        sign language and fingerspelling tools   (cli.sign)
    kiosk admin hash-pin                    kiosk-mode administration   (cli.admin)

``--config FILE`` overrides ``KIOSK_CONFIG`` and ``./kiosk.toml``. Errors print in Korean and English and
exit with code 2; nothing here prints transcript text except ``replay``'s own output.
"""

from __future__ import annotations

import argparse
import logging
import sys
from pathlib import Path

from base.errors import KioskError
from cli import admin, measure, run, sign, translation
from kiosk.config import load_config

# In the order `kiosk --help` lists them.
COMMANDS = (
    run.add_run,
    run.add_doctor,
    translation.add_transcribe,
    measure.add_bench,
    run.add_replay,
    measure.add_soak,
    translation.add_translate,
    translation.add_say,
    translation.add_packs,
    admin.add_admin,
    sign.add_sign,
    sign.add_fingerspell,
)


def build_parser() -> argparse.ArgumentParser:
    """The argument parser with one sub-command per capability."""
    parser = argparse.ArgumentParser(
        prog="kiosk", description="Offline accessibility kiosk for public service counters"
    )
    parser.add_argument("--config", type=Path, help="config file (default: $KIOSK_CONFIG, then ./kiosk.toml)")
    parser.add_argument("-v", "--verbose", action="store_true", help="debug logging (never shows transcript text)")
    commands = parser.add_subparsers(dest="command", required=True, metavar="COMMAND")
    for add in COMMANDS:
        add(commands)
    return parser


def main(argv: list[str] | None = None) -> int:
    """Entry point of the ``kiosk`` console script."""
    args = build_parser().parse_args(argv)
    logging.basicConfig(
        level=logging.DEBUG if args.verbose else logging.INFO, format="%(asctime)s %(levelname)s %(name)s: %(message)s"
    )
    try:
        config = load_config(args.config)
        return args.handler(args, config)
    except KioskError as exc:
        print(f"오류 / error: {exc}", file=sys.stderr)
        return 2


if __name__ == "__main__":
    raise SystemExit(main())
