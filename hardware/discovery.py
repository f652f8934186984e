"""Find cameras, microphones and speakers on this machine; never raises, returns [] when there are none."""

from __future__ import annotations

import glob
import logging
import re
import sys

from hardware.cv2_import import import_cv2
from hardware.devices import DeviceInfo

log = logging.getLogger(__name__)


def list_cameras(max_index: int = 4) -> list[DeviceInfo]:
    """Cameras that open and deliver a frame. On Linux only existing ``/dev/videoN`` nodes are tried."""
    if sys.platform.startswith("linux"):
        nodes = sorted(glob.glob("/dev/video*"))
        indices = [int(m.group(1)) for n in nodes if (m := re.fullmatch(r"/dev/video(\d+)", n))]
        indices = [i for i in indices if i < max_index * 2]
    else:
        indices = list(range(max_index))
    if not indices:
        return []
    cv2 = import_cv2()
    found = []
    for index in indices:
        capture = cv2.VideoCapture(index)
        try:
            if capture.isOpened() and capture.read()[0]:
                found.append(DeviceInfo("camera", f"camera {index}", index, f"/dev/video{index}"))
        finally:
            capture.release()
    return found


def list_microphones() -> list[DeviceInfo]:
    """Input devices PortAudio knows."""
    return _audio_devices("microphone", "max_input_channels")


def list_speakers() -> list[DeviceInfo]:
    """Output devices PortAudio knows."""
    return _audio_devices("speaker", "max_output_channels")


def _audio_devices(kind: str, channels_key: str) -> list[DeviceInfo]:
    from hardware.sounddevice_audio import import_sounddevice

    try:
        devices = import_sounddevice().query_devices()
    except Exception as exc:  # noqa: BLE001 - no PortAudio or no audio system means no devices
        log.debug("no %s: %s", kind, exc)
        return []
    return [
        DeviceInfo(kind, str(d["name"]), i, f"{d[channels_key]} channel(s)")
        for i, d in enumerate(devices)
        if d.get(channels_key, 0) > 0
    ]
