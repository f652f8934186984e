"""The visit: the one object every screen and engine talks to.

States: ``idle -> chosen -> conversation -> closing -> idle``. A visitor (or the clerk for them) chooses a
language and mode (``chosen``); the first words or the conversation screen start the ``conversation``; the
clerk, the visitor or the idle timeout ends it (``closing``, the summary); after ``closing_s`` or a tap the
kiosk clears itself (``idle``) and keeps nothing of the visit in memory. :class:`Session` is a façade over
parts: :class:`VisitStates` (states, idle timer), :class:`TranscriptWriter` (lines saved with retry),
:class:`LineInput` (a new line: translated, saved, shown), :class:`LineTranslator`, :class:`LineSuggestions`
(nearest reviewed phrases), :class:`LineCorrections` (the clerk's corrections), :class:`Privacy` (consent,
export, retention). :meth:`Session.tick` is called by the UI's timer: no threads here; listeners run on the
caller's thread (the Qt bridge moves events to the UI).
"""

from __future__ import annotations

import logging
import time
from collections.abc import Callable
from pathlib import Path

from base.clock import Clock, SystemClock
from base.events import (
    Caption,
    Modality,
    Notice,
    Role,
    SessionEvent,
    SessionState,
    SignChips,
    Spelling,
    TranscriptEntry,
    VisitorMode,
)
from kiosk.config import KioskConfig
from kiosk.event_gate import EventGate, Listener
from kiosk.line_context import LineContext
from kiosk.line_corrections import LineCorrections
from kiosk.line_input import LineInput
from kiosk.line_suggestions import LineSuggestions
from kiosk.line_translator import LineTranslator
from kiosk.privacy import Privacy
from kiosk.store import TranscriptStore
from kiosk.text_input import clean_text
from kiosk.transcript_writer import TranscriptWriter
from kiosk.visit_states import OPEN, VisitStates
from translations.mt import Translator
from translations.phrasebook import Phrasebook, load_phrasebook
from translations.suggest import Suggester

log = logging.getLogger(__name__)


class Session:
    """The current visit, its transcript and its timers."""

    def __init__(
        self,
        config: KioskConfig,
        store: TranscriptStore,
        *,
        clock: Clock | None = None,
        wall_clock: Callable[[], float] = time.time,
        phrasebook: Phrasebook | None = None,
        translator: Translator | None = None,
        suggester: Suggester | None = None,
    ) -> None:
        self.config = config
        self.store = store
        self.phrasebook = phrasebook if phrasebook is not None else load_phrasebook()
        self._clock = clock or SystemClock()
        self._wall = wall_clock
        self._gate = EventGate()
        emit = self._gate.emit
        self._visit = VisitStates(config.kiosk, self._clock, emit)
        self._writer = TranscriptWriter(store, emit)
        self._lines = LineTranslator(translator, emit)  # None: lines untranslated (phrases carry their own)
        self._hints = LineSuggestions(suggester, self._writer, emit)  # None: no suggestions
        self._privacy = Privacy(config, self._writer, self._clock.now, wall_clock, emit)
        context = LineContext(self._gate, self._visit, self._writer, self._lines, wall_clock)
        self._fixes = LineCorrections(context)
        self._input = LineInput(context, self._hints, self._fixes)
        self.talking: Role | None = None  # push-to-talk: who holds the talk button
        self._writer.close_interrupted(self._wall())
        self.purge_expired()

    # -- observation -------------------------------------------------------------------------------------
    def subscribe(self, listener: Listener) -> None:
        """Call ``listener`` with every :data:`SessionEvent` from now on."""
        self._gate.subscribe(listener)

    @property
    def state(self) -> SessionState:
        return self._visit.state

    @property
    def session_id(self) -> str | None:
        return self._visit.session_id

    @property
    def language(self) -> str | None:
        """The visitor's language code (``ko`` for sign and fingerspelling visitors)."""
        return self._visit.language

    @property
    def mode(self) -> VisitorMode | None:
        return self._visit.mode

    @property
    def entries(self) -> list[TranscriptEntry]:
        """This visit's transcript so far, including lines the store could not save."""
        return list(self._writer.entries)

    @property
    def consented(self) -> bool:
        """The visitor agreed to a printed or handed-over transcript (this visit only)."""
        return self._privacy.consented

    @property
    def translator(self) -> Translator | None:
        """The translator in use (read only: swap it with :meth:`use_translator`)."""
        return self._lines.translator

    def use_translator(self, translator: Translator | None) -> None:
        """Translate with ``translator`` from the next line on (e.g. after a pack was installed)."""
        self._lines.use_translator(translator)

    # -- life cycle ----------------------------------------------------------------------------------------
    def choose(self, language: str, mode: VisitorMode, reason: str = "visitor") -> None:
        """Start a visit in ``language`` and ``mode`` (idle -> chosen)."""
        with self._gate.hold():
            self._visit.require(SessionState.IDLE)
            started = self._wall()
            session_id = self._visit.start(started, language, mode)
            self._privacy.consented = False
            self._writer.open(session_id, started, language, mode.value)
            self._visit.set(SessionState.CHOSEN, reason)

    def begin(self) -> None:
        """Enter the conversation (chosen -> conversation); harmless when already there."""
        with self._gate.hold():
            if self._visit.state is SessionState.CHOSEN:
                self._visit.set(SessionState.CONVERSATION, "begin")
            else:
                self._visit.require(SessionState.CONVERSATION)

    def end(self, reason: str = "clerk") -> None:
        """End the visit (-> closing): the summary screen, export only with the visitor's consent."""
        with self._gate.hold():
            self._visit.require(*OPEN)
            self._writer.close(self._wall())
            self._visit.set(SessionState.CLOSING, reason)

    def switch_language(self, language: str) -> None:
        """The visitor switches the visit to ``language`` (offered when they were heard speaking it); then the lines
        so far, saved or kept for the store, are shown again, translated into it where they can be
        (:meth:`LineCorrections.new_reader`; a line on its way meanwhile follows in :meth:`LineInput.say`)."""
        with self._gate.hold():
            self._visit.switch(language)
            self._writer.attempt(lambda: self.store.set_language(self._visit.session_id or "", language))
            visit, lines = self._visit.session_id, list(self._writer.entries)
        for entry in lines:
            self._fixes.new_reader(visit, entry)

    def clear(self, reason: str = "done") -> None:
        """Forget the visit on screen and in memory (closing -> idle); the stored transcript stays."""
        with self._gate.hold():
            self._visit.require(SessionState.CLOSING)
            self._visit.forget()
            self._writer.forget()
            self._hints.forget()
            self._privacy.consented = False
            self.talking = None
            self._visit.set(SessionState.IDLE, reason)
            self._privacy.purge_expired()

    # -- input ---------------------------------------------------------------------------------------------
    def say(
        self,
        role: Role,
        text: str,
        modality: Modality = Modality.TEXT,
        *,
        language: str | None = None,
        translations: dict[str, str] | None = None,
        provenance: str = "original",
        confidence: float | None = None,
    ) -> TranscriptEntry:
        """Commit one line and show it on both screens. Without ``translations`` it is translated into the other
        party's language first (outside the lock: the other screen is not held up) and, unless a phrase or
        template answered, its speaker is offered the nearest reviewed phrases (:meth:`use_suggestion`)."""
        return self._input.say(
            role,
            text,
            modality,
            language=language,
            translations=translations,
            provenance=provenance,
            confidence=confidence,
        )

    def revise(self, entry_id: int, text: str, confidence: float | None) -> TranscriptEntry:
        """The recogniser heard a spoken line again (:meth:`LineInput.revise`)."""
        return self._input.revise(entry_id, text, confidence)

    def say_phrase(self, role: Role, phrase_id: str) -> TranscriptEntry:
        """Commit a curated phrase with its reviewed translations (provenance ``phrasebook``)."""
        return self._input.say_phrase(self.phrasebook, role, phrase_id)

    def correct(self, entry_id: int, text: str) -> TranscriptEntry:
        """The clerk corrects a line's words (:meth:`LineCorrections.new_words`): stored, the original kept."""
        clean = clean_text(text)
        return self._fixes.amend(entry_id, lambda entry: self._fixes.new_words(entry, clean))

    def flip_speaker(self, entry_id: int) -> TranscriptEntry:
        """The clerk says the other party said this line: stored like a correction, the original kept."""
        return self._fixes.amend(entry_id, self._fixes.other_speaker)

    def use_suggestion(self, entry_id: int, suggestion_id: str) -> TranscriptEntry:
        """The speaker tapped a suggestion for their newest line: the other side reads it; the words said stay."""
        with self._gate.hold():
            self._visit.touch()
            return self._hints.use(self._writer.saved_entry(entry_id), suggestion_id, self._wall())

    def show_caption(self, caption: Caption) -> None:
        """Show a live (partial) caption on both screens, or take it back (:class:`Caption`); dropped when no visit
        is going on."""
        self._show(caption, active=True)

    def show_signs(self, chips: SignChips) -> None:
        """Show the recognised signs of the sentence in progress; dropped when no visit is going on."""
        self._show(chips, active=bool(chips.signs))

    def show_spelling(self, spelling: Spelling) -> None:
        """Show a fingerspelled word in progress on both screens; dropped when no visit is going on."""
        self._show(spelling, active=bool(spelling.letters))

    def talk(self, role: Role | None) -> None:
        """Push-to-talk: ``role`` holds the talk button (None: released)."""
        with self._gate.hold():
            self.talking = role
            self._visit.touch()

    @property
    def listening(self) -> bool:
        """True while speech should be captioned (a visit is open)."""
        return self._visit.state in OPEN

    def touch(self) -> None:
        """Someone is using the kiosk: restart the idle timer."""
        with self._gate.hold():
            self._visit.touch()

    extend = touch  # the visitor asked for more time

    def notify(self, notice: Notice) -> None:
        """Pass a message (device lost, degraded mode ...) to the screens."""
        self._gate.emit(notice)

    # -- time, consent, export, retention ------------------------------------------------------------------
    def tick(self) -> None:
        """Check timers; call this about once a second."""
        with self._gate.hold():
            now = self._clock.now()
            state = self._visit.state
            if state in OPEN and self._visit.timed_out(now):
                self.end("timeout")
            elif self._visit.closing_over(now):
                self.clear("closing time over")
            elif state is SessionState.IDLE and self._privacy.purge_due():
                self._privacy.purge_expired()

    def purge_expired(self) -> int:
        """Delete stored visits older than the retention setting; return how many."""
        return self._privacy.purge_expired()

    def give_consent(self, granted: bool) -> None:
        """The visitor's answer to "do you want the transcript?" (asked on the closing screen)."""
        with self._gate.hold():
            self._visit.require(SessionState.CONVERSATION, SessionState.CLOSING)
            self._privacy.give_consent(granted)

    def export(self, fmt: str = "html") -> Path:
        """Write this visit's transcript for printing or hand-over: only after the visitor said yes."""
        with self._gate.hold():
            self._visit.require(SessionState.CONVERSATION, SessionState.CLOSING)
            return self._privacy.export(self._writer.entries, self._visit.session_id, fmt)

    def _show(self, event: SessionEvent, *, active: bool) -> None:
        """Show work in progress during a visit; ``active``: someone is using the kiosk."""
        with self._gate.hold():
            if self._visit.state in OPEN:
                if active:
                    self._visit.touch()
                self._gate.emit(event)
