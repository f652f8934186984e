"""The screens' contract with the runtime, the Qt bridge, and what every visitor string and colour must meet."""

from __future__ import annotations

import threading

import numpy as np
import pytest

from base.clock import ManualClock
from base.errors import KioskError
from kiosk.config import KioskConfig
from kiosk.contract import check_contract
from kiosk.deviceless_runtime import DevicelessRuntime
from kiosk.runtime import KioskRuntime
from kiosk.session import Session
from kiosk.store import TranscriptStore
from ui.app import application, build_windows
from ui.bridge import SessionBridge
from ui.strings import STRINGS
from ui.theme import HIGH_CONTRAST, NORMAL, contrast_ratio, text_pairs


def test_the_bridge_passes_on_only_the_newest_of_many_camera_frames(qtbot, config: KioskConfig) -> None:
    application()
    bridge = SessionBridge(Session(config, TranscriptStore(config.store.path), clock=ManualClock()))
    received: list[int] = []
    bridge.frame.connect(lambda image: received.append(int(image[0, 0, 0])))
    camera = threading.Thread(target=lambda: [bridge.on_frame(np.full((4, 4, 3), i, np.uint8)) for i in range(200)])
    camera.start()
    camera.join()  # the GUI thread was busy while the camera pushed 200 frames
    qtbot.waitUntil(lambda: bool(received) and received[-1] == 199)
    assert len(received) <= 2


def test_a_runtime_missing_a_part_is_refused_at_start_up(qtbot, config: KioskConfig) -> None:
    application()
    runtime = DevicelessRuntime(Session(config, TranscriptStore(config.store.path), clock=ManualClock()))
    voice = runtime.voice
    del runtime.voice  # a renamed or forgotten part: the voice controls would silently vanish
    try:
        with pytest.raises(KioskError, match="lacks voice"):
            build_windows(runtime)
    finally:
        voice.close()
        runtime.spelling.close()
        runtime.signing.close()


def test_the_live_runtime_satisfies_the_screen_contract(config: KioskConfig) -> None:
    runtime = KioskRuntime.build(config, clock=ManualClock(), start_devices=False)
    try:
        check_contract(runtime)
    finally:
        runtime.close()


def test_every_visitor_string_in_every_language() -> None:
    for key, texts in STRINGS.items():
        for language in ("ko", "en", "zh", "vi", "ja"):
            assert texts.get(language), f"{key} has no {language} text"


def test_text_contrast_at_least_4_5() -> None:
    for palette in (NORMAL, HIGH_CONTRAST):
        for foreground, background in text_pairs(palette):
            assert contrast_ratio(foreground, background) >= 4.5, (foreground, background)
    assert contrast_ratio("#777777", "#FFFFFF") < 4.5  # the check can fail
