"""The self-view's cue (hands seen / step into the frame / too dark) comes from the sign and fingerspelling inputs'
own landmark results, the same way for both; the sign screen shows its signs as large chips, the newest marked."""

from __future__ import annotations

import time

import numpy as np
import pytest
from PyQt6.QtCore import Qt
from PyQt6.QtWidgets import QLabel, QPushButton

from base.clock import ManualClock
from base.events import CameraView, SignChips, SignEvent, VisitorMode
from hardware.video_file_camera import VideoFileCamera
from kiosk.channels.camera_worker import SEEN_S
from kiosk.channels.fingerspelling import SpellingChannel
from kiosk.channels.signing import SignChannel
from kiosk.config import KioskConfig
from kiosk.session import Session
from kiosk.store import TranscriptStore
from sign_models.landmarks import LandmarkFrame
from sign_models.synthetic_signs import render_signs
from tests.ui_kiosk import find
from ui.strings import tr

GREY, BLACK = np.full((48, 64, 3), 120, np.uint8), np.zeros((48, 64, 3), np.uint8)
HAND = render_signs(["서류"], np.random.default_rng(1)).frames[20]  # SYNTHETIC landmarks with a right hand


class Replay:
    """MediaPipe's place: answers each frame with the next of the given landmark results (hand or none)."""

    def __init__(self, hands: list[bool]) -> None:
        self.hands = hands

    def process(self, rgb: np.ndarray, t: float) -> LandmarkFrame:
        hand = HAND.right_hand if self.hands.pop(0) else None
        return LandmarkFrame(t, 64, 48, None, None, hand, None)


@pytest.fixture
def session(config: KioskConfig):
    store = TranscriptStore(config.store.path)
    yield Session(config, store, clock=ManualClock())
    store.close()


def _views(channel, session: Session, mode: VisitorMode, frames: list[np.ndarray], gap: float) -> list[CameraView]:
    views: list[CameraView] = []
    channel.subscribe_view(views.append)
    session.choose("ko", mode)
    for image in frames:
        channel.on_frame(image)
        time.sleep(gap)  # the worker reads each frame before the next arrives
    channel.close()
    return views


@pytest.mark.parametrize("kind", [SignChannel, SpellingChannel])
def test_both_inputs_report_hands_step_in_and_too_dark_alike(session: Session, kind) -> None:
    replay = Replay([False, True, True, False, False, False])
    channel = kind(session, landmarker_factory=lambda: replay)
    mode = VisitorMode.SIGN if kind is SignChannel else VisitorMode.FINGERSPELLING
    frames = [GREY, GREY, GREY, GREY, BLACK, GREY]
    views = _views(channel, session, mode, frames, gap=SEEN_S * 0.6)
    assert views == [
        CameraView(hands=False, dark=False),  # step into the frame
        CameraView(hands=True, dark=False),  # hands seen (and still, for a frame MediaPipe misses)
        CameraView(hands=False, dark=True),  # too dark
        CameraView(hands=False, dark=False),
    ]


def test_hands_found_in_a_dim_picture_are_not_called_too_dark(session: Session) -> None:
    """MediaPipe finds real hands well below the dark level (README): when it finds them, the cue says so."""
    replay = Replay([True, True, False])
    channel = SpellingChannel(session, landmarker_factory=lambda: replay)
    views = _views(channel, session, VisitorMode.FINGERSPELLING, [BLACK, BLACK, BLACK], gap=SEEN_S * 1.2)
    assert views == [CameraView(hands=True, dark=False), CameraView(hands=False, dark=True)]


def test_real_mediapipe_on_the_demo_video_says_step_into_the_frame(session: Session, config: KioskConfig) -> None:
    """The real Holistic model on the demo video (no person in it): no hand, not dark."""
    camera = VideoFileCamera(config.devices.demo_video, realtime=False)
    camera.open()
    images = [camera.read().image for _ in range(3)]
    camera.close()
    views = _views(SignChannel(session), session, VisitorMode.SIGN, images, gap=1.0)
    assert views == [CameraView(hands=False, dark=False)]


def test_the_sign_screen_shows_the_cue_and_the_signs_as_chips(qtbot, kiosk) -> None:
    qtbot.mouseClick(find(kiosk.visitor, QPushButton, "mode_sign"), Qt.MouseButton.LeftButton)
    camera = kiosk.visitor.hands.camera
    assert camera.cue() == tr("cam_step_in", "ko")
    kiosk.bridge.on_camera_view(CameraView(hands=True, dark=False))  # as the worker thread calls it
    qtbot.waitUntil(lambda: camera.cue() == tr("cam_hands", "ko"))
    kiosk.bridge.on_camera_view(CameraView(hands=False, dark=True))
    qtbot.waitUntil(lambda: camera.cue() == tr("cam_dark", "ko"))
    signs = tuple(SignEvent(g, g, 0.9, i, i + 1.0) for i, g in enumerate(("화장실", "어디", "가다", "서류")))
    kiosk.session.show_signs(SignChips(signs))
    qtbot.waitUntil(lambda: all(chip.isVisible() for chip in kiosk.visitor.findChildren(QLabel, "sign_chip")))
    chips = kiosk.visitor.findChildren(QLabel, "sign_chip")
    assert [c.text() for c in chips] == ["화장실", "어디", "가다", "서류"]
    assert [c.property("newest") for c in chips] == [False, False, False, True], "the newest is highlighted"
    assert min(c.height() for c in chips) >= 64 and chips[0].font().pixelSize() >= 48, "touch-size, read from 1 m"


def test_the_self_view_shows_the_word_spelled_so_far(qtbot, kiosk) -> None:
    """The word under the camera can be a scroll away (200 % on a short screen); on the picture it is always seen."""
    from base.events import Spelling

    qtbot.mouseClick(find(kiosk.visitor, QPushButton, "mode_fingerspelling"), Qt.MouseButton.LeftButton)
    camera = kiosk.visitor.hands.camera
    kiosk.session.show_spelling(Spelling((), "", "", 0.0))
    qtbot.waitUntil(lambda: camera.word == "")
    empty = camera.grab().toImage()
    kiosk.session.show_spelling(Spelling(tuple("ㄱㅣㅁㅁㅣㄴ"), "김민", "ㅅ", 0.9))
    qtbot.waitUntil(lambda: camera.word == "김민")
    spelled = camera.grab().toImage()
    strip = [(x, y) for x in range(20, 120, 4) for y in range(16, 70, 4)]  # where the word is drawn
    assert sum(empty.pixel(x, y) != spelled.pixel(x, y) for x, y in strip) > len(strip) // 4
