"""Fingerspelling at the counter: camera frames -> hand landmarks -> letters -> a Hangul word.

Active only in a fingerspelling visit (landmarks come from :class:`~kiosk.channels.camera_worker.CameraWorker`).
The signing hand is the right one when MediaPipe sees it, else the left one. Whether this visitor's hands
are read as seen or mirrored (a left-handed signer, a mirrored camera) is voted per visit by
:class:`~sign_models.fingerspell_classifier.MirrorVote` from MediaPipe's handedness and from which reading
gives confident letters; until the vote is clear each frame is classified both ways. Each
change is shown on both screens as a :class:`~base.events.Spelling`; the visitor's buttons delete a
letter, add a space, or confirm the word, which then becomes a transcript line (modality
``fingerspelling``, Korean).
"""

from __future__ import annotations

import threading

import numpy as np

from base.events import Modality, Role, Spelling, StateChanged, TranscriptEntry, VisitorMode
from kiosk.channels.camera_worker import CameraWorker
from sign_models.fingerspell_classifier import LEFT, RIGHT, FingerspellClassifier, FrameResult, MirrorVote
from sign_models.fingerspell_decoder import FingerspellDecoder
from sign_models.landmarks import LandmarkFrame

RAISED = 0.05  # image heights: with both hands in view, the left one signs when its wrist is this much higher


class SpellingChannel(CameraWorker):
    """The live fingerspelling input of one kiosk."""

    mode = VisitorMode.FINGERSPELLING
    notice_code = "fingerspelling_unavailable"
    hands_alone = True  # a visitor may hold the hand up close to the camera: only the hand is needed

    def __init__(self, session, landmarker_factory=None) -> None:
        self._classifier = FingerspellClassifier.load()
        self.vote = MirrorVote()
        self.decoder = FingerspellDecoder()
        self._lock = threading.RLock()  # the spelling is shown under it: a button is never overtaken by older letters
        self._shown: Spelling | None = None
        super().__init__(session, landmarker_factory)

    def handle(self, frame: LandmarkFrame, t: float) -> None:
        """The signing hand of one frame's landmarks: the only hand seen, or of two the higher one (the other
        rests), the right one when they are level."""
        right, left = frame.right_hand, frame.left_hand
        if right is not None and left is not None:
            raised_left = float(np.asarray(left)[0, 1]) < float(np.asarray(right)[0, 1]) - RAISED
            right, left = (None, left) if raised_left else (right, None)
        if right is not None:
            self.push_hand(right, t, frame.aspect)
        elif left is not None:
            self.push_hand(left, t, frame.aspect, left=True)
        else:
            self.push_hand(None, t, frame.aspect)

    def push_hand(self, hand: np.ndarray | None, t: float, aspect: float, left: bool = False) -> None:
        """One frame's signing hand (None: no hand; ``left``: MediaPipe calls it a left hand) through the
        classifier, read as this visitor's vote says, and the decoder."""
        if hand is None:
            frame = FrameResult("", 0.0, t)
        else:
            handedness = LEFT if left else RIGHT
            frame = self._classifier.frame(hand, t, aspect=aspect, vote=self.vote, handedness=handedness)
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

    # -- internals -------------------------------------------------------------------------------------
    def visit_changed(self, event: StateChanged) -> None:
        if event.mode is None:
            with self._lock:
                self.decoder.clear()
                self.vote.reset()  # the next visitor may sign with the other hand

    def _show(self, holding: str = "", confidence: float = 0.0) -> None:
        """Tell the screens, when the letters or the held letter changed (not 30 times a second)."""
        with self._lock:
            spelling = Spelling(tuple(self.decoder.letters), self.decoder.text, holding, round(confidence, 1))
            if spelling == self._shown:
                return
            self._shown = spelling
            self.session.show_spelling(spelling)
