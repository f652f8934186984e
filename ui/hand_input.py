"""The visitor's hands as input: the self-view beside the chat and the fingerspelling and sign panels in the list.

Which of them a visit shows follows its mode (:meth:`HandInput.show_mode`): fingerspelling, the spelling panel and
the self-view with the held letter's box; signing, the sign panel and the self-view; text or speech, none. A panel
shows only where its live channel runs (none: the kiosk has no camera input for it). Each panel's buttons are a row of
their own (``controls``), which the conversation page keeps out of the list, in view.
"""

from __future__ import annotations

from collections.abc import Callable

import numpy as np

from base.errors import KioskError
from base.events import Spelling, VisitorMode
from kiosk.channels.fingerspelling import SpellingChannel
from kiosk.channels.signing import SignChannel
from ui.bridge import SessionBridge
from ui.camera_view import CameraView
from ui.language_picker import SIGNING
from ui.sign_panel import SignPanel
from ui.spelling_panel import SpellingPanel


class HandInput:
    """The self-view (:attr:`camera`) and the panels (:attr:`spelling`, :attr:`signs`) of one visitor screen."""

    def __init__(
        self, spelling: SpellingChannel | None, signing: SignChannel | None, on_error: Callable[[KioskError], None]
    ) -> None:
        self.camera = CameraView()
        self.spelling = SpellingPanel(spelling, on_error)
        self.signs = SignPanel(signing)
        self._running = {self.spelling: spelling is not None, self.signs: signing is not None}
        for panel in self._running:
            panel.hide()
            panel.controls.hide()
        self.camera.hide()

    def listen(self, bridge: SessionBridge) -> None:
        """Show what the live inputs read: the letters, the signs, what the camera sees, its picture."""
        bridge.spelling.connect(self.show_spelling)
        bridge.signs.connect(self.signs.show_signs)
        bridge.camera_view.connect(self.camera.show_view)
        bridge.frame.connect(self.show_frame)

    def show_mode(self, language: str, mode: VisitorMode | None, width: int, height: int) -> None:
        """The panels and self-view of a visit in ``mode``, in ``language``, in a window ``width`` x ``height``."""
        spelling = mode is VisitorMode.FINGERSPELLING
        shown = {self.spelling: spelling, self.signs: mode is VisitorMode.SIGN}
        for panel, running in self._running.items():
            panel.setVisible(shown[panel] and running)
            panel.controls.setVisible(shown[panel] and running)
            panel.set_language(language)
        self.camera.setVisible(mode in SIGNING)
        self.camera.language, self.camera.spelling = language, spelling
        self.camera.fit(width, height)

    def show_spelling(self, spelling: Spelling) -> None:
        self.spelling.show_spelling(spelling)
        self.camera.show_letter("" if spelling.holding == "?" else spelling.holding)  # "?": a hand, not a letter
        self.camera.show_word(spelling.text)

    def show_frame(self, image: np.ndarray) -> None:
        if self.camera.isVisible():
            self.camera.show_frame(image)

    def clear(self) -> None:
        """Nothing of the last visit stays: no letters, signs or picture."""
        self.spelling.clear()
        self.signs.clear()
        self.camera.clear()
