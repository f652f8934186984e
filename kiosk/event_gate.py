"""The session's lock and its listeners: events are collected under the lock and delivered after it.

Listeners (Qt slots through the bridge, ``speaker.stop()``, the camera workers) never run while the lock is
held, so a slow or re-entrant listener cannot block another thread's input or deadlock. The outermost
:meth:`EventGate.hold` of a thread takes the events it collected and delivers them, in order, after releasing
the lock; events of other threads may be delivered in between.
"""

from __future__ import annotations

import threading
from collections.abc import Callable, Iterator
from contextlib import contextmanager

from base.events import SessionEvent

Listener = Callable[[SessionEvent], None]


class EventGate:
    """One re-entrant lock for the visit's state, and the listeners told of its events."""

    def __init__(self) -> None:
        self._lock = threading.RLock()
        self._depth = 0  # nesting of hold() by the thread that holds the lock
        self._pending: list[SessionEvent] = []
        self._listeners: list[Listener] = []

    def subscribe(self, listener: Listener) -> None:
        """Call ``listener`` with every event from now on."""
        self._listeners.append(listener)

    @contextmanager
    def hold(self) -> Iterator[None]:
        """Hold the lock for one change of the visit; its events go out when the outermost hold ends."""
        self._lock.acquire()
        self._depth += 1
        try:
            yield
        finally:
            self._depth -= 1
            events: list[SessionEvent] = []
            if self._depth == 0:
                events, self._pending = self._pending, []
            self._lock.release()
            for event in events:
                for listener in list(self._listeners):
                    listener(event)

    def emit(self, event: SessionEvent) -> None:
        """Tell every listener: at once outside :meth:`hold`, else when the outermost hold ends."""
        with self.hold():
            self._pending.append(event)
