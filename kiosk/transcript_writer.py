"""Writing the visit's transcript: lines the store cannot take are kept in memory and retried.

A failed write is told to the clerk once per failure (``store_failed``) and never loses a line: the line
stays on screen and in :attr:`TranscriptWriter.entries` (``saved=False``) and is written, oldest first,
before the next line or at the end of the visit. The caller holds the session lock.
"""

from __future__ import annotations

import dataclasses
import logging
from collections.abc import Callable
from typing import TypeVar

from base.errors import InputError, StoreWriteError
from base.events import Modality, Notice, Role, SessionEvent, TranscriptEntry
from kiosk.store import Amendment, TranscriptStore

log = logging.getLogger(__name__)
T = TypeVar("T")


class TranscriptWriter:
    """This visit's lines, in memory and in the :class:`TranscriptStore`."""

    def __init__(self, store: TranscriptStore, emit: Callable[[SessionEvent], None]) -> None:
        self.store = store
        self._emit = emit
        self.entries: list[TranscriptEntry] = []
        self._unsaved: list[TranscriptEntry] = []
        self._session_id = ""

    def close_interrupted(self, now: float) -> None:
        """At start-up: end the visits a restart interrupted."""
        interrupted = self.store.close_interrupted(now)
        if interrupted:
            log.warning("closed %d visit(s) interrupted by a restart", len(interrupted))

    def open(self, session_id: str, started: float, language: str, mode: str) -> None:
        """A new visit: an empty transcript, and its row in the store."""
        self.forget()
        self._session_id = session_id
        self.attempt(lambda: self.store.open_session(session_id, started, language, mode))

    def close(self, ended: float) -> None:
        """The visit ended: write what is still unsaved, and its end time."""
        self._retry_unsaved()
        self.attempt(lambda: self.store.end_session(self._session_id, ended))

    def forget(self) -> None:
        self.entries, self._unsaved, self._session_id = [], [], ""

    def add_line(
        self,
        when: float,
        role: Role,
        modality: Modality,
        language: str,
        text: str,
        translations: dict[str, str],
        provenance: str,
        confidence: float | None,
    ) -> TranscriptEntry:
        """Save one line (its stored id set), or keep it unsaved in memory; either way it is in the transcript."""
        self._retry_unsaved()
        entry = TranscriptEntry(
            entry_id=0,
            session_id=self._session_id,
            time=when,
            role=role,
            modality=modality,
            language=language,
            text=text,
            translations=dict(translations),
            provenance=provenance,
            confidence=confidence,
            saved=False,
        )
        try:
            entry = self.store.add(entry)
        except StoreWriteError as exc:
            self._unsaved.append(entry)
            self.not_saved(exc)
        self.entries.append(entry)
        log.info("entry %s: %s %s %s, %d chars", entry.entry_id, role.value, modality.value, language, len(text))
        return entry

    def saved_entry(self, entry_id: int) -> TranscriptEntry:
        """The saved line ``entry_id`` of this visit (:class:`InputError` when there is none)."""
        entry = next((e for e in self.entries if e.entry_id == entry_id and e.saved), None)
        if entry is None:
            raise InputError("고칠 수 있는 줄이 아닙니다", f"no saved line {entry_id} in this visit")
        return entry

    def correct(self, entry: TranscriptEntry, amendment: Amendment, when: float) -> TranscriptEntry:
        """Store the clerk's ``amendment`` of a saved line (the original is kept) and return the corrected line.

        Every correction row records the speaker. Raises :class:`StoreWriteError` (after telling the clerk) when
        the store cannot write it.
        """
        try:
            self.store.correct(entry.entry_id, amendment, when)
        except StoreWriteError as exc:
            self.not_saved(exc)
            raise
        first = entry.role.other if entry.flipped else entry.role
        corrected = dataclasses.replace(
            entry,
            correction=amendment.text,
            translations=amendment.translations,
            suggestion=amendment.suggestion,
            role=amendment.role,
            flipped=amendment.role != first,
            provenance=amendment.provenance or entry.provenance,
        )
        self.entries = [corrected if e.entry_id == entry.entry_id else e for e in self.entries]
        what = "speaker flipped by the clerk" if amendment.role != entry.role else "corrected by the clerk"
        log.info("entry %s: %s", entry.entry_id, f"suggestion {amendment.suggestion}" if amendment.suggestion else what)
        return corrected

    def revise(
        self,
        entry: TranscriptEntry,
        text: str,
        translations: dict[str, str],
        provenance: str,
        confidence: float | None,
        when: float,
    ) -> TranscriptEntry:
        """``entry`` (saved) as the recogniser heard it again at ``when`` (stored as a revision, its first reading
        kept); returns the line as it reads now."""
        self.attempt(lambda: self.store.revise(entry.entry_id, text, translations, provenance, confidence, when))
        revised = dataclasses.replace(
            entry,
            text=text,
            translations=translations,
            provenance=provenance,
            confidence=confidence,
            first_reading=entry.first_reading or entry.text,
        )
        self.entries = [revised if e is entry else e for e in self.entries]
        log.info("entry %s: revised by the recogniser, %d chars", entry.entry_id, len(text))
        return revised

    def add_translations(
        self, entry: TranscriptEntry, translations: dict[str, str], provenance: str
    ) -> TranscriptEntry:
        """``entry`` read by a new reader (the visitor switched language): its words stay, ``translations`` (made
        with ``provenance``) are added and stored with the line (a line kept unsaved gets them in memory, and the
        store with the line when it is written); returns the line as it reads now."""
        if not translations:
            return entry
        updated = dataclasses.replace(entry, translations={**entry.translations, **translations}, provenance=provenance)
        if entry.saved:
            self.attempt(lambda: self.store.add_translations(entry.entry_id, translations, provenance))
            self.entries = [updated if e.entry_id == entry.entry_id else e for e in self.entries]
        else:  # unsaved lines all have id 0: the very line, in both lists
            self._unsaved = [updated if e is entry else e for e in self._unsaved]
            self.entries = [updated if e is entry else e for e in self.entries]
        return updated

    def attempt(self, write: Callable[[], T]) -> T | None:
        """Run one store write and return its result; on failure tell the clerk and return None."""
        try:
            return write()
        except StoreWriteError as exc:
            self.not_saved(exc)
            return None

    def not_saved(self, exc: StoreWriteError) -> None:
        log.error("transcript store failed: %s", exc.message_en)
        self._emit(Notice("store_failed", exc.message_ko, exc.message_en, severity="error"))

    def _retry_unsaved(self) -> None:
        """Write lines kept in memory while the store failed, oldest first, once it works again."""
        while self._unsaved:
            try:
                saved = self.store.add(self._unsaved[0])
            except StoreWriteError:
                return
            pending = self._unsaved.pop(0)
            self.entries = [saved if e is pending else e for e in self.entries]
