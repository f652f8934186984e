"""Audio as real devices and files give it: 24-bit, float and EXTENSIBLE WAVs, anti-aliased resampling,
a microphone opened at its native rate. The files are written by sox, an independent encoder."""

from __future__ import annotations

import shutil
import subprocess
from pathlib import Path
from types import SimpleNamespace
from typing import Any

import numpy as np
import pytest

from base.errors import MediaFormatError
from hardware import sounddevice_audio
from hardware.resampling import StreamResampler, resample
from hardware.wav_file import read_wav

ROOT = Path(__file__).resolve().parents[1]
KO_CLIP = ROOT.parent / "shared" / "testdata" / "speech" / "ko" / "zeroth_104_003_0193.wav"
needs_sox = pytest.mark.skipif(shutil.which("sox") is None, reason="sox is not installed (tools/apt-install.sh)")


def sox(*args: str | Path) -> None:
    subprocess.run(["sox", *map(str, args)], check=True, capture_output=True)


def rms(x: np.ndarray) -> float:
    return float(np.sqrt(np.mean(np.square(x, dtype=np.float64))))


def format_tag(path: Path) -> int:
    return int.from_bytes(path.read_bytes()[20:22], "little")


@needs_sox
@pytest.mark.parametrize(
    ("options", "tag"),
    [
        (["-r", "44100", "-b", "24", "-e", "signed-integer"], 0xFFFE),
        (["-r", "48000", "-b", "32", "-e", "floating-point", "-c", "2"], 0x0003),
        (["-r", "16000", "-b", "32", "-e", "signed-integer"], 0xFFFE),
        (["-r", "22050", "-b", "24", "-e", "signed-integer", "-c", "3"], 0xFFFE),
        (["-r", "8000", "-b", "8", "-e", "unsigned-integer"], 0x0001),
    ],
)
def test_recorder_formats_are_read_at_the_right_level_and_pitch(tmp_path: Path, options: list[str], tag: int) -> None:
    path = tmp_path / "tone.wav"
    sox("-n", *options, path, "synth", "1.0", "sine", "440", "vol", "0.5")
    assert format_tag(path) == tag  # sox really wrote the format under test
    audio = read_wav(path)
    assert audio.dtype == np.float32 and abs(audio.size - 16000) <= 1
    assert rms(audio[800:-800]) == pytest.approx(0.5 / np.sqrt(2), rel=0.03)
    peak_hz = np.argmax(np.abs(np.fft.rfft(audio))) * 16000 / audio.size
    assert abs(peak_hz - 440) < 2


@needs_sox
def test_real_speech_survives_48k_float_extensible(tmp_path: Path) -> None:
    original = read_wav(KO_CLIP)
    path = tmp_path / "speech48.wav"
    sox(KO_CLIP, "-r", "48000", "-b", "32", "-e", "floating-point", "-c", "4", path)
    again = read_wav(path)
    n = min(original.size, again.size)
    assert abs(original.size - again.size) <= 2
    assert np.corrcoef(original[:n], again[:n])[0, 1] > 0.99


def test_a_10_khz_tone_is_removed_going_from_48_to_16_khz() -> None:
    t = np.arange(48000) / 48000
    high = resample(np.sin(2 * np.pi * 10_000 * t).astype(np.float32), 48000, 16000)
    speech_band = resample(np.sin(2 * np.pi * 1_000 * t).astype(np.float32), 48000, 16000)
    assert rms(high[200:-200]) < 1e-3  # linear interpolation kept 0.7 (a 6 kHz alias)
    assert rms(speech_band[200:-200]) == pytest.approx(0.7071, rel=0.01)


def test_streamed_resampling_matches_whole_file_resampling() -> None:
    x = np.random.default_rng(1).normal(0, 0.1, 44100 * 2).astype(np.float32)
    stream, parts, i = StreamResampler(44100, 16000), [], 0
    for size in np.random.default_rng(2).integers(30, 4000, 200):
        parts.append(stream.push(x[i : i + size]))
        i += size
        if i >= x.size:
            break
    parts.append(stream.push(np.zeros(0, np.float32), last=True))
    streamed, whole = np.concatenate(parts), resample(x, 44100, 16000)
    assert streamed.size == whole.size == 32000
    assert np.abs(streamed - whole).max() < 1e-5


def test_unknown_format_tag_is_refused_with_a_clear_message(tmp_path: Path) -> None:
    path = tmp_path / "alaw.wav"
    fmt = (6).to_bytes(2, "little") + (1).to_bytes(2, "little") + (8000).to_bytes(4, "little")
    fmt += (8000).to_bytes(4, "little") + (1).to_bytes(2, "little") + (8).to_bytes(2, "little")
    body = b"WAVE" + b"fmt " + len(fmt).to_bytes(4, "little") + fmt + b"data" + (4).to_bytes(4, "little") + b"\0" * 4
    path.write_bytes(b"RIFF" + len(body).to_bytes(4, "little") + body)
    with pytest.raises(MediaFormatError, match="unsupported format: tag 0x0006"):
        read_wav(path)


class FakeStream:
    def __init__(self, samplerate: int, callback: Any, **_: Any) -> None:
        self.samplerate, self.callback, self.active = samplerate, callback, True

    def start(self) -> None: ...


def test_microphone_opens_at_the_native_rate_and_delivers_16_khz(monkeypatch: pytest.MonkeyPatch) -> None:
    streams: list[FakeStream] = []

    def input_stream(**kwargs: Any) -> FakeStream:
        streams.append(FakeStream(**kwargs))
        return streams[-1]

    fake = SimpleNamespace(query_devices=lambda device, kind: {"default_samplerate": 44100.0}, InputStream=input_stream)
    monkeypatch.setattr(sounddevice_audio, "import_sounddevice", lambda: fake)
    mic = sounddevice_audio.SoundDeviceMicrophone()
    mic.start()
    assert streams[0].samplerate == 44100 and mic.native_rate == 44100
    t = np.arange(44100) / 44100
    tone = (0.5 * np.sin(2 * np.pi * 440 * t) + 0.3 * np.sin(2 * np.pi * 12_000 * t)).astype(np.float32)
    for start in range(0, tone.size, 441):
        streams[0].callback(tone[start : start + 441, None], 441, None, None)
    chunks = [mic.read(0.1) for _ in range(12)]
    audio = np.concatenate([c.samples for c in chunks if c is not None])
    assert all(c.sample_rate == 16000 for c in chunks if c is not None)
    assert 15500 <= audio.size <= 16000  # the filter holds back ~20 ms until more audio comes
    spectrum = np.abs(np.fft.rfft(audio[400:-400]))
    freqs = np.fft.rfftfreq(audio[400:-400].size, 1 / 16000)
    assert abs(freqs[np.argmax(spectrum)] - 440) < 3
    assert spectrum[(freqs > 3000) & (freqs < 5000)].max() < 1e-3 * spectrum.max()  # no 4.1 kHz alias of 12 kHz
