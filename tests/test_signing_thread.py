"""The sign recogniser runs on a thread of its own: MediaPipe never waits for it, and every landmark frame
reaches it in order; a visit's end and reloaded signs stay safe while it is busy."""

from __future__ import annotations

import threading

import numpy as np
import pytest

from base.clock import ManualClock
from base.events import SignChips, VisitorMode
from kiosk.channels import camera_worker
from kiosk.channels.signing import SignChannel
from kiosk.config import KioskConfig
from kiosk.session import Session
from kiosk.store import TranscriptStore
from sign_models.landmarks import LandmarkFrame
from sign_models.recognizer import SignResult
from tests.test_signing_live import _wait

IMAGE = np.zeros((4, 4, 3), np.uint8)


class Counting:
    """MediaPipe's place: counts the frames it is given."""

    def __init__(self) -> None:
        self.times: list[float] = []

    def process(self, rgb: np.ndarray, t: float) -> LandmarkFrame:
        self.times.append(t)
        return LandmarkFrame(t, 4, 4, None, None, None, None)


class Busy:
    """A recogniser that holds its first frame until released (a long matching), then answers 서류 for it."""

    def __init__(self) -> None:
        self.release, self.busy = threading.Event(), threading.Event()
        self.enrolled: object = "before"
        self.log: list[tuple] = []  # ("reset",) or ("push", t, enrolled at the start, enrolled at the end)

    def reset(self) -> None:
        self.log.append(("reset",))

    def push(self, frame: LandmarkFrame) -> list[SignResult]:
        first, enrolled = not any(e[0] == "push" for e in self.log), self.enrolled
        if first:
            self.busy.set()
            self.release.wait(10)
        self.log.append(("push", frame.t, enrolled, self.enrolled))
        return [SignResult(frame.t, frame.t, "서류", "서류", 0.9, "model", ())] if first else []

    def pushed(self) -> list[float]:
        return [e[1] for e in self.log if e[0] == "push"]


@pytest.fixture
def busy(config: KioskConfig):
    store = TranscriptStore(config.store.path)
    session = Session(config, store, clock=ManualClock())
    events: list = []
    session.subscribe(events.append)
    recognizer, landmarker = Busy(), Counting()
    channel = SignChannel(session, recognizer, landmarker_factory=lambda: landmarker)
    session.choose("ko", VisitorMode.SIGN)
    yield session, channel, recognizer, landmarker, events
    recognizer.release.set()
    channel.close()
    store.close()


def _give(channel: SignChannel, landmarker: Counting, count: int) -> None:
    """``count`` camera frames, each once MediaPipe has taken the one before."""
    for _ in range(count):
        taken = len(landmarker.times)
        channel.on_frame(IMAGE)
        assert _wait(lambda n=taken: len(landmarker.times) > n), "MediaPipe takes the frame"


def test_every_frame_reaches_the_recogniser_in_order_while_it_is_busy(busy) -> None:
    _, channel, recognizer, landmarker, _ = busy
    _give(channel, landmarker, 1)
    assert recognizer.busy.wait(5)
    _give(channel, landmarker, 10)  # before: MediaPipe waited for the recogniser, the mailbox kept the newest
    recognizer.release.set()
    assert _wait(lambda: len(recognizer.pushed()) == 11)
    assert recognizer.pushed() == landmarker.times, "none dropped, in order"


def test_a_sign_of_an_ended_visit_is_not_shown_in_the_next(busy) -> None:
    session, channel, recognizer, landmarker, events = busy
    _give(channel, landmarker, 1)
    assert recognizer.busy.wait(5)
    _give(channel, landmarker, 3)  # queued behind the busy frame
    session.end()
    session.clear()
    session.choose("ko", VisitorMode.SIGN)
    started = len(events)
    recognizer.release.set()  # the first visit's sign is found now
    assert _wait(lambda: len(recognizer.pushed()) == 1)
    _give(channel, landmarker, 1)
    assert _wait(lambda: len(recognizer.pushed()) == 2)
    assert channel.signs == [] and not [e for e in events[started:] if isinstance(e, SignChips) and e.signs]
    assert recognizer.pushed()[1] == landmarker.times[-1], "the first visit's queued frames are dropped"
    assert recognizer.log[-2] == ("reset",), "the recogniser starts afresh with the next visit"


def test_reloaded_signs_are_swapped_in_between_two_frames(busy) -> None:
    _, channel, recognizer, landmarker, _ = busy
    _give(channel, landmarker, 1)
    assert recognizer.busy.wait(5)
    channel.reload_enrolled()  # the admin screen taught a sign while a phrase is being matched
    recognizer.release.set()
    _give(channel, landmarker, 1)
    assert _wait(lambda: len(recognizer.pushed()) == 2)
    pushes = [e for e in recognizer.log if e[0] == "push"]
    assert pushes[0][2:] == ("before", "before"), "not inside a frame"
    assert pushes[1][2] is pushes[1][3] and pushes[1][2] != "before", "from the next frame on"


def test_a_full_queue_makes_mediapipe_wait_instead_of_growing(busy, monkeypatch) -> None:
    session, _, _, _, _ = busy
    monkeypatch.setattr(camera_worker, "QUEUE", 3)
    recognizer, landmarker = Busy(), Counting()
    channel = SignChannel(session, recognizer, landmarker_factory=lambda: landmarker)
    session.end()
    session.clear()
    session.choose("ko", VisitorMode.SIGN)
    try:
        _give(channel, landmarker, 1)
        assert recognizer.busy.wait(5)
        _give(channel, landmarker, 4)  # three queued, the fourth waits for room
        for _ in range(3):
            channel.on_frame(IMAGE)  # MediaPipe is waiting: only the newest is kept
        assert not _wait(lambda: len(landmarker.times) > 5, timeout=0.3)
        recognizer.release.set()
        assert _wait(lambda: len(recognizer.pushed()) == 6), "then the newest camera frame is taken"
        assert recognizer.pushed() == landmarker.times
    finally:
        recognizer.release.set()
        channel.close()


def test_an_unexpected_error_on_one_frame_leaves_the_input_on(busy, caplog) -> None:
    """Before, a bug on one frame ended the handling thread: the queue filled and MediaPipe waited for good."""
    _, channel, recognizer, landmarker, _ = busy
    recognizer.release.set()
    push = recognizer.push

    def broken_once(frame: LandmarkFrame) -> list[SignResult]:
        recognizer.push = push
        raise ValueError("a bug")

    recognizer.push = broken_once
    _give(channel, landmarker, 3)
    assert _wait(lambda: len(recognizer.pushed()) == 2), "the frames after it are handled"
    assert recognizer.pushed() == landmarker.times[1:]
    assert "frame not handled" in caplog.text


def test_a_send_meanwhile_is_not_overtaken_by_older_chips(busy) -> None:
    """Before, the handling thread showed the chips it had copied after releasing the channel's lock: a sentence
    the visitor sent meanwhile left its chips on the screens, as if still to be sent."""
    session, channel, recognizer, landmarker, events = busy
    recognizer.release.set()
    show, held, showing = session.show_signs, threading.Event(), threading.Event()

    def slow_show(chips: SignChips) -> None:
        if chips.signs and not held.is_set():  # the found sign's chips, held up on the handling thread
            showing.set()
            held.wait(10)
        show(chips)

    session.show_signs = slow_show
    _give(channel, landmarker, 1)
    assert showing.wait(5)
    sent: list = []
    sender = threading.Thread(target=lambda: sent.append(channel.send()))
    sender.start()
    sender.join(0.3)  # with the fix the send waits for the chips being shown; before, it went ahead
    held.set()
    sender.join(5)
    assert _wait(lambda: len([e for e in events if isinstance(e, SignChips)]) == 2), "shown, then cleared"
    chips = [e.signs for e in events if isinstance(e, SignChips)]
    assert sent[0] is not None and sent[0].text, "the sign was sent"
    assert chips[-1] == (), "the screens end with the sent sentence's chips cleared"
