"""The visitor's consent to a transcript copy, the copy itself, and the retention limit (PIPA)."""

from __future__ import annotations

import logging
from collections.abc import Callable
from pathlib import Path

from base.errors import SessionStateError
from base.events import Notice, SessionEvent, TranscriptEntry
from kiosk.config import KioskConfig
from kiosk.export import write_export
from kiosk.store import retention_cutoff
from kiosk.transcript_writer import TranscriptWriter

log = logging.getLogger(__name__)

PURGE_EVERY_S = 600.0


class Privacy:
    """Consent for this visit only; stored visits are deleted past ``[store] retention``."""

    def __init__(
        self,
        config: KioskConfig,
        writer: TranscriptWriter,
        now: Callable[[], float],
        wall: Callable[[], float],
        emit: Callable[[SessionEvent], None],
    ) -> None:
        self._config = config
        self._writer = writer
        self._now = now
        self._wall = wall
        self._emit = emit
        self.consented = False
        self._last_purge = now()

    def give_consent(self, granted: bool) -> None:
        """Record the visitor's answer and tell the clerk."""
        self.consented = granted
        log.info("visitor consent to a transcript copy: %s", granted)
        self._emit(
            Notice(
                "consent",
                "방문자가 기록 사본에 동의했습니다" if granted else "방문자가 기록 사본을 원하지 않습니다",
                "the visitor agreed to a transcript copy" if granted else "the visitor declined a copy",
            )
        )

    def export(self, entries: list[TranscriptEntry], session_id: str | None, fmt: str) -> Path:
        """Write the transcript for printing or hand-over: only after the visitor said yes."""
        if not self.consented:
            raise SessionStateError(
                "방문자의 동의 없이는 기록을 출력할 수 없습니다", "the visitor has not agreed to a transcript copy"
            )
        title = f"{self._config.kiosk.name} — {session_id}"
        return write_export(entries, self._config.store.export_dir, session_id or "visit", title, fmt)

    def purge_due(self) -> bool:
        """True when the last purge was ``PURGE_EVERY_S`` ago."""
        return self._now() - self._last_purge >= PURGE_EVERY_S

    def purge_expired(self) -> int:
        """Delete stored visits older than the retention setting; return how many."""
        self._last_purge = self._now()
        cutoff = retention_cutoff(self._config.store.retention, self._wall())
        count = self._writer.attempt(lambda: self._writer.store.purge_before(cutoff)) or 0
        if count:
            log.info("purged %d visit(s) past retention", count)
        return count
