"""The visit's states and its idle timer.

States: ``idle -> chosen -> conversation -> closing -> idle``. With no activity for
``idle_timeout_s - idle_warning_s`` a :class:`TimeoutWarning` is emitted each second (the warning is at
least 20 s long); any activity (:meth:`VisitStates.touch`) withdraws it. The caller holds the session lock.
"""

from __future__ import annotations

import logging
import time
import uuid
from collections.abc import Callable

from base.clock import Clock
from base.errors import InputError, SessionStateError
from base.events import Role, SessionEvent, SessionState, StateChanged, TimeoutWarning, VisitorMode
from kiosk.config import KioskOptions

log = logging.getLogger(__name__)

OPEN = (SessionState.CHOSEN, SessionState.CONVERSATION)  # a visit is going on


class VisitStates:
    """Which visit is on (id, language, mode), its state, and when someone last used the kiosk."""

    def __init__(self, options: KioskOptions, clock: Clock, emit: Callable[[SessionEvent], None]) -> None:
        self._options = options
        self._clock = clock
        self._emit = emit
        self.state = SessionState.IDLE
        self.session_id: str | None = None
        self.language: str | None = None
        self.mode: VisitorMode | None = None
        self._last_activity = clock.now()
        self._closing_since = 0.0
        self._warned_second: int | None = None

    def start(self, started: float, language: str, mode: VisitorMode) -> str:
        """A new visit (wall-clock start ``started``): return its id."""
        self._offered(language)
        self.session_id = time.strftime("%Y%m%d-%H%M%S", time.localtime(started)) + "-" + uuid.uuid4().hex[:6]
        self.language, self.mode = language, mode
        return self.session_id

    def switch(self, language: str) -> None:
        """The visit goes on in ``language`` (the screens follow the :class:`StateChanged` event)."""
        self.require(*OPEN)
        self._offered(language)
        self.language = language
        self.set(self.state, "language switched")

    def _offered(self, language: str) -> None:
        if language not in self._options.languages:
            raise InputError("사용할 수 없는 언어입니다", f"language {language!r} is not enabled on this kiosk")

    def language_of(self, role: Role) -> str:
        """The language ``role`` reads and speaks: the clerk's, or the visitor's (the clerk's before a visit)."""
        clerk = self._options.clerk_language
        return clerk if role is Role.CLERK or self.language is None else self.language

    def forget(self) -> None:
        self.session_id, self.language, self.mode = None, None, None

    def require(self, *states: SessionState) -> None:
        """Raise :class:`SessionStateError` unless the visit is in one of ``states``."""
        if self.state not in states:
            allowed = ", ".join(s.value for s in states)
            raise SessionStateError(
                "지금은 할 수 없는 동작입니다", f"not possible in state {self.state.value} (needs {allowed})"
            )

    def set(self, state: SessionState, reason: str) -> None:
        """Enter ``state`` and tell the screens."""
        self.state = state
        if state is SessionState.CLOSING:
            self._closing_since = self._clock.now()
        self.touch()
        log.info("session %s -> %s (%s)", self.session_id, state.value, reason)
        self._emit(StateChanged(state, self.session_id, self.language, self.mode, reason))

    def touch(self) -> None:
        """Someone is using the kiosk: restart the idle timer (and withdraw a warning)."""
        self._last_activity = self._clock.now()
        if self._warned_second is not None:
            self._warned_second = None
            self._emit(TimeoutWarning(self._options.idle_timeout_s, active=False))

    def timed_out(self, now: float) -> bool:
        """Warn when the idle timeout is near; True when it is over (the visit should end)."""
        left = self._options.idle_timeout_s - (now - self._last_activity)
        if left <= 0:
            self._warned_second = None
            self._emit(TimeoutWarning(0.0, active=False))
            return True
        if left <= self._options.idle_warning_s and self._warned_second != int(left):
            self._warned_second = int(left)
            self._emit(TimeoutWarning(left))
        return False

    def closing_over(self, now: float) -> bool:
        """True when the summary screen has been shown for ``closing_s``."""
        return self.state is SessionState.CLOSING and now - self._closing_since >= self._options.closing_s
