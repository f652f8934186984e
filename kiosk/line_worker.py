"""The screens' lines leave the Qt main thread: typed lines, quick phrases, corrections, speaker flips and
suggestion taps.

``Session.say`` translates on the caller's thread (tens to hundreds of ms with a real language pack, seconds
for its first load). The screens therefore never call it themselves: they hand the line to :class:`LineWorker`,
whose one thread runs the session calls in the order they were tapped (a phrase tapped while a typed line is
still being translated appears after it). The results reach the screens as the usual Session events (the Qt
bridge re-emits them on the main thread). Input that cannot be a line (empty text) is refused at once, on
the caller's thread, so the screen can say so; a refusal found later (the visit ended meanwhile, the store
failed) comes back as a :class:`Notice` with code ``line_refused``.
"""

from __future__ import annotations

import logging
import threading
from collections.abc import Callable
from concurrent.futures import Future, ThreadPoolExecutor

from base.errors import KioskError
from base.events import Notice, Role
from kiosk.session import Session
from kiosk.text_input import clean_text

log = logging.getLogger(__name__)


class LineWorker:
    """One worker thread for the lines the screens send; every method returns at once."""

    def __init__(self, session: Session) -> None:
        self.session = session
        self._pool = ThreadPoolExecutor(max_workers=1, thread_name_prefix="lines")
        self._pending = 0
        self._lock = threading.Lock()

    @property
    def busy(self) -> bool:
        """A line is waiting or being translated (the screens show "translating")."""
        with self._lock:
            return self._pending > 0

    def say(self, role: Role, text: str) -> Future:
        """Send a typed line; raises :class:`~base.errors.InputError` at once for empty text."""
        clean = clean_text(text)
        return self._submit(lambda: self.session.say(role, clean))

    def say_phrase(self, role: Role, phrase_id: str) -> Future:
        return self._submit(lambda: self.session.say_phrase(role, phrase_id))

    def correct(self, entry_id: int, text: str) -> Future:
        """The clerk's correction; raises :class:`~base.errors.InputError` at once for empty text."""
        clean = clean_text(text)
        return self._submit(lambda: self.session.correct(entry_id, clean))

    def flip_speaker(self, entry_id: int) -> Future:
        """The clerk's "the other party said this" (the line may need translating for its new reader)."""
        return self._submit(lambda: self.session.flip_speaker(entry_id))

    def use_suggestion(self, entry_id: int, suggestion_id: str) -> Future:
        return self._submit(lambda: self.session.use_suggestion(entry_id, suggestion_id))

    def wait(self, timeout: float | None = None) -> None:
        """Block until every line sent so far is done (tests, the gallery and shutdown; never the screens)."""
        self._pool.submit(lambda: None).result(timeout)

    def close(self) -> None:
        self._pool.shutdown(wait=True, cancel_futures=False)

    def _submit(self, call: Callable[[], object]) -> Future:
        with self._lock:
            self._pending += 1
        return self._pool.submit(self._run, call)

    def _run(self, call: Callable[[], object]) -> object:
        try:
            return call()
        except KioskError as exc:
            log.info("line refused: %s", exc.message_en)
            self.session.notify(Notice("line_refused", exc.message_ko, exc.message_en, "warning"))
            return None
        except Exception:  # a background failure comes back as an event, never into Qt
            log.exception("line failed")
            self.session.notify(
                Notice("line_refused", "문장을 처리하지 못했습니다", "the line could not be processed", "error")
            )
            return None
        finally:
            with self._lock:
                self._pending -= 1
