"""Read WAV files into 16 kHz mono float32 with format and size checks; write 16-bit mono WAVs.

The reader parses the RIFF chunks itself instead of using :mod:`wave`, which (on Python 3.11) refuses
IEEE-float and WAVE_FORMAT_EXTENSIBLE files, the formats many recorders and USB microphones write. Read:
integer PCM of 8, 16, 24 and 32 bits, float of 32 and 64 bits, either plain or as EXTENSIBLE, any channel
count (mixed down to mono). The length is checked from the header before the samples are read. Decision: no
PyAV/soundfile here: the header check must come before decoding a two-hour file, and a stdlib parser keeps the
file twin light; resampling uses soxr (anti-aliased, :mod:`hardware.resampling`).
"""

from __future__ import annotations

import struct
import wave
from pathlib import Path
from typing import BinaryIO

import numpy as np

from base.errors import MediaFormatError
from hardware.devices import SAMPLE_RATE
from hardware.resampling import resample

MAX_SECONDS = 2 * 3600
PCM, FLOAT, EXTENSIBLE = 0x0001, 0x0003, 0xFFFE
_INT_DTYPES = {1: np.uint8, 2: np.dtype("<i2"), 4: np.dtype("<i4")}
_FLOAT_DTYPES = {4: np.dtype("<f4"), 8: np.dtype("<f8")}

__all__ = ["MAX_SECONDS", "read_wav", "resample", "write_wav"]


def read_wav(path: Path, target_rate: int = SAMPLE_RATE) -> np.ndarray:
    """Samples of ``path`` as mono float32 in [-1, 1] at ``target_rate``; MediaFormatError when unusable."""
    path = Path(path)
    try:
        with path.open("rb") as handle:
            tag, channels, rate, width, claimed, data_size = _read_header(handle, path)
            seconds = max(claimed, data_size) / (width * channels) / rate
            if seconds > MAX_SECONDS:
                raise _bad(path, f"{seconds:.0f} s long, at most {MAX_SECONDS} s")
            raw = handle.read(data_size)
    except OSError as exc:
        raise _bad(path, f"cannot read: {exc.strerror or exc}") from exc
    usable = len(raw) - len(raw) % (width * channels)
    data = _decode(raw[:usable], tag, width)
    mono = data.reshape(-1, channels).mean(axis=1, dtype=np.float64).astype(np.float32)
    return resample(mono, rate, target_rate)


def _read_header(handle: BinaryIO, path: Path) -> tuple[int, int, int, int, int, int]:
    """(tag, channels, rate, bytes per sample, data bytes claimed, data bytes held); ``handle`` at the first sample."""
    head = handle.read(12)
    if len(head) < 12 or head[:4] != b"RIFF" or head[8:12] != b"WAVE":
        raise _bad(path, "not a PCM WAV file (no RIFF/WAVE header)")
    fmt: tuple[int, int, int, int] | None = None
    while True:
        chunk = handle.read(8)
        if len(chunk) < 8:
            raise _bad(path, "not a PCM WAV file (no data chunk)" if fmt else "not a PCM WAV file (no fmt chunk)")
        name, size = chunk[:4], struct.unpack("<I", chunk[4:])[0]
        if name == b"fmt ":
            fmt = _parse_fmt(handle.read(size), path)
            handle.read(size % 2)
        elif name == b"data":
            if fmt is None:
                raise _bad(path, "not a PCM WAV file (data before fmt)")
            start = handle.tell()
            available = handle.seek(0, 2) - start
            handle.seek(start)
            # Recorders that were cut off leave 0 or 0xFFFFFFFF here: read what the file holds.
            claimed = 0 if size == 0xFFFFFFFF else size
            return (*fmt, claimed, available if size in (0, 0xFFFFFFFF) else min(size, available))
        else:
            handle.seek(size + size % 2, 1)


def _parse_fmt(body: bytes, path: Path) -> tuple[int, int, int, int]:
    if len(body) < 16:
        raise _bad(path, "not a PCM WAV file (short fmt chunk)")
    tag, channels, rate, _, align, bits = struct.unpack("<HHIIHH", body[:16])
    if tag == EXTENSIBLE and len(body) >= 40:
        tag = struct.unpack("<H", body[24:26])[0]  # the first two bytes of the sub-format GUID
    width = align // channels if channels else 0
    known = _INT_DTYPES.keys() | {3} if tag == PCM else _FLOAT_DTYPES.keys() if tag == FLOAT else set()
    if channels < 1 or width not in known or not 1000 <= rate <= 192_000:
        raise _bad(path, f"unsupported format: tag 0x{tag:04x}, {channels} channel(s), {bits}-bit, {rate} Hz")
    return tag, channels, rate, width


def _decode(raw: bytes, tag: int, width: int) -> np.ndarray:
    if tag == FLOAT:
        return np.nan_to_num(np.frombuffer(raw, dtype=_FLOAT_DTYPES[width]).astype(np.float32)).clip(-1, 1)
    if width == 3:
        triples = np.frombuffer(raw, dtype=np.uint8).reshape(-1, 3).astype(np.int32)
        data = (triples[:, 0] << 8 | triples[:, 1] << 16 | triples[:, 2] << 24).astype(np.float32)
        return data / float(2**31)
    data = np.frombuffer(raw, dtype=_INT_DTYPES[width]).astype(np.float32)
    if width == 1:
        return (data - 128.0) / 128.0
    return data / float(2 ** (8 * width - 1))


def write_wav(path: Path, samples: np.ndarray, sample_rate: int) -> Path:
    """Write float samples in [-1, 1] as a 16-bit mono WAV file."""
    pcm = (np.clip(np.asarray(samples, dtype=np.float32), -1, 1) * 32767).astype("<i2")
    with wave.open(str(path), "wb") as wav:
        wav.setnchannels(1)
        wav.setsampwidth(2)
        wav.setframerate(sample_rate)
        wav.writeframes(pcm.tobytes())
    return Path(path)


def _bad(path: Path, why: str) -> MediaFormatError:
    return MediaFormatError("음성 파일을 읽을 수 없습니다", f"bad audio file {path.name}: {why}")
