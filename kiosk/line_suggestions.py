"""The nearest reviewed phrases for a line no phrase or template answered: offered to its speaker, one tap sends.

After the phrasebook and the templates (and after a pack, which may be wrong), the speaker sees up to three
reviewed phrases or filled templates in their own language (:mod:`translations.suggest`) as a
:class:`~base.events.Suggestions` event. Only the newest line's offer can be taken: the next line replaces
it (the screens clear it then). Taking one replaces the line's translation with the reviewed one; the
words said stay in the transcript, stored like a correction (:meth:`TranscriptWriter.correct`).
"""

from __future__ import annotations

import logging
from collections.abc import Callable

from base.errors import InputError
from base.events import Role, SessionEvent, SuggestionItem, Suggestions, TranscriptEntry
from kiosk.store import Amendment
from kiosk.transcript_writer import TranscriptWriter
from translations.suggest import Suggester

log = logging.getLogger(__name__)

REVIEWED = frozenset({"phrasebook", "template"})  # provenances that need no suggestion
LIMIT = 3


class LineSuggestions:
    """The suggester (None: nothing is offered) and the offer for the newest line."""

    def __init__(
        self, suggester: Suggester | None, writer: TranscriptWriter, emit: Callable[[SessionEvent], None]
    ) -> None:
        self.suggester = suggester
        self._writer = writer
        self._emit = emit
        self._offer: Suggestions | None = None

    def find(self, text: str, source: str, target: str, role: Role, provenance: str) -> tuple[SuggestionItem, ...]:
        """Up to three reviewed phrases for a line translated by ``provenance`` (none for a reviewed line)."""
        if self.suggester is None or provenance in REVIEWED or source == target or not text:
            return ()
        found = self.suggester.suggest(text, source, target, limit=LIMIT, role=role.value)
        return tuple(SuggestionItem(s.id, s.text, s.translation, target, s.score, s.sendable) for s in found)

    def offer(self, entry: TranscriptEntry, items: tuple[SuggestionItem, ...]) -> None:
        """Show ``items`` for ``entry`` (the caller holds the lock); any older offer is withdrawn."""
        self._offer = None
        if items and entry.saved:
            self._offer = Suggestions(entry.entry_id, entry.role, items)
            self._emit(self._offer)
            log.info("entry %s: %d suggestion(s), best %.0f", entry.entry_id, len(items), items[0].score)

    def use(self, entry: TranscriptEntry, suggestion_id: str, when: float) -> TranscriptEntry:
        """Send the offered ``suggestion_id`` for ``entry`` in place of its translation (the caller holds the lock).

        The words said stay; the reviewed translation is stored like a correction and shown on both screens.
        """
        offer = self._offer
        item = None
        if offer is not None and offer.entry_id == entry.entry_id:
            item = next((i for i in offer.items if i.suggestion_id == suggestion_id), None)
        if item is None:
            raise InputError(
                "이 추천 문구는 더 이상 고를 수 없습니다", f"no suggestion {suggestion_id!r} for line {entry.entry_id}"
            )
        chosen = self._writer.correct(
            entry, Amendment(entry.role, "", {item.language: item.translation}, suggestion_id), when
        )
        self._offer = None
        self._emit(chosen)
        return chosen

    def forget(self) -> None:
        self._offer = None
