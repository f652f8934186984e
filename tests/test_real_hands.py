"""A real person's hand (tests/data/real_hands: real video, real MediaPipe) through the live fingerspelling path.

The only real hands this project has: one person, two handshapes (ㅎ thumbs-up, ㅑ V), one webcam. It checks
that real landmarks (not the synthetic hand model's) reach the letters the official 수형 설명 describe.
"""

from __future__ import annotations

from pathlib import Path

import pytest

from base.clock import ManualClock
from base.events import Spelling, VisitorMode
from hardware.video_file_camera import VideoFileCamera
from kiosk.channels.fingerspelling import SpellingChannel
from kiosk.config import KioskConfig
from kiosk.session import Session
from kiosk.store import TranscriptStore
from sign_models.landmarks import HolisticLandmarker

CLIP = Path(__file__).parent / "data" / "real_hands" / "thumb_and_v.mp4"
HELD = {"ㅎ": [0, *range(14, 23), *range(38, 43)], "ㅑ": [*range(3, 12), *range(25, 36)]}  # README.md there


@pytest.fixture(scope="module")
def frames():
    camera = VideoFileCamera(CLIP, realtime=False)
    camera.open()
    landmarker = HolisticLandmarker()
    seen = []
    while (frame := camera.read()) is not None:
        seen.append(landmarker.process(frame.image, frame.timestamp))
    camera.close()
    landmarker.close()
    return seen


def test_mediapipe_finds_the_real_hand_in_every_frame(frames) -> None:
    assert len(frames) == 43
    assert sum(f.left_hand is not None or f.right_hand is not None for f in frames) >= 41


def test_the_live_spelling_path_reads_the_real_letters(frames, config: KioskConfig) -> None:
    store = TranscriptStore(config.store.path)
    session = Session(config, store, clock=ManualClock())
    events: list = []
    session.subscribe(events.append)
    channel = SpellingChannel(session)
    try:
        session.choose("ko", VisitorMode.FINGERSPELLING)
        held = []
        for k, frame in enumerate(frames):
            channel.handle(frame, k / 10)
            shown = [e for e in events if isinstance(e, Spelling)]  # sent on each change of what is shown
            held.append(shown[-1].holding if shown else "")
        right = sum(held[k] == letter for letter, ks in HELD.items() for k in ks)
        assert right >= 0.9 * sum(map(len, HELD.values())), held
        assert [e for e in events if isinstance(e, Spelling)][-1].letters == ("ㅑ", "ㅎ", "ㅑ", "ㅎ")
        assert channel.decoder.text == "ㅑ햫"
    finally:
        channel.close()
        store.close()
