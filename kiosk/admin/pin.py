"""The admin PIN that is the only way out of kiosk mode, with a lockout and an audit log.

The PIN is stored in the config as ``pbkdf2$<salt hex>$<hash hex>`` (``kiosk admin hash-pin`` makes
one); an empty setting disables unlocking, so a kiosk without a PIN can only be left from the operating
system. After ``MAX_TRIES`` wrong PINs in a row unlocking is refused for ``LOCKOUT_S`` seconds. Every
attempt, lockout and admin action is appended to ``audit.log`` (JSON lines, beside the transcripts):
what happened and when, never the PIN and never transcript text.
"""

from __future__ import annotations

import hashlib
import hmac
import json
import logging
import os
import secrets
import time
from collections.abc import Callable
from pathlib import Path

from base.clock import Clock, SystemClock

log = logging.getLogger(__name__)
MAX_TRIES = 5
LOCKOUT_S = 300.0
ITERATIONS = 200_000


def hash_pin(pin: str, salt: bytes | None = None) -> str:
    """The config value for ``pin``."""
    if not pin.isdigit() or not 4 <= len(pin) <= 12:
        raise ValueError("the PIN must be 4 to 12 digits")
    salt = salt or secrets.token_bytes(16)
    digest = hashlib.pbkdf2_hmac("sha256", pin.encode(), salt, ITERATIONS)
    return f"pbkdf2${salt.hex()}${digest.hex()}"


def _matches(pin: str, stored: str) -> bool:
    try:
        scheme, salt, digest = stored.split("$")
        expected = bytes.fromhex(digest)
        actual = hashlib.pbkdf2_hmac("sha256", pin.encode(), bytes.fromhex(salt), ITERATIONS)
    except ValueError:
        return False
    return scheme == "pbkdf2" and hmac.compare_digest(actual, expected)


class AdminGate:
    """Checks PINs, locks out guessers, and writes the audit log."""

    def __init__(
        self,
        pin_hash: str,
        audit_path: Path,
        clock: Clock | None = None,
        wall_clock: Callable[[], float] = time.time,
    ) -> None:
        self.pin_hash, self.audit_path = pin_hash, audit_path
        self._clock, self._wall = clock or SystemClock(), wall_clock
        self._wrong = 0
        self._locked_until = 0.0

    @property
    def enabled(self) -> bool:
        return bool(self.pin_hash)

    def locked_for(self) -> float:
        """Seconds until PINs are accepted again (0 when not locked)."""
        return max(0.0, self._locked_until - self._clock.now())

    def try_pin(self, pin: str) -> bool:
        """True when ``pin`` is right and the gate is not locked; every try is audited."""
        if not self.enabled:
            self.audit("unlock_refused", why="no admin PIN configured")
            return False
        if self.locked_for() > 0:
            self.audit("unlock_refused", why="locked out", seconds_left=round(self.locked_for()))
            return False
        if _matches(pin, self.pin_hash):
            self._wrong = 0
            self.audit("unlock")
            return True
        self._wrong += 1
        self.audit("wrong_pin", tries=self._wrong)
        if self._wrong >= MAX_TRIES:
            self._wrong = 0
            self._locked_until = self._clock.now() + LOCKOUT_S
            self.audit("locked_out", seconds=LOCKOUT_S)
        return False

    def audit(self, action: str, **details: object) -> None:
        """Append one line to the audit log (owner-only file); a failure is logged, never raised."""
        line = {"time": round(self._wall(), 3), "action": action, **details}
        try:
            self.audit_path.parent.mkdir(parents=True, exist_ok=True)
            fd = os.open(self.audit_path, os.O_WRONLY | os.O_APPEND | os.O_CREAT, 0o600)
            with os.fdopen(fd, "a", encoding="utf-8") as out:
                out.write(json.dumps(line, ensure_ascii=False) + "\n")
        except OSError:
            log.exception("could not write the audit log")
        log.info("admin: %s", action)
