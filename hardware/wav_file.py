"""Read WAV files into 16 kHz mono float32 with format and size checks; write 16-bit mono WAVs."""

from __future__ import annotations

import wave
from pathlib import Path

import numpy as np

from base.errors import MediaFormatError
from hardware.devices import SAMPLE_RATE

MAX_SECONDS = 2 * 3600
_DTYPES = {1: np.uint8, 2: np.int16, 4: np.int32}


def read_wav(path: Path, target_rate: int = SAMPLE_RATE) -> np.ndarray:
    """Samples of ``path`` as mono float32 in [-1, 1] at ``target_rate``; MediaFormatError when unusable."""
    path = Path(path)
    try:
        with wave.open(str(path), "rb") as wav:
            channels, width, rate, frames = wav.getnchannels(), wav.getsampwidth(), wav.getframerate(), wav.getnframes()
            if channels < 1 or width not in _DTYPES or not 1000 <= rate <= 192_000:
                raise _bad(path, f"unsupported format: {channels} channel(s), {8 * width}-bit, {rate} Hz")
            if frames / rate > MAX_SECONDS:
                raise _bad(path, f"{frames / rate:.0f} s long, at most {MAX_SECONDS} s")
            raw = wav.readframes(frames)
    except (wave.Error, EOFError) as exc:
        raise _bad(path, f"not a PCM WAV file ({exc})") from exc
    except OSError as exc:
        raise _bad(path, f"cannot read: {exc.strerror or exc}") from exc
    usable = len(raw) - len(raw) % (width * channels)
    data = np.frombuffer(raw[:usable], dtype=_DTYPES[width]).astype(np.float32)
    if width == 1:
        data = (data - 128.0) / 128.0
    else:
        data /= float(2 ** (8 * width - 1))
    mono = data.reshape(-1, channels).mean(axis=1)
    return resample(mono, rate, target_rate)


def write_wav(path: Path, samples: np.ndarray, sample_rate: int) -> Path:
    """Write float samples in [-1, 1] as a 16-bit mono WAV file."""
    pcm = (np.clip(np.asarray(samples, dtype=np.float32), -1, 1) * 32767).astype("<i2")
    with wave.open(str(path), "wb") as wav:
        wav.setnchannels(1)
        wav.setsampwidth(2)
        wav.setframerate(sample_rate)
        wav.writeframes(pcm.tobytes())
    return Path(path)


def resample(samples: np.ndarray, rate: int, target_rate: int) -> np.ndarray:
    """Linear-interpolation resampling (speech band only; good enough for 8-48 kHz input to 16 kHz)."""
    if rate == target_rate or samples.size == 0:
        return samples.astype(np.float32)
    count = round(samples.size * target_rate / rate)
    positions = np.arange(count, dtype=np.float64) * (rate / target_rate)
    return np.interp(positions, np.arange(samples.size), samples).astype(np.float32)


def _bad(path: Path, why: str) -> MediaFormatError:
    return MediaFormatError("음성 파일을 읽을 수 없습니다", f"bad audio file {path.name}: {why}")
