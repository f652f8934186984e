"""One worker thread that runs calls in the order they were handed over, so the Qt main thread never waits.

The screens hand engine work (a line to translate, a taught sign to save, a language pack to install) to a
:class:`SerialWorker` and get a :class:`~concurrent.futures.Future` at once; the screen posts the result back
onto its own thread (``ui.bridge.MainThread``). One thread per worker keeps the order of the taps.
"""

from __future__ import annotations

import threading
from collections.abc import Callable
from concurrent.futures import Future, ThreadPoolExecutor
from typing import TypeVar

T = TypeVar("T")


class SerialWorker:
    """One thread; :meth:`submit` returns at once, :attr:`busy` says whether anything is waiting or running."""

    def __init__(self, name: str) -> None:
        self._pool = ThreadPoolExecutor(max_workers=1, thread_name_prefix=name)
        self._pending = 0
        self._lock = threading.Lock()

    @property
    def busy(self) -> bool:
        """A call is waiting or running (the screens show "translating", "saving" ...)."""
        with self._lock:
            return self._pending > 0

    def submit(self, call: Callable[[], T]) -> Future:
        """Run ``call`` after everything handed over before it; its result or exception is in the future."""
        with self._lock:
            self._pending += 1
        return self._pool.submit(self._counted, call)

    def wait(self, timeout: float | None = None) -> None:
        """Block until every call handed over so far is done (tests, the gallery and shutdown; never the screens)."""
        self._pool.submit(lambda: None).result(timeout)

    def close(self, wait: bool = True) -> None:
        self._pool.shutdown(wait=wait, cancel_futures=False)

    def _run(self, call: Callable[[], T]) -> T:
        """Runs one call on the worker thread (subclasses turn failures into events)."""
        return call()

    def _counted(self, call: Callable[[], T]) -> T:
        try:
            return self._run(call)
        finally:
            with self._lock:
                self._pending -= 1
