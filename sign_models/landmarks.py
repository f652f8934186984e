"""Camera frames -> body and hand landmarks: the only module that imports MediaPipe.

MediaPipe 0.10.21's legacy Holistic with ``model_complexity=1`` (its models ship in the wheel; 0 and 2
would try to download). One :class:`LandmarkFrame` per image: pose 33 points (x, y, z, visibility), each
hand 21 points or None, and a small face subset (eyes, eyebrows, nose, lips) or None; x and y are
normalised to the image, z is relative (MediaPipe's convention). ``left_hand`` is the signer's own left
hand as MediaPipe reports it for an unmirrored camera image.
"""

from __future__ import annotations

import threading
import zipfile
from collections.abc import Callable, Iterator
from dataclasses import dataclass
from pathlib import Path

import numpy as np

from base.errors import MediaFormatError, ModelMissingError

# Face points kept: eye corners, eyebrows, nose tip, mouth corners and lip middles (MediaPipe face mesh ids).
FACE_SUBSET = (33, 133, 362, 263, 70, 105, 300, 334, 1, 61, 291, 0, 17)
MAX_FRAMES = 30 * 60 * 10  # ten minutes of 30 fps video in one file


@dataclass(frozen=True)
class LandmarkFrame:
    """Landmarks of one image."""

    t: float
    width: int
    height: int
    pose: np.ndarray | None  # [33, 4]
    left_hand: np.ndarray | None  # [21, 3]
    right_hand: np.ndarray | None  # [21, 3]
    face: np.ndarray | None  # [len(FACE_SUBSET), 3]

    @property
    def aspect(self) -> float:
        return self.width / self.height


class HolisticLandmarker:
    """MediaPipe Holistic in video mode (tracking between frames); thread-safe, one frame at a time.

    Holistic looks for hands only beside a body it has found: a hand held close to the camera, with the face
    and shoulders out of view, is never found (real close-up photos of a hand: none of 3). With
    ``hands_alone`` a frame with neither body nor hand is given to MediaPipe Hands, whose palm detector needs no
    body (it found all 3); fingerspelling needs only the hand, signs need the body and do not use it."""

    def __init__(self, *, hands_alone: bool = False) -> None:
        try:
            from mediapipe.python.solutions import holistic
        except ImportError as exc:
            raise ModelMissingError(
                "MediaPipe가 설치되어 있지 않아 수어를 인식할 수 없습니다",
                f"mediapipe is not installed: sign recognition is unavailable ({exc})",
                hint="make setup",
            ) from exc
        self._holistic = _solution(lambda: holistic.Holistic(static_image_mode=False, model_complexity=1), "Holistic")
        self._hands = _solution(_hands_solution, "Hands") if hands_alone else None
        self._lock = threading.Lock()

    def process(self, rgb: np.ndarray, t: float) -> LandmarkFrame:
        """Landmarks of an RGB uint8 image [H, W, 3]."""
        if not isinstance(rgb, np.ndarray) or rgb.ndim != 3 or rgb.shape[2] != 3 or rgb.dtype != np.uint8:
            raise MediaFormatError("영상 프레임 형식이 잘못되었습니다", "expected an RGB uint8 image [H, W, 3]")
        image = np.ascontiguousarray(rgb)
        with self._lock:
            result = self._holistic.process(image)
            left, right = _points(result.left_hand_landmarks), _points(result.right_hand_landmarks)
            if self._hands is not None and result.pose_landmarks is None and left is None and right is None:
                left, right = _hands_alone(self._hands.process(image))
        height, width = rgb.shape[:2]
        face = _points(result.face_landmarks)
        return LandmarkFrame(
            t=t,
            width=width,
            height=height,
            pose=_points(result.pose_landmarks, visibility=True),
            left_hand=left,
            right_hand=right,
            face=face[list(FACE_SUBSET)] if face is not None else None,
        )

    def close(self) -> None:
        with self._lock:
            self._holistic.close()
            if self._hands is not None:
                self._hands.close()


def _solution(make: Callable[[], object], name: str) -> object:
    """A MediaPipe solution made by ``make``; its model files missing or damaged raise :class:`ModelMissingError`."""
    try:
        return make()
    except (RuntimeError, FileNotFoundError, ValueError) as exc:
        raise ModelMissingError(
            f"MediaPipe {name} 모델 파일이 없거나 손상되었습니다",
            f"MediaPipe {name} models are missing or damaged ({exc})",
            hint="kiosk doctor",
        ) from exc


def _hands_solution() -> object:
    """MediaPipe Hands in video mode (its models ship in the wheel, as Holistic's do)."""
    from mediapipe.python.solutions import hands

    return hands.Hands(static_image_mode=False, max_num_hands=2, model_complexity=1)


def _hands_alone(result: object) -> tuple[np.ndarray | None, np.ndarray | None]:
    """(left, right) hands of a MediaPipe Hands result in Holistic's convention. Hands labels a hand as if the
    image were mirrored (a selfie view): on the kiosk's unmirrored image its "Right" is the signer's left hand
    (on a real clip, 35 of 43 frames so labelled where Holistic found the left hand)."""
    found: dict[str, np.ndarray] = {}
    for landmarks, handedness in zip(
        result.multi_hand_landmarks or (),  # type: ignore[attr-defined]
        result.multi_handedness or (),  # type: ignore[attr-defined]
        strict=False,
    ):
        side = "left" if handedness.classification[0].label == "Right" else "right"
        found.setdefault(side, _points(landmarks))  # type: ignore[arg-type]
    return found.get("left"), found.get("right")


def _points(landmarks: object, visibility: bool = False) -> np.ndarray | None:
    if landmarks is None:
        return None
    rows = [
        (p.x, p.y, p.z, p.visibility) if visibility else (p.x, p.y, p.z)
        for p in landmarks.landmark  # type: ignore[attr-defined]
    ]
    return np.asarray(rows, dtype=np.float32)


def video_landmarks(frames: Iterator[tuple[float, np.ndarray]]) -> Iterator[LandmarkFrame]:
    """Landmarks of every (seconds, RGB image) in ``frames``."""
    landmarker = HolisticLandmarker()
    try:
        for count, (t, rgb) in enumerate(frames):
            if count >= MAX_FRAMES:
                raise MediaFormatError("영상이 너무 깁니다(10분 이하)", "video too long (at most 10 minutes)")
            yield landmarker.process(rgb, t)
    finally:
        landmarker.close()


PARTS = (("pose", (33, 4)), ("left_hand", (21, 3)), ("right_hand", (21, 3)), ("face", (len(FACE_SUBSET), 3)))


def frames_to_arrays(frames: list[LandmarkFrame]) -> dict[str, np.ndarray]:
    """Frames as arrays with presence flags (missing parts are NaN): t, pose, left/right hand, face, size."""
    n = len(frames)
    arrays: dict[str, np.ndarray] = {"t": np.asarray([f.t for f in frames], np.float64)}
    for name, shape in PARTS:
        data = np.full((n, *shape), np.nan, np.float32)
        present = np.zeros(n, bool)
        for i, frame in enumerate(frames):
            value = getattr(frame, name)
            if value is not None:
                data[i], present[i] = value, True
        arrays[name], arrays[f"{name}_present"] = data, present
    arrays["size"] = np.asarray([frames[0].width, frames[0].height] if frames else [0, 0])
    return arrays


def save_npz(frames: list[LandmarkFrame], path: Path) -> Path:
    """Write :func:`frames_to_arrays` of ``frames`` to a compressed ``.npz``."""
    np.savez_compressed(path, **frames_to_arrays(frames))
    return Path(path)


def arrays_to_frames(arrays: dict[str, np.ndarray] | np.lib.npyio.NpzFile) -> list[LandmarkFrame]:
    """The frames back from :func:`frames_to_arrays`; missing keys or wrong shapes raise :class:`MediaFormatError`."""
    try:
        t = np.asarray(arrays["t"], np.float64)
        width, height = (int(v) for v in arrays["size"])
        parts = {name: (np.asarray(arrays[name]), np.asarray(arrays[f"{name}_present"], bool)) for name, _ in PARTS}
    except (KeyError, ValueError, TypeError, OSError) as exc:
        raise MediaFormatError("랜드마크 파일 형식이 잘못되었습니다", f"not a landmark file: {exc}") from exc
    for name, shape in PARTS:
        data, present = parts[name]
        if t.ndim != 1 or data.shape != (len(t), *shape) or present.shape != t.shape:
            raise MediaFormatError(
                f"랜드마크 배열 모양이 잘못되었습니다: {name}",
                f"landmark array {name} has shape {data.shape}, expected {(len(t), *shape)}",
            )
    if len(t) and (width <= 0 or height <= 0):
        raise MediaFormatError("랜드마크 파일의 영상 크기가 잘못되었습니다", f"bad image size {width}x{height}")

    def part(name: str, i: int) -> np.ndarray | None:
        data, present = parts[name]
        return data[i] if present[i] else None

    return [
        LandmarkFrame(float(t[i]), width, height, *(part(name, i) for name, _ in PARTS))  # type: ignore[arg-type]
        for i in range(len(t))
    ]


def load_npz(path: Path) -> list[LandmarkFrame]:
    """Frames from a file written by :func:`save_npz`; a missing, corrupt or wrong file raises
    :class:`MediaFormatError`."""
    try:
        with np.load(Path(path), allow_pickle=False) as data:
            return arrays_to_frames(data)
    except (OSError, ValueError, EOFError, zipfile.BadZipFile) as exc:
        raise MediaFormatError(
            f"랜드마크 파일을 읽을 수 없습니다: {path}", f"cannot read landmarks {path}: {exc}"
        ) from exc
