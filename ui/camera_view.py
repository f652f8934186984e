"""The visitor's own camera picture on the sign and fingerspelling screens, with a guide and what it sees.

A deaf visitor needs to see themselves as the camera does: the self-view takes at least 40 % of the screen's
width, a dashed frame marks where the hands and face should be, and a line along its bottom says what the kiosk
sees: hands seen, step into the frame, or too dark (the picture's mean brightness). The letter being held in
fingerspelling is drawn large (140 px at 100 %) in the picture's corner, where the visitor is already looking.
"""

from __future__ import annotations

import time

import numpy as np
from PyQt6.QtCore import QRectF, Qt
from PyQt6.QtGui import QColor, QFont, QImage, QPainter, QPaintEvent, QPen, QPixmap
from PyQt6.QtWidgets import QLabel

from ui.strings import tr

SHARE = 0.42  # of the window's width
DARK = 45  # mean brightness (0-255) below which the picture is too dark to read hands
SEEN_S = 1.5  # hands count as seen this long after the recogniser last reported them
LETTER_PX = 140


class CameraView(QLabel):
    """The self-view; :meth:`show_frame` with each camera picture, :meth:`hands_seen` when hands were found."""

    def __init__(self) -> None:
        super().__init__()
        self.setObjectName("camera_view")
        self.setAlignment(Qt.AlignmentFlag.AlignCenter)
        self.language: str | None = None
        self.letter = ""
        self.dark = False
        self._seen_at = 0.0

    def fit(self, window_width: int, window_height: int) -> None:
        """42 % of the width; as tall as 4:3 allows within 45 % of the height (the picture is cropped to fill)."""
        width = max(320, int(window_width * SHARE))
        self.setFixedSize(width, min(width * 3 // 4, int(window_height * 0.45)))

    def show_frame(self, image: np.ndarray) -> None:
        height, width, _ = image.shape
        self.dark = float(image[::8, ::8].mean()) < DARK
        qimage = QImage(image.data, width, height, 3 * width, QImage.Format.Format_RGB888).copy()
        scaled = QPixmap.fromImage(qimage).scaled(
            self.size(), Qt.AspectRatioMode.KeepAspectRatioByExpanding, Qt.TransformationMode.SmoothTransformation
        )
        x, y = (scaled.width() - self.width()) // 2, (scaled.height() - self.height()) // 2
        self.setPixmap(scaled.copy(x, y, self.width(), self.height()))  # the middle, filling the view

    def hands_seen(self, letter: str = "") -> None:
        self._seen_at = time.monotonic()
        self.letter = letter
        self.update()

    def cue(self) -> str:
        if self.dark:
            return tr("cam_dark", self.language)
        seen = time.monotonic() - self._seen_at < SEEN_S
        return tr("cam_hands" if seen else "cam_step_in", self.language)

    def clear(self) -> None:
        super().clear()
        self.letter, self.dark, self._seen_at = "", False, 0.0

    def paintEvent(self, event: QPaintEvent) -> None:
        super().paintEvent(event)
        painter = QPainter(self)
        painter.setRenderHint(QPainter.RenderHint.Antialiasing)
        w, h = float(self.width()), float(self.height())
        painter.setPen(QPen(QColor("#FFD400"), 4, Qt.PenStyle.DashLine))
        painter.drawRoundedRect(QRectF(w * 0.15, h * 0.08, w * 0.7, h * 0.8), 24, 24)  # face and hands go here
        band = QRectF(0, h - 56, w, 56)
        painter.fillRect(band, QColor(0, 0, 0, 170))
        font = QFont(self.font())
        font.setPixelSize(32)
        font.setBold(True)
        painter.setFont(font)
        painter.setPen(QColor("#FFFFFF"))
        painter.drawText(band, Qt.AlignmentFlag.AlignCenter, self.cue())
        if self.letter:
            font.setPixelSize(LETTER_PX)
            painter.setFont(font)
            box = QRectF(w - LETTER_PX * 1.3 - 12, 12, LETTER_PX * 1.3, LETTER_PX * 1.3)
            painter.fillRect(box, QColor(0, 0, 0, 170))
            painter.drawText(box, Qt.AlignmentFlag.AlignCenter, self.letter)
