"""Fault injection: devices unplugged and plugged back, a full disk, a damaged speech model.

Each fault has a user-visible outcome (a notice on both screens) and loses nothing. The unpluggable
devices wrap the real file-backed twins (the demo video and the demo recording): only the cable is fake.
"""

from __future__ import annotations

import dataclasses
import resource
import shutil
import signal
import threading
import time
from pathlib import Path

import pytest

from base.clock import ManualClock
from base.errors import DeviceError
from base.events import Notice, Role, VisitorMode
from hardware.video_file_camera import VideoFileCamera
from hardware.wav_microphone import WavFileMicrophone
from kiosk import runtime as runtime_module
from kiosk.admin.doctor import run_checks
from kiosk.config import KioskConfig
from kiosk.device_status import DeviceStatus
from kiosk.runtime import KioskRuntime
from kiosk.session import Session
from kiosk.store import TranscriptStore
from tests.conftest import wait_for


class Cable:
    """Whether the device is plugged in; the test pulls and pushes it."""

    def __init__(self) -> None:
        self.plugged = True

    def check(self, what: str) -> None:
        if not self.plugged:
            raise DeviceError(f"{what} 연결이 끊겼습니다", f"{what} unplugged")


class UnpluggableCamera(VideoFileCamera):
    def __init__(self, path: Path, cable: Cable) -> None:
        super().__init__(path, loop=True)
        self.cable = cable

    def open(self) -> None:
        self.cable.check("camera")
        super().open()

    def read(self):
        self.cable.check("camera")
        return super().read()


class UnpluggableMicrophone(WavFileMicrophone):
    def __init__(self, path: Path, cable: Cable) -> None:
        super().__init__(path, loop=True)
        self.cable = cable

    def start(self) -> None:
        self.cable.check("microphone")
        super().start()

    def read(self, max_seconds: float = 0.1):
        self.cable.check("microphone")
        return super().read(max_seconds)


@pytest.fixture
def live(config: KioskConfig, monkeypatch: pytest.MonkeyPatch):
    """A runtime on unpluggable twins of the demo camera and microphone; speech off (no model needed)."""
    monkeypatch.setattr(runtime_module, "RETRY_S", 0.1)
    config = dataclasses.replace(config, speech=dataclasses.replace(config.speech, enabled=False))
    session = Session(config, TranscriptStore(config.store.path), clock=ManualClock())
    cables = {"camera": Cable(), "microphone": Cable()}
    devices = {
        "camera": UnpluggableCamera(config.devices.demo_video, cables["camera"]),
        "microphone": UnpluggableMicrophone(config.devices.demo_audio, cables["microphone"]),
    }
    runtime = KioskRuntime(config, session, devices, DeviceStatus("real", "real", "none"))
    notices: list[Notice] = []
    session.subscribe(lambda e: notices.append(e) if isinstance(e, Notice) else None)
    counts = {"frames": 0, "levels": 0}
    runtime.subscribe_frames(lambda _: counts.__setitem__("frames", counts["frames"] + 1))
    runtime.subscribe_level(lambda _: counts.__setitem__("levels", counts["levels"] + 1))
    runtime.start_media()
    yield runtime, cables, notices, counts
    runtime.close()


@pytest.mark.parametrize("device, counter", [("camera", "frames"), ("microphone", "levels")])
def test_a_device_that_disappears_is_reported_once_and_resumes_by_itself(live, device: str, counter: str) -> None:
    runtime, cables, notices, counts = live
    wait_for(lambda: counts[counter] > 3)
    cables[device].plugged = False
    code = "camera" if device == "camera" else "shared_microphone"
    wait_for(lambda: any(n.code == f"{code}_lost" for n in notices))
    time.sleep(0.5)  # several reopen attempts fail meanwhile
    stalled = counts[counter]
    time.sleep(0.3)
    assert counts[counter] == stalled, "nothing arrives while unplugged"
    assert [n.code for n in notices].count(f"{code}_lost") == 1, "one notice, not one per retry"
    lost = next(n for n in notices if n.code == f"{code}_lost")
    assert "다시 연결되면" in lost.message_ko and "resume by itself" in lost.message_en
    cables[device].plugged = True
    wait_for(lambda: any(n.code == f"{code}_back" for n in notices))
    wait_for(lambda: counts[counter] > stalled + 3)
    assert runtime.session.state.value == "idle", "the kiosk itself never stopped"


def test_a_full_disk_is_told_to_the_visitor_and_nothing_is_lost(config: KioskConfig) -> None:
    """RLIMIT_FSIZE makes every write past a size fail with EFBIG, as a full disk does."""
    store = TranscriptStore(config.store.path)
    session = Session(config, store, clock=ManualClock())
    notices: list[Notice] = []
    session.subscribe(lambda e: notices.append(e) if isinstance(e, Notice) else None)
    session.choose("en", VisitorMode.TEXT)
    session.say(Role.VISITOR, "before the disk filled up")
    used = sum(p.stat().st_size for p in config.store.path.parent.iterdir())
    soft, hard = resource.getrlimit(resource.RLIMIT_FSIZE)
    previous = signal.signal(signal.SIGXFSZ, signal.SIG_IGN)
    try:
        resource.setrlimit(resource.RLIMIT_FSIZE, (used, hard))
        lines = [session.say(Role.VISITOR, "x" * 1500 + f" line {i}") for i in range(5)]
    finally:
        resource.setrlimit(resource.RLIMIT_FSIZE, (soft, hard))
        signal.signal(signal.SIGXFSZ, previous)
    assert not all(line.saved for line in lines)
    assert any(n.code == "store_failed" and n.severity == "error" for n in notices)
    assert len(session.entries) == 6, "the conversation went on; every line is on the screens"
    session.say(Role.CLERK, "after space was freed")
    saved = [e.text for e in store.entries(session.session_id)]
    assert saved[0] == "before the disk filled up" and saved[-1] == "after space was freed"
    assert len(saved) == 7, "lines kept in memory were written once the disk had room"
    store.close()


def test_a_damaged_speech_model_degrades_to_text_and_doctor_names_the_file(config: KioskConfig, tmp_path: Path) -> None:
    original = config.models.whisper_dir
    if not (original / "model.bin").is_file():
        pytest.skip("the whisper model is assembled by `make`")
    damaged = tmp_path / "whisper"
    damaged.mkdir()
    for name in ("config.json", "tokenizer.json", "vocabulary.txt", "EMBEDDED"):
        shutil.copy(original / name, damaged / name)
    (damaged / "model.bin").write_bytes((original / "model.bin").read_bytes()[:1_000_000])
    config = dataclasses.replace(config, models=dataclasses.replace(config.models, whisper_dir=damaged))
    check = next(c for c in run_checks(config) if c.name == "speech_model")
    assert not check.ok and "model.bin" in check.detail
    runtime = KioskRuntime.build(config, clock=ManualClock(), start_devices=False)
    notices: list[Notice] = []
    runtime.session.subscribe(lambda e: notices.append(e) if isinstance(e, Notice) else None)
    done = threading.Event()
    threading.Thread(target=lambda: (runtime._speech_recognizer(), done.set()), daemon=True).start()
    assert done.wait(60)
    assert any(n.code == "speech_unavailable" for n in notices)
    runtime.session.choose("en", VisitorMode.TEXT)
    assert runtime.session.say(Role.VISITOR, "typing still works").saved
    runtime.close()
