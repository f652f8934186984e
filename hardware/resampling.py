"""Sample-rate conversion with anti-aliasing (libsoxr through the ``soxr`` wheel, imported lazily).

Linear interpolation, used before, folds everything above the new Nyquist frequency back into the speech band
(a 10 kHz tone taken from 48 to 16 kHz kept its full level, as a 6 kHz alias). soxr's "HQ" filter removes it.
"""

from __future__ import annotations

from typing import Any

import numpy as np

QUALITY = "HQ"  # soxr's high quality: ~ -130 dB stop band, pass band to 0.9 of the new Nyquist frequency


def resample(samples: np.ndarray, rate: int, target_rate: int) -> np.ndarray:
    """``samples`` (mono) at ``target_rate`` as float32, low-pass filtered before decimation."""
    samples = np.asarray(samples, dtype=np.float32)
    if rate == target_rate or samples.size == 0:
        return samples
    import soxr

    return soxr.resample(samples, rate, target_rate, quality=QUALITY).astype(np.float32, copy=False)


class StreamResampler:
    """Resamples a live stream chunk by chunk with one filter state, so chunk borders leave no clicks.

    Used by the microphone: it is opened at the device's native rate (raw ALSA devices often refuse 16 kHz)
    and its audio is converted here, on the reader's thread rather than in PortAudio's callback.
    """

    def __init__(self, rate: int, target_rate: int) -> None:
        self.rate, self.target_rate = int(rate), int(target_rate)
        self._stream: Any = None
        if self.rate != self.target_rate:
            import soxr

            self._stream = soxr.ResampleStream(self.rate, self.target_rate, 1, dtype="float32", quality=QUALITY)

    def push(self, samples: np.ndarray, last: bool = False) -> np.ndarray:
        """The converted samples available so far (the filter holds back a few milliseconds until ``last``)."""
        samples = np.asarray(samples, dtype=np.float32)
        if self._stream is None:
            return samples
        return self._stream.resample_chunk(samples, last=last).astype(np.float32, copy=False)
