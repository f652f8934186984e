"""Streaming voice activity detection with the Silero VAD model shipped inside faster-whisper.

faster-whisper's own ``SileroVADModel`` scores a whole file at once; this keeps the model's recurrent
state and the 64-sample context between calls, so audio can arrive in chunks of any size and get the same
per-window probabilities. onnxruntime and faster_whisper are imported only here, when the first object
is made.
"""

from __future__ import annotations

from pathlib import Path

import numpy as np

from base.errors import ModelMissingError

WINDOW = 512  # samples per VAD window at 16 kHz (32 ms)
CONTEXT = 64


def default_vad_path() -> Path:
    """The Silero model file inside the installed faster-whisper package."""
    from faster_whisper.utils import get_assets_path

    return Path(get_assets_path()) / "silero_vad_v6.onnx"


class StreamingVad:
    """Speech probability for each 32 ms window of a 16 kHz stream."""

    def __init__(self, path: Path | None = None) -> None:
        path = path or default_vad_path()
        if not path.is_file():
            raise ModelMissingError("음성 구간 감지 모델이 없습니다", f"VAD model missing: {path}")
        import onnxruntime

        options = onnxruntime.SessionOptions()
        options.inter_op_num_threads = 1
        options.intra_op_num_threads = 1
        options.log_severity_level = 4
        self._session = onnxruntime.InferenceSession(
            str(path), providers=["CPUExecutionProvider"], sess_options=options
        )
        self.reset()

    def reset(self) -> None:
        """Forget the stream (state, context and any partial window)."""
        self._h = np.zeros((1, 1, 128), dtype=np.float32)
        self._c = np.zeros((1, 1, 128), dtype=np.float32)
        self._context = np.zeros(CONTEXT, dtype=np.float32)
        self._pending = np.zeros(0, dtype=np.float32)

    def push(self, samples: np.ndarray) -> np.ndarray:
        """Probabilities (0..1) for every complete window the new samples finish."""
        self._pending = np.concatenate([self._pending, np.asarray(samples, dtype=np.float32).reshape(-1)])
        count = self._pending.size // WINDOW
        if count == 0:
            return np.zeros(0, dtype=np.float32)
        windows = self._pending[: count * WINDOW].reshape(count, WINDOW)
        self._pending = self._pending[count * WINDOW :]
        contexts = np.vstack([self._context[None, :], windows[:-1, -CONTEXT:]])
        self._context = windows[-1, -CONTEXT:].copy()
        batch = np.concatenate([contexts, windows], axis=1)
        output, self._h, self._c = self._session.run(None, {"input": batch, "h": self._h, "c": self._c})
        return np.asarray(output, dtype=np.float32).reshape(-1)
