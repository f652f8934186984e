"""Transcript store: durability under SIGKILL, corruption handling, permissions, retention, export."""

from __future__ import annotations

import os
import signal
import sqlite3
import stat
import subprocess
import sys
import time
from pathlib import Path

import pytest

from base.errors import CorruptDatabaseError, StoreWriteError
from base.events import Modality, Role, TranscriptEntry
from kiosk.export import write_export
from kiosk.store import Amendment, TranscriptStore, retention_cutoff
from kiosk.store_schema import SCHEMA_VERSION

ROOT = Path(__file__).resolve().parents[1]


def entry(session_id: str, text: str, when: float = 1_000.0, **kw: object) -> TranscriptEntry:
    values = {"role": Role.VISITOR, "modality": Modality.TEXT, "language": "en"} | kw
    return TranscriptEntry(entry_id=0, session_id=session_id, time=when, text=text, **values)  # type: ignore[arg-type]


def test_roundtrip_wal_and_owner_only(tmp_path: Path) -> None:
    store = TranscriptStore(tmp_path / "t.db")
    store.open_session("s1", 1_000.0, "en", "speech")
    saved = store.add(entry("s1", "hello", translations={"ko": "안녕하세요"}, provenance="phrasebook", confidence=0.5))
    assert saved.entry_id == 1 and saved.saved
    [back] = store.entries("s1")
    assert back.text == "hello" and back.translations == {"ko": "안녕하세요"} and back.confidence == 0.5
    assert back.role is Role.VISITOR and back.modality is Modality.TEXT
    mode = sqlite3.connect(tmp_path / "t.db").execute("PRAGMA journal_mode").fetchone()[0]
    assert mode == "wal"
    assert stat.S_IMODE(os.stat(tmp_path / "t.db").st_mode) == 0o600
    store.close()


CHILD = """
import sys
from base.events import Modality, Role, TranscriptEntry
from kiosk.store import TranscriptStore
store = TranscriptStore(sys.argv[1])
store.open_session("visit", 1.0, "en", "text")
i = 0
while True:
    i += 1
    store.add(TranscriptEntry(0, "visit", float(i), Role.CLERK, Modality.TEXT, "ko", f"line {i}"))
    print(i, flush=True)
"""


@pytest.mark.slow
def test_sigkill_loses_no_committed_entry(tmp_path: Path) -> None:
    db = tmp_path / "kill.db"
    child = subprocess.Popen([sys.executable, "-c", CHILD, str(db)], cwd=ROOT, stdout=subprocess.PIPE, text=True)
    assert child.stdout is not None
    committed = 0
    for line in child.stdout:
        committed = int(line)
        if committed >= 200:
            break
    child.send_signal(signal.SIGKILL)
    child.wait(timeout=10)
    assert child.returncode == -signal.SIGKILL
    store = TranscriptStore(db)
    texts = [e.text for e in store.entries("visit")]
    assert len(texts) >= committed
    assert texts[:committed] == [f"line {i}" for i in range(1, committed + 1)]
    assert store.close_interrupted(2.0) == ["visit"]
    assert store.session_status("visit") == "interrupted"


def test_corrupt_file_is_moved_aside_not_overwritten(tmp_path: Path) -> None:
    db = tmp_path / "t.db"
    garbage = b"this is not a database" * 500
    db.write_bytes(garbage)
    with pytest.raises(CorruptDatabaseError) as info:
        TranscriptStore(db)
    assert "moved to t.db.corrupt-" in info.value.message_en
    [aside] = list(tmp_path.glob("t.db.corrupt-*"))
    assert aside.read_bytes() == garbage
    assert not db.exists()
    fresh = TranscriptStore(db)
    assert fresh.entries() == []


def test_damaged_pages_are_detected(tmp_path: Path) -> None:
    db = tmp_path / "t.db"
    store = TranscriptStore(db)
    store.open_session("s", 1.0, "en", "text")
    for i in range(300):
        store.add(entry("s", f"line {i} " + "x" * 200))
    store.close()
    raw = bytearray(db.read_bytes())
    raw[4096 * 3 : 4096 * 3 + 2000] = os.urandom(2000)
    db.write_bytes(bytes(raw))
    with pytest.raises(CorruptDatabaseError):
        TranscriptStore(db)
    assert list(tmp_path.glob("t.db.corrupt-*"))


def test_read_only_database_raises_store_write_error(tmp_path: Path) -> None:
    db = tmp_path / "t.db"
    TranscriptStore(db).close()
    store = TranscriptStore(db, read_only=True)
    with pytest.raises(StoreWriteError) as info:
        store.open_session("s", 1.0, "en", "text")
    assert "저장하지 못했습니다" in info.value.message_ko


def test_retention_purges_old_visits_only(tmp_path: Path) -> None:
    store = TranscriptStore(tmp_path / "t.db")
    now = time.mktime((2026, 11, 25, 15, 0, 0, 0, 0, -1))
    for sid, started in (("yesterday", now - 20 * 3600), ("today", now - 3600)):
        store.open_session(sid, started, "en", "text")
        store.add(entry(sid, f"secret {sid}", started))
        store.end_session(sid, started + 60)
    store.open_session("open-old", now - 30 * 3600, "en", "text")  # a visit still open is never purged
    assert store.purge_before(retention_cutoff("end_of_day", now)) == 1
    assert [e.session_id for e in store.entries()] == ["today"]
    assert store.purge_before(retention_cutoff("0.5", now)) == 1
    assert store.entries() == []
    store.close()
    assert b"secret yesterday" not in (tmp_path / "t.db").read_bytes()


def test_retention_cutoff() -> None:
    now = time.mktime((2026, 11, 25, 15, 30, 0, 0, 0, -1))
    assert retention_cutoff("end_of_day", now) == time.mktime((2026, 11, 25, 0, 0, 0, 0, 0, -1))
    assert retention_cutoff("24", now) == now - 86400


def test_export_html_escapes_and_text(tmp_path: Path) -> None:
    lines = [
        entry("s", "<script>alert(1)</script>", translations={"ko": "스크립트"}),
        entry("s", "여기에 서명해 주세요.", role=Role.CLERK, language="ko"),
    ]
    page = write_export(lines, tmp_path, "visit", "민원창구 — visit", "html").read_text(encoding="utf-8")
    assert "<script>" not in page and "&lt;script&gt;" in page
    assert "여기에 서명해 주세요." in page and "스크립트" in page
    text_path = write_export(lines, tmp_path, "visit", "title", "txt")
    assert "→ ko: 스크립트" in text_path.read_text(encoding="utf-8")
    assert stat.S_IMODE(os.stat(text_path).st_mode) == 0o600
    with pytest.raises(ValueError):
        write_export(lines, tmp_path, "visit", "t", "pdf")


def test_a_schema_3_file_gains_the_speaker_column_and_reads_the_same(tmp_path: Path) -> None:
    """A transcript file from before speaker flips (no ``corrections.role``): read as it was, read-only or not."""
    path = tmp_path / "old.db"
    store = TranscriptStore(path)
    store.open_session("s", 1.0, "en", "speech")
    first = store.add(entry("s", "hello", role=Role.CLERK))
    store.correct(first.entry_id, Amendment(Role.CLERK, "안녕하세요", {"en": "hello"}), 2.0)
    store.close()
    db = sqlite3.connect(path)
    db.execute("ALTER TABLE corrections DROP COLUMN role")  # as schema 3 wrote it
    db.execute("PRAGMA user_version=3")
    db.commit()
    db.close()
    old = TranscriptStore(path, read_only=True).entries("s")
    assert [(e.role, e.flipped, e.correction) for e in old] == [(Role.CLERK, False, "안녕하세요")]
    store = TranscriptStore(path)  # writable: migrated in place
    store.correct(first.entry_id, Amendment(Role.VISITOR, "안녕하세요", {"en": "hello"}), 3.0)
    (flipped,) = store.entries("s")
    assert (flipped.role, flipped.flipped, flipped.correction) == (Role.VISITOR, True, "안녕하세요")
    assert sqlite3.connect(path).execute("PRAGMA user_version").fetchone() == (SCHEMA_VERSION,)


def test_a_schema_4_file_gains_the_correction_provenance_and_keeps_every_line(tmp_path: Path) -> None:
    """A file from before flips stored how their added translation was made: its lines read as they were."""
    path = tmp_path / "old.db"
    store = TranscriptStore(path)
    store.open_session("s", 1.0, "en", "speech")
    said = [store.add(entry("s", text, role=Role.CLERK, provenance="machine")) for text in ("hello", "thanks")]
    store.correct(said[0].entry_id, Amendment(Role.VISITOR, "", {"ko": "안녕하세요"}), 2.0)
    store.close()
    db = sqlite3.connect(path)
    db.executescript(  # corrections as schema 4 wrote them (SQLite cannot drop the table's last column here)
        "CREATE TABLE old AS SELECT id, entry_id, time, text, translations, suggestion, role FROM corrections;"
        "DROP TABLE corrections; ALTER TABLE old RENAME TO corrections; PRAGMA user_version=4;"
    )
    db.close()
    old = TranscriptStore(path, read_only=True).entries("s")
    assert [(e.text, e.role, e.provenance) for e in old] == [
        ("hello", Role.VISITOR, "machine"),
        ("thanks", Role.CLERK, "machine"),
    ]
    store = TranscriptStore(path)  # writable: migrated in place, no line lost
    store.correct(said[1].entry_id, Amendment(Role.VISITOR, "", {"ko": "고맙습니다"}, provenance="phrasebook"), 3.0)
    lines = store.entries("s")
    assert [(e.text, e.role, e.flipped, e.provenance) for e in lines] == [
        ("hello", Role.VISITOR, True, "machine"),
        ("thanks", Role.VISITOR, True, "phrasebook"),
    ]
    assert sqlite3.connect(path).execute("PRAGMA user_version").fetchone() == (SCHEMA_VERSION,) == (6,)
