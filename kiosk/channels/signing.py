"""Korean Sign Language at the counter: camera -> landmarks -> signs -> a Korean sentence for the clerk.

Active only in a sign visit. Each recognised sign appears at once as a chip on both screens (an unknown
one as "?" with "please repeat" for the visitor). When the signer rests for ``PAUSE_S`` after the last
sign — or presses "send" — the signs are composed into a polite Korean sentence
(:func:`sign_models.composer.compose`: KSL order, questions, negation, particles) and become a transcript
line (modality ``sign``). Signs still pending when the visit ends (the clerk ended it within ``PAUSE_S``
of the last sign) are dropped: the visit is over and its transcript closed. Signs taught on site
(``[models] enrolled_dir``) are recognised at once; a model trained on people's recordings in
``[models] sign_dir`` answers the rest; anything else is "unknown" (the synthetic model is never used live).
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
        self._lock = threading.Lock()
        self._last_sign_t: float | None = None
        super().__init__(session, landmarker_factory)

    def handle(self, frame: LandmarkFrame, t: float) -> None:
        """One frame: recognise finished signs; send the sentence after a pause."""
        for result in self.recognizer.push(frame):
            self._add(result.event())
            self._last_sign_t = t
        if self._last_sign_t is not None and t - self._last_sign_t >= PAUSE_S:
            self.send()

    def reload_enrolled(self) -> None:
        """Signs taught on the admin screen are recognised from the next sign on."""
        self.recognizer.enrolled = load_enrolled(self.session.config.models.enrolled_dir)

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
            signs = tuple(self.signs)
        self.session.show_signs(SignChips(signs))

    # -- internals -------------------------------------------------------------------------------------
    def visit_changed(self, event: StateChanged) -> None:
        if event.state not in OPEN:
            with self._lock:
                self.signs, self._last_sign_t = [], None

    def _add(self, sign: SignEvent) -> None:
        with self._lock:
            self.signs.append(sign)
            signs = tuple(self.signs)
        log.debug("sign %s (%.2f)", "known" if sign.gloss != UNKNOWN_GLOSS else "unknown", sign.confidence)
        self.session.show_signs(SignChips(signs))
