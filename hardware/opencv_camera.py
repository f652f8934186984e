"""A real camera through OpenCV."""

from __future__ import annotations

from base.clock import Clock, SystemClock
from base.errors import DeviceError
from hardware.cv2_import import import_cv2
from hardware.devices import VideoFrame
from hardware.opencv_capture import CaptureDevice


class OpenCvCamera(CaptureDevice):
    """Camera ``index`` (``/dev/videoN``) at the requested size; frames come out RGB."""

    def __init__(self, index: int = 0, width: int = 640, height: int = 480, clock: Clock | None = None) -> None:
        super().__init__()
        self.index, self.width, self.height = index, width, height
        self.name = f"camera {index}"
        self._clock = clock or SystemClock()
        self._start = 0.0

    def open(self) -> None:
        cv2 = import_cv2()
        capture = cv2.VideoCapture(self.index)
        if not capture.isOpened():
            capture.release()
            raise DeviceError(
                f"카메라를 열 수 없습니다 (장치 {self.index})",
                f"cannot open camera {self.index}",
                hint="check the USB cable, or that no other program uses the camera",
            )
        capture.set(cv2.CAP_PROP_FRAME_WIDTH, self.width)
        capture.set(cv2.CAP_PROP_FRAME_HEIGHT, self.height)
        self._capture, self._count, self._start = capture, 0, self._clock.now()

    def read(self) -> VideoFrame | None:
        """The next frame; raises DeviceError when the camera went away."""
        if self._capture is None:
            return None
        ok, bgr = self._capture.read()
        if not ok or bgr is None:
            raise DeviceError("카메라 연결이 끊겼습니다", f"camera {self.index} stopped sending frames")
        return self._frame(bgr, self._clock.now() - self._start)
