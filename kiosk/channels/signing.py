"""Korean Sign Language at the counter: camera -> landmarks -> signs -> a Korean sentence for the clerk.

Active only in a sign visit. Each recognised sign appears at once as a chip on both screens (an unknown
one as "?" with "please repeat" for the visitor). When the signer rests for ``PAUSE_S`` after the last
sign — or presses "send" — the signs are composed into a polite Korean sentence
(:func:`sign_models.composer.compose`: KSL order, questions, negation, particles) and become a transcript
line (modality ``sign``). Signs still pending when the visit ends (the clerk ended it within ``PAUSE_S``
of the last sign) are dropped: the visit is over and its transcript closed. Signs taught on site
(``[models] enrolled_dir``) are recognised at once; a model trained on people's recordings in
``[models] sign_dir`` answers the rest; anything else is "unknown" (the synthetic model is never used live).
The recogniser runs on the camera worker's handling thread (every landmark frame, in order), so matching taught
signs never makes MediaPipe skip camera frames; it starts afresh with each visit, signs of a visit that ended
while they were being found are dropped, and signs taught meanwhile are swapped in between two frames.
"""

from __future__ import annotations

import logging
import threading
from collections.abc import Callable
from pathlib import Path

from base.errors import ModelMissingError
from base.events import Modality, Notice, Role, SignChips, SignEvent, StateChanged, TranscriptEntry, VisitorMode
from kiosk.channels.camera_worker import CameraWorker
from kiosk.config import KioskConfig
from kiosk.session import Session
from kiosk.visit_states import OPEN
from sign_models.classifier import DEFAULT_MODEL, SignClassifier, SignModel
from sign_models.composer import compose
from sign_models.fewshot import EnrolledSigns
from sign_models.landmarks import LandmarkFrame
from sign_models.recognizer import UNKNOWN_GLOSS, SignRecognizer
from sign_models.trained_signs import MODEL_FILE, TrainedSigns

log = logging.getLogger(__name__)
PAUSE_S = 2.0  # hands at rest this long after the last sign: the sentence is sent
UNKNOWN = UNKNOWN_GLOSS  # the gloss of a sign that was not recognised (for the screens)


def load_recognizer(config: KioskConfig, enrolled_dir: Path | None = None) -> tuple[SignRecognizer, list[Notice]]:
    """The signs taught on site plus, when there is one, a model trained on people's recordings.

    Only a model in ``[models] sign_dir`` is used: ``sign_model.npz`` written by ``kiosk sign train`` from the
    examples taught on site, else a ``sign_classifier.tflite`` trained on recordings elsewhere. The packaged
    model in ``sign_models/data`` was trained on synthetic, invented signs: it is a test fixture and is never
    loaded here, so the live kiosk can never answer with an invented gloss; a copy of it placed in ``sign_dir``
    is refused too. No trained model is the normal case (taught signs only), not a fault.
    """
    notices = []
    custom = config.models.sign_dir / "sign_classifier.tflite"
    trained = config.models.sign_dir / MODEL_FILE
    classifier: SignModel | None = None
    if trained.is_file():
        try:
            classifier = TrainedSigns.load(trained)
        except ModelMissingError as exc:
            log.warning("trained sign model unavailable: %s", exc.message_en)
            notices.append(Notice("sign_model_missing", exc.message_ko, exc.message_en, "warning"))
    elif custom.is_file() and _same_file(custom, DEFAULT_MODEL):
        log.warning("the synthetic test model in sign_dir is ignored: %s", custom)
        notices.append(
            Notice(
                "sign_model_synthetic",
                "수어 모델 폴더에 합성(가짜) 시험 모델이 있어 사용하지 않습니다",
                "the sign model folder holds the synthetic test model; it is not used",
                "warning",
            )
        )
    elif custom.is_file():
        try:
            classifier = SignClassifier.load(custom, config.models.sign_dir / "sign_labels.txt")
        except ModelMissingError as exc:
            log.warning("sign model unavailable: %s", exc.message_en)
            notices.append(Notice("sign_model_missing", exc.message_ko, exc.message_en, "warning"))
    return SignRecognizer(classifier, load_enrolled(enrolled_dir or config.models.enrolled_dir)), notices


def load_enrolled(folder: Path) -> EnrolledSigns:
    """The signs taught in ``folder``; their thresholds and impostors are worked out on a thread of its own, so
    the first sign a visitor makes does not wait for them."""
    enrolled = EnrolledSigns.load(folder)
    threading.Thread(target=enrolled.ready, name="enrolled-signs", daemon=True).start()
    return enrolled


def _same_file(a: Path, b: Path) -> bool:
    try:
        return a.stat().st_size == b.stat().st_size and a.read_bytes() == b.read_bytes()
    except OSError:
        return False


class SignChannel(CameraWorker):
    """The live sign input of one kiosk."""

    mode = VisitorMode.SIGN
    notice_code = "sign_unavailable"

    def __init__(
        self,
        session: Session,
        recognizer: SignRecognizer | None = None,
        landmarker_factory: Callable[[], object] | None = None,
    ) -> None:
        self.recognizer, notices = (recognizer, []) if recognizer else load_recognizer(session.config)
        self.startup_notices = notices
        self.signs: list[SignEvent] = []
        self._lock = threading.RLock()  # chips are shown under it: a send or undo is never overtaken by older chips
        self._last_sign_t: float | None = None
        self._recognising: str | None = None  # the visit whose frames the recogniser holds
        self._reloaded: EnrolledSigns | None = None  # taught signs to swap in before the next frame
        super().__init__(session, landmarker_factory)

    def handle(self, frame: LandmarkFrame, t: float) -> None:
        """One frame (on the handling thread): recognise finished signs; send the sentence after a pause. The
        recogniser starts afresh with each visit, and its signs are dropped if the visit ended meanwhile."""
        visit = self.visit
        with self._lock:
            enrolled, self._reloaded = self._reloaded, None
        if enrolled is not None:  # between two frames, never inside a spot
            self.recognizer.enrolled = enrolled
        if visit != self._recognising:
            self._recognising = visit
            self.recognizer.reset()
        results = self.recognizer.push(frame)
        with self._lock:
            if visit != self.visit:
                return
            for result in results:
                self.signs.append(result.event())
                self._last_sign_t = t
            if results:
                log.debug("signs %s", ["known" if r.gloss is not None else "unknown" for r in results])
                self.session.show_signs(SignChips(tuple(self.signs)))
            pause = self._last_sign_t is not None and t - self._last_sign_t >= PAUSE_S
        if pause:
            self.send()

    def reload_enrolled(self) -> None:
        """Signs taught on the admin screen are recognised from the next frame on."""
        enrolled = load_enrolled(self.session.config.models.enrolled_dir)
        with self._lock:
            self._reloaded = enrolled

    # -- the visitor's buttons -------------------------------------------------------------------------
    def send(self) -> TranscriptEntry | None:
        """Compose the signs so far into a Korean sentence for the clerk; None when there is none."""
        with self._lock:
            known = [s for s in self.signs if s.gloss != UNKNOWN_GLOSS]
            self.signs, self._last_sign_t = [], None
            self.session.show_signs(SignChips(()))
        if not known:
            return None
        sentence = compose([s.gloss for s in known])
        confidence = round(min(s.confidence for s in known), 3)
        return self.session.say(
            Role.VISITOR, sentence, Modality.SIGN, language="ko", provenance="sign", confidence=confidence
        )

    def undo(self) -> None:
        """Take back the last sign (recognised wrongly)."""
        with self._lock:
            if self.signs:
                self.signs.pop()
            self.session.show_signs(SignChips(tuple(self.signs)))

    # -- internals -------------------------------------------------------------------------------------
    def visit_changed(self, event: StateChanged) -> None:
        if event.state not in OPEN:
            with self._lock:
                self.signs, self._last_sign_t = [], None
