"""The clerk's corrections of a line: other words, or the other speaker. The original line is never changed.

- New words: a clerk's line is translated again for the visitor; a visitor's line is corrected in Korean
  (what the clerk understood), which becomes its Korean translation.
- The other speaker (one tap on the clerk screen, for speech the shared microphone gave to the wrong person):
  the words stay; the line gains a translation for each party that cannot read it yet, so both screens can
  show it on its new side.
- Not a correction, but the same work: after the visitor switched language every line of the visit gains a
  translation into it (:meth:`LineCorrections.new_reader`), stored with the line's translations.

The corrected line is worked out without the session lock (translation may take a while), then stored
through :meth:`TranscriptWriter.correct` and shown on both screens.
"""

from __future__ import annotations

from collections.abc import Callable

from base.events import Role, TranscriptEntry
from kiosk.line_context import LineContext
from kiosk.store import Amendment


class LineCorrections:
    """Corrected lines of the visit ``visit``, in its parties' languages."""

    def __init__(self, context: LineContext) -> None:
        self._gate, self._visit, self._writer, self._lines = context.gate, context.visit, context.writer, context.lines
        self._wall = context.wall_clock

    def amend(self, entry_id: int, change: Callable[[TranscriptEntry], Amendment]) -> TranscriptEntry:
        """Store ``change`` of the saved line ``entry_id`` and show it (:class:`InputError`: no such line)."""
        with self._gate.hold():
            entry = self._writer.saved_entry(entry_id)
        amended = change(entry)  # may translate: outside the lock
        with self._gate.hold():
            corrected = self._writer.correct(entry, amended, self._wall())
            self._visit.touch()
            self._gate.emit(corrected)
        return corrected

    def new_words(self, entry: TranscriptEntry, text: str) -> Amendment:
        """``entry`` as the clerk says it should read (``text`` in the clerk's language)."""
        clerk = self._visit.language_of(Role.CLERK)
        if entry.role is Role.CLERK:
            visitor = self._visit.language_of(Role.VISITOR)
            translations, provenance = self._lines.translate(text, clerk, visitor, entry.provenance)
            return Amendment(entry.role, text, translations, provenance=provenance)
        return Amendment(entry.role, text, {**entry.translations, clerk: text})  # the clerk's Korean: as understood

    def other_speaker(self, entry: TranscriptEntry) -> Amendment:
        """``entry`` said by the other party: same words, translated for whoever cannot read them yet.

        Known gap: a line has one provenance. One already translated into both languages (the visitor switched
        language) keeps the badge of its earlier reader's translation when flipped; the fix is a provenance per
        translation language (``TranscriptEntry`` in ``base/events.py``, the store's schema 6)."""
        added, provenance = self._unread(entry, reader=entry.role)  # the other party of its new speaker
        translations = {**entry.translations, **added}
        return Amendment(entry.role.other, entry.correction, translations, entry.suggestion, provenance)

    def new_reader(self, visit_id: str | None, entry: TranscriptEntry) -> TranscriptEntry:
        """Show the line ``entry`` of visit ``visit_id`` again, translated into the visit's language where it was not
        yet (outside the lock), and return it as it reads now; skipped when the visit or the line changed meanwhile.
        A line the store refused gains the translation in memory and is written with it later."""
        added, provenance = self._unread(entry, reader=entry.role.other)
        with self._gate.hold():
            if self._visit.session_id != visit_id or entry not in self._writer.entries:
                return entry
            updated = self._writer.add_translations(entry, added, provenance)
            self._gate.emit(updated)
            return updated

    def _unread(self, entry: TranscriptEntry, reader: Role) -> tuple[dict[str, str], str]:
        """``entry``'s words translated into each party's language it has no translation into yet, and the line's
        provenance: how the translation for ``reader`` (the party who reads the line translated) was made."""
        clerk, read_in = self._visit.language_of(Role.CLERK), self._visit.language_of(reader)
        words, language = (entry.correction, clerk) if entry.correction else (entry.text, entry.language)
        added, provenance = {}, entry.provenance
        for target in sorted({clerk, self._visit.language_of(Role.VISITOR)} - {language} - set(entry.translations)):
            translated, how = self._lines.translate(words, language, target, entry.provenance)
            added.update(translated)
            provenance = how if translated and target == read_in else provenance
        return added, provenance
