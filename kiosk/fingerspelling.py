"""Fingerspelling at the counter: camera frames -> hand landmarks -> letters -> a Hangul word.

Active only in a fingerspelling visit. Frames are taken from the camera thread into a one-frame mailbox
and processed on a worker thread (MediaPipe takes ~40 ms a frame on one core), so the camera view never
waits; when the worker is busy the newest frame wins. The signer's dominant hand is the right one when
MediaPipe sees it, else the left one, mirrored. Each change is shown on both screens as a
:class:`~kiosk.events.Spelling`; the visitor's buttons delete a letter, add a space, or confirm the word,
which then becomes a transcript line (modality ``fingerspelling``, Korean).
"""

from __future__ import annotations

import logging
import threading
import time
from collections.abc import Callable

import numpy as np

from kiosk.errors import KioskError
from kiosk.events import Modality, Notice, Role, SessionEvent, Spelling, StateChanged, TranscriptEntry, VisitorMode
from kiosk.session import Session
from sign_models.fingerspell_classifier import FingerspellClassifier, FrameResult
from sign_models.fingerspell_decoder import FingerspellDecoder

log = logging.getLogger(__name__)


class SpellingChannel:
    """The live fingerspelling input of one kiosk."""

    def __init__(self, session: Session, landmarker_factory: Callable[[], object] | None = None) -> None:
        self.session = session
        self._factory = landmarker_factory
        self._right = FingerspellClassifier.load()
        self._left = FingerspellClassifier.load(left_handed=True)
        self.decoder = FingerspellDecoder()
        self._lock = threading.Lock()
        self._mailbox: tuple[float, np.ndarray] | None = None
        self._wake = threading.Event()
        self._stop = threading.Event()
        self._landmarker: object | None = None
        self._failed = False
        self._shown: Spelling | None = None
        self.active = False
        session.subscribe(self._on_event)
        self._thread = threading.Thread(target=self._work, name="kiosk-fingerspelling", daemon=True)
        self._thread.start()

    # -- input -----------------------------------------------------------------------------------------
    def on_frame(self, rgb: np.ndarray) -> None:
        """Camera listener (camera thread): keep the newest frame for the worker."""
        if self.active and not self._failed:
            self._mailbox = (time.monotonic(), rgb)
            self._wake.set()

    def push_hand(self, hand: np.ndarray | None, t: float, aspect: float, left: bool = False) -> None:
        """One frame's dominant hand (None: no hand) through the classifier and the decoder."""
        classifier = self._left if left else self._right
        frame = classifier.frame(hand, t, aspect=aspect) if hand is not None else FrameResult("", 0.0, t)
        with self._lock:
            self.decoder.push(frame)
        self._show(frame.letter, frame.p)

    # -- the visitor's buttons -------------------------------------------------------------------------
    def delete(self) -> None:
        with self._lock:
            self.decoder.delete()
        self._show()

    def space(self) -> None:
        with self._lock:
            self.decoder.space()
        self._show()

    def confirm(self) -> TranscriptEntry | None:
        """Send the word to the conversation (and start the next one); None when nothing was spelled."""
        with self._lock:
            text = self.decoder.text.strip()
            self.decoder.clear()
        self._show()
        if not text:
            return None
        return self.session.say(Role.VISITOR, text, Modality.FINGERSPELLING, language="ko")

    def close(self) -> None:
        self._stop.set()
        self._wake.set()
        self._thread.join(timeout=5)
        if self._landmarker is not None and hasattr(self._landmarker, "close"):
            self._landmarker.close()

    # -- internals -------------------------------------------------------------------------------------
    def _on_event(self, event: SessionEvent) -> None:
        if isinstance(event, StateChanged):
            self.active = event.mode is VisitorMode.FINGERSPELLING
            if event.mode is None:
                with self._lock:
                    self.decoder.clear()

    def _show(self, holding: str = "", confidence: float = 0.0) -> None:
        """Tell the screens, when the letters or the held letter changed (not 30 times a second)."""
        with self._lock:
            spelling = Spelling(tuple(self.decoder.letters), self.decoder.text, holding, round(confidence, 1))
            if spelling == self._shown:
                return
            self._shown = spelling
        self.session.show_spelling(spelling)

    def _work(self) -> None:
        while not self._stop.is_set():
            self._wake.wait(0.5)
            self._wake.clear()
            item, self._mailbox = self._mailbox, None
            if item is None or self._stop.is_set():
                continue
            try:
                self._process(*item)
            except KioskError as exc:
                self._failed = True
                log.warning("fingerspelling unavailable: %s", exc.message_en)
                self.session.notify(Notice("fingerspelling_unavailable", exc.message_ko, exc.message_en, "warning"))

    def _process(self, t: float, rgb: np.ndarray) -> None:
        if self._landmarker is None:
            self._landmarker = self._factory() if self._factory else _holistic()
        frame = self._landmarker.process(rgb, t)  # type: ignore[attr-defined]
        if frame.right_hand is not None:
            self.push_hand(frame.right_hand, t, frame.aspect)
        elif frame.left_hand is not None:
            self.push_hand(frame.left_hand, t, frame.aspect, left=True)
        else:
            self.push_hand(None, t, frame.aspect)


def _holistic() -> object:
    from sign_models.landmarks import HolisticLandmarker

    return HolisticLandmarker()
