"""Camera frames -> MediaPipe landmarks on a worker thread, for the live sign and fingerspelling inputs.

Frames are taken from the camera thread into a one-frame mailbox and processed on a worker thread
(MediaPipe takes ~40 ms a frame on one core), so the camera view never waits; when the worker is busy the
newest frame wins. Its landmarks go, in order and none dropped, through a queue to a thread of their own
that handles them (:meth:`CameraWorker.handle`: the sign recogniser can take ~0.2 s on a frame while a
phrase is signed), so MediaPipe keeps taking frames meanwhile. The queue holds at most ``QUEUE`` frames; when
handling falls that far behind, MediaPipe waits for room (the camera's frames are then skipped as before,
newest wins) instead of memory growing. Frames are taken only while a visit in the worker's mode is open (not
on the summary screen), each tagged with its visit (:attr:`CameraWorker.visit`): a frame still queued when its
visit ends is dropped. MediaPipe is loaded at the first frame of a visit that needs it; if it cannot load or
fails on a frame, the clerk and the visitor are told once and the input stays off. An error in handling one
frame's landmarks (e.g. a sentence sent just as the clerk ended the visit, or a bug) is logged and the input stays on.

Both inputs (signs and fingerspelling) tell the visitor's self-view what they read the same way: a
:class:`~base.events.CameraView` (hands seen / too dark) to the :meth:`CameraWorker.subscribe_view` listeners
whenever it changes.
"""

from __future__ import annotations

import logging
import queue
import threading
import time
from collections.abc import Callable

import numpy as np

from base.errors import KioskError
from base.events import CameraView, Notice, SessionEvent, StateChanged, VisitorMode
from kiosk.session import Session
from kiosk.visit_states import OPEN
from sign_models.landmarks import LandmarkFrame

log = logging.getLogger(__name__)
DARK = 45  # mean brightness (0-255) below which a picture without hands is called too dark (a real clip
# darkened: MediaPipe still found the hand at mean 25, lost it at 16; README, fingerspelling)
SEEN_S = 1.0  # a hand counts as in view this long after MediaPipe last found one (it misses single frames)
QUEUE = 150  # landmark frames waiting to be handled at most (5 s at 30 fps; a frame is a few kB)


class CameraWorker:
    """Base of a live camera input that is active in one visitor mode; subclasses handle each frame."""

    mode: VisitorMode
    notice_code = "camera_input_unavailable"
    hands_alone = False  # hands with no body in view are looked for too (HolisticLandmarker's ``hands_alone``)

    def __init__(self, session: Session, landmarker_factory: Callable[[], object] | None = None) -> None:
        self.session = session
        self._factory = landmarker_factory
        self._mailbox: tuple[str | None, float, np.ndarray] | None = None
        self._frames: queue.Queue[tuple[str | None, LandmarkFrame, float]] = queue.Queue(QUEUE)
        self._wake = threading.Event()
        self._stop = threading.Event()
        self._landmarker: object | None = None
        self._failed = False
        self.active = False
        self.visit: str | None = None  # the open visit in this worker's mode (its session id), else None
        self._view_listeners: list[Callable[[CameraView], None]] = []
        self._view: CameraView | None = None
        self._hand_at = -SEEN_S
        session.subscribe(self._on_session_event)
        self._threads = [
            threading.Thread(target=self._work, name=f"kiosk-{self.mode.value}", daemon=True),
            threading.Thread(target=self._handle_queued, name=f"kiosk-{self.mode.value}-handle", daemon=True),
        ]
        for thread in self._threads:
            thread.start()

    def on_frame(self, rgb: np.ndarray) -> None:
        """Camera listener (camera thread): keep the newest frame for the worker."""
        if self.active and not self._failed:
            self._mailbox = (self.visit, time.monotonic(), rgb)
            self._wake.set()

    def subscribe_view(self, listener: Callable[[CameraView], None]) -> None:
        """``listener(view)`` (on the worker thread) whenever what the camera sees changes."""
        self._view_listeners.append(listener)

    def close(self) -> None:
        self._stop.set()
        self._wake.set()
        for thread in self._threads:
            thread.join(timeout=5)
        if self._landmarker is not None and hasattr(self._landmarker, "close"):
            self._landmarker.close()

    def handle(self, frame: LandmarkFrame, t: float) -> None:
        """One frame's landmarks (on the handling thread, in order; frames of an ended visit never come)."""
        raise NotImplementedError

    def visit_changed(self, event: StateChanged) -> None:
        """A visit started, changed or ended (subclasses reset their state)."""

    def _on_session_event(self, event: SessionEvent) -> None:
        if isinstance(event, StateChanged):
            self.active = event.mode is self.mode and event.state in OPEN
            self.visit = event.session_id if self.active else None
            self._view, self._hand_at = None, -SEEN_S  # the next visit hears from the first frame on
            self.visit_changed(event)

    def _work(self) -> None:
        while not self._stop.is_set():
            self._wake.wait(0.5)
            self._wake.clear()
            item, self._mailbox = self._mailbox, None
            if item is None or self._stop.is_set():
                continue
            visit, t, rgb = item
            try:
                if self._landmarker is None:
                    self._landmarker = self._factory() if self._factory else _holistic(self.hands_alone)
                frame = self._landmarker.process(rgb, t)
            except KioskError as exc:
                self._failed = True
                log.warning("%s unavailable: %s", self.mode.value, exc.message_en)
                self.session.notify(Notice(self.notice_code, exc.message_ko, exc.message_en, "warning"))
                continue
            self._tell_view(frame, rgb, t)
            while not self._stop.is_set():  # the handling thread is QUEUE frames behind: wait for room
                try:
                    self._frames.put((visit, frame, t), timeout=0.5)
                    break
                except queue.Full:
                    continue

    def _handle_queued(self) -> None:
        while not self._stop.is_set():
            try:
                visit, frame, t = self._frames.get(timeout=0.5)
            except queue.Empty:
                continue
            if visit != self.visit:
                continue  # its visit is over
            try:
                self.handle(frame, t)
            except KioskError as exc:
                log.warning("%s frame not handled: %s", self.mode.value, exc.message_en)
            except Exception:  # a bug on one frame: the thread ended, the queue filled and MediaPipe waited for good
                log.exception("%s frame not handled", self.mode.value)

    def _tell_view(self, frame: LandmarkFrame, rgb: np.ndarray, t: float) -> None:
        if frame.right_hand is not None or frame.left_hand is not None:
            self._hand_at = t
        hands = t - self._hand_at < SEEN_S  # hands found: light enough, whatever the picture's mean says
        view = CameraView(hands=hands, dark=not hands and float(rgb[::8, ::8].mean()) < DARK)
        if view != self._view:
            self._view = view
            for listener in self._view_listeners:
                listener(view)


def _holistic(hands_alone: bool) -> object:
    from sign_models.landmarks import HolisticLandmarker

    return HolisticLandmarker(hands_alone=hands_alone)
