"""The screens' lines leave the Qt main thread: typed lines, quick phrases, corrections, speaker flips,
suggestion taps and a switch of the visit's language.

``Session.say`` translates on the caller's thread (tens to hundreds of ms with a real language pack, seconds
for its first load). The screens therefore never call it themselves: they hand the line to
:class:`LineWorker`, whose one thread (a :class:`~kiosk.serial_worker.SerialWorker`) runs the session calls in
the order they were tapped (a phrase tapped while a typed line is still being translated appears after it).
The results reach the screens as the usual Session events (the Qt bridge re-emits them on the main thread).
Input that cannot be a line (empty text) is refused at once, on the caller's thread, so the screen can say so;
a refusal found later (the visit ended meanwhile, the store failed) comes back as a :class:`Notice` with code
``line_refused``.
"""

from __future__ import annotations

import logging
from collections.abc import Callable
from concurrent.futures import Future

from base.errors import KioskError
from base.events import Notice, Role
from kiosk.serial_worker import SerialWorker
from kiosk.session import Session
from kiosk.text_input import clean_text

log = logging.getLogger(__name__)


class LineWorker(SerialWorker):
    """The lines the screens send, on one worker thread; every method returns at once."""

    def __init__(self, session: Session) -> None:
        super().__init__("lines")
        self.session = session

    def say(self, role: Role, text: str) -> Future:
        """Send a typed line; raises :class:`~base.errors.InputError` at once for empty text."""
        clean = clean_text(text)
        return self.submit(lambda: self.session.say(role, clean))

    def say_phrase(self, role: Role, phrase_id: str) -> Future:
        return self.submit(lambda: self.session.say_phrase(role, phrase_id))

    def correct(self, entry_id: int, text: str) -> Future:
        """The clerk's correction; raises :class:`~base.errors.InputError` at once for empty text."""
        clean = clean_text(text)
        return self.submit(lambda: self.session.correct(entry_id, clean))

    def flip_speaker(self, entry_id: int) -> Future:
        """The clerk's "the other party said this" (the line may need translating for its new reader)."""
        return self.submit(lambda: self.session.flip_speaker(entry_id))

    def switch_language(self, language: str) -> Future:
        """The visitor switches the visit's language (the lines so far are translated again, off the Qt thread)."""
        return self.submit(lambda: self.session.switch_language(language))

    def use_suggestion(self, entry_id: int, suggestion_id: str) -> Future:
        return self.submit(lambda: self.session.use_suggestion(entry_id, suggestion_id))

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
