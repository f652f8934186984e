"""A real person's hand (tests/data/real_hands: real video, real MediaPipe) through the live fingerspelling path.

The only real hands this project has: one person, two handshapes (ㅎ thumbs-up, ㅑ V), one webcam, and one
close-up photo of a hand (ㅏ). It checks that real landmarks (not the synthetic hand model's) reach the letters
the official 수형 설명 describe, also when the hand is so close that no body is in view.
"""

from __future__ import annotations

from pathlib import Path

import numpy as np
import pytest
from PIL import Image

from base.events import Spelling, VisitorMode
from hardware.video_file_camera import VideoFileCamera
from kiosk.channels.fingerspelling import SpellingChannel
from sign_models.landmarks import HolisticLandmarker

DATA = Path(__file__).parent / "data" / "real_hands"
CLIP = DATA / "thumb_and_v.mp4"
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


@pytest.fixture
def spelling_visit(spelling):
    """The spelling channel and the session's events in a Korean fingerspelling visit."""
    session, channel, events = spelling
    session.choose("ko", VisitorMode.FINGERSPELLING)
    return channel, events


def shown(events: list) -> str:
    """The letter the visitor screen shows as held now (a Spelling event is sent on each change)."""
    spelled = [e for e in events if isinstance(e, Spelling)]
    return spelled[-1].holding if spelled else ""


def test_the_live_spelling_path_reads_the_real_letters(frames, spelling_visit) -> None:
    channel, events = spelling_visit
    held = []
    for k, frame in enumerate(frames):
        channel.handle(frame, k / 10)
        held.append(shown(events))
    right = sum(held[k] == letter for letter, ks in HELD.items() for k in ks)
    assert right >= 0.9 * sum(map(len, HELD.values())), held
    assert [e for e in events if isinstance(e, Spelling)][-1].letters == ("ㅑ", "ㅎ", "ㅑ", "ㅎ")
    assert channel.decoder.text == "ㅑ햫"


def test_a_hand_close_to_the_camera_with_no_body_in_view_is_read(spelling_visit) -> None:
    """Holistic finds hands only beside a body; the spelling channel's landmarker also asks MediaPipe Hands."""
    channel, events = spelling_visit
    image = np.asarray(Image.open(DATA / "index_up_close.jpg").convert("RGB"))
    body_only, either = HolisticLandmarker(), HolisticLandmarker(hands_alone=SpellingChannel.hands_alone)
    try:
        frames = [(body_only.process(image, k / 10), either.process(image, k / 10)) for k in range(5)]
    finally:
        body_only.close()
        either.close()
    assert all(a.left_hand is None and a.right_hand is None for a, _ in frames), "Holistic alone finds it now"
    assert all(b.pose is None and (b.left_hand is not None or b.right_hand is not None) for _, b in frames)
    for k, (_, frame) in enumerate(frames):
        channel.handle(frame, k / 10)
    assert shown(events) in ("ㅏ", "ㅗ")  # index up from a fist: palm out, or its mirror picture
