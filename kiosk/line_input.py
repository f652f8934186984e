"""A new line of the conversation: translated for the other party, then saved and shown on both screens.

A line without translations is translated into the other party's language first, outside the session lock (the
other screen is not held up), and unless a phrase or template answered, its speaker is offered the nearest
reviewed phrases (:class:`~kiosk.line_suggestions.LineSuggestions`). A curated phrase comes with its reviewed
translations (provenance ``phrasebook``). The first line of a chosen visit starts the conversation.
"""

from __future__ import annotations

from base.events import Modality, Role, SessionState, TranscriptEntry
from kiosk.line_context import LineContext
from kiosk.line_corrections import LineCorrections
from kiosk.line_suggestions import LineSuggestions
from kiosk.line_translator import phrase_line
from kiosk.text_input import clean_text
from translations.phrasebook import Phrasebook


class LineInput:
    """New lines of the visit ``visit``: said, typed, signed or a curated phrase."""

    def __init__(self, context: LineContext, hints: LineSuggestions, readers: LineCorrections) -> None:
        self._gate, self._visit, self._writer, self._lines = context.gate, context.visit, context.writer, context.lines
        self._hints, self._readers, self._wall = hints, readers, context.wall_clock

    def say(
        self,
        role: Role,
        text: str,
        modality: Modality,
        *,
        language: str | None,
        translations: dict[str, str] | None,
        provenance: str,
        confidence: float | None,
    ) -> TranscriptEntry:
        """Commit one line (see :meth:`kiosk.session.Session.say`) and return it as it reads now.

        The visitor may switch language while the line is translated (speech on the microphone thread, the switch
        on the line worker): the switch re-reads only the lines already in the transcript, so this line is then
        translated into the new language too, once it is in (:meth:`LineCorrections.new_reader`)."""
        clean = clean_text(text)
        language = language or self._visit.language_of(role)
        other = self._visit.language_of(role.other)
        items = ()
        if translations is None:
            translations, provenance = self._lines.translate(clean, language, other, provenance)
            items = self._hints.find(clean, language, other, role, provenance)
        with self._gate.hold():
            if self._visit.state is SessionState.CHOSEN:
                self._visit.set(SessionState.CONVERSATION, "first words")
            self._visit.require(SessionState.CONVERSATION)
            entry = self._writer.add_line(
                self._wall(), role, modality, language, clean, translations or {}, provenance, confidence
            )
            self._visit.touch()
            self._gate.emit(entry)
            self._hints.offer(entry, items)
            switched = other != self._visit.language_of(role.other)
        return self._readers.new_reader(entry.session_id, entry) if switched else entry

    def revise(self, entry_id: int, text: str, confidence: float | None) -> TranscriptEntry:
        """The recogniser heard the spoken line ``entry_id`` again: its words become ``text``, translated again for
        the other party, and it is shown again on both screens, marked as heard again (``first_reading``: the words
        first shown, kept in the store too); a line someone amended meanwhile (a correction, a suggestion, its
        speaker flipped) or one the store refused stays as it is: the clerk's word counts over the recogniser's."""
        clean = clean_text(text)
        with self._gate.hold():
            entry = self._writer.saved_entry(entry_id)
        if entry.correction or entry.suggestion or entry.flipped or entry.text == clean:
            return entry
        other = self._visit.language_of(entry.role.other)
        translations, provenance = self._lines.translate(clean, entry.language, other, "original")
        with self._gate.hold():
            if entry not in self._writer.entries:  # amended or the visit ended while it was translated
                return entry
            revised = self._writer.revise(entry, clean, translations, provenance, confidence, self._wall())
            self._gate.emit(revised)
        return revised

    def say_phrase(self, phrasebook: Phrasebook, role: Role, phrase_id: str) -> TranscriptEntry:
        """Commit the curated phrase ``phrase_id`` with its reviewed translations (provenance ``phrasebook``)."""
        own, other = self._visit.language_of(role), self._visit.language_of(role.other)
        text, language, translations = phrase_line(phrasebook, phrase_id, own, other)
        return self.say(
            role,
            text,
            Modality.PHRASE,
            language=language,
            translations=translations,
            provenance="phrasebook",
            confidence=None,
        )
