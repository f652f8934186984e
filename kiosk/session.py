"""The visit: one state machine that every screen and engine talks to.

States: ``idle -> chosen -> conversation -> closing -> idle``. A visitor (or the clerk on their behalf)
chooses a language and a mode (``chosen``); the first words or the conversation screen start the
``conversation``; the clerk, the visitor or the idle timeout ends it (``closing``, the summary screen);
after ``closing_s`` or a tap the kiosk clears itself (``idle``) and keeps nothing of the visit in memory.

Idle timeout: with no activity for ``idle_timeout_s - idle_warning_s`` the session emits
:class:`TimeoutWarning` events (the warning is at least 20 s long); :meth:`Session.extend` or any input
gives more time, otherwise the visit ends with reason ``"timeout"``. Time comes from a :class:`Clock`
and :meth:`Session.tick` is called by the UI's timer (or by a test or the replay runner), so there are
no threads here. Listeners are called synchronously on the caller's thread; the Qt bridge moves the
events to the UI thread.
"""

from __future__ import annotations

import dataclasses
import logging
import threading
import time
import uuid
from collections.abc import Callable
from pathlib import Path

from base.clock import Clock, SystemClock
from base.errors import InputError, KioskError, SessionStateError, StoreWriteError, TranslationUnavailable
from base.events import (
    Caption,
    Modality,
    Notice,
    Role,
    SessionEvent,
    SessionState,
    SignChips,
    Spelling,
    StateChanged,
    TimeoutWarning,
    TranscriptEntry,
    VisitorMode,
)
from kiosk.config import KioskConfig
from kiosk.export import write_export
from kiosk.store import TranscriptStore, retention_cutoff
from kiosk.text_input import clean_text
from translations.mt import Translator
from translations.phrasebook import Phrasebook, load_phrasebook

log = logging.getLogger(__name__)

PURGE_EVERY_S = 600.0
Listener = Callable[[SessionEvent], None]


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
    ) -> None:
        self.config = config
        self.store = store
        self.phrasebook = phrasebook if phrasebook is not None else load_phrasebook()
        self.translator = translator  # None: lines are shown untranslated (phrases still carry their own)
        self._clock = clock or SystemClock()
        self._wall = wall_clock
        self._lock = threading.RLock()
        self._listeners: list[Listener] = []
        self._state = SessionState.IDLE
        self._session_id: str | None = None
        self._language: str | None = None
        self._mode: VisitorMode | None = None
        self._entries: list[TranscriptEntry] = []
        self._unsaved: list[TranscriptEntry] = []
        self._last_activity = self._clock.now()
        self._closing_since = 0.0
        self._warned_second: int | None = None
        self.talking: Role | None = None  # push-to-talk: who holds the talk button
        self.consented = False  # the visitor agreed to a printed or handed-over transcript (this visit only)
        self._last_purge = self._clock.now()
        interrupted = store.close_interrupted(self._wall())
        if interrupted:
            log.warning("closed %d visit(s) interrupted by a restart", len(interrupted))
        self.purge_expired()

    # -- observation -------------------------------------------------------------------------------------
    def subscribe(self, listener: Listener) -> None:
        """Call ``listener`` with every :data:`SessionEvent` from now on."""
        self._listeners.append(listener)

    @property
    def state(self) -> SessionState:
        return self._state

    @property
    def session_id(self) -> str | None:
        return self._session_id

    @property
    def language(self) -> str | None:
        """The visitor's language code (``ko`` for sign and fingerspelling visitors)."""
        return self._language

    @property
    def mode(self) -> VisitorMode | None:
        return self._mode

    @property
    def entries(self) -> list[TranscriptEntry]:
        """This visit's transcript so far, including lines the store could not save."""
        return list(self._entries)

    # -- life cycle ----------------------------------------------------------------------------------------
    def choose(self, language: str, mode: VisitorMode, reason: str = "visitor") -> None:
        """Start a visit in ``language`` and ``mode`` (idle -> chosen)."""
        with self._lock:
            self._require(SessionState.IDLE)
            if language not in self.config.kiosk.languages:
                raise InputError("사용할 수 없는 언어입니다", f"language {language!r} is not enabled on this kiosk")
            started = self._wall()
            self._session_id = time.strftime("%Y%m%d-%H%M%S", time.localtime(started)) + "-" + uuid.uuid4().hex[:6]
            self._language, self._mode = language, mode
            self._entries, self._unsaved = [], []
            self.consented = False
            try:
                self.store.open_session(self._session_id, started, language, mode.value)
            except StoreWriteError as exc:
                self._not_saved(exc)
            self._set_state(SessionState.CHOSEN, reason)

    def begin(self) -> None:
        """Enter the conversation (chosen -> conversation); harmless when already there."""
        with self._lock:
            if self._state is SessionState.CHOSEN:
                self._set_state(SessionState.CONVERSATION, "begin")
            else:
                self._require(SessionState.CONVERSATION)

    def end(self, reason: str = "clerk") -> None:
        """End the visit (-> closing): the summary screen, export only with the visitor's consent."""
        with self._lock:
            self._require(SessionState.CHOSEN, SessionState.CONVERSATION)
            self._retry_unsaved()
            try:
                self.store.end_session(self._session_id or "", self._wall())
            except StoreWriteError as exc:
                self._not_saved(exc)
            self._closing_since = self._clock.now()
            self._set_state(SessionState.CLOSING, reason)

    def clear(self, reason: str = "done") -> None:
        """Forget the visit on screen and in memory (closing -> idle); the stored transcript stays."""
        with self._lock:
            self._require(SessionState.CLOSING)
            self._session_id, self._language, self._mode = None, None, None
            self._entries, self._unsaved = [], []
            self.consented = False
            self.talking = None
            self._set_state(SessionState.IDLE, reason)
            self.purge_expired()

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
        """Commit one line of the conversation and show it on both screens.

        Without ``translations`` the line is translated into the other party's language first (outside the
        lock, so the other screen's input is not held up); the result's provenance is stored with it.
        """
        clean = clean_text(text)
        language = language or self._language_of(role)
        if translations is None:
            translations, provenance = self._translate(clean, language, role, provenance)
        with self._lock:
            if self._state is SessionState.CHOSEN:
                self._set_state(SessionState.CONVERSATION, "first words")
            self._require(SessionState.CONVERSATION)
            entry = TranscriptEntry(
                entry_id=0,
                session_id=self._session_id or "",
                time=self._wall(),
                role=role,
                modality=modality,
                language=language,
                text=clean,
                translations=dict(translations or {}),
                provenance=provenance,
                confidence=confidence,
                saved=False,
            )
            entry = self._save(entry)
            self._entries.append(entry)
            self._touch()
            log.info(
                "entry %s: %s %s %s, %d chars", entry.entry_id, role.value, modality.value, entry.language, len(clean)
            )
            self._emit(entry)
            return entry

    def say_phrase(self, role: Role, phrase_id: str) -> TranscriptEntry:
        """Commit a curated phrase with its reviewed translations (provenance ``phrasebook``)."""
        try:
            phrase = self.phrasebook.get(phrase_id)
        except KeyError:
            raise InputError("없는 문구입니다", f"unknown phrase {phrase_id!r}") from None
        own = self._language_of(role)
        other = self._language_of(Role.CLERK if role is Role.VISITOR else Role.VISITOR)
        text = phrase.text(own) or phrase.texts["ko"]
        translations = {lang: t for lang in {own, other} if (t := phrase.text(lang)) and t != text}
        return self.say(
            role,
            text,
            Modality.PHRASE,
            language=own if phrase.text(own) else "ko",
            translations=translations,
            provenance="phrasebook",
        )

    def correct(self, entry_id: int, text: str) -> TranscriptEntry:
        """The clerk corrects a line of this visit: stored and marked, the original kept.

        A clerk's own line is translated again, so the visitor reads the corrected words; a visitor's line is
        corrected in Korean (what the clerk understood), with the same text as its Korean translation.
        """
        clean = clean_text(text)
        with self._lock:
            entry = next((e for e in self._entries if e.entry_id == entry_id and e.saved), None)
        if entry is None:
            raise InputError("고칠 수 있는 줄이 아닙니다", f"no saved line {entry_id} in this visit")
        clerk = self.config.kiosk.clerk_language
        if entry.role is Role.CLERK:
            translations, _ = self._translate(clean, clerk, Role.CLERK, entry.provenance)
        else:
            translations = {**entry.translations, clerk: clean}
        try:
            self.store.correct(entry_id, clean, translations, self._wall())
        except StoreWriteError as exc:
            self._not_saved(exc)
            raise
        corrected = dataclasses.replace(entry, correction=clean, translations=translations)
        with self._lock:
            self._entries = [corrected if e.entry_id == entry_id else e for e in self._entries]
            self._touch()
        log.info("entry %s corrected by the clerk, %d chars", entry_id, len(clean))
        self._emit(corrected)
        return corrected

    def show_caption(self, caption: Caption) -> None:
        """Show a live (partial) caption on both screens; dropped when no visit is going on."""
        with self._lock:
            if self._state in (SessionState.CHOSEN, SessionState.CONVERSATION):
                self._touch()
                self._emit(caption)

    def show_signs(self, chips: SignChips) -> None:
        """Show the recognised signs of the sentence in progress; dropped when no visit is going on."""
        with self._lock:
            if self._state in (SessionState.CHOSEN, SessionState.CONVERSATION):
                if chips.signs:
                    self._touch()
                self._emit(chips)

    def show_spelling(self, spelling: Spelling) -> None:
        """Show a fingerspelled word in progress on both screens; dropped when no visit is going on."""
        with self._lock:
            if self._state in (SessionState.CHOSEN, SessionState.CONVERSATION):
                if spelling.letters:
                    self._touch()
                self._emit(spelling)

    def talk(self, role: Role | None) -> None:
        """Push-to-talk: ``role`` holds the talk button (None: released)."""
        with self._lock:
            self.talking = role
            self._touch()

    @property
    def listening(self) -> bool:
        """True while speech should be captioned (a visit is open)."""
        return self._state in (SessionState.CHOSEN, SessionState.CONVERSATION)

    def touch(self) -> None:
        """Someone is using the kiosk: restart the idle timer."""
        with self._lock:
            self._touch()

    def extend(self) -> None:
        """The visitor asked for more time."""
        self.touch()

    def notify(self, notice: Notice) -> None:
        """Pass a message (device lost, degraded mode ...) to the screens."""
        self._emit(notice)

    # -- time ----------------------------------------------------------------------------------------------
    def tick(self) -> None:
        """Check timers; call this about once a second."""
        with self._lock:
            now = self._clock.now()
            if self._state in (SessionState.CHOSEN, SessionState.CONVERSATION):
                self._check_idle(now)
            elif self._state is SessionState.CLOSING and now - self._closing_since >= self.config.kiosk.closing_s:
                self.clear("closing time over")
            elif self._state is SessionState.IDLE and now - self._last_purge >= PURGE_EVERY_S:
                self.purge_expired()

    def _check_idle(self, now: float) -> None:
        options = self.config.kiosk
        left = options.idle_timeout_s - (now - self._last_activity)
        if left <= 0:
            self._warned_second = None
            self._emit(TimeoutWarning(0.0, active=False))
            self.end("timeout")
        elif left <= options.idle_warning_s and self._warned_second != int(left):
            self._warned_second = int(left)
            self._emit(TimeoutWarning(left))

    # -- storage -------------------------------------------------------------------------------------------
    def purge_expired(self) -> int:
        """Delete stored visits older than the retention setting; return how many."""
        self._last_purge = self._clock.now()
        try:
            count = self.store.purge_before(retention_cutoff(self.config.store.retention, self._wall()))
        except StoreWriteError as exc:
            self._not_saved(exc)
            return 0
        if count:
            log.info("purged %d visit(s) past retention", count)
        return count

    def give_consent(self, granted: bool) -> None:
        """The visitor's answer to "do you want the transcript?" (asked on the closing screen)."""
        with self._lock:
            self._require(SessionState.CONVERSATION, SessionState.CLOSING)
            self.consented = granted
        log.info("visitor consent to a transcript copy: %s", granted)
        self._emit(
            Notice(
                "consent",
                "방문자가 기록 사본에 동의했습니다" if granted else "방문자가 기록 사본을 원하지 않습니다",
                "the visitor agreed to a transcript copy" if granted else "the visitor declined a copy",
            )
        )

    def export(self, fmt: str = "html") -> Path:
        """Write this visit's transcript for printing or hand-over: only after the visitor said yes."""
        with self._lock:
            self._require(SessionState.CONVERSATION, SessionState.CLOSING)
            if not self.consented:
                raise SessionStateError(
                    "방문자의 동의 없이는 기록을 출력할 수 없습니다", "the visitor has not agreed to a transcript copy"
                )
            title = f"{self.config.kiosk.name} — {self._session_id}"
            return write_export(self._entries, self.config.store.export_dir, self._session_id or "visit", title, fmt)

    def _save(self, entry: TranscriptEntry) -> TranscriptEntry:
        self._retry_unsaved()
        try:
            return self.store.add(entry)
        except StoreWriteError as exc:
            self._unsaved.append(entry)
            self._not_saved(exc)
            return entry

    def _retry_unsaved(self) -> None:
        """Write lines kept in memory while the store failed, oldest first, once it works again."""
        while self._unsaved:
            try:
                saved = self.store.add(self._unsaved[0])
            except StoreWriteError:
                return
            pending = self._unsaved.pop(0)
            self._entries = [saved if e is pending else e for e in self._entries]

    def _not_saved(self, exc: StoreWriteError) -> None:
        log.error("transcript store failed: %s", exc.message_en)
        self._emit(Notice("store_failed", exc.message_ko, exc.message_en, severity="error"))

    # -- helpers -------------------------------------------------------------------------------------------
    def _translate(self, text: str, language: str, role: Role, provenance: str) -> tuple[dict[str, str], str]:
        """The line in the other party's language, and its provenance; ({}, provenance) when not possible."""
        target = self._language_of(Role.CLERK if role is Role.VISITOR else Role.VISITOR)
        if self.translator is None or target == language:
            return {}, provenance
        try:
            result = self.translator.translate(text, language, target)
        except TranslationUnavailable as exc:  # no phrase and no pack: the line is shown untranslated
            log.info("line not translated: %s", exc.message_en)
            return {}, provenance
        except KioskError as exc:  # a damaged pack: untranslated, and the clerk is told
            log.warning("translation failed: %s", exc.message_en)
            self._emit(Notice("translation_failed", exc.message_ko, exc.message_en, "warning"))
            return {}, provenance
        log.debug("translated %s->%s by %s in %.0f ms", language, target, result.provenance, result.seconds * 1000)
        return {target: result.text}, result.provenance

    def _language_of(self, role: Role) -> str:
        if role is Role.CLERK or self._language is None:
            return self.config.kiosk.clerk_language
        return self._language

    def _touch(self) -> None:
        self._last_activity = self._clock.now()
        if self._warned_second is not None:
            self._warned_second = None
            self._emit(TimeoutWarning(self.config.kiosk.idle_timeout_s, active=False))

    def _require(self, *states: SessionState) -> None:
        if self._state not in states:
            allowed = ", ".join(s.value for s in states)
            raise SessionStateError(
                "지금은 할 수 없는 동작입니다", f"not possible in state {self._state.value} (needs {allowed})"
            )

    def _set_state(self, state: SessionState, reason: str) -> None:
        self._state = state
        self._touch()
        log.info("session %s -> %s (%s)", self._session_id, state.value, reason)
        self._emit(StateChanged(state, self._session_id, self._language, self._mode, reason))

    def _emit(self, event: SessionEvent) -> None:
        for listener in list(self._listeners):
            listener(event)
