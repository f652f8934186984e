"""Signing at the counter: synthetic signing through the live channel to a Korean sentence for the clerk."""

from __future__ import annotations

import dataclasses
import time
import types
from pathlib import Path

import numpy as np
import pytest

from base.clock import ManualClock
from base.errors import SessionStateError
from base.events import Modality, Notice, SignChips, VisitorMode
from kiosk.channels import camera_worker
from kiosk.channels.signing import PAUSE_S, UNKNOWN, SignChannel, load_recognizer
from kiosk.config import KioskConfig
from kiosk.session import Session
from kiosk.store import TranscriptStore
from sign_models.landmarks import LandmarkFrame
from sign_models.recognizer import SignResult
from sign_models.sign_dataset import random_sign
from sign_models.synthetic_signs import render_signs
from tests.conftest import live_channel

TAUGHT = ("화장실", "어디", "서류", "필요하다")  # synthetic stand-ins for signs interpreters taught on site


def teach(folder: Path, glosses=TAUGHT) -> None:
    from sign_models.enrollment import enroll_frames

    for i, gloss in enumerate(glosses):
        for seed in (100 + i, 200 + i, 300 + i):
            enroll_frames(render_signs([gloss], np.random.default_rng(seed)).frames, gloss, folder, "interp-01")


@pytest.fixture
def signing(config: KioskConfig, tmp_path: Path):
    config = dataclasses.replace(config, models=dataclasses.replace(config.models, enrolled_dir=tmp_path / "signs"))
    teach(tmp_path / "signs")
    yield from live_channel(config, SignChannel)


def sign(channel: SignChannel, glosses: list[str], seed: int) -> float:
    """Feed a synthetic signer's frames, then the hands resting until the sentence is sent."""
    sequence = render_signs(glosses, np.random.default_rng(seed))
    t = 0.0
    for frame in sequence.frames:
        t = frame.t
        channel.handle(frame, t)
    rest = sequence.frames[-1]
    for i in range(1, int((PAUSE_S + 0.5) * 30)):
        channel.handle(dataclasses.replace(rest, t=t + i / 30), t + i / 30)
    return t


def test_signs_become_chips_and_then_a_korean_sentence(signing) -> None:
    session, channel, events = signing
    session.choose("ko", VisitorMode.SIGN)
    sign(channel, ["화장실", "어디"], seed=3)
    chips = [e for e in events if isinstance(e, SignChips)]
    assert [s.gloss for s in chips[-2].signs] == ["화장실", "어디"], "each sign shows at once"
    assert chips[-1].signs == (), "cleared when the sentence is sent"
    entry = session.entries[-1]
    assert (entry.text, entry.modality, entry.language) == ("화장실이 어디예요?", Modality.SIGN, "ko")
    assert entry.provenance == "sign" and 0 < entry.confidence <= 1


def test_unknown_signs_are_shown_and_never_sent(signing) -> None:
    """Random sign-like movements (not in the lexicon) come back as unknown: a "?" chip, nothing sent."""
    session, channel, events = signing
    session.choose("ko", VisitorMode.SIGN)
    rng = np.random.default_rng(1)
    for frame in render_signs([random_sign(rng)], rng).frames:
        channel.handle(frame, frame.t)
    shown = [e for e in events if isinstance(e, SignChips) and e.signs]
    assert shown[-1].signs[-1].gloss == UNKNOWN and "다시" in shown[-1].signs[-1].text
    assert channel.send() is None and session.entries == []


def test_send_and_undo_buttons(signing) -> None:
    session, channel, _ = signing
    session.choose("ko", VisitorMode.SIGN)
    for frame in render_signs(["서류", "필요하다"], np.random.default_rng(7)).frames:
        channel.handle(frame, frame.t)
    assert [s.gloss for s in channel.signs][:1] == ["서류"] and len(channel.signs) == 2  # the 2nd may be unknown
    channel.undo()
    entry = channel.send()
    assert entry.text == "서류요." and channel.signs == []


def test_a_damaged_model_is_reported_and_taught_signs_still_work(config: KioskConfig, tmp_path: Path) -> None:
    models = dataclasses.replace(config.models, sign_dir=tmp_path / "model", enrolled_dir=tmp_path / "signs")
    (tmp_path / "model").mkdir()
    (tmp_path / "model" / "sign_classifier.tflite").write_bytes(b"not a model")
    (tmp_path / "model" / "sign_labels.txt").write_text("a\nb\n", encoding="utf-8")
    recognizer, notices = load_recognizer(dataclasses.replace(config, models=models))
    assert recognizer.classifier is None and notices[0].code == "sign_model_missing"
    frame = LandmarkFrame(0.0, 640, 480, None, None, None, None)
    assert recognizer.push(frame) == []


def test_the_live_path_never_answers_with_the_synthetic_model(config: KioskConfig, tmp_path: Path) -> None:
    """Nothing taught, no trained model: a sign the synthetic fixture model knows is still unknown live."""
    import shutil

    from sign_models.classifier import DEFAULT_LABELS, DEFAULT_MODEL

    models = dataclasses.replace(config.models, sign_dir=tmp_path / "model", enrolled_dir=tmp_path / "signs")
    recognizer, notices = load_recognizer(dataclasses.replace(config, models=models))
    assert recognizer.classifier is None and notices == []
    results = recognizer.recognize_all(render_signs(["화장실"], np.random.default_rng(3)).frames)
    assert [(r.gloss, r.source) for r in results] == [(None, "unknown")]
    (tmp_path / "model").mkdir()
    shutil.copy(DEFAULT_MODEL, tmp_path / "model" / "sign_classifier.tflite")
    shutil.copy(DEFAULT_LABELS, tmp_path / "model" / "sign_labels.txt")
    recognizer, notices = load_recognizer(dataclasses.replace(config, models=models))
    assert recognizer.classifier is None and [n.code for n in notices] == ["sign_model_synthetic"]


def test_a_sign_taught_on_site_is_recognised_at_once(signing, config: KioskConfig) -> None:
    from base.errors import InputError
    from kiosk.admin.actions import AdminActions
    from kiosk.admin.pin import AdminGate
    from kiosk.admin.recorder import FrameRecorder
    from sign_models.enrollment import enroll_frames
    from sign_models.sign_dataset import random_sign

    session, channel, _ = signing
    recorder = FrameRecorder()
    actions = AdminActions(session, AdminGate("", config.store.audit_log), recorder, channel)
    actions.start_recording(2.0)
    recorder.on_frame(np.zeros((240, 320, 3), np.uint8))  # an empty counter: no person, no sign
    with pytest.raises(InputError, match="no sign found"):
        actions.finish_sign("복지카드", "interp-01")
    new_sign = random_sign(np.random.default_rng(42))
    folder = session.config.models.enrolled_dir
    for seed in (1, 2):
        enroll_frames(render_signs([new_sign], np.random.default_rng(seed)).frames, "복지카드", folder, "interp-01")
    assert "복지카드 (2)" in actions.enrolled()
    channel.reload_enrolled()
    session.choose("ko", VisitorMode.SIGN)
    for frame in render_signs([new_sign], np.random.default_rng(3)).frames:
        channel.handle(frame, frame.t)
    assert [s.gloss for s in channel.signs] == ["복지카드"]


class _OneSign:
    """A recogniser that finds the sign 서류 in the first frame of each visit it sees."""

    def __init__(self) -> None:
        self.fresh = True

    def reset(self) -> None:
        self.fresh = True

    def push(self, frame: LandmarkFrame) -> list[SignResult]:
        found, self.fresh = self.fresh, False
        return [SignResult(frame.t, frame.t, "서류", "서류", 0.9, "model", ())] if found else []


class _Landmarker:
    def process(self, rgb: np.ndarray, t: float) -> LandmarkFrame:
        return LandmarkFrame(t, 4, 4, None, None, None, None)


def _wait(condition, timeout: float = 5.0) -> bool:
    end = time.monotonic() + timeout
    while not condition() and time.monotonic() < end:
        time.sleep(0.01)
    return condition()


def test_a_pending_sentence_at_visit_end_does_not_switch_sign_input_off(config: KioskConfig, monkeypatch) -> None:
    """The clerk ends the visit within PAUSE_S of the last sign: no false "unavailable", the next visit signs."""
    now = [100.0]
    monkeypatch.setattr(camera_worker, "time", types.SimpleNamespace(monotonic=lambda: now[0]))
    store = TranscriptStore(config.store.path)
    session = Session(config, store, clock=ManualClock())
    notices: list[Notice] = []
    session.subscribe(lambda e: notices.append(e) if isinstance(e, Notice) else None)
    recognizer = _OneSign()
    channel = SignChannel(session, recognizer, landmarker_factory=_Landmarker)
    image = np.zeros((4, 4, 3), np.uint8)
    try:
        session.choose("ko", VisitorMode.SIGN)
        channel.on_frame(image)
        assert _wait(lambda: len(channel.signs) == 1)
        session.end()  # within PAUSE_S of the sign
        now[0] += PAUSE_S + 1
        channel.on_frame(image)  # the pause is over after the visit ended
        time.sleep(0.3)
        session.clear()
        assert notices == [], "no false notice"
        session.choose("ko", VisitorMode.SIGN)
        channel.on_frame(image)
        assert _wait(lambda: len(channel.signs) == 1), "sign input still works in the next visit"
    finally:
        channel.close()
        store.close()


def test_an_error_in_handling_a_frame_does_not_switch_the_camera_input_off(config: KioskConfig) -> None:
    """Only a landmark (MediaPipe) failure turns the input off; a failure in handling one result is logged."""
    store = TranscriptStore(config.store.path)
    session = Session(config, store, clock=ManualClock())
    notices: list[Notice] = []
    session.subscribe(lambda e: notices.append(e) if isinstance(e, Notice) else None)
    handled: list[float] = []

    class Failing(camera_worker.CameraWorker):
        mode = VisitorMode.SIGN

        def handle(self, frame: LandmarkFrame, t: float) -> None:
            handled.append(t)
            raise SessionStateError("지금은 할 수 없는 동작입니다", "not possible")

    worker = Failing(session, landmarker_factory=_Landmarker)
    try:
        session.choose("ko", VisitorMode.SIGN)
        for count in (1, 2):
            worker.on_frame(np.zeros((4, 4, 3), np.uint8))
            assert _wait(lambda n=count: len(handled) == n), "the worker keeps handling frames"
        assert notices == []
    finally:
        worker.close()
        store.close()
