"""A line the recogniser heard again keeps its first reading (issue 16): the revision is a row of its own in a
real SQLite file, every reader gets the revised words, and retention deletes it with the visit."""

from __future__ import annotations

import sqlite3
from pathlib import Path

from base.events import Modality, Role, TranscriptEntry
from kiosk.export import render_html, render_text
from kiosk.store import Amendment, TranscriptStore

FIRST, REVISED = "여기 서면", "여기에 서명해 주세요."


def _revised_line(path: Path) -> tuple[TranscriptStore, TranscriptEntry]:
    """A visit with one doubtful spoken line of the clerk's, then revised."""
    store = TranscriptStore(path)
    store.open_session("v1", 100.0, "en", "speech")
    line = TranscriptEntry(0, "v1", 101.0, Role.CLERK, Modality.SPEECH, "ko", FIRST, {"en": "Here, if"}, "mt", 0.45)
    line = store.add(line)
    store.revise(line.entry_id, REVISED, {"en": "Please sign here."}, "phrasebook", 0.82, 105.0)
    return store, line


def _rows(path: Path, query: str) -> list[tuple]:
    with sqlite3.connect(path) as db:
        return db.execute(query).fetchall()


def test_the_first_reading_is_kept_and_the_revision_is_read_back(tmp_path: Path) -> None:
    path = tmp_path / "t.sqlite3"
    store, line = _revised_line(path)
    store.close()
    (entry,) = TranscriptStore(path).entries("v1")  # after a restart, from the file
    assert (entry.entry_id, entry.text, entry.first_reading) == (line.entry_id, REVISED, FIRST)
    assert (entry.translations, entry.provenance, entry.confidence) == ({"en": "Please sign here."}, "phrasebook", 0.82)
    assert _rows(path, "SELECT text, translations, provenance, confidence FROM entries") == [
        (FIRST, '{"en": "Here, if"}', "mt", 0.45)
    ]
    assert _rows(path, "SELECT entry_id, time, text FROM revisions") == [(line.entry_id, 105.0, REVISED)]
    assert "다시 듣고 고침" in render_text([entry], "t") and f"처음 인식 / heard again, first heard as: {FIRST}" in (
        render_html([entry], "t")
    )


def test_a_correction_a_flip_and_a_new_reader_after_a_revision(tmp_path: Path) -> None:
    store, line = _revised_line(tmp_path / "t.sqlite3")
    store.add_translations(line.entry_id, {"zh": "请在这里签名。"}, "phrasebook")  # the visitor switched language
    (entry,) = store.entries("v1")
    assert entry.text == REVISED and entry.translations == {"en": "Please sign here.", "zh": "请在这里签名。"}
    assert _rows(tmp_path / "t.sqlite3", "SELECT translations FROM entries") == [('{"en": "Here, if"}',)]
    store.correct(line.entry_id, Amendment(Role.VISITOR, "", entry.translations), 106.0)  # the speaker flipped
    (flipped,) = store.entries("v1")
    assert (flipped.text, flipped.first_reading, flipped.role, flipped.flipped) == (REVISED, FIRST, Role.VISITOR, True)
    store.correct(line.entry_id, Amendment(Role.CLERK, "여기에 서명해 주십시오.", {"en": "Sign here, please."}), 107.0)
    (fixed,) = store.entries("v1")
    assert (fixed.text, fixed.correction, fixed.first_reading) == (REVISED, "여기에 서명해 주십시오.", FIRST)
    assert fixed.translations == {"en": "Sign here, please."}


def test_retention_deletes_the_revisions_with_the_visit(tmp_path: Path) -> None:
    path = tmp_path / "t.sqlite3"
    store, _ = _revised_line(path)
    store.end_session("v1", 110.0)
    assert store.purge_before(200.0) == 1
    store.close()
    assert _rows(path, "SELECT count(*) FROM entries") == [(0,)]
    assert _rows(path, "SELECT count(*) FROM revisions") == [(0,)]


def test_an_older_file_gains_the_revisions_table_and_keeps_its_lines(tmp_path: Path) -> None:
    path = tmp_path / "t.sqlite3"
    store, line = _revised_line(path)
    store.close()
    with sqlite3.connect(path) as db:  # as a kiosk before schema 6 left it
        db.executescript("DROP TABLE revisions; PRAGMA user_version=5;")
    (old,) = TranscriptStore(path, read_only=True).entries("v1")
    assert (old.text, old.first_reading) == (FIRST, "")
    store = TranscriptStore(path)
    assert _rows(path, "PRAGMA user_version") == [(6,)]
    store.revise(line.entry_id, REVISED, {}, "original", 0.8, 120.0)
    assert [(e.text, e.first_reading) for e in store.entries()] == [(REVISED, FIRST)]
