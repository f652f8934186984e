"""The session's lock and its listeners."""

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
        self._listeners: list[Listener] = []

    def subscribe(self, listener: Listener) -> None:
        """Call ``listener`` with every event from now on."""
        self._listeners.append(listener)

    @contextmanager
    def hold(self) -> Iterator[None]:
        """Hold the lock for one change of the visit."""
        with self._lock:
            yield

    def emit(self, event: SessionEvent) -> None:
        """Tell every listener."""
        for listener in list(self._listeners):
            listener(event)
