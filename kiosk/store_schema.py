"""The transcript database's tables, and the migration of files an older kiosk wrote (no saved line is lost).

Versions (``PRAGMA user_version``): 1 sessions and entries; 2 the clerk's corrections; 3 a tapped suggestion
(``corrections.suggestion``); 4 the speaker (``corrections.role``); 5 how a correction's translations were made
(``corrections.provenance``, e.g. the phrasebook gave a flipped line its Korean); 6 the recogniser's revisions
(``revisions``: a spoken line heard again with the next one, issue 16). A column an old file lacks is added with
``ALTER TABLE``, a table with ``CREATE TABLE IF NOT EXISTS``; either keeps every row.

An entry is never changed: it keeps the recogniser's first reading. A revision is a row of ``revisions`` (the newest
counts: the line's words, translations and confidence as the recogniser reads them now), a clerk's correction a row
of ``corrections`` (over either); deleting a visit deletes both with its entries (``ON DELETE CASCADE``).
"""

from __future__ import annotations

import sqlite3
import time
from pathlib import Path

SCHEMA_VERSION = 6
SCHEMA = """
CREATE TABLE IF NOT EXISTS sessions (
    id TEXT PRIMARY KEY,
    started REAL NOT NULL,
    ended REAL,
    language TEXT,
    mode TEXT,
    status TEXT NOT NULL DEFAULT 'open'  -- open | ended | interrupted
);
CREATE TABLE IF NOT EXISTS entries (
    id INTEGER PRIMARY KEY AUTOINCREMENT,
    session_id TEXT NOT NULL REFERENCES sessions(id) ON DELETE CASCADE,
    time REAL NOT NULL,
    role TEXT NOT NULL,
    modality TEXT NOT NULL,
    language TEXT NOT NULL,
    text TEXT NOT NULL,
    translations TEXT NOT NULL DEFAULT '{}',
    provenance TEXT NOT NULL,
    confidence REAL
);
CREATE INDEX IF NOT EXISTS entries_session ON entries(session_id, id);
CREATE TABLE IF NOT EXISTS corrections (  -- the clerk's corrections; the original entry is never changed
    id INTEGER PRIMARY KEY AUTOINCREMENT,
    entry_id INTEGER NOT NULL REFERENCES entries(id) ON DELETE CASCADE,
    time REAL NOT NULL,
    text TEXT NOT NULL,
    translations TEXT NOT NULL DEFAULT '{}',
    suggestion TEXT NOT NULL DEFAULT '',  -- the reviewed phrase the speaker tapped ('' for the clerk's words)
    role TEXT,  -- who said the line, as corrected by the clerk (NULL: the entry's own role)
    provenance TEXT  -- how these translations were made (NULL: as the entry's)
);
CREATE INDEX IF NOT EXISTS corrections_entry ON corrections(entry_id, id);
CREATE TABLE IF NOT EXISTS revisions (  -- the recogniser heard a spoken line again; the entry keeps its first reading
    id INTEGER PRIMARY KEY AUTOINCREMENT,
    entry_id INTEGER NOT NULL REFERENCES entries(id) ON DELETE CASCADE,
    time REAL NOT NULL,
    text TEXT NOT NULL,
    translations TEXT NOT NULL DEFAULT '{}',
    provenance TEXT NOT NULL,
    confidence REAL
);
CREATE INDEX IF NOT EXISTS revisions_entry ON revisions(entry_id, id);
"""
COLUMNS = {"suggestion": "TEXT NOT NULL DEFAULT ''", "role": "TEXT", "provenance": "TEXT"}  # corrections, after 2


def migrate(db: sqlite3.Connection) -> None:
    """Create the missing tables and add the columns an older file lacks (raises on a read-only file)."""
    db.executescript(SCHEMA)
    columns = {row[1] for row in db.execute("PRAGMA table_info(corrections)")}
    for column, kind in COLUMNS.items():
        if column not in columns:
            db.execute(f"ALTER TABLE corrections ADD COLUMN {column} {kind}")
    db.execute(f"PRAGMA user_version={SCHEMA_VERSION}")


def check_integrity(db: sqlite3.Connection) -> None:
    result = db.execute("PRAGMA quick_check").fetchone()
    if result is None or result[0] != "ok":
        raise sqlite3.DatabaseError(f"integrity check failed: {result[0] if result else 'no answer'}")


def move_aside(path: Path) -> Path:
    stamp = time.strftime("%Y%m%d-%H%M%S")
    target = path.with_name(f"{path.name}.corrupt-{stamp}")
    for suffix in ("", "-wal", "-shm"):
        side = Path(str(path) + suffix)
        if side.exists():
            side.rename(Path(str(target) + suffix))
    return target
