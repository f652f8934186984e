"""Hardware layer: file-backed twins replay real files through the device protocols; discovery never raises."""

from __future__ import annotations

import os
import subprocess
import sys
import wave
from pathlib import Path

import numpy as np
import pytest

from base.clock import ManualClock
from base.errors import DeviceError, MediaFormatError
from hardware import discovery
from hardware.null_speaker import NullSpeaker, WavFileSpeaker
from hardware.opencv_camera import OpenCvCamera
from hardware.ring_buffer import AudioRingBuffer
from hardware.video_file_camera import VideoFileCamera
from hardware.wav_file import read_wav
from hardware.wav_microphone import WavFileMicrophone

ROOT = Path(__file__).resolve().parents[1]
JFK = ROOT.parent / "shared" / "testdata" / "speech" / "en" / "jfk.wav"
DEMO_VIDEO = ROOT / "assets" / "demo" / "counter.avi"


def write_wav(path: Path, samples: np.ndarray, rate: int, channels: int = 1) -> Path:
    with wave.open(str(path), "wb") as wav:
        wav.setnchannels(channels)
        wav.setsampwidth(2)
        wav.setframerate(rate)
        wav.writeframes((samples * 32767).astype("<i2").tobytes())
    return path


def test_ring_buffer_keeps_order_and_counts_overflows() -> None:
    ring = AudioRingBuffer(10)
    ring.write(np.arange(6, dtype=np.float32))
    assert ring.read(4).tolist() == [0, 1, 2, 3]
    ring.write(np.arange(6, 14, dtype=np.float32))  # 2 left + 8 new = 10: exactly full, wraps around
    assert ring.overflows == 0 and ring.available == 10
    ring.write(np.array([14, 15, 16], dtype=np.float32))
    assert ring.overflows == 1 and ring.dropped_samples == 3
    assert ring.read(100).tolist() == list(range(7, 17))
    ring.write(np.arange(25, dtype=np.float32))  # larger than the whole ring
    assert ring.read(100).tolist() == list(range(15, 25))


@pytest.mark.skipif(not JFK.exists(), reason="shared test speech not present")
def test_wav_microphone_replays_a_real_recording_on_virtual_time() -> None:
    clock = ManualClock()
    mic = WavFileMicrophone(JFK, clock=clock, realtime=True)
    mic.start()
    with wave.open(str(JFK)) as wav:
        expected = wav.getnframes() * 16000 // wav.getframerate()
    chunks = []
    while (chunk := mic.read(0.1)) is not None:
        chunks.append(chunk)
    total = sum(c.samples.size for c in chunks)
    assert abs(total - expected) <= 1
    assert clock.now() == pytest.approx(total / 16000, abs=0.01)
    assert chunks[1].timestamp == pytest.approx(0.1)
    assert all(c.samples.dtype == np.float32 and np.abs(c.samples).max() <= 1 for c in chunks)
    assert 0.02 < float(np.sqrt(np.mean(np.concatenate([c.samples for c in chunks]) ** 2))) < 0.5


def test_wav_microphone_loops(tmp_path: Path) -> None:
    path = write_wav(tmp_path / "a.wav", np.full(1600, 0.25, np.float32), 16000)
    mic = WavFileMicrophone(path, realtime=False, loop=True)
    mic.start()
    assert sum(mic.read(0.1).samples.size for _ in range(5)) == 8000


def test_resampling_and_stereo_mixdown(tmp_path: Path) -> None:
    tone = np.sin(2 * np.pi * 440 * np.arange(8000) / 8000).astype(np.float32) * 0.5
    mono = read_wav(write_wav(tmp_path / "8k.wav", tone, 8000))
    assert mono.size == 16000
    spectrum = np.abs(np.fft.rfft(mono))
    assert abs(np.argmax(spectrum) * 16000 / mono.size - 440) < 2
    stereo = np.stack([np.full(4800, 0.5), np.full(4800, -0.1)], axis=1).reshape(-1).astype(np.float32)
    mixed = read_wav(write_wav(tmp_path / "st.wav", stereo, 48000, channels=2))
    # the anti-aliasing filter rings at the file's edges (a step from silence); the inside is exact
    assert mixed.size == 1600 and np.allclose(mixed[100:-100], 0.2, atol=1e-3)


@pytest.mark.parametrize("content", [b"", b"RIFF\x00\x00", os.urandom(4096), b"RIFF" + b"\x00" * 40])
def test_corrupt_wav_is_refused(tmp_path: Path, content: bytes) -> None:
    path = tmp_path / "bad.wav"
    path.write_bytes(content)
    with pytest.raises(MediaFormatError, match="bad audio file"):
        WavFileMicrophone(path).start()


def test_missing_wav_is_refused(tmp_path: Path) -> None:
    with pytest.raises(MediaFormatError, match="cannot read"):
        read_wav(tmp_path / "nope.wav")


def test_video_file_camera_replays_the_demo_video() -> None:
    clock = ManualClock()
    camera = VideoFileCamera(DEMO_VIDEO, clock=clock, realtime=True)
    camera.open()
    frames = []
    while (frame := camera.read()) is not None:
        frames.append(frame)
    camera.close()
    assert len(frames) == 40
    assert frames[0].image.shape == (240, 320, 3) and frames[0].image.dtype == np.uint8
    assert frames[10].timestamp == pytest.approx(1.0)
    assert clock.now() == pytest.approx(3.9, abs=0.05)
    looping = VideoFileCamera(DEMO_VIDEO, realtime=False, loop=True, max_frames=100)
    looping.open()
    assert sum(1 for _ in iter(looping.read, None)) == 100


def test_video_file_camera_is_rgb() -> None:
    camera = VideoFileCamera(DEMO_VIDEO, realtime=False)
    camera.open()
    image = camera.read().image
    background = image[5, 5].astype(int)  # drawn as BGR (60, 50, 40)
    assert background[2] > background[0]


@pytest.mark.parametrize("content", [os.urandom(20000), b""])
def test_corrupt_video_is_refused(tmp_path: Path, content: bytes) -> None:
    path = tmp_path / "bad.avi"
    path.write_bytes(content)
    with pytest.raises(MediaFormatError):
        VideoFileCamera(path).open()
    with pytest.raises(MediaFormatError, match="not found"):
        VideoFileCamera(tmp_path / "none.avi").open()


def test_speaker_twins(tmp_path: Path) -> None:
    speaker = NullSpeaker()
    speaker.play(np.zeros(8000, np.float32), 16000)
    assert speaker.played[0].seconds == 0.5
    writer = WavFileSpeaker(tmp_path / "out")
    writer.play(np.full(1600, 0.5, np.float32), 16000)
    assert np.allclose(read_wav(tmp_path / "out" / "001.wav"), 0.5, atol=1e-3)


def test_discovery_never_raises() -> None:
    for found in (discovery.list_cameras(), discovery.list_microphones(), discovery.list_speakers()):
        assert isinstance(found, list)
        assert all(d.kind in ("camera", "microphone", "speaker") and d.name for d in found)


def test_missing_camera_is_a_device_error() -> None:
    with pytest.raises(DeviceError, match="cannot open camera 7"):
        OpenCvCamera(index=7).open()


def test_import_cv2_restores_qt_variables() -> None:
    code = (
        "import os; from hardware.cv2_import import import_cv2; import_cv2();"
        "print(os.environ.get('QT_QPA_PLATFORM_PLUGIN_PATH'), os.environ.get('QT_QPA_FONTDIR'))"
    )
    env = {"PATH": os.environ["PATH"], "PYTHONPATH": str(ROOT), "QT_QPA_FONTDIR": "/mine"}
    done = subprocess.run([sys.executable, "-c", code], env=env, capture_output=True, text=True, timeout=60)
    assert done.stdout.split() == ["None", "/mine"], done.stderr
    plain = code.replace("from hardware.cv2_import import import_cv2; import_cv2()", "import cv2")
    done = subprocess.run([sys.executable, "-c", plain], env=env, capture_output=True, text=True, timeout=60)
    assert "cv2" in done.stdout.split()[0]  # without the helper, cv2 really sets them
