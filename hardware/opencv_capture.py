"""What the OpenCV camera and its video-file twin share: one ``cv2.VideoCapture``, frames out as RGB."""

from __future__ import annotations

from typing import Any

import numpy as np

from hardware.devices import VideoFrame


class CaptureDevice:
    """Owns one capture; numbers the frames it hands out and releases the capture on close."""

    def __init__(self) -> None:
        self._capture: Any = None
        self._count = 0

    def _frame(self, bgr: np.ndarray, seconds: float) -> VideoFrame:
        """The next numbered RGB frame from OpenCV's BGR image."""
        frame = VideoFrame(bgr[:, :, ::-1].copy(), seconds, self._count)
        self._count += 1
        return frame

    def close(self) -> None:
        if self._capture is not None:
            self._capture.release()
            self._capture = None
