"""Import OpenCV without breaking PyQt6.

``import cv2`` (opencv-contrib-python) sets ``QT_QPA_PLATFORM_PLUGIN_PATH`` and ``QT_QPA_FONTDIR`` to its
own Qt5 folders; PyQt6 then loads the wrong plugins or no fonts. This removes what cv2 added.
"""

from __future__ import annotations

import os
from types import ModuleType

QT_VARIABLES = ("QT_QPA_PLATFORM_PLUGIN_PATH", "QT_QPA_FONTDIR")


def import_cv2() -> ModuleType:
    """``cv2``, with the Qt variables it set removed again (ones set before are kept)."""
    before = {name: os.environ.get(name) for name in QT_VARIABLES}
    os.environ.setdefault("OPENCV_LOG_LEVEL", "ERROR")
    import cv2

    for name, value in before.items():
        if value is None:
            os.environ.pop(name, None)
        else:
            os.environ[name] = value
    return cv2
