"""The transcript store: SQLite in WAL mode, one row per committed transcript line.

Durability: every entry is its own transaction with ``synchronous=FULL``, so an entry that
:meth:`TranscriptStore.add` returned survives a killed process or a power cut. A damaged database file
is moved aside (``*.corrupt-YYYYmmdd-HHMMSS``) and reported, never overwritten. The file is created
owner-only (0600) and ``secure_delete`` overwrites purged text, because transcripts are personal data.

A stored line is never changed: its revisions and corrections are rows of their own (:mod:`kiosk.store_schema`);
:meth:`TranscriptStore.entries` gives each line as it reads now, with its first reading when it was revised.
"""

from __future__ import annotations

import json
import logging
import os
import sqlite3
import threading
import time
from collections.abc import Iterator
from contextlib import contextmanager
from dataclasses import dataclass, replace
from pathlib import Path

from base.errors import CorruptDatabaseError, StoreError, StoreWriteError
from base.events import Modality, Role, TranscriptEntry
from kiosk.store_schema import COLUMNS, check_integrity, migrate, move_aside

log = logging.getLogger(__name__)
_LATEST = "(SELECT {column} FROM {table} c WHERE c.entry_id = e.id ORDER BY c.id DESC LIMIT 1)"
REVISED = ("text", "translations", "provenance", "confidence")  # a revision's columns, as the line reads them


@dataclass(frozen=True)
class Amendment:
    """One correction of a line, as stored (the line itself is never changed; the newest correction counts).

    ``role``: who said the line (the clerk may have flipped it); ``text``: the clerk's words for it ("" none: the
    words said stand); ``translations``: what each party reads; ``suggestion``: the reviewed phrase the speaker
    tapped instead ("" none; ``translations`` are then the phrase's); ``provenance``: how ``translations`` were
    made (None: as the line's were).
    """

    role: Role
    text: str
    translations: dict[str, str]
    suggestion: str = ""
    provenance: str | None = None


class TranscriptStore:
    """Thread-safe access to one transcript database file (or ``":memory:"``)."""

    def __init__(self, path: Path | str, *, read_only: bool = False) -> None:
        """Open (creating when missing) ``path``; ``read_only`` inspects a file without changing it."""
        self.path = path if path == ":memory:" else Path(path)
        self.read_only = read_only
        self._lock = threading.Lock()
        self._db = self._open()
        self._columns = {  # (table, column) of what the file has (an old file opened read-only lacks newer ones)
            (table, row[1])
            for table in ("corrections", "revisions")
            for row in self._db.execute(f"PRAGMA table_info({table})")
        }

    def _open(self) -> sqlite3.Connection:
        if isinstance(self.path, Path) and not self.read_only:
            self.path.parent.mkdir(parents=True, exist_ok=True)
            if not self.path.exists():
                os.close(os.open(self.path, os.O_CREAT | os.O_WRONLY, 0o600))
        target = f"file:{self.path}?mode=ro" if self.read_only else str(self.path)
        try:
            db = sqlite3.connect(target, check_same_thread=False, isolation_level=None, uri=self.read_only)
        except sqlite3.Error as exc:
            raise StoreError(
                "기록 데이터베이스를 열 수 없습니다", f"cannot open the transcript database: {exc}"
            ) from exc
        try:
            check_integrity(db)
        except sqlite3.DatabaseError as exc:
            db.close()
            if "locked" in str(exc) or not isinstance(self.path, Path):
                raise StoreError(
                    "기록 데이터베이스를 열 수 없습니다", f"cannot open the transcript database: {exc}"
                ) from exc
            moved = move_aside(self.path)
            raise CorruptDatabaseError(
                "기록 데이터베이스 파일이 손상되어 따로 보관했습니다. 새 파일로 시작합니다.",
                f"the transcript database was damaged ({exc}); it was moved to {moved.name}",
                hint=f"keep {moved} for recovery; the kiosk starts a new database",
            ) from exc
        try:
            for pragma in ("journal_mode=WAL", "synchronous=FULL", "foreign_keys=ON", "secure_delete=ON"):
                db.execute(f"PRAGMA {pragma}")
            migrate(db)
        except sqlite3.OperationalError as exc:  # a read-only file or disk: reading works, writes will say so
            log.warning("transcript database is not writable: %s", exc)
        return db

    def close(self) -> None:
        """Close the connection (the WAL is checkpointed by SQLite)."""
        with self._lock:
            self._db.close()

    @contextmanager
    def _writing(self) -> Iterator[sqlite3.Connection]:
        """One transaction; SQLite failures (disk full, read-only ...) become :class:`StoreWriteError`."""
        with self._lock:
            try:
                self._db.execute("BEGIN IMMEDIATE")
                yield self._db
                self._db.execute("COMMIT")
            except sqlite3.Error as exc:
                if self._db.in_transaction:
                    self._db.execute("ROLLBACK")
                raise StoreWriteError(
                    "기록을 저장하지 못했습니다. 대화는 계속할 수 있습니다.",
                    f"the transcript could not be saved: {exc}",
                    hint="check free disk space and that the database file is writable",
                ) from exc

    def open_session(self, session_id: str, started: float, language: str | None, mode: str | None) -> None:
        """Record the start of a visit."""
        with self._writing() as db:
            db.execute(
                "INSERT INTO sessions(id, started, language, mode) VALUES (?, ?, ?, ?)",
                (session_id, started, language, mode),
            )

    def end_session(self, session_id: str, ended: float) -> None:
        """Mark a visit as ended normally."""
        with self._writing() as db:
            db.execute("UPDATE sessions SET ended=?, status='ended' WHERE id=?", (ended, session_id))

    def close_interrupted(self, now: float) -> list[str]:
        """Mark visits left open by a crash or power cut as interrupted; return their ids."""
        with self._writing() as db:
            ids = [row[0] for row in db.execute("SELECT id FROM sessions WHERE status='open'")]
            db.execute("UPDATE sessions SET ended=?, status='interrupted' WHERE status='open'", (now,))
        return ids

    def add(self, entry: TranscriptEntry) -> TranscriptEntry:
        """Commit ``entry`` durably and return it with its database id."""
        with self._writing() as db:
            cursor = db.execute(
                "INSERT INTO entries(session_id, time, role, modality, language, text, translations,"
                " provenance, confidence) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?)",
                (
                    entry.session_id,
                    entry.time,
                    entry.role.value,
                    entry.modality.value,
                    entry.language,
                    entry.text,
                    json.dumps(entry.translations, ensure_ascii=False),
                    entry.provenance,
                    entry.confidence,
                ),
            )
            entry_id = cursor.lastrowid
        return replace(entry, entry_id=entry_id or 0, saved=True)

    def correct(self, entry_id: int, amendment: Amendment, when: float) -> None:
        """Record ``amendment`` of the entry ``entry_id`` at ``when`` (the entry stays as it was)."""
        translated = json.dumps(amendment.translations, ensure_ascii=False)
        with self._writing() as db:
            db.execute(
                "INSERT INTO corrections(entry_id, time, text, translations, suggestion, role, provenance)"
                " VALUES (?, ?, ?, ?, ?, ?, ?)",
                (
                    entry_id,
                    when,
                    amendment.text,
                    translated,
                    amendment.suggestion,
                    amendment.role.value,
                    amendment.provenance,
                ),
            )

    def revise(
        self,
        entry_id: int,
        text: str,
        translations: dict[str, str],
        provenance: str,
        confidence: float | None,
        when: float,
    ) -> None:
        """The recogniser heard the line ``entry_id`` again at ``when`` (with the words after it, before anyone
        amended it): a revision row with its words, translations and confidence; the entry keeps its first reading."""
        with self._writing() as db:
            db.execute(
                "INSERT INTO revisions(entry_id, time, text, translations, provenance, confidence)"
                " VALUES (?, ?, ?, ?, ?, ?)",
                (entry_id, when, text, json.dumps(translations, ensure_ascii=False), provenance, confidence),
            )

    def add_translations(self, entry_id: int, translations: dict[str, str], provenance: str) -> None:
        """The line ``entry_id`` gained ``translations`` (a new reader: the visitor switched language), made with
        ``provenance``; stored where the line keeps its translations (its newest correction, else its newest
        revision, else the entry), its words unchanged."""
        with self._writing() as db:
            for table in ("corrections", "revisions"):
                newest = db.execute(
                    f"SELECT id, translations FROM {table} WHERE entry_id=? ORDER BY id DESC LIMIT 1", (entry_id,)
                ).fetchone()
                if newest:
                    merged = _merged(newest[1], translations)
                    update = f"UPDATE {table} SET translations=?, provenance=? WHERE id=?"
                    db.execute(update, (merged, provenance, newest[0]))
                    return
            (known,) = db.execute("SELECT translations FROM entries WHERE id=?", (entry_id,)).fetchone()
            db.execute(
                "UPDATE entries SET translations=?, provenance=? WHERE id=?",
                (_merged(known, translations), provenance, entry_id),
            )

    def set_language(self, session_id: str, language: str) -> None:
        """The visitor switched the visit's language (the lines keep the language each was said in)."""
        with self._writing() as db:
            db.execute("UPDATE sessions SET language=? WHERE id=?", (language, session_id))

    def entries(self, session_id: str | None = None) -> list[TranscriptEntry]:
        """Entries of one visit (or all), oldest first, each as it reads now: its newest revision and correction."""
        latest = [("corrections", column) for column in ("text", "translations", *COLUMNS)]
        latest += [("revisions", column) for column in REVISED]
        query = "SELECT e.id, e.session_id, e.time, e.role, e.modality, e.language, e.text, e.translations,"
        query += " e.provenance, e.confidence"
        for table, column in latest:  # (NULL: an old file opened read-only)
            query += ", " + (_LATEST.format(table=table, column=column) if (table, column) in self._columns else "NULL")
        query += " FROM entries e"
        query += (" WHERE e.session_id=?" if session_id else "") + " ORDER BY e.id"
        with self._lock:
            rows = self._db.execute(query, (session_id,) if session_id else ()).fetchall()
        return [_entry_from_row(row) for row in rows]

    def visit_count(self) -> tuple[int, int]:
        """(stored visits, stored lines): what the retention setting will purge."""
        with self._lock:
            visits = self._db.execute("SELECT count(*) FROM sessions").fetchone()[0]
            lines = self._db.execute("SELECT count(*) FROM entries").fetchone()[0]
        return visits, lines

    def session_language(self, session_id: str) -> str | None:
        """The visit's language (the newest, when the visitor switched), or None when unknown."""
        with self._lock:
            row = self._db.execute("SELECT language FROM sessions WHERE id=?", (session_id,)).fetchone()
        return row[0] if row else None

    def session_status(self, session_id: str) -> str | None:
        """'open', 'ended', 'interrupted', or None when unknown (or purged)."""
        with self._lock:
            row = self._db.execute("SELECT status FROM sessions WHERE id=?", (session_id,)).fetchone()
        return row[0] if row else None

    def purge_before(self, cutoff: float) -> int:
        """Delete visits that started before ``cutoff`` (Unix seconds) with their entries; return the count."""
        with self._writing() as db:
            count = db.execute("DELETE FROM sessions WHERE started < ? AND status != 'open'", (cutoff,)).rowcount
        with self._lock:
            self._db.execute("PRAGMA wal_checkpoint(TRUNCATE)")
        return count


def retention_cutoff(retention: str, now: float) -> float:
    """The oldest start time to keep: local midnight today for "end_of_day", else ``now`` minus hours."""
    if retention == "end_of_day":
        local = time.localtime(now)
        return time.mktime((local.tm_year, local.tm_mon, local.tm_mday, 0, 0, 0, 0, 0, -1))
    return now - float(retention) * 3600.0


def _merged(stored: str, added: dict[str, str]) -> str:
    """A stored translations column with ``added`` translations added."""
    return json.dumps({**json.loads(stored), **added}, ensure_ascii=False)


def _entry_from_row(row: tuple) -> TranscriptEntry:
    entry_id, session_id, when, role, modality, language, text, translations, provenance, confidence, *latest = row
    fixed, fixed_tr, suggestion, said_by, made_by, *revision = latest
    first = ""
    if revision[0] is not None:  # heard again: the revision's reading, the entry's kept as the first
        first, (text, translations, provenance, confidence) = text, revision
    return TranscriptEntry(
        entry_id=entry_id,
        session_id=session_id,
        time=when,
        role=Role(said_by or role),
        modality=Modality(modality),
        language=language,
        text=text,
        translations=json.loads(fixed_tr if fixed is not None else translations),
        provenance=made_by or provenance,
        confidence=confidence,
        correction=fixed or "",
        suggestion=suggestion or "",
        flipped=bool(said_by) and said_by != role,
        first_reading=first,
    )
