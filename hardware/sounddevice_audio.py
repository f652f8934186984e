"""Real microphone and speaker through PortAudio (sounddevice), imported lazily."""

from __future__ import annotations

from types import ModuleType
from typing import Any

import numpy as np

from base.errors import DeviceError
from hardware.devices import SAMPLE_RATE, AudioChunk
from hardware.resampling import StreamResampler
from hardware.ring_buffer import AudioRingBuffer


def import_sounddevice() -> ModuleType:
    """``sounddevice``; DeviceError when the PortAudio library is missing."""
    try:
        import sounddevice
    except OSError as exc:
        raise DeviceError(
            "오디오 라이브러리(PortAudio)가 없습니다",
            f"PortAudio is missing: {exc}",
            hint="apt-get install libportaudio2",
        ) from exc
    return sounddevice


class SoundDeviceMicrophone:
    """Captures mono audio at the device's native rate into a ring buffer; ``read`` returns 16 kHz.

    Raw ALSA devices often refuse 16 kHz, so the stream is opened at ``native_rate`` (the device's default rate
    unless given) and resampled with an anti-aliasing filter on the reader's thread, never in PortAudio's callback.
    """

    def __init__(
        self,
        device: int | str | None = None,
        sample_rate: int = SAMPLE_RATE,
        ring_seconds: float = 30.0,
        native_rate: int | None = None,
    ) -> None:
        self.device, self.sample_rate, self.native_rate = device, sample_rate, native_rate
        self.name = f"microphone {device if device is not None else 'default'}"
        self._ring_seconds = ring_seconds
        self._ring = AudioRingBuffer(int(ring_seconds * sample_rate))
        self._resampler = StreamResampler(sample_rate, sample_rate)
        self._stream: Any = None
        self._status_overflows = 0
        self._read_samples = 0

    @property
    def overflows(self) -> int:
        return self._ring.overflows + self._status_overflows

    def _callback(self, indata: np.ndarray, frames: int, time: Any, status: Any) -> None:
        if status and getattr(status, "input_overflow", False):
            self._status_overflows += 1
        self._ring.write(indata[:, 0])

    def start(self) -> None:
        sd = import_sounddevice()
        try:
            rate = self.native_rate or int(sd.query_devices(self.device, "input")["default_samplerate"])
            self._ring = AudioRingBuffer(int(self._ring_seconds * rate))
            self._resampler = StreamResampler(rate, self.sample_rate)
            self._stream = sd.InputStream(
                device=self.device, channels=1, samplerate=rate, dtype="float32", callback=self._callback
            )
            self._stream.start()
        except Exception as exc:
            raise DeviceError("마이크를 열 수 없습니다", f"cannot open {self.name}: {exc}") from exc
        self.native_rate = rate

    def read(self, max_seconds: float = 0.1) -> AudioChunk | None:
        """Buffered audio at 16 kHz; DeviceError once the stream has died (the microphone was unplugged)."""
        raw = self._ring.read(int(max_seconds * self._resampler.rate))
        if raw.size == 0:
            if self._stream is not None and not self._stream.active:
                raise DeviceError("마이크 연결이 끊겼습니다", f"{self.name} stopped delivering audio")
            return None
        samples = self._resampler.push(raw)
        if samples.size == 0:
            return None
        chunk = AudioChunk(samples, self.sample_rate, self._read_samples / self.sample_rate)
        self._read_samples += samples.size
        return chunk

    def stop(self) -> None:
        if self._stream is not None:
            self._stream.stop()
            self._stream.close()
            self._stream = None


class SoundDeviceSpeaker:
    """Plays audio on a PortAudio output device."""

    def __init__(self, device: int | str | None = None) -> None:
        self.device = device
        self.name = f"speaker {device if device is not None else 'default'}"

    def play(self, samples: np.ndarray, sample_rate: int) -> None:
        sd = import_sounddevice()
        try:
            sd.play(np.asarray(samples, dtype=np.float32), samplerate=sample_rate, device=self.device)
        except Exception as exc:
            raise DeviceError("스피커로 소리를 낼 수 없습니다", f"cannot play on {self.name}: {exc}") from exc

    def stop(self) -> None:
        import_sounddevice().stop()
