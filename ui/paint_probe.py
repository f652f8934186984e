"""Times when a window has *painted* a change, for ``kiosk bench ui`` and the speech-to-screen pipeline.

Qt widgets draw when their top-level window handles ``UpdateRequest``. The probe filters that event:
when a measurement is pending and the change is in the widget tree, it lets the window paint right away
(``window.event``) and only then records the time. So a latency ends when the pixels are in the
window's backing store (with the offscreen platform; on a real screen the compositor adds a frame).
"""

from __future__ import annotations

import threading
import time
from collections.abc import Callable

from PyQt6.QtCore import QEvent, QObject
from PyQt6.QtWidgets import QWidget


class PaintProbe(QObject):
    """Install on a top-level window. ``expect(shown)`` arms a measurement, ``mark()`` starts its clock (call it
    where the change is made, e.g. in a session listener); the first paint with ``shown()`` true ends it."""

    def __init__(self, window: QWidget) -> None:
        super().__init__(window)
        self.window = window
        self.latencies: list[float] = []  # seconds from t0 to painted
        self.painted_at: list[float] = []  # perf_counter when each change was painted
        self.done = threading.Event()
        self._pending: tuple[Callable[[], bool], float | None] | None = None
        window.installEventFilter(self)

    def expect(self, shown: Callable[[], bool]) -> None:
        """Arm: the next paint with ``shown()`` true (checked on the GUI thread) ends the measurement."""
        self.done.clear()
        self._pending = (shown, None)

    def mark(self) -> None:
        """Start the armed measurement's clock now (any thread); later calls until it ends are ignored."""
        pending = self._pending
        if pending is not None and pending[1] is None:
            self._pending = (pending[0], time.perf_counter())

    def eventFilter(self, watched: QObject, event: QEvent) -> bool:
        pending = self._pending
        if watched is not self.window or event.type() != QEvent.Type.UpdateRequest or pending is None:
            return False
        shown, t0 = pending
        if t0 is None or not shown():
            return False
        self.window.event(event)  # paint now; the latency ends after the paint
        now = time.perf_counter()
        self._pending = None
        self.latencies.append(now - t0)
        self.painted_at.append(now)
        self.done.set()
        return True
