"""PyInstaller runtime hook: sounddevice uses the PortAudio library carried in the bundle.

sounddevice 0.5.6 locates PortAudio with ``ctypes.util.find_library("portaudio")`` and opens whatever it
returns (it reads no ``SD_PORTAUDIO`` variable). On Linux ``find_library`` asks ``ldconfig``, so it never
sees the copy in the bundle. This hook answers that one lookup with the bundled ``libportaudio.so.2``
(and its own ``libasound``/``libjack``, collected beside it), so the counter PC needs no ``libportaudio2``.
"""

import ctypes.util
import os
import sys

_BUNDLED_PORTAUDIO = os.path.join(sys._MEIPASS, "libportaudio.so.2")
_find_library = ctypes.util.find_library


def _find_library_bundled_first(name: str) -> str | None:
    if name == "portaudio" and os.path.isfile(_BUNDLED_PORTAUDIO):
        return _BUNDLED_PORTAUDIO
    return _find_library(name)


ctypes.util.find_library = _find_library_bundled_first
