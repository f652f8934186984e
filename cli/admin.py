"""``kiosk admin hash-pin``: read a PIN and print the value for ``[ui] admin_pin``."""

from __future__ import annotations

import argparse
import sys

from kiosk.config import KioskConfig


def add_admin(commands: argparse._SubParsersAction) -> None:
    """Register ``kiosk admin ...``."""
    admin = commands.add_parser("admin", help="kiosk-mode administration")
    admin_actions = admin.add_subparsers(dest="action", required=True, metavar="ACTION")
    admin_actions.add_parser("hash-pin", help="read a PIN and print the [ui] admin_pin value").set_defaults(
        handler=_admin_hash_pin
    )


def _admin_hash_pin(args: argparse.Namespace, config: KioskConfig) -> int:
    import getpass

    from kiosk.admin.pin import hash_pin

    pin = getpass.getpass("PIN (4-12 digits): ") if sys.stdin.isatty() else sys.stdin.readline().strip()
    try:
        print(f'admin_pin = "{hash_pin(pin)}"')
    except ValueError as exc:
        print(f"오류 / error: PIN은 숫자 4~12자리여야 합니다 / {exc}", file=sys.stderr)
        return 2
    return 0
