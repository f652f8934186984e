"""Moves Session events and media callbacks from any thread onto the Qt main thread as signals.

It also keeps, once for both screens, whose words are being recognised (:attr:`SessionBridge.speaking`: a partial
caption came, no final caption or line yet), updated before any screen's slot runs. Camera frames are coalesced
like the camera worker does: only the newest frame waits for the GUI thread, so a busy screen skips stale frames
instead of painting a queue of them late. :class:`MainThread` brings a
worker's result (a saved sign, an installed pack) back the same way.
"""

from __future__ import annotations

import threading
from collections.abc import Callable
from concurrent.futures import Future

import numpy as np
from PyQt6.QtCore import QObject, pyqtSignal

from base.events import (
    CameraView,
    Caption,
    Notice,
    Role,
    SessionEvent,
    SignChips,
    Spelling,
    StateChanged,
    Suggestions,
    TimeoutWarning,
    TranscriptEntry,
)
from kiosk.session import Session
from kiosk.visit_states import OPEN


class SessionBridge(QObject):
    """Subscribes to a Session; each event type becomes a signal (queued when emitted off the GUI thread)."""

    state_changed = pyqtSignal(object)  # StateChanged
    entry_added = pyqtSignal(object)  # TranscriptEntry
    caption = pyqtSignal(object)  # Caption (partial or final)
    timeout_warning = pyqtSignal(object)  # TimeoutWarning
    notice = pyqtSignal(object)  # Notice
    spelling = pyqtSignal(object)  # Spelling (a fingerspelled word in progress)
    signs = pyqtSignal(object)  # SignChips (recognised signs of the sentence in progress)
    suggestions = pyqtSignal(object)  # Suggestions (nearest reviewed phrases for the speaker's newest line)
    frame = pyqtSignal(object)  # numpy RGB image from the camera
    camera_view = pyqtSignal(object)  # CameraView (hands seen, too dark) from the sign / fingerspelling input
    level = pyqtSignal(float)  # microphone level 0..1
    _frame_waiting = pyqtSignal()  # a newest frame is pending (at most one such signal queued)

    def __init__(self, session: Session, parent: QObject | None = None) -> None:
        super().__init__(parent)
        self.session = session
        self._frame_lock = threading.Lock()
        self._pending_frame: np.ndarray | None = None
        self._frame_waiting.connect(self._emit_frame)
        self.speaking: set[Role] = set()  # whose words are being recognised now (the screens' Talk buttons read it)
        self.caption.connect(self._heard)  # connected first: Qt calls slots in connection order
        self.entry_added.connect(lambda entry: self.speaking.discard(entry.role))
        self.state_changed.connect(lambda event: None if event.state in OPEN else self.speaking.clear())
        session.subscribe(self._on_event)

    def _heard(self, caption: Caption) -> None:
        if caption.final:
            self.speaking.discard(caption.role)
        else:
            self.speaking.add(caption.role)

    def _on_event(self, event: SessionEvent) -> None:
        if isinstance(event, StateChanged):
            self.state_changed.emit(event)
        elif isinstance(event, TranscriptEntry):
            self.entry_added.emit(event)
        elif isinstance(event, Caption):
            self.caption.emit(event)
        elif isinstance(event, TimeoutWarning):
            self.timeout_warning.emit(event)
        elif isinstance(event, Notice):
            self.notice.emit(event)
        elif isinstance(event, Spelling):
            self.spelling.emit(event)
        elif isinstance(event, SignChips):
            self.signs.emit(event)
        elif isinstance(event, Suggestions):
            self.suggestions.emit(event)

    def on_frame(self, image: np.ndarray) -> None:
        """Media-thread callback for camera frames: replaces a frame still waiting for the GUI thread."""
        with self._frame_lock:
            waiting = self._pending_frame is not None
            self._pending_frame = image
        if not waiting:
            self._frame_waiting.emit()

    def _emit_frame(self) -> None:
        with self._frame_lock:
            image, self._pending_frame = self._pending_frame, None
        if image is not None:
            self.frame.emit(image)

    def on_camera_view(self, view: CameraView) -> None:
        """Camera-worker callback: what the sign or fingerspelling input read in its newest frame."""
        self.camera_view.emit(view)

    def on_level(self, value: float) -> None:
        """Media-thread callback for the microphone level."""
        self.level.emit(value)


class MainThread(QObject):
    """Runs callables handed over from any thread on the Qt main thread (create it there, e.g. as a child of
    the window: when the window is gone, results still arriving are dropped)."""

    _call = pyqtSignal(object)

    def __init__(self, parent: QObject | None = None) -> None:
        super().__init__(parent)
        self._call.connect(self._run)

    def post(self, call: Callable[[], object]) -> None:
        """Run ``call`` on the main thread: queued from a worker, at once when called on the main thread."""
        self._call.emit(call)

    def when_done(self, future: Future, done: Callable[[Future], object]) -> None:
        """Call ``done(future)`` on the main thread once a worker's ``future`` has its result or error."""
        future.add_done_callback(lambda finished: self.post(lambda: done(finished)))

    def _run(self, call: Callable[[], object]) -> None:
        call()
