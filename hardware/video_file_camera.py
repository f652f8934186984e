"""A camera twin that replays a video file, paced at its frame rate on a clock."""

from __future__ import annotations

from pathlib import Path

from base.clock import Clock, SystemClock
from base.errors import MediaFormatError
from hardware.cv2_import import import_cv2
from hardware.devices import VideoFrame
from hardware.opencv_capture import CaptureDevice

MAX_SIDE = 4096
MAX_FPS = 240.0


class VideoFileCamera(CaptureDevice):
    """Replays ``path``; ``realtime`` waits one frame period per frame, ``loop`` restarts at the end."""

    def __init__(
        self,
        path: Path,
        clock: Clock | None = None,
        realtime: bool = True,
        loop: bool = False,
        max_frames: int | None = None,
    ) -> None:
        super().__init__()
        self.path = Path(path)
        self.name = f"video file {self.path.name}"
        self._clock = clock or SystemClock()
        self.realtime, self.loop, self.max_frames = realtime, loop, max_frames
        self.fps = 0.0
        self._next_due = 0.0

    def open(self) -> None:
        if not self.path.is_file():
            raise MediaFormatError("영상 파일이 없습니다", f"video file not found: {self.path}")
        cv2 = import_cv2()
        capture = cv2.VideoCapture(str(self.path))
        width, height = capture.get(cv2.CAP_PROP_FRAME_WIDTH), capture.get(cv2.CAP_PROP_FRAME_HEIGHT)
        fps = capture.get(cv2.CAP_PROP_FPS)
        if not capture.isOpened() or width <= 0 or height <= 0:
            capture.release()
            raise MediaFormatError("영상 파일을 읽을 수 없습니다", f"not a readable video: {self.path}")
        if width > MAX_SIDE or height > MAX_SIDE:
            capture.release()
            raise MediaFormatError(
                "영상 해상도가 너무 큽니다", f"video {self.path.name} is {width:.0f}x{height:.0f}, at most {MAX_SIDE}"
            )
        self.fps = fps if 0 < fps <= MAX_FPS else 25.0
        self._capture, self._count, self._next_due = capture, 0, self._clock.now()

    def read(self) -> VideoFrame | None:
        if self._capture is None or (self.max_frames is not None and self._count >= self.max_frames):
            return None
        ok, bgr = self._capture.read()
        if (not ok or bgr is None) and self.loop and self._count > 0:
            self._capture.set(import_cv2().CAP_PROP_POS_FRAMES, 0)
            ok, bgr = self._capture.read()
        if not ok or bgr is None:
            if self._count == 0:
                raise MediaFormatError("영상에 프레임이 없습니다", f"no frame could be decoded from {self.path}")
            return None
        if self.realtime:
            self._clock.sleep(self._next_due - self._clock.now())
            self._next_due += 1.0 / self.fps
        return self._frame(bgr, self._count / self.fps)
