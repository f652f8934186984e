"""Fingerspelling at the counter: hands -> letters -> a confirmed word in the transcript; real MediaPipe."""

from __future__ import annotations

import time
from pathlib import Path

import numpy as np
import pytest

from base.clock import ManualClock
from base.errors import DeviceError, InputError, MediaFormatError
from base.events import Modality, Notice, Spelling, VisitorMode
from cli.main import main
from hardware.video_file_camera import VideoFileCamera
from kiosk.channels.fingerspelling import SpellingChannel
from kiosk.config import KioskConfig
from kiosk.session import Session
from kiosk.store import TranscriptStore
from sign_models.landmarks import HolisticLandmarker
from sign_models.synthetic_signing import ASPECT, spelled_hands


def spell(channel: SpellingChannel, word: str, seed: int = 3, t0: float = 0.0) -> float:
    t = t0
    for t, hand in spelled_hands(word, np.random.default_rng(seed)):
        channel.push_hand(hand, t0 + t, ASPECT)
    channel.push_hand(None, t0 + t + 1.0, ASPECT)  # the hand drops: a waiting letter is committed
    return t0 + t + 1.0


def test_a_spelled_name_becomes_a_transcript_line(spelling) -> None:
    session, channel, events = spelling
    session.choose("ko", VisitorMode.FINGERSPELLING)
    spell(channel, "김민수")
    shown = [e for e in events if isinstance(e, Spelling)]
    assert shown[-1].text == "김민수"
    assert any(e.holding == "ㅁ" for e in shown), "the letter being held is shown live"
    assert len(shown) < 200, "the screens hear about changes, not every frame"
    entry = channel.confirm()
    assert entry is not None and entry.text == "김민수"
    assert (entry.modality, entry.language, entry.saved) == (Modality.FINGERSPELLING, "ko", True)
    assert [e for e in events if isinstance(e, Spelling)][-1].letters == ()


def test_delete_space_and_an_empty_confirm(spelling) -> None:
    session, channel, _ = spelling
    session.choose("ko", VisitorMode.FINGERSPELLING)
    end = spell(channel, "한")
    channel.space()
    spell(channel, "글", t0=end + 1)
    channel.delete()  # ㄹ
    assert channel.decoder.text == "한 그"
    channel.delete()
    channel.delete()
    channel.delete()
    channel.delete()
    assert channel.decoder.text == "하"
    for _ in range(5):
        channel.delete()
    assert channel.confirm() is None
    assert session.entries == []


def test_frames_are_ignored_outside_a_fingerspelling_visit(spelling) -> None:
    session, channel, _ = spelling
    session.choose("en", VisitorMode.SPEECH)
    channel.on_frame(np.zeros((240, 320, 3), np.uint8))
    assert channel._mailbox is None and not channel.active


def test_mediapipe_finds_no_hand_in_the_demo_video_and_says_nothing(spelling, config: KioskConfig) -> None:
    """The real Holistic model on real frames (the demo video has no person in it), with MediaPipe Hands asked
    too when no body is found, as the spelling channel does: no hand is made up."""
    session, channel, events = spelling
    session.choose("ko", VisitorMode.FINGERSPELLING)
    camera = VideoFileCamera(config.devices.demo_video, realtime=False)
    camera.open()
    landmarker = HolisticLandmarker(hands_alone=SpellingChannel.hands_alone)
    frames = []
    while (frame := camera.read()) is not None:
        frames.append(landmarker.process(frame.image, frame.timestamp))
        channel.on_frame(frame.image)
        time.sleep(0.05)
    camera.close()
    landmarker.close()
    assert len(frames) == 40
    assert all(f.left_hand is None and f.right_hand is None and f.pose is None for f in frames)
    assert frames[0].aspect == pytest.approx(4 / 3)
    assert not [e for e in events if isinstance(e, Notice)], "MediaPipe loaded and ran in the channel"
    assert all(not e.letters for e in events if isinstance(e, Spelling))


def test_landmarks_refuse_a_wrong_image() -> None:
    landmarker = HolisticLandmarker()
    try:
        with pytest.raises(MediaFormatError, match="RGB uint8"):
            landmarker.process(np.zeros((240, 320), np.float32), 0.0)
    finally:
        landmarker.close()


def test_sign_landmarks_command_writes_an_npz(tmp_path: Path, config: KioskConfig, capsys) -> None:
    out = tmp_path / "demo.npz"
    assert main(["sign", "landmarks", str(config.devices.demo_video), "-o", str(out)]) == 0
    assert "40 frames" in capsys.readouterr().out
    data = np.load(out)
    assert data["right_hand"].shape == (40, 21, 3) and not data["right_hand_present"].any()
    assert data["pose"].shape == (40, 33, 4) and data["t"].shape == (40,)


def test_recorded_letters_become_training_examples(tmp_path: Path) -> None:
    from kiosk.admin.recorder import FrameRecorder, save_fingerspelling
    from sign_models.fingerspell_training import load_recordings
    from sign_models.landmarks import LandmarkFrame

    recorder = FrameRecorder()
    recorder.on_frame(np.zeros((4, 4, 3), np.uint8))  # not recording yet: ignored
    recorder.start(5.0)
    for _ in range(3):
        recorder.on_frame(np.zeros((4, 4, 3), np.uint8))
    assert len(recorder.stop()) == 3 and not recorder.recording
    hands = [hand for _t, hand in spelled_hands("ㄱ", np.random.default_rng(1))][:10]
    frames = [LandmarkFrame(i / 30, 640, 480, None, hand, None, None) for i, hand in enumerate(hands)]  # left hand
    frames.append(LandmarkFrame(1.0, 640, 480, None, None, None, None))  # no hand in this frame
    path = save_fingerspelling(frames, "ㄲ", tmp_path)
    with np.load(path) as data:
        assert data["hand"].shape == (10, 21, 3) and bool(data["left_handed"])
    labels = ("ㄱ", "ㄴ")
    loaded_hands, _, letters = load_recordings(tmp_path, labels)
    assert loaded_hands.shape == (10, 21, 3) and set(letters) == {"ㄱ"}  # ㄲ trains the ㄱ handshape
    with pytest.raises(MediaFormatError, match="no hand"):
        save_fingerspelling(frames[-1:], "ㄱ", tmp_path)
    with pytest.raises(InputError):
        save_fingerspelling(frames, "A", tmp_path)


def test_the_admin_records_from_the_camera_and_is_told_when_no_hand_was_seen(config: KioskConfig) -> None:
    from kiosk.admin.actions import AdminActions
    from kiosk.admin.pin import AdminGate
    from kiosk.admin.recorder import FrameRecorder

    recorder = FrameRecorder()
    session = Session(config, TranscriptStore(config.store.path), clock=ManualClock())
    actions = AdminActions(session, AdminGate("", config.store.audit_log), recorder)
    assert "ㅎ" in actions.letters() and "ㄲ" in actions.letters()
    actions.start_recording(5.0)
    camera = VideoFileCamera(config.devices.demo_video, realtime=False)
    camera.open()
    while (frame := camera.read()) is not None:
        recorder.on_frame(frame.image)
    camera.close()
    with pytest.raises(MediaFormatError, match="no hand"):  # the demo video has no person in it
        actions.finish_fingerspelling("ㄱ")
    with pytest.raises(DeviceError, match="no camera"):
        AdminActions(session, AdminGate("", config.store.audit_log)).start_recording(2.0)


def test_a_mirrored_or_left_handed_signer_is_read_without_a_flag(spelling) -> None:
    from sign_models.features import mirror_hand

    session, channel, _ = spelling
    session.choose("ko", VisitorMode.FINGERSPELLING)
    t = 0.0
    for t, hand in spelled_hands("김민수", np.random.default_rng(4)):
        channel.push_hand(mirror_hand(hand), t, ASPECT, left=True)  # MediaPipe sees a left hand
    channel.push_hand(None, t + 1.0, ASPECT)
    assert channel.decoder.text == "김민수" and channel.vote.mirrored is True
    channel.confirm()
    session.end()
    session.clear()
    assert channel.vote.evidence == 0.0  # the next visitor is voted afresh


def test_with_both_hands_in_view_the_raised_one_signs(spelling) -> None:
    from sign_models.landmarks import LandmarkFrame

    session, channel, _ = spelling
    session.choose("ko", VisitorMode.FINGERSPELLING)
    seen: list[bool] = []
    channel.push_hand = lambda hand, t, aspect, left=False: seen.append(left)  # type: ignore[method-assign]
    hand = next(spelled_hands("ㄴ", np.random.default_rng(1)))[1]
    resting = hand.copy()
    resting[:, 1] += 0.3
    channel.handle(LandmarkFrame(0.0, 640, 480, None, hand, resting, None), 0.0)
    channel.handle(LandmarkFrame(0.1, 640, 480, None, resting, hand, None), 0.1)
    channel.handle(LandmarkFrame(0.2, 640, 480, None, hand, hand, None), 0.2)
    assert seen == [True, False, False]
